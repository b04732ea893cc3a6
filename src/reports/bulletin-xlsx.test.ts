import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { renderBulletinXlsx, SHEET_NAMES } from "./bulletin-xlsx.js";
import { sampleBulletinInput } from "./sample-bulletin.js";

async function readBack(buf: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return wb;
}

const rowValues = (ws: ExcelJS.Worksheet, n: number): unknown[] =>
  (ws.getRow(n).values as unknown[]).slice(1);

describe("renderBulletinXlsx", async () => {
  const wb = await readBack(await renderBulletinXlsx(sampleBulletinInput));

  it("has the three sheets in order", () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      SHEET_NAMES.targets,
      SHEET_NAMES.tasks,
      SHEET_NAMES.units,
    ]);
  });

  it("lists the targets under Chinese headers, numbers as numbers, status coloured", () => {
    const ws = wb.getWorksheet(SHEET_NAMES.targets)!;
    expect(rowValues(ws, 1)).toEqual([
      "序号",
      "指标",
      "目标值",
      "目标数值",
      "单位",
      "完成时限",
      "最新值",
      "最新期",
      "状态",
      "责任单位",
    ]);
    expect(ws.rowCount).toBe(1 + 8);
    expect(rowValues(ws, 2)).toEqual([
      1,
      "居民健康素养水平",
      "不低于30%",
      30,
      "%",
      "2024年",
      26.4,
      "2024年第三季度",
      "进度滞后",
      "健康促进股",
    ]);
    const noData = rowValues(ws, 9);
    expect(noData[1]).toBe("二级以上公立医院电子病历应用水平");
    expect(noData[6]).toBeUndefined(); // no latest value: an empty cell, not 0
    expect(noData[8]).toBe("无数据");
    const status = ws.getRow(2).getCell(9);
    expect(status.fill).toMatchObject({ type: "pattern", fgColor: { argb: "FFFFEBEE" } });
    expect(status.font.color?.argb).toBe("FFC62828");
    expect(ws.getRow(3).getCell(9).fill).toMatchObject({ fgColor: { argb: "FFE8F5E9" } });
  });

  it("styles and freezes the header row and sets column widths", () => {
    const ws = wb.getWorksheet(SHEET_NAMES.targets)!;
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(ws.getRow(1).getCell(1).font.bold).toBe(true);
    expect(ws.getRow(1).getCell(1).fill).toMatchObject({ fgColor: { argb: "FF44546A" } });
    expect(ws.getColumn(2).width).toBe(34);
  });

  it("lists the tasks with their lead units, overdue days and late closing", () => {
    const ws = wb.getWorksheet(SHEET_NAMES.tasks)!;
    expect(rowValues(ws, 1)).toEqual([
      "序号",
      "任务",
      "牵头单位",
      "办理时限",
      "办理状态",
      "超期工作日",
      "超期办结",
    ]);
    const first = rowValues(ws, 2);
    expect(first[2]).toBe("体制改革股、医政医管股");
    expect(first.slice(3)).toEqual(["2024-09-30", "办理中", 10, "否"]);
    expect(ws.getRow(2).getCell(6).fill).toMatchObject({ fgColor: { argb: "FFFFEBEE" } });
    expect(rowValues(ws, 3).slice(4)).toEqual(["已办结", 4, "是"]);
    expect(ws.getRow(3).getCell(6).fill).not.toMatchObject({ fgColor: { argb: "FFFFEBEE" } }); // closed late: no longer overdue
  });

  it("ranks the units", () => {
    const ws = wb.getWorksheet(SHEET_NAMES.units)!;
    expect(rowValues(ws, 1)).toEqual(["排名", "单位", "综合得分"]);
    expect(rowValues(ws, 2)).toEqual([1, "城关镇卫生院", 96.5]);
    expect(rowValues(ws, 6)).toEqual([5, "南岭乡卫生院", 84.5]);
  });

  it("writes header-only sheets for an empty period", async () => {
    const empty = await readBack(
      await renderBulletinXlsx({ ...sampleBulletinInput, targets: [], tasks: [], units: [] }),
    );
    expect(empty.worksheets.map((w) => w.rowCount)).toEqual([1, 1, 1]);
  });
});
