import { describe, expect, it } from "vitest";
import type { Plan, Quantity, Section, Task } from "../extract/index.js";
import { colorStyle, formatPlan, formatQuantity, plainStyle } from "./outline.js";

const span = { start: 0, end: 0, quote: "" };
const section = (id: string, parentId: string | null, marker: string, title: string): Section => ({
  ...span,
  id,
  parentId,
  level: parentId ? 2 : 1,
  marker,
  title,
  contentEnd: 0,
});
const quantity = (over: Partial<Quantity>): Quantity => ({
  ...span,
  kind: "target",
  metric: "居民健康素养水平",
  comparator: ">=",
  value: 40,
  unit: "%",
  deadline: "2024",
  baseline: null,
  sectionId: null,
  ...over,
});
const task = (over: Partial<Task>): Task => ({
  ...span,
  id: "t1",
  sectionId: "s2",
  text: "推进紧密型县域医共体建设",
  leadUnits: [],
  partnerUnits: [],
  deadline: null,
  ...over,
});

const plan: Plan = {
  ...span,
  title: "2024年全市卫生健康工作要点",
  issuer: "某市卫生健康委员会",
  year: 2024,
  sections: [
    section("s1", null, "一、", "主要目标"),
    section("s2", null, "二、", "重点任务"),
    section("s3", "s2", "1", "深化医改"),
    section("s4", "s3", "一是", "推进分级诊疗"),
  ],
  tasks: [
    task({
      leadUnits: ["医政医管科"],
      partnerUnits: ["财务科", "人事科"],
      deadline: { text: "2024年12月底前", kind: "date", due: "2024-12-31", start: 0, end: 0 },
    }),
    task({ id: "t2", sectionId: "s3", text: "推进分级诊疗制度建设。".repeat(10) }),
  ],
  targets: [quantity({ sectionId: "s1" })],
  actuals: [
    quantity({ kind: "actual", comparator: "increase_by", value: 2, unit: "个百分点", deadline: "2023" }),
  ],
};

describe("formatQuantity", () => {
  it("writes the comparator as a sign and the deadline in brackets", () => {
    expect(formatQuantity(quantity({}))).toBe("居民健康素养水平 ≥ 40 % (2024)");
    expect(formatQuantity(quantity({ comparator: "<=", value: 10, unit: "/10万", deadline: null }))).toBe(
      "居民健康素养水平 ≤ 10 /10万",
    );
  });
});

describe("formatPlan", () => {
  it("indents the section tree with tasks, targets and actuals under their sections", () => {
    expect(formatPlan(plan, plainStyle).split("\n")).toEqual([
      "2024年全市卫生健康工作要点  某市卫生健康委员会 · 2024年",
      "  ● 实际 居民健康素养水平 提高 2 个百分点 (2023)",
      "  一、主要目标",
      "    ◎ 居民健康素养水平 ≥ 40 % (2024)",
      "  二、重点任务",
      "    • 推进紧密型县域医共体建设 [牵头 医政医管科][配合 财务科、人事科][时限 2024-12-31]",
      "    1 深化医改",
      `      • ${"推进分级诊疗制度建设。".repeat(8).slice(0, 79)}…`,
      "      一是推进分级诊疗",
      "  (4 节 sections · 2 项任务 tasks · 1 个目标 targets · 1 个实际值 actuals)",
    ]);
  });

  it("uses ANSI colours only with the colour style", () => {
    expect(formatPlan(plan, plainStyle)).not.toContain("\x1b[");
    expect(formatPlan(plan, colorStyle)).toContain("\x1b[32m◎ 居民健康素养水平");
  });
});
