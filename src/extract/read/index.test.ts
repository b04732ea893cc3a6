import { readFileSync } from "node:fs";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { buildDocx, buildPdf } from "./fixtures.js";
import { DocumentError, MAX_DOCUMENT_BYTES, readDocument } from "./index.js";

const seed001 = readFileSync(
  new URL("../../../../shared/seeds/001_81666edb039b5196.txt", import.meta.url),
  "utf8",
);
const utf8 = (s: string) => new TextEncoder().encode(s);

async function failure(bytes: Uint8Array, name: string): Promise<{ code: string; message: string }> {
  const error = await readDocument(bytes, name).then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof DocumentError)) throw new Error(`expected a DocumentError, got ${String(error)}`);
  return { code: error.code, message: error.message };
}

describe("readDocument", () => {
  it("reads a seed text file as UTF-8", async () => {
    expect(await readDocument(utf8(seed001), "001.txt")).toEqual({
      text: seed001,
      format: "txt",
      encoding: "utf-8",
    });
  });

  it("reads a GBK text file", async () => {
    const excerpt = seed001.slice(0, 1500);
    expect(await readDocument(iconv.encode(excerpt, "gbk"), "要点.txt")).toEqual({
      text: excerpt,
      format: "txt",
      encoding: "gb18030",
    });
  });

  it("reads HTML by extension and by content", async () => {
    const html = "<html><body><nav>首页</nav><p>一、总体目标</p><p>提升服务能力</p></body></html>";
    expect((await readDocument(utf8(html), "page.htm")).text).toBe("一、总体目标\n提升服务能力");
    const sniffed = await readDocument(utf8(html), "page-without-extension");
    expect(sniffed.format).toBe("html");
  });

  it("reads a docx and a pdf, whatever their names say", async () => {
    const docx = buildDocx(["2024年工作要点", { table: [["任务", "牵头单位"]] }]);
    expect(await readDocument(docx, "plan.docx")).toEqual({
      text: "2024年工作要点\n任务 | 牵头单位",
      format: "docx",
    });
    const pdf = buildPdf([[{ text: "卫生健康工作要点", x: 72, y: 700 }]]);
    expect(await readDocument(pdf, "renamed.txt")).toEqual({ text: "卫生健康工作要点", format: "pdf" });
  });

  it("refuses an empty file", async () => {
    expect((await failure(new Uint8Array(0), "a.txt")).code).toBe("empty");
    expect((await failure(utf8("  \n\n "), "a.txt")).code).toBe("empty");
  });

  it("refuses a file over 50 MB before parsing it", async () => {
    const big = new Uint8Array(MAX_DOCUMENT_BYTES + 1);
    expect(await failure(big, "big.pdf")).toMatchObject({
      code: "too_large",
      message: expect.stringMatching(/^文件过大/),
    });
  });

  it("refuses a .docx that is not a zip, and a zip without a document", async () => {
    expect(await failure(utf8("plain text"), "x.docx")).toEqual({
      code: "corrupt_docx",
      message: "不是有效的 Word 文档 (corrupt docx: not a zip archive)",
    });
    const noDocument = buildDocx([], { "word/document.xml": "" });
    expect((await failure(noDocument, "x.docx")).code).toBe("corrupt_docx");
  });

  it("refuses a corrupt pdf and a pdf without a text layer", async () => {
    expect((await failure(utf8("%PDF-1.4\ngarbage"), "x.pdf")).code).toBe("corrupt_pdf");
    expect((await failure(utf8("not a pdf"), "x.pdf")).code).toBe("corrupt_pdf");
    expect(await failure(buildPdf([[]]), "scan.pdf")).toMatchObject({ code: "empty" });
  });

  it("refuses images, legacy .doc files and other binaries", async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
    expect((await failure(png, "scan.png")).code).toBe("unknown_format");
    const doc = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]);
    expect(await failure(doc, "old.doc")).toMatchObject({
      code: "unknown_format",
      message: expect.stringContaining(".docx"),
    });
    const binary = new Uint8Array(4096).map((_, i) => (i * 13) % 256);
    expect((await failure(binary, "data.bin")).code).toBe("binary");
  });

  it("refuses text in no known encoding", async () => {
    const noise = new Uint8Array(3000).map((_, i) => 0x80 + ((i * 7919 + (i >> 3) * 104729) % 128));
    expect((await failure(noise, "x.txt")).code).toBe("undecodable");
  });
});
