/** The web app: Ant Design in Chinese (or English), routes split per page so sign-in loads fast. */
import { StrictMode, Suspense, lazy, type ReactNode } from "react";
import { createRoot } from "react-dom/client";
import { createBrowserRouter, Navigate, RouterProvider, useLocation } from "react-router-dom";
import { App as AntApp, ConfigProvider, Spin } from "antd";
import zhCN from "antd/locale/zh_CN";
import enUS from "antd/locale/en_US";
import dayjs from "dayjs";
import "dayjs/locale/zh-cn";
import { AuthProvider, useAuth } from "./auth";
import { I18nProvider, useI18n } from "./i18n";
import "./app.css";

const Shell = lazy(() => import("./Shell").then((m) => ({ default: m.Shell })));
const Login = lazy(() => import("./pages/Login"));
const Plans = lazy(() => import("./pages/Plans"));
const Review = lazy(() => import("./pages/Review"));
const Register = lazy(() => import("./pages/Register"));
const Targets = lazy(() => import("./pages/Targets"));
const Dashboard = lazy(() => import("./pages/Dashboard"));
const Units = lazy(() => import("./pages/Units"));
const Users = lazy(() => import("./pages/Users"));
const OrgUnits = lazy(() => import("./pages/OrgUnits"));
const AuditLog = lazy(() => import("./pages/AuditLog"));
const Indicators = lazy(() => import("./pages/Indicators"));
const Reporting = lazy(() => import("./pages/Reporting"));
const Submissions = lazy(() => import("./pages/Submissions"));
const Assessment = lazy(() => import("./pages/Assessment"));
const PublicPlans = lazy(() => import("./pages/PublicPlans"));
const PublicPlan = lazy(() => import("./pages/PublicPlan"));
const Supervision = lazy(() => import("./pages/Supervision"));
const Rectification = lazy(() => import("./pages/Rectification"));

const loading = (
  <div className="page-loading">
    <Spin size="large" />
  </div>
);

function Guard({ children }: { children: ReactNode }) {
  const { user, ready } = useAuth();
  const location = useLocation();
  if (!ready) return loading;
  if (!user) return <Navigate to="/login" replace state={{ from: location.pathname }} />;
  return <Suspense fallback={loading}>{children}</Suspense>;
}

/** Admin screens: anyone else is sent home (the API refuses them anyway). */
function AdminOnly({ children }: { children: ReactNode }) {
  const { can } = useAuth();
  return can("admin") ? children : <Navigate to="/" replace />;
}

const router = createBrowserRouter([
  // the public pages: no sign-in, no app shell
  {
    path: "/public",
    element: (
      <Suspense fallback={loading}>
        <PublicPlans />
      </Suspense>
    ),
  },
  {
    path: "/public/plans/:planId",
    element: (
      <Suspense fallback={loading}>
        <PublicPlan />
      </Suspense>
    ),
  },
  {
    path: "/login",
    element: (
      <Suspense fallback={loading}>
        <Login />
      </Suspense>
    ),
  },
  {
    element: (
      <Guard>
        <Shell />
      </Guard>
    ),
    children: [
      { path: "/", element: <Plans /> },
      { path: "/plans/:planId/review", element: <Review /> },
      { path: "/plans/:planId/register", element: <Register /> },
      { path: "/plans/:planId/targets", element: <Targets /> },
      { path: "/plans/:planId/dashboard", element: <Dashboard /> },
      { path: "/plans/:planId/assessment", element: <Assessment /> },
      { path: "/indicators", element: <Indicators /> },
      { path: "/plans/:planId/indicators", element: <Indicators /> },
      { path: "/reporting", element: <Reporting /> },
      { path: "/submissions", element: <Submissions /> },
      { path: "/plans/:planId/supervision", element: <Supervision /> },
      { path: "/rectification", element: <Rectification /> },
      { path: "/admin/units", element: <Units /> },
      { path: "/admin/users", element: <Users /> },
      {
        path: "/admin/org-units",
        element: (
          <AdminOnly>
            <OrgUnits />
          </AdminOnly>
        ),
      },
      {
        path: "/admin/audit",
        element: (
          <AdminOnly>
            <AuditLog />
          </AdminOnly>
        ),
      },
      { path: "*", element: <Navigate to="/" replace /> },
    ],
  },
]);

function Themed() {
  const { lang } = useI18n();
  dayjs.locale(lang === "en" ? "en" : "zh-cn");
  return (
    <ConfigProvider
      locale={lang === "en" ? enUS : zhCN}
      theme={{
        token: {
          colorPrimary: "#1f5fbf",
          borderRadius: 4,
          fontFamily:
            '-apple-system, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", "Helvetica Neue", Arial, sans-serif',
        },
      }}
    >
      <AntApp>
        <AuthProvider>
          <RouterProvider router={router} />
        </AuthProvider>
      </AntApp>
    </ConfigProvider>
  );
}

createRoot(document.getElementById("root") as HTMLElement).render(
  <StrictMode>
    <I18nProvider>
      <Themed />
    </I18nProvider>
  </StrictMode>,
);
