/**
 * The Chinese working-day calendar: weekends off, statutory holidays off, make-up workdays (调休) on.
 * Built-in data come from the `chinese-days` package (its bundled table, read offline; it covers the
 * years listed in `BUILT_IN_YEARS`); an admin-editable override table adds or corrects days, which is how
 * a year the package does not cover yet gets its holidays. Pure: dates are `YYYY-MM-DD` strings.
 */
import { z } from "zod";
import chineseDays from "chinese-days/dist/chinese-days.json" with { type: "json" };
import { addDays, dayOfWeek, isoDateSchema, toDayNumber, yearOf, type IsoDate } from "./dates.js";

/** One day the admin declares off (holiday) or on (workday), overriding the package and the weekend rule. */
export const calendarOverrideSchema = z.object({
  date: isoDateSchema,
  kind: z.enum(["holiday", "workday"]),
  name: z.string().trim().min(1).max(50).optional(),
});
export const calendarOverridesSchema = z.array(calendarOverrideSchema).max(2000);
export type CalendarOverride = z.infer<typeof calendarOverrideSchema>;

export type DayKind = "workday" | "weekend" | "holiday" | "makeup_workday";

export interface DayInfo {
  date: IsoDate;
  kind: DayKind;
  isWorkday: boolean;
  /** Holiday name (元旦, 春节, …) for holidays and make-up workdays when known. */
  name: string | null;
  /** Where the answer came from: the package's table, an override, or the plain weekend rule. */
  source: "chinese-days" | "override" | "weekday-rule";
}

/** How a year is known: fully by the package, by admin overrides, or only by the weekend rule (a warning). */
export type YearCoverage = "chinese-days" | "override" | "weekends-only";

interface Table {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}
const builtIn = chineseDays as Table;

/** Years the bundled table covers (it lists each year's holidays). */
export const BUILT_IN_YEARS: readonly number[] = [...new Set(Object.keys(builtIn.holidays).map(yearOf))].sort(
  (a, b) => a - b,
);

// The package stores "English name,中文名,days"; the Chinese name is what users read.
const chineseName = (entry: string) => entry.split(",")[1] ?? entry;

export interface WorkCalendar {
  day(date: IsoDate): DayInfo;
  isWorkday(date: IsoDate): boolean;
  coverage(year: number): YearCoverage;
}

/**
 * A calendar from the built-in table plus overrides. Overrides win over the package, so an admin can also
 * correct a day the State Council changed after the package was published.
 */
export function createWorkCalendar(overrides: readonly CalendarOverride[] = []): WorkCalendar {
  const byDate = new Map(overrides.map((o) => [o.date, o]));
  const overrideYears = new Set(overrides.map((o) => yearOf(o.date)));
  const builtInYears = new Set(BUILT_IN_YEARS);

  const day = (date: IsoDate): DayInfo => {
    toDayNumber(date); // throws on a malformed date rather than answering for it
    const weekend = dayOfWeek(date) === 0 || dayOfWeek(date) === 6;
    const o = byDate.get(date);
    if (o) {
      const kind: DayKind = o.kind === "holiday" ? "holiday" : weekend ? "makeup_workday" : "workday";
      return { date, kind, isWorkday: o.kind === "workday", name: o.name ?? null, source: "override" };
    }
    const holiday = builtIn.holidays[date];
    if (holiday !== undefined) {
      return { date, kind: "holiday", isWorkday: false, name: chineseName(holiday), source: "chinese-days" };
    }
    const makeup = builtIn.workdays[date];
    if (makeup !== undefined) {
      return {
        date,
        kind: "makeup_workday",
        isWorkday: true,
        name: chineseName(makeup),
        source: "chinese-days",
      };
    }
    return {
      date,
      kind: weekend ? "weekend" : "workday",
      isWorkday: !weekend,
      name: null,
      source: builtInYears.has(yearOf(date)) ? "chinese-days" : "weekday-rule",
    };
  };

  return {
    day,
    isWorkday: (date) => day(date).isWorkday,
    coverage: (year) =>
      builtInYears.has(year) ? "chinese-days" : overrideYears.has(year) ? "override" : "weekends-only",
  };
}

/** The calendar with the package's data and no overrides. */
export const defaultWorkCalendar: WorkCalendar = createWorkCalendar();

export function isWorkday(date: IsoDate, calendar: WorkCalendar = defaultWorkCalendar): boolean {
  return calendar.isWorkday(date);
}

/**
 * The date `n` working days after `date` (before it when `n` is negative); `n = 0` returns `date` itself.
 * Counting starts the day after `date`, so `workdaysBetween(date, addWorkdays(date, n)) === n`: ten working
 * days after 2024-09-30 skip the National Day week, count the make-up Saturday 10-12 and land on 2024-10-18.
 */
export function addWorkdays(date: IsoDate, n: number, calendar: WorkCalendar = defaultWorkCalendar): IsoDate {
  if (!Number.isInteger(n)) throw new RangeError(`working days must be a whole number: ${n}`);
  const step = n >= 0 ? 1 : -1;
  let left = Math.abs(n);
  let d = date;
  while (left > 0) {
    d = addDays(d, step);
    if (calendar.isWorkday(d)) left--;
  }
  return d;
}

/**
 * Working days after `a` up to and including `b`: Monday → Friday of a plain week is 4, a date to itself 0.
 * When `b` is before `a` the count is negative and runs from `b` up to the day before `a`, which makes it the
 * exact inverse of `addWorkdays` both ways: `workdaysBetween(d, addWorkdays(d, n)) === n` for every n.
 */
export function workdaysBetween(
  a: IsoDate,
  b: IsoDate,
  calendar: WorkCalendar = defaultWorkCalendar,
): number {
  const from = toDayNumber(a);
  const to = toDayNumber(b);
  if (to < from) return -workdaysBetween(addDays(b, -1), addDays(a, -1), calendar);
  let count = 0;
  for (let d = a; toDayNumber(d) < to;) {
    d = addDays(d, 1);
    if (calendar.isWorkday(d)) count++;
  }
  return count;
}

/** The first working day on or after `date` (a deadline falling on a holiday moves to the next workday). */
export function nextWorkdayOnOrAfter(date: IsoDate, calendar: WorkCalendar = defaultWorkCalendar): IsoDate {
  let d = date;
  while (!calendar.isWorkday(d)) d = addDays(d, 1);
  return d;
}
