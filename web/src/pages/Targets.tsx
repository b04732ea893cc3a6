/**
 * The plan's targets (and the actuals it reports): metric, comparator, value, unit, deadline, review
 * status; for targets also the linked indicator, its latest approved value at a chosen org unit and
 * period, and the attainment status computed from it (达成情况).
 */
import { useOutletContext, useParams } from "react-router-dom";
import { Card, Segmented, Select, Space, Table, Tag, Tooltip, TreeSelect, Typography } from "antd";
import { useMemo, useState } from "react";
import { all, api } from "../api";
import { useLoad } from "../hooks";
import type { ShellContext } from "../Shell";
import { useI18n } from "../i18n";
import { comparatorLabel, pick, reviewColor, reviewLabel } from "../labels";
import type { Quantity, ReviewStatus } from "../types";

interface OrgNode {
  id: string;
  name: string;
  children: OrgNode[];
}
interface OrgChoice {
  value: string;
  title: string;
  children: OrgChoice[];
}
type Attainment = "achieved" | "on_track" | "at_risk" | "off_track" | "no_data";
interface TargetStatus {
  targetId: string;
  indicatorName: string;
  status: Attainment;
  label: string;
  latest: { periodId: string; value: number } | null;
  explanation: string;
}
interface Linked extends Quantity {
  indicatorId?: string | null;
  link?: { status: string; candidates: Array<{ indicatorId: string | null; name: string }> } | null;
}
const attainmentColor: Record<Attainment, string> = {
  achieved: "green",
  on_track: "blue",
  at_risk: "orange",
  off_track: "red",
  no_data: "default",
};
const linkLabel: Record<string, [string, string]> = {
  confirmed: ["已确认", "confirmed"],
  suggested: ["建议", "suggested"],
  candidates: ["待选择", "to choose"],
  unlinked: ["未关联", "unlinked"],
};

