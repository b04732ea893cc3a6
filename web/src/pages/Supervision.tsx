/**
 * 督查督办: a plan's tasks with their traffic lights (working days), state, lead unit, deadline and days
 * left, the count per light at the top; a drawer per task with the event timeline and the actions the
 * signed-in user may take now (the API says which: by role, unit and state).
 */
import { useEffect, useMemo, useState } from "react";
import { useParams, useSearchParams } from "react-router-dom";
import {
  App,
  Button,
  Card,
  Checkbox,
  Descriptions,
  Drawer,
  Empty,
  Form,
  Input,
  InputNumber,
  Modal,
  Progress,
  Radio,
  Select,
  Space,
  Table,
  Tag,
  Timeline,
  Typography,
} from "antd";
import { ReloadOutlined } from "@ant-design/icons";
import { api } from "../api";
import { useAuth } from "../auth";
import { useLoad, useReportError } from "../hooks";
import { useI18n } from "../i18n";

type Light = "green" | "yellow" | "red" | "closed_on_time" | "closed_late";
type Action =
  | "assign"
  | "accept"
  | "feedback"
  | "remind"
  | "chase"
  | "extension-request"
  | "extension-decision"
  | "request-closure"
  | "return"
  | "close"
  | "score";

interface UnitRef {
  id: string;
  name: string;
}

export interface SupervisionRow {
  taskId: string;
  no: number;
  text: string;
  sectionTitle: string | null;
  leadUnits: UnitRef[];
  partnerUnits: UnitRef[];
  assigned: boolean;
  state: string;
  stateLabel: string;
  deadline: string | null;
  light: Light | null;
  lightLabel: string | null;
  workdaysLeft: number | null;
  workdaysLate: number;
  late: boolean;
  percent: number;
  chaseCount: number;
  score: number | null;
  lastFeedback: { text: string; at: string } | null;
}

interface SupervisionDetail extends SupervisionRow {
  planId: string;
  requestedDeadline: string | null;
  allowedActions: Action[];
  events: Array<{
    seq: number;
    kind: string;
    label: string;
    on: string;
    at: string;
    userName: string | null;
    data: Record<string, unknown>;
  }>;
}

interface ListBody {
  on: string;
  reminderWorkdays: number;
  counts: Record<string, number>;
  items: SupervisionRow[];
}

const lightColor: Record<Light, string> = {
  green: "green",
  yellow: "gold",
  red: "red",
  closed_on_time: "blue",
  closed_late: "volcano",
};
const lightLabel: Record<Light | "unassigned", [string, string]> = {
  green: ["绿灯", "Green"],
  yellow: ["黄灯", "Yellow"],
  red: ["红灯", "Red"],
  closed_on_time: ["按期办结", "Closed on time"],
  closed_late: ["超期办结", "Closed late"],
  unassigned: ["未交办", "Not assigned"],
};
const actionLabel: Record<Action, [string, string]> = {
  assign: ["交办", "Assign"],
  accept: ["承办", "Accept"],
  feedback: ["反馈", "Feed back"],
  remind: ["提醒", "Remind"],
  chase: ["催办", "Chase"],
  "extension-request": ["申请延期", "Request extension"],
  "extension-decision": ["延期审批", "Decide extension"],
  "request-closure": ["申请办结", "Request closure"],
  return: ["退办", "Return"],
  close: ["办结", "Close"],
  score: ["考评", "Score"],
};
const stateOptions: Array<[string, string, string]> = [
  ["unassigned", "未交办", "Not assigned"],
  ["assigned", "已交办", "Assigned"],
  ["accepted", "已承办", "Accepted"],
  ["in_progress", "办理中", "In progress"],
  ["extension_requested", "延期申请中", "Extension requested"],
  ["closure_requested", "申请办结", "Closure requested"],
  ["returned", "已退办", "Returned"],
  ["closed", "已办结", "Closed"],
  ["assessed", "已考评", "Assessed"],
];

