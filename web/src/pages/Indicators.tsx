/**
 * 指标库: the indicator catalogue with search, and each indicator's reporting settings (frequency, the
 * org-unit level it is reported at, the deadline rule, the units that report it). Opened from a plan,
 * the page also lists the plan's targets so a planner confirms or corrects the indicator each is linked
 * to — the link is what lets reported values reach a target's status and the bulletin.
 */
import { useMemo, useState } from "react";
import { useParams } from "react-router-dom";
import {
  App,
  Button,
  Card,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Tooltip,
  Typography,
} from "antd";
import { CheckOutlined, SettingOutlined } from "@ant-design/icons";
import { all, api } from "../api";
import { useAuth } from "../auth";
import { useLoad, useReportError } from "../hooks";
import { useI18n } from "../i18n";
import { comparatorLabel, pick } from "../labels";
import type { Quantity } from "../types";
import {
  deadlineRuleText,
  frequencyLabel,
  levelLabel,
  reportingOf,
  typeLabel,
  type DeadlineRule,
  type Frequency,
  type Indicator,
  type UnitLite,
} from "../components/reporting";

interface LinkedTarget extends Quantity {
  indicatorId: string | null;
  link: {
    status: "suggested" | "confirmed" | "candidates" | "unlinked";
    candidates: Array<{ indicatorId: string | null; code: string; name: string; score: number }>;
  } | null;
}

const linkLabel: Record<string, [string, string]> = {
  confirmed: ["已确认", "Confirmed"],
  suggested: ["建议", "Suggested"],
  candidates: ["待选择", "To choose"],
  unlinked: ["未关联", "Unlinked"],
};
const linkColor: Record<string, string> = {
  confirmed: "green",
  suggested: "blue",
  candidates: "gold",
  unlinked: "default",
};

export default function Indicators() {
  const { planId } = useParams();
  const { tr } = useI18n();
  const [tab, setTab] = useState(planId ? "links" : "catalogue");
  const catalogue = <Catalogue />;
  return (
    <div data-testid="indicators-page">
      <Typography.Title level={3}>{tr("指标库", "Indicator catalogue")}</Typography.Title>
      {planId ? (
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            {
              key: "links",
              label: <span data-testid="tab-links">{tr("本计划目标关联", "This plan's targets")}</span>,
              children: <TargetLinks planId={planId} />,
            },
            {
              key: "catalogue",
              label: <span data-testid="tab-catalogue">{tr("指标目录与填报设置", "Catalogue")}</span>,
              children: catalogue,
            },
          ]}
        />
      ) : (
        catalogue
      )}
    </div>
  );
}

