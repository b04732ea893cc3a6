/** Sign in. Wrong credentials and too many attempts come back from the server in the user's language. */
import { useState } from "react";
import { useLocation, useNavigate } from "react-router-dom";
import { Alert, Button, Card, Form, Input, Typography } from "antd";
import { LockOutlined, UserOutlined } from "@ant-design/icons";
import { ApiError } from "../api";
import { useAuth } from "../auth";
import { useI18n } from "../i18n";

export default function Login() {
  const { login } = useAuth();
  const { t, tr, lang, setLang } = useI18n();
  const navigate = useNavigate();
  const location = useLocation();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (v: { username: string; password: string }) => {
    setBusy(true);
    setError(null);
    try {
      await login(v.username, v.password);
      const from = (location.state as { from?: string } | null)?.from;
      navigate(from && from !== "/login" ? from : "/", { replace: true });
    } catch (e) {
      setError(e instanceof ApiError ? e.text(lang) : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="login-wrap">
      <Card className="login-card" variant="borderless">
        <div style={{ textAlign: "center", marginBottom: 24 }}>
          <div className="brand-mark" style={{ margin: "0 auto 12px", color: "#fff" }}>
            目
          </div>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t("appSub")}
          </Typography.Title>
          <Typography.Text type="secondary">
            {tr("工作要点 · 任务分工 · 目标指标 · 督查督办", "Work plans · tasks · targets · supervision")}
          </Typography.Text>
        </div>
        {error && (
          <Alert
            type="error"
            showIcon
            message={error}
            style={{ marginBottom: 16 }}
            data-testid="login-error"
          />
        )}
        <Form
          layout="vertical"
          onFinish={(v: { username: string; password: string }) => void submit(v)}
          requiredMark={false}
        >
          <Form.Item
            name="username"
            label={t("username")}
            rules={[{ required: true, message: tr("请输入用户名", "Enter your username") }]}
          >
            <Input prefix={<UserOutlined />} autoComplete="username" size="large" />
          </Form.Item>
          <Form.Item
            name="password"
            label={t("password")}
            rules={[{ required: true, message: tr("请输入密码", "Enter your password") }]}
          >
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" size="large" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={busy}>
            {t("login")}
          </Button>
        </Form>
        <div style={{ textAlign: "right", marginTop: 12 }}>
          <Button type="link" size="small" onClick={() => setLang(lang === "zh" ? "en" : "zh")}>
            {t("language")}
          </Button>
        </div>
      </Card>
    </div>
  );
}