/** The state's name in the UI language (the API sends the Chinese one). */
function stateName(row: Pick<SupervisionRow, "state" | "stateLabel">, lang: "zh" | "en"): string {
  if (lang !== "en") return row.stateLabel;
  return stateOptions.find(([value]) => value === row.state)?.[2] ?? row.stateLabel;
}

export function LightTag({ row }: { row: Pick<SupervisionRow, "light" | "taskId"> }) {
  const { lang } = useI18n();
  const key = row.light ?? "unassigned";
  return (
    <Tag color={row.light ? lightColor[row.light] : "default"} data-testid={`sv-light-${row.taskId}`}>
      {lightLabel[key][lang === "en" ? 1 : 0]}
    </Tag>
  );
}

export default function Supervision() {
  const { planId = "" } = useParams();
  const [search, setSearch] = useSearchParams();
  const { can } = useAuth();
  const { tr, lang } = useI18n();
  const { message } = App.useApp();
  const report = useReportError();
  const [unitId, setUnitId] = useState<string>();
  const [light, setLight] = useState<string>();
  const [state, setState] = useState<string>();
  const list = useLoad(() => {
    const q = new URLSearchParams();
    if (unitId) q.set("unitId", unitId);
    if (light) q.set("light", light);
    if (state) q.set("state", state);
    return api<ListBody>("GET", `/api/plans/${planId}/supervision?${q.toString()}`);
  }, [planId, unitId, light, state]);
  const open = search.get("task");
  const rows = list.data?.items ?? [];

  const units = useMemo(() => {
    const m = new Map<string, string>();
    for (const r of rows) for (const u of [...r.leadUnits, ...r.partnerUnits]) m.set(u.id, u.name);
    return [...m].map(([value, label]) => ({ value, label }));
  }, [rows]);

  const scan = async () => {
    try {
      const r = await api<{ reminders: number; chases: number; workday: boolean }>(
        "POST",
        "/api/supervision/scan",
        {},
      );
      void message.success(
        r.workday
          ? tr(
              `已发送临近提醒 ${r.reminders} 条、催办 ${r.chases} 条`,
              `${r.reminders} reminders, ${r.chases} chases sent`,
            )
          : tr("今天不是工作日，未发送提醒", "Not a working day: nothing sent"),
      );
      await list.reload();
    } catch (e) {
      report(e);
    }
  };

  return (
    <>
      <Space style={{ width: "100%", justifyContent: "space-between", marginBottom: 12 }} align="center">
        <Typography.Title level={4} className="page-title" style={{ marginBottom: 0 }}>
          {tr("督查督办", "Supervision")}
        </Typography.Title>
        <Space wrap data-testid="sv-counts">
          {(["green", "yellow", "red", "closed_on_time", "closed_late", "unassigned"] as const).map((k) => (
            <Tag
              key={k}
              color={k === "unassigned" ? "default" : lightColor[k]}
              style={{ cursor: "pointer" }}
              onClick={() => setLight(light === k ? undefined : k)}
              data-testid={`sv-count-${k}`}
            >
              {lightLabel[k][lang === "en" ? 1 : 0]} {list.data?.counts[k] ?? 0}
            </Tag>
          ))}
          {can("planner") && (
            <Button icon={<ReloadOutlined />} onClick={() => void scan()} data-testid="sv-scan">
              {tr("提醒扫描", "Run reminders")}
            </Button>
          )}
        </Space>
      </Space>
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space wrap>
          <Select
            allowClear
            placeholder={tr("单位", "Unit")}
            style={{ width: 200 }}
            options={units}
            value={unitId}
            onChange={setUnitId}
          />
          <Select
            allowClear
            placeholder={tr("信号灯", "Light")}
            style={{ width: 140 }}
            value={light}
            onChange={setLight}
            options={Object.entries(lightLabel).map(([value, l]) => ({
              value,
              label: l[lang === "en" ? 1 : 0],
            }))}
          />
          <Select
            allowClear
            placeholder={tr("状态", "State")}
            style={{ width: 160 }}
            value={state}
            onChange={setState}
            options={stateOptions.map(([value, zh, en]) => ({ value, label: lang === "en" ? en : zh }))}
          />
          {list.data && (
            <Typography.Text type="secondary">
              {tr(
                `按 ${list.data.on} 计算；临近提醒：最后 ${list.data.reminderWorkdays} 个工作日`,
                `As of ${list.data.on}; reminder window: last ${list.data.reminderWorkdays} working days`,
              )}
            </Typography.Text>
          )}
        </Space>
      </Card>
      <Table<SupervisionRow>
        rowKey="taskId"
        size="small"
        loading={list.loading}
        dataSource={rows}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        locale={{ emptyText: <Empty description={tr("没有任务", "No tasks")} /> }}
        columns={[
          { title: tr("序号", "No."), dataIndex: "no", width: 60 },
          {
            title: tr("工作任务", "Task"),
            dataIndex: "text",
            render: (text: string) => (
              <Typography.Paragraph style={{ marginBottom: 0 }} ellipsis={{ rows: 2, tooltip: text }}>
                {text}
              </Typography.Paragraph>
            ),
          },
          {
            title: tr("牵头单位", "Lead unit"),
            width: 140,
            render: (_, r) => r.leadUnits.map((u) => u.name).join("、"),
          },
          { title: tr("办结时限", "Deadline"), dataIndex: "deadline", width: 110 },
          {
            title: tr("剩余工作日", "Working days left"),
            width: 100,
            render: (_, r) =>
              r.workdaysLeft === null ? (
                "—"
              ) : r.light === "red" ? (
                <Typography.Text type="danger">
                  {tr(`超期 ${r.workdaysLate}`, `${r.workdaysLate} late`)}
                </Typography.Text>
              ) : r.light === "green" || r.light === "yellow" ? (
                r.workdaysLeft
              ) : (
                "—"
              ),
          },
          {
            title: tr("状态", "State"),
            width: 100,
            render: (_, r) => <span data-testid={`sv-state-${r.taskId}`}>{stateName(r, lang)}</span>,
          },
          { title: tr("信号灯", "Light"), width: 100, render: (_, r) => <LightTag row={r} /> },
          {
            title: tr("进度", "Progress"),
            width: 120,
            render: (_, r) => (r.assigned ? <Progress percent={r.percent} size="small" /> : "—"),
          },
          {
            title: tr("最新反馈", "Last feedback"),
            width: 200,
            render: (_, r) =>
              r.lastFeedback ? (
                <Typography.Text ellipsis={{ tooltip: r.lastFeedback.text }} style={{ maxWidth: 190 }}>
                  {r.lastFeedback.text}
                </Typography.Text>
              ) : (
                "—"
              ),
          },
          {
            title: tr("操作", "Actions"),
            width: 90,
            render: (_, r) => (
              <Button
                size="small"
                onClick={() => setSearch({ task: r.taskId })}
                data-testid={`sv-open-${r.taskId}`}
              >
                {tr("办理", "Open")}
              </Button>
            ),
          },
        ]}
      />
      {open && (
        <TaskDrawer taskId={open} onClose={() => setSearch({})} onChanged={() => void list.reload()} />
      )}
    </>
  );
}

