// Properties of the whole extractor: any text in, no exception out, and every span it reports points at
// exactly the original text it quotes.
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { extractDocument, type ExtractedDocument } from "../src/extract/index.js";

const seedDir = join(import.meta.dirname, "../../shared/seeds");
const seeds = readdirSync(seedDir)
  .filter((f) => f.endsWith(".txt"))
  .map((f) => readFileSync(join(seedDir, f), "utf8"));

function expectSpansExact(doc: ExtractedDocument): void {
  const { text } = doc;
  const check = (s: { start: number; end: number; quote: string }): void => {
    expect(s.start).toBeGreaterThanOrEqual(0);
    expect(s.end).toBeLessThanOrEqual(text.length);
    expect(s.start).toBeLessThanOrEqual(s.end);
    expect(s.quote).toBe(text.slice(s.start, s.end));
  };
  for (const plan of doc.plans) {
    check(plan);
    for (const s of plan.sections) check(s);
    for (const t of plan.tasks) check(t);
    for (const q of [...plan.targets, ...plan.actuals]) {
      check(q);
      expect(Number.isFinite(q.value)).toBe(true);
    }
  }
  for (const d of doc.dropped) {
    expect(d.start).toBeGreaterThanOrEqual(0);
    expect(d.end).toBeLessThanOrEqual(text.length);
  }
}

// Pieces of the genre, so random strings hit the rules' paths rather than only plain noise.
const genrePiece = fc.constantFrom(
  "一、",
  "(二)",
  "（三）",
  "1.",
  "2、",
  "(4)",
  "①",
  "【篇一】",
  "一是",
  "二是",
  "\n",
  "。",
  "；",
  "，",
  "、",
  "达到",
  "以上",
  "以下",
  "控制在",
  "分别",
  "提高",
  "个百分点",
  "%",
  "‰",
  "/10万",
  "万",
  "亿",
  "余",
  "左右",
  "年底前",
  "9月25日前",
  "到2025年",
  "每季度",
  "(市卫健委、市教育局)",
  "(全国爱卫办牵头,有关成员单位参与)",
  "居民健康素养水平",
  "孕产妇死亡率",
  "40",
  "7.5",
  "百分之九十五",
  "两",
  "三分之一",
  "2024年",
  "衛生",
  "(guī)",
  "\r\n",
  " ",
  "\u3000",
  "�",
  "当前位置 > 首页 >",
  "相关热词搜索",
);

describe("extractDocument on any input", () => {
  it("never throws and keeps every span exact on random genre text", () => {
    fc.assert(
      fc.property(fc.array(genrePiece, { maxLength: 80 }), (pieces) => {
        expectSpansExact(extractDocument(pieces.join("")));
      }),
      { numRuns: 300 },
    );
  });

  it("never throws on arbitrary unicode", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 300 }), (s) => {
        expectSpansExact(extractDocument(s));
      }),
      { numRuns: 200 },
    );
  });

  it("keeps every span exact on mutated seed documents", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: seeds.length - 1 }),
        fc.nat(),
        fc.nat({ max: 400 }),
        fc.string({ maxLength: 5 }),
        (which, at, cut, insert) => {
          const seed = seeds[which] ?? "";
          const i = at % (seed.length + 1);
          const mutated = seed.slice(0, i) + insert + seed.slice(i + cut);
          expectSpansExact(extractDocument(mutated.slice(0, 6000)));
        },
      ),
      { numRuns: 40 },
    );
  });

  it("keeps every span exact on the real seeds", () => {
    for (const seed of seeds) expectSpansExact(extractDocument(seed));
  });
});
