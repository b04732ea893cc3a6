/**
 * When a period's figures are due (报送时限): a rule stored with the indicator or the reporting plan, turned
 * into a date on the working-day calendar. Pure.
 */
import { z } from "zod";
import { addDays, makeDate, type IsoDate } from "../calendar/dates.js";
import {
  addWorkdays,
  defaultWorkCalendar,
  nextWorkdayOnOrAfter,
  type WorkCalendar,
} from "../calendar/working-days.js";
import { periodOf } from "./period.js";

/**
 * - `workdays_after_end`: N working days after the period's last day ("每月结束后10个工作日内").
 * - `days_after_end`: N calendar days after the last day, moved to the next working day if it falls on a
 *   day off (as deadlines in notices are read).
 * - `day_of_next_month`: day D of the month after the period ("次月5日前"), moved likewise.
 */
export const deadlineRuleSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("workdays_after_end"), days: z.number().int().min(0).max(250) }),
  z.object({ kind: z.literal("days_after_end"), days: z.number().int().min(0).max(366) }),
  z.object({ kind: z.literal("day_of_next_month"), day: z.number().int().min(1).max(31) }),
]);
export type DeadlineRule = z.infer<typeof deadlineRuleSchema>;

/** The last day a period's report counts as on time. */
export function reportingDeadline(
  periodId: string,
  rule: DeadlineRule,
  calendar: WorkCalendar = defaultWorkCalendar,
): IsoDate {
  const end = periodOf(periodId).endsOn;
  switch (rule.kind) {
    case "workdays_after_end":
      return addWorkdays(end, rule.days, calendar);
    case "days_after_end":
      return nextWorkdayOnOrAfter(addDays(end, rule.days), calendar);
    case "day_of_next_month": {
      const next = addDays(end, 1);
      return nextWorkdayOnOrAfter(
        makeDate(Number(next.slice(0, 4)), Number(next.slice(5, 7)), rule.day),
        calendar,
      );
    }
  }
}
