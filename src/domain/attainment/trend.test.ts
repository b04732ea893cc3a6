import { describe, expect, it } from "vitest";
import { fitLine, seasonalProjection, valueAt } from "./trend.js";

describe("fitLine", () => {
  it("fits the least-squares line by hand", () => {
    // (1,2) (2,3) (3,5): t̄ = 2, ȳ = 10/3, Sxy = 3, Sxx = 2 → slope 1.5, intercept 1/3
    const line = fitLine([
      { t: 1, y: 2 },
      { t: 2, y: 3 },
      { t: 3, y: 5 },
    ]);
    expect(line?.slope).toBeCloseTo(1.5, 12);
    expect(line?.intercept).toBeCloseTo(1 / 3, 12);
    expect(valueAt(line!, 5)).toBeCloseTo(1 / 3 + 7.5, 12);
  });

  it("has no line through fewer than two distinct times", () => {
    expect(fitLine([{ t: 1, y: 2 }])).toBeNull();
    expect(
      fitLine([
        { t: 1, y: 2 },
        { t: 1, y: 3 },
      ]),
    ).toBeNull();
  });
});

describe("seasonalProjection", () => {
  // 18 months from 2023M01: 50 + 0.5 per month, December 12 above the other months (a year-end push)
  const season = [-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, 11];
  const t0 = 2023 * 12;
  const points = Array.from({ length: 18 }, (_, i) => ({
    t: t0 + i,
    y: 50 + 0.5 * i + (season[i % 12] ?? 0),
  }));

  it("needs twelve calendar months", () => {
    expect(seasonalProjection(points.slice(0, 11), t0 + 23)).toBeNull();
  });

  it("projects December with its seasonal index, close to the true 72.5 where a line alone is far off", () => {
    const p = seasonalProjection(points, t0 + 23);
    expect(p).not.toBeNull();
    expect(p!.value).toBeGreaterThan(71);
    expect(p!.value).toBeLessThan(74);
    expect(p!.seasonalIndex).toBeGreaterThan(9);
    const plain = valueAt(fitLine(points)!, t0 + 23);
    expect(Math.abs(plain - 72.5)).toBeGreaterThan(8);
  });
});
