/**
 * The benchmark province (bench/lib/province.js, built on dist/ — `npm run build` or `npm ci` first): the
 * same seed gives the same data, the tree has the announced shape, and every generated value passes the
 * checks an import applies, so the ingest benchmark measures imports, not rejections.
 */
import { describe, expect, it } from "vitest";
import { generateProvince, type Province } from "../../bench/lib/province.js";
import { checkObservation, type IndicatorType } from "../../src/domain/indicators/index.js";

const first = (p: Province, n: number) => {
  const out = [];
  for (const o of p.observations()) {
    out.push(o);
    if (out.length === n) break;
  }
  return out;
};

describe("generateProvince", () => {
  it("is deterministic: the same seed gives the same tree, plans and observations; another seed does not", () => {
    const a = generateProvince({ scale: "small", seed: 42 });
    const b = generateProvince({ scale: "small", seed: 42 });
    const c = generateProvince({ scale: "small", seed: 43 });
    expect(b.orgUnits).toEqual(a.orgUnits);
    expect(b.plans).toEqual(a.plans);
    expect(first(b, 5_000)).toEqual(first(a, 5_000));
    expect(first(c, 5_000)).not.toEqual(first(a, 5_000));
  });

  it("builds a province of 14 cities and 120 counties at medium scale, ~2,000 townships, 300 indicators", () => {
    const p = generateProvince({ scale: "medium", seed: 7 });
    const count = (level: string) => p.orgUnits.filter((u) => u.level === level).length;
    expect([count("province"), count("city"), count("county")]).toEqual([1, 14, 120]);
    expect(count("township")).toBeGreaterThan(1_700);
    expect(count("township")).toBeLessThan(2_300);
    expect(p.indicators).toHaveLength(300);
    expect(new Set(p.indicators.map((i) => i.code)).size).toBe(300);
    expect(new Set(p.orgUnits.map((u) => u.code)).size).toBe(p.orgUnits.length);
    expect(p.expectedCells).toBeGreaterThan(9_000_000);
    // parents come before their children, as a loader inserting in order needs
    const seen = new Set<string>();
    for (const u of p.orgUnits) {
      if (u.parentId !== null) expect(seen.has(u.parentId)).toBe(true);
      seen.add(u.id);
    }
  });

  it("generates only values an import accepts, ratios consistent with their parts", () => {
    const p = generateProvince({ scale: "small", seed: 42 });
    let n = 0;
    for (const o of p.observations()) {
      const ind = p.indicators[o.indicatorIndex];
      if (!ind) throw new Error("indicator index out of range");
      const issues = checkObservation(
        { type: ind.type as IndicatorType, numerator: ind.numerator, denominator: ind.denominator },
        o,
      ).filter((i) => i.severity === "error");
      expect(issues, `${ind.code} ${o.periodId}: ${JSON.stringify(o)}`).toEqual([]);
      n++;
    }
    expect(n).toBeGreaterThan(30_000);
  });

  it("links every plan target to an indicator and quotes it from the plan's text", () => {
    const p = generateProvince({ scale: "small", seed: 42 });
    for (const plan of p.plans)
      for (const t of plan.targets) {
        expect(plan.text.slice(t.start, t.end)).toBe(t.quote);
        expect(t.quote).toContain(p.indicators[t.indicatorIndex]?.name);
      }
  });
});
