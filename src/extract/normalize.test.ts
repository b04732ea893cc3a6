import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { normalizeText, toOriginalSpan } from "./normalize.js";

describe("normalizeText", () => {
  it("converts traditional to simplified and keeps a map to the original", () => {
    const n = normalizeText("全市居民健康素養水平達到40%以上");
    expect(n.text).toBe("全市居民健康素养水平达到40%以上");
    const at = n.text.indexOf("素养");
    expect(toOriginalSpan(n, at, at + 2).quote).toBe("素養");
  });

  it("folds full-width digits and punctuation", () => {
    const n = normalizeText("达到４０％（含）");
    expect(n.text).toBe("达到40%(含)");
  });

  it("drops pinyin glosses but quotes them from the original", () => {
    const original = "《規(guī)劃》預(yù)計(jì)到2025年";
    const n = normalizeText(original);
    expect(n.text).toBe("《规划》预计到2025年");
    const at = n.text.indexOf("规划");
    expect(toOriginalSpan(n, at, at + 2).quote).toBe("規(guī)劃");
  });

  it("keeps a parenthesis that is not a pinyin gloss", () => {
    expect(normalizeText("执业(助理)医师").text).toBe("执业(助理)医师");
    expect(normalizeText("市卫健委(牵头)").text).toBe("市卫健委(牵头)");
  });

  it("removes layout spaces around Chinese text but keeps spaces between latin words", () => {
    const n = normalizeText("  控制在 500 万以内\r\nCMI value 2");
    expect(n.text).toBe("控制在500万以内\nCMI value 2");
  });

  it("maps every span back to an exact original substring", () => {
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.constantFrom(
            "衛",
            "生",
            " ",
            "（",
            "ī",
            "(",
            ")",
            "g",
            "u",
            "\r",
            "\n",
            "４",
            "a",
            "。",
            "\u3000",
            "𠮷",
            "\ufeff",
          ),
          maxLength: 60,
        }),
        fc.nat(),
        fc.nat(),
        (s, a, b) => {
          const n = normalizeText(s);
          const len = n.text.length;
          const start = len ? a % (len + 1) : 0;
          const end = len ? start + (b % (len - start + 1)) : 0;
          const span = toOriginalSpan(n, start, end);
          expect(span.start).toBeGreaterThanOrEqual(0);
          expect(span.end).toBeLessThanOrEqual(s.length);
          expect(span.start).toBeLessThanOrEqual(span.end);
          expect(span.quote).toBe(s.slice(span.start, span.end));
        },
      ),
    );
  });
});
