import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays } from "../calendar/dates.js";
import {
  comparePeriods,
  formatPeriodId,
  nextPeriod,
  parsePeriod,
  periodContaining,
  periodContains,
  periodIdSchema,
  periodLabel,
  periodOrdinal,
  periodRange,
  periodsInYear,
  previousPeriod,
  shiftPeriod,
  subPeriods,
} from "./period.js";

describe("parsePeriod", () => {
  it("gives first and last days, leap Februaries included", () => {
    expect(parsePeriod("2024M02")).toEqual({
      id: "2024M02",
      kind: "month",
      startsOn: "2024-02-01",
      endsOn: "2024-02-29",
    });
    expect(parsePeriod("2023M02")?.endsOn).toBe("2023-02-28");
    expect(parsePeriod("2024Q3")).toMatchObject({ startsOn: "2024-07-01", endsOn: "2024-09-30" });
    expect(parsePeriod("2024H2")).toMatchObject({ startsOn: "2024-07-01", endsOn: "2024-12-31" });
    expect(parsePeriod("2024")).toMatchObject({ kind: "year", startsOn: "2024-01-01", endsOn: "2024-12-31" });
  });

  it("gives each kind its first and last day, leap years included", () => {
    expect(parsePeriod("2024")).toEqual({
      id: "2024",
      kind: "year",
      startsOn: "2024-01-01",
      endsOn: "2024-12-31",
    });
    expect(parsePeriod("2024H2")).toMatchObject({
      kind: "half",
      startsOn: "2024-07-01",
      endsOn: "2024-12-31",
    });
    expect(parsePeriod("2025Q4")).toMatchObject({
      kind: "quarter",
      startsOn: "2025-10-01",
      endsOn: "2025-12-31",
    });
    expect(parsePeriod("2024M02")).toMatchObject({
      kind: "month",
      startsOn: "2024-02-01",
      endsOn: "2024-02-29",
    });
    expect(parsePeriod("2023M02")?.endsOn).toBe("2023-02-28");
  });

  it("refuses what is not a period id", () => {
    for (const id of ["2024M13", "2024M3", "2024Q5", "2024H3", "24Q1", "2024-03", ""]) {
      expect(parsePeriod(id)).toBeNull();
      expect(periodIdSchema.safeParse(id).success).toBe(false);
    }
  });
});

describe("formatPeriodId", () => {
  it("pads months and refuses indexes that do not exist", () => {
    expect(formatPeriodId({ year: 2024, kind: "month", index: 3 })).toBe("2024M03");
    expect(formatPeriodId({ year: 2024, kind: "quarter", index: 4 })).toBe("2024Q4");
    expect(() => formatPeriodId({ year: 2024, kind: "quarter", index: 5 })).toThrow(RangeError);
  });
});

describe("neighbours", () => {
  it("steps across year ends", () => {
    expect(nextPeriod("2024M12").id).toBe("2025M01");
    expect(previousPeriod("2025Q1").id).toBe("2024Q4");
    expect(nextPeriod("2024H2").id).toBe("2025H1");
    expect(nextPeriod("2024").id).toBe("2025");
    expect(shiftPeriod("2024M03", -15).id).toBe("2022M12");
    expect(periodOrdinal("2025M01") - periodOrdinal("2024M12")).toBe(1);
  });
});

describe("periods of a year", () => {
  it("lists months, quarters and halves in order", () => {
    expect(periodsInYear(2024, "quarter").map((p) => p.id)).toEqual(["2024Q1", "2024Q2", "2024Q3", "2024Q4"]);
    expect(periodsInYear(2024, "month")).toHaveLength(12);
    expect(subPeriods("2024Q2", "month").map((p) => p.id)).toEqual(["2024M04", "2024M05", "2024M06"]);
    expect(periodRange("2024M11", "2025M02").map((p) => p.id)).toEqual([
      "2024M11",
      "2024M12",
      "2025M01",
      "2025M02",
    ]);
    expect(() => subPeriods("2024M03", "quarter")).toThrow(RangeError);
  });
});

describe("periodContaining", () => {
  it("finds the period of a date for each kind", () => {
    expect(periodContaining("2024-05-20", "month").id).toBe("2024M05");
    expect(periodContaining("2024-05-20", "quarter").id).toBe("2024Q2");
    expect(periodContaining("2024-07-01", "half").id).toBe("2024H2");
    expect(periodContaining("2024-12-31", "year").id).toBe("2024");
  });
});

describe("comparePeriods", () => {
  it("orders by end, the longer first on a shared end", () => {
    const ids = ["2024Q2", "2024M03", "2024", "2024Q1", "2023M12"];
    expect([...ids].sort(comparePeriods)).toEqual(["2023M12", "2024Q1", "2024M03", "2024Q2", "2024"]);
    expect(periodContains("2024", "2024M03")).toBe(true);
    expect(periodContains("2024Q1", "2024M04")).toBe(false);
  });
});

describe("periodLabel", () => {
  it("names periods as bulletins do", () => {
    expect(periodLabel("2024Q1")).toBe("2024年第一季度");
    expect(periodLabel("2024H2")).toBe("2024年下半年");
    expect(periodLabel("2024M03")).toBe("2024年3月");
    expect(periodLabel("2024")).toBe("2024年");
  });
});

describe("periods (property)", () => {
  const kinds = ["year", "half", "quarter", "month"] as const;
  it("tile the calendar: each period starts the day after the previous ends and contains its own days", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...kinds),
        fc.integer({ min: 1990, max: 2100 }),
        fc.integer({ min: 0, max: 11 }),
        (kind, year, m) => {
          const p = periodContaining(`${year}-${String(m + 1).padStart(2, "0")}-15`, kind);
          const next = nextPeriod(p.id);
          expect(next.startsOn).toBe(addDays(p.endsOn, 1));
          expect(previousPeriod(next.id).id).toBe(p.id);
          expect(periodContaining(p.startsOn, kind).id).toBe(p.id);
          expect(periodContaining(p.endsOn, kind).id).toBe(p.id);
          expect(parsePeriod(p.id)).toEqual(p);
        },
      ),
      { numRuns: 300 },
    );
  });
});
