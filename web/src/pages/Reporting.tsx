/**
 * 数据填报: a reporter opens its unit's form for a period — the indicators it reports × the org units it
 * reports for — and enters each value (or numerator and denominator for a ratio) with the 统计口径 it was
 * counted by, in the grid or through the Excel template Mubiao generates; the API checks every cell and
 * its message is shown under that cell. Evidence attaches to a saved value; approved values are locked;
 * a value the reviewer returned is highlighted with the reason. Then the form is submitted.
 */
import { useEffect, useMemo, useState } from "react";
import { useSearchParams } from "react-router-dom";
import {
  Alert,
  App,
  Badge,
  Button,
  Card,
  Empty,
  Input,
  InputNumber,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
  Upload,
} from "antd";
import {
  DeleteOutlined,
  DownloadOutlined,
  LockOutlined,
  PaperClipOutlined,
  SaveOutlined,
  SendOutlined,
  UploadOutlined,
} from "@ant-design/icons";
import { all, api, ApiError, upload } from "../api";
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
  type CellError,
  type FormRow,
  type Submission,
  type SubmissionForm,
  type UnitLite,
} from "../components/reporting";

interface Draft {
  value?: number | null;
  numerator?: number | null;
  denominator?: number | null;
  definition?: string | null;
}

const editable = (s: Submission["status"]) => s === "draft" || s === "returned";

export default function Reporting() {
  const { tr, lang } = useI18n();
  const { user, can } = useAuth();
  const { message } = App.useApp();
  const reportError = useReportError();
  const [params, setParams] = useSearchParams();
  const submissionId = params.get("submission") ?? undefined;
  const units = useLoad(() => all<UnitLite>("/api/units"), []);
  const myUnits = useMemo(() => {
    const list = units.data ?? [];
    return can("planner") ? list : list.filter((u) => user?.unitIds.includes(u.id));
  }, [units.data, user, can]);
  const unitName = useMemo(() => new Map((units.data ?? []).map((u) => [u.id, u.name])), [units.data]);
  const [unitId, setUnitId] = useState<string>();
  const chosenUnit = unitId ?? myUnits[0]?.id;
  // The quarter that ended last is the one being reported now.
  const [periodId, setPeriodId] = useState<string>(() => {
    const now = new Date();
    const q = Math.floor(now.getMonth() / 3);
    return q === 0 ? `${now.getFullYear() - 1}Q4` : `${now.getFullYear()}Q${q}`;
  });
  const [opening, setOpening] = useState(false);

  const mine = useLoad(
    () =>
      Promise.all(myUnits.map((u) => all<Submission>(`/api/submissions?unitId=${u.id}`))).then((lists) =>
        lists.flat().sort((a, b) => b.periodId.localeCompare(a.periodId)),
      ),
    [myUnits],
  );

  // The choosers follow the form on screen (after a reload or a click on one of the unit's forms).
  useEffect(() => {
    const shown = (mine.data ?? []).find((s) => s.id === submissionId);
    if (!shown) return;
    setUnitId(shown.unitId);
    setPeriodId(shown.periodId);
  }, [submissionId, mine.data]);

  const open = async () => {
    if (!chosenUnit) return;
    setOpening(true);
    try {
      const found = await all<Submission>(`/api/submissions?unitId=${chosenUnit}&periodId=${periodId}`);
      const id =
        found[0]?.id ??
        (
          await api<Submission>("POST", "/api/submissions", { unitId: chosenUnit, periodId }).catch((e) => {
            // Someone of the unit opened it meanwhile: take theirs.
            const existing = e instanceof ApiError ? (e.details as { submissionId?: string } | null) : null;
            if (existing?.submissionId) return { id: existing.submissionId };
            throw e;
          })
        ).id;
      setParams({ submission: id });
      void mine.reload();
    } catch (e) {
      reportError(e);
    } finally {
      setOpening(false);
    }
  };

  return (
    <div data-testid="reporting-page">
      <Typography.Title level={3}>{tr("数据填报", "Data reporting")}</Typography.Title>
      <Card style={{ marginBottom: 16 }}>
        <Space wrap>
          <span>{tr("填报单位", "Unit")}</span>
          <Select
            style={{ width: 240 }}
            value={chosenUnit}
            onChange={setUnitId}
            options={myUnits.map((u) => ({ value: u.id, label: u.name }))}
            placeholder={tr("无可填报单位", "No unit to report for")}
            data-testid="unit-select"
          />
          <span>{tr("报告期", "Period")}</span>
          <Select
            style={{ width: 180 }}
            showSearch
            optionFilterProp="label"
            value={periodId}
            onChange={setPeriodId}
            options={periodChoices(new Date().getFullYear(), lang)}
            data-testid="period-select"
          />
          <Button
            type="primary"
            onClick={() => void open()}
            loading={opening}
            disabled={!chosenUnit}
            data-testid="open-form"
          >
            {tr("打开填报表", "Open the form")}
          </Button>
        </Space>
        {(mine.data ?? []).length > 0 && (
          <Space wrap style={{ marginTop: 12 }} data-testid="my-submissions">
            <Typography.Text type="secondary">{tr("本单位填报：", "Your forms: ")}</Typography.Text>
            {(mine.data ?? []).map((s) => (
              <Tag
                key={s.id}
                color={s.id === submissionId ? "blue" : submissionColor[s.status]}
                style={{ cursor: "pointer" }}
                onClick={() => setParams({ submission: s.id })}
              >
                {unitName.get(s.unitId) ?? ""} · {periodText(s.periodId, lang)} ·{" "}
                {pick(submissionLabel[s.status], lang)}
              </Tag>
            ))}
          </Space>
        )}
      </Card>
      {submissionId ? (
        <FormGrid
          key={submissionId}
          submissionId={submissionId}
          unitName={unitName}
          onChanged={() => {
            void mine.reload();
            void message.destroy();
          }}
        />
      ) : (
        <Card>
          <Empty
            description={tr(
              "选择填报单位和报告期，打开填报表",
              "Choose a unit and a period, then open the form",
            )}
          />
        </Card>
      )}
    </div>
  );
}

