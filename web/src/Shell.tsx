/** The frame around every signed-in page: the side menu (a plan's pages when one is open), the header. */
import { Suspense, useState } from "react";
import { Link, Outlet, useLocation, useNavigate, useParams } from "react-router-dom";
import { Avatar, Button, Dropdown, Layout, Menu, Space, Spin, Tag, Typography } from "antd";
import {
  AimOutlined,
  ApartmentOutlined,
  ClusterOutlined,
  AuditOutlined,
  DashboardOutlined,
  FileTextOutlined,
  TableOutlined,
  TeamOutlined,
  UserOutlined,
} from "@ant-design/icons";
import { BookOutlined, FormOutlined, SafetyCertificateOutlined } from "@ant-design/icons";
import { TrophyOutlined } from "@ant-design/icons";
import { AlertOutlined, ScheduleOutlined } from "@ant-design/icons";
import { NotificationsBell } from "./components/NotificationsBell";
import { api } from "./api";
import { useAuth } from "./auth";
import { useLoad } from "./hooks";
import { PasswordModal } from "./PasswordModal";
import { useI18n } from "./i18n";
import type { Plan } from "./types";

const roleZh: Record<string, [string, string]> = {
  admin: ["系统管理员", "Administrator"],
  planner: ["计划管理员", "Planner"],
  reporter: ["填报员", "Reporter"],
  viewer: ["查看者", "Viewer"],
};

