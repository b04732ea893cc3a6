/**
 * The org unit tree (组织机构): the commission's administrative levels and institutions, browsed as a
 * tree; a node is added under another, renamed, given a code, moved, or deleted when it has no children.
 */
import { useMemo, useState } from "react";
import {
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Form,
  Input,
  Modal,
  Popconfirm,
  Row,
  Select,
  Space,
  Tag,
  Tree,
  TreeSelect,
  Typography,
} from "antd";
import { DeleteOutlined, EditOutlined, PlusOutlined } from "@ant-design/icons";
import { api } from "../api";
import { useLoad, useReportError } from "../hooks";
import { useI18n } from "../i18n";

export interface OrgUnit {
  id: string;
  parentId: string | null;
  name: string;
  level: Level;
  code: string | null;
  version: number;
  children: OrgUnit[];
}
type Level = "province" | "city" | "county" | "township" | "village" | "institution";

const levelLabel: Record<Level, [string, string]> = {
  province: ["省", "Province"],
  city: ["市", "City"],
  county: ["县（区）", "County"],
  township: ["乡镇（街道）", "Township"],
  village: ["村（社区）", "Village"],
  institution: ["机构", "Institution"],
};
const levelColor: Record<Level, string> = {
  province: "red",
  city: "volcano",
  county: "orange",
  township: "gold",
  village: "green",
  institution: "blue",
};

interface TreeNode {
  key: string;
  title: React.ReactNode;
  children: TreeNode[];
}

interface FormValues {
  name: string;
  level: Level;
  code?: string;
  parentId?: string | null;
}

