/**
 * The audit log (审计日志): who changed what and when, newest first, filtered by user, action, object
 * type and day; each entry opens to a field-by-field comparison of the stored before and after.
 */
import { useMemo, useState } from "react";
import { Button, Card, DatePicker, Input, Select, Space, Table, Tag, Typography } from "antd";
import { ReloadOutlined } from "@ant-design/icons";
import type { Dayjs } from "dayjs";
import { all, api } from "../api";
import { useLoad } from "../hooks";
import { useI18n } from "../i18n";
import type { Page, User } from "../types";

interface AuditEntry {
  id: number;
  at: string;
  userId: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
}

const entityLabel: Record<string, [string, string]> = {
  plan: ["计划", "Plan"],
  section: ["章节", "Section"],
  task: ["任务", "Task"],
  target: ["目标", "Target"],
  actual: ["实际值", "Actual"],
  unit: ["单位", "Unit"],
  user: ["用户", "User"],
  orgUnit: ["组织机构", "Org unit"],
  indicator: ["指标", "Indicator"],
  observation: ["指标数据", "Observation"],
  submission: ["填报", "Submission"],
  auth: ["登录", "Sign-in"],
};
const verbLabel: Record<string, [string, string]> = {
  add: ["新增", "added"],
  create: ["新增", "created"],
  update: ["修改", "changed"],
  delete: ["删除", "deleted"],
  publish: ["发布", "published"],
  review: ["批量审核", "reviewed"],
  split: ["拆分", "split"],
  merge: ["合并", "merged"],
  import: ["导入", "imported"],
  login: ["登录", "signed in"],
  logout: ["退出", "signed out"],
  login_failed: ["登录失败", "failed sign-in"],
  progress: ["进展填报", "progress"],
  link: ["指标关联", "linked"],
  report: ["填报", "reported"],
  open: ["开启", "opened"],
  password_change: ["修改密码", "password changed"],
  password_reset: ["重置密码", "password reset"],
  "org-units": ["所属机构", "org units"],
};

