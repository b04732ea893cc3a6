import { describe, expect, it } from "vitest";
import { parsePeriod } from "./period.js";

describe("parsePeriod", () => {
  it("reads years, halves, quarters and months with their first and last days", () => {
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
    expect(parsePeriod("2024Q1")).toMatchObject({
      kind: "quarter",
      startsOn: "2024-01-01",
      endsOn: "2024-03-31",
    });
    expect(parsePeriod("2024M02")).toMatchObject({
      kind: "month",
      startsOn: "2024-02-01",
      endsOn: "2024-02-29",
    });
    expect(parsePeriod("2023M02")?.endsOn).toBe("2023-02-28");
  });

  it("refuses what is not a period id", () => {
    for (const bad of ["24", "2024Q5", "2024M13", "2024M3", "2024-03", "2024H3"])
      expect(parsePeriod(bad)).toBeNull();
  });
});
