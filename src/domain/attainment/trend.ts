/**
 * Projection of a series to a future time by least squares: a straight line, or for monthly series with a
 * year of history a line plus a month-of-year seasonal index (classical additive decomposition). Pure.
 */

export interface Point {
  t: number;
  y: number;
}

export interface Line {
  intercept: number;
  slope: number;
}

/** Ordinary least-squares line through the points; null with fewer than two distinct t. */
export function fitLine(points: readonly Point[]): Line | null {
  const n = points.length;
  if (n < 2) return null;
  const tMean = points.reduce((s, p) => s + p.t, 0) / n;
  const yMean = points.reduce((s, p) => s + p.y, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (const p of points) {
    sxy += (p.t - tMean) * (p.y - yMean);
    sxx += (p.t - tMean) ** 2;
  }
  if (sxx === 0) return null;
  const slope = sxy / sxx;
  return { slope, intercept: yMean - slope * tMean };
}

export const valueAt = (line: Line, t: number): number => line.intercept + line.slope * t;

const monthOf = (t: number) => ((t % 12) + 12) % 12;

/**
 * Seasonal projection for monthly points (t = running month number): fit a line, average each calendar
 * month's residuals into a seasonal index (centred to mean 0), fit the line again on the deseasonalised
 * values, and add the target month's index back. Null when the points span fewer than 12 distinct months.
 */
export function seasonalProjection(
  points: readonly Point[],
  t: number,
): { value: number; line: Line; seasonalIndex: number } | null {
  if (new Set(points.map((p) => monthOf(p.t))).size < 12) return null;
  const first = fitLine(points);
  if (!first) return null;
  const sums = new Map<number, { sum: number; n: number }>();
  for (const p of points) {
    const m = monthOf(p.t);
    const s = sums.get(m) ?? { sum: 0, n: 0 };
    sums.set(m, { sum: s.sum + p.y - valueAt(first, p.t), n: s.n + 1 });
  }
  const raw = new Map([...sums].map(([m, s]) => [m, s.sum / s.n] as const));
  const centre = [...raw.values()].reduce((a, b) => a + b, 0) / raw.size;
  const index = (m: number) => (raw.get(m) ?? centre) - centre;
  const line = fitLine(points.map((p) => ({ t: p.t, y: p.y - index(monthOf(p.t)) })));
  if (!line) return null;
  const seasonalIndex = index(monthOf(t));
  return { value: valueAt(line, t) + seasonalIndex, line, seasonalIndex };
}
