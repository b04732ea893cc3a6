/**
 * 考核与通报: for a period and an org unit, the bulletin downloads (Word, Excel, printable HTML); the plan's
 * assessment schemes — items with relative weights (normalised to 100 points per unit), bonus and deduction
 * adjustments, publish — and the scores of the units under the org unit with the reason for every point and
 * a ranking chart; and which targets the plan shows on its public page.
 */
import { Link, useOutletContext, useParams } from "react-router-dom";
import {
  App,
  Button,
  Card,
  Empty,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  TreeSelect,
  Typography,
} from "antd";
import { useEffect, useMemo, useState } from "react";
import { all, api } from "../api";
import { EChart } from "../EChart";
import { useLoad, useReportError } from "../hooks";
import type { ShellContext } from "../Shell";
import { useAuth } from "../auth";
import { useI18n } from "../i18n";
import { periodText } from "../components/reporting";

interface OrgNode {
  id: string;
  name: string;
  children: OrgNode[];
}
interface Scheme {
  id: string;
  name: string;
  periodId: string;
  status: "draft" | "published";
  version: number;
  rules: {
    partial: "linear" | "all_or_nothing";
    latePenaltyPerWorkday: number;
    bonusCap?: number | undefined;
    deductionCap?: number | undefined;
  };
}
interface SchemeDetail extends Scheme {
  items: {
    id: string;
    kind: "target" | "task";
    itemId: string;
    label: string;
    weight: number;
    unitId: string | null;
  }[];
  adjustments: {
    id: string;
    unitId: string;
    kind: "bonus" | "deduction";
    points: number;
    reason: string;
    evidence: string | null;
  }[];
}
interface Line {
  itemId: string | null;
  label: string;
  kind: "target" | "task" | "bonus" | "deduction";
  weight: number | null;
  points: number;
  reason: string;
}
interface UnitScore {
  unitId: string;
  name: string;
  rank: number;
  total: number;
  maximum: number;
  lines: Line[];
}
interface Scores {
  units: UnitScore[];
  computedAt: string;
}
interface TargetRow {
  id: string;
  metric: string;
  reviewStatus: string;
}

const flatten = (ns: OrgNode[]): OrgNode[] => ns.flatMap((n) => [n, ...flatten(n.children)]);
interface OrgChoice {
  value: string;
  title: string;
  children: OrgChoice[];
}
const toTree = (ns: OrgNode[]): OrgChoice[] =>
  ns.map((n) => ({ value: n.id, title: n.name, children: toTree(n.children) }));

