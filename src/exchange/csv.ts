/**
 * DHIS2 dataValueSets CSV, read as a stream: text arrives in chunks of any size (a 50 MB upload never sits
 * in memory as one string), records come out with the line they start on. RFC 4180 quoting ("a, b",
 * "say ""hi""", line breaks inside quotes); a BOM and CRLF line ends are accepted; blank lines are skipped.
 * The header is optional: a first record with a `dataelement` column (any case) names the columns,
 * otherwise DHIS2's column order is assumed.
 */
import type { RawDataValue } from "./data-value.js";

export const CSV_COLUMNS = [
  "dataelement",
  "period",
  "orgunit",
  "categoryoptioncombo",
  "attributeoptioncombo",
  "value",
  "storedby",
  "lastupdated",
  "comment",
  "followup",
] as const;

const FIELD_OF: Record<(typeof CSV_COLUMNS)[number], keyof RawDataValue> = {
  dataelement: "dataElement",
  period: "period",
  orgunit: "orgUnit",
  categoryoptioncombo: "categoryOptionCombo",
  attributeoptioncombo: "attributeOptionCombo",
  value: "value",
  storedby: "storedBy",
  lastupdated: "lastUpdated",
  comment: "comment",
  followup: "followup",
};

export interface CsvRecord {
  /** 1-based line of the file the record starts on. */
  line: number;
  fields: string[];
}

/** Splits CSV text fed in chunks into records. */
export class CsvRecordReader {
  private carry = "";
  private line = 1;
  private started = false;

  /** The complete records of the text so far; an unfinished last record waits for the next chunk. */
  push(chunk: string): CsvRecord[] {
    let text = this.carry + chunk;
    if (!this.started && text.length > 0) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    const out: CsvRecord[] = [];
    const consumed = text.includes('"') ? this.quoted(text, out, false) : this.plain(text, out);
    this.carry = text.slice(consumed);
    return out;
  }

  /** The last record (a file need not end with a line break). */
  end(): CsvRecord[] {
    const out: CsvRecord[] = [];
    if (this.carry.length > 0) this.quoted(this.carry, out, true);
    this.carry = "";
    return out;
  }

  /** Fast path: no quote in sight, so every line is a record and every comma a separator. */
  private plain(text: string, out: CsvRecord[]): number {
    let start = 0;
    for (let nl = text.indexOf("\n"); nl !== -1; nl = text.indexOf("\n", start)) {
      let lineText = text.slice(start, nl);
      if (lineText.endsWith("\r")) lineText = lineText.slice(0, -1);
      if (lineText.trim() !== "") out.push({ line: this.line, fields: lineText.split(",") });
      this.line++;
      start = nl + 1;
    }
    return start;
  }

  /** Full parser; returns how much of `text` it consumed (up to the last complete record). */
  private quoted(text: string, out: CsvRecord[], final: boolean): number {
    let i = 0;
    let consumed = 0;
    const n = text.length;
    while (i < n) {
      const recordLine = this.line;
      let lines = 0;
      const fields: string[] = [];
      let field = "";
      let complete = false;
      let j = i;
      for (;;) {
        if (j >= n) {
          if (!final) break;
          fields.push(field);
          complete = true;
          break;
        }
        const c = text[j];
        if (c === '"' && field === "") {
          // a quoted field: up to the closing quote, "" standing for one quote
          let k = j + 1;
          let closed = false;
          let value = "";
          while (k < n) {
            const q = text.indexOf('"', k);
            if (q === -1) break;
            value += text.slice(k, q);
            if (text[q + 1] === '"') {
              value += '"';
              k = q + 2;
              continue;
            }
            if (q + 1 >= n && !final) break; // the next chunk may bring a second quote
            closed = true;
            k = q + 1;
            break;
          }
          if (!closed) {
            if (!final) break;
            value += text.slice(k); // unterminated quote at the end of the file: keep what is there
            k = n;
          }
          for (let p = j; p < k; p++) if (text[p] === "\n") lines++;
          field = value;
          j = k;
          // anything between the closing quote and the separator is kept as written
          continue;
        }
        if (c === ",") {
          fields.push(field);
          field = "";
          j++;
          continue;
        }
        if (c === "\n" || c === "\r") {
          if (c === "\r" && j + 1 >= n && !final) break; // a CR may be followed by LF in the next chunk
          fields.push(field);
          j += c === "\r" && text[j + 1] === "\n" ? 2 : 1;
          lines++;
          complete = true;
          break;
        }
        // an unquoted run: up to the next separator or line end
        let e = j + 1;
        while (e < n) {
          const d = text.charCodeAt(e);
          if (d === 44 || d === 10 || d === 13) break;
          e++;
        }
        field += text.slice(j, e);
        j = e;
      }
      if (!complete) break;
      if (fields.length > 1 || (fields[0] ?? "").trim() !== "") out.push({ line: recordLine, fields });
      this.line += lines;
      i = j;
      consumed = j;
    }
    return consumed;
  }
}

/** Maps records to data values, reading the header when there is one. */
export class CsvDataValueReader {
  private readonly records = new CsvRecordReader();
  private columns: Array<keyof RawDataValue | null> | null = null;

  push(chunk: string): Array<{ row: number; value: RawDataValue | null; fields: number }> {
    return this.map(this.records.push(chunk));
  }

  end(): Array<{ row: number; value: RawDataValue | null; fields: number }> {
    return this.map(this.records.end());
  }

  private map(records: CsvRecord[]) {
    const out: Array<{ row: number; value: RawDataValue | null; fields: number }> = [];
    for (const r of records) {
      if (this.columns === null) {
        const names = r.fields.map((f) => f.trim().toLowerCase().replace(/[\s_]/g, ""));
        if (names.includes("dataelement")) {
          this.columns = names.map((n) => FIELD_OF[n as (typeof CSV_COLUMNS)[number]] ?? null);
          continue;
        }
        this.columns = CSV_COLUMNS.map((c) => FIELD_OF[c]);
      }
      const cols = this.columns;
      if (r.fields.length > cols.length && r.fields.slice(cols.length).some((f) => f !== "")) {
        out.push({ row: r.line, value: null, fields: r.fields.length });
        continue;
      }
      const value: Record<string, string> = {};
      for (let k = 0; k < cols.length && k < r.fields.length; k++) {
        const key = cols[k];
        const f = r.fields[k];
        if (key && f !== undefined && f !== "") value[key] = f;
      }
      out.push({ row: r.line, value: value as RawDataValue, fields: r.fields.length });
    }
    return out;
  }
}

/** A CSV field, quoted when it must be. */
export function csvField(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
