import { describe, expect, it } from "vitest";
import { reportingDeadline } from "../periods/deadline.js";
import { reportingSummary, subtreeReportingRates, type ExpectedReport } from "./completeness.js";

const rule = { kind: "workdays_after_end", days: 5 } as const;
// 2024M09's deadline: five working days after 09-30 across the National Day week → 10-12 (a make-up Saturday)
const due = (periodId: string) => reportingDeadline(periodId, rule);

describe("reportingSummary", () => {
  const expected: ExpectedReport[] = ["A", "B", "C"].flatMap((orgUnitId) =>
    ["2024M08", "2024M09"].map((periodId) => ({ orgUnitId, periodId, deadline: due(periodId) })),
  );

  it("counts expected, received and on-time reports by the working-day deadline", () => {
    expect(due("2024M09")).toBe("2024-10-12");
    const s = reportingSummary(expected, [
      { orgUnitId: "A", periodId: "2024M08", submittedOn: "2024-09-05" },
      { orgUnitId: "A", periodId: "2024M09", submittedOn: "2024-10-12" }, // last day, on time
      { orgUnitId: "B", periodId: "2024M09", submittedOn: "2024-10-14" }, // late
      { orgUnitId: "C", periodId: "2024M08", submittedOn: "2024-09-10" }, // late: due 09-06
      { orgUnitId: "C", periodId: "2024M08", submittedOn: "2024-09-02" }, // the first submission counts
      { orgUnitId: "Z", periodId: "2024M09", submittedOn: "2024-10-01" }, // not expected, ignored
    ]);
    expect(due("2024M08")).toBe("2024-09-06");
    expect(s.byOrgUnit.get("A")).toEqual({
      expected: 2,
      received: 2,
      onTime: 2,
      completeness: 1,
      timeliness: 1,
    });
    expect(s.byOrgUnit.get("B")).toEqual({
      expected: 2,
      received: 1,
      onTime: 0,
      completeness: 0.5,
      timeliness: 0,
    });
    expect(s.byOrgUnit.get("C")).toMatchObject({ received: 1, onTime: 1 });
    expect(s.byPeriod.get("2024M09")).toMatchObject({ expected: 3, received: 2, onTime: 1 });
    expect(s.overall).toMatchObject({ expected: 6, received: 4, onTime: 3 });
    expect(s.overall.timeliness).toBeCloseTo(0.5);
    expect(s.byReport.get("B|2024M08")).toMatchObject({ submittedOn: null, onTime: false });
    expect(s.byOrgUnit.has("Z")).toBe(false);
  });

  it("has no rate when nothing was expected", () => {
    expect(reportingSummary([], []).overall).toEqual({
      expected: 0,
      received: 0,
      onTime: 0,
      completeness: null,
      timeliness: null,
    });
  });

  it("adds up a subtree's reports for the units above them", () => {
    const s = reportingSummary(expected, [
      { orgUnitId: "A", periodId: "2024M08", submittedOn: "2024-09-05" },
      { orgUnitId: "B", periodId: "2024M08", submittedOn: "2024-09-09" },
    ]);
    const rates = subtreeReportingRates(s, [
      { id: "city", parentId: null },
      { id: "county", parentId: "city" },
      { id: "A", parentId: "county" },
      { id: "B", parentId: "county" },
      { id: "C", parentId: "city" },
    ]);
    expect(rates.get("county")).toMatchObject({ expected: 4, received: 2, onTime: 1, completeness: 0.5 });
    expect(rates.get("city")).toMatchObject({ expected: 6, received: 2, onTime: 1 });
    expect(rates.get("C")).toMatchObject({ expected: 2, received: 0, timeliness: 0 });
  });
});
