/**
 * The task register (任务分工台账): every task with its section, lead and partner units, deadline and
 * progress; filters by unit, section, status and overdue; export to .xlsx and import an edited sheet.
 * Reporters see the progress control only on tasks their own units carry.
 */
import { useMemo, useState } from "react";
import { useOutletContext, useParams } from "react-router-dom";
import {
  Alert,
  App,
  Button,
  Card,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
  Upload,
} from "antd";
import { DownloadOutlined, FormOutlined, UploadOutlined } from "@ant-design/icons";
import { ApiError, api, upload } from "../api";
import { useAuth } from "../auth";
import { useLoad, useReportError } from "../hooks";
import { useI18n } from "../i18n";
import { pick, progressColor, progressLabel } from "../labels";
import type { ShellContext } from "../Shell";
import type { ProgressStatus, RegisterRow } from "../types";

interface ImportSummary {
  rows: number;
  tasksUpdated: number;
  progressRecorded: number;
  unchanged: number;
  problems: Array<{ row: number; message: string }>;
}

export default function Register() {
  const { planId = "" } = useParams();
  const { plan } = useOutletContext<ShellContext>();
  const { user, can } = useAuth();
  const { t, tr, lang } = useI18n();
  const { message } = App.useApp();
  const report = useReportError();
  const reg = useLoad(
    () => api<{ items: RegisterRow[] }>("GET", `/api/plans/${planId}/register`).then((r) => r.items),
    [planId],
  );
  const [unit, setUnit] = useState<string>();
  const [section, setSection] = useState<string>();
  const [status, setStatus] = useState<ProgressStatus>();
  const [overdue, setOverdue] = useState(false);
  const [q, setQ] = useState("");
  const [reporting, setReporting] = useState<RegisterRow | null>(null);
  const [imported, setImported] = useState<ImportSummary | null>(null);
  const rows = useMemo(() => reg.data ?? [], [reg.data]);

  const units = useMemo(() => {
    const m = new Map<string, string>();
    for (const r of rows) for (const u of [...r.leadUnits, ...r.partnerUnits]) m.set(u.id, u.name);
    return [...m]
      .map(([value, label]) => ({ value, label }))
      .sort((a, b) => a.label.localeCompare(b.label, "zh"));
  }, [rows]);
  const sections = useMemo(() => {
    const m = new Map<string, string>();
    for (const r of rows) if (r.sectionId && r.sectionTitle) m.set(r.sectionId, r.sectionTitle);
    return [...m].map(([value, label]) => ({ value, label }));
  }, [rows]);

  const shown = rows.filter(
    (r) =>
      (!unit || [...r.leadUnits, ...r.partnerUnits].some((u) => u.id === unit)) &&
      (!section || r.sectionId === section) &&
      (!status || r.status === status) &&
      (!overdue || r.overdue) &&
      (!q || r.text.includes(q)),
  );

  /** May this user report progress on this row? Planners on any; reporters only for their own units. */
  const mayReport = (r: RegisterRow) =>
    plan?.status === "published" &&
    (can("planner") ||
      (!!user?.roles.includes("reporter") &&
        [...r.leadUnits, ...r.partnerUnits].some((u) => user.unitIds.includes(u.id))));

  const importSheet = async (file: File) => {
    try {
      const result = await upload<ImportSummary>(`/api/plans/${planId}/register.xlsx`, file, () => undefined);
      setImported(result);
      await reg.reload();
    } catch (e) {
      void message.error(e instanceof ApiError ? e.text(lang) : String(e));
    }
  };

  const counts = {
    total: rows.length,
    done: rows.filter((r) => r.status === "done").length,
    overdue: rows.filter((r) => r.overdue).length,
  };

  return (
    <>
      <Space style={{ width: "100%", justifyContent: "space-between", marginBottom: 12 }} align="center">
        <Typography.Title level={4} className="page-title" style={{ marginBottom: 0 }}>
          {t("register")}
        </Typography.Title>
        <Space>
          <Typography.Text type="secondary" data-testid="register-summary">
            {tr(
              `共 ${counts.total} 项，已完成 ${counts.done} 项，逾期 ${counts.overdue} 项`,
              `${counts.total} tasks, ${counts.done} done, ${counts.overdue} overdue`,
            )}
          </Typography.Text>
          <Button
            icon={<DownloadOutlined />}
            href={`/api/plans/${planId}/register.xlsx`}
            data-testid="export-xlsx"
          >
            {tr("导出 Excel", "Export .xlsx")}
          </Button>
          {(can("planner") || can("reporter")) && (
            <Upload
              accept=".xlsx"
              showUploadList={false}
              beforeUpload={(f) => {
                void importSheet(f);
                return false;
              }}
            >
              <Button icon={<UploadOutlined />} data-testid="import-xlsx">
                {tr("导入修改后的台账", "Import edited sheet")}
              </Button>
            </Upload>
          )}
        </Space>
      </Space>
      {imported && (
        <Alert
          closable
          onClose={() => setImported(null)}
          style={{ marginBottom: 12 }}
          type={imported.problems.length ? "warning" : "success"}
          showIcon
          message={tr(
            `读取 ${imported.rows} 行：更新任务 ${imported.tasksUpdated} 项，登记进展 ${imported.progressRecorded} 项，未变 ${imported.unchanged} 项`,
            `${imported.rows} rows: ${imported.tasksUpdated} tasks updated, ${imported.progressRecorded} progress reports, ${imported.unchanged} unchanged`,
          )}
          description={imported.problems.map((p) => (
            <div key={`${p.row}${p.message}`}>
              {tr(`第 ${p.row} 行：`, `Row ${p.row}: `)}
              {p.message}
            </div>
          ))}
        />
      )}
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space wrap>
          <Select
            allowClear
            showSearch
            placeholder={tr("责任单位", "Unit")}
            style={{ width: 220 }}
            options={units}
            value={unit}
            onChange={setUnit}
            optionFilterProp="label"
            data-testid="filter-unit"
          />
          <Select
            allowClear
            placeholder={tr("所属章节", "Section")}
            style={{ width: 260 }}
            options={sections}
            value={section}
            onChange={setSection}
          />
          <Select<ProgressStatus>
            allowClear
            placeholder={tr("进展情况", "Status")}
            style={{ width: 140 }}
            value={status}
            onChange={setStatus}
            options={(Object.keys(progressLabel) as ProgressStatus[]).map((s) => ({
              value: s,
              label: pick(progressLabel[s], lang),
            }))}
          />
          <Space>
            <Switch checked={overdue} onChange={setOverdue} data-testid="filter-overdue" />
            {tr("仅看逾期", "Overdue only")}
          </Space>
          <Input.Search
            allowClear
            placeholder={tr("搜索任务内容", "Search tasks")}
            style={{ width: 220 }}
            onSearch={setQ}
            onChange={(e) => !e.target.value && setQ("")}
          />
        </Space>
      </Card>
      <Card size="small">
        <Table<RegisterRow>
          rowKey="taskId"
          size="middle"
          loading={reg.loading}
          dataSource={shown}
          rowClassName={(r) => (r.overdue ? "overdue-row" : "")}
          pagination={{
            defaultPageSize: 50,
            showSizeChanger: true,
            showTotal: (n) => tr(`共 ${n} 项`, `${n} tasks`),
          }}
          data-testid="register-table"
          columns={[
            {
              title: tr("序号", "No."),
              dataIndex: "no",
              width: 70,
              sorter: (a, b) => a.no - b.no,
              defaultSortOrder: "ascend",
            },
            {
              title: tr("工作任务", "Task"),
              dataIndex: "text",
              render: (v: string, r) => (
                <>
                  <Typography.Paragraph
                    style={{ marginBottom: 2 }}
                    ellipsis={{
                      rows: 3,
                      expandable: "collapsible",
                      symbol: (open) => (open ? tr("收起", "less") : tr("展开", "more")),
                    }}
                  >
                    {v}
                  </Typography.Paragraph>
                  {r.sectionTitle && (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {r.sectionTitle}
                    </Typography.Text>
                  )}
                </>
              ),
            },
            {
              title: tr("牵头单位", "Lead"),
              key: "lead",
              width: 160,
              render: (_, r) =>
                r.leadUnits.map((u) => (
                  <Tag key={u.id} color="purple">
                    {u.name}
                  </Tag>
                )),
            },
            {
              title: tr("配合单位", "Partners"),
              key: "partner",
              width: 180,
              render: (_, r) => r.partnerUnits.map((u) => <Tag key={u.id}>{u.name}</Tag>),
            },
            {
              title: tr("完成时限", "Due"),
              key: "due",
              width: 130,
              sorter: (a, b) => (a.deadlineDue ?? "9999").localeCompare(b.deadlineDue ?? "9999"),
              render: (_, r) => (
                <>
                  <div>{r.deadlineDue ?? r.deadlineText ?? "—"}</div>
                  {r.deadlineDue && r.deadlineText && (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {r.deadlineText}
                    </Typography.Text>
                  )}
                  {r.overdue && <Tag color="red">{tr("逾期", "Overdue")}</Tag>}
                </>
              ),
            },
            {
              title: tr("进展情况", "Status"),
              key: "status",
              width: 110,
              sorter: (a, b) => a.status.localeCompare(b.status),
              render: (_, r) => (
                <Space direction="vertical" size={0}>
                  <Tag color={progressColor[r.status]}>{pick(progressLabel[r.status], lang)}</Tag>
                  {r.statusNote && (
                    <Typography.Text
                      type="secondary"
                      style={{ fontSize: 12 }}
                      ellipsis={{ tooltip: r.statusNote }}
                    >
                      {r.statusNote}
                    </Typography.Text>
                  )}
                </Space>
              ),
            },
            {
              title: tr("操作", "Actions"),
              key: "actions",
              width: 100,
              render: (_, r) =>
                mayReport(r) ? (
                  <Button
                    size="small"
                    icon={<FormOutlined />}
                    onClick={() => setReporting(r)}
                    data-testid="report-progress"
                  >
                    {tr("填报", "Report")}
                  </Button>
                ) : null,
            },
          ]}
        />
      </Card>
      {reporting && (
        <ProgressModal
          row={reporting}
          onClose={(saved) => {
            setReporting(null);
            if (saved) {
              void message.success(tr("进展已登记", "Progress recorded"));
              void reg.reload();
            }
          }}
          report={report}
        />
      )}
    </>
  );
}

