import { describe, expect, it } from "vitest";
import { rollUp, type OrgUnitNode } from "./rollup.js";

// 市 ─ 县A ─ 乡A1, 乡A2
//    └ 县B ─ 乡B1
const tree: OrgUnitNode[] = [
  { id: "city", parentId: null },
  { id: "A", parentId: "city" },
  { id: "A1", parentId: "A" },
  { id: "A2", parentId: "A" },
  { id: "B", parentId: "city" },
  { id: "B1", parentId: "B" },
];

describe("rollUp", () => {
  it("sums counts up the tree", () => {
    const r = rollUp("count", tree, [
      { orgUnitId: "A1", value: 120 },
      { orgUnitId: "A2", value: 80 },
      { orgUnitId: "B1", value: 50 },
    ]);
    expect(r.get("A")?.value).toBe(200);
    expect(r.get("city")).toMatchObject({ value: 250, contributors: ["A1", "A2", "B1"] });
  });

  it("recomputes a percentage from summed numerators and denominators, not the mean of rates", () => {
    // A1 90/100 = 90%, A2 10/20 = 50%: mean would be 70%, the true rate is 100/120 = 83.33%
    const r = rollUp("percentage", tree, [
      { orgUnitId: "A1", value: 90, numerator: 90, denominator: 100 },
      { orgUnitId: "A2", value: 50, numerator: 10, denominator: 20 },
      { orgUnitId: "B1", numerator: 30, denominator: 40 },
    ]);
    expect(r.get("A")?.value).toBeCloseTo(83.3333, 3);
    expect(r.get("city")).toMatchObject({ numerator: 130, denominator: 160 });
    expect(r.get("city")?.value).toBeCloseTo(81.25, 6);
  });

  it("scales rates per 100,000 and per 1,000", () => {
    // maternal deaths 1 + 2 over 8,000 + 12,000 live births = 15 per 100,000
    const mmr = rollUp("per_100k", tree, [
      { orgUnitId: "A1", numerator: 1, denominator: 8000 },
      { orgUnitId: "B1", numerator: 2, denominator: 12000 },
    ]);
    expect(mmr.get("city")?.value).toBeCloseTo(15, 9);
    // physicians 600 + 900 over 250,000 + 350,000 residents = 2.5 per 1,000
    const docs = rollUp("per_1000", tree, [
      { orgUnitId: "A", numerator: 600, denominator: 250_000 },
      { orgUnitId: "B", numerator: 900, denominator: 350_000 },
    ]);
    expect(docs.get("city")?.value).toBeCloseTo(2.5, 9);
  });

  it("reports a rate without numerator and denominator as not aggregable and leaves it out", () => {
    const r = rollUp("percentage", tree, [
      { orgUnitId: "A1", numerator: 45, denominator: 50 },
      { orgUnitId: "A2", value: 95 },
    ]);
    expect(r.get("A")).toMatchObject({
      value: 90,
      contributors: ["A1"],
      notAggregable: [{ orgUnitId: "A2", reason: "a rate without its numerator and denominator" }],
    });
    expect(r.get("city")?.notAggregable).toHaveLength(1);
  });

  it("gives no value on a zero denominator and no data where nothing was reported", () => {
    const r = rollUp("percentage", tree, [{ orgUnitId: "B1", numerator: 0, denominator: 0 }]);
    expect(r.get("B")).toMatchObject({ value: null, denominator: 0, note: "zero denominator" });
    expect(r.get("A")).toMatchObject({ value: null, note: "no data", contributors: [] });
  });

  it("does not add up plain numbers such as life expectancy", () => {
    const r = rollUp("number", tree, [
      { orgUnitId: "A", value: 79.1 },
      { orgUnitId: "B", value: 78.4 },
    ]);
    expect(r.get("city")).toMatchObject({ value: null, note: "not aggregable" });
    expect(r.get("city")?.notAggregable).toHaveLength(2);
  });

  it("sums amounts and recomputes per-capita ratios at scale 1", () => {
    const funds = rollUp("amount", tree, [
      { orgUnitId: "A", value: 1_000_000 },
      { orgUnitId: "B", value: 500_000.5 },
    ]);
    expect(funds.get("city")?.value).toBe(1_500_000.5);
    const perCapita = rollUp("ratio", tree, [
      { orgUnitId: "A", numerator: 8_900_000, denominator: 100_000 },
      { orgUnitId: "B", numerator: 2_700_000, denominator: 30_000 },
    ]);
    expect(perCapita.get("city")?.value).toBeCloseTo(11_600_000 / 130_000, 9);
  });

  it("refuses a tree with a cycle", () => {
    expect(() =>
      rollUp(
        "count",
        [
          { id: "x", parentId: "y" },
          { id: "y", parentId: "x" },
        ],
        [{ orgUnitId: "x", value: 1 }],
      ),
    ).toThrow(/cycle/);
  });
});
