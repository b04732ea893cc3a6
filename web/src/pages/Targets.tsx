/** The plan's targets (and the actuals it reports): metric, comparator, value, unit, deadline, status. */
import { useParams } from "react-router-dom";
import { Card, Segmented, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { all } from "../api";
import { useLoad } from "../hooks";
import { useI18n } from "../i18n";
import { comparatorLabel, pick, reviewColor, reviewLabel } from "../labels";
import type { Quantity, ReviewStatus } from "../types";

export default function Targets() {
  const { planId = "" } = useParams();
  const { t, tr, lang } = useI18n();
  const [kind, setKind] = useState<"targets" | "actuals">("targets");
  const list = useLoad(() => all<Quantity>(`/api/plans/${planId}/${kind}`), [planId, kind]);
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
      >
        <Table<Quantity>
          rowKey="id"
          size="middle"
          loading={list.loading}
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
            { title: tr("单位", "Unit"), dataIndex: "unit", width: 90 },
            {
              title: tr("时限", "Deadline"),
              dataIndex: "deadline",
              width: 100,
              sorter: (a, b) => (a.deadline ?? "").localeCompare(b.deadline ?? ""),
              render: (v: string | null) => v ?? "—",
            },
            {
              title: tr("状态", "Status"),
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
