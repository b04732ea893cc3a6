/** Accounts for admins: roles, the units a reporter reports for, disable, reset a password. */
import { useState } from "react";
import { App, Button, Card, Form, Input, Modal, Select, Space, Table, Tag, Typography } from "antd";
import { PlusOutlined } from "@ant-design/icons";
import { all, api } from "../api";
import { useLoad, useReportError } from "../hooks";
import { useI18n } from "../i18n";
import type { Role, Unit, User } from "../types";

const roles: Array<[Role, string, string]> = [
  ["admin", "系统管理员", "Administrator"],
  ["planner", "计划管理员", "Planner"],
  ["reporter", "填报员", "Reporter"],
  ["viewer", "查看者", "Viewer"],
];

interface UserForm {
  username: string;
  displayName: string;
  roles: Role[];
  unitIds: string[];
}

export default function Users() {
  const { t, tr, lang } = useI18n();
  const { modal } = App.useApp();
  const report = useReportError();
  const users = useLoad(() => all<User>("/api/users"), []);
  const units = useLoad(() => all<Unit>("/api/units"), []);
  const [editing, setEditing] = useState<User | "new" | null>(null);
  const [form] = Form.useForm<UserForm>();
  const unitName = new Map((units.data ?? []).map((u) => [u.id, u.name]));
  const roleLabel = (r: Role) => {
    const x = roles.find(([k]) => k === r);
    return x ? (lang === "en" ? x[2] : x[1]) : r;
  };

  const save = async () => {
    const v = await form.validateFields();
    try {
      if (editing === "new") {
        const created = await api<{ oneTimePassword?: string }>("POST", "/api/users", {
          ...v,
          unitIds: v.unitIds ?? [],
        });
        if (created.oneTimePassword)
          modal.info({
            title: tr("初始密码", "One-time password"),
            content: (
              <Typography.Text copyable code>
                {created.oneTimePassword}
              </Typography.Text>
            ),
          });
      } else if (editing)
        await api("PATCH", `/api/users/${editing.id}`, {
          displayName: v.displayName,
          roles: v.roles,
          unitIds: v.unitIds ?? [],
        });
      setEditing(null);
      await users.reload();
    } catch (e) {
      report(e);
    }
  };
  const toggle = async (u: User) => {
    try {
      await api("PATCH", `/api/users/${u.id}`, { disabled: !u.disabled });
      await users.reload();
    } catch (e) {
      report(e);
    }
  };
  const reset = async (u: User) => {
    try {
      const r = await api<{ oneTimePassword: string }>("POST", `/api/users/${u.id}/reset-password`);
      modal.info({
        title: tr(`${u.displayName} 的新密码`, `New password for ${u.displayName}`),
        content: (
          <Typography.Text copyable code>
            {r.oneTimePassword}
          </Typography.Text>
        ),
      });
    } catch (e) {
      report(e);
    }
  };

  return (
    <>
      <Space style={{ width: "100%", justifyContent: "space-between", marginBottom: 12 }}>
        <Typography.Title level={4} className="page-title" style={{ marginBottom: 0 }}>
          {t("users")}
        </Typography.Title>
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => {
            form.resetFields();
            setEditing("new");
          }}
        >
          {tr("新增用户", "Add user")}
        </Button>
      </Space>
      <Card size="small">
        <Table<User>
          rowKey="id"
          size="middle"
          loading={users.loading}
          dataSource={users.data ?? []}
          pagination={{ defaultPageSize: 50, hideOnSinglePage: true }}
          columns={[
            { title: tr("用户名", "Username"), dataIndex: "username" },
            { title: tr("姓名", "Name"), dataIndex: "displayName" },
            {
              title: tr("角色", "Roles"),
              dataIndex: "roles",
              render: (rs: Role[]) =>
                rs.map((r) => (
                  <Tag
                    key={r}
                    color={
                      r === "admin"
                        ? "red"
                        : r === "planner"
                          ? "blue"
                          : r === "reporter"
                            ? "purple"
                            : "default"
                    }
                  >
                    {roleLabel(r)}
                  </Tag>
                )),
            },
            {
              title: tr("填报单位", "Units"),
              dataIndex: "unitIds",
              render: (ids: string[]) =>
                ids.map((id) => <Tag key={id}>{unitName.get(id) ?? id.slice(0, 8)}</Tag>),
            },
            {
              title: tr("状态", "Status"),
              dataIndex: "disabled",
              width: 90,
              render: (d?: boolean) =>
                d ? <Tag>{tr("已停用", "Disabled")}</Tag> : <Tag color="green">{tr("正常", "Active")}</Tag>,
            },
            {
              title: tr("操作", "Actions"),
              key: "a",
              width: 230,
              render: (_, u) => (
                <Space size={0}>
                  <Button
                    type="link"
                    size="small"
                    onClick={() => {
                      form.setFieldsValue({
                        username: u.username,
                        displayName: u.displayName,
                        roles: u.roles,
                        unitIds: u.unitIds,
                      });
                      setEditing(u);
                    }}
                  >
                    {tr("编辑", "Edit")}
                  </Button>
                  <Button type="link" size="small" onClick={() => void reset(u)}>
                    {tr("重置密码", "Reset password")}
                  </Button>
                  <Button type="link" size="small" danger={!u.disabled} onClick={() => void toggle(u)}>
                    {u.disabled ? tr("启用", "Enable") : tr("停用", "Disable")}
                  </Button>
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <Modal
        open={editing !== null}
        title={editing === "new" ? tr("新增用户", "Add user") : tr("编辑用户", "Edit user")}
        onCancel={() => setEditing(null)}
        onOk={() => void save()}
      >
        <Form form={form} layout="vertical" initialValues={{ roles: ["viewer"], unitIds: [] }}>
          <Form.Item
            name="username"
            label={tr("用户名", "Username")}
            rules={[
              {
                required: true,
                pattern: /^[A-Za-z0-9_.-]{2,64}$/,
                message: tr("2–64 位字母、数字或 _ . -", "2-64 letters, digits, _ . -"),
              },
            ]}
          >
            <Input disabled={editing !== "new"} />
          </Form.Item>
          <Form.Item name="displayName" label={tr("姓名", "Name")} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="roles" label={tr("角色", "Roles")} rules={[{ required: true }]}>
            <Select mode="multiple" options={roles.map(([value]) => ({ value, label: roleLabel(value) }))} />
          </Form.Item>
          <Form.Item name="unitIds" label={tr("填报单位（填报员）", "Units (reporters)")}>
            <Select
              mode="multiple"
              optionFilterProp="label"
              options={(units.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
            />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
