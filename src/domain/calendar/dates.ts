/**
 * Calendar dates as plain `YYYY-MM-DD` strings (a day in Asia/Shanghai, no time, no zone). Arithmetic goes
 * through a UTC day number so the machine's time zone can never shift a day. Pure.
 */
import { z } from "zod";

/** A calendar date `YYYY-MM-DD` that exists (2024-02-30 does not). */
export const isoDateSchema = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, "a date YYYY-MM-DD")
  .refine((s) => isExistingDate(s), "a date that exists");

export type IsoDate = string;

/** True when `s` is `YYYY-MM-DD` and names a day that exists. */
export function isExistingDate(s: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(s) && fromDayNumber(toDayNumber(s)) === s;
}

const MS_PER_DAY = 86_400_000;
const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** Days since 1970-01-01 of a `YYYY-MM-DD` date. */
export function toDayNumber(date: IsoDate): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new RangeError(`not a date YYYY-MM-DD: ${date}`);
  return Math.round(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / MS_PER_DAY);
}

/** The `YYYY-MM-DD` date of a day number. */
export function fromDayNumber(day: number): IsoDate {
  const d = new Date(day * MS_PER_DAY);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

export function addDays(date: IsoDate, n: number): IsoDate {
  return fromDayNumber(toDayNumber(date) + n);
}

/** Calendar days from `a` to `b` (negative when `b` is earlier). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return toDayNumber(b) - toDayNumber(a);
}

/** 0 = Sunday … 6 = Saturday. 1970-01-01 was a Thursday. */
export function dayOfWeek(date: IsoDate): number {
  return (((toDayNumber(date) + 4) % 7) + 7) % 7;
}

export function yearOf(date: IsoDate): number {
  return Number(date.slice(0, 4));
}

export function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The date `year-month-day`, the day clamped to the month's length (31 → 30 in April). */
export function makeDate(year: number, month: number, day: number): IsoDate {
  return `${pad(year, 4)}-${pad(month)}-${pad(Math.min(day, lastDayOfMonth(year, month)))}`;
}

/** The date `YYYY-MM-DD` of an instant as seen in Asia/Shanghai (UTC+8 all year, no daylight saving). */
export function shanghaiDateOf(instant: Date): IsoDate {
  return fromDayNumber(Math.floor((instant.getTime() + 8 * 3_600_000) / MS_PER_DAY));
}
