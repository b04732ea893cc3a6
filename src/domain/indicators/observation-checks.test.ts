import { describe, expect, it } from "vitest";
import { checkObservation } from "./observation-checks.js";

const rate = { type: "percentage", numerator: "规范管理人数", denominator: "已管理人数" } as const;
const count = { type: "count", numerator: null, denominator: null } as const;
const per100k = { type: "per_100k", numerator: "孕产妇死亡数", denominator: "活产数" } as const;
const codes = (issues: { code: string }[]) => issues.map((i) => i.code);

describe("checkObservation", () => {
  it("accepts a consistent rate and its parts", () => {
    expect(checkObservation(rate, { value: 62.5, numerator: 500, denominator: 800 })).toEqual([]);
    // rounded to two decimals by the reporter: 2/3 = 66.666…
    expect(checkObservation(rate, { value: 66.67, numerator: 2, denominator: 3 })).toEqual([]);
    expect(checkObservation(per100k, { value: 12.5, numerator: 1, denominator: 8000 })).toEqual([]);
  });

  it("refuses a numerator above its denominator and a value that contradicts them", () => {
    const over = checkObservation(rate, { numerator: 900, denominator: 800 });
    expect(over).toEqual([
      {
        field: "numerator",
        severity: "error",
        code: "numerator_above_denominator",
        message: "分子（900）不能大于分母（800）",
      },
    ]);
    expect(codes(checkObservation(rate, { value: 70, numerator: 500, denominator: 800 }))).toEqual([
      "value_mismatch",
    ]);
  });

  it("refuses a zero denominator under a positive numerator and a part left out", () => {
    expect(codes(checkObservation(per100k, { numerator: 1, denominator: 0 }))).toEqual(["zero_denominator"]);
    expect(checkObservation(rate, { numerator: 5 })[0]).toMatchObject({
      field: "denominator",
      code: "missing_parts",
    });
    expect(checkObservation(rate, { numerator: 0, denominator: 0 })).toEqual([]);
  });

  it("refuses negative and fractional counts and rates above 100%", () => {
    expect(codes(checkObservation(count, { value: -3 }))).toEqual(["negative"]);
    expect(codes(checkObservation(count, { value: 2.5 }))).toEqual(["not_integer"]);
    expect(codes(checkObservation(rate, { value: 101 }))).toEqual(["above_ratio_limit"]);
    expect(codes(checkObservation(rate, { value: Number.NaN }))).toEqual(["not_finite"]);
  });

  it("checks the admin's range", () => {
    const lifeExpectancy = { type: "number", numerator: null, denominator: null } as const;
    expect(codes(checkObservation(lifeExpectancy, { value: 102 }, { min: 60, max: 95 }))).toEqual([
      "out_of_range",
    ]);
    expect(checkObservation(lifeExpectancy, { value: 79.2 }, { min: 60, max: 95 })).toEqual([]);
  });

  it("warns about a sudden jump against the previous period, computed from the parts when no value is given", () => {
    const w = checkObservation(rate, { numerator: 300, denominator: 800 }, { previous: 80 });
    // 37.5 against 80: −53.13%
    expect(w).toEqual([
      { field: "value", severity: "warning", code: "sudden_jump", message: "较上期（80）下降53.13%，请核实" },
    ]);
    expect(checkObservation(count, { value: 140 }, { previous: 100 })).toEqual([]);
    expect(checkObservation(count, { value: 160 }, { previous: 100, jumpShare: 0.5 })[0]?.message).toBe(
      "较上期（100）增长60%，请核实",
    );
    expect(checkObservation(count, { value: 5 }, { previous: 0 })[0]?.message).toMatch(/由0变为非0/);
  });
});
