/**
 * Periods between Mubiao and DHIS2. Mubiao's ids are 2024, 2024H1, 2024Q1, 2024M03; DHIS2 writes years and
 * quarters alike, a half as 2024S1 and a month as 202403 (yyyyMM). Weeks, days and financial years have no
 * Mubiao period and are refused by the importer.
 */
import { parsePeriod } from "../domain/periods/index.js";

/** A Mubiao period id in DHIS2 form: 2024M03 → 202403, 2024H1 → 2024S1, 2024Q1 and 2024 unchanged. */
export function toDhis2Period(id: string): string {
  const month = /^(\d{4})M(\d{2})$/.exec(id);
  if (month) return `${month[1]}${month[2]}`;
  const half = /^(\d{4})H([12])$/.exec(id);
  if (half) return `${half[1]}S${half[2]}`;
  return id;
}

/** A DHIS2 period as a Mubiao period id, or null when it has none: 202403 → 2024M03, 2024S2 → 2024H2. */
export function fromDhis2Period(dhis2: string): string | null {
  const s = dhis2.trim();
  let id: string | null = null;
  let m: RegExpExecArray | null;
  if (/^\d{4}$/.test(s)) id = s;
  else if ((m = /^(\d{4})(\d{2})$/.exec(s))) id = `${m[1]}M${m[2]}`;
  else if ((m = /^(\d{4})-(\d{2})$/.exec(s))) id = `${m[1]}M${m[2]}`;
  else if (/^\d{4}Q[1-4]$/.test(s)) id = s;
  else if ((m = /^(\d{4})S([12])$/.exec(s))) id = `${m[1]}H${m[2]}`;
  else if (/^\d{4}(H[12]|M\d{2})$/.test(s)) id = s; // Mubiao's own ids are accepted too
  return id !== null && parsePeriod(id) !== null ? id : null;
}
