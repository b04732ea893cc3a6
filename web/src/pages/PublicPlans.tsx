/**
 * 公开信息 (no login): the plans whose planners published indicators, each linking to its public page.
 * Light on purpose: no app shell, no admin chrome, plain markup.
 */
import { Link } from "react-router-dom";
import { useEffect, useState } from "react";
import { useI18n } from "../i18n";
import { PublicFrame } from "./PublicPlan";

interface PublicPlanItem {
  id: string;
  title: string;
  year: number | null;
  issuer: string | null;
  targetCount: number;
}

export default function PublicPlans() {
  const { tr } = useI18n();
  const [plans, setPlans] = useState<PublicPlanItem[] | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    fetch("/api/public/plans")
      .then((r) => (r.ok ? (r.json() as Promise<{ items: PublicPlanItem[] }>) : Promise.reject(new Error())))
      .then((b) => setPlans(b.items))
      .catch(() => setFailed(true));
  }, []);
  return (
    <PublicFrame title={tr("重点工作目标公开", "Published targets")}>
      {failed && (
        <p className="public-note">{tr("暂时无法加载，请稍后再试。", "Could not load; try again later.")}</p>
      )}
      {plans?.length === 0 && (
        <p className="public-note">{tr("暂无公开的计划。", "Nothing is published yet.")}</p>
      )}
      <ul className="public-list" data-testid="public-plans">
        {(plans ?? []).map((p) => (
          <li key={p.id}>
            <Link to={`/public/plans/${p.id}`}>{p.title}</Link>
            <span className="public-note">
              {" "}
              {tr(`（${p.targetCount}项指标）`, ` (${p.targetCount} indicators)`)}
            </span>
          </li>
        ))}
      </ul>
    </PublicFrame>
  );
}
