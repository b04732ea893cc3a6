import { describe, expect, it } from "vitest";
import { buildOutline } from "./outline.js";
import { splitLines } from "./lines.js";
import type { DraftSection } from "../draft.js";

const outline = (text: string): DraftSection[] => buildOutline(splitLines(text), text.length);
const brief = (sections: DraftSection[]): string[] =>
  sections.map((s) => `${s.id} L${s.level} ${s.parentId ?? "-"} ${s.marker} ${s.title}`);

describe("buildOutline", () => {
  it("nests the usual marker kinds by rank", () => {
    const text = "一、总体目标\n(一)主要指标\n1.居民健康素养水平达到30%。\n(1)细项\n①再细\n二、重点任务";
    expect(brief(outline(text))).toEqual([
      "s1 L1 - 一、 总体目标",
      "s1.1 L2 s1 (一) 主要指标",
      "s1.1.1 L3 s1.1 1. 居民健康素养水平达到30%",
      "s1.1.1.1 L4 s1.1.1 (1) 细项",
      "s1.1.1.1.1 L5 s1.1.1.1 ① 再细",
      "s2 L1 - 二、 重点任务",
    ]);
  });

  it("puts (一) at level 1 in a plan that starts there", () => {
    const text =
      "(一)全力抓好医疗服务体系构建。一是高质量运营区域医疗中心。二是加强医疗合作,共建专科。\n(二)深化改革。";
    expect(brief(outline(text))).toEqual([
      "s1 L1 - (一) 全力抓好医疗服务体系构建",
      "s1.1 L2 s1 一是 高质量运营区域医疗中心",
      "s1.2 L2 s1 二是 加强医疗合作",
      "s2 L1 - (二) 深化改革",
    ]);
  });

  it("reads a number alone on a line as the marker of the title line below it", () => {
    const text = "总体思路。\n1\n全面实施健康行动。\n建立健全推进机制。\n2\n继续深化医改。\n内容。";
    const s = outline(text);
    expect(brief(s)).toEqual(["s1 L1 - 1 全面实施健康行动", "s2 L1 - 2 继续深化医改"]);
    expect(text.slice(s[0]?.start, s[0]?.end)).toBe("1\n全面实施健康行动");
    expect(s[0]?.contentEnd).toBe(s[1]?.start);
    expect(s[1]?.contentEnd).toBe(text.length);
  });

  it("does not read a page number of PDF text as a heading", () => {
    const running =
      "持续推进医疗卫生服务体系建设,提升群众就医获得感,推动优质医疗资源扩容下沉和区域均衡布局。";
    expect(outline(`${running}\n12\n${running}`)).toEqual([]);
    expect(outline("1\n全面实施健康行动。\n内容。\n5\n继续深化医改。").map((s) => s.marker)).toEqual(["1"]);
  });

  it("reads parenthesised digits ⑴ as (1)", () => {
    expect(brief(outline("(一)总体\n⑴细项一\n⑵细项二"))).toEqual([
      "s1 L1 - (一) 总体",
      "s1.1 L2 s1 ⑴ 细项一",
      "s1.2 L2 s1 ⑵ 细项二",
    ]);
  });

  it("ends an inline enumeration with its paragraph and the next one at the next marker", () => {
    const text = "(一)改革。一是推广经验。二是建立制度,完善管理。\n其他内容。";
    const s = outline(text);
    const [, one, two] = s;
    expect(text.slice(one?.start, one?.contentEnd)).toBe("一是推广经验。");
    expect(text.slice(two?.start, two?.contentEnd)).toBe("二是建立制度,完善管理。");
    expect(s[0]?.contentEnd).toBe(text.length);
  });

  it("does not take 一是 inside a word or out of sequence", () => {
    const text = "(一)改革。统一是关键。二是没有一。\n";
    expect(brief(outline(text))).toEqual(["s1 L1 - (一) 改革"]);
  });

  it("takes a short 一是 line as a line heading with its whole text as title", () => {
    const text = "一是凝心聚力,党的建设全面加强\n内容。\n二是精准施策,健康扶贫稳步推进\n内容。";
    expect(brief(outline(text))).toEqual([
      "s1 L1 - 一是 凝心聚力,党的建设全面加强",
      "s2 L1 - 二是 精准施策,健康扶贫稳步推进",
    ]);
  });

  it("reads no heading from dates and decimals", () => {
    expect(outline("2024-01-02 发布\n1.5亿元投入使用。\n12月底前完成。")).toEqual([]);
  });

  it("keeps every span inside the text", () => {
    const text = "一、\n(一)\n1.\n一是\n3\n";
    for (const s of outline(text)) {
      expect(s.start).toBeLessThanOrEqual(s.end);
      expect(s.end).toBeLessThanOrEqual(s.contentEnd);
      expect(s.contentEnd).toBeLessThanOrEqual(text.length);
    }
  });
});
