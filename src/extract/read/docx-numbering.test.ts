import { describe, expect, it } from "vitest";
import { readDocx } from "./docx.js";
import { chineseCounting, formatNumber, Numbering } from "./docx-numbering.js";
import { buildDocx } from "./fixtures.js";

const lvl = (ilvl: number, format: string, text: string, suffix = "nothing") =>
  `<w:lvl w:ilvl="${ilvl}"><w:start w:val="1"/><w:numFmt w:val="${format}"/><w:suff w:val="${suffix}"/><w:lvlText w:val="${text}"/></w:lvl>`;

// The outline of a Chinese plan: 一、 / (一) / 1. — as Word stores it in numbering.xml.
const numberingXml =
  `<w:numbering xmlns:w="w">` +
  `<w:abstractNum w:abstractNumId="0">${lvl(0, "chineseCounting", "%1、")}${lvl(1, "chineseCounting", "(%2)")}${lvl(2, "decimal", "%3.", "space")}</w:abstractNum>` +
  `<w:abstractNum w:abstractNumId="1">${lvl(0, "bullet", "\uf0b7")}</w:abstractNum>` +
  `<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>` +
  `<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>` +
  `<w:num w:numId="3"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>` +
  `</w:numbering>`;
const stylesXml =
  `<w:styles xmlns:w="w"><w:style w:type="paragraph" w:styleId="Heading1"><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>` +
  `<w:style w:type="paragraph" w:styleId="Normal"/></w:styles>`;

describe("chineseCounting", () => {
  it("writes numbers as Chinese headings do", () => {
    expect([1, 9, 10, 11, 20, 21, 99, 100, 105, 110].map(chineseCounting)).toEqual([
      "一",
      "九",
      "十",
      "十一",
      "二十",
      "二十一",
      "九十九",
      "一百",
      "一百零五",
      "一百一十",
    ]);
  });
});

describe("formatNumber", () => {
  it("covers the list formats of Chinese documents", () => {
    expect(formatNumber(3, "decimal")).toBe("3");
    expect(formatNumber(3, "decimalEnclosedCircle")).toBe("③");
    expect(formatNumber(2, "ideographTraditional")).toBe("乙");
    expect(formatNumber(4, "upperRoman")).toBe("IV");
    expect(formatNumber(28, "lowerLetter")).toBe("bb");
  });
});

describe("Numbering", () => {
  it("counts per level and restarts deeper levels", () => {
    const n = new Numbering(numberingXml, null);
    const seq = [0, 1, 2, 2, 1, 2, 0, 1].map((ilvl) => n.next({ numId: "1", ilvl }));
    expect(seq).toEqual(["一、", "(一)", "1. ", "2. ", "(二)", "1. ", "二、", "(一)"]);
  });

  it("applies a start override and gives bullets no marker", () => {
    const n = new Numbering(numberingXml, null);
    expect(n.next({ numId: "3", ilvl: 0 })).toBe("五、");
    expect(n.next({ numId: "2", ilvl: 0 })).toBe("");
    expect(n.next({ numId: "99", ilvl: 0 })).toBe("");
  });
});

describe("readDocx with automatic numbering", () => {
  it("puts the generated markers back in front of the headings", () => {
    const bytes = buildDocx(
      [
        "2024年卫生健康工作要点",
        { text: "总体目标", style: "Heading1" },
        "居民健康素养水平达到30%以上。",
        { text: "重点任务", numId: "1", ilvl: 0 },
        { text: "深化医改", numId: "1", ilvl: 1 },
        { text: "推进分级诊疗", numId: "1", ilvl: 2 },
        { text: "不编号的段落", numId: "0", style: "Heading1" },
      ],
      { "word/numbering.xml": numberingXml, "word/styles.xml": stylesXml },
    );
    expect(readDocx(bytes).split("\n")).toEqual([
      "2024年卫生健康工作要点",
      "一、总体目标",
      "居民健康素养水平达到30%以上。",
      "二、重点任务",
      "(一)深化医改",
      "1. 推进分级诊疗",
      "不编号的段落",
    ]);
  });
});
