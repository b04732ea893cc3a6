import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { AppError } from "./errors.js";
import { cellError, cellNumber, readTemplate } from "./reporting-template.js";

describe("cellNumber", () => {
  it("reads numbers as typed in cells, including text written the way people type numbers", () => {
    expect(cellNumber(12.5)).toBe(12.5);
    expect(cellNumber("1,234")).toBe(1234);
    expect(cellNumber(" １２．５ ")).toBe(12.5);
    expect(cellNumber("85%")).toBe(85);
    expect(cellNumber("－3")).toBe(-3);
    expect(cellNumber({ formula: "A1+1", result: 7 } as ExcelJS.CellValue)).toBe(7);
  });
  it("reads empty cells as nothing and words as not a number", () => {
    expect(cellNumber(null)).toBeUndefined();
    expect(cellNumber("  ")).toBeUndefined();
    expect(cellNumber("约五个")).toBeNaN();
    expect(cellNumber("12a")).toBeNaN();
    expect(cellNumber("1.2.3")).toBeNaN();
  });
});

describe("cellError", () => {
  it("names the cell in Chinese and English", () => {
    const e = cellError(
      {
        index: 0,
        indicatorId: "i",
        orgUnitId: "o",
        field: "denominator",
        code: "zero_denominator",
        message: "分母为0而分子不为0",
        messageEn: "the denominator is 0",
      },
      9,
    );
    expect(e).toMatchObject({
      row: 9,
      column: "H",
      cell: "H9",
      message: "第9行 H列（分母）：分母为0而分子不为0",
      messageEn: "row 9, column H (denominator): the denominator is 0",
    });
  });
});

describe("readTemplate", () => {
  const refusal = async (bytes: Uint8Array) => {
    try {
      await readTemplate(bytes, "x.xlsx");
    } catch (e) {
      return e instanceof AppError ? [e.status, e.code] : ["thrown", String(e)];
    }
    return null;
  };
  it("refuses what is not an xlsx (415), a corrupt one (422), and a workbook that is not a template (422)", async () => {
    expect(await refusal(new TextEncoder().encode("a,b,c\n1,2,3"))).toEqual([415, "UNSUPPORTED_MEDIA_TYPE"]);
    expect(await refusal(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 9, 9, 9]))).toEqual([
      422,
      "UNDECODABLE_DOCUMENT",
    ]);
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Sheet1").getCell("A1").value = "指标";
    expect(await refusal(new Uint8Array(await wb.xlsx.writeBuffer()))).toEqual([422, "NOT_A_TEMPLATE"]);
  });
});
