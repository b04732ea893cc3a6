import { describe, expect, it } from "vitest";
import { readDataValue, type RowError } from "./data-value.js";
import { toDhis2DataValue } from "./format.js";

const errorsOf = (x: ReturnType<typeof readDataValue>) => (Array.isArray(x) ? x : []);

describe("readDataValue", () => {
  it("reads a DHIS2 JSON value: period converted, value as a number, parts from the comment", () => {
    expect(
      readDataValue(
        {
          dataElement: "INFANT_MORTALITY",
          period: "202403",
          orgUnit: "P00C01",
          value: "3.5",
          comment: "numerator=7;denominator=2000",
        },
        12,
      ),
    ).toEqual({
      row: 12,
      dataElement: "INFANT_MORTALITY",
      period: "2024M03",
      orgUnit: "P00C01",
      value: 3.5,
      numerator: 7,
      denominator: 2000,
      storedBy: null,
      comment: "numerator=7;denominator=2000",
    });
  });

  it("takes period and org unit from the set when the value has none", () => {
    const v = readDataValue({ dataElement: "X_1", value: 4 }, 1, { period: "2024Q2", orgUnit: "OU" });
    expect(v).toMatchObject({ period: "2024Q2", orgUnit: "OU", value: 4 });
  });

  it("accepts an empty value when the comment carries both parts", () => {
    expect(
      readDataValue({ dataElement: "A", period: "2024", orgUnit: "O", comment: "分子=3;分母=4" }, 2),
    ).toMatchObject({
      value: null,
      numerator: 3,
      denominator: 4,
    });
  });

  it("names the row and the problem, in Chinese and English", () => {
    const errs = errorsOf(
      readDataValue({ dataElement: "A", period: "2024W05", orgUnit: "O", value: "12,5" }, 12),
    );
    expect(errs.map((e: RowError) => e.code)).toEqual(["bad_period", "bad_number"]);
    expect(errs[0]?.message).toBe("第12行：无法识别的报告期 2024W05");
    expect(errs[0]?.messageEn).toBe("row 12: unknown period 2024W05");
    expect(errs[1]?.message).toBe("第12行：数值无效 12,5");
  });

  it("reports missing fields by name", () => {
    const errs = errorsOf(readDataValue({ period: "2024", orgUnit: " ", value: "1" }, 3));
    expect(errs.map((e) => e.code)).toEqual(["missing_field", "missing_field"]);
    expect(errs[0]?.message).toContain("第3行：缺少指标编码");
    expect(errs[1]?.message).toContain("组织机构编码");
  });

  it("rejects a row with neither value nor parts, and numbers that are not numbers", () => {
    expect(errorsOf(readDataValue({ dataElement: "A", period: "2024", orgUnit: "O" }, 4))[0]?.code).toBe(
      "no_value",
    );
    for (const bad of ["abc", "1.2.3", "NaN", "Infinity", "0x10", "１２"])
      expect(
        errorsOf(readDataValue({ dataElement: "A", period: "2024", orgUnit: "O", value: bad }, 5))[0]?.code,
        bad,
      ).toBe("bad_number");
    expect(
      errorsOf(
        readDataValue(
          { dataElement: "A", period: "2024", orgUnit: "O", value: "1", comment: "numerator=x" },
          6,
        ),
      )[0]?.code,
    ).toBe("bad_parts");
  });

  it("refuses what is not an object", () => {
    expect(errorsOf(readDataValue("A,2024,O", 7))[0]?.code).toBe("bad_row");
  });

  it("reads back what toDhis2DataValue wrote", () => {
    const out = toDhis2DataValue({
      dataElement: "MATERNAL_MORTALITY",
      period: "2024H1",
      orgUnit: "P00",
      value: 12.34,
      numerator: 3,
      denominator: 24311,
      storedBy: "王五",
      lastUpdated: "2024-07-01T00:00:00.000Z",
    });
    expect(out).toMatchObject({ period: "2024S1", value: "12.34", comment: "numerator=3;denominator=24311" });
    expect(readDataValue(out, 1)).toMatchObject({
      period: "2024H1",
      value: 12.34,
      numerator: 3,
      denominator: 24311,
      storedBy: "王五",
    });
  });
});
