/**
 * A plan at a glance: task counts by status and by lead unit, targets by review status and by attainment
 * (computed on request, with its time shown), deadlines coming up and
 * missed, and the Gantt view of tasks against their deadlines (挂图作战).
 */
import { useMemo } from "react";
import { Link, useOutletContext, useParams } from "react-router-dom";
import { Card, Col, Empty, List, Row, Statistic, Tag, Typography } from "antd";
import type {
  CustomSeriesRenderItemAPI,
  CustomSeriesRenderItemParams,
  CustomSeriesRenderItemReturn,
} from "echarts";
import { all, api } from "../api";
import { EChart, type EChartsOption } from "../EChart";
import { useLoad } from "../hooks";
import { useI18n } from "../i18n";
import { pick, progressChartColor, progressLabel, reviewLabel } from "../labels";
import type { ShellContext } from "../Shell";
import type { ProgressStatus, Quantity, RegisterRow, ReviewStatus } from "../types";

const dayMs = 24 * 3600 * 1000;

type Attainment = "achieved" | "on_track" | "at_risk" | "off_track" | "no_data";
const attainmentOrder: Attainment[] = ["achieved", "on_track", "at_risk", "off_track", "no_data"];
const attainmentLabel: Record<Attainment, [string, string]> = {
  achieved: ["已达标", "achieved"],
  on_track: ["进度正常", "on track"],
  at_risk: ["存在风险", "at risk"],
  off_track: ["进度滞后", "off track"],
  no_data: ["暂无数据", "no data"],
};
const attainmentChartColor: Record<Attainment, string> = {
  achieved: "#52c41a",
  on_track: "#1677ff",
  at_risk: "#faad14",
  off_track: "#ff4d4f",
  no_data: "#bfbfbf",
};
interface AttainmentSummary {
  items: Array<{ status: Attainment }>;
  unlinked: number;
  computedAt: string;
}