function Catalogue() {
  const { tr, lang } = useI18n();
  const { can } = useAuth();
  const [q, setQ] = useState("");
  const list = useLoad(() => all<Indicator>(`/api/indicators${q ? `?q=${encodeURIComponent(q)}` : ""}`), [q]);
  const units = useLoad(() => all<UnitLite>("/api/units"), []);
  const unitName = useMemo(() => new Map((units.data ?? []).map((u) => [u.id, u.name])), [units.data]);
  const [editing, setEditing] = useState<Indicator>();

  return (
    <Card>
      <Space style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          placeholder={tr("按名称、别名或编码搜索", "Search by name, alias or code")}
          onSearch={(v) => setQ(v.trim())}
          style={{ width: 320 }}
          data-testid="indicator-search"
        />
        <Typography.Text type="secondary">
          {tr(`共 ${list.data?.length ?? 0} 项`, `${list.data?.length ?? 0} indicators`)}
        </Typography.Text>
      </Space>
      <Table<Indicator>
        rowKey="id"
        size="small"
        loading={list.loading}
        dataSource={list.data ?? []}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        onRow={(i) =>
          ({ "data-testid": `indicator-row-${i.code ?? i.id}` }) as React.HTMLAttributes<HTMLElement>
        }
        columns={[
          { title: tr("编码", "Code"), dataIndex: "code", width: 150, render: (c) => c ?? "—" },
          {
            title: tr("指标名称", "Name"),
            dataIndex: "name",
            render: (n: string, i) => (
              <Space direction="vertical" size={0}>
                <Typography.Text strong>{n}</Typography.Text>
                {i.aliases.length > 0 && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {tr("别名：", "Also: ")}
                    {i.aliases.join("、")}
                  </Typography.Text>
                )}
              </Space>
            ),
          },
          { title: tr("单位", "Unit"), dataIndex: "unit", width: 70, render: (u) => u ?? "—" },
          {
            title: tr("类型", "Type"),
            dataIndex: "type",
            width: 90,
            render: (t: string | null) => (t ? pick(typeLabel[t], lang) || t : "—"),
          },
          {
            title: tr("填报频次", "Frequency"),
            key: "frequency",
            width: 90,
            render: (_, i) => {
              const f = reportingOf(i).frequency;
              return f ? <Tag color="blue">{pick(frequencyLabel[f], lang)}</Tag> : "—";
            },
          },
          {
            title: tr("填报层级", "Level"),
            key: "level",
            width: 110,
            render: (_, i) => {
              const l = reportingOf(i).level;
              return l ? pick(levelLabel[l], lang) || l : "—";
            },
          },
          {
            title: tr("报送时限", "Deadline"),
            key: "deadline",
            width: 140,
            render: (_, i) => {
              const r = reportingOf(i);
              return r.frequency ? deadlineRuleText(r.deadlineRule, lang) : "—";
            },
          },
          {
            title: tr("填报单位", "Reporting units"),
            key: "units",
            render: (_, i) => {
              const ids = reportingOf(i).unitIds;
              return ids.length ? (
                <span data-testid="indicator-units">
                  {ids.map((id) => unitName.get(id) ?? id).join("、")}
                </span>
              ) : (
                "—"
              );
            },
          },
          ...(can("planner")
            ? [
                {
                  title: tr("操作", "Actions"),
                  key: "actions",
                  width: 100,
                  render: (_: unknown, i: Indicator) => (
                    <Button
                      size="small"
                      icon={<SettingOutlined />}
                      onClick={() => setEditing(i)}
                      data-testid="indicator-configure"
                    >
                      {tr("填报设置", "Reporting")}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      {editing && (
        <ReportingModal
          indicator={editing}
          units={units.data ?? []}
          onClose={(changed) => {
            setEditing(undefined);
            if (changed) void list.reload();
          }}
        />
      )}
    </Card>
  );
}

interface ReportingValues {
  frequency: Frequency;
  level: string;
  ruleKind: DeadlineRule["kind"];
  ruleNumber: number;
  unitIds: string[];
}

function ReportingModal({
  indicator,
  units,
  onClose,
}: {
  indicator: Indicator;
  units: UnitLite[];
  onClose: (changed: boolean) => void;
}) {
  const { tr, lang } = useI18n();
  const { message } = App.useApp();
  const reportError = useReportError();
  const [form] = Form.useForm<ReportingValues>();
  const [saving, setSaving] = useState(false);
  const current = reportingOf(indicator);
  const rule = current.deadlineRule ?? { kind: "workdays_after_end" as const, days: 10 };
  const save = async (v: ReportingValues) => {
    setSaving(true);
    try {
      const deadlineRule: DeadlineRule =
        v.ruleKind === "day_of_next_month"
          ? { kind: v.ruleKind, day: v.ruleNumber }
          : { kind: v.ruleKind, days: v.ruleNumber };
      await api("PATCH", `/api/indicators/${indicator.id}/reporting`, {
        frequency: v.frequency,
        level: v.level,
        deadlineRule,
        unitIds: v.unitIds,
      });
      void message.success(tr("填报设置已保存", "Reporting settings saved"));
      onClose(true);
    } catch (e) {
      reportError(e);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      title={`${tr("填报设置", "Reporting settings")}：${indicator.name}`}
      onCancel={() => onClose(false)}
      onOk={() => form.submit()}
      okText={tr("保存", "Save")}
      okButtonProps={{ loading: saving, "data-testid": "reporting-save" }}
      destroyOnHidden
      data-testid="reporting-modal"
    >
      <Form<ReportingValues>
        form={form}
        layout="vertical"
        onFinish={(v) => void save(v)}
        initialValues={{
          frequency: current.frequency ?? "quarterly",
          level: current.level ?? "county",
          ruleKind: rule.kind,
          ruleNumber: rule.kind === "day_of_next_month" ? rule.day : rule.days,
          unitIds: current.unitIds,
        }}
      >
        <Form.Item name="frequency" label={tr("填报频次", "Frequency")} rules={[{ required: true }]}>
          <Select
            data-testid="field-frequency"
            options={(Object.keys(frequencyLabel) as Frequency[]).map((f) => ({
              value: f,
              label: pick(frequencyLabel[f], lang),
            }))}
          />
        </Form.Item>
        <Form.Item name="level" label={tr("填报层级", "Org-unit level")} rules={[{ required: true }]}>
          <Select
            data-testid="field-level"
            options={Object.keys(levelLabel).map((l) => ({ value: l, label: pick(levelLabel[l], lang) }))}
          />
        </Form.Item>
        <Space align="start">
          <Form.Item name="ruleKind" label={tr("报送时限", "Deadline rule")} rules={[{ required: true }]}>
            <Select
              style={{ width: 220 }}
              data-testid="field-rule-kind"
              options={[
                { value: "workdays_after_end", label: tr("期末后N个工作日内", "N working days after") },
                { value: "days_after_end", label: tr("期末后N日内", "N days after") },
                { value: "day_of_next_month", label: tr("次月N日前", "By day N of next month") },
              ]}
            />
          </Form.Item>
          <Form.Item name="ruleNumber" label="N" rules={[{ required: true }]}>
            <InputNumber min={0} max={366} precision={0} data-testid="field-rule-number" />
          </Form.Item>
        </Space>
        <Form.Item
          name="unitIds"
          label={tr("填报单位", "Reporting units")}
          rules={[{ required: true, message: tr("请至少选择一个填报单位", "Choose at least one unit") }]}
        >
          <Select
            mode="multiple"
            showSearch
            optionFilterProp="label"
            data-testid="field-units"
            options={units.map((u) => ({ value: u.id, label: u.name }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The plan's targets and their indicator links: confirm a suggestion, or pick another indicator. */
function TargetLinks({ planId }: { planId: string }) {
  const { tr, lang } = useI18n();
  const { can } = useAuth();
  const reportError = useReportError();
  const targets = useLoad(() => all<LinkedTarget>(`/api/plans/${planId}/targets`), [planId]);
  const catalogue = useLoad(() => all<Indicator>("/api/indicators"), []);
  const names = useMemo(() => new Map((catalogue.data ?? []).map((i) => [i.id, i.name])), [catalogue.data]);
  const [choice, setChoice] = useState<Record<string, string | null>>({});
  const [busy, setBusy] = useState<string>();
  const linked = (targets.data ?? []).filter((t) => t.link?.status === "confirmed").length;

  const confirm = async (t: LinkedTarget, indicatorId: string | null) => {
    setBusy(t.id);
    try {
      const updated = await api<LinkedTarget>("PUT", `/api/plans/${planId}/targets/${t.id}/indicator`, {
        version: t.version,
        indicatorId,
      });
      targets.setData((targets.data ?? []).map((x) => (x.id === t.id ? updated : x)));
    } catch (e) {
      reportError(e);
      void targets.reload();
    } finally {
      setBusy(undefined);
    }
  };

  const suggested = (targets.data ?? []).filter((t) => t.link?.status === "suggested" && t.indicatorId);
  /** Confirms every suggestion as it stands, one by one (each link is its own audited change). */
  const confirmSuggested = async () => {
    setBusy("all");
    try {
      for (const t of suggested)
        await api("PUT", `/api/plans/${planId}/targets/${t.id}/indicator`, {
          version: t.version,
          indicatorId: t.indicatorId,
        });
    } catch (e) {
      reportError(e);
    } finally {
      setBusy(undefined);
      await targets.reload();
    }
  };

  return (
    <Card
      title={tr("目标与指标关联", "Targets and their indicators")}
      extra={
        <Space>
          {can("planner") && suggested.length > 0 && (
            <Popconfirm
              title={tr(
                `按建议确认 ${suggested.length} 个目标的关联指标？`,
                `Confirm the suggested indicator of ${suggested.length} targets?`,
              )}
              onConfirm={() => void confirmSuggested()}
              okText={tr("确认", "Confirm")}
              cancelText={tr("取消", "Cancel")}
            >
              <Button size="small" loading={busy === "all"} data-testid="confirm-suggested">
                {tr(`确认全部建议（${suggested.length}）`, `Confirm all suggestions (${suggested.length})`)}
              </Button>
            </Popconfirm>
          )}
          <Typography.Text type="secondary" data-testid="links-confirmed">
            {tr(
              `已确认 ${linked} / ${targets.data?.length ?? 0}`,
              `${linked} of ${targets.data?.length ?? 0} confirmed`,
            )}
          </Typography.Text>
        </Space>
      }
    >
      <Table<LinkedTarget>
        rowKey="id"
        size="small"
        loading={targets.loading}
        dataSource={targets.data ?? []}
        pagination={{ pageSize: 25, showSizeChanger: false }}
        onRow={(t) => ({ "data-testid": `target-link-${t.id}` }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          {
            title: tr("目标", "Target"),
            key: "target",
            render: (_, t) => (
              <Space direction="vertical" size={0}>
                <Typography.Text strong data-testid="target-metric">
                  {t.metric}
                </Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {pick(comparatorLabel[t.comparator], lang) || t.comparator} {t.value}
                  {t.unit}
                  {t.deadline ? ` · ${t.deadline}` : ""}
                </Typography.Text>
              </Space>
            ),
          },
          {
            title: tr("关联状态", "Link"),
            key: "status",
            width: 90,
            render: (_, t) => {
              const s = t.link?.status ?? (t.indicatorId ? "confirmed" : "unlinked");
              return (
                <Tag color={linkColor[s]} data-testid="link-status">
                  {pick(linkLabel[s], lang)}
                </Tag>
              );
            },
          },
          {
            title: tr("关联指标", "Indicator"),
            key: "indicator",
            width: 360,
            render: (_, t) => {
              const value = t.id in choice ? choice[t.id] : t.indicatorId;
              const options = [
                ...(t.link?.candidates ?? [])
                  .filter((c) => c.indicatorId)
                  .map((c) => ({
                    value: c.indicatorId as string,
                    label: `${c.name}（${tr("匹配度", "match")} ${Math.round(c.score * 100)}%）`,
                  })),
                ...(catalogue.data ?? [])
                  .filter((i) => !(t.link?.candidates ?? []).some((c) => c.indicatorId === i.id))
                  .map((i) => ({ value: i.id, label: i.name })),
              ];
              return (
                <Select
                  showSearch
                  allowClear
                  style={{ width: "100%" }}
                  disabled={!can("planner")}
                  placeholder={tr("选择指标", "Choose an indicator")}
                  optionFilterProp="label"
                  value={value ?? undefined}
                  onChange={(v: string | undefined) => setChoice({ ...choice, [t.id]: v ?? null })}
                  options={options}
                  data-testid="link-select"
                  labelRender={(p) => names.get(String(p.value)) ?? p.label}
                />
              );
            },
          },
          ...(can("planner")
            ? [
                {
                  title: tr("操作", "Actions"),
                  key: "actions",
                  width: 110,
                  render: (_: unknown, t: LinkedTarget) => {
                    const value = t.id in choice ? (choice[t.id] ?? null) : t.indicatorId;
                    const unchanged = value === t.indicatorId && t.link?.status === "confirmed";
                    return (
                      <Tooltip title={value ? names.get(value) : tr("清除关联", "Clear the link")}>
                        <Button
                          size="small"
                          type={unchanged ? "default" : "primary"}
                          icon={<CheckOutlined />}
                          disabled={unchanged || (!value && !t.indicatorId)}
                          loading={busy === t.id}
                          onClick={() => void confirm(t, value)}
                          data-testid="link-confirm"
                        >
                          {tr("确认", "Confirm")}
                        </Button>
                      </Tooltip>
                    );
                  },
                },
              ]
            : []),
        ]}
      />
    </Card>
  );
}
