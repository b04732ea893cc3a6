import { describe, expect, it } from "vitest";
import { createWorkCalendar } from "../calendar/working-days.js";
import { deadlineRuleSchema, reportingDeadline } from "./deadline.js";

describe("reportingDeadline", () => {
  it("counts working days after the period, over the National Day week", () => {
    // 2024Q3 ends Monday 09-30; 10-01..07 off; 10-12 a make-up Saturday
    expect(reportingDeadline("2024Q3", { kind: "workdays_after_end", days: 10 })).toBe("2024-10-18");
    expect(reportingDeadline("2024M09", { kind: "workdays_after_end", days: 5 })).toBe("2024-10-12");
  });

  it("counts over the Spring Festival that spans January and February", () => {
    // 2025M01 ends Friday 01-31 in the holiday (01-28..02-04 off); first day back 02-05
    expect(reportingDeadline("2025M01", { kind: "workdays_after_end", days: 3 })).toBe("2025-02-07");
  });

  it("moves a calendar deadline that falls on a day off", () => {
    // 次月5日 of 2024M09 is 10-05, in the holiday → 10-08
    expect(reportingDeadline("2024M09", { kind: "day_of_next_month", day: 5 })).toBe("2024-10-08");
    expect(reportingDeadline("2024M10", { kind: "day_of_next_month", day: 5 })).toBe("2024-11-05");
    // 15 calendar days after 2024-11-30 is Sunday 12-15 → Monday 12-16
    expect(reportingDeadline("2024M11", { kind: "days_after_end", days: 15 })).toBe("2024-12-16");
    // day 31 of November is clamped to Saturday 11-30, then moved to Monday 12-02
    expect(reportingDeadline("2024M10", { kind: "day_of_next_month", day: 31 })).toBe("2024-12-02");
  });

  it("uses the admin calendar given", () => {
    const cal = createWorkCalendar([{ date: "2024-11-01", kind: "holiday" }]);
    expect(reportingDeadline("2024M10", { kind: "workdays_after_end", days: 1 }, cal)).toBe("2024-11-04");
    expect(reportingDeadline("2024M10", { kind: "workdays_after_end", days: 1 })).toBe("2024-11-01");
  });

  it("validates rules that come from users", () => {
    expect(deadlineRuleSchema.safeParse({ kind: "workdays_after_end", days: 10 }).success).toBe(true);
    expect(deadlineRuleSchema.safeParse({ kind: "day_of_next_month", day: 0 }).success).toBe(false);
    expect(deadlineRuleSchema.safeParse({ kind: "weeks", days: 1 }).success).toBe(false);
  });
});