export default function Dashboard() {
  const { planId = "" } = useParams();
  const { plan } = useOutletContext<ShellContext>();
  const { t, tr, lang } = useI18n();
  const data = useLoad(async () => {
    const [reg, targets] = await Promise.all([
      api<{ items: RegisterRow[] }>("GET", `/api/plans/${planId}/register`),
      all<Quantity>(`/api/plans/${planId}/targets`),
    ]);
    // Attainment of the plan's linked targets for its whole area (the top org unit) over its year.
    const orgs = await api<{ items: Array<{ id: string }> }>("GET", "/api/org-units");
    const root = orgs.items[0]?.id;
    const year = plan?.year ?? new Date().getFullYear();
    const attainment = root
      ? await api<AttainmentSummary>(
          "GET",
          `/api/plans/${planId}/targets/status?orgUnit=${root}&period=${year}`,
        ).catch(() => null)
      : null;
    return { rows: reg.items.filter((r) => r.reviewStatus !== "rejected"), targets, attainment };
  }, [planId, plan?.year]);
  const rows = useMemo(() => data.data?.rows ?? [], [data.data]);
  const targets = useMemo(() => data.data?.targets ?? [], [data.data]);
  const today = new Date().toISOString().slice(0, 10);
  const soon = new Date(Date.now() + 30 * dayMs).toISOString().slice(0, 10);
  const statuses = Object.keys(progressLabel) as ProgressStatus[];

  const byStatus = statuses.map((s) => ({ status: s, n: rows.filter((r) => r.status === s).length }));
  const overdue = rows
    .filter((r) => r.overdue)
    .sort((a, b) => (a.deadlineDue ?? "").localeCompare(b.deadlineDue ?? ""));
  const upcoming = rows
    .filter((r) => r.deadlineDue && r.deadlineDue >= today && r.deadlineDue <= soon && r.status !== "done")
    .sort((a, b) => (a.deadlineDue ?? "").localeCompare(b.deadlineDue ?? ""));

  const statusPie = useMemo<EChartsOption>(
    () => ({
      tooltip: { trigger: "item" },
      legend: { bottom: 0 },
      series: [
        {
          type: "pie",
          radius: ["45%", "70%"],
          label: { formatter: "{b}\n{c}" },
          data: statuses
            .map((s) => ({
              name: pick(progressLabel[s], lang),
              value: rows.filter((r) => r.status === s).length,
              itemStyle: { color: progressChartColor[s] },
            }))
            .filter((d) => d.value > 0),
        },
      ],
    }),
    [rows, lang],
  );

  const unitBars = useMemo<EChartsOption>(() => {
    const m = new Map<string, Record<ProgressStatus, number>>();
    for (const r of rows)
      for (const u of r.leadUnits) {
        const c = m.get(u.name) ?? { not_started: 0, in_progress: 0, done: 0, blocked: 0 };
        c[r.status]++;
        m.set(u.name, c);
      }
    const names = [...m.keys()]
      .sort((a, b) => total(m.get(b)) - total(m.get(a)))
      .slice(0, 15)
      .reverse();
    return {
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      legend: { bottom: 0 },
      grid: { left: 8, right: 24, top: 8, bottom: 36, containLabel: true },
      xAxis: { type: "value", minInterval: 1 },
      yAxis: { type: "category", data: names, axisLabel: { width: 150, overflow: "truncate" } },
      series: statuses.map((s) => ({
        type: "bar",
        stack: "n",
        barMaxWidth: 22,
        name: pick(progressLabel[s], lang),
        itemStyle: { color: progressChartColor[s] },
        data: names.map((n) => m.get(n)?.[s] ?? 0),
      })),
    };
  }, [rows, lang]);

  const attainment = data.data?.attainment ?? null;
  const attainmentPie = useMemo<EChartsOption>(
    () => ({
      tooltip: { trigger: "item" },
      legend: { bottom: 0 },
      series: [
        {
          type: "pie",
          radius: ["45%", "70%"],
          label: { formatter: "{b}\n{c}" },
          data: [
            ...attainmentOrder.map((s) => ({
              name: pick(attainmentLabel[s], lang),
              value: attainment?.items.filter((x) => x.status === s).length ?? 0,
              itemStyle: { color: attainmentChartColor[s] },
            })),
            {
              name: tr("未关联指标", "No indicator"),
              value: attainment?.unlinked ?? 0,
              itemStyle: { color: "#e8e8e8" },
            },
          ].filter((d) => d.value > 0),
        },
      ],
    }),
    [attainment, lang, tr],
  );

  const targetBars = useMemo<EChartsOption>(() => {
    const review = Object.keys(reviewLabel) as ReviewStatus[];
    const years = [...new Set(targets.map((q) => q.deadline?.slice(0, 4) ?? tr("未定", "none")))].sort();
    const colors: Record<ReviewStatus, string> = {
      pending: "#faad14",
      accepted: "#52c41a",
      rejected: "#ff4d4f",
    };
    return {
      tooltip: { trigger: "axis" },
      legend: { bottom: 0 },
      grid: { left: 8, right: 16, top: 16, bottom: 36, containLabel: true },
      xAxis: { type: "category", data: years, name: tr("时限", "Due") },
      yAxis: { type: "value", minInterval: 1 },
      series: review.map((s) => ({
        type: "bar",
        stack: "n",
        barMaxWidth: 40,
        name: pick(reviewLabel[s], lang),
        itemStyle: { color: colors[s] },
        data: years.map(
          (y) =>
            targets.filter(
              (q) => (q.deadline?.slice(0, 4) ?? tr("未定", "none")) === y && q.reviewStatus === s,
            ).length,
        ),
      })),
    };
  }, [targets, lang, tr]);

  // Tasks without a date of their own run to the end of the plan's year, drawn lighter: a yearly plan
  // (工作要点) is due by year end unless a task says otherwise.
  const year = plan?.year ?? new Date().getFullYear();
  const ganttRows = useMemo(
    () =>
      rows
        .map((r) => ({ r, due: r.deadlineDue ?? `${year}-12-31`, implicit: !r.deadlineDue }))
        .sort((a, b) => a.due.localeCompare(b.due) || a.r.no - b.r.no),
    [rows, year],
  );
  const gantt = useMemo<EChartsOption>(() => {
    const yearStart = Date.parse(`${year}-01-01`);
    const labels = ganttRows.map(
      ({ r }) => `${r.no}. ${r.text.slice(0, 18)}${r.text.length > 18 ? "…" : ""}`,
    );
    const end = Math.max(Date.parse(`${year}-12-31`), ...ganttRows.map((g) => Date.parse(g.due)));
    const now = Date.now();
    const many = ganttRows.length > 25;
    return {
      tooltip: {
        formatter: (p: unknown) => {
          const g = ganttRows[(p as { dataIndex: number }).dataIndex];
          if (!g) return "";
          const due = g.implicit ? tr(`未明确（按 ${g.due} 计）`, `not stated (taken as ${g.due})`) : g.due;
          return `${g.r.no}. ${g.r.text}<br/>${tr("牵头", "Lead")}：${g.r.leadUnits.map((u) => u.name).join("、") || "—"}<br/>${tr("时限", "Due")}：${due}（${pick(progressLabel[g.r.status], lang)}）`;
        },
        extraCssText: "max-width:420px;white-space:normal",
      },
      grid: { left: 8, right: many ? 32 : 24, top: 24, bottom: 32, containLabel: true },
      dataZoom: many
        ? [
            {
              type: "slider",
              yAxisIndex: 0,
              right: 4,
              width: 14,
              startValue: 0,
              endValue: 24,
              showDetail: false,
            },
            { type: "inside", yAxisIndex: 0 },
          ]
        : [],
      xAxis: {
        type: "time",
        min: yearStart,
        max: end,
        axisLabel: { formatter: lang === "en" ? "{MMM}" : "{M}月" },
      },
      yAxis: {
        type: "category",
        data: labels,
        inverse: true,
        axisLabel: { width: 220, overflow: "truncate" },
      },
      series: [
        {
          type: "custom",
          renderItem: (
            _params: CustomSeriesRenderItemParams,
            apiR: CustomSeriesRenderItemAPI,
          ): CustomSeriesRenderItemReturn => {
            const idx = apiR.value(0) as number;
            const from = apiR.coord([apiR.value(1), idx]);
            const to = apiR.coord([apiR.value(2), idx]);
            const h = (apiR.size?.([0, 1]) as number[])[1] ?? 10;
            const status = statuses[apiR.value(3) as number] ?? "not_started";
            const overdueNow = apiR.value(4) === 1;
            const implicit = apiR.value(5) === 1;
            return {
              type: "rect",
              shape: {
                x: from[0] ?? 0,
                y: (from[1] ?? 0) - h * 0.3,
                width: (to[0] ?? 0) - (from[0] ?? 0),
                height: h * 0.6,
              },
              style: {
                fill: overdueNow ? "#ff4d4f" : progressChartColor[status],
                opacity: implicit ? 0.4 : 1,
              },
            };
          },
          encode: { x: [1, 2], y: 0 },
          data: ganttRows.map((g, i) => [
            i,
            yearStart,
            Date.parse(g.due),
            statuses.indexOf(g.r.status),
            g.r.overdue ? 1 : 0,
            g.implicit ? 1 : 0,
          ]),
          ...(now >= yearStart && now <= end
            ? {
                markLine: {
                  silent: true,
                  symbol: "none",
                  lineStyle: { color: "#c8102e", type: "dashed" },
                  label: { formatter: tr("今天", "Today") },
                  data: [{ xAxis: now }],
                },
              }
            : {}),
        },
      ],
    };
  }, [ganttRows, year, lang]);

  return (
    <>
      <Typography.Title level={4} className="page-title">
        {t("dashboard")}
      </Typography.Title>
      <Row gutter={[16, 16]}>
        <Col xs={12} md={4}>
          <Card className="stat-card">
            <Statistic title={tr("任务总数", "Tasks")} value={rows.length} data-testid="stat-tasks" />
          </Card>
        </Col>
        {byStatus.map((s) => (
          <Col xs={12} md={4} key={s.status}>
            <Card className="stat-card">
              <Statistic
                title={pick(progressLabel[s.status], lang)}
                value={s.n}
                valueStyle={{
                  color:
                    progressChartColor[s.status] === "#bfbfbf" ? undefined : progressChartColor[s.status],
                }}
                data-testid={`stat-${s.status}`}
              />
            </Card>
          </Col>
        ))}
        <Col xs={12} md={4}>
          <Card className="stat-card">
            <Statistic
              title={tr("逾期", "Overdue")}
              value={overdue.length}
              valueStyle={{ color: overdue.length ? "#c8102e" : undefined }}
              data-testid="stat-overdue"
            />
          </Card>
        </Col>
        <Col xs={24} md={8}>
          <Card size="small" title={tr("任务进展", "Task status")}>
            <EChart option={statusPie} height={280} testId="chart-status" />
          </Card>
        </Col>
        <Col xs={24} md={16}>
          <Card size="small" title={tr("各牵头单位任务数", "Tasks by lead unit")}>
            <EChart option={unitBars} height={280} testId="chart-units" />
          </Card>
        </Col>
        <Col xs={24} md={12}>
          <Card
            size="small"
            title={tr(`目标指标（${targets.length} 个）`, `Targets (${targets.length})`)}
            extra={<Link to={`/plans/${planId}/targets`}>{tr("查看", "Open")}</Link>}
          >
            <EChart option={targetBars} height={260} testId="chart-targets" />
          </Card>
        </Col>
        <Col xs={24} md={12}>
          <Card
            size="small"
            title={tr("目标达成情况", "Target attainment")}
            extra={
              attainment ? (
                <Typography.Text type="secondary" data-testid="attainment-computed-at">
                  {tr("计算于", "computed")} {new Date(attainment.computedAt).toLocaleString()}
                </Typography.Text>
              ) : null
            }
          >
            {attainment && attainment.items.length + attainment.unlinked > 0 ? (
              <EChart option={attainmentPie} height={260} testId="chart-attainment" />
            ) : (
              <Empty description={tr("暂无可评估的目标", "No target to assess yet")} />
            )}
          </Card>
        </Col>
        <Col xs={24} md={12}>
          <Card
            size="small"
            title={tr("30 日内到期", "Due in 30 days")}
            styles={{ body: { height: 260, overflow: "auto" } }}
          >
            <DeadlineList rows={upcoming} />
          </Card>
        </Col>
        <Col xs={24} md={12}>
          <Card
            size="small"
            title={
              <span style={{ color: overdue.length ? "#c8102e" : undefined }}>{tr("已逾期", "Overdue")}</span>
            }
            styles={{ body: { height: 260, overflow: "auto" } }}
          >
            <DeadlineList rows={overdue} />
          </Card>
        </Col>
        <Col span={24}>
          <Card
            size="small"
            title={tr("挂图作战：任务与完成时限", "Tasks against deadlines (Gantt)")}
            extra={
              <Typography.Text type="secondary">
                {tr("浅色：未明确时限，按年底计", "Light: no date stated, taken as year end")}
              </Typography.Text>
            }
          >
            {ganttRows.length > 0 ? (
              <EChart option={gantt} height={80 + Math.min(25, ganttRows.length) * 26} testId="chart-gantt" />
            ) : (
              <Empty description={tr("暂无任务", "No tasks")} />
            )}
          </Card>
        </Col>
      </Row>
    </>
  );
}

function total(c: Record<ProgressStatus, number> | undefined): number {
  return c ? c.not_started + c.in_progress + c.done + c.blocked : 0;
}

function DeadlineList({ rows }: { rows: RegisterRow[] }) {
  const { tr, lang } = useI18n();
  if (rows.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={tr("无", "None")} />;
  return (
    <List
      size="small"
      dataSource={rows}
      renderItem={(r) => (
        <List.Item>
          <List.Item.Meta
            title={
              <Typography.Text ellipsis={{ tooltip: r.text }}>
                {r.no}. {r.text}
              </Typography.Text>
            }
            description={
              <>
                <Tag>{r.deadlineDue}</Tag>
                {r.leadUnits.map((u) => u.name).join("、")} · {pick(progressLabel[r.status], lang)}
              </>
            }
          />
        </List.Item>
      )}
    />
  );
}
