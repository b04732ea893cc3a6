/**
 * One DHIS2 data value as Mubiao reads it, with precise errors per row. Both formats end here: a JSON
 * `dataValues[i]` (row = i + 1) and a CSV record (row = its line in the file, the header being line 1).
 * Codes are resolved later (the importer knows the catalogue and the org-unit tree); this module checks
 * what can be checked without them: fields present, a period Mubiao has, numbers that are numbers.
 */
import { z } from "zod";
import { parsePartsComment } from "./comment.js";
import { fromDhis2Period } from "./period.js";

/** A data value as DHIS2 writes it (JSON): strings, with `value` sometimes a number. */
export const dataValueSchema = z.object({
  dataElement: z.string().trim().min(1).max(200),
  period: z.string().trim().min(1).max(20),
  orgUnit: z.string().trim().min(1).max(200),
  categoryOptionCombo: z.string().max(200).nullish(),
  attributeOptionCombo: z.string().max(200).nullish(),
  value: z.union([z.string().max(100), z.number()]).nullish(),
  storedBy: z.string().max(200).nullish(),
  created: z.string().max(40).nullish(),
  lastUpdated: z.string().max(40).nullish(),
  comment: z.string().max(2000).nullish(),
  followup: z.union([z.boolean(), z.string().max(10)]).nullish(),
});
export type RawDataValue = z.input<typeof dataValueSchema>;

/**
 * A dataValueSet: its values, and the period / org unit / attribute combo that values without their own
 * inherit (DHIS2 allows them at the top).
 */
export const dataValueSetSchema = z.object({
  dataSet: z.string().max(200).nullish(),
  completeDate: z.string().max(40).nullish(),
  period: z.string().max(20).nullish(),
  orgUnit: z.string().max(200).nullish(),
  attributeOptionCombo: z.string().max(200).nullish(),
  dataValues: z.array(z.unknown()).max(10_000_000),
});
export type DataValueSet = z.infer<typeof dataValueSetSchema>;

/** A data value read and checked on its own; `period` is a Mubiao period id. */
export interface DataValue {
  row: number;
  dataElement: string;
  period: string;
  orgUnit: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  storedBy: string | null;
  comment: string | null;
}

export type RowErrorCode =
  | "bad_row"
  | "missing_field"
  | "bad_period"
  | "bad_number"
  | "bad_parts"
  | "no_value"
  | "unknown_indicator"
  | "unknown_org_unit"
  | "not_aggregable_parts"
  | "not_finite"
  | "negative"
  | "not_integer"
  | "above_ratio_limit"
  | "numerator_above_denominator"
  | "zero_denominator"
  | "value_mismatch"
  | "missing_parts"
  | "out_of_range";

/** A row that cannot be imported: "第12行：未知的指标编码 X" / "row 12: unknown indicator code X". */
export interface RowError {
  row: number;
  code: RowErrorCode;
  message: string;
  messageEn: string;
}

export function rowError(row: number, code: RowErrorCode, zh: string, en: string): RowError {
  return { row, code, message: `第${row}行：${zh}`, messageEn: `row ${row}: ${en}` };
}

const FIELD_ZH: Record<string, string> = {
  dataElement: "指标编码（dataElement）",
  period: "报告期（period）",
  orgUnit: "组织机构编码（orgUnit）",
};

/** A decimal number as DHIS2 writes it ("12", "-3.5", "1e3"); null for an empty value. */
function readNumber(raw: string | number | null | undefined): number | null | undefined {
  if (raw === null || raw === undefined) return null;
  if (typeof raw === "number") return Number.isFinite(raw) ? raw : undefined;
  const s = raw.trim();
  if (s === "") return null;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) return undefined;
  const x = Number(s);
  return Number.isFinite(x) ? x : undefined;
}

const show = (s: unknown) => {
  const t = String(s);
  return t.length > 40 ? `${t.slice(0, 40)}…` : t;
};

/**
 * Reads one data value: either the value ready for code resolution, or every error of the row. A value
 * may be left empty when the comment carries numerator and denominator (the importer computes it).
 */
