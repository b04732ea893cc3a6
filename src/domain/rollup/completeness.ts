/**
 * Completeness and timeliness of reporting (报送及时率/完整率) per org unit and period: how many reports
 * were expected, how many arrived, how many arrived by the working-day deadline. Pure: deadlines come from
 * `reportingDeadline`, submission days are given.
 */
import type { IsoDate } from "../calendar/dates.js";

export interface ExpectedReport {
  orgUnitId: string;
  periodId: string;
  /** Last day the report counts as on time. */
  deadline: IsoDate;
}

export interface ReceivedReport {
  orgUnitId: string;
  periodId: string;
  /** Day it was submitted (the first submission counts: a report returned and resubmitted was still sent). */
  submittedOn: IsoDate;
}

export interface ReportingRate {
  expected: number;
  received: number;
  onTime: number;
  /** received / expected, null when nothing was expected. */
  completeness: number | null;
  /** onTime / expected, null when nothing was expected. */
  timeliness: number | null;
}

export interface ReportingSummary {
  /** Per org unit and period: `${orgUnitId}|${periodId}`. */
  byReport: Map<string, { expected: ExpectedReport; submittedOn: IsoDate | null; onTime: boolean }>;
  byOrgUnit: Map<string, ReportingRate>;
  byPeriod: Map<string, ReportingRate>;
  overall: ReportingRate;
}

const key = (orgUnitId: string, periodId: string) => `${orgUnitId}|${periodId}`;

function rate(expected: number, received: number, onTime: number): ReportingRate {
  return {
    expected,
    received,
    onTime,
    completeness: expected === 0 ? null : received / expected,
    timeliness: expected === 0 ? null : onTime / expected,
  };
}

/** Reports received that nobody expected (a unit outside the plan) are ignored. */
export function reportingSummary(
  expected: readonly ExpectedReport[],
  received: readonly ReceivedReport[],
): ReportingSummary {
  const first = new Map<string, IsoDate>();
  for (const r of received) {
    const k = key(r.orgUnitId, r.periodId);
    const prev = first.get(k);
    if (prev === undefined || r.submittedOn < prev) first.set(k, r.submittedOn);
  }
  const byReport: ReportingSummary["byReport"] = new Map();
  const tally = (m: Map<string, [number, number, number]>, k: string, got: boolean, onTime: boolean) => {
    const t = m.get(k) ?? [0, 0, 0];
    m.set(k, [t[0] + 1, t[1] + (got ? 1 : 0), t[2] + (onTime ? 1 : 0)]);
  };
  const units = new Map<string, [number, number, number]>();
  const periods = new Map<string, [number, number, number]>();
  const all = new Map<string, [number, number, number]>();
  for (const e of expected) {
    const k = key(e.orgUnitId, e.periodId);
    if (byReport.has(k)) continue;
    const submittedOn = first.get(k) ?? null;
    const onTime = submittedOn !== null && submittedOn <= e.deadline;
    byReport.set(k, { expected: e, submittedOn, onTime });
    tally(units, e.orgUnitId, submittedOn !== null, onTime);
    tally(periods, e.periodId, submittedOn !== null, onTime);
    tally(all, "", submittedOn !== null, onTime);
  }
  const toRates = (m: Map<string, [number, number, number]>) =>
    new Map([...m].map(([k, [e, r, t]]) => [k, rate(e, r, t)] as const));
  const [e, r, t] = all.get("") ?? [0, 0, 0];
  return { byReport, byOrgUnit: toRates(units), byPeriod: toRates(periods), overall: rate(e, r, t) };
}

/**
 * Completeness and timeliness of each org unit's whole subtree (a county counts its townships' reports),
 * from the per-report results of `reportingSummary`. `tree` lists every org unit with its parent.
 */
export function subtreeReportingRates(
  summary: ReportingSummary,
  tree: readonly { id: string; parentId: string | null }[],
): Map<string, ReportingRate> {
  const parent = new Map(tree.map((n) => [n.id, n.parentId]));
  const counts = new Map<string, [number, number, number]>();
  for (const { expected, submittedOn, onTime } of summary.byReport.values()) {
    const seen = new Set<string>();
    for (let id: string | null | undefined = expected.orgUnitId; id && !seen.has(id); id = parent.get(id)) {
      seen.add(id);
      const t = counts.get(id) ?? [0, 0, 0];
      counts.set(id, [t[0] + 1, t[1] + (submittedOn !== null ? 1 : 0), t[2] + (onTime ? 1 : 0)]);
    }
  }
  return new Map(tree.map((n) => [n.id, rate(...(counts.get(n.id) ?? [0, 0, 0]))] as const));
}
