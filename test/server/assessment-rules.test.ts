/**
 * The pure choices behind assessment scores (assessment.rules.ts), on hand-computed cases: weights scaled to
 * 100 per org unit, items of one unit, duplicates, the as-of day, and a task as it stood on that day —
 * closing after the day not yet counted, 超期办结 counted in working days across the National Day holiday,
 * supervision's status and percent complete.
 */
import { describe, expect, it } from "vitest";
import {
  asOfCandidates,
  asOfDay,
  duplicateItems,
  responsibleUnitsOf,
  schemeForUnit,
  schemeRulesSchema,
  taskAsOf,
  taskDeadline,
  type StoredItem,
  type TaskFacts,
} from "../../src/server/assessment.rules.js";
import { scoreUnit } from "../../src/domain/scoring/index.js";

const rules = schemeRulesSchema.parse({});
const item = (kind: StoredItem["kind"], itemId: string, weight: number, unitId: string | null = null) => ({
  kind,
  itemId,
  weight,
  unitId,
  label: itemId,
});

describe("schemeForUnit", () => {
  it("scales relative weights to 100 points: 1, 1, 2 → 25, 25, 50", () => {
    const s = schemeForUnit(
      [item("target", "a", 1), item("target", "b", 1), item("task", "c", 2)],
      rules,
      "u1",
    );
    expect(s?.items.map((i) => i.weight)).toEqual([25, 25, 50]);
  });
  it("leaves out zero weights and other units' items, and rescales what is left", () => {
    const items = [item("target", "a", 30), item("task", "b", 0), item("task", "c", 10, "u2")];
    expect(schemeForUnit(items, rules, "u1")?.items.map((i) => [i.id, i.weight])).toEqual([["a", 100]]);
    expect(schemeForUnit(items, rules, "u2")?.items.map((i) => [i.id, i.weight])).toEqual([
      ["a", 75],
      ["c", 25],
    ]);
  });
  it("is null when nothing weighs anything", () => {
    expect(schemeForUnit([item("task", "b", 0)], rules, "u1")).toBeNull();
    expect(schemeForUnit([], rules, "u1")).toBeNull();
  });
  it("carries the rules: all-or-nothing targets, the late penalty and caps", () => {
    const strict = schemeRulesSchema.parse({
      partial: "all_or_nothing",
      latePenaltyPerWorkday: 2,
      latePenaltyMax: 5,
      bonusCap: 3,
    });
    const s = schemeForUnit([item("target", "a", 1), item("task", "b", 1)], strict, "u1");
    expect(s).toMatchObject({
      bonusCap: 3,
      items: [
        { kind: "target", partial: "all_or_nothing" },
        { kind: "task", latePenalty: { perWorkday: 2, maxPenalty: 5 } },
      ],
    });
    // scored: an at-risk target earns nothing all-or-nothing; 4 days late costs min(8, 5)
    const score = scoreUnit(s!, {
      unitId: "u1",
      targets: { a: { status: "at_risk", latest: 60, baseline: null, threshold: 65 } },
      tasks: { b: { closed: true, workdaysLate: 4 } },
      adjustments: [{ label: "加分", points: 5, reason: "表彰" }],
    });
    expect(score.lines.map((l) => l.points)).toEqual([0, 45, 3]);
    expect(score.total).toBe(48);
  });
  it("refuses negative or absurd rules", () => {
    expect(schemeRulesSchema.safeParse({ latePenaltyPerWorkday: -1 }).success).toBe(false);
    expect(schemeRulesSchema.safeParse({ partial: "half" }).success).toBe(false);
  });
});

describe("duplicateItems", () => {
  it("allows one item per named unit, not a named unit beside 'every unit'", () => {
    expect(
      duplicateItems([
        { kind: "task", itemId: "t", unitId: "u1" },
        { kind: "task", itemId: "t", unitId: "u2" },
        { kind: "target", itemId: "t", unitId: null }, // another kind: not the same item
      ]),
    ).toEqual([]);
    expect(
      duplicateItems([
        { kind: "task", itemId: "t", unitId: null },
        { kind: "task", itemId: "t", unitId: "u1" },
      ]),
    ).toEqual(["t"]);
    expect(
      duplicateItems([
        { kind: "target", itemId: "q", unitId: "u1" },
        { kind: "target", itemId: "q", unitId: "u1" },
      ]),
    ).toEqual(["q"]);
  });
});

describe("the as-of day and deadlines", () => {
  it("is the period's last day once it is over, today while it runs", () => {
    expect(asOfDay("2025-03-31", "2026-11-23")).toBe("2025-03-31");
    expect(asOfDay("2026-12-31", "2026-11-23")).toBe("2026-11-23");
  });
  it("gives a task without a deadline its plan's year end, else the period's end", () => {
    expect(taskDeadline("2025-06-30", 2025, "2025-03-31")).toBe("2025-06-30");
    expect(taskDeadline(null, 2025, "2025-03-31")).toBe("2025-12-31");
    expect(taskDeadline(null, null, "2025-03-31")).toBe("2025-03-31");
  });
});

