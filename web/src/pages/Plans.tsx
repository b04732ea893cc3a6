/** The plans, and the way in: drag a plan document onto the page, watch it upload and be read, review it. */
import { useState } from "react";
import { Link, useNavigate } from "react-router-dom";
import { App, Button, Card, Progress, Space, Table, Tag, Typography, Upload } from "antd";
import { InboxOutlined } from "@ant-design/icons";
import { ApiError, all, upload } from "../api";
import { useAuth } from "../auth";
import { useLoad } from "../hooks";
import { useI18n } from "../i18n";
import type { ImportResult, Plan } from "../types";

export default function Plans() {
  const { can } = useAuth();
  const { t, tr, lang } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const plans = useLoad(() => all<Plan>("/api/plans"), []);
  const [progress, setProgress] = useState<{ percent: number; phase: "upload" | "read" } | null>(null);

  const importFile = async (file: File) => {
    setProgress({ percent: 0, phase: "upload" });
    try {
      const result = await upload<ImportResult>("/api/plans", file, (percent) =>
        setProgress({ percent: Math.min(percent, 99), phase: percent >= 100 ? "read" : "upload" }),
      );
      setProgress({ percent: 100, phase: "read" });
      const first = result.plans[0];
      const more = result.plans.length > 1;
      void message.success(
        tr(
          `已导入《${first?.title ?? file.name}》：${first?.tasks ?? 0} 项任务，${first?.targets ?? 0} 个目标指标${more ? `（该文档共含 ${result.plans.length} 份计划，其余见计划列表）` : ""}`,
          `Imported "${first?.title ?? file.name}": ${first?.tasks ?? 0} tasks, ${first?.targets ?? 0} targets${more ? ` (the document holds ${result.plans.length} plans; the others are in the list)` : ""}`,
        ),
        more ? 6 : 3,
      );
      if (first) navigate(`/plans/${first.id}/review`);
      else await plans.reload();
    } catch (e) {
      void message.error(e instanceof ApiError ? e.text(lang) : String(e));
    } finally {
      setProgress(null);
    }
  };

  return (
    <>
      <Typography.Title level={4} className="page-title">
        {t("plans")}
      </Typography.Title>
      {can("planner") && (
        <Card style={{ marginBottom: 16 }} data-testid="import-card">
          <Upload.Dragger
            accept=".txt,.docx,.pdf,.html,.htm"
            multiple={false}
            showUploadList={false}
            disabled={progress !== null}
            beforeUpload={(file) => {
              void importFile(file);
              return false;
            }}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">
              {tr("将工作计划文档拖到此处，或点击选择文件", "Drag a plan document here, or click to choose")}
            </p>
            <p className="ant-upload-hint">
              {tr(
                "支持 Word（.docx）、PDF、网页（.html）和文本（.txt），单个文件不超过 50 MB",
                "Word (.docx), PDF, web pages (.html) and text (.txt), up to 50 MB",
              )}
            </p>
          </Upload.Dragger>
          {progress && (
            <div style={{ marginTop: 12 }} data-testid="import-progress">
              <Progress percent={progress.percent} status="active" />
              <Typography.Text type="secondary">
                {progress.phase === "upload"
                  ? tr("正在上传…", "Uploading…")
                  : tr(
                      "正在识别章节、任务、责任单位、时限和指标…",
                      "Reading sections, tasks, units, deadlines and targets…",
                    )}
              </Typography.Text>
            </div>
          )}
        </Card>
      )}
      <Card>
        <Table<Plan>
          rowKey="id"
          loading={plans.loading}
          dataSource={plans.data ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          columns={[
            {
              title: tr("计划名称", "Title"),
              dataIndex: "title",
              render: (v: string | null, p) => (
                <Link
                  to={
                    can("planner") && p.status === "draft"
                      ? `/plans/${p.id}/review`
                      : `/plans/${p.id}/dashboard`
                  }
                >
                  {v ?? tr("（未识别标题）", "(no title)")}
                </Link>
              ),
            },
            { title: tr("年度", "Year"), dataIndex: "year", width: 80 },
            {
              title: tr("印发单位", "Issuer"),
              dataIndex: "issuer",
              width: 220,
              render: (v: string | null) => v ?? "—",
            },
            {
              title: tr("状态", "Status"),
              dataIndex: "status",
              width: 90,
              render: (s: Plan["status"]) =>
                s === "published" ? (
                  <Tag color="green">{tr("已发布", "Published")}</Tag>
                ) : (
                  <Tag color="gold">{tr("草稿", "Draft")}</Tag>
                ),
            },
            {
              title: tr("导入时间", "Imported"),
              dataIndex: "createdAt",
              width: 170,
              render: (v: string) => new Date(v).toLocaleString(lang === "en" ? "en-GB" : "zh-CN"),
            },
            {
              title: tr("操作", "Actions"),
              key: "actions",
              width: 300,
              render: (_, p) => (
                <Space size={0} wrap>
                  {can("planner") && (
                    <Button type="link" size="small" onClick={() => navigate(`/plans/${p.id}/review`)}>
                      {t("review")}
                    </Button>
                  )}
                  <Button type="link" size="small" onClick={() => navigate(`/plans/${p.id}/register`)}>
                    {t("register")}
                  </Button>
                  <Button type="link" size="small" onClick={() => navigate(`/plans/${p.id}/targets`)}>
                    {t("targets")}
                  </Button>
                  <Button type="link" size="small" onClick={() => navigate(`/plans/${p.id}/dashboard`)}>
                    {t("dashboard")}
                  </Button>
                </Space>
              ),
            },
          ]}
        />
      </Card>
    </>
  );
}