export function readDataValue(
  input: unknown,
  row: number,
  defaults: Partial<RawDataValue> = {},
): DataValue | RowError[] {
  const fast = plainShape(input, defaults);
  if (fast) return checkedValue(fast, row);
  const merged =
    typeof input === "object" && input !== null && !Array.isArray(input)
      ? {
          ...input,
          period: (input as { period?: unknown }).period ?? defaults.period ?? undefined,
          orgUnit: (input as { orgUnit?: unknown }).orgUnit ?? defaults.orgUnit ?? undefined,
        }
      : input;
  const parsed = dataValueSchema.safeParse(merged);
  if (!parsed.success) {
    const errs: RowError[] = [];
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? "");
      const given = (merged as Record<string, unknown> | null)?.[field];
      const missing =
        given === undefined || given === null || (typeof given === "string" && given.trim() === "");
      if (field in FIELD_ZH && (missing || issue.code === "too_small"))
        errs.push(rowError(row, "missing_field", `缺少${FIELD_ZH[field]}`, `missing ${field}`));
      else
        errs.push(
          rowError(
            row,
            "bad_row",
            `字段${field || "（整行）"}格式有误`,
            `${field || "the row"} is malformed: ${issue.message}`,
          ),
        );
    }
    return errs;
  }
  return checkedValue(parsed.data, row);
}

/** The checks on a well-shaped value: period, number, parts. */
function checkedValue(
  v: RawDataValue & { dataElement: string; period: string; orgUnit: string },
  row: number,
): DataValue | RowError[] {
  const errs: RowError[] = [];
  const period = periodOf(v.period);
  if (period === null)
    errs.push(
      rowError(row, "bad_period", `无法识别的报告期 ${show(v.period)}`, `unknown period ${show(v.period)}`),
    );
  const value = readNumber(v.value);
  if (value === undefined)
    errs.push(rowError(row, "bad_number", `数值无效 ${show(v.value)}`, `not a number: ${show(v.value)}`));
  const parts = parsePartsComment(v.comment);
  if (parts.bad !== null)
    errs.push(
      rowError(
        row,
        "bad_parts",
        `备注中的分子或分母无效 ${show(parts.bad)}`,
        `bad ${show(parts.bad)} in the comment`,
      ),
    );
  if (value === null && (parts.numerator === null || parts.denominator === null) && parts.bad === null)
    errs.push(
      rowError(
        row,
        "no_value",
        "缺少数值（或备注中的分子和分母）",
        "no value (nor numerator and denominator in the comment)",
      ),
    );
  if (errs.length > 0 || period === null || value === undefined) return errs;
  return {
    row,
    dataElement: v.dataElement,
    period,
    orgUnit: v.orgUnit,
    value,
    numerator: parts.numerator,
    denominator: parts.denominator,
    storedBy: v.storedBy ?? null,
    comment: v.comment ?? null,
  };
}

const OPTIONAL_MAX: ReadonlyArray<[keyof RawDataValue, number]> = [
  ["categoryOptionCombo", 200],
  ["attributeOptionCombo", 200],
  ["storedBy", 200],
  ["created", 40],
  ["lastUpdated", 40],
  ["comment", 2000],
];

/**
 * The common case without zod (an import runs this per row, and the schema costs ~20 µs a row): an object
 * whose fields all have the right type and size, returned trimmed; anything else returns null and goes
 * through `dataValueSchema`, which names the problem.
 */
function plainShape(
  input: unknown,
  defaults: Partial<RawDataValue>,
): (RawDataValue & { dataElement: string; period: string; orgUnit: string }) | null {
  if (typeof input !== "object" || input === null || Array.isArray(input)) return null;
  const o = input as Record<string, unknown>;
  const required = (x: unknown, max: number) => {
    if (typeof x !== "string") return false;
    const t = x.trim();
    return t.length > 0 && t.length <= max;
  };
  const period = o.period ?? defaults.period;
  const orgUnit = o.orgUnit ?? defaults.orgUnit;
  if (!required(o.dataElement, 200) || !required(period, 20) || !required(orgUnit, 200)) return null;
  const value = o.value;
  if (!(
    value === undefined ||
    value === null ||
    typeof value === "number" ||
    (typeof value === "string" && value.length <= 100)
  ))
    return null;
  for (const [k, max] of OPTIONAL_MAX) {
    const x = o[k];
    if (!(x === undefined || x === null || (typeof x === "string" && x.length <= max))) return null;
  }
  const f = o.followup;
  if (!(f === undefined || f === null || typeof f === "boolean" || (typeof f === "string" && f.length <= 10)))
    return null;
  return {
    ...(o as RawDataValue),
    dataElement: (o.dataElement as string).trim(),
    period: (period as string).trim(),
    orgUnit: (orgUnit as string).trim(),
  };
}

/** A file names a handful of periods over and over: each is converted once. */
const periodCache = new Map<string, string | null>();
function periodOf(dhis2: string): string | null {
  let id = periodCache.get(dhis2);
  if (id === undefined) {
    if (periodCache.size > 10_000) periodCache.clear();
    id = fromDhis2Period(dhis2);
    periodCache.set(dhis2, id);
  }
  return id;
}
