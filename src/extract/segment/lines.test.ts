import { describe, expect, it } from "vitest";
import { splitLines } from "./lines.js";

describe("splitLines", () => {
  it("keeps non-blank lines trimmed, with offsets into the text", () => {
    const text = "  一、总体要求 \n\n\t全市居民健康素养水平达40%以上。\n   \n末行";
    const lines = splitLines(text);
    expect(lines.map((l) => l.text)).toEqual(["一、总体要求", "全市居民健康素养水平达40%以上。", "末行"]);
    for (const l of lines) expect(text.slice(l.start, l.end)).toBe(l.text);
    expect(lines.map((l) => l.index)).toEqual([0, 1, 2]);
  });

  it("gives nothing for an empty or blank text", () => {
    expect(splitLines("")).toEqual([]);
    expect(splitLines("\n \n\t")).toEqual([]);
  });
});
