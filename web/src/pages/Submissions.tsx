/**
 * 填报审核: planners see the forms units submitted, by unit and period; open one to read every value with
 * its numerator and denominator, 口径 and evidence; return a single value with a reason (the rest stays
 * as it is), return the whole form, approve it, or reopen an approved form with a reason (the unlocking
 * is recorded). The form says how many values changed since it was last approved.
 */
import { useMemo, useState } from "react";
import { useSearchParams } from "react-router-dom";
import {
  Alert,
  App,
  Button,
  Card,
  Empty,
  Input,
  Modal,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
} from "antd";
import { CheckOutlined, PaperClipOutlined, RollbackOutlined, UnlockOutlined } from "@ant-design/icons";
import { all, api } from "../api";
import { useAuth } from "../auth";
import { useLoad, useReportError } from "../hooks";
import { useI18n } from "../i18n";
import { pick } from "../labels";
import {
  fmtSize,
  isRatio,
  periodChoices,
  periodText,
  rowKey,
  submissionColor,
  submissionLabel,
  valueColor,
  valueLabel,
  type FormRow,
  type Submission,
  type SubmissionForm,
  type SubmissionStatus,
  type UnitLite,
} from "../components/reporting";

/** What a reason is asked for: one value, the whole form, or reopening an approved form. */
type Asking = { kind: "value"; row: FormRow } | { kind: "form" } | { kind: "reopen" };