describe("taskAsOf", () => {
  const facts = (f: Partial<TaskFacts>): TaskFacts => ({
    deadline: "2025-09-30",
    doneOn: null,
    percent: null,
    supervisedStatus: null,
    started: false,
    ...f,
  });
  it("counts 超期办结 in working days: done 2025-10-09, after the National Day holiday, is 1 day late", () => {
    const t = taskAsOf(facts({ doneOn: "2025-10-09" }), "2025-12-31");
    expect(t).toMatchObject({
      closedOn: "2025-10-09",
      status: "closed",
      result: { closed: true, workdaysLate: 1 },
    });
    expect(t.light.light).toBe("closed_late");
  });
  it("does not count a closing after the as-of day: as of 2025Q3's end the task is still open, on time", () => {
    const t = taskAsOf(facts({ doneOn: "2025-10-09", started: true }), "2025-09-30");
    expect(t).toMatchObject({
      closedOn: null,
      status: "in_progress",
      result: { closed: false, workdaysLate: 0 },
    });
  });
  it("is overdue when open past its deadline, and assigned when nothing was reported", () => {
    const t = taskAsOf(facts({}), "2025-10-10");
    expect(t.status).toBe("assigned");
    expect(t.result).toEqual({ closed: false, workdaysLate: 2 }); // 10-09 and 10-10
  });
  it("takes supervision's status and percent complete for an open task", () => {
    const t = taskAsOf(
      facts({ supervisedStatus: "extension_requested", percent: 40, started: true }),
      "2025-09-01",
    );
    expect(t.status).toBe("extension_requested");
    expect(t.result).toEqual({ closed: false, workdaysLate: 0, percentComplete: 40 });
    // closed and scored under supervision, but after the as-of day: in progress then
    const later = taskAsOf(
      facts({ supervisedStatus: "assessed", doneOn: "2025-09-20", percent: 100 }),
      "2025-09-10",
    );
    expect(later.status).toBe("in_progress");
    expect(taskAsOf(facts({ supervisedStatus: "assessed", doneOn: "2025-09-20" }), "2025-12-31").status).toBe(
      "assessed",
    );
  });
});

describe("asOfCandidates", () => {
  it("reads a year as of its last quarter or month when the figures come quarterly or monthly", () => {
    expect(asOfCandidates("2025", ["2025Q1", "2024Q4"])).toEqual(["2025", "2025Q4"]);
    expect(asOfCandidates("2025", ["2025M03", "2025Q1"])).toEqual(["2025", "2025Q4", "2025M12"]);
    expect(asOfCandidates("2025H1", ["2025M03"])).toEqual(["2025H1", "2025M06"]);
    expect(asOfCandidates("2025Q1", ["2025M02"])).toEqual(["2025Q1", "2025M03"]);
  });
  it("adds nothing for yearly figures, figures of later periods only, or a month", () => {
    expect(asOfCandidates("2025", ["2024", "2025"])).toEqual(["2025"]);
    expect(asOfCandidates("2025Q1", ["2025Q2", "2025M05"])).toEqual(["2025Q1"]);
    expect(asOfCandidates("2025M03", ["2025M03", "2025Q1"])).toEqual(["2025M03"]);
    expect(asOfCandidates("2025", [])).toEqual(["2025"]);
  });
});

describe("responsibleUnitsOf", () => {
  const text =
    "1.推进健康促进行动，全市居民健康素养水平达到30%（健康促进科牵头，疾控科配合）。2.加强慢病管理（疾控科牵头）。高血压患者规范管理率达到65%。";
  const span = (s: string) => ({ start: text.indexOf(s), end: text.indexOf(s) + s.length });
  const tasks = [
    {
      ...span("推进健康促进行动，全市居民健康素养水平达到30%（健康促进科牵头，疾控科配合）。"),
      leadUnits: ["健康促进科"],
    },
    { ...span("加强慢病管理（疾控科牵头）。"), leadUnits: ["疾控科", "疾控科"] },
  ];
  it("takes the lead units of the task that states the target", () => {
    expect(responsibleUnitsOf(span("全市居民健康素养水平达到30%"), tasks)).toEqual(["健康促进科"]);
  });
  it("gives none to a target stated outside every task, and names a unit once", () => {
    expect(responsibleUnitsOf(span("高血压患者规范管理率达到65%"), tasks)).toEqual([]);
    expect(responsibleUnitsOf(span("慢病管理"), tasks)).toEqual(["疾控科"]);
  });
});
