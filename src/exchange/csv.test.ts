import { describe, expect, it } from "vitest";
import { CsvDataValueReader, CsvRecordReader, csvField } from "./csv.js";
import { csvHeader, toCsvLine } from "./format.js";

/** Feeds text in chunks of `size` characters and collects every record. */
function readAll(text: string, size: number) {
  const r = new CsvRecordReader();
  const out = [];
  for (let i = 0; i < text.length; i += size) out.push(...r.push(text.slice(i, i + size)));
  out.push(...r.end());
  return out;
}

describe("CsvRecordReader", () => {
  const text = '\uFEFFa,b,c\r\n1,"x, y",3\n\n4,"say ""hi""","two\nlines"\n5,6,7';

  it("reads quoted fields, doubled quotes, line breaks in quotes, CRLF, a BOM and a missing last newline", () => {
    const records = readAll(text, 1 << 16);
    expect(records).toEqual([
      { line: 1, fields: ["a", "b", "c"] },
      { line: 2, fields: ["1", "x, y", "3"] },
      { line: 4, fields: ["4", 'say "hi"', "two\nlines"] },
      { line: 6, fields: ["5", "6", "7"] },
    ]);
  });

  it("gives the same records whatever the chunk size", () => {
    const whole = readAll(text, 1 << 16);
    for (const size of [1, 2, 3, 5, 7, 11]) expect(readAll(text, size), `chunk ${size}`).toEqual(whole);
  });

  it("numbers lines on the fast path (no quotes) across chunks", () => {
    const plain = "h1,h2\nA,1\nB,2\nC,3\n";
    expect(readAll(plain, 4).map((r) => [r.line, r.fields[0]])).toEqual([
      [1, "h1"],
      [2, "A"],
      [3, "B"],
      [4, "C"],
    ]);
  });

  it("quotes a field only when it must", () => {
    expect(csvField("plain")).toBe("plain");
    expect(csvField('a "b", c')).toBe('"a ""b"", c"');
  });
});

describe("CsvDataValueReader", () => {
  it("maps the header's columns in any order and case", () => {
    const r = new CsvDataValueReader();
    const rows = [
      ...r.push("Period,OrgUnit,DataElement,Value\n202403,OU1,INFANT_MORTALITY,3.2\n"),
      ...r.end(),
    ];
    expect(rows).toEqual([
      {
        row: 2,
        fields: 4,
        value: { period: "202403", orgUnit: "OU1", dataElement: "INFANT_MORTALITY", value: "3.2" },
      },
    ]);
  });

  it("assumes DHIS2's column order without a header", () => {
    const r = new CsvDataValueReader();
    const rows = [...r.push("LIFE_EXPECTANCY,2024,OU9,,,79.1,张三,2024-12-31,,false"), ...r.end()];
    expect(rows[0]?.value).toMatchObject({
      dataElement: "LIFE_EXPECTANCY",
      period: "2024",
      orgUnit: "OU9",
      value: "79.1",
      storedBy: "张三",
    });
    expect(rows[0]?.row).toBe(1);
  });

  it("flags a record with more fields than columns", () => {
    const r = new CsvDataValueReader();
    const rows = [...r.push(`${csvHeader}\nA,2024,OU,,,1,,,,false,extra\n`), ...r.end()];
    expect(rows[0]).toEqual({ row: 2, value: null, fields: 11 });
  });

  it("reads back what toCsvLine wrote, a comment with commas included", () => {
    const line = toCsvLine({
      dataElement: "HYPERTENSION_MANAGED",
      period: "2024M05",
      orgUnit: "P00C01",
      value: 75.5,
      numerator: 151,
      denominator: 200,
      storedBy: "李, 四",
      lastUpdated: "2024-06-01T00:00:00.000Z",
    });
    const r = new CsvDataValueReader();
    const rows = [...r.push(`${csvHeader}\n${line}\n`), ...r.end()];
    expect(rows[0]?.value).toEqual({
      dataElement: "HYPERTENSION_MANAGED",
      period: "202405",
      orgUnit: "P00C01",
      value: "75.5",
      storedBy: "李, 四",
      lastUpdated: "2024-06-01T00:00:00.000Z",
      comment: "numerator=151;denominator=200",
      followup: "false",
    });
  });
});
