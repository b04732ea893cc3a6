import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  assessAttainment,
  attainmentTargetSchema,
  type AttainmentTarget,
  type SeriesValue,
} from "./attainment.js";

const q = (values: Record<string, number | null>): SeriesValue[] =>
  Object.entries(values).map(([periodId, value]) => ({ periodId, value }));

describe("assessAttainment", () => {
  const atLeast90: AttainmentTarget = { comparator: ">=", value: 90, unit: "%", deadline: "2024" };

  it("projects a linear trend to the deadline: on track, at risk, off track", () => {
    // +4 a quarter from 80 → 2024Q4: 92
    const on = assessAttainment(atLeast90, q({ "2024Q1": 80, "2024Q2": 84 }));
    expect(on).toMatchObject({ status: "on_track", gap: 6, final: false });
    expect(on.projection).toMatchObject({ periodId: "2024Q4", method: "linear_trend", points: 2, slope: 4 });
    expect(on.projection?.value).toBeCloseTo(92, 9);
    // +3 a quarter → 89: misses by 1 ≤ 5% of 90 = 4.5 → at risk
    const risk = assessAttainment(atLeast90, q({ "2024Q1": 80, "2024Q2": 83 }));
    expect(risk.status).toBe("at_risk");
    expect(risk.projection?.gap).toBeCloseTo(1, 9);
    // +2 a quarter from 60 → 66: misses by 24 → off track
    expect(assessAttainment(atLeast90, q({ "2024Q1": 60, "2024Q2": 62 })).status).toBe("off_track");
  });

  it("keeps the real distance of a missing period", () => {
    // Q2 missing: 80 → 86 over two quarters is +3 a quarter → 89 (at risk), not +6 → 92
    const r = assessAttainment(atLeast90, q({ "2024Q1": 80, "2024Q2": null, "2024Q3": 86 }));
    expect(r.projection?.slope).toBeCloseTo(3, 9);
    expect(r.projection?.value).toBeCloseTo(89, 9);
    expect(r.status).toBe("at_risk");
    expect(r.latest).toEqual({ periodId: "2024Q3", value: 86 });
  });

  it("reads lower-is-better targets the other way", () => {
    const imr: AttainmentTarget = { comparator: "<=", value: 5, unit: "‰", deadline: "2025" };
    // −0.4 a quarter from 6.0 → 2025Q4: 4.8
    const on = assessAttainment(imr, q({ "2025Q1": 6, "2025Q2": 5.6 }));
    expect(on.status).toBe("on_track");
    expect(on.projection?.value).toBeCloseTo(4.8, 9);
    expect(on.gap).toBeCloseTo(0.6, 9);
    // −0.1 a quarter → 5.7: misses by 0.7 > 0.25 → off track
    expect(assessAttainment(imr, q({ "2025Q1": 6, "2025Q2": 5.9 })).status).toBe("off_track");
    // a lower value meeting it at the deadline is achieved, a higher one is not
    expect(assessAttainment(imr, q({ "2025": 4.9 }))).toMatchObject({ status: "achieved", final: true });
    expect(assessAttainment(imr, q({ "2025": 5.2 }))).toMatchObject({ status: "off_track", final: true });
  });

  it("computes increase_by and decrease_by thresholds from the baseline, absolute or relative", () => {
    const literacy: AttainmentTarget = {
      comparator: "increase_by",
      value: 2,
      unit: "%",
      deadline: "2024",
      baseline: { value: 25, periodId: "2023" },
    };
    expect(assessAttainment(literacy, q({ "2024": 27.5 }))).toMatchObject({
      status: "achieved",
      threshold: 27,
    });
    const costs: AttainmentTarget = {
      comparator: "decrease_by",
      value: 10,
      relative: true,
      unit: "元",
      deadline: "2024",
      baseline: { value: 200 },
    };
    const r = assessAttainment(costs, q({ "2024": 185 }));
    expect(r).toMatchObject({ status: "off_track", threshold: 180, sense: "<=", gap: 5, final: true });
  });

  it("counts the baseline as the first point of the trend", () => {
    // (2023, 20) (2024, 21) → 2025: 22 against 24 → misses by 2 > 1.2 → off track
    const t: AttainmentTarget = {
      comparator: "increase_by",
      value: 4,
      deadline: "2025",
      baseline: { value: 20, periodId: "2023" },
    };
    const r = assessAttainment(t, q({ "2024": 21 }));
    expect(r.projection).toMatchObject({ periodId: "2025", points: 2 });
    expect(r.projection?.value).toBeCloseTo(22, 9);
    expect(r.status).toBe("off_track");
  });

  it("has no data without values, or without the baseline a relative target needs", () => {
    expect(assessAttainment(atLeast90, q({ "2024Q1": null }))).toMatchObject({
      status: "no_data",
      latest: null,
    });
    const r = assessAttainment(
      { comparator: "increase_by", value: 2, deadline: "2024" },
      q({ "2024Q1": 30 }),
    );
    expect(r).toMatchObject({ status: "no_data", threshold: null });
    expect(r.explanation).toMatch(/基线/);
  });

  it("marks a target met early as achieved, and a maintain target as on track until the deadline", () => {
    expect(assessAttainment(atLeast90, q({ "2024Q1": 88, "2024Q2": 91 }))).toMatchObject({
      status: "achieved",
      final: false,
      gap: 0,
    });
    const keep = { ...atLeast90, maintain: true };
    expect(assessAttainment(keep, q({ "2024Q2": 91 })).status).toBe("on_track");
    expect(assessAttainment(keep, q({ "2024Q4": 91 })).status).toBe("achieved");
  });

  it("gives one value short of the target and no trend an at-risk status", () => {
    const r = assessAttainment(atLeast90, q({ "2024Q1": 85 }));
    expect(r).toMatchObject({ status: "at_risk", projection: null, gap: 5 });
    expect(r.explanation).toMatch(/数据不足/);
  });

  it("reads = by the direction and ~ as a band, and > strictly", () => {
    const eq = { comparator: "=", value: 95, deadline: "2024" } as const;
    expect(assessAttainment({ ...eq, direction: "higher_is_better" }, q({ "2024": 96 })).status).toBe(
      "achieved",
    );
    expect(assessAttainment({ ...eq, direction: "lower_is_better" }, q({ "2024": 96 })).status).toBe(
      "off_track",
    );
    // ~100 with ±5%: 104 is in the band, 106 is not
    const about = { comparator: "~", value: 100, deadline: "2024" } as const;
    expect(assessAttainment(about, q({ "2024": 104 })).status).toBe("achieved");
    expect(assessAttainment(about, q({ "2024": 106 }))).toMatchObject({ status: "off_track" });
    expect(assessAttainment({ comparator: ">", value: 90, deadline: "2024" }, q({ "2024": 90 })).status).toBe(
      "off_track",
    );
  });

  it("projects monthly data with a seasonal index once there is a year of history", () => {
    // 18 months from 2023M01: 50 + 0.5 a month, December 12 above the other months; true 2024M12 is 72.5
    const season = [-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, 11];
    const series = Array.from({ length: 18 }, (_, i) => ({
      periodId: `${2023 + Math.floor(i / 12)}M${String((i % 12) + 1).padStart(2, "0")}`,
      value: 50 + 0.5 * i + (season[i % 12] ?? 0),
    }));
    const r = assessAttainment({ comparator: ">=", value: 70, deadline: "2024" }, series);
    expect(r.projection).toMatchObject({ periodId: "2024M12", method: "seasonal_linear_trend", points: 18 });
    expect(r.status).toBe("on_track");
    // with only 11 months the same target gets a plain trend
    const short = assessAttainment({ comparator: ">=", value: 70, deadline: "2024" }, series.slice(7));
    expect(short.projection?.method).toBe("linear_trend");
  });

  it("explains the status in a sentence", () => {
    const r = assessAttainment(atLeast90, q({ "2024Q1": 80, "2024Q2": 84 }));
    expect(r.explanation).toBe("最新值84%（2024Q2），按线性趋势推算2024Q4为92%，可达到目标≥90%");
    expect(r.label).toBe("进度正常");
  });

  it("validates targets that come from users", () => {
    expect(
      attainmentTargetSchema.safeParse({ comparator: ">=", value: 90, deadline: "2024Q5" }).success,
    ).toBe(false);
    expect(attainmentTargetSchema.safeParse({ comparator: "≥", value: 90, deadline: "2024" }).success).toBe(
      false,
    );
  });
});

describe("assessAttainment (property)", () => {
  it("treats a lower-is-better target as the mirror of a higher-is-better one", () => {
    fc.assert(
      fc.property(
        fc.array(fc.option(fc.integer({ min: 0, max: 2000 }), { nil: null }), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 1, max: 2000 }),
        fc.constantFrom("2024", "2025"),
        (values, target, deadline) => {
          const up = values.map((v, i) => ({
            periodId: `2024Q${(i % 4) + 1}`.replace("2024", String(2023 + Math.floor(i / 4))),
            value: v,
          }));
          const down = up.map((s) => ({ ...s, value: s.value === null ? null : -s.value }));
          const a = assessAttainment({ comparator: ">=", value: target, deadline }, up);
          const b = assessAttainment({ comparator: "<=", value: -target, deadline }, down);
          expect(b.status).toBe(a.status);
          expect(b.gap).toBe(a.gap);
        },
      ),
      { numRuns: 300 },
    );
  });
});
