/**
 * What the reporting screens (数据填报, 填报审核, 指标库) share: the API's shapes for indicators, submissions
 * and their forms, period ids, and how statuses and indicator types read in both languages.
 */
import type { Lang } from "../i18n";

export type Frequency = "monthly" | "quarterly" | "yearly";
export type DeadlineRule =
  | { kind: "workdays_after_end"; days: number }
  | { kind: "days_after_end"; days: number }
  | { kind: "day_of_next_month"; day: number };

export interface ReportingConfig {
  frequency: Frequency | null;
  level: string | null;
  deadlineRule: DeadlineRule | null;
  unitIds: string[];
}

export interface Indicator {
  id: string;
  code: string | null;
  name: string;
  aliases: string[];
  unit: string | null;
  direction: string | null;
  type: string | null;
  numerator: string | null;
  denominator: string | null;
  version: number;
  /** The reporting settings, nested or flat depending on the API version: read with `reportingOf`. */
  reporting?: Partial<ReportingConfig> | null;
  frequency?: Frequency | null;
  level?: string | null;
  deadlineRule?: DeadlineRule | null;
  unitIds?: string[];
}

/** The reporting settings of an indicator, whether the API nests them or not. */
export function reportingOf(i: Indicator): ReportingConfig {
  const r = i.reporting ?? {};
  return {
    frequency: r.frequency ?? i.frequency ?? null,
    level: r.level ?? i.level ?? null,
    deadlineRule: r.deadlineRule ?? i.deadlineRule ?? null,
    unitIds: r.unitIds ?? i.unitIds ?? [],
  };
}

export type SubmissionStatus = "draft" | "submitted" | "approved" | "returned";
export interface Submission {
  id: string;
  unitId: string;
  periodId: string;
  status: SubmissionStatus;
  note: string | null;
  createdBy: string;
  createdAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  submittedAt?: string | null;
  reopenedAt?: string | null;
  reopenReason?: string | null;
}

export type ValueStatus = "pending" | "approved" | "returned";
export interface Evidence {
  id: string;
  fileName: string;
  size: number;
  mime: string;
}
export interface Issue {
  field?: string;
  severity?: "error" | "warning";
  code: string;
  message: string;
  messageEn?: string;
}
export interface FormObservation {
  id: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  definition: string | null;
  status: ValueStatus;
  returnReason: string | null;
  changedSinceApproval: boolean;
  evidence: Evidence[];
}
export interface FormRow {
  indicator: {
    id: string;
    code: string | null;
    name: string;
    unit: string | null;
    type: string | null;
    frequency: string | null;
    /** What the numerator and denominator count, for a ratio (e.g. 具备基本健康素养的人数). */
    numerator?: string | null;
    denominator?: string | null;
  };
  orgUnit: { id: string; name: string; level: string };
  observation: FormObservation | null;
  warnings: Issue[];
}
export interface SubmissionForm {
  submission: Submission;
  unitName?: string;
  /** When the form is due (the earliest deadline of its indicators). */
  deadline?: string;
  /** Whether the signed-in user may still enter values (the server's decision). */
  editable?: boolean;
  changedSinceApproval: number;
  rows: FormRow[];
}

/** One cell's error as the API reports it on PUT values (422) or a template upload. */
export interface CellError {
  index?: number;
  indicatorId?: string;
  orgUnitId?: string;
  field?: string;
  code: string;
  message: string;
  messageEn?: string;
}

export interface OrgNode {
  id: string;
  name: string;
  level: string;
  parentId?: string | null;
  children: OrgNode[];
}
export interface UnitLite {
  id: string;
  name: string;
}

export const rowKey = (indicatorId: string, orgUnitId: string) => `${indicatorId}|${orgUnitId}`;

/** Ratio types are reported as numerator and denominator (they roll up from the sums, never averaged). */
export function isRatio(type: string | null | undefined): boolean {
  return ["percentage", "permille", "per_1000", "per_10k", "per_100k", "ratio"].includes(type ?? "");
}

