/**
 * Reporting periods (报告期) by ISO-like id — "2024" (year), "2024H1" (half), "2024Q1" (quarter),
 * "2024M03" (month) — their days, neighbours, ordering, and the period a date falls in. Pure; the shape of
 * `Period` is the one `src/domain/period.ts` already serves, so both read the same.
 */
import { z } from "zod";
import { makeDate, type IsoDate } from "../calendar/dates.js";

export type PeriodKind = "year" | "half" | "quarter" | "month";
/** How often an indicator is reported: one period kind. */
export type Frequency = PeriodKind;

export const PERIOD_ID_PATTERN = /^(\d{4})(?:(H)([12])|(Q)([1-4])|(M)(0[1-9]|1[0-2]))?$/;

export const periodIdSchema = z
  .string()
  .regex(PERIOD_ID_PATTERN, "a period id: 2024, 2024H1, 2024Q1, 2024M03");
export const frequencySchema = z.enum(["year", "half", "quarter", "month"]);

export interface Period {
  id: string;
  kind: PeriodKind;
  startsOn: IsoDate;
  endsOn: IsoDate;
}

/** Sub-periods per year and months per sub-period of each kind. */
const PER_YEAR: Record<PeriodKind, number> = { year: 1, half: 2, quarter: 4, month: 12 };
const MONTHS: Record<PeriodKind, number> = { year: 12, half: 6, quarter: 3, month: 1 };

/** The parts of a period id: its year and its 1-based index within the year (1 for a year). */
export interface PeriodParts {
  year: number;
  kind: PeriodKind;
  index: number;
}

export function periodParts(id: string): PeriodParts | null {
  const m = PERIOD_ID_PATTERN.exec(id);
  if (!m) return null;
  const year = Number(m[1]);
  if (m[2]) return { year, kind: "half", index: Number(m[3]) };
  if (m[4]) return { year, kind: "quarter", index: Number(m[5]) };
  if (m[6]) return { year, kind: "month", index: Number(m[7]) };
  return { year, kind: "year", index: 1 };
}

export function formatPeriodId({ year, kind, index }: PeriodParts): string {
  if (!Number.isInteger(year) || year < 1000 || year > 9999)
    throw new RangeError(`year out of range: ${year}`);
  if (!Number.isInteger(index) || index < 1 || index > PER_YEAR[kind]) {
    throw new RangeError(`${kind} ${index} does not exist`);
  }
  switch (kind) {
    case "year":
      return String(year);
    case "half":
      return `${year}H${index}`;
    case "quarter":
      return `${year}Q${index}`;
    case "month":
      return `${year}M${String(index).padStart(2, "0")}`;
  }
}

function fromParts(parts: PeriodParts): Period {
  const firstMonth = (parts.index - 1) * MONTHS[parts.kind] + 1;
  const lastMonth = firstMonth + MONTHS[parts.kind] - 1;
  return {
    id: formatPeriodId(parts),
    kind: parts.kind,
    startsOn: makeDate(parts.year, firstMonth, 1),
    endsOn: makeDate(parts.year, lastMonth, 31),
  };
}

/** The period an id names, or null when the id is not one. */
export function parsePeriod(id: string): Period | null {
  const parts = periodParts(id);
  return parts ? fromParts(parts) : null;
}

/** The period an id names; throws a RangeError on a bad id (for ids already validated by the schema). */
export function periodOf(id: string): Period {
  const p = parsePeriod(id);
  if (!p) throw new RangeError(`not a period id: ${id}`);
  return p;
}

/**
 * A running number of the period within its kind (months since year 0 for months, quarters for quarters…),
 * so consecutive periods differ by 1 across year ends. Trend fitting uses it as the time axis.
 */
export function periodOrdinal(id: string): number {
  const parts = periodParts(id);
  if (!parts) throw new RangeError(`not a period id: ${id}`);
  return parts.year * PER_YEAR[parts.kind] + parts.index - 1;
}

