/**
 * The header's bell: the unread count on a badge and, on click, the latest notifications (unread first);
 * opening one marks it read and follows its link. Polled every minute and whenever the list is opened.
 */
import { useCallback, useEffect, useState } from "react";
import { useNavigate } from "react-router-dom";
import { App, Badge, Button, Empty, Input, List, Modal, Popover, Space, Typography } from "antd";
import { BellOutlined } from "@ant-design/icons";
import { ApiError, api } from "../api";
import { useI18n } from "../i18n";

interface Notification {
  id: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  createdAt: string;
  readAt: string | null;
}

export function NotificationsBell() {
  const { tr } = useI18n();
  const navigate = useNavigate();
  const [items, setItems] = useState<Notification[]>([]);
  const [unread, setUnread] = useState(0);
  const [open, setOpen] = useState(false);
  const [settings, setSettings] = useState<{ email: string | null; emailEnabled: boolean } | null>(null);
  const [email, setEmail] = useState("");
  const { message } = App.useApp();
  const { lang } = useI18n();

  const openSettings = async () => {
    setOpen(false);
    const s = await api<{ email: string | null; emailEnabled: boolean }>(
      "GET",
      "/api/notifications/settings",
    );
    setEmail(s.email ?? "");
    setSettings(s);
  };
  const saveSettings = async () => {
    try {
      await api("PUT", "/api/notifications/settings", { email });
      setSettings(null);
      void message.success(tr("已保存", "Saved"));
    } catch (e) {
      void message.error(e instanceof ApiError ? e.text(lang) : String(e));
    }
  };

  const load = useCallback(async () => {
    try {
      const r = await api<{ items: Notification[]; unread: number }>("GET", "/api/notifications?limit=20");
      setItems(r.items);
      setUnread(r.unread);
    } catch {
      // the bell stays as it was: a failed poll is retried on the next tick
    }
  }, []);

  useEffect(() => {
    void load();
    const timer = setInterval(() => void load(), 60_000);
    return () => clearInterval(timer);
  }, [load]);

  const follow = async (n: Notification) => {
    if (!n.readAt) await api("POST", `/api/notifications/${n.id}/read`).catch(() => undefined);
    setOpen(false);
    await load();
    if (n.link) navigate(n.link);
  };

  const readAll = async () => {
    await api("POST", "/api/notifications/read-all").catch(() => undefined);
    await load();
  };

  const content = (
    <div style={{ width: 360 }} data-testid="notifications-list">
      <Space style={{ width: "100%", justifyContent: "space-between", marginBottom: 8 }}>
        <Typography.Text strong>{tr("通知", "Notifications")}</Typography.Text>
        <Space size={0}>
          <Button size="small" type="link" onClick={() => void openSettings()}>
            {tr("邮件设置", "E-mail")}
          </Button>
          <Button size="small" type="link" disabled={unread === 0} onClick={() => void readAll()}>
            {tr("全部已读", "Mark all read")}
          </Button>
        </Space>
      </Space>
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={tr("暂无通知", "No notifications")} />
      ) : (
        <List
          size="small"
          dataSource={items}
          style={{ maxHeight: 420, overflow: "auto" }}
          renderItem={(n) => (
            <List.Item
              style={{ cursor: "pointer", background: n.readAt ? undefined : "#f0f6ff" }}
              onClick={() => void follow(n)}
              data-testid="notification-item"
            >
              <List.Item.Meta
                title={
                  <Typography.Text strong={!n.readAt} ellipsis={{ tooltip: n.title }}>
                    {n.title}
                  </Typography.Text>
                }
                description={
                  <>
                    <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ marginBottom: 0 }}>
                      {n.body}
                    </Typography.Paragraph>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {new Date(n.createdAt).toLocaleString()}
                    </Typography.Text>
                  </>
                }
              />
            </List.Item>
          )}
        />
      )}
    </div>
  );

  return (
    <>
      <Modal
        open={settings !== null}
        title={tr("邮件通知", "E-mail notifications")}
        onCancel={() => setSettings(null)}
        onOk={() => void saveSettings()}
      >
        <Typography.Paragraph type="secondary">
          {settings?.emailEnabled
            ? tr(
                "通知将同时发送到此邮箱；留空则只在系统内提醒。",
                "Notifications are also mailed here; leave empty for in-app only.",
              )
            : tr(
                "服务器未配置邮件（MUBIAO_SMTP_URL），目前只在系统内提醒。",
                "The server has no SMTP configured (MUBIAO_SMTP_URL): in-app only for now.",
              )}
        </Typography.Paragraph>
        <Input
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          placeholder="name@example.org"
          type="email"
        />
      </Modal>
      <Popover
        content={content}
        trigger="click"
        placement="bottomRight"
        open={open}
        onOpenChange={(o) => {
          setOpen(o);
          if (o) void load();
        }}
      >
        <Badge count={unread} size="small" data-testid="notifications-count">
          <Button
            type="text"
            icon={<BellOutlined />}
            aria-label={tr("通知", "Notifications")}
            data-testid="notifications-bell"
          />
        </Badge>
      </Popover>
    </>
  );
}
