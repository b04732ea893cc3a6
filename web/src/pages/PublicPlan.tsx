/**
 * A plan's public page (no login): the indicators its planner published, each with its target, latest
 * approved value, status and a chart of its series. Chinese first; light on purpose (no app shell, no
 * admin chrome; ECharts loaded only here).
 */
import { useParams } from "react-router-dom";
import { useEffect, useMemo, useState, type ReactNode } from "react";
import { LineChart } from "echarts/charts";
import { EChart, echarts } from "../EChart";
import { useI18n } from "../i18n";

echarts.use([LineChart]);

interface Point {
  periodId: string;
  value: number;
}
interface PublicItem {
  id: string;
  metric: string;
  target: string;
  unit: string;
  deadline: string | null;
  latest: Point | null;
  status: "achieved" | "on_track" | "at_risk" | "off_track" | "no_data";
  statusLabel: string;
  series: Point[];
}
interface PublicPlanData {
  id: string;
  title: string;
  issuer: string | null;
  area: string | null;
  items: PublicItem[];
  computedAt: string;
}

/** Up to two decimals, as official statistics print them. */
const fmt = (v: number) => String(Math.round(v * 100) / 100);

const STATUS_COLORS: Record<PublicItem["status"], string> = {
  achieved: "#2e7d32",
  on_track: "#1565c0",
  at_risk: "#ef6c00",
  off_track: "#c62828",
  no_data: "#757575",
};
const STATUS_EN: Record<PublicItem["status"], string> = {
  achieved: "Achieved",
  on_track: "On track",
  at_risk: "At risk",
  off_track: "Off track",
  no_data: "No data",
};

/** The public pages' frame: a title bar with the language switch, no sign-in, no menu. */
export function PublicFrame({ title, children }: { title: string; children: ReactNode }) {
  const { lang, setLang, tr } = useI18n();
  return (
    <div className="public-page">
      <header className="public-header">
        <span className="public-brand">{tr("目标 · 公开信息", "Mubiao · Public")}</span>
        <button type="button" className="public-lang" onClick={() => setLang(lang === "en" ? "zh" : "en")}>
          {lang === "en" ? "中文" : "English"}
        </button>
      </header>
      <main className="public-main">
        <h1 className="public-title">{title}</h1>
        {children}
      </main>
      <style>{PUBLIC_CSS}</style>
    </div>
  );
}

function Chart({ item }: { item: PublicItem }) {
  const option = useMemo(
    () => ({
      grid: { left: 50, right: 20, top: 20, bottom: 30 },
      tooltip: { trigger: "axis" as const },
      xAxis: { type: "category" as const, data: item.series.map((p) => p.periodId) },
      yAxis: { type: "value" as const, name: item.unit },
      series: [
        {
          type: (item.series.length > 1 ? "line" : "bar") as "line",
          data: item.series.map((p) => Math.round(p.value * 100) / 100),
          itemStyle: { color: STATUS_COLORS[item.status] },
          label: { show: true },
          barMaxWidth: 40,
        },
      ],
    }),
    [item],
  );
  return <EChart option={option} height={200} testId="public-chart" />;
}

export default function PublicPlan() {
  const { planId = "" } = useParams();
  const { tr, lang } = useI18n();
  const [plan, setPlan] = useState<PublicPlanData | null>(null);
  const [missing, setMissing] = useState(false);
  useEffect(() => {
    fetch(`/api/public/plans/${encodeURIComponent(planId)}`)
      .then((r) =>
        r.ok ? (r.json() as Promise<PublicPlanData>) : Promise.reject(new Error(String(r.status))),
      )
      .then(setPlan)
      .catch(() => setMissing(true));
  }, [planId]);
  if (missing)
    return (
      <PublicFrame title={tr("未找到公开信息", "Not found")}>
        <p className="public-note">
          {tr("该计划未公开或不存在。", "This plan is not published or does not exist.")}
        </p>
      </PublicFrame>
    );
  if (!plan) return <PublicFrame title={tr("加载中…", "Loading…")}>{null}</PublicFrame>;
  return (
    <PublicFrame title={plan.title}>
      <p className="public-note">
        {plan.issuer ? `${plan.issuer} · ` : ""}
        {plan.area ? tr(`统计范围：${plan.area}`, `Area: ${plan.area}`) : ""}
        {" · "}
        {tr("数据更新于", "Computed at")}{" "}
        {new Date(plan.computedAt).toLocaleString(lang === "en" ? "en-GB" : "zh-CN")}
      </p>
      <div className="public-grid" data-testid="public-items">
        {plan.items.map((i) => (
          <section key={i.id} className="public-card" data-testid="public-item">
            <h2 className="public-metric">{i.metric}</h2>
            <div className="public-figures">
              <span>
                {tr("目标", "Target")}：{i.target}
                {i.deadline ? tr(`（${i.deadline}）`, ` (${i.deadline})`) : ""}
              </span>
              <span>
                {tr("最新值", "Latest")}：
                <strong>{i.latest ? `${fmt(i.latest.value)}${i.unit}` : "—"}</strong>
                {i.latest ? `（${i.latest.periodId}）` : ""}
              </span>
              <span
                className="public-status"
                style={{ color: STATUS_COLORS[i.status], borderColor: STATUS_COLORS[i.status] }}
              >
                {lang === "en" ? STATUS_EN[i.status] : i.statusLabel}
              </span>
            </div>
            {i.series.length > 0 ? (
              <Chart item={i} />
            ) : (
              <p className="public-note">{tr("暂无已审核的数据。", "No approved data yet.")}</p>
            )}
          </section>
        ))}
      </div>
    </PublicFrame>
  );
}

const PUBLIC_CSS = `
.public-page { min-height: 100vh; background: #f5f6f8; color: #1f2329; }
.public-header { display: flex; justify-content: space-between; align-items: center; padding: 10px 24px;
  background: #b71c1c; color: #fff; }
.public-brand { font-weight: 600; letter-spacing: 1px; }
.public-lang { background: transparent; color: #fff; border: 1px solid rgba(255,255,255,.6); border-radius: 4px;
  padding: 2px 10px; cursor: pointer; }
.public-main { max-width: 1100px; margin: 0 auto; padding: 24px; }
.public-title { font-size: 24px; margin: 0 0 8px; font-weight: 600; }
.public-note { color: #646a73; }
.public-list { line-height: 2; font-size: 16px; }
.public-grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(320px, 1fr)); gap: 16px; margin-top: 16px; }
.public-card { background: #fff; border-radius: 6px; padding: 16px; box-shadow: 0 1px 2px rgba(0,0,0,.06); }
.public-metric { font-size: 16px; margin: 0 0 8px; }
.public-figures { display: flex; flex-wrap: wrap; gap: 12px; align-items: center; margin-bottom: 8px; }
.public-status { border: 1px solid; border-radius: 10px; padding: 0 8px; font-size: 12px; }
`;