export default function AuditLog() {
  const { tr, lang } = useI18n();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [userId, setUserId] = useState<string>();
  const [action, setAction] = useState("");
  const [entity, setEntity] = useState<string>();
  const [days, setDays] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const users = useLoad(() => all<User>("/api/users"), []);
  const query = useMemo(() => {
    const q = new URLSearchParams({ page: String(page), pageSize: String(pageSize) });
    if (userId) q.set("userId", userId);
    if (action.trim()) q.set("action", action.trim());
    if (entity) q.set("entity", entity);
    if (days?.[0]) q.set("from", days[0].format("YYYY-MM-DD"));
    if (days?.[1]) q.set("to", days[1].format("YYYY-MM-DD"));
    return q.toString();
  }, [page, pageSize, userId, action, entity, days]);
  const log = useLoad(() => api<Page<AuditEntry>>("GET", `/api/audit?${query}`), [query]);
  const nameOf = useMemo(
    () => new Map((users.data ?? []).map((u) => [u.id, `${u.displayName}（${u.username}）`])),
    [users.data],
  );
  const pick = (l: [string, string] | undefined, fallback: string) =>
    l ? l[lang === "zh" ? 0 : 1] : fallback;
  const describe = (a: string) => {
    const [ent = "", verb = ""] = a.split(".");
    return `${pick(entityLabel[ent], ent)} · ${pick(verbLabel[verb], verb)}`;
  };
  const resetPage =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      set(v);
      setPage(1);
    };

  return (
    <>
      <Typography.Title level={4} className="page-title">
        {tr("审计日志", "Audit log")}
      </Typography.Title>
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space wrap data-testid="audit-filters">
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            style={{ width: 200 }}
            placeholder={tr("操作人", "User")}
            value={userId}
            onChange={resetPage(setUserId)}
            options={(users.data ?? []).map((u) => ({
              value: u.id,
              label: `${u.displayName}（${u.username}）`,
            }))}
            data-testid="audit-user"
          />
          <Input.Search
            allowClear
            style={{ width: 220 }}
            placeholder={tr("操作，如 task.update", "Action, e.g. task.update")}
            onSearch={resetPage(setAction)}
            data-testid="audit-action"
          />
          <Select
            allowClear
            style={{ width: 140 }}
            placeholder={tr("对象类型", "Object")}
            value={entity}
            onChange={resetPage(setEntity)}
            options={Object.entries(entityLabel).map(([value, l]) => ({ value, label: pick(l, value) }))}
            data-testid="audit-entity"
          />
          <DatePicker.RangePicker
            value={days}
            onChange={(v) => resetPage(setDays)(v as [Dayjs | null, Dayjs | null] | null)}
            placeholder={[tr("开始日期", "From"), tr("结束日期", "To")]}
          />
          <Button icon={<ReloadOutlined />} onClick={() => void log.reload()}>
            {tr("刷新", "Reload")}
          </Button>
        </Space>
      </Card>
      <Card size="small">
        <Table<AuditEntry>
          rowKey="id"
          size="small"
          loading={log.loading}
          dataSource={log.data?.items ?? []}
          data-testid="audit-table"
          pagination={{
            current: page,
            pageSize,
            total: log.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (n) => tr(`共 ${n} 条`, `${n} entries`),
            onChange: (p, s) => {
              setPage(p);
              setPageSize(s);
            },
          }}
          expandable={{
            expandedRowRender: (e) => <Diff before={e.before} after={e.after} />,
            rowExpandable: (e) => e.before !== null || e.after !== null,
          }}
          columns={[
            {
              title: tr("时间", "When"),
              dataIndex: "at",
              width: 170,
              render: (at: string) => new Date(at).toLocaleString(lang === "zh" ? "zh-CN" : "en-GB"),
            },
            {
              title: tr("操作人", "User"),
              dataIndex: "userId",
              width: 200,
              render: (id: string | null) =>
                id ? (
                  (nameOf.get(id) ?? id.slice(0, 8))
                ) : (
                  <Typography.Text type="secondary">—</Typography.Text>
                ),
            },
            {
              title: tr("操作", "Action"),
              dataIndex: "action",
              render: (a: string) => (
                <Space size={4}>
                  <Tag color={a.endsWith("delete") || a.endsWith("failed") ? "red" : "blue"}>
                    {describe(a)}
                  </Tag>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {a}
                  </Typography.Text>
                </Space>
              ),
            },
            {
              title: tr("对象", "Object"),
              dataIndex: "entity",
              width: 110,
              render: (e: string) => pick(entityLabel[e], e),
            },
            {
              title: tr("对象编号", "Object id"),
              dataIndex: "entityId",
              width: 120,
              render: (id: string | null) =>
                id ? <Typography.Text code>{id.slice(0, 8)}</Typography.Text> : "—",
            },
          ]}
        />
      </Card>
    </>
  );
}

/** Before and after side by side, one row per field; changed fields are marked. */
function Diff({ before, after }: { before: unknown; after: unknown }) {
  const { tr } = useI18n();
  const b = asRecord(before);
  const a = asRecord(after);
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  const rows = keys.map((k) => {
    const x = show(b[k]);
    const y = show(a[k]);
    return { key: k, before: x, after: y, changed: x !== y };
  });
  rows.sort((p, q) => Number(q.changed) - Number(p.changed));
  return (
    <Table
      size="small"
      pagination={false}
      rowKey="key"
      dataSource={rows}
      data-testid="audit-diff"
      rowClassName={(r) => (r.changed ? "diff-changed" : "")}
      columns={[
        { title: tr("字段", "Field"), dataIndex: "key", width: 160 },
        {
          title: tr("修改前", "Before"),
          dataIndex: "before",
          render: (v: string, r) => <span className={r.changed ? "diff-old" : ""}>{v}</span>,
        },
        {
          title: tr("修改后", "After"),
          dataIndex: "after",
          render: (v: string, r) => <span className={r.changed ? "diff-new" : ""}>{v}</span>,
        },
      ]}
    />
  );
}

function asRecord(v: unknown): Record<string, unknown> {
  if (v === null || v === undefined) return {};
  if (typeof v === "object" && !Array.isArray(v)) return v as Record<string, unknown>;
  return { value: v };
}

function show(v: unknown): string {
  if (v === undefined) return "";
  if (v === null) return "—";
  if (typeof v === "string") return v;
  return JSON.stringify(v);
}