function ProgressModal({
  row,
  onClose,
  report,
}: {
  row: RegisterRow;
  onClose: (saved: boolean) => void;
  report: (e: unknown) => void;
}) {
  const { user, can } = useAuth();
  const { tr, lang } = useI18n();
  const [form] = Form.useForm<{ unitId: string; status: ProgressStatus; note?: string }>();
  const [busy, setBusy] = useState(false);
  const units = [...row.leadUnits, ...row.partnerUnits].filter(
    (u) => can("planner") || user?.unitIds.includes(u.id),
  );
  const save = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      await api("POST", `/api/tasks/${row.taskId}/progress`, {
        unitId: v.unitId,
        status: v.status,
        note: v.note || null,
      });
      onClose(true);
    } catch (e) {
      report(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={tr("填报进展", "Report progress")}
      onCancel={() => onClose(false)}
      onOk={() => void save()}
      confirmLoading={busy}
      okText={tr("提交", "Submit")}
    >
      <Typography.Paragraph type="secondary">{row.text}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          unitId: units[0]?.id,
          status: row.status === "not_started" ? "in_progress" : row.status,
        }}
      >
        <Form.Item name="unitId" label={tr("填报单位", "Unit")} rules={[{ required: true }]}>
          <Select options={units.map((u) => ({ value: u.id, label: u.name }))} />
        </Form.Item>
        <Form.Item name="status" label={tr("进展情况", "Status")} rules={[{ required: true }]}>
          <Select
            options={(Object.keys(progressLabel) as ProgressStatus[]).map((s) => ({
              value: s,
              label: pick(progressLabel[s], lang),
            }))}
          />
        </Form.Item>
        <Form.Item name="note" label={tr("进展说明", "Note")}>
          <Input.TextArea autoSize={{ minRows: 3 }} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