function TaskDrawer({
  taskId,
  onClose,
  onChanged,
}: {
  taskId: string;
  onClose: () => void;
  onChanged: () => void;
}) {
  const { tr, lang } = useI18n();
  const { user } = useAuth();
  const report = useReportError();
  const { message } = App.useApp();
  const detail = useLoad(() => api<SupervisionDetail>("GET", `/api/tasks/${taskId}/supervision`), [taskId]);
  const [action, setAction] = useState<Action | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm();
  const d = detail.data;
  const isLead = !!d && !!user && d.leadUnits.some((u) => user.unitIds.includes(u.id));

  useEffect(() => {
    if (!action || !d) return;
    form.resetFields();
    if (action === "assign") form.setFieldsValue({ deadline: d.deadline ?? "" });
    if (action === "feedback") form.setFieldsValue({ percent: d.percent });
    if (action === "extension-decision") form.setFieldsValue({ approved: true });
  }, [action, d, form]);

  const submit = async () => {
    if (!action) return;
    const values = (await form.validateFields()) as Record<string, unknown>;
    const body = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined && v !== ""));
    setBusy(true);
    try {
      const next = await api<SupervisionDetail>("POST", `/api/tasks/${taskId}/supervision/${action}`, body);
      detail.setData(next);
      setAction(null);
      void message.success(tr(`已${actionLabel[action][0]}`, `${actionLabel[action][1]}: done`));
      onChanged();
    } catch (e) {
      report(e);
    } finally {
      setBusy(false);
    }
  };

  const L = (pair: [string, string]) => pair[lang === "en" ? 1 : 0];
  const noteField = (label: [string, string], name = "note", required = false) => (
    <Form.Item name={name} label={L(label)} rules={required ? [{ required: true, whitespace: true }] : []}>
      <Input.TextArea rows={3} data-testid={`sv-field-${name}`} />
    </Form.Item>
  );

  return (
    <Drawer
      open
      width={640}
      onClose={onClose}
      title={d ? `${tr("督办事项", "Supervised task")} · ${d.no}` : tr("督办事项", "Supervised task")}
      data-testid="sv-drawer"
    >
      {d && (
        <>
          <Typography.Paragraph>{d.text}</Typography.Paragraph>
          <Descriptions size="small" column={2} bordered style={{ marginBottom: 16 }}>
            <Descriptions.Item label={tr("状态", "State")}>
              <span data-testid="sv-drawer-state">{stateName(d, lang)}</span>
            </Descriptions.Item>
            <Descriptions.Item label={tr("信号灯", "Light")}>
              <LightTag row={d} />
            </Descriptions.Item>
            <Descriptions.Item label={tr("牵头单位", "Lead")}>
              {d.leadUnits.map((u) => u.name).join("、")}
            </Descriptions.Item>
            <Descriptions.Item label={tr("配合单位", "Partners")}>
              {d.partnerUnits.map((u) => u.name).join("、") || "—"}
            </Descriptions.Item>
            <Descriptions.Item label={tr("办结时限", "Deadline")}>{d.deadline ?? "—"}</Descriptions.Item>
            <Descriptions.Item label={tr("进度", "Progress")}>
              {d.assigned ? `${d.percent}%` : "—"}
            </Descriptions.Item>
            {d.requestedDeadline && (
              <Descriptions.Item label={tr("申请延期至", "Extension asked to")}>
                {d.requestedDeadline}
              </Descriptions.Item>
            )}
            {d.score !== null && (
              <Descriptions.Item label={tr("考评得分", "Score")}>{d.score}</Descriptions.Item>
            )}
          </Descriptions>
          <Space wrap style={{ marginBottom: 16 }} data-testid="sv-actions">
            {d.allowedActions.map((a) => (
              <Button
                key={a}
                type={["assign", "accept", "close"].includes(a) ? "primary" : "default"}
                danger={a === "return" || a === "chase"}
                onClick={() => setAction(a)}
                data-testid={`sv-action-${a}`}
              >
                {L(actionLabel[a])}
              </Button>
            ))}
          </Space>
          <Typography.Title level={5}>{tr("办理过程", "Timeline")}</Typography.Title>
          {d.events.length === 0 ? (
            <Empty description={tr("尚未交办", "Not assigned yet")} />
          ) : (
            <Timeline
              data-testid="sv-timeline"
              items={d.events.map((e) => ({
                key: e.seq,
                color:
                  e.kind === "chase" || e.kind === "return" ? "red" : e.kind === "close" ? "green" : "blue",
                children: (
                  <div>
                    <Typography.Text strong>{e.label}</Typography.Text>{" "}
                    <Typography.Text type="secondary">
                      {e.on} {e.userName ?? tr("系统", "system")}
                    </Typography.Text>
                    <EventData data={e.data} />
                  </div>
                ),
              }))}
            />
          )}
        </>
      )}
      <Modal
        open={action !== null}
        title={action ? L(actionLabel[action]) : ""}
        onCancel={() => setAction(null)}
        onOk={() => void submit()}
        confirmLoading={busy}
        okButtonProps={{ "data-testid": "sv-submit" } as Record<string, string>}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" preserve={false}>
          {action === "assign" && (
            <>
              <Form.Item name="deadline" label={tr("办结时限", "Deadline")} rules={[{ required: true }]}>
                <Input type="date" data-testid="sv-field-deadline" />
              </Form.Item>
              {noteField(["交办意见", "Note"])}
            </>
          )}
          {action === "feedback" && (
            <>
              <Form.Item
                name="text"
                label={tr("进展情况", "Progress")}
                rules={[{ required: true, whitespace: true }]}
              >
                <Input.TextArea rows={4} data-testid="sv-field-text" />
              </Form.Item>
              <Form.Item
                name="percent"
                label={tr("完成进度（%）", "Percent complete")}
                rules={[{ required: true }]}
              >
                <InputNumber min={0} max={100} data-testid="sv-field-percent" />
              </Form.Item>
              <Form.Item name="evidence" label={tr("佐证材料", "Evidence")}>
                <Input data-testid="sv-field-evidence" />
              </Form.Item>
              {isLead && (
                <Form.Item name="requestClosure" valuePropName="checked">
                  <Checkbox data-testid="sv-field-requestClosure">
                    {tr("同时申请办结", "Also request closure")}
                  </Checkbox>
                </Form.Item>
              )}
            </>
          )}
          {action === "extension-request" && (
            <>
              <Form.Item name="newDeadline" label={tr("延期至", "New deadline")} rules={[{ required: true }]}>
                <Input type="date" data-testid="sv-field-newDeadline" />
              </Form.Item>
              {noteField(["延期理由", "Reason"], "reason", true)}
            </>
          )}
          {action === "extension-decision" && (
            <>
              <Form.Item name="approved" label={tr("审批意见", "Decision")}>
                <Radio.Group>
                  <Radio value={true}>{tr("同意延期", "Approve")}</Radio>
                  <Radio value={false}>{tr("不同意", "Refuse")}</Radio>
                </Radio.Group>
              </Form.Item>
              {noteField(["说明", "Comment"], "comment")}
            </>
          )}
          {action === "return" && noteField(["退办理由", "Reason"], "reason", true)}
          {action === "score" && (
            <>
              <Form.Item name="points" label={tr("得分", "Points")} rules={[{ required: true }]}>
                <InputNumber min={0} max={1000} data-testid="sv-field-points" />
              </Form.Item>
              {noteField(["考评意见", "Comment"], "comment")}
            </>
          )}
          {action &&
            ["accept", "remind", "chase", "request-closure", "close"].includes(action) &&
            noteField(["说明", "Note"])}
        </Form>
      </Modal>
    </Drawer>
  );
}

