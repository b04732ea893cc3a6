import { describe, expect, it } from "vitest";
import { assess, assessmentSchemeSchema, rankUnits, scoreUnit, type AssessmentScheme } from "./scoring.js";

const scheme: AssessmentScheme = assessmentSchemeSchema.parse({
  items: [
    { kind: "target", id: "literacy", label: "居民健康素养水平", weight: 10 },
    { kind: "target", id: "imr", label: "婴儿死亡率", weight: 10 },
    {
      kind: "task",
      id: "clinics",
      label: "村卫生室标准化建设",
      weight: 20,
      latePenalty: { perWorkday: 2, maxPenalty: 10 },
    },
  ],
  bonusCap: 3,
  deductionCap: 5,
});

describe("scoreUnit", () => {
  it("gives full marks when achieved and on time, with a line for each item", () => {
    const s = scoreUnit(scheme, {
      unitId: "A",
      targets: {
        literacy: { status: "achieved", latest: 31, baseline: 28, threshold: 30 },
        imr: { status: "achieved", latest: 4.5, baseline: 6, threshold: 5 },
      },
      tasks: { clinics: { closed: true, workdaysLate: 0 } },
    });
    expect(s).toMatchObject({ total: 40, maximum: 40 });
    expect(s.lines.map((l) => l.reason)).toEqual(["已达标，得满分", "已达标，得满分", "按期办结，得满分"]);
  });

  it("gives partial credit linear between baseline and threshold, for rising and falling targets", () => {
    const s = scoreUnit(scheme, {
      unitId: "B",
      targets: {
        // 28 → 30, now 29.5: 75% of 10 = 7.5
        literacy: { status: "at_risk", latest: 29.5, baseline: 28, threshold: 30 },
        // 6 → 5, now 5.6: 40% of 10 = 4
        imr: { status: "on_track", latest: 5.6, baseline: 6, threshold: 5 },
      },
      tasks: {},
    });
    expect(s.lines[0]).toMatchObject({ points: 7.5 });
    expect(s.lines[0]?.reason).toMatch(/75%/);
    expect(s.lines[1]).toMatchObject({ points: 4 });
    expect(s.lines[2]).toMatchObject({ points: 0, reason: "无办理记录，不得分" });
    expect(s.total).toBe(11.5);
  });

  it("gives nothing when off track, without data, or worse than the baseline", () => {
    const s = scoreUnit(scheme, {
      unitId: "C",
      targets: {
        literacy: { status: "off_track", latest: 25, baseline: 28, threshold: 30 },
        imr: { status: "at_risk", latest: 6.2, baseline: 6, threshold: 5 },
      },
      tasks: {},
    });
    expect(s.lines[0]).toMatchObject({ points: 0, reason: "进度滞后，不得分" });
    expect(s.lines[1]?.points).toBe(0);
    expect(scoreUnit(scheme, { unitId: "D", targets: {}, tasks: {} }).lines[0]?.reason).toBe(
      "无数据，不得分",
    );
  });

  it("measures from zero without a baseline only for a rising target", () => {
    const rising = scoreUnit(scheme, {
      unitId: "E",
      targets: {
        literacy: { status: "on_track", latest: 24, baseline: null, threshold: 30 },
        imr: { status: "on_track", latest: 5.5, baseline: null, threshold: 5 },
      },
      tasks: {},
    });
    expect(rising.lines[0]?.points).toBe(8);
    expect(rising.lines[1]).toMatchObject({ points: 0, reason: "进度正常，无基线，不得分" });
  });

  it("takes points per working day for a task closed late (超期办结), up to the cap", () => {
    const late = (workdaysLate: number) =>
      scoreUnit(scheme, { unitId: "F", targets: {}, tasks: { clinics: { closed: true, workdaysLate } } })
        .lines[2];
    expect(late(3)).toMatchObject({ points: 14, reason: "超期办结3个工作日，扣6分" });
    expect(late(30)).toMatchObject({ points: 10, reason: "超期办结30个工作日，扣10分" });
  });

  it("gives nothing for an open overdue task and the percent complete for one within its deadline", () => {
    const open = (r: { workdaysLate: number; percentComplete?: number }) =>
      scoreUnit(scheme, { unitId: "G", targets: {}, tasks: { clinics: { closed: false, ...r } } }).lines[2];
    expect(open({ workdaysLate: 4, percentComplete: 90 })).toMatchObject({ points: 0 });
    expect(open({ workdaysLate: 0, percentComplete: 60 })).toMatchObject({ points: 12 });
  });

  it("adds bonuses and deductions within their caps, with reasons", () => {
    const s = scoreUnit(scheme, {
      unitId: "H",
      targets: {},
      tasks: {},
      adjustments: [
        { label: "国家级表彰", points: 2, reason: "获国家卫生健康委通报表扬" },
        { label: "典型经验", points: 2, reason: "经验被省级推广" },
        { label: "信息报送", points: -4, reason: "漏报2次" },
        { label: "安全事故", points: -3, reason: "发生一般安全事故" },
      ],
    });
    expect(s.lines.slice(3).map((l) => [l.kind, l.points])).toEqual([
      ["bonus", 2],
      ["bonus", 1],
      ["deduction", -4],
      ["deduction", -1],
    ]);
    expect(s.lines[4]?.reason).toMatch(/加分已达上限3分/);
    expect(s.lines[6]?.reason).toMatch(/扣分已达上限5分/);
    expect(s.total).toBe(-2);
  });
});

describe("rankUnits", () => {
  it("shares a rank between ties and skips the next (1, 2, 2, 4)", () => {
    const ranked = rankUnits([
      { unitId: "c", total: 80, maximum: 100, lines: [] },
      { unitId: "a", total: 92.5, maximum: 100, lines: [] },
      { unitId: "d", total: 70, maximum: 100, lines: [] },
      { unitId: "b", total: 80, maximum: 100, lines: [] },
    ]);
    expect(ranked.map((r) => [r.unitId, r.rank])).toEqual([
      ["a", 1],
      ["b", 2],
      ["c", 2],
      ["d", 4],
    ]);
  });

  it("scores and ranks units in one call", () => {
    const ranked = assess(scheme, [
      { unitId: "x", targets: {}, tasks: { clinics: { closed: true, workdaysLate: 0 } } },
      {
        unitId: "y",
        targets: { literacy: { status: "achieved", latest: 30, baseline: 28, threshold: 30 } },
        tasks: { clinics: { closed: true, workdaysLate: 0 } },
      },
    ]);
    expect(ranked.map((r) => [r.unitId, r.total, r.rank])).toEqual([
      ["y", 30, 1],
      ["x", 20, 2],
    ]);
  });
});

describe("assessmentSchemeSchema", () => {
  it("refuses duplicate item ids, empty schemes and non-positive weights", () => {
    const item = { kind: "target", id: "a", label: "x", weight: 5 };
    expect(assessmentSchemeSchema.safeParse({ items: [item, item] }).success).toBe(false);
    expect(assessmentSchemeSchema.safeParse({ items: [] }).success).toBe(false);
    expect(assessmentSchemeSchema.safeParse({ items: [{ ...item, weight: 0 }] }).success).toBe(false);
  });
});