export default function Submissions() {
  const { tr, lang } = useI18n();
  const [params, setParams] = useSearchParams();
  const selected = params.get("submission") ?? undefined;
  const [status, setStatus] = useState<SubmissionStatus | "all">("submitted");
  const [periodId, setPeriodId] = useState<string>();
  const [unitId, setUnitId] = useState<string>();
  const units = useLoad(() => all<UnitLite>("/api/units"), []);
  const unitName = useMemo(() => new Map((units.data ?? []).map((u) => [u.id, u.name])), [units.data]);
  const list = useLoad(() => {
    const q = new URLSearchParams();
    if (status !== "all") q.set("status", status);
    if (periodId) q.set("periodId", periodId);
    if (unitId) q.set("unitId", unitId);
    const s = q.toString();
    return all<Submission>(`/api/submissions${s ? `?${s}` : ""}`);
  }, [status, periodId, unitId]);

  return (
    <div data-testid="submissions-page">
      <Typography.Title level={3}>{tr("填报审核", "Review of reports")}</Typography.Title>
      <Card style={{ marginBottom: 16 }}>
        <Space wrap style={{ marginBottom: 12 }}>
          <Select
            style={{ width: 140 }}
            value={status}
            onChange={setStatus}
            data-testid="filter-status"
            options={[
              { value: "all", label: tr("全部状态", "Any status") },
              ...(Object.keys(submissionLabel) as SubmissionStatus[]).map((s) => ({
                value: s,
                label: pick(submissionLabel[s], lang),
              })),
            ]}
          />
          <Select
            style={{ width: 180 }}
            allowClear
            showSearch
            optionFilterProp="label"
            placeholder={tr("全部报告期", "Any period")}
            value={periodId}
            onChange={setPeriodId}
            options={periodChoices(new Date().getFullYear(), lang)}
            data-testid="filter-period"
          />
          <Select
            style={{ width: 220 }}
            allowClear
            showSearch
            optionFilterProp="label"
            placeholder={tr("全部单位", "Any unit")}
            value={unitId}
            onChange={setUnitId}
            options={(units.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
          />
        </Space>
        <Table<Submission>
          rowKey="id"
          size="small"
          loading={list.loading}
          dataSource={list.data ?? []}
          pagination={{ pageSize: 10, showSizeChanger: false }}
          locale={{ emptyText: tr("没有符合条件的填报", "No report matches") }}
          onRow={(s) =>
            ({
              "data-testid": "submission-row",
              "data-unit": unitName.get(s.unitId) ?? "",
              style: s.id === selected ? { background: "#e6f4ff" } : undefined,
            }) as React.HTMLAttributes<HTMLElement>
          }
          columns={[
            {
              title: tr("填报单位", "Unit"),
              key: "unit",
              render: (_, s) => unitName.get(s.unitId) ?? s.unitId,
            },
            {
              title: tr("报告期", "Period"),
              key: "period",
              width: 150,
              render: (_, s) => periodText(s.periodId, lang),
            },
            {
              title: tr("状态", "Status"),
              key: "status",
              width: 100,
              render: (_, s) => (
                <Tag color={submissionColor[s.status]}>{pick(submissionLabel[s.status], lang)}</Tag>
              ),
            },
            {
              title: tr("提交时间", "Submitted"),
              key: "submittedAt",
              width: 170,
              render: (_, s) =>
                s.submittedAt
                  ? new Date(s.submittedAt).toLocaleString(lang === "en" ? "en-GB" : "zh-CN")
                  : "—",
            },
            {
              title: tr("操作", "Actions"),
              key: "actions",
              width: 90,
              render: (_, s) => (
                <Button
                  size="small"
                  type="link"
                  onClick={() => setParams({ submission: s.id })}
                  data-testid="submission-open"
                >
                  {tr("审核", "Review")}
                </Button>
              ),
            },
          ]}
        />
      </Card>
      {selected ? (
        <ReviewForm
          key={selected}
          submissionId={selected}
          unitName={unitName}
          onDecided={() => void list.reload()}
        />
      ) : (
        <Card>
          <Empty description={tr("选择一份填报进行审核", "Choose a report to review")} />
        </Card>
      )}
    </div>
  );
}

function ReviewForm({
  submissionId,
  unitName,
  onDecided,
}: {
  submissionId: string;
  unitName: Map<string, string>;
  onDecided: () => void;
}) {
  const { tr, lang } = useI18n();
  const { can } = useAuth();
  const { message } = App.useApp();
  const reportError = useReportError();
  const form = useLoad(
    () => api<SubmissionForm>("GET", `/api/submissions/${submissionId}/form`),
    [submissionId],
  );
  const [asking, setAsking] = useState<Asking>();
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);
  const sub = form.data?.submission;
  const rows = form.data?.rows ?? [];
  const planner = can("planner");

  const act = async (f: () => Promise<unknown>, done: [string, string]) => {
    setBusy(true);
    try {
      await f();
      void message.success(tr(...done));
      await form.reload();
      onDecided();
      return true;
    } catch (e) {
      reportError(e);
      return false;
    } finally {
      setBusy(false);
    }
  };
  const confirmReason = async () => {
    if (!asking || !reason.trim()) return;
    const r = reason.trim();
    const ok =
      asking.kind === "value"
        ? await act(
            () => api("POST", `/api/observations/${asking.row.observation?.id}/return`, { reason: r }),
            ["已退回该数值", "Value returned"],
          )
        : asking.kind === "form"
          ? await act(
              () => api("POST", `/api/submissions/${submissionId}/return`, { note: r }),
              ["已退回整张填报表", "Form returned"],
            )
          : await act(
              () => api("POST", `/api/submissions/${submissionId}/reopen`, { reason: r }),
              ["已重新打开，填报单位可修改", "Reopened for corrections"],
            );
    if (ok) {
      setAsking(undefined);
      setReason("");
    }
  };

  if (!sub)
    return (
      <Card loading={form.loading}>
        {!form.loading && <Empty description={tr("无法读取填报表", "The form could not be read")} />}
      </Card>
    );

  const filled = rows.filter((r) => r.observation).length;
  const returnedValues = rows.filter((r) => r.observation?.status === "returned").length;
  const fmt = (n: number | null) => (n === null ? "—" : String(Number(n.toFixed(4))));

  return (
    <Card
      data-testid="review-form"
      title={
        <Space>
          <span>
            {unitName.get(sub.unitId) ?? ""} · {periodText(sub.periodId, lang)}
          </span>
          <Tag color={submissionColor[sub.status]} data-testid="review-status">
            {pick(submissionLabel[sub.status], lang)}
          </Tag>
        </Space>
      }
      extra={
        planner && (
          <Space>
            {sub.status === "submitted" && (
              <>
                <Button
                  icon={<RollbackOutlined />}
                  danger
                  onClick={() => setAsking({ kind: "form" })}
                  data-testid="return-all"
                >
                  {tr("全部退回", "Return all")}
                </Button>
                <Button
                  type="primary"
                  icon={<CheckOutlined />}
                  loading={busy}
                  disabled={returnedValues > 0}
                  onClick={() =>
                    void act(
                      () => api("POST", `/api/submissions/${submissionId}/approve`),
                      ["审核通过", "Approved"],
                    )
                  }
                  data-testid="approve"
                >
                  {tr("审核通过", "Approve")}
                </Button>
              </>
            )}
            {sub.status === "approved" && (
              <Button
                icon={<UnlockOutlined />}
                onClick={() => setAsking({ kind: "reopen" })}
                data-testid="reopen"
              >
                {tr("重新打开", "Reopen")}
              </Button>
            )}
          </Space>
        )
      }
    >
      <Space size={48} style={{ marginBottom: 12 }}>
        <Statistic title={tr("应填数值", "Values due")} value={rows.length} />
        <Statistic title={tr("已填数值", "Filled")} value={filled} />
        <Statistic title={tr("已退回数值", "Returned")} value={returnedValues} data-testid="stat-returned" />
        <Statistic
          title={tr("审核后修改的数值", "Changed since approval")}
          value={form.data?.changedSinceApproval ?? 0}
          data-testid="stat-changed"
        />
      </Space>
      {sub.status === "submitted" && returnedValues > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          message={tr(
            `${returnedValues} 项数值已退回，待填报单位修改后重新提交`,
            `${returnedValues} values returned; the unit corrects and submits again`,
          )}
        />
      )}
      {sub.reopenedAt && sub.reopenReason && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="reopen-note"
          message={tr(
            `${new Date(sub.reopenedAt).toLocaleString("zh-CN")} 重新打开：${sub.reopenReason}`,
            `Reopened ${new Date(sub.reopenedAt).toLocaleString("en-GB")}: ${sub.reopenReason}`,
          )}
        />
      )}
      {sub.note && sub.status === "returned" && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          message={`${tr("退回意见：", "Returned: ")}${sub.note}`}
        />
      )}
      <Table<FormRow>
        rowKey={(r) => rowKey(r.indicator.id, r.orgUnit.id)}
        size="small"
        pagination={false}
        dataSource={rows}
        onRow={(r) =>
          ({
            "data-testid": "review-row",
            "data-indicator": r.indicator.code ?? r.indicator.id,
            "data-org-unit": r.orgUnit.name,
            style: r.observation?.status === "returned" ? { background: "#fff1f0" } : undefined,
          }) as React.HTMLAttributes<HTMLElement>
        }
        columns={[
          {
            title: tr("指标", "Indicator"),
            key: "indicator",
            render: (_, r) => (
              <Space direction="vertical" size={0}>
                <Typography.Text strong>{r.indicator.name}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {r.indicator.code ?? ""}
                </Typography.Text>
              </Space>
            ),
          },
          { title: tr("填报机构", "Org unit"), key: "org", width: 130, render: (_, r) => r.orgUnit.name },
          {
            title: tr("数值", "Value"),
            key: "value",
            width: 200,
            render: (_, r) => {
              const o = r.observation;
              if (!o) return <Typography.Text type="secondary">{tr("未填", "Empty")}</Typography.Text>;
              return (
                <Space direction="vertical" size={0}>
                  <Typography.Text strong data-testid="review-value">
                    {fmt(o.value)}
                    {r.indicator.unit ?? ""}
                  </Typography.Text>
                  {isRatio(r.indicator.type) && o.numerator !== null && (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {fmt(o.numerator)} / {fmt(o.denominator)}
                    </Typography.Text>
                  )}
                  {r.warnings.map((w, i) => (
                    <span key={i} style={{ color: "#ad6800", fontSize: 12 }}>
                      {lang === "en" ? (w.messageEn ?? w.message) : w.message}
                    </span>
                  ))}
                </Space>
              );
            },
          },
          {
            title: tr("统计口径", "Definition"),
            key: "definition",
            width: 180,
            render: (_, r) => r.observation?.definition ?? "—",
          },
          {
            title: tr("佐证材料", "Evidence"),
            key: "evidence",
            width: 180,
            render: (_, r) =>
              r.observation?.evidence.length ? (
                <Space direction="vertical" size={0}>
                  {r.observation.evidence.map((f) => (
                    <a key={f.id} href={`/api/evidence/${f.id}`} target="_blank" rel="noreferrer">
                      <PaperClipOutlined /> {f.fileName} ({fmtSize(f.size)})
                    </a>
                  ))}
                </Space>
              ) : (
                "—"
              ),
          },
          {
            title: tr("状态", "Status"),
            key: "status",
            width: 170,
            render: (_, r) => {
              const o = r.observation;
              if (!o) return null;
              return (
                <Space direction="vertical" size={0}>
                  <Space size={4}>
                    <Tag color={valueColor[o.status]} data-testid="review-value-status">
                      {pick(valueLabel[o.status], lang)}
                    </Tag>
                    {o.changedSinceApproval && <Tag color="orange">{tr("审核后修改", "Changed")}</Tag>}
                  </Space>
                  {o.returnReason && o.status === "returned" && (
                    <Typography.Text type="danger" style={{ fontSize: 12 }}>
                      {o.returnReason}
                    </Typography.Text>
                  )}
                </Space>
              );
            },
          },
          ...(planner
            ? [
                {
                  title: tr("操作", "Actions"),
                  key: "actions",
                  width: 90,
                  render: (_: unknown, r: FormRow) =>
                    sub.status === "submitted" && r.observation && r.observation.status !== "returned" ? (
                      <Button
                        size="small"
                        danger
                        type="link"
                        onClick={() => setAsking({ kind: "value", row: r })}
                        data-testid="return-value"
                      >
                        {tr("退回", "Return")}
                      </Button>
                    ) : null,
                },
              ]
            : []),
        ]}
      />
      <Modal
        open={!!asking}
        title={
          asking?.kind === "value"
            ? `${tr("退回数值", "Return a value")}：${asking.row.indicator.name} · ${asking.row.orgUnit.name}`
            : asking?.kind === "form"
              ? tr("退回整张填报表", "Return the whole form")
              : tr("重新打开已通过的填报表", "Reopen an approved form")
        }
        onCancel={() => setAsking(undefined)}
        onOk={() => void confirmReason()}
        okText={tr("确定", "OK")}
        cancelText={tr("取消", "Cancel")}
        okButtonProps={{ disabled: !reason.trim(), loading: busy, "data-testid": "reason-ok" }}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">
          {asking?.kind === "reopen"
            ? tr(
                "重新打开将解锁已通过的数值，原因会记入审计日志。",
                "Reopening unlocks approved values; the reason is audited.",
              )
            : tr("请写明退回原因，填报单位将看到该原因。", "Say why; the unit sees the reason.")}
        </Typography.Paragraph>
        <Input.TextArea
          rows={3}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          maxLength={2000}
          data-testid="reason-input"
        />
      </Modal>
    </Card>
  );
}
