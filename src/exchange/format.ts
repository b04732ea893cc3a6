/**
 * Observations written as DHIS2 dataValueSets, JSON or CSV. The caller has already mapped Mubiao's ids to
 * codes (indicator catalogue code, org-unit code or id); this module only shapes the output.
 */
import { partsComment } from "./comment.js";
import { CSV_COLUMNS, csvField } from "./csv.js";
import { toDhis2Period } from "./period.js";

export interface ExportValue {
  dataElement: string;
  /** Mubiao period id (2024M03); written in DHIS2 form (202403). */
  period: string;
  orgUnit: string;
  value: number;
  numerator: number | null;
  denominator: number | null;
  storedBy: string | null;
  lastUpdated: string;
}

/** DHIS2's data value object; the value is a string as DHIS2 writes it. */
export interface Dhis2DataValue {
  dataElement: string;
  period: string;
  orgUnit: string;
  value: string;
  storedBy?: string;
  lastUpdated: string;
  comment?: string;
  followup: boolean;
}

export function toDhis2DataValue(v: ExportValue): Dhis2DataValue {
  const comment = partsComment(v.numerator, v.denominator);
  return {
    dataElement: v.dataElement,
    period: toDhis2Period(v.period),
    orgUnit: v.orgUnit,
    value: String(v.value),
    ...(v.storedBy ? { storedBy: v.storedBy } : {}),
    lastUpdated: v.lastUpdated,
    ...(comment ? { comment } : {}),
    followup: false,
  };
}

export const csvHeader = CSV_COLUMNS.join(",");

/** One CSV line (no line break) in CSV_COLUMNS order; the option combos are left empty (default). */
export function toCsvLine(v: ExportValue): string {
  return [
    csvField(v.dataElement),
    toDhis2Period(v.period),
    csvField(v.orgUnit),
    "",
    "",
    String(v.value),
    csvField(v.storedBy ?? ""),
    v.lastUpdated,
    csvField(partsComment(v.numerator, v.denominator)),
    "false",
  ].join(",");
}
