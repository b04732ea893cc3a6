/**
 * The Excel template of a reporting form (填报模板) and reading it back. The workbook has the form's header
 * (unit, period, deadline), one row per indicator × org unit with the key columns locked and the value,
 * numerator, denominator and 统计口径 columns open, number validation on the numeric cells, an instructions
 * sheet, and the ids a row stands for in hidden columns (and the submission's id in a hidden sheet), so an
 * upload is matched to its cells without guessing from names. Reading names every bad cell by row and
 * column, in Chinese and English.
 */
import ExcelJS from "exceljs";
import { periodLabel } from "../domain/periods/index.js";
import { errors } from "./errors.js";
import type { Form, ValueError, ValueInput } from "./reporting-form.service.js";

export const SHEET = "填报表";
const META_SHEET = "_meta";
const HELP_SHEET = "填写说明";
/** The header row of the value table; data rows follow it. */
export const HEADER_ROW = 6;

/** Columns of the value table, in order. */
const columns = [
  { key: "no", header: "序号", width: 6 },
  { key: "code", header: "指标编码", width: 18 },
  { key: "name", header: "指标名称", width: 36 },
  { key: "unit", header: "计量单位", width: 10 },
  { key: "org", header: "填报机构", width: 22 },
  { key: "value", header: "数值", width: 12 },
  { key: "numerator", header: "分子", width: 12 },
  { key: "denominator", header: "分母", width: 12 },
  { key: "definition", header: "统计口径", width: 36 },
  { key: "indicatorId", header: "indicatorId", width: 10 },
  { key: "orgUnitId", header: "orgUnitId", width: 10 },
] as const;
type ColumnKey = (typeof columns)[number]["key"];
const col = (k: ColumnKey) => columns.findIndex((c) => c.key === k) + 1;
const letter = (k: ColumnKey) => String.fromCharCode(64 + col(k));

const fieldColumn: Record<ValueError["field"], ColumnKey> = {
  value: "value",
  numerator: "numerator",
  denominator: "denominator",
  definition: "definition",
  indicatorId: "name",
};
const fieldLabel: Record<ValueError["field"], [string, string]> = {
  value: ["数值", "value"],
  numerator: ["分子", "numerator"],
  denominator: ["分母", "denominator"],
  definition: ["统计口径", "definition"],
  indicatorId: ["指标", "indicator"],
};

export interface CellError extends ValueError {
  row: number;
  column: string;
  cell: string;
}

/** An error of a value read from the template, naming its cell: "第7行 F列（数值）：不是有效数字". */
export function cellError(e: ValueError, row: number): CellError {
  const column = letter(fieldColumn[e.field]);
  const [zh, en] = fieldLabel[e.field];
  return {
    ...e,
    row,
    column,
    cell: `${column}${row}`,
    message: `第${row}行 ${column}列（${zh}）：${e.message}`,
    messageEn: `row ${row}, column ${column} (${en}): ${e.messageEn}`,
  };
}

