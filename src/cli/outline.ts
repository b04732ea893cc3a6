/**
 * A plan as a readable outline for the terminal: title / issuer / year, the section tree indented, each
 * section's tasks with [牵头 …][配合 …][时限 …] and its targets (◎) and actuals (●).
 */
import type { Plan, Quantity, Task } from "../extract/index.js";

export interface Style {
  heading(s: string): string;
  section(s: string): string;
  tag(s: string): string;
  target(s: string): string;
  actual(s: string): string;
  dim(s: string): string;
}

const ansi =
  (open: string, close = "\x1b[0m") =>
  (s: string): string =>
    `\x1b[${open}m${s}${close}`;

export const plainStyle: Style = {
  heading: (s) => s,
  section: (s) => s,
  tag: (s) => s,
  target: (s) => s,
  actual: (s) => s,
  dim: (s) => s,
};

export const colorStyle: Style = {
  heading: ansi("1;4"),
  section: ansi("1"),
  tag: ansi("33"),
  target: ansi("32"),
  actual: ansi("36"),
  dim: ansi("2"),
};

const COMPARATOR: Record<Quantity["comparator"], string> = {
  "=": "=",
  ">=": "≥",
  ">": ">",
  "<=": "≤",
  "<": "<",
  "~": "≈",
  increase_by: "提高",
  decrease_by: "降低",
};

/** "居民健康素养水平 ≥ 40 % (2024)". */
export function formatQuantity(q: Quantity): string {
  const value = `${q.value}${q.unit ? ` ${q.unit}` : ""}`;
  const baseline = q.baseline?.year ? ` 较${q.baseline.year}年` : "";
  return `${q.metric}${baseline} ${COMPARATOR[q.comparator]} ${value}${q.deadline ? ` (${q.deadline})` : ""}`;
}

const MAX_TASK_CHARS = 80;

const oneLine = (s: string): string => s.replace(/\s+/g, " ").trim();
const shorten = (s: string, max: number): string => {
  const chars = [...oneLine(s)];
  return chars.length > max ? `${chars.slice(0, max - 1).join("")}…` : chars.join("");
};

export function formatTask(task: Task, style: Style): string {
  const tags = [
    task.leadUnits.length > 0 ? `[牵头 ${task.leadUnits.join("、")}]` : "",
    task.partnerUnits.length > 0 ? `[配合 ${task.partnerUnits.join("、")}]` : "",
    task.deadline ? `[时限 ${task.deadline.due ?? task.deadline.text}]` : "",
  ].join("");
  return `• ${shorten(task.text, MAX_TASK_CHARS)}${tags ? ` ${style.tag(tags)}` : ""}`;
}

export function formatPlan(plan: Plan, style: Style): string {
  const lines: string[] = [];
  const meta = [plan.issuer, plan.year ? `${plan.year}年` : null].filter(Boolean).join(" · ");
  lines.push(style.heading(plan.title ?? "(无标题 untitled plan)") + (meta ? `  ${style.dim(meta)}` : ""));

  const children = new Map<string | null, string[]>();
  for (const s of plan.sections) {
    const key = s.parentId ?? null;
    children.set(key, [...(children.get(key) ?? []), s.id]);
  }
  const byId = new Map(plan.sections.map((s) => [s.id, s]));
  const known = (id: string | null): string | null => (id !== null && byId.has(id) ? id : null);
  const items = (sectionId: string | null, indent: string): void => {
    for (const q of plan.targets) {
      if (known(q.sectionId) === sectionId) lines.push(`${indent}${style.target(`◎ ${formatQuantity(q)}`)}`);
    }
    for (const q of plan.actuals) {
      if (known(q.sectionId) === sectionId)
        lines.push(`${indent}${style.actual(`● 实际 ${formatQuantity(q)}`)}`);
    }
    for (const t of plan.tasks)
      if (known(t.sectionId) === sectionId) lines.push(`${indent}${formatTask(t, style)}`);
  };

  items(null, "  ");
  const shown = new Set<string>();
  const walk = (parentId: string | null, depth: number): void => {
    for (const id of children.get(parentId) ?? []) {
      const s = byId.get(id);
      if (!s || shown.has(id)) continue;
      shown.add(id);
      const indent = "  ".repeat(depth + 1);
      // "1" + "全面实施…" reads as "1 全面实施…"; "一、", "(三)" and "一是" need no separator.
      const gap = /[A-Za-z0-9]$/.test(s.marker) ? " " : "";
      lines.push(`${indent}${style.section(`${s.marker}${gap}${s.title}`)}`);
      items(s.id, `${indent}  `);
      walk(s.id, depth + 1);
    }
  };
  // Sections whose parent is missing are shown at the top level rather than lost.
  for (const s of plan.sections) {
    if (s.parentId !== null && !byId.has(s.parentId)) {
      children.set(null, [...(children.get(null) ?? []), s.id]);
    }
  }
  walk(null, 0);
  const counts = `${plan.sections.length} 节 sections · ${plan.tasks.length} 项任务 tasks · ${plan.targets.length} 个目标 targets · ${plan.actuals.length} 个实际值 actuals`;
  lines.push(style.dim(`  (${counts})`));
  return lines.join("\n");
}