export default function Targets() {
  const { planId = "" } = useParams();
  const { t, tr, lang } = useI18n();
  const [kind, setKind] = useState<"targets" | "actuals">("targets");
  const { plan } = useOutletContext<ShellContext>();
  const list = useLoad(() => all<Linked>(`/api/plans/${planId}/${kind}`), [planId, kind]);
  const orgs = useLoad(() => api<{ items: OrgNode[] }>("GET", "/api/org-units").then((r) => r.items), []);
  const [orgUnit, setOrgUnit] = useState<string>();
  const year = plan?.year ?? new Date().getFullYear();
  const [period, setPeriod] = useState<string>();
  const org = orgUnit ?? orgs.data?.[0]?.id;
  const per = period ?? String(year);
  const status = useLoad(
    () =>
      org && kind === "targets"
        ? api<{ items: TargetStatus[] }>(
            "GET",
            `/api/plans/${planId}/targets/status?orgUnit=${org}&period=${per}`,
          ).then((r) => r.items)
        : Promise.resolve([]),
    [planId, org, per, kind],
  );
  const byTarget = useMemo(() => new Map((status.data ?? []).map((x) => [x.targetId, x])), [status.data]);
  const toTree = (ns: OrgNode[]): OrgChoice[] =>
    ns.map((n) => ({ value: n.id, title: n.name, children: toTree(n.children) }));
  // The next year's quarters too: a year's figures are often reported (and assessed) in the next year.
  const periods = [
    String(year),
    `${year}H1`,
    `${year}H2`,
    ...[1, 2, 3, 4].map((q) => `${year}Q${q}`),
    ...[1, 2, 3, 4].map((q) => `${year + 1}Q${q}`),
  ];
  const monitoring =
    kind === "targets"
      ? [
          {
            title: tr("关联指标", "Indicator"),
            key: "indicator",
            width: 170,
            render: (_: unknown, q: Linked) => {
              const name =
                byTarget.get(q.id)?.indicatorName ??
                q.link?.candidates.find((c) => c.indicatorId === q.indicatorId)?.name;
              const l = q.link?.status ?? (q.indicatorId ? "confirmed" : "unlinked");
              return (
                <Space direction="vertical" size={0} data-testid="indicator-cell">
                  <span>{q.indicatorId && name ? name : "—"}</span>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {pick(linkLabel[l], lang) || l}
                  </Typography.Text>
                </Space>
              );
            },
          },
          {
            title: tr("最新值", "Latest"),
            key: "latest",
            width: 110,
            align: "right" as const,
            render: (_: unknown, q: Linked) => {
              const s = byTarget.get(q.id);
              return s?.latest ? (
                <Tooltip title={s.latest.periodId}>
                  <Typography.Text strong>
                    {Number(s.latest.value.toFixed(2))}
                    {q.unit}
                  </Typography.Text>
                </Tooltip>
              ) : (
                "—"
              );
            },
          },
          {
            title: tr("达成情况", "Attainment"),
            key: "attainment",
            width: 120,
            render: (_: unknown, q: Linked) => {
              const s = byTarget.get(q.id);
              return s ? (
                <Tooltip title={s.explanation}>
                  <Tag color={attainmentColor[s.status]} data-testid="attainment">
                    {s.label}
                  </Tag>
                </Tooltip>
              ) : (
                <Typography.Text type="secondary">{tr("未关联指标", "No indicator")}</Typography.Text>
              );
            },
          },
        ]
      : [];
  return (
    <>
      <Typography.Title level={4} className="page-title">
        {t("targets")}
      </Typography.Title>
      <Card
        size="small"
        title={
          <Segmented
            value={kind}
            onChange={(v) => setKind(v as "targets" | "actuals")}
            options={[
              { value: "targets", label: tr("目标指标", "Targets") },
              { value: "actuals", label: tr("已达成的实际值", "Actuals reported") },
            ]}
          />
        }
        extra={
          kind === "targets" && (
            <Space data-testid="status-scope">
              <Typography.Text type="secondary">{tr("达成情况按", "Attainment at")}</Typography.Text>
              <TreeSelect
                style={{ width: 220 }}
                treeDefaultExpandAll
                placeholder={tr("请先建立组织机构", "Set up org units first")}
                value={org}
                onChange={setOrgUnit}
                treeData={toTree(orgs.data ?? [])}
              />
              <Select
                style={{ width: 110 }}
                value={per}
                onChange={setPeriod}
                options={periods.map((p) => ({ value: p, label: p }))}
              />
            </Space>
          )
        }
      >
        <Table<Linked>
          rowKey="id"
          size="middle"
          loading={list.loading || status.loading}
          dataSource={list.data ?? []}
          pagination={{ defaultPageSize: 50, hideOnSinglePage: true }}
          data-testid="targets-table"
          columns={[
            {
              title: tr("指标", "Metric"),
              dataIndex: "metric",
              render: (v: string, q) => (
                <>
                  <div>{v}</div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {q.quote}
                  </Typography.Text>
                </>
              ),
            },
            {
              title: tr("比较", "Comparator"),
              dataIndex: "comparator",
              width: 120,
              render: (c: string) => pick(comparatorLabel[c], lang) || c,
            },
            {
              title: tr("数值", "Value"),
              dataIndex: "value",
              width: 100,
              align: "right",
              sorter: (a, b) => a.value - b.value,
              render: (v: number) => <Typography.Text strong>{v}</Typography.Text>,
            },
            { title: tr("单位", "Unit"), dataIndex: "unit", width: 80 },
            {
              title: tr("时限", "Deadline"),
              dataIndex: "deadline",
              width: 100,
              sorter: (a, b) => (a.deadline ?? "").localeCompare(b.deadline ?? ""),
              render: (v: string | null) => v ?? "—",
            },
            ...monitoring,
            {
              title: tr("审核", "Review"),
              dataIndex: "reviewStatus",
              width: 100,
              filters: (Object.keys(reviewLabel) as ReviewStatus[]).map((s) => ({
                text: pick(reviewLabel[s], lang),
                value: s,
              })),
              onFilter: (v, q) => q.reviewStatus === v,
              render: (s: ReviewStatus) => <Tag color={reviewColor[s]}>{pick(reviewLabel[s], lang)}</Tag>,
            },
          ]}
        />
      </Card>
    </>
  );
}