export default function OrgUnits() {
  const { tr, lang } = useI18n();
  const { message } = App.useApp();
  const report = useReportError();
  const tree = useLoad(() => api<{ items: OrgUnit[] }>("GET", "/api/org-units").then((r) => r.items), []);
  const [selected, setSelected] = useState<string | null>(null);
  const [editing, setEditing] = useState<{ node: OrgUnit | null; parentId: string | null } | null>(null);
  const [form] = Form.useForm<FormValues>();
  const label = (l: Level) => levelLabel[l][lang === "zh" ? 0 : 1];

  const byId = useMemo(() => {
    const m = new Map<string, OrgUnit>();
    const walk = (ns: OrgUnit[]) => ns.forEach((n) => (m.set(n.id, n), walk(n.children)));
    walk(tree.data ?? []);
    return m;
  }, [tree.data]);
  const current = selected ? byId.get(selected) : undefined;

  const toTree = (ns: OrgUnit[]): TreeNode[] =>
    ns.map((n) => ({
      key: n.id,
      title: (
        <span data-testid="org-node">
          <Tag color={levelColor[n.level]} style={{ marginRight: 6 }}>
            {label(n.level)}
          </Tag>
          {n.name}
          {n.code && <Typography.Text type="secondary"> · {n.code}</Typography.Text>}
        </span>
      ),
      children: toTree(n.children),
    }));
  interface Choice {
    value: string;
    title: string;
    children: Choice[];
  }
  const toSelect = (ns: OrgUnit[], except?: string): Choice[] =>
    ns
      .filter((n) => n.id !== except)
      .map((n) => ({ value: n.id, title: n.name, children: toSelect(n.children, except) }));

  const open = (node: OrgUnit | null, parentId: string | null) => {
    setEditing({ node, parentId });
    form.setFieldsValue(
      node
        ? { name: node.name, level: node.level, code: node.code ?? "", parentId: node.parentId }
        : {
            name: "",
            level: childLevel(parentId ? byId.get(parentId)?.level : undefined),
            code: "",
            parentId,
          },
    );
  };
  const save = async () => {
    if (!editing) return;
    const v = await form.validateFields();
    const body = { name: v.name, level: v.level, code: v.code ? v.code : null, parentId: v.parentId ?? null };
    try {
      const saved = editing.node
        ? await api<OrgUnit>("PATCH", `/api/org-units/${editing.node.id}`, {
            ...body,
            version: editing.node.version,
          })
        : await api<OrgUnit>("POST", "/api/org-units", body);
      void message.success(tr("已保存", "Saved"));
      setEditing(null);
      await tree.reload();
      setSelected(saved.id);
    } catch (e) {
      report(e);
    }
  };
  const remove = async (node: OrgUnit) => {
    try {
      await api("DELETE", `/api/org-units/${node.id}`);
      void message.success(tr("已删除", "Deleted"));
      setSelected(null);
      await tree.reload();
    } catch (e) {
      report(e);
    }
  };

  return (
    <>
      <Row justify="space-between" align="middle" style={{ marginBottom: 12 }}>
        <Typography.Title level={4} className="page-title" style={{ marginBottom: 0 }}>
          {tr("组织机构", "Organisation")}
        </Typography.Title>
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => open(null, null)}
          data-testid="org-add-root"
        >
          {tr("新增顶级机构", "Add a top-level unit")}
        </Button>
      </Row>
      <Row gutter={16}>
        <Col span={14}>
          <Card size="small" loading={tree.loading} data-testid="org-tree">
            {(tree.data ?? []).length === 0 ? (
              <Empty description={tr("尚无组织机构", "No org units yet")} />
            ) : (
              <Tree
                showLine
                defaultExpandAll
                blockNode
                selectedKeys={selected ? [selected] : []}
                onSelect={(keys) => setSelected((keys[0] as string | undefined) ?? null)}
                treeData={toTree(tree.data ?? [])}
              />
            )}
          </Card>
        </Col>
        <Col span={10}>
          <Card size="small" title={tr("机构详情", "Details")}>
            {current ? (
              <>
                <Descriptions column={1} size="small" bordered>
                  <Descriptions.Item label={tr("名称", "Name")}>{current.name}</Descriptions.Item>
                  <Descriptions.Item label={tr("层级", "Level")}>
                    <Tag color={levelColor[current.level]}>{label(current.level)}</Tag>
                  </Descriptions.Item>
                  <Descriptions.Item label={tr("代码", "Code")}>{current.code ?? "—"}</Descriptions.Item>
                  <Descriptions.Item label={tr("上级", "Parent")}>
                    {current.parentId ? byId.get(current.parentId)?.name : tr("（顶级）", "(top level)")}
                  </Descriptions.Item>
                  <Descriptions.Item label={tr("下级机构", "Children")}>
                    {current.children.length}
                  </Descriptions.Item>
                </Descriptions>
                <Space style={{ marginTop: 12 }}>
                  <Button
                    icon={<PlusOutlined />}
                    onClick={() => open(null, current.id)}
                    data-testid="org-add-child"
                  >
                    {tr("新增下级", "Add a child")}
                  </Button>
                  <Button
                    icon={<EditOutlined />}
                    onClick={() => open(current, current.parentId)}
                    data-testid="org-edit"
                  >
                    {tr("编辑", "Edit")}
                  </Button>
                  <Popconfirm
                    title={tr(`删除“${current.name}”？`, `Delete “${current.name}”?`)}
                    disabled={current.children.length > 0}
                    onConfirm={() => void remove(current)}
                  >
                    <Button
                      danger
                      icon={<DeleteOutlined />}
                      disabled={current.children.length > 0}
                      title={current.children.length > 0 ? tr("有下级机构，不能删除", "Has children") : ""}
                      data-testid="org-delete"
                    >
                      {tr("删除", "Delete")}
                    </Button>
                  </Popconfirm>
                </Space>
              </>
            ) : (
              <Empty description={tr("在左侧选择一个机构", "Pick a unit in the tree")} />
            )}
          </Card>
        </Col>
      </Row>
      <Modal
        open={editing !== null}
        title={editing?.node ? tr("编辑机构", "Edit the unit") : tr("新增机构", "Add a unit")}
        onCancel={() => setEditing(null)}
        onOk={() => void save()}
        okText={tr("确定", "OK")}
        cancelText={tr("取消", "Cancel")}
        forceRender
      >
        <Form form={form} layout="vertical">
          <Form.Item name="name" label={tr("名称", "Name")} rules={[{ required: true, whitespace: true }]}>
            <Input data-testid="org-name" />
          </Form.Item>
          <Form.Item name="level" label={tr("层级", "Level")} rules={[{ required: true }]}>
            <Select
              options={(Object.keys(levelLabel) as Level[]).map((l) => ({ value: l, label: label(l) }))}
            />
          </Form.Item>
          <Form.Item name="code" label={tr("代码（如行政区划代码）", "Code (e.g. the division code)")}>
            <Input />
          </Form.Item>
          <Form.Item name="parentId" label={tr("上级机构", "Parent")}>
            <TreeSelect
              allowClear
              treeDefaultExpandAll
              placeholder={tr("（顶级）", "(top level)")}
              treeData={toSelect(tree.data ?? [], editing?.node?.id)}
            />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

/** The usual level one step below a parent's, as a default the user may change. */
function childLevel(parent: Level | undefined): Level {
  const order: Level[] = ["province", "city", "county", "township", "village"];
  if (!parent) return "city";
  if (parent === "institution" || parent === "village") return "institution";
  return order[order.indexOf(parent) + 1] ?? "institution";
}
