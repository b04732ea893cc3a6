/**
 * Word's automatic numbering: the "一、", "(二)", "1." a .docx shows in front of a paragraph are not in
 * its text but generated from word/numbering.xml. The outline of a plan lives in those markers, so we
 * regenerate them: per list level a counter, a format (decimal, chineseCounting, …) and a pattern "%1、".
 */
import { Parser } from "htmlparser2";
import { nestingGuard, tooDeep } from "./nesting.js";

interface Level {
  start: number;
  format: string;
  text: string;
  suffix: string;
}

/** Numbering as a paragraph references it, directly or through its paragraph style. */
export interface NumberingRef {
  numId: string;
  ilvl: number;
}

const CHINESE_DIGITS = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];

/** 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五 (up to 9999). */
export function chineseCounting(n: number): string {
  if (n <= 0 || n >= 10_000) return String(n);
  const units = ["", "十", "百", "千"];
  const digits = String(n).split("").map(Number);
  let out = "";
  let zero = false;
  digits.forEach((d, i) => {
    const unit = units[digits.length - 1 - i] ?? "";
    if (d === 0) {
      zero = out !== "";
      return;
    }
    if (zero) out += "零";
    zero = false;
    out += (CHINESE_DIGITS[d] ?? "") + unit;
  });
  return out.startsWith("一十") ? out.slice(1) : out;
}

const letters = (n: number, upper: boolean): string => {
  const base = String.fromCharCode((upper ? 65 : 97) + ((n - 1) % 26));
  return base.repeat(Math.floor((n - 1) / 26) + 1);
};

function roman(n: number): string {
  const table: Array<[number, string]> = [
    [1000, "M"],
    [900, "CM"],
    [500, "D"],
    [400, "CD"],
    [100, "C"],
    [90, "XC"],
    [50, "L"],
    [40, "XL"],
    [10, "X"],
    [9, "IX"],
    [5, "V"],
    [4, "IV"],
    [1, "I"],
  ];
  let out = "";
  for (const [value, glyph] of table) {
    while (n >= value) {
      out += glyph;
      n -= value;
    }
  }
  return out;
}

const HEAVENLY_STEMS = "甲乙丙丁戊己庚辛壬癸";

export function formatNumber(n: number, format: string): string {
  switch (format) {
    case "chineseCounting":
    case "chineseCountingThousand":
    case "chineseLegalSimplified":
    case "ideographDigital":
    case "japaneseCounting":
    case "taiwaneseCounting":
    case "taiwaneseCountingThousand":
      return chineseCounting(n);
    case "ideographTraditional":
      return HEAVENLY_STEMS[(n - 1) % 10] ?? String(n);
    case "decimalEnclosedCircle":
    case "decimalEnclosedCircleChinese":
      return n >= 1 && n <= 20 ? String.fromCharCode(0x2460 + n - 1) : String(n);
    case "upperLetter":
      return letters(n, true);
    case "lowerLetter":
      return letters(n, false);
    case "upperRoman":
      return roman(n);
    case "lowerRoman":
      return roman(n).toLowerCase();
    case "decimalZero":
      return String(n).padStart(2, "0");
    case "none":
      return "";
    default:
      return String(n);
  }
}

export class Numbering {
  private readonly abstracts = new Map<string, Map<number, Level>>();
  private readonly nums = new Map<string, { abstractId: string; starts: Map<number, number> }>();
  private readonly styles = new Map<string, NumberingRef>();
  /** Counters per list: lists of one abstract numbering continue each other unless they restart. */
  private readonly counters = new Map<string, number[]>();

  constructor(numberingXml: string | null, stylesXml: string | null) {
    if (numberingXml) this.readNumbering(numberingXml);
    if (stylesXml) this.readStyles(stylesXml);
  }

