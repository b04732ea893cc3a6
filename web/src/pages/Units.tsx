/** The unit register: confirm units proposed by imports, rename, add aliases, add units. */
import { useState } from "react";
import { App, Button, Card, Form, Input, Modal, Select, Space, Table, Tag, Typography } from "antd";
import { CheckOutlined, PlusOutlined } from "@ant-design/icons";
import { all, api } from "../api";
import { useAuth } from "../auth";
import { useLoad, useReportError } from "../hooks";
import { useI18n } from "../i18n";
import type { Unit } from "../types";

export default function Units() {
  const { t, tr } = useI18n();
  const { can } = useAuth();
  const { message } = App.useApp();
  const report = useReportError();
  const units = useLoad(() => all<Unit>("/api/units"), []);
  const [status, setStatus] = useState<Unit["status"]>();
  const [editing, setEditing] = useState<Unit | "new" | null>(null);
  const [merging, setMerging] = useState<Unit | null>(null);
  const [into, setInto] = useState<string>();
  const [form] = Form.useForm<{ name: string; aliases: string[] }>();

  const patch = async (u: Unit, body: Record<string, unknown>) => {
    try {
      await api("PATCH", `/api/units/${u.id}`, { version: u.version, ...body });
      await units.reload();
    } catch (e) {
      report(e);
    }
  };
  const save = async () => {
    const v = await form.validateFields();
    try {
      if (editing === "new") await api("POST", "/api/units", { name: v.name, aliases: v.aliases ?? [] });
      else if (editing)
        await api("PATCH", `/api/units/${editing.id}`, {
          version: editing.version,
          name: v.name,
          aliases: v.aliases ?? [],
        });
      void message.success(tr("已保存", "Saved"));
      setEditing(null);
      await units.reload();
    } catch (e) {
      report(e);
    }
  };
  const merge = async () => {
    if (!merging || !into) return;
    try {
      await api("POST", `/api/units/${merging.id}/merge`, { intoUnitId: into });
      void message.success(tr("已合并，原名称保留为别名", "Merged: the old name is kept as an alias"));
      setMerging(null);
      setInto(undefined);
      await units.reload();
    } catch (e) {
      report(e);
    }
  };
  const shown = (units.data ?? []).filter((u) => !status || u.status === status);
  const proposed = (units.data ?? []).filter((u) => u.status === "proposed").length;

  return (
    <>
      <Space style={{ width: "100%", justifyContent: "space-between", marginBottom: 12 }}>
        <Typography.Title level={4} className="page-title" style={{ marginBottom: 0 }}>
          {t("units")}
        </Typography.Title>
        {can("planner") && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => {
              form.setFieldsValue({ name: "", aliases: [] });
              setEditing("new");
            }}
          >
            {tr("新增单位", "Add unit")}
          </Button>
        )}
      </Space>
      <Card size="small">
        <Space style={{ marginBottom: 12 }}>
          <Select
            allowClear
            placeholder={tr("状态", "Status")}
            style={{ width: 160 }}
            value={status}
            onChange={setStatus}
            options={[
              { value: "confirmed", label: tr("已确认", "Confirmed") },
              { value: "proposed", label: tr(`待确认（${proposed}）`, `Proposed (${proposed})`) },
            ]}
          />
        </Space>
        <Table<Unit>
          rowKey="id"
          size="middle"
          loading={units.loading}
          dataSource={shown}
          pagination={{ defaultPageSize: 50, hideOnSinglePage: true }}
          columns={[
            {
              title: tr("单位名称", "Name"),
              dataIndex: "name",
              sorter: (a, b) => a.name.localeCompare(b.name, "zh"),
            },
            {
              title: tr("别名", "Aliases"),
              dataIndex: "aliases",
              render: (a: string[]) => a.map((x) => <Tag key={x}>{x}</Tag>),
            },
            {
              title: tr("状态", "Status"),
              dataIndex: "status",
              width: 110,
              render: (s: Unit["status"]) =>
                s === "confirmed" ? (
                  <Tag color="green">{tr("已确认", "Confirmed")}</Tag>
                ) : (
                  <Tag color="gold">{tr("待确认", "Proposed")}</Tag>
                ),
            },
            {
              title: tr("操作", "Actions"),
              key: "a",
              width: 200,
              render: (_, u) =>
                can("planner") && (
                  <Space size={0}>
                    {u.status === "proposed" && (
                      <Button
                        type="link"
                        size="small"
                        icon={<CheckOutlined />}
                        onClick={() => void patch(u, { status: "confirmed" })}
                      >
                        {tr("确认", "Confirm")}
                      </Button>
                    )}
                    <Button
                      type="link"
                      size="small"
                      onClick={() => {
                        form.setFieldsValue({ name: u.name, aliases: u.aliases });
                        setEditing(u);
                      }}
                    >
                      {tr("编辑", "Edit")}
                    </Button>
                    <Button type="link" size="small" onClick={() => setMerging(u)}>
                      {tr("合并到…", "Merge into…")}
                    </Button>
                  </Space>
                ),
            },
          ]}
        />
      </Card>
      <Modal
        open={merging !== null}
        title={tr(`将“${merging?.name ?? ""}”合并到`, `Merge "${merging?.name ?? ""}" into`)}
        okButtonProps={{ disabled: !into }}
        onCancel={() => setMerging(null)}
        onOk={() => void merge()}
      >
        <Typography.Paragraph type="secondary">
          {tr(
            "合并后，计划中写作此名称的任务都改由目标单位承担，原名称保留为目标单位的别名。",
            "Tasks naming this unit move to the target unit; the old name becomes one of its aliases.",
          )}
        </Typography.Paragraph>
        <Select
          showSearch
          style={{ width: "100%" }}
          optionFilterProp="label"
          value={into}
          onChange={setInto}
          options={(units.data ?? [])
            .filter((u) => u.id !== merging?.id)
            .map((u) => ({ value: u.id, label: u.name }))}
        />
      </Modal>
      <Modal
        open={editing !== null}
        title={editing === "new" ? tr("新增单位", "Add unit") : tr("编辑单位", "Edit unit")}
        onCancel={() => setEditing(null)}
        onOk={() => void save()}
      >
        <Form form={form} layout="vertical">
          <Form.Item name="name" label={tr("单位名称", "Name")} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="aliases" label={tr("别名（回车添加）", "Aliases (Enter to add)")}>
            <Select mode="tags" open={false} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