/** The template of a form, filled with the values entered so far. */
export async function templateWorkbook(form: Form): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "Mubiao";
  const ws = wb.addWorksheet(SHEET, { views: [{ state: "frozen", ySplit: HEADER_ROW }] });
  ws.columns = columns.map((c) => ({ key: c.key, width: c.width }));
  const s = form.submission;
  ws.mergeCells(1, 1, 1, col("definition"));
  ws.getCell(1, 1).value = `${form.unitName} ${periodLabel(s.period_id)} 指标填报表`;
  ws.getCell(1, 1).font = { bold: true, size: 14 };
  const meta: Array<[string, string]> = [
    ["填报单位", form.unitName],
    ["报告期", `${periodLabel(s.period_id)}（${s.period_id}）`],
    ["报送截止", form.deadline],
  ];
  meta.forEach(([label, value], i) => {
    ws.getCell(2 + i, 1).value = label;
    ws.getCell(2 + i, 1).font = { bold: true };
    ws.mergeCells(2 + i, 2, 2 + i, 4);
    ws.getCell(2 + i, 2).value = value;
  });
  const header = ws.getRow(HEADER_ROW);
  columns.forEach((c, i) => {
    header.getCell(i + 1).value = c.header;
    header.getCell(i + 1).font = { bold: true };
    header.getCell(i + 1).fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFE8EEF7" } };
  });
  form.rows.forEach((r, i) => {
    const o = r.observation;
    const row = ws.getRow(HEADER_ROW + 1 + i);
    const values: Record<ColumnKey, ExcelJS.CellValue> = {
      no: i + 1,
      code: r.indicator.code ?? "",
      name: r.indicator.name,
      unit: r.indicator.unit ?? "",
      org: r.orgUnit.name,
      value: o?.value ?? null,
      numerator: o?.numerator ?? null,
      denominator: o?.denominator ?? null,
      definition: o?.definition ?? null,
      indicatorId: r.indicator.id,
      orgUnitId: r.orgUnit.id,
    };
    row.values = values;
    // an approved value of a returned form stays locked (the server refuses a change to it anyway)
    const locked = o?.status === "approved" && s.status !== "draft";
    for (const k of ["value", "numerator", "denominator", "definition"] as const) {
      const cell = row.getCell(col(k));
      if (locked) {
        cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFEFEFEF" } };
        continue;
      }
      cell.protection = { locked: false };
      if (k === "definition") continue;
      // a plain number may be negative (a change); a count, ratio or its parts never are
      const signed = k === "value" && (r.indicator.type ?? "number") === "number";
      cell.dataValidation = {
        type: "decimal",
        operator: signed ? "between" : "greaterThanOrEqual",
        formulae: signed ? [-1e15, 1e15] : [0],
        allowBlank: true,
        showErrorMessage: true,
        errorTitle: "请输入数字",
        error: signed ? "请输入数字" : "请输入不小于0的数字",
      };
    }
  });
  for (const k of ["indicatorId", "orgUnitId"] as const) ws.getColumn(col(k)).hidden = true;
  await ws.protect("", { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true });

  const help = wb.addWorksheet(HELP_SHEET);
  help.getColumn(1).width = 100;
  [
    "填写说明 / Instructions",
    `1. 请在"${SHEET}"工作表的"数值"列填写指标值；比率类指标也可只填写"分子"和"分母"，系统自动计算数值。`,
    "2. 同时填写数值和分子分母时，数值须与分子/分母的计算结果一致；百分比不超过100，分子不大于分母。",
    '3. "统计口径"列填写该数值的统计口径（如数据来源、统计范围），便于考核时与台账核对。',
    "4. 指标、机构等灰色列已锁定，请勿修改；请勿增删行或修改隐藏列，否则无法上传。",
    "5. 空行不作修改；如需清空已填数值，请在网页填报表中操作。",
    "6. 填写完成后在填报页面上传本文件：任何单元格有误时整份文件不予保存，并逐格提示错误位置。",
    `Fill the value column (or numerator and denominator) of the "${SHEET}" sheet and upload the file on the form's page; a file with any bad cell is refused as a whole, each bad cell named.`,
  ].forEach((line, i) => {
    help.getCell(i + 1, 1).value = line;
    help.getCell(i + 1, 1).alignment = { wrapText: true };
  });
  help.getCell(1, 1).font = { bold: true, size: 13 };

  const metaSheet = wb.addWorksheet(META_SHEET, { state: "veryHidden" });
  metaSheet.getCell("A1").value = "submissionId";
  metaSheet.getCell("B1").value = s.id;
  metaSheet.getCell("A2").value = "templateVersion";
  metaSheet.getCell("B2").value = 1;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A cell's text (rich text, formulas and hyperlinks read as what they show). */
function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "object") {
    if ("richText" in v) return v.richText.map((t) => t.text).join("");
    if ("result" in v) return cellText(v.result as ExcelJS.CellValue);
    if ("text" in v) return String(v.text);
    if (v instanceof Date) return v.toISOString();
  }
  return String(v).trim();
}

/**
 * A numeric cell: numbers as they are; text written the way people type numbers ("1,234", "１２.５",
 * "85%" in a percentage column) as that number; empty as undefined; anything else as NaN (not a number).
 */