export function Shell() {
  const { user, logout, can, refresh } = useAuth();
  const [changingPassword, setChangingPassword] = useState(false);
  const { t, tr, lang, setLang } = useI18n();
  const { planId } = useParams();
  const location = useLocation();
  const navigate = useNavigate();
  const plan = useLoad(
    () => (planId ? api<Plan>("GET", `/api/plans/${planId}`) : Promise.resolve(undefined)),
    [planId],
  );

  const items = [
    { key: "/", icon: <FileTextOutlined />, label: <Link to="/">{t("plans")}</Link> },
    ...(can("planner", "reporter")
      ? [
          {
            key: "/reporting",
            icon: <FormOutlined />,
            label: <Link to="/reporting">{tr("数据填报", "Reporting")}</Link>,
          },
        ]
      : []),
    ...(can("planner")
      ? [
          {
            key: "/submissions",
            icon: <SafetyCertificateOutlined />,
            label: <Link to="/submissions">{tr("填报审核", "Report review")}</Link>,
          },
        ]
      : []),
    {
      key: "/indicators",
      icon: <BookOutlined />,
      label: <Link to="/indicators">{tr("指标库", "Indicators")}</Link>,
    },
    {
      key: "/rectification",
      icon: <AlertOutlined />,
      label: <Link to="/rectification">{tr("整改台账", "Rectification")}</Link>,
    },
    ...(planId
      ? [
          {
            key: "plan",
            type: "group" as const,
            label: (
              <Typography.Text ellipsis style={{ color: "rgba(255,255,255,0.55)", maxWidth: 180 }}>
                {plan.data?.title ?? tr("当前计划", "This plan")}
              </Typography.Text>
            ),
            children: [
              ...(can("planner")
                ? [
                    {
                      key: `/plans/${planId}/review`,
                      icon: <AuditOutlined />,
                      label: <Link to={`/plans/${planId}/review`}>{t("review")}</Link>,
                    },
                  ]
                : []),
              {
                key: `/plans/${planId}/register`,
                icon: <TableOutlined />,
                label: <Link to={`/plans/${planId}/register`}>{t("register")}</Link>,
              },
              {
                key: `/plans/${planId}/targets`,
                icon: <AimOutlined />,
                label: <Link to={`/plans/${planId}/targets`}>{t("targets")}</Link>,
              },
              {
                key: `/plans/${planId}/dashboard`,
                icon: <DashboardOutlined />,
                label: <Link to={`/plans/${planId}/dashboard`}>{t("dashboard")}</Link>,
              },
              {
                key: `/plans/${planId}/supervision`,
                icon: <ScheduleOutlined />,
                label: <Link to={`/plans/${planId}/supervision`}>{tr("督查督办", "Supervision")}</Link>,
              },
              {
                key: `/plans/${planId}/assessment`,
                icon: <TrophyOutlined />,
                label: <Link to={`/plans/${planId}/assessment`}>{tr("考核与通报", "Assessment")}</Link>,
              },
              ...(can("planner")
                ? [
                    {
                      key: `/plans/${planId}/indicators`,
                      icon: <BookOutlined />,
                      label: (
                        <Link to={`/plans/${planId}/indicators`}>{tr("指标关联", "Indicator links")}</Link>
                      ),
                    },
                  ]
                : []),
            ],
          },
        ]
      : []),
    ...(can("planner")
      ? [
          {
            key: "admin",
            type: "group" as const,
            label: <span style={{ color: "rgba(255,255,255,0.55)" }}>{t("admin")}</span>,
            children: [
              {
                key: "/admin/units",
                icon: <ApartmentOutlined />,
                label: <Link to="/admin/units">{t("units")}</Link>,
              },
              ...(can("admin")
                ? [
                    {
                      key: "/admin/users",
                      icon: <TeamOutlined />,
                      label: <Link to="/admin/users">{t("users")}</Link>,
                    },
                    {
                      key: "/admin/org-units",
                      icon: <ClusterOutlined />,
                      label: <Link to="/admin/org-units">{tr("组织机构", "Organisation")}</Link>,
                    },
                    {
                      key: "/admin/audit",
                      icon: <AuditOutlined />,
                      label: <Link to="/admin/audit">{tr("审计日志", "Audit log")}</Link>,
                    },
                  ]
                : []),
            ],
          },
        ]
      : []),
  ];

  return (
    <Layout style={{ minHeight: "100vh" }}>
      <Layout.Sider width={220} breakpoint="lg" collapsedWidth={0} className="app-sider">
        <div className="brand" onClick={() => navigate("/")}>
          <span className="brand-mark">目</span>
          <div>
            <div className="brand-name">{t("appName")}</div>
            <div className="brand-sub">{t("appSub")}</div>
          </div>
        </div>
        <Menu theme="dark" mode="inline" selectedKeys={[location.pathname]} items={items} />
      </Layout.Sider>
      <Layout>
        <Layout.Header className="app-header">
          <div className="header-left">
            {plan.data && (
              <>
                <Typography.Text strong className="header-plan" data-testid="header-plan-title">
                  {plan.data.title ?? tr("未命名计划", "Untitled plan")}
                </Typography.Text>
                <Tag color={plan.data.status === "published" ? "green" : "gold"}>
                  {plan.data.status === "published" ? tr("已发布", "Published") : tr("草稿", "Draft")}
                </Tag>
              </>
            )}
          </div>
          <Space size="middle">
            <NotificationsBell />
            <Button
              type="text"
              onClick={() => setLang(lang === "zh" ? "en" : "zh")}
              data-testid="lang-switch"
            >
              {t("language")}
            </Button>
            <Dropdown
              menu={{
                items: [
                  { key: "password", label: tr("修改密码", "Change password") },
                  { key: "logout", label: t("logout") },
                ],
                onClick: ({ key }) =>
                  key === "password"
                    ? setChangingPassword(true)
                    : void logout().then(() => navigate("/login")),
              }}
            >
              <Space style={{ cursor: "pointer" }} data-testid="current-user">
                <Avatar size="small" icon={<UserOutlined />} style={{ background: "#1f5fbf" }} />
                <span>{user?.displayName}</span>
                <Typography.Text type="secondary">
                  {user?.roles.map((r) => (lang === "en" ? roleZh[r]?.[1] : roleZh[r]?.[0])).join("、")}
                </Typography.Text>
              </Space>
            </Dropdown>
          </Space>
        </Layout.Header>
        {(changingPassword || user?.mustChangePassword) && (
          <PasswordModal
            forced={!!user?.mustChangePassword}
            onClose={(changed) => {
              setChangingPassword(false);
              if (changed) void refresh();
            }}
          />
        )}
        <Layout.Content className="app-content">
          <Suspense
            fallback={
              <div className="page-loading">
                <Spin />
              </div>
            }
          >
            <Outlet context={{ plan: plan.data, reloadPlan: plan.reload }} />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}

export interface ShellContext {
  plan: Plan | undefined;
  reloadPlan: () => Promise<void>;
}