  private readNumbering(xml: string): void {
    let abstractId: string | null = null;
    let level: (Level & { ilvl: number }) | null = null;
    let num: { id: string; abstractId: string; starts: Map<number, number> } | null = null;
    let overrideLevel: number | null = null;
    const parser = new Parser(
      nestingGuard(
        {
          onopentag: (name, a) => {
            if (name === "w:abstractNum") {
              abstractId = a["w:abstractNumId"] ?? null;
              if (abstractId !== null) this.abstracts.set(abstractId, new Map());
            } else if (name === "w:lvl" && abstractId !== null) {
              level = {
                ilvl: Number(a["w:ilvl"] ?? 0),
                start: 1,
                format: "decimal",
                text: "",
                suffix: "tab",
              };
            } else if (level && name === "w:start") level.start = Number(a["w:val"] ?? 1);
            else if (level && name === "w:numFmt") level.format = a["w:val"] ?? "decimal";
            else if (level && name === "w:lvlText") level.text = a["w:val"] ?? "";
            else if (level && name === "w:suff") level.suffix = a["w:val"] ?? "tab";
            else if (name === "w:num") num = { id: a["w:numId"] ?? "", abstractId: "", starts: new Map() };
            else if (num && name === "w:abstractNumId") num.abstractId = a["w:val"] ?? "";
            else if (num && name === "w:lvlOverride") overrideLevel = Number(a["w:ilvl"] ?? 0);
            else if (num && overrideLevel !== null && name === "w:startOverride") {
              num.starts.set(overrideLevel, Number(a["w:val"] ?? 1));
            }
          },
          onclosetag: (name) => {
            if (name === "w:lvl" && level && abstractId !== null) {
              this.abstracts.get(abstractId)?.set(level.ilvl, level);
              level = null;
            } else if (name === "w:abstractNum") abstractId = null;
            else if (name === "w:lvlOverride") overrideLevel = null;
            else if (name === "w:num" && num) {
              this.nums.set(num.id, { abstractId: num.abstractId, starts: num.starts });
              num = null;
            }
          },
        },
        tooDeep("corrupt_docx"),
      ),
      { xmlMode: true },
    );
    parser.write(xml);
    parser.end();
  }

  private readStyles(xml: string): void {
    let styleId: string | null = null;
    let ref: { numId: string | null; ilvl: number } | null = null;
    const parser = new Parser(
      nestingGuard(
        {
          onopentag: (name, a) => {
            if (name === "w:style") {
              styleId = a["w:styleId"] ?? null;
              ref = { numId: null, ilvl: 0 };
            } else if (ref && name === "w:numId") ref.numId = a["w:val"] ?? null;
            else if (ref && name === "w:ilvl") ref.ilvl = Number(a["w:val"] ?? 0);
          },
          onclosetag: (name) => {
            if (name === "w:style") {
              if (styleId !== null && ref?.numId)
                this.styles.set(styleId, { numId: ref.numId, ilvl: ref.ilvl });
              styleId = null;
              ref = null;
            }
          },
        },
        tooDeep("corrupt_docx"),
      ),
      { xmlMode: true },
    );
    parser.write(xml);
    parser.end();
  }

  /** The numbering a paragraph style carries, if any. */
  styleNumbering(styleId: string): NumberingRef | undefined {
    return this.styles.get(styleId);
  }

  /**
   * The marker of the next paragraph of list `numId` at level `ilvl` ("一、", "(三)", "1.2"), advancing
   * the counters; "" for no numbering. Call once per numbered paragraph, in document order.
   */
  next(ref: NumberingRef): string {
    const num = this.nums.get(ref.numId);
    const levels = num ? this.abstracts.get(num.abstractId) : undefined;
    const level = levels?.get(ref.ilvl);
    if (!num || !levels || !level) return "";
    const key = num.starts.size > 0 ? `num:${ref.numId}` : `abstract:${num.abstractId}`;
    let counters = this.counters.get(key);
    if (!counters) {
      counters = [];
      this.counters.set(key, counters);
    }
    const startOf = (i: number): number => num.starts.get(i) ?? levels.get(i)?.start ?? 1;
    counters[ref.ilvl] = counters[ref.ilvl] === undefined ? startOf(ref.ilvl) : (counters[ref.ilvl] ?? 0) + 1;
    // A new item at one level restarts every deeper level.
    counters.length = ref.ilvl + 1;
    if (level.format === "bullet") return "";
    const label = level.text.replace(/%(\d)/g, (_, d: string) => {
      const i = Number(d) - 1;
      // A higher level that has not been used yet counts from its start.
      return formatNumber(counters[i] ?? startOf(i), levels.get(i)?.format ?? "decimal");
    });
    if (label === "") return "";
    return level.suffix === "nothing" ? label : `${label} `;
  }
}