function FormGrid({
  submissionId,
  unitName,
  onChanged,
}: {
  submissionId: string;
  unitName: Map<string, string>;
  onChanged: () => void;
}) {
  const { tr, lang } = useI18n();
  const { message } = App.useApp();
  const reportError = useReportError();
  const form = useLoad(
    () => api<SubmissionForm>("GET", `/api/submissions/${submissionId}/form`),
    [submissionId],
  );
  const [drafts, setDrafts] = useState<Record<string, Draft>>({});
  const [errors, setErrors] = useState<Record<string, CellError[]>>({});
  const [fileErrors, setFileErrors] = useState<CellError[]>([]);
  const [busy, setBusy] = useState<"save" | "submit" | "template">();
  const sub = form.data?.submission;
  const open = sub ? (form.data?.editable ?? editable(sub.status)) : false;
  const rows = form.data?.rows ?? [];
  const dirty = Object.keys(drafts).length > 0;

  // An approved value stays locked while its form is returned for other values; a reopened form (a draft
  // again) unlocks it, as the API does.
  const cellEditable = (r: FormRow) =>
    open && (r.observation?.status !== "approved" || sub?.status === "draft");
  const setDraft = (r: FormRow, patch: Draft) => {
    const k = rowKey(r.indicator.id, r.orgUnit.id);
    setDrafts((d) => ({ ...d, [k]: { ...d[k], ...patch } }));
    setErrors((e) => {
      const rest = { ...e };
      delete rest[k];
      return rest;
    });
  };
  const current = (r: FormRow): Draft => {
    const d = drafts[rowKey(r.indicator.id, r.orgUnit.id)] ?? {};
    const o = r.observation;
    return {
      value: "value" in d ? d.value : (o?.value ?? null),
      numerator: "numerator" in d ? d.numerator : (o?.numerator ?? null),
      denominator: "denominator" in d ? d.denominator : (o?.denominator ?? null),
      definition: "definition" in d ? d.definition : (o?.definition ?? null),
    };
  };

  /** Errors keyed by cell: by the index into what was sent, or by indicator and org unit. */
  const placeErrors = (details: CellError[], sent: Array<{ indicatorId: string; orgUnitId: string }>) => {
    const out: Record<string, CellError[]> = {};
    const loose: CellError[] = [];
    for (const d of details) {
      const target =
        d.indicatorId && d.orgUnitId
          ? { indicatorId: d.indicatorId, orgUnitId: d.orgUnitId }
          : d.index !== undefined
            ? sent[d.index]
            : undefined;
      if (!target) {
        loose.push(d);
        continue;
      }
      const k = rowKey(target.indicatorId, target.orgUnitId);
      (out[k] ??= []).push(d);
    }
    setErrors(out);
    return loose;
  };

  const save = async (): Promise<boolean> => {
    const values = rows
      .filter((r) => cellEditable(r) && drafts[rowKey(r.indicator.id, r.orgUnit.id)])
      .map((r) => {
        const c = current(r);
        return {
          indicatorId: r.indicator.id,
          orgUnitId: r.orgUnit.id,
          ...(isRatio(r.indicator.type)
            ? { numerator: c.numerator ?? null, denominator: c.denominator ?? null }
            : { value: c.value ?? null }),
          definition: c.definition?.trim() ? c.definition.trim() : null,
        };
      });
    if (values.length === 0) return true;
    setBusy("save");
    try {
      await api("PUT", `/api/submissions/${submissionId}/values`, { values });
      setDrafts({});
      setErrors({});
      message.destroy();
      void message.success(tr(`已保存 ${values.length} 项`, `${values.length} values saved`));
      await form.reload();
      return true;
    } catch (e) {
      if (e instanceof ApiError && e.status === 422 && Array.isArray(e.details)) {
        placeErrors(e.details as CellError[], values);
        void message.error(
          tr("部分数值未通过校验，请按单元格提示修改", "Some values failed their checks: see the cells"),
        );
      } else reportError(e);
      return false;
    } finally {
      setBusy(undefined);
    }
  };

  const submit = async () => {
    if (dirty && !(await save())) return;
    setBusy("submit");
    try {
      await api("POST", `/api/submissions/${submissionId}/submit`);
      void message.success(tr("已提交，等待审核", "Submitted for review"));
      await form.reload();
      onChanged();
    } catch (e) {
      reportError(e);
    } finally {
      setBusy(undefined);
    }
  };

  const uploadTemplate = async (file: File) => {
    setBusy("template");
    setFileErrors([]);
    try {
      await upload(`/api/submissions/${submissionId}/template.xlsx`, file, () => undefined);
      setDrafts({});
      setErrors({});
      void message.success(tr("模板已导入", "Template imported"));
      await form.reload();
    } catch (e) {
      if (e instanceof ApiError && e.status === 422 && Array.isArray(e.details)) {
        const details = e.details as CellError[];
        placeErrors(details, []);
        setFileErrors(details);
      } else reportError(e);
    } finally {
      setBusy(undefined);
    }
  };

  const uploadEvidence = async (observationId: string, file: File) => {
    try {
      await upload(`/api/observations/${observationId}/evidence`, file, () => undefined);
      void message.success(tr(`已上传佐证材料：${file.name}`, `Evidence uploaded: ${file.name}`));
      await form.reload();
    } catch (e) {
      reportError(e);
    }
  };
  const removeEvidence = async (id: string) => {
    try {
      await api("DELETE", `/api/evidence/${id}`);
      await form.reload();
    } catch (e) {
      reportError(e);
    }
  };

  if (!sub)
    return (
      <Card loading={form.loading}>
        {!form.loading && <Empty description={tr("无法读取填报表", "The form could not be read")} />}
      </Card>
    );

  const returned = rows.filter((r) => r.observation?.status === "returned").length;
  const msg = (e: { message: string; messageEn?: string }) =>
    lang === "en" ? (e.messageEn ?? e.message) : e.message;

  return (
    <Card
      data-testid="reporting-form"
      title={
        <Space>
          <span>
            {unitName.get(sub.unitId) ?? ""} · {periodText(sub.periodId, lang)}
          </span>
          <Tag color={submissionColor[sub.status]} data-testid="form-status">
            {pick(submissionLabel[sub.status], lang)}
          </Tag>
          {form.data?.deadline && (
            <Typography.Text type="secondary" style={{ fontWeight: "normal" }}>
              {tr(`报送截止：${form.data.deadline}`, `Due ${form.data.deadline}`)}
            </Typography.Text>
          )}
        </Space>
      }
      extra={
        <Space>
          <Button
            icon={<DownloadOutlined />}
            href={`/api/submissions/${submissionId}/template.xlsx`}
            data-testid="template-download"
          >
            {tr("下载Excel模板", "Download template")}
          </Button>
          <Upload
            accept=".xlsx"
            showUploadList={false}
            disabled={!open}
            beforeUpload={(file) => {
              void uploadTemplate(file);
              return false;
            }}
          >
            <Button
              icon={<UploadOutlined />}
              disabled={!open}
              loading={busy === "template"}
              data-testid="template-upload"
            >
              {tr("上传模板", "Upload template")}
            </Button>
          </Upload>
          <Button
            icon={<SaveOutlined />}
            onClick={() => void save()}
            disabled={!open || !dirty}
            loading={busy === "save"}
            data-testid="save"
          >
            {tr("保存", "Save")}
          </Button>
          <Popconfirm
            title={tr("提交后不能再修改，确认提交？", "Once submitted the form is locked. Submit?")}
            onConfirm={() => void submit()}
            okText={tr("提交", "Submit")}
            cancelText={tr("取消", "Cancel")}
            okButtonProps={{ "data-testid": "submit-confirm" }}
          >
            <Button
              type="primary"
              icon={<SendOutlined />}
              disabled={!open || rows.length === 0}
              loading={busy === "submit"}
              data-testid="submit"
            >
              {tr("提交审核", "Submit")}
            </Button>
          </Popconfirm>
        </Space>
      }
    >
      {sub.status === "returned" && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="returned-alert"
          message={tr(
            `本表已退回${returned ? `，${returned} 项数值需修改` : ""}，请修改后重新提交`,
            `Returned${returned ? `: ${returned} values to correct` : ""}; correct and submit again`,
          )}
          description={sub.note ?? undefined}
        />
      )}
      {sub.status === "draft" && sub.reopenReason && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="reopen-note"
          message={tr(
            `本表已被重新打开，请更正后重新提交。原因：${sub.reopenReason}`,
            `The form was reopened for corrections: ${sub.reopenReason}`,
          )}
        />
      )}
      {sub.status === "submitted" && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          message={tr("已提交，等待审核", "Submitted, awaiting review")}
        />
      )}
      {fileErrors.length > 0 && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="template-errors"
          message={tr(
            "模板中有数值未通过校验，未导入",
            "Values in the template failed their checks; nothing was imported",
          )}
          description={
            <ul style={{ margin: 0, paddingLeft: 18 }}>
              {fileErrors.map((e, i) => (
                <li key={i}>{msg(e)}</li>
              ))}
            </ul>
          }
        />
      )}
      {rows.length === 0 ? (
        <Empty
          description={tr(
            "本期没有需要本单位填报的指标（请计划管理员在指标库中设置填报频次和填报单位）",
            "No indicator is due from this unit for the period (a planner sets frequencies and units in the catalogue)",
          )}
        />
      ) : (
        <Table<FormRow>
          rowKey={(r) => rowKey(r.indicator.id, r.orgUnit.id)}
          size="small"
          pagination={false}
          scroll={{ x: 1100 }}
          dataSource={rows}
          onRow={(r) =>
            ({
              "data-testid": "form-row",
              "data-indicator": r.indicator.code ?? r.indicator.id,
              "data-org-unit": r.orgUnit.name,
              // A value the reviewer sent back stands out until it is corrected.
              style: r.observation?.status === "returned" ? { background: "#fff1f0" } : undefined,
            }) as React.HTMLAttributes<HTMLElement>
          }
          columns={[
            {
              title: tr("指标", "Indicator"),
              key: "indicator",
              width: 200,
              render: (_, r) => (
                <Space direction="vertical" size={0}>
                  <Typography.Text strong>{r.indicator.name}</Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {r.indicator.code ?? ""}
                    {r.indicator.unit ? ` · ${r.indicator.unit}` : ""}
                  </Typography.Text>
                </Space>
              ),
            },
            { title: tr("填报机构", "Org unit"), key: "org", width: 100, render: (_, r) => r.orgUnit.name },
            {
              title: tr("数值", "Value"),
              key: "value",
              width: 300,
              render: (_, r) => {
                const c = current(r);
                const on = cellEditable(r);
                const errs = errors[rowKey(r.indicator.id, r.orgUnit.id)] ?? [];
                const bad = (f: string) =>
                  errs.some((e) => !e.field || e.field === f) ? "error" : undefined;
                return (
                  <div>
                    {isRatio(r.indicator.type) ? (
                      <Space size={4} wrap>
                        <InputNumber
                          size="small"
                          style={{ width: 110 }}
                          placeholder={tr("分子", "Numerator")}
                          title={r.indicator.numerator ?? undefined}
                          disabled={!on}
                          status={bad("numerator")}
                          value={c.numerator ?? null}
                          onChange={(v) => setDraft(r, { numerator: v })}
                          data-testid="cell-numerator"
                        />
                        <span>/</span>
                        <InputNumber
                          size="small"
                          style={{ width: 110 }}
                          placeholder={tr("分母", "Denominator")}
                          title={r.indicator.denominator ?? undefined}
                          disabled={!on}
                          status={bad("denominator")}
                          value={c.denominator ?? null}
                          onChange={(v) => setDraft(r, { denominator: v })}
                          data-testid="cell-denominator"
                        />
                        {r.observation && r.observation.value !== null && (
                          <Tooltip title={tr("按分子/分母计算的值", "Value from numerator / denominator")}>
                            <Typography.Text
                              type="secondary"
                              style={{ whiteSpace: "nowrap" }}
                              data-testid="cell-computed"
                            >
                              = {Number(r.observation.value.toFixed(4))}
                              {r.indicator.unit ?? ""}
                            </Typography.Text>
                          </Tooltip>
                        )}
                      </Space>
                    ) : (
                      <InputNumber
                        size="small"
                        style={{ width: 160 }}
                        disabled={!on}
                        status={bad("value")}
                        value={c.value ?? null}
                        onChange={(v) => setDraft(r, { value: v })}
                        addonAfter={r.indicator.unit ?? undefined}
                        data-testid="cell-value"
                      />
                    )}
                    {errs.map((e, i) => (
                      <div key={i} style={{ color: "#cf1322", fontSize: 12 }} data-testid="cell-error">
                        {msg(e)}
                      </div>
                    ))}
                    {r.warnings.map((w, i) => (
                      <div key={i} style={{ color: "#ad6800", fontSize: 12 }} data-testid="cell-warning">
                        {msg(w)}
                      </div>
                    ))}
                  </div>
                );
              },
            },
            {
              title: tr("统计口径", "Definition"),
              key: "definition",
              width: 180,
              render: (_, r) => (
                <Input
                  size="small"
                  disabled={!cellEditable(r)}
                  placeholder={tr("如：按常住人口统计", "e.g. resident population")}
                  value={current(r).definition ?? ""}
                  onChange={(e) => setDraft(r, { definition: e.target.value })}
                  data-testid="cell-definition"
                />
              ),
            },
            {
              title: tr("状态", "Status"),
              key: "status",
              width: 150,
              render: (_, r) => {
                const o = r.observation;
                if (!o) return <Typography.Text type="secondary">{tr("未填", "Empty")}</Typography.Text>;
                return (
                  <Space direction="vertical" size={0}>
                    <Tag color={valueColor[o.status]} data-testid="value-status">
                      {o.status === "approved" && !cellEditable(r) && <LockOutlined />}{" "}
                      {pick(valueLabel[o.status], lang)}
                    </Tag>
                    {o.changedSinceApproval && (
                      <Badge status="warning" text={tr("审核后有修改", "Changed since approval")} />
                    )}
                    {o.status === "returned" && o.returnReason && (
                      <Typography.Text type="danger" style={{ fontSize: 12 }} data-testid="return-reason">
                        {tr("退回原因：", "Reason: ")}
                        {o.returnReason}
                      </Typography.Text>
                    )}
                  </Space>
                );
              },
            },
            {
              title: tr("佐证材料", "Evidence"),
              key: "evidence",
              width: 190,
              render: (_, r) => {
                const o = r.observation;
                if (!o)
                  return (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {tr("保存数值后可上传", "Save the value first")}
                    </Typography.Text>
                  );
                return (
                  <Space direction="vertical" size={2}>
                    {o.evidence.map((f) => (
                      <Space key={f.id} size={4}>
                        <a
                          href={`/api/evidence/${f.id}`}
                          target="_blank"
                          rel="noreferrer"
                          data-testid="evidence-link"
                        >
                          <PaperClipOutlined /> {f.fileName}
                        </a>
                        <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: "nowrap" }}>
                          {fmtSize(f.size)}
                        </Typography.Text>
                        {cellEditable(r) && (
                          <Button
                            type="text"
                            size="small"
                            danger
                            icon={<DeleteOutlined />}
                            onClick={() => void removeEvidence(f.id)}
                            aria-label={tr("删除", "Delete")}
                          />
                        )}
                      </Space>
                    ))}
                    {cellEditable(r) && (
                      <Upload
                        showUploadList={false}
                        beforeUpload={(file) => {
                          void uploadEvidence(o.id, file);
                          return false;
                        }}
                      >
                        <Button size="small" icon={<UploadOutlined />} data-testid="evidence-upload">
                          {tr("上传", "Upload")}
                        </Button>
                      </Upload>
                    )}
                  </Space>
                );
              },
            },
          ]}
        />
      )}
    </Card>
  );
}
