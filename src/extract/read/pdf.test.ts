import { describe, expect, it } from "vitest";
import { DocumentError } from "./errors.js";
import { buildPdf } from "./fixtures.js";
import { itemsToLines, readPdf } from "./pdf.js";

describe("readPdf", () => {
  it("reads a Chinese text layer line by line, top to bottom", async () => {
    const bytes = buildPdf([
      [
        { text: "居民健康素养水平达到40%以上。", x: 72, y: 700 },
        { text: "2024年卫生健康工作要点", x: 72, y: 760 },
        { text: "一、总体目标", x: 72, y: 730 },
      ],
    ]);
    expect(await readPdf(bytes)).toBe("2024年卫生健康工作要点\n一、总体目标\n居民健康素养水平达到40%以上。");
  });

  it("joins runs on the same baseline and separates pages", async () => {
    const bytes = buildPdf([
      [
        { text: "牵头单位:", x: 72, y: 700 },
        { text: "疾控科", x: 200, y: 700 },
      ],
      [{ text: "第二页 Page two", x: 72, y: 760 }],
    ]);
    expect(await readPdf(bytes)).toBe("牵头单位: 疾控科\n\n第二页 Page two");
  });

  it("decodes a predefined Chinese CMap (UniGB-UCS2-H) without a ToUnicode map, offline", async () => {
    const bytes = buildPdf([[{ text: "医疗卫生服务体系建设", x: 72, y: 700 }]], { encoding: "UniGB-UCS2-H" });
    expect(await readPdf(bytes)).toBe("医疗卫生服务体系建设");
  });

  it("rejects bytes that are not a PDF", async () => {
    const bad = new TextEncoder().encode("%PDF-1.7\nthis is not really a pdf\n%%EOF");
    const error = await readPdf(bad).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DocumentError);
    expect((error as DocumentError).code).toBe("corrupt_pdf");
  });
});

describe("itemsToLines", () => {
  const item = (str: string, x: number, y: number, width = str.length * 12) => ({
    str,
    transform: [12, 0, 0, 12, x, y],
    width,
    height: 12,
  });

  it("groups items whose baselines differ by less than half a glyph", () => {
    expect(itemsToLines([item("任务", 10, 500), item("分工", 34, 502), item("下一行", 10, 480)])).toEqual([
      "任务分工",
      "下一行",
    ]);
  });
});
