import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fromDayNumber, toDayNumber } from "./dates.js";
import {
  addWorkdays,
  BUILT_IN_YEARS,
  calendarOverridesSchema,
  createWorkCalendar,
  defaultWorkCalendar,
  isWorkday,
  nextWorkdayOnOrAfter,
  workdaysBetween,
} from "./working-days.js";

describe("isWorkday", () => {
  it("keeps the 2024 National Day week off and its make-up Sundays and Saturdays on", () => {
    for (let d = 1; d <= 7; d++) expect(isWorkday(`2024-10-0${d}`)).toBe(false);
    expect(isWorkday("2024-09-29")).toBe(true); // Sunday, 调休
    expect(isWorkday("2024-10-12")).toBe(true); // Saturday, 调休
    expect(isWorkday("2024-10-08")).toBe(true);
    expect(isWorkday("2024-10-13")).toBe(false); // a plain Sunday
  });

  it("knows the 2025 Spring Festival (01-28..02-04 off, Sunday 01-26 and Saturday 02-08 on)", () => {
    expect(isWorkday("2025-01-26")).toBe(true);
    expect(isWorkday("2025-01-27")).toBe(true);
    for (const d of ["2025-01-28", "2025-01-31", "2025-02-01", "2025-02-04"])
      expect(isWorkday(d)).toBe(false);
    expect(isWorkday("2025-02-05")).toBe(true);
    expect(isWorkday("2025-02-08")).toBe(true);
    expect(defaultWorkCalendar.day("2025-01-29")).toMatchObject({ kind: "holiday", name: "春节" });
    expect(defaultWorkCalendar.day("2025-01-26")).toMatchObject({ kind: "makeup_workday", name: "春节" });
  });

  it("rejects a malformed date instead of guessing", () => {
    expect(() => isWorkday("2024/10/01")).toThrow(/YYYY-MM-DD/);
  });
});

describe("addWorkdays", () => {
  it("skips a holiday week that spans two months", () => {
    expect(addWorkdays("2024-09-30", 1)).toBe("2024-10-08");
    expect(addWorkdays("2024-09-30", 10)).toBe("2024-10-18");
    expect(addWorkdays("2025-01-27", 1)).toBe("2025-02-05");
  });

  it("counts backwards and returns the day itself for zero", () => {
    expect(addWorkdays("2024-10-08", -1)).toBe("2024-09-30");
    expect(addWorkdays("2024-10-05", 0)).toBe("2024-10-05");
  });

  it("inverts workdaysBetween", () => {
    for (const start of ["2024-09-27", "2025-01-20", "2024-12-30"]) {
      for (const n of [0, 1, 5, 12]) expect(workdaysBetween(start, addWorkdays(start, n))).toBe(n);
    }
  });
});

describe("workdaysBetween", () => {
  it("counts the days after the start up to the end", () => {
    expect(workdaysBetween("2024-11-04", "2024-11-08")).toBe(4); // Monday → Friday
    expect(workdaysBetween("2024-11-04", "2024-11-04")).toBe(0);
    expect(workdaysBetween("2024-11-08", "2024-11-04")).toBe(-4);
    expect(workdaysBetween("2024-11-09", "2024-11-08")).toBe(-1); // Saturday back to Friday: one working day
    // 09-28 Sat → 10-12 Sat: 09-29 (调休), 09-30, 10-08..10-11, 10-12 (调休)
    expect(workdaysBetween("2024-09-28", "2024-10-12")).toBe(7);
  });
});

describe("nextWorkdayOnOrAfter", () => {
  it("moves a date in a holiday to the first day back", () => {
    expect(nextWorkdayOnOrAfter("2024-10-03")).toBe("2024-10-08");
    expect(nextWorkdayOnOrAfter("2024-10-08")).toBe("2024-10-08");
  });
});

describe("createWorkCalendar", () => {
  it("covers the package's years and reports weekend-only years", () => {
    expect(BUILT_IN_YEARS).toContain(2024);
    expect(BUILT_IN_YEARS).toContain(2025);
    expect(defaultWorkCalendar.coverage(2025)).toBe("chinese-days");
    expect(defaultWorkCalendar.coverage(2099)).toBe("weekends-only");
    expect(defaultWorkCalendar.day("2099-01-01").source).toBe("weekday-rule");
  });

  it("takes an admin's holidays and make-up days for a year the package lacks", () => {
    const overrides = calendarOverridesSchema.parse([
      { date: "2099-10-01", kind: "holiday", name: "国庆节" },
      { date: "2099-10-02", kind: "holiday", name: "国庆节" },
      { date: "2099-09-26", kind: "workday", name: "国庆节" }, // a Saturday
    ]);
    const cal = createWorkCalendar(overrides);
    expect(cal.coverage(2099)).toBe("override");
    expect(cal.isWorkday("2099-10-01")).toBe(false);
    expect(cal.day("2099-09-26")).toMatchObject({
      kind: "makeup_workday",
      isWorkday: true,
      source: "override",
    });
    expect(addWorkdays("2099-09-30", 1, cal)).toBe("2099-10-05");
  });

  it("lets an override correct a day the package has", () => {
    const cal = createWorkCalendar([{ date: "2024-10-08", kind: "holiday" }]);
    expect(cal.isWorkday("2024-10-08")).toBe(false);
    expect(isWorkday("2024-10-08")).toBe(true);
  });

  it("refuses overrides with dates that do not exist", () => {
    expect(calendarOverridesSchema.safeParse([{ date: "2099-02-30", kind: "holiday" }]).success).toBe(false);
  });
});

describe("working-day arithmetic (property)", () => {
  it("addWorkdays lands on a working day that workdaysBetween counts back, for any date and count", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: toDayNumber("2004-01-01"), max: toDayNumber("2026-10-01") }),
        fc.integer({ min: -40, max: 40 }),
        (day, n) => {
          const start = fromDayNumber(day);
          const end = addWorkdays(start, n);
          expect(workdaysBetween(start, end)).toBe(n);
          if (n !== 0) expect(isWorkday(end)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});
