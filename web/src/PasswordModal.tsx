/** Change one's password; opened by itself after a sign-in with a one-time password. */
import { useState } from "react";
import { Alert, App, Form, Input, Modal } from "antd";
import { ApiError, api } from "./api";
import { useI18n } from "./i18n";

export function PasswordModal({ forced, onClose }: { forced: boolean; onClose: (changed: boolean) => void }) {
  const { tr, lang } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ currentPassword: string; newPassword: string; again: string }>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const save = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      await api("POST", "/api/auth/password", {
        currentPassword: v.currentPassword,
        newPassword: v.newPassword,
      });
      void message.success(tr("密码已修改", "Password changed"));
      onClose(true);
    } catch (e) {
      setError(e instanceof ApiError ? e.text(lang) : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={tr("修改密码", "Change password")}
      onOk={() => void save()}
      confirmLoading={busy}
      closable={!forced}
      maskClosable={false}
      keyboard={!forced}
      cancelButtonProps={{ style: forced ? { display: "none" } : {} }}
      onCancel={() => onClose(false)}
    >
      {forced && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          message={tr(
            "您正在使用一次性密码，请先设置自己的密码。",
            "You signed in with a one-time password: set your own first.",
          )}
        />
      )}
      {error && <Alert type="error" showIcon style={{ marginBottom: 12 }} message={error} />}
      <Form form={form} layout="vertical">
        <Form.Item
          name="currentPassword"
          label={tr("当前密码", "Current password")}
          rules={[{ required: true }]}
        >
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={tr("新密码（至少 10 位）", "New password (10+ characters)")}
          rules={[{ required: true, min: 10, message: tr("至少 10 位", "At least 10 characters") }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="again"
          label={tr("再次输入新密码", "New password again")}
          dependencies={["newPassword"]}
          rules={[
            { required: true },
            ({ getFieldValue }) => ({
              validator: (_, v) =>
                v === getFieldValue("newPassword")
                  ? Promise.resolve()
                  : Promise.reject(new Error(tr("两次输入不一致", "The two entries differ"))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
