import { describe, expect, it } from "vitest";
import { fromDhis2Period, toDhis2Period } from "./period.js";
import { parsePartsComment, partsComment } from "./comment.js";

describe("DHIS2 periods", () => {
  it("writes months as yyyyMM and halves as S, years and quarters unchanged", () => {
    expect(toDhis2Period("2024M03")).toBe("202403");
    expect(toDhis2Period("2024M12")).toBe("202412");
    expect(toDhis2Period("2024H2")).toBe("2024S2");
    expect(toDhis2Period("2024Q1")).toBe("2024Q1");
    expect(toDhis2Period("2024")).toBe("2024");
  });

  it("reads DHIS2 periods back into Mubiao ids", () => {
    expect(fromDhis2Period("202403")).toBe("2024M03");
    expect(fromDhis2Period("2024-11")).toBe("2024M11");
    expect(fromDhis2Period("2024S1")).toBe("2024H1");
    expect(fromDhis2Period("2023Q4")).toBe("2023Q4");
    expect(fromDhis2Period(" 2022 ")).toBe("2022");
    expect(fromDhis2Period("2024M07")).toBe("2024M07");
  });

  it("round-trips every kind", () => {
    for (const id of ["2021", "2021H1", "2021Q3", "2021M01", "2021M10"])
      expect(fromDhis2Period(toDhis2Period(id))).toBe(id);
  });

  it("refuses periods Mubiao has not (weeks, days, month 13, quarter 5, financial years)", () => {
    for (const bad of [
      "2024W05",
      "20240315",
      "202413",
      "202400",
      "2024Q5",
      "2024AprilS1",
      "24",
      "",
      "2024S3",
    ])
      expect(fromDhis2Period(bad), bad).toBeNull();
  });
});

describe("numerator and denominator in the comment", () => {
  it("writes and reads both parts", () => {
    expect(partsComment(4, 18157)).toBe("numerator=4;denominator=18157");
    expect(partsComment(null, null)).toBe("");
    expect(parsePartsComment("numerator=4;denominator=18157")).toEqual({
      numerator: 4,
      denominator: 18157,
      bad: null,
    });
  });

  it("reads Chinese labels and free text around them", () => {
    expect(parsePartsComment("核实无误 分子=12, 分母：300")).toEqual({
      numerator: 12,
      denominator: 300,
      bad: null,
    });
  });

  it("leaves plain comments alone and names a part that is not a number", () => {
    expect(parsePartsComment("数据已核对")).toEqual({ numerator: null, denominator: null, bad: null });
    expect(parsePartsComment("numerator=abc;denominator=10").bad).toBe("numerator=abc");
  });
});