export function periodFromOrdinal(kind: PeriodKind, ordinal: number): Period {
  const year = Math.floor(ordinal / PER_YEAR[kind]);
  return fromParts({ year, kind, index: ordinal - year * PER_YEAR[kind] + 1 });
}

/** The period `n` steps after `id` (before it when negative), of the same kind. */
export function shiftPeriod(id: string, n: number): Period {
  const kind = periodOf(id).kind;
  return periodFromOrdinal(kind, periodOrdinal(id) + n);
}

export const nextPeriod = (id: string): Period => shiftPeriod(id, 1);
export const previousPeriod = (id: string): Period => shiftPeriod(id, -1);

/** The periods of one kind in a year, in order: `periodsInYear(2024, "quarter")` → 2024Q1..2024Q4. */
export function periodsInYear(year: number, kind: PeriodKind): Period[] {
  return Array.from({ length: PER_YEAR[kind] }, (_, i) => fromParts({ year, kind, index: i + 1 }));
}

/** The period of a kind that contains a date: 2024-05-20 is in 2024M05, 2024Q2, 2024H1, 2024. */
export function periodContaining(date: IsoDate, kind: PeriodKind): Period {
  const m = /^(\d{4})-(\d{2})-\d{2}$/.exec(date);
  if (!m) throw new RangeError(`not a date YYYY-MM-DD: ${date}`);
  const month = Number(m[2]);
  return fromParts({ year: Number(m[1]), kind, index: Math.ceil(month / MONTHS[kind]) });
}

/** The periods of `kind` from `from` to `to` inclusive (both ids of that kind). */
export function periodRange(from: string, to: string): Period[] {
  const kind = periodOf(from).kind;
  if (periodOf(to).kind !== kind) throw new RangeError(`${from} and ${to} are not of one kind`);
  const out: Period[] = [];
  for (let o = periodOrdinal(from); o <= periodOrdinal(to); o++) out.push(periodFromOrdinal(kind, o));
  return out;
}

/** The periods of `kind` inside a longer period: the months of 2024Q2, the quarters of 2024. */
export function subPeriods(id: string, kind: PeriodKind): Period[] {
  const outer = periodOf(id);
  if (MONTHS[kind] > MONTHS[outer.kind]) throw new RangeError(`a ${kind} does not fit in ${id}`);
  return periodRange(periodContaining(outer.startsOn, kind).id, periodContaining(outer.endsOn, kind).id);
}

/**
 * Orders periods by end date; of two ending on the same day the longer sorts first (2024Q1 before 2024M03).
 * Usable with `Array.prototype.sort`.
 */
export function comparePeriods(a: string, b: string): number {
  const pa = periodOf(a);
  const pb = periodOf(b);
  if (pa.endsOn !== pb.endsOn) return pa.endsOn < pb.endsOn ? -1 : 1;
  if (pa.startsOn !== pb.startsOn) return pa.startsOn < pb.startsOn ? -1 : 1;
  return 0;
}

/** True when period `inner` lies within period `outer` (a period contains itself). */
export function periodContains(outer: string, inner: string): boolean {
  const o = periodOf(outer);
  const i = periodOf(inner);
  return o.startsOn <= i.startsOn && i.endsOn <= o.endsOn;
}

/** A Chinese label for headings and bulletins: 2024年, 2024年上半年, 2024年第一季度, 2024年3月. */
export function periodLabel(id: string): string {
  const p = periodParts(id);
  if (!p) throw new RangeError(`not a period id: ${id}`);
  switch (p.kind) {
    case "year":
      return `${p.year}年`;
    case "half":
      return `${p.year}年${p.index === 1 ? "上" : "下"}半年`;
    case "quarter":
      return `${p.year}年第${"一二三四"[p.index - 1] ?? ""}季度`;
    case "month":
      return `${p.year}年${p.index}月`;
  }
}
