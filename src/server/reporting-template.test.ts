import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { AppError } from "./errors.js";
import type { Form } from "./reporting-form.service.js";
import { cellError, cellNumber, readTemplate, templateWorkbook } from "./reporting-template.js";

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

describe("templateWorkbook", () => {
  const row = (id: string, status: string | null) => ({
    indicator: {
      id: `ind-${id}`,
      name: `指标${id}`,
      code: null,
      unit: "人",
      type: "count",
      numerator: null,
      denominator: null,
      frequency: "quarterly",
      report_level: null,
      deadline_rule_json: null,
      direction: null,
      description: null,
      version: 1,
      references_json: null,
    },
    orgUnit: { id: "org", name: "东县", level: "county" },
    observation:
      status === null
        ? null
        : { id: `o-${id}`, value: 5, numerator: null, denominator: null, definition: null, status },
    evidence: [],
    warnings: [],
  });
  const formOf = (submissionStatus: string) =>
    ({
      submission: { id: "sub-1", unit_id: "u", period_id: "2025Q1", status: submissionStatus },
      unitName: "甲单位",
      deadline: "2025-04-15",
      editable: true,
      changedSinceApproval: 0,
      rows: [row("a", "approved"), row("b", "returned"), row("c", null)],
    }) as unknown as Form;

  it("opens the value cells except approved values of a returned form, and reads back its own ids", async () => {
    const bytes = await templateWorkbook(formOf("returned"));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const ws = wb.getWorksheet("填报表") as ExcelJS.Worksheet;
    const [a, b, c] = [7, 8, 9].map((n) => ws.getRow(n));
    expect(a?.getCell(6).protection?.locked).not.toBe(false);
    expect(b?.getCell(6).protection?.locked).toBe(false);
    expect(c?.getCell(9).protection?.locked).toBe(false);
    expect(a?.getCell(6).value).toBe(5);
    const read = await readTemplate(bytes, "t.xlsx");
    expect(read.submissionId).toBe("sub-1");
    // rows with something entered (the two stored values) come back with their ids and worksheet rows
    expect(read.entries.map((e) => [e.row, e.indicatorId, e.orgUnitId, e.value])).toEqual([
      [7, "ind-a", "org", 5],
      [8, "ind-b", "org", 5],
    ]);
  });

  it("opens approved values again once the form is reopened (a draft)", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await templateWorkbook(formOf("draft"))) as unknown as ArrayBuffer);
    expect((wb.getWorksheet("填报表") as ExcelJS.Worksheet).getRow(7).getCell(6).protection?.locked).toBe(
      false,
    );
  });
});
