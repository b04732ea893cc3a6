import { describe, expect, it } from "vitest";
import {
  addAggregates,
  aggregateOfValue,
  emptyAggregate,
  figureOf,
  notAggregableReason,
} from "./aggregate.js";
import { rollUp } from "./rollup.js";

const tree = [
  { id: "city", parentId: null },
  { id: "a", parentId: "city" },
  { id: "b", parentId: "city" },
  { id: "b1", parentId: "b" },
];
const values = [
  { orgUnitId: "a", value: 60, numerator: 600, denominator: 1000 },
  { orgUnitId: "b", value: 40, numerator: null, denominator: null },
  { orgUnitId: "b1", value: 35, numerator: 700, denominator: 2000 },
];
const sum = values.map(aggregateOfValue).reduce(addAggregates, emptyAggregate);

describe("figureOf", () => {
  it("recomputes a rate from summed parts, as rollUp does, and counts the value without parts", () => {
    const f = figureOf("percentage", sum);
    const want = rollUp("percentage", tree, values).get("city");
    // (600 + 700) / (1000 + 2000), not the mean of the rates
    expect(f.value).toBeCloseTo(43.333, 3);
    expect(f.value).toBeCloseTo(want?.value ?? NaN, 9);
    expect([f.numerator, f.denominator]).toEqual([1300, 3000]);
    expect([f.contributorCount, f.notAggregableCount]).toEqual([2, 1]);
    expect(notAggregableReason("percentage", sum)).toBe("a rate without its numerator and denominator");
  });
  it("adds counts, and says no data when nothing was reported", () => {
    expect(figureOf("count", sum)).toMatchObject({ value: 135, contributorCount: 3, note: null });
    expect(figureOf("count", emptyAggregate)).toMatchObject({ value: null, note: "no data" });
    expect(notAggregableReason("count", sum)).toBeNull();
  });
  it("does not roll up a plain number, and a zero denominator gives no value", () => {
    expect(figureOf("number", sum)).toMatchObject({
      value: null,
      note: "not aggregable",
      notAggregableCount: 3,
    });
    const zero = aggregateOfValue({ value: 0, numerator: 0, denominator: 0 });
    expect(figureOf("per_100k", zero)).toMatchObject({ value: null, note: "zero denominator" });
  });
});