export function cellNumber(v: ExcelJS.CellValue): number | undefined {
  if (v === null || v === undefined) return undefined;
  if (typeof v === "number") return v;
  if (typeof v === "object" && v !== null && "result" in v && !(v instanceof Date)) {
    const r = v.result;
    return typeof r === "number"
      ? r
      : r === undefined || r === null
        ? undefined
        : cellNumber(r as ExcelJS.CellValue);
  }
  const text = cellText(v)
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/．/g, ".")
    .replace(/[－﹣]/g, "-")
    .replace(/[,，\s]/g, "")
    .replace(/[%％]$/, "");
  if (text === "") return undefined;
  return /^-?(\d+(\.\d*)?|\.\d+)(e-?\d+)?$/i.test(text) ? Number(text) : Number.NaN;
}

export interface TemplateContents {
  submissionId: string | null;
  /** The rows with something entered, each with the worksheet row it came from. */
  entries: Array<ValueInput & { row: number }>;
  /** Cells that could not be read at all (not a number, a row without its hidden ids). */
  errors: CellError[];
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

/** Reads an uploaded template; refuses what is not an .xlsx (415) or cannot be read as one (422). */
export async function readTemplate(bytes: Uint8Array, fileName: string): Promise<TemplateContents> {
  if (bytes.length < 4 || ZIP_MAGIC.some((b, i) => bytes[i] !== b))
    throw errors.unsupportedType(fileName, [".xlsx"]);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw errors.undecodable(fileName, "not_xlsx");
  }
  const ws = wb.getWorksheet(SHEET);
  const header = ws?.getRow(HEADER_ROW);
  if (
    !ws ||
    !header ||
    cellText(header.getCell(col("indicatorId")).value) !== "indicatorId" ||
    cellText(header.getCell(col("orgUnitId")).value) !== "orgUnitId"
  )
    throw errors.unprocessable(
      "NOT_A_TEMPLATE",
      `不是本系统生成的填报模板（缺少"${SHEET}"工作表或其隐藏列），请重新下载模板`,
      `Not a reporting template of Mubiao (no "${SHEET}" sheet or its hidden columns): download the template again`,
    );
  const meta = wb.getWorksheet(META_SHEET);
  const submissionId = meta ? cellText(meta.getCell("B1").value) || null : null;
  const entries: TemplateContents["entries"] = [];
  const problems: CellError[] = [];
  for (let line = HEADER_ROW + 1; line <= ws.rowCount; line++) {
    const row = ws.getRow(line);
    const at = (k: ColumnKey) => row.getCell(col(k)).value;
    const indicatorId = cellText(at("indicatorId"));
    const orgUnitId = cellText(at("orgUnitId"));
    const raw = { value: at("value"), numerator: at("numerator"), denominator: at("denominator") };
    const definition = cellText(at("definition"));
    const entered = Object.values(raw).some((v) => cellText(v) !== "") || definition !== "";
    if (!entered) continue;
    const base = { index: entries.length, indicatorId, orgUnitId };
    if (!indicatorId || !orgUnitId) {
      problems.push(
        cellError(
          {
            ...base,
            field: "indicatorId",
            code: "missing_ids",
            message: "该行缺少隐藏的指标或机构标识，请勿增加或改动行，请重新下载模板",
            messageEn: "the row lacks its hidden ids: do not add or alter rows; download the template again",
          },
          line,
        ),
      );
      continue;
    }
    const entry: ValueInput & { row: number } = { row: line, indicatorId, orgUnitId, definition };
    for (const field of ["value", "numerator", "denominator"] as const) {
      const n = cellNumber(raw[field]);
      if (n !== undefined && Number.isNaN(n))
        problems.push(
          cellError(
            {
              ...base,
              field,
              code: "not_a_number",
              message: "不是有效数字",
              messageEn: "not a number",
            },
            line,
          ),
        );
      else entry[field] = n ?? null;
    }
    entries.push(entry);
  }
  return { submissionId, entries, errors: problems };
}
