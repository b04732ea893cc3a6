/**
 * The header's bell: the unread count on a badge and, on click, the latest notifications (unread first);
 * opening one marks it read and follows its link. Polled every minute and whenever the list is opened.
 */
import { useCallback, useEffect, useState } from "react";
import { useNavigate } from "react-router-dom";
import { Badge, Button, Empty, List, Popover, Space, Typography } from "antd";
import { BellOutlined } from "@ant-design/icons";
import { api } from "../api";
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
        <Button size="small" type="link" disabled={unread === 0} onClick={() => void readAll()}>
          {tr("全部已读", "Mark all read")}
        </Button>
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
  );
}
