/** Chinese first, English on demand: one dictionary, one hook, the choice kept in localStorage. */
import { createContext, useContext, useMemo, useState, type ReactNode } from "react";

export type Lang = "zh" | "en";

const en = {
  appName: "Mubiao",
  appSub: "Health commission work plans",
  login: "Sign in",
  logout: "Sign out",
  username: "Username",
  password: "Password",
  plans: "Plans",
  import: "Import",
  review: "Review",
  register: "Task register",
  targets: "Targets",
  dashboard: "Dashboard",
  units: "Units",
  users: "Users",
  admin: "Administration",
  language: "中文",
} as const;

export type Key = keyof typeof en;

const zh: Record<Key, string> = {
  appName: "目标",
  appSub: "卫生健康工作计划管理平台",
  login: "登录",
  logout: "退出登录",
  username: "用户名",
  password: "密码",
  plans: "工作计划",
  import: "导入",
  review: "审核",
  register: "任务分工台账",
  targets: "目标指标",
  dashboard: "挂图作战",
  units: "单位管理",
  users: "用户管理",
  admin: "系统管理",
  language: "English",
};

interface I18n {
  lang: Lang;
  setLang(l: Lang): void;
  t(key: Key): string;
  /** Inline pair for one-off strings: tr("导入", "Import"). */
  tr(zhText: string, enText: string): string;
}

const Ctx = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(() => (localStorage.getItem("lang") === "en" ? "en" : "zh"));
  const value = useMemo<I18n>(
    () => ({
      lang,
      setLang: (l) => {
        localStorage.setItem("lang", l);
        document.documentElement.lang = l === "zh" ? "zh-CN" : "en";
        setLangState(l);
      },
      t: (key) => (lang === "en" ? en[key] : zh[key]),
      tr: (z, e) => (lang === "en" ? e : z),
    }),
    [lang],
  );
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useI18n(): I18n {
  const v = useContext(Ctx);
  if (!v) throw new Error("useI18n outside I18nProvider");
  return v;
}
