import { describe, expect, it } from "vitest";
import {
  addDays,
  dayOfWeek,
  daysBetween,
  fromDayNumber,
  isoDateSchema,
  makeDate,
  shanghaiDateOf,
  toDayNumber,
} from "./dates.js";

describe("dates", () => {
  it("round-trips day numbers and crosses months, leap days and years", () => {
    expect(toDayNumber("1970-01-01")).toBe(0);
    expect(fromDayNumber(toDayNumber("2024-02-29"))).toBe("2024-02-29");
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addDays("2023-02-28", 1)).toBe("2023-03-01");
    expect(addDays("2024-12-31", 1)).toBe("2025-01-01");
    expect(addDays("2025-01-01", -1)).toBe("2024-12-31");
    expect(daysBetween("2024-01-01", "2025-01-01")).toBe(366);
    expect(daysBetween("2025-01-01", "2024-12-25")).toBe(-7);
  });

  it("knows the day of the week", () => {
    expect(dayOfWeek("2024-09-29")).toBe(0); // a Sunday
    expect(dayOfWeek("2024-10-12")).toBe(6); // a Saturday
    expect(dayOfWeek("2025-01-27")).toBe(1);
  });

  it("validates dates that exist", () => {
    expect(isoDateSchema.safeParse("2024-02-29").success).toBe(true);
    expect(isoDateSchema.safeParse("2023-02-29").success).toBe(false);
    expect(isoDateSchema.safeParse("2024-2-9").success).toBe(false);
    expect(isoDateSchema.safeParse("2024-04-31").success).toBe(false);
  });

  it("clamps a day to the month", () => {
    expect(makeDate(2024, 4, 31)).toBe("2024-04-30");
    expect(makeDate(2023, 2, 30)).toBe("2023-02-28");
  });

  it("reads an instant as a Shanghai date, whatever the machine's zone", () => {
    // 2024-09-30T16:30Z is already 10-01 00:30 in Shanghai
    expect(shanghaiDateOf(new Date("2024-09-30T16:30:00Z"))).toBe("2024-10-01");
    expect(shanghaiDateOf(new Date("2024-09-30T15:59:59Z"))).toBe("2024-09-30");
  });
});