export const submissionLabel: Record<SubmissionStatus, [string, string]> = {
  draft: ["填报中", "Draft"],
  submitted: ["已提交", "Submitted"],
  approved: ["已通过", "Approved"],
  returned: ["已退回", "Returned"],
};
export const submissionColor: Record<SubmissionStatus, string> = {
  draft: "default",
  submitted: "processing",
  approved: "success",
  returned: "error",
};
export const valueLabel: Record<ValueStatus, [string, string]> = {
  pending: ["待审核", "Pending"],
  approved: ["已通过", "Approved"],
  returned: ["已退回", "Returned"],
};
export const valueColor: Record<ValueStatus, string> = {
  pending: "gold",
  approved: "green",
  returned: "red",
};
export const frequencyLabel: Record<Frequency, [string, string]> = {
  monthly: ["月报", "Monthly"],
  quarterly: ["季报", "Quarterly"],
  yearly: ["年报", "Yearly"],
};
export const levelLabel: Record<string, [string, string]> = {
  province: ["省", "Province"],
  city: ["市", "City"],
  county: ["县（市、区）", "County"],
  township: ["乡镇（街道）", "Township"],
  village: ["村（社区）", "Village"],
  institution: ["机构", "Institution"],
};
export const typeLabel: Record<string, [string, string]> = {
  count: ["计数", "Count"],
  amount: ["金额", "Amount"],
  percentage: ["百分比", "Percentage"],
  permille: ["千分比", "Per mille"],
  per_1000: ["每千人", "Per 1,000"],
  per_10k: ["每万人", "Per 10,000"],
  per_100k: ["每十万人", "Per 100,000"],
  ratio: ["比值", "Ratio"],
  number: ["数值", "Number"],
};

export function deadlineRuleText(rule: DeadlineRule | null, lang: Lang): string {
  if (!rule) return lang === "en" ? "default" : "默认";
  switch (rule.kind) {
    case "workdays_after_end":
      return lang === "en" ? `${rule.days} working days after` : `期末后${rule.days}个工作日内`;
    case "days_after_end":
      return lang === "en" ? `${rule.days} days after` : `期末后${rule.days}日内`;
    case "day_of_next_month":
      return lang === "en" ? `day ${rule.day} of next month` : `次月${rule.day}日前`;
  }
}

/** The periods a reporter can choose: years, quarters and months of the years around `year`, latest first. */
export function periodChoices(year: number, lang: Lang): Array<{ value: string; label: string }> {
  const out: Array<{ value: string; label: string }> = [];
  for (let y = year + 1; y >= year - 2; y--) {
    out.push({ value: String(y), label: lang === "en" ? String(y) : `${y}年` });
    for (let q = 4; q >= 1; q--)
      out.push({ value: `${y}Q${q}`, label: lang === "en" ? `${y} Q${q}` : `${y}年第${q}季度` });
    for (let m = 12; m >= 1; m--) {
      const mm = String(m).padStart(2, "0");
      out.push({ value: `${y}M${mm}`, label: lang === "en" ? `${y}-${mm}` : `${y}年${m}月` });
    }
  }
  return out;
}

export function periodText(id: string, lang: Lang): string {
  const q = /^(\d{4})Q([1-4])$/.exec(id);
  if (q) return lang === "en" ? `${q[1]} Q${q[2]}` : `${q[1]}年第${q[2]}季度`;
  const m = /^(\d{4})M(\d{2})$/.exec(id);
  if (m) return lang === "en" ? `${m[1]}-${m[2]}` : `${m[1]}年${Number(m[2])}月`;
  const h = /^(\d{4})H([12])$/.exec(id);
  if (h) return lang === "en" ? `${h[1]} H${h[2]}` : `${h[1]}年${h[2] === "1" ? "上" : "下"}半年`;
  return lang === "en" ? id : `${id}年`;
}

/** Flattens the org-unit tree (depth-first) for selects and look-ups. */
export function flatten(nodes: OrgNode[], depth = 0): Array<OrgNode & { depth: number }> {
  return nodes.flatMap((n) => [{ ...n, depth }, ...flatten(n.children ?? [], depth + 1)]);
}

export function fmtSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
