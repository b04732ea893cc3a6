/**
 * The bulletin's data as an Excel workbook, for the planner who wants to sort, filter and re-check the
 * figures: 指标完成情况 (targets and status, status cells coloured), 任务进展 (supervised tasks) and 单位排名
 * (assessment scores). Numbers stay numbers, so the sheet can be recomputed; headers are styled, frozen and
 * filterable.
 */
import ExcelJS from "exceljs";
import { ATTAINMENT_LABELS } from "../domain/attainment/index.js";
import {
  bulletinTitle,
  formatTarget,
  isTaskOverdue,
  parseBulletinInput,
  taskStatusLabel,
  type BulletinInput,
  type BulletinInputData,
} from "../domain/bulletin/index.js";
import { periodLabel } from "../domain/periods/index.js";
import { STATUS_COLORS } from "./status-style.js";

export const SHEET_NAMES = { targets: "指标完成情况", tasks: "任务进展", units: "单位排名" } as const;

const argb = (rgb: string): string => `FF${rgb}`;
const solid = (rgb: string): ExcelJS.Fill => ({
  type: "pattern",
  pattern: "solid",
  fgColor: { argb: argb(rgb) },
});
const thin: Partial<ExcelJS.Border> = { style: "thin", color: { argb: "FFBFBFBF" } };
const BODY_FONT: Partial<ExcelJS.Font> = { name: "宋体", size: 11 };

function sheet(
  wb: ExcelJS.Workbook,
  name: string,
  columns: { header: string; key: string; width: number; numFmt?: string }[],
): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, { views: [{ state: "frozen", ySplit: 1 }] });
  ws.columns = columns.map((c) => ({
    header: c.header,
    key: c.key,
    width: c.width,
    style: {
      font: BODY_FONT,
      alignment: { vertical: "middle", wrapText: true },
      ...(c.numFmt ? { numFmt: c.numFmt } : {}),
    },
  }));
  const header = ws.getRow(1);
  header.height = 22;
  header.eachCell((cell) => {
    cell.font = { name: "黑体", size: 11, bold: true, color: { argb: "FFFFFFFF" } };
    cell.fill = solid("44546A");
    cell.alignment = { vertical: "middle", horizontal: "center", wrapText: true };
  });
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  return ws;
}

function borderAll(ws: ExcelJS.Worksheet): void {
  ws.eachRow((row) =>
    row.eachCell((cell) => (cell.border = { top: thin, left: thin, bottom: thin, right: thin })),
  );
}

function targetsSheet(wb: ExcelJS.Workbook, input: BulletinInput): void {
  const ws = sheet(wb, SHEET_NAMES.targets, [
    { header: "序号", key: "n", width: 6 },
    { header: "指标", key: "metric", width: 34 },
    { header: "目标值", key: "target", width: 16 },
    { header: "目标数值", key: "value", width: 10 },
    { header: "单位", key: "unit", width: 8 },
    { header: "完成时限", key: "deadline", width: 14 },
    { header: "最新值", key: "latest", width: 10 },
    { header: "最新期", key: "latestPeriod", width: 16 },
    { header: "状态", key: "status", width: 12 },
    { header: "责任单位", key: "responsible", width: 18 },
  ]);
  input.targets.forEach((t, i) => {
    const row = ws.addRow({
      n: i + 1,
      metric: t.metric,
      target: formatTarget(t),
      value: t.value,
      unit: t.unit,
      deadline: periodLabel(t.deadline),
      latest: t.latestValue,
      latestPeriod: t.latestPeriod ? periodLabel(t.latestPeriod) : null,
      status: ATTAINMENT_LABELS[t.status],
      responsible: t.responsibleUnit,
    });
    const status = row.getCell("status");
    status.fill = solid(STATUS_COLORS[t.status].fill);
    status.font = { ...BODY_FONT, bold: true, color: { argb: argb(STATUS_COLORS[t.status].strong) } };
    status.alignment = { vertical: "middle", horizontal: "center" };
  });
  borderAll(ws);
}

function tasksSheet(wb: ExcelJS.Workbook, input: BulletinInput): void {
  const ws = sheet(wb, SHEET_NAMES.tasks, [
    { header: "序号", key: "n", width: 6 },
    { header: "任务", key: "text", width: 60 },
    { header: "牵头单位", key: "lead", width: 22 },
    { header: "办理时限", key: "deadline", width: 12 },
    { header: "办理状态", key: "status", width: 12 },
    { header: "超期工作日", key: "overdue", width: 12 },
    { header: "超期办结", key: "late", width: 10 },
  ]);
  input.tasks.forEach((t, i) => {
    const row = ws.addRow({
      n: i + 1,
      text: t.text,
      lead: t.leadUnits.join("、"),
      deadline: t.deadline,
      status: taskStatusLabel(t.status),
      overdue: t.overdueDays,
      late: t.closedLate ? "是" : "否",
    });
    if (isTaskOverdue(t)) {
      const cell = row.getCell("overdue");
      cell.fill = solid(STATUS_COLORS.off_track.fill);
      cell.font = { ...BODY_FONT, bold: true, color: { argb: argb(STATUS_COLORS.off_track.strong) } };
    }
  });
  borderAll(ws);
}

function unitsSheet(wb: ExcelJS.Workbook, input: BulletinInput): void {
  const ws = sheet(wb, SHEET_NAMES.units, [
    { header: "排名", key: "rank", width: 8 },
    { header: "单位", key: "unit", width: 30 },
    { header: "综合得分", key: "score", width: 12, numFmt: "0.00" },
  ]);
  [...input.units]
    .sort((a, b) => a.rank - b.rank || b.score - a.score)
    .forEach((u) => ws.addRow({ rank: u.rank, unit: u.unit, score: u.score }));
  borderAll(ws);
}

export async function renderBulletinXlsx(data: BulletinInputData | BulletinInput): Promise<Buffer> {
  const input = parseBulletinInput(data);
  const wb = new ExcelJS.Workbook();
  wb.creator = input.issuer;
  wb.title = bulletinTitle(input);
  // Workbook dates come from the input, so the same input gives the same file contents.
  wb.created = new Date(input.generatedAt);
  wb.modified = new Date(input.generatedAt);
  targetsSheet(wb, input);
  tasksSheet(wb, input);
  unitsSheet(wb, input);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
