/** How statuses, comparators and kinds read and look, in both languages. */
import type { Lang } from "./i18n";
import type { ProgressStatus, ReviewStatus } from "./types";

export const progressLabel: Record<ProgressStatus, [string, string]> = {
  not_started: ["未开始", "Not started"],
  in_progress: ["推进中", "In progress"],
  done: ["已完成", "Done"],
  blocked: ["受阻", "Blocked"],
};
export const progressColor: Record<ProgressStatus, string> = {
  not_started: "default",
  in_progress: "processing",
  done: "success",
  blocked: "error",
};
export const progressChartColor: Record<ProgressStatus, string> = {
  not_started: "#bfbfbf",
  in_progress: "#1677ff",
  done: "#52c41a",
  blocked: "#ff4d4f",
};

export const reviewLabel: Record<ReviewStatus, [string, string]> = {
  pending: ["待审核", "Pending"],
  accepted: ["已确认", "Accepted"],
  rejected: ["已驳回", "Rejected"],
};
export const reviewColor: Record<ReviewStatus, string> = {
  pending: "gold",
  accepted: "green",
  rejected: "red",
};

export const comparatorLabel: Record<string, [string, string]> = {
  "=": ["为", "="],
  ">=": ["≥（达到）", "≥"],
  ">": ["＞（超过）", ">"],
  "<=": ["≤（控制在）", "≤"],
  "<": ["＜（低于）", "<"],
  "~": ["约", "≈"],
  increase_by: ["提高", "increase by"],
  decrease_by: ["下降", "decrease by"],
};

export type Kind = "section" | "task" | "target" | "actual" | "unit" | "deadline";
export const kindLabel: Record<Kind, [string, string]> = {
  section: ["章节", "Section"],
  task: ["任务", "Task"],
  target: ["目标", "Target"],
  actual: ["实际值", "Actual"],
  unit: ["单位", "Unit"],
  deadline: ["时限", "Deadline"],
};

export function pick(pair: [string, string] | undefined, lang: Lang): string {
  if (!pair) return "";
  return lang === "en" ? pair[1] : pair[0];
}