export default function Assessment() {
  const { planId = "" } = useParams();
  const { tr, lang } = useI18n();
  const { can } = useAuth();
  const { message } = App.useApp();
  const report = useReportError();
  const { plan } = useOutletContext<ShellContext>();
  const planner = can("planner");
  const year = plan?.year ?? new Date().getFullYear();
  const periods = [
    ...[1, 2, 3, 4].map((q) => `${year}Q${q}`),
    `${year}H1`,
    `${year}H2`,
    String(year),
    ...[1, 2, 3, 4].map((q) => `${year + 1}Q${q}`),
  ];
  const [period, setPeriod] = useState(`${year}Q1`);
  useEffect(() => setPeriod(`${year}Q1`), [year]);
  const orgs = useLoad(() => api<{ items: OrgNode[] }>("GET", "/api/org-units").then((r) => r.items), []);
  const [orgUnit, setOrgUnit] = useState<string>();
  const org = orgUnit ?? orgs.data?.[0]?.id;
  const orgNames = useMemo(() => new Map(flatten(orgs.data ?? []).map((o) => [o.id, o.name])), [orgs.data]);

  const schemes = useLoad(
    () => api<{ items: Scheme[] }>("GET", `/api/plans/${planId}/assessments`).then((r) => r.items),
    [planId],
  );
  const [schemeId, setSchemeId] = useState<string>();
  const current = schemeId ?? schemes.data?.[0]?.id;
  const detail = useLoad(
    () => (current ? api<SchemeDetail>("GET", `/api/assessments/${current}`) : Promise.resolve(undefined)),
    [current],
  );
  const scores = useLoad(
    () =>
      current && org
        ? api<Scores>("GET", `/api/assessments/${current}/scores?orgUnit=${org}&period=${period}`)
        : Promise.resolve(undefined),
    [current, org, period, detail.data?.version, detail.data?.adjustments.length],
  );

  const query = `period=${period}&orgUnit=${org ?? ""}${current ? `&scheme=${current}` : ""}`;
  const download = (ext: string) => `/api/plans/${planId}/bulletin.${ext}?${query}`;

  const run = async (f: () => Promise<unknown>, done?: string) => {
    try {
      await f();
      if (done) void message.success(done);
    } catch (e) {
      report(e);
    }
  };

  const [creating, setCreating] = useState(false);
  const [createForm] = Form.useForm<{ name: string; periodId: string }>();
  const create = () =>
    run(
      async () => {
        const v = await createForm.validateFields();
        const s = await api<Scheme>("POST", `/api/plans/${planId}/assessments`, v);
        setCreating(false);
        await schemes.reload();
        setSchemeId(s.id);
      },
      tr("已新建考核方案", "Scheme created"),
    );

  const [weights, setWeights] = useState<Record<string, number>>({});
  /** Points the targets share when seeding (the tasks get the rest); empty: equal weights for all. */
  const [targetShare, setTargetShare] = useState<number | null>(null);
  useEffect(() => setWeights({}), [detail.data]);
  const d = detail.data;
  const frozen = d?.status === "published";

  const seed = () =>
    run(
      async () => {
        if (!d) return;
        await api("POST", `/api/assessments/${d.id}/items/from-plan`, {
          version: d.version,
          ...(targetShare === null ? {} : { targetShare }),
        });
        await detail.reload();
      },
      tr("已从计划生成考核项", "Items seeded from the plan"),
    );
  const saveWeights = () =>
    run(
      async () => {
        if (!d) return;
        await api("PUT", `/api/assessments/${d.id}/items`, {
          version: d.version,
          items: d.items.map((i) => ({
            kind: i.kind,
            itemId: i.itemId,
            unitId: i.unitId,
            weight: weights[i.id] ?? i.weight,
          })),
        });
        await detail.reload();
      },
      tr("权重已保存", "Weights saved"),
    );
  const setRules = (rules: { [K in keyof Scheme["rules"]]?: Scheme["rules"][K] | null }) =>
    run(
      async () => {
        if (!d) return;
        await api("PATCH", `/api/assessments/${d.id}`, { version: d.version, rules });
        await detail.reload();
      },
      tr("计分规则已保存", "Rules saved"),
    );
  const setStatus = (status: "draft" | "published") =>
    run(async () => {
      if (!d) return;
      await api("PATCH", `/api/assessments/${d.id}`, { version: d.version, status });
      await Promise.all([detail.reload(), schemes.reload()]);
    });

  const [adjForm] = Form.useForm<{
    unitId: string;
    kind: "bonus" | "deduction";
    points: number;
    reason: string;
    evidence?: string;
  }>();
  const addAdjustment = () =>
    run(
      async () => {
        if (!d) return;
        const v = await adjForm.validateFields();
        await api("POST", `/api/assessments/${d.id}/adjustments`, v);
        adjForm.resetFields(["points", "reason", "evidence"]);
        await detail.reload();
      },
      tr("已添加", "Added"),
    );

  const ranking = useMemo(() => {
    const units = [...(scores.data?.units ?? [])].reverse();
    return {
      grid: { left: 90, right: 40, top: 10, bottom: 20 },
      tooltip: { trigger: "axis" as const },
      xAxis: { type: "value" as const, max: 100 },
      yAxis: { type: "category" as const, data: units.map((u) => `${u.rank}. ${u.name}`) },
      series: [
        {
          type: "bar" as const,
          data: units.map((u) => u.total),
          label: { show: true, position: "right" as const },
          itemStyle: { color: "#1f5fbf" },
        },
      ],
    };
  }, [scores.data]);

  const kindLabel: Record<Line["kind"], string> = {
    target: tr("指标", "Target"),
    task: tr("任务", "Task"),
    bonus: tr("加分", "Bonus"),
    deduction: tr("扣分", "Deduction"),
  };

  return (
    <>
      <Typography.Title level={4} className="page-title">
        {tr("考核与通报", "Assessment and bulletins")}
      </Typography.Title>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Space wrap data-testid="bulletin-scope">
          <Typography.Text type="secondary">{tr("报告期", "Period")}</Typography.Text>
          <Select
            style={{ width: 120 }}
            value={period}
            onChange={setPeriod}
            options={periods.map((p) => ({ value: p, label: periodText(p, lang) }))}
            data-testid="period-select"
          />
          <Typography.Text type="secondary">{tr("组织机构", "Org unit")}</Typography.Text>
          <TreeSelect
            style={{ width: 220 }}
            treeDefaultExpandAll
            placeholder={tr("请先建立组织机构", "Set up org units first")}
            value={org}
            onChange={setOrgUnit}
            treeData={toTree(orgs.data ?? [])}
            data-testid="org-select"
          />
          <Button
            type="primary"
            disabled={!org}
            onClick={() => window.location.assign(download("docx"))}
            data-testid="download-docx"
          >
            下载通报（Word）
          </Button>
          <Button
            disabled={!org}
            onClick={() => window.location.assign(download("xlsx"))}
            data-testid="download-xlsx"
          >
            下载数据（Excel）
          </Button>
          <Button
            disabled={!org}
            onClick={() => window.open(download("html"), "_blank", "noopener")}
            data-testid="print-html"
          >
            打印版
          </Button>
        </Space>
      </Card>

      <Card
        size="small"
        style={{ marginBottom: 16 }}
        title={
          <Space>
            <span>{tr("考核方案", "Assessment scheme")}</span>
            <Select
              style={{ width: 260 }}
              value={current}
              onChange={setSchemeId}
              placeholder={tr("尚无考核方案", "No scheme yet")}
              options={(schemes.data ?? []).map((s) => ({
                value: s.id,
                label: `${s.name}（${s.periodId}）`,
              }))}
              data-testid="scheme-select"
            />
            {d && (
              <Tag color={frozen ? "green" : "default"}>
                {frozen ? tr("已发布", "Published") : tr("草稿", "Draft")}
              </Tag>
            )}
          </Space>
        }
        extra={
          planner && (
            <Space>
              <Button onClick={() => setCreating(true)} data-testid="new-scheme">
                {tr("新建考核方案", "New scheme")}
              </Button>
              {d && !frozen && (
                <InputNumber
                  min={0}
                  max={100}
                  style={{ width: 150 }}
                  value={targetShare}
                  onChange={(v) => setTargetShare(v)}
                  placeholder={tr("指标共占分（可选）", "Targets' points (optional)")}
                  data-testid="target-share"
                />
              )}
              {d && !frozen && (
                <Button onClick={() => void seed()} data-testid="seed-items">
                  {tr("从计划生成考核项", "Seed items from the plan")}
                </Button>
              )}
              {d && (
                <Popconfirm
                  title={tr("删除这个考核方案？", "Delete this scheme?")}
                  onConfirm={() =>
                    void run(
                      async () => {
                        await api("DELETE", `/api/assessments/${d.id}`);
                        setSchemeId(undefined);
                        await schemes.reload();
                      },
                      tr("已删除", "Deleted"),
                    )
                  }
                >
                  <Button danger data-testid="delete-scheme">
                    {tr("删除方案", "Delete")}
                  </Button>
                </Popconfirm>
              )}
              {d && (
                <Button onClick={() => void setStatus(frozen ? "draft" : "published")}>
                  {frozen ? tr("撤回为草稿", "Back to draft") : tr("发布方案", "Publish")}
                </Button>
              )}
            </Space>
          )
        }
      >
        {!d ? (
          <Empty
            description={tr(
              "新建一个考核方案，从计划生成考核项",
              "Create a scheme and seed it from the plan",
            )}
          />
        ) : (
          <>
            <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
              {tr(
                "权重为相对值，按每个单位适用的考核项折算为100分；已达标得满分，进度正常或预警按完成进度计分（或选择未达标不得分），滞后或无数据不得分；超期办结按工作日扣分。",
                "Weights are relative, scaled to 100 points per unit; achieved earns full marks, on track or at risk a share by progress (or nothing, if so chosen), off track or no data nothing; closing late costs points per working day.",
              )}
            </Typography.Paragraph>
            <Space wrap style={{ marginBottom: 8 }} data-testid="scheme-rules">
              <Typography.Text>{tr("未达标指标", "Targets not yet met")}</Typography.Text>
              <Select
                size="small"
                style={{ width: 150 }}
                disabled={!planner || frozen}
                value={d.rules.partial}
                onChange={(partial) => void setRules({ partial })}
                options={[
                  { value: "linear", label: tr("按完成进度计分", "Share by progress") },
                  { value: "all_or_nothing", label: tr("不得分", "Nothing") },
                ]}
              />
              <Typography.Text>{tr("超期办结每工作日扣", "Late closing, per working day")}</Typography.Text>
              <InputNumber
                size="small"
                min={0}
                max={100}
                step={0.5}
                disabled={!planner || frozen}
                value={d.rules.latePenaltyPerWorkday}
                onBlur={(e) => {
                  const v = Number(e.target.value);
                  if (Number.isFinite(v) && v !== d.rules.latePenaltyPerWorkday)
                    void setRules({ latePenaltyPerWorkday: v });
                }}
              />
              <Typography.Text>{tr("加分上限", "Bonus cap")}</Typography.Text>
              <InputNumber
                size="small"
                min={0}
                max={100}
                disabled={!planner || frozen}
                value={d.rules.bonusCap ?? null}
                placeholder={tr("不限", "None")}
                onBlur={(e) => {
                  const v = e.target.value === "" ? null : Number(e.target.value);
                  if (v !== (d.rules.bonusCap ?? null) && (v === null || Number.isFinite(v)))
                    void setRules({ bonusCap: v });
                }}
              />
              <Typography.Text>{tr("扣分上限", "Deduction cap")}</Typography.Text>
              <InputNumber
                size="small"
                min={0}
                max={100}
                disabled={!planner || frozen}
                value={d.rules.deductionCap ?? null}
                placeholder={tr("不限", "None")}
                onBlur={(e) => {
                  const v = e.target.value === "" ? null : Number(e.target.value);
                  if (v !== (d.rules.deductionCap ?? null) && (v === null || Number.isFinite(v)))
                    void setRules({ deductionCap: v });
                }}
              />
            </Space>
            <Table
              rowKey="id"
              size="small"
              dataSource={d.items}
              pagination={{ defaultPageSize: 20, hideOnSinglePage: true }}
              data-testid="scheme-items"
              columns={[
                {
                  title: tr("类别", "Kind"),
                  dataIndex: "kind",
                  width: 70,
                  render: (k: "target" | "task") => <Tag>{kindLabel[k]}</Tag>,
                },
                { title: tr("考核项", "Item"), dataIndex: "label" },
                {
                  title: tr("适用单位", "Org unit"),
                  dataIndex: "unitId",
                  width: 110,
                  render: (u: string | null) => (u ? (orgNames.get(u) ?? u) : tr("全部", "All")),
                },
                {
                  title: tr("权重", "Weight"),
                  key: "weight",
                  width: 120,
                  render: (_: unknown, i) =>
                    planner && !frozen ? (
                      <InputNumber
                        min={0}
                        max={1000}
                        size="small"
                        value={weights[i.id] ?? i.weight}
                        onChange={(v) => setWeights((w) => ({ ...w, [i.id]: v ?? 0 }))}
                      />
                    ) : (
                      i.weight
                    ),
                },
              ]}
            />
            {planner && !frozen && d.items.length > 0 && (
              <Button
                style={{ marginTop: 8 }}
                disabled={Object.keys(weights).length === 0}
                onClick={() => void saveWeights()}
              >
                {tr("保存权重", "Save weights")}
              </Button>
            )}
            <Typography.Title level={5} style={{ marginTop: 16 }}>
              {tr("加分与扣分", "Bonuses and deductions")}
            </Typography.Title>
            <Table
              rowKey="id"
              size="small"
              dataSource={d.adjustments}
              pagination={false}
              locale={{ emptyText: tr("暂无加分或扣分", "None") }}
              columns={[
                {
                  title: tr("单位", "Org unit"),
                  dataIndex: "unitId",
                  render: (u: string) => orgNames.get(u) ?? u,
                },
                {
                  title: tr("类别", "Kind"),
                  dataIndex: "kind",
                  render: (k: "bonus" | "deduction") => (
                    <Tag color={k === "bonus" ? "green" : "red"}>{kindLabel[k]}</Tag>
                  ),
                },
                { title: tr("分值", "Points"), dataIndex: "points" },
                { title: tr("事由", "Reason"), dataIndex: "reason" },
                { title: tr("佐证", "Evidence"), dataIndex: "evidence" },
                ...(planner && !frozen
                  ? [
                      {
                        title: "",
                        key: "x",
                        width: 70,
                        render: (_: unknown, a: SchemeDetail["adjustments"][number]) => (
                          <Popconfirm
                            title={tr("删除这一项？", "Delete this item?")}
                            onConfirm={() =>
                              void run(async () => {
                                await api("DELETE", `/api/assessments/${d.id}/adjustments/${a.id}`);
                                await detail.reload();
                              })
                            }
                          >
                            <Button size="small" type="link" danger>
                              {tr("删除", "Delete")}
                            </Button>
                          </Popconfirm>
                        ),
                      },
                    ]
                  : []),
              ]}
            />
            {planner && !frozen && (
              <Form
                form={adjForm}
                layout="inline"
                style={{ marginTop: 8 }}
                initialValues={{ kind: "bonus" }}
                data-testid="adjustment-form"
              >
                <Form.Item
                  name="unitId"
                  rules={[{ required: true, message: tr("请选择单位", "Choose an org unit") }]}
                >
                  <TreeSelect
                    style={{ width: 160 }}
                    treeDefaultExpandAll
                    placeholder={tr("单位", "Org unit")}
                    treeData={toTree(orgs.data ?? [])}
                  />
                </Form.Item>
                <Form.Item name="kind">
                  <Select
                    style={{ width: 90 }}
                    options={[
                      { value: "bonus", label: kindLabel.bonus },
                      { value: "deduction", label: kindLabel.deduction },
                    ]}
                  />
                </Form.Item>
                <Form.Item name="points" rules={[{ required: true, message: tr("请填写分值", "Points") }]}>
                  <InputNumber min={0.01} max={100} placeholder={tr("分值", "Points")} />
                </Form.Item>
                <Form.Item
                  name="reason"
                  rules={[{ required: true, message: tr("请填写事由", "Give a reason") }]}
                >
                  <Input style={{ width: 220 }} placeholder={tr("事由", "Reason")} />
                </Form.Item>
                <Form.Item name="evidence">
                  <Input style={{ width: 160 }} placeholder={tr("佐证（文号等）", "Evidence")} />
                </Form.Item>
                <Button onClick={() => void addAdjustment()}>{tr("添加", "Add")}</Button>
              </Form>
            )}
          </>
        )}
      </Card>

      {d && (
        <Card
          size="small"
          style={{ marginBottom: 16 }}
          title={tr("得分与排名", "Scores and ranking")}
          extra={
            scores.data && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {tr("计算于", "Computed at")} {new Date(scores.data.computedAt).toLocaleString()}
              </Typography.Text>
            )
          }
        >
          <Table<UnitScore>
            rowKey="unitId"
            size="small"
            loading={scores.loading}
            dataSource={scores.data?.units ?? []}
            pagination={false}
            data-testid="scores-table"
            expandable={{
              expandedRowRender: (u) => (
                <Table<Line>
                  rowKey={(l, n) => `${l.itemId ?? "adj"}-${n ?? 0}`}
                  size="small"
                  pagination={false}
                  dataSource={u.lines}
                  data-testid="score-lines"
                  columns={[
                    {
                      title: tr("类别", "Kind"),
                      dataIndex: "kind",
                      width: 70,
                      render: (k: Line["kind"]) => kindLabel[k],
                    },
                    { title: tr("考核项", "Item"), dataIndex: "label" },
                    {
                      title: tr("分值", "Weight"),
                      dataIndex: "weight",
                      width: 80,
                      render: (w: number | null) => (w === null ? "—" : Math.round(w * 100) / 100),
                    },
                    { title: tr("得分", "Points"), dataIndex: "points", width: 80 },
                    { title: tr("计分依据", "Why"), dataIndex: "reason" },
                  ]}
                />
              ),
            }}
            columns={[
              { title: tr("排名", "Rank"), dataIndex: "rank", width: 70 },
              { title: tr("单位", "Org unit"), dataIndex: "name" },
              { title: tr("得分", "Score"), dataIndex: "total", width: 100 },
              { title: tr("满分", "Out of"), dataIndex: "maximum", width: 100 },
            ]}
          />
          {(scores.data?.units.length ?? 0) > 0 && (
            <EChart
              option={ranking}
              height={Math.max(160, 40 * (scores.data?.units.length ?? 0))}
              testId="ranking-chart"
            />
          )}
        </Card>
      )}

      {planner && <PublicCard planId={planId} />}

      <Modal
        open={creating}
        title={tr("新建考核方案", "New assessment scheme")}
        onOk={() => void create()}
        onCancel={() => setCreating(false)}
        okText={tr("新建", "Create")}
        destroyOnHidden
      >
        <Form
          form={createForm}
          layout="vertical"
          initialValues={{ name: `${year}年重点工作目标考核`, periodId: period }}
        >
          <Form.Item
            name="name"
            label={tr("名称", "Name")}
            rules={[{ required: true, message: tr("请填写名称", "Give a name") }]}
          >
            <Input data-testid="scheme-name" />
          </Form.Item>
          <Form.Item name="periodId" label={tr("考核期", "Period")}>
            <Select options={periods.map((p) => ({ value: p, label: periodText(p, lang) }))} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

/** Which of the plan's targets its public page shows (公开指标), and whether it is published. */
function PublicCard({ planId }: { planId: string }) {
  const { tr } = useI18n();
  const report = useReportError();
  const { message } = App.useApp();
  const targets = useLoad(() => all<TargetRow>(`/api/plans/${planId}/targets`), [planId]);
  const setting = useLoad(
    () => api<{ published: boolean; targetIds: string[] }>("GET", `/api/plans/${planId}/public`),
    [planId],
  );
  const [chosen, setChosen] = useState<string[]>();
  const ids = chosen ?? setting.data?.targetIds ?? [];
  const save = async (published: boolean) => {
    try {
      await api("PUT", `/api/plans/${planId}/public`, { targetIds: ids, published });
      await setting.reload();
      setChosen(undefined);
      void message.success(published ? tr("已公开", "Published") : tr("已取消公开", "Withdrawn"));
    } catch (e) {
      report(e);
    }
  };
  return (
    <Card
      size="small"
      title={tr("公开指标", "Public page")}
      extra={
        setting.data?.published && (
          <Link to={`/public/plans/${planId}`} target="_blank" data-testid="public-link">
            {tr("查看公开页面", "Open the public page")}
          </Link>
        )
      }
    >
      <Space wrap>
        <Select
          mode="multiple"
          style={{ minWidth: 420 }}
          placeholder={tr("选择要公开的指标", "Choose the targets to publish")}
          value={ids}
          onChange={setChosen}
          options={(targets.data ?? [])
            .filter((q) => q.reviewStatus !== "rejected")
            .map((q) => ({ value: q.id, label: q.metric }))}
          optionFilterProp="label"
          data-testid="public-targets"
        />
        <Switch
          checked={setting.data?.published ?? false}
          checkedChildren={tr("已公开", "Public")}
          unCheckedChildren={tr("未公开", "Private")}
          onChange={(on) => void save(on)}
          data-testid="public-switch"
        />
        <Button
          type="primary"
          onClick={() => void save(true)}
          disabled={ids.length === 0}
          data-testid="public-save"
        >
          {tr("公开所选指标", "Publish the chosen targets")}
        </Button>
      </Space>
    </Card>
  );
}
