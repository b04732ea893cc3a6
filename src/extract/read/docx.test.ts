import { strToU8, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { documentXmlToText, readDocx } from "./docx.js";
import { DocumentError } from "./errors.js";
import { buildDocx } from "./fixtures.js";

const codeOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (e) {
    return e instanceof DocumentError ? `${e.code}: ${e.detail}` : `not a DocumentError: ${String(e)}`;
  }
  return undefined;
};

describe("readDocx", () => {
  it("reads paragraphs in order and a task table row by row", () => {
    const bytes = buildDocx([
      "2024年卫生健康工作要点",
      "一、主要目标",
      "居民健康素养水平达到30%以上。",
      {
        table: [
          ["序号", "工作任务", "牵头单位", "配合单位", "完成时限"],
          ["1", "推进紧密型县域医共体建设", "医政医管科", "财务科、人事科", "2024年12月底"],
        ],
      },
      "二、工作要求",
    ]);
    expect(readDocx(bytes)).toBe(
      [
        "2024年卫生健康工作要点",
        "一、主要目标",
        "居民健康素养水平达到30%以上。",
        "序号 | 工作任务 | 牵头单位 | 配合单位 | 完成时限",
        "1 | 推进紧密型县域医共体建设 | 医政医管科 | 财务科、人事科 | 2024年12月底",
        "二、工作要求",
      ].join("\n"),
    );
  });

  it("rejects bytes that are not a zip archive", () => {
    expect(codeOf(() => readDocx(strToU8("not a zip at all")))).toMatch(/^corrupt_docx: not a zip archive/);
  });

  it("rejects a zip without word/document.xml", () => {
    const zip = zipSync({ "hello.txt": strToU8("你好") });
    expect(codeOf(() => readDocx(zip))).toBe("corrupt_docx: no word/document.xml");
  });

  it("names an Excel workbook instead of calling it a broken Word file", () => {
    const xlsx = zipSync({
      "xl/workbook.xml": strToU8("<workbook/>"),
      "[Content_Types].xml": strToU8("<Types/>"),
    });
    expect(codeOf(() => readDocx(xlsx))).toBe(
      "unknown_format: an Excel workbook (.xlsx), not a Word document",
    );
  });

  it("refuses a document part that would inflate past the size cap", () => {
    const bomb = buildDocx(["x".repeat(100_000)]);
    const limits = { maxUncompressedBytes: 50_000, maxEntries: 100 };
    expect(codeOf(() => readDocx(bomb, limits))).toMatch(/^corrupt_docx: .*inflates past 50000 bytes/);
  });

  it("refuses an archive with too many entries", () => {
    const many = zipSync(
      Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`f${i}.xml`, strToU8("x")])),
    );
    expect(codeOf(() => readDocx(many, { maxUncompressedBytes: 1e6, maxEntries: 10 }))).toMatch(
      /more than 10 zip entries/,
    );
  });
});

describe("documentXmlToText", () => {
  const w = (body: string) => `<w:document xmlns:w="w" xmlns:mc="mc"><w:body>${body}</w:body></w:document>`;

  it("keeps runs, tabs and breaks, drops deleted text and field codes", () => {
    const xml = w(
      `<w:p><w:r><w:t>牵头</w:t></w:r><w:r><w:t>单位</w:t><w:tab/><w:t>疾控科</w:t></w:r>` +
        `<w:del><w:r><w:delText>已删除</w:delText></w:r></w:del><w:r><w:instrText>PAGE</w:instrText></w:r>` +
        `<w:r><w:br/><w:t>第二行 &amp; 更多</w:t></w:r></w:p>`,
    );
    expect(documentXmlToText(xml)).toBe("牵头单位\t疾控科\n第二行 & 更多");
  });

  it("reads a cell of several paragraphs on one line and a nested table inside its cell", () => {
    const cell = (inner: string) => `<w:tc>${inner}</w:tc>`;
    const p = (t: string) => `<w:p><w:r><w:t>${t}</w:t></w:r></w:p>`;
    const xml = w(
      `<w:tbl><w:tr>${cell(p("任务") + p("说明"))}${cell(
        `<w:tbl><w:tr>${cell(p("甲"))}${cell(p("乙"))}</w:tr></w:tbl>`,
      )}</w:tr></w:tbl>`,
    );
    expect(documentXmlToText(xml)).toBe("任务 说明 | 甲 | 乙");
  });
});