function EventData({ data }: { data: Record<string, unknown> }) {
  const { tr } = useI18n();
  const parts: string[] = [];
  if (typeof data.text === "string") parts.push(`${data.text}（${String(data.percent)}%）`);
  if (typeof data.deadline === "string" && data.approved === undefined && data.reason === undefined)
    parts.push(tr(`办结时限 ${data.deadline}`, `deadline ${data.deadline}`));
  if (typeof data.newDeadline === "string")
    parts.push(tr(`申请延至 ${data.newDeadline}`, `to ${data.newDeadline}`));
  if (typeof data.approved === "boolean")
    parts.push(
      data.approved
        ? tr(`同意，时限 ${String(data.deadline)}`, `approved: ${String(data.deadline)}`)
        : tr("不同意", "refused"),
    );
  for (const k of ["reason", "comment", "note", "evidence"])
    if (typeof data[k] === "string" && data[k]) parts.push(String(data[k]));
  if (typeof data.points === "number") parts.push(tr(`得分 ${data.points}`, `${data.points} points`));
  if (typeof data.workdaysLate === "number" && data.workdaysLate > 0)
    parts.push(tr(`超期 ${data.workdaysLate} 个工作日`, `${data.workdaysLate} working days late`));
  if (data.auto === true) parts.push(tr("（系统自动）", "(automatic)"));
  return parts.length ? <div style={{ color: "#555" }}>{parts.join("；")}</div> : null;
}
