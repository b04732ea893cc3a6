import { describe, expect, it } from "vitest";
import { splitClauses, splitSentences } from "./clauses.js";

const texts = (t: string, spans: Array<{ start: number; end: number }>) =>
  spans.map((s) => t.slice(s.start, s.end));

describe("splitSentences", () => {
  it("splits at sentence ends and lines but not at a decimal 。", () => {
    const t = "签约率提升至92。5%。门诊量增长;\n第二行";
    expect(texts(t, splitSentences(t, 0, t.length))).toEqual(["签约率提升至92。5%", "门诊量增长", "第二行"]);
  });
});

describe("splitClauses", () => {
  it("splits at commas outside short parentheses", () => {
    const t = "新增托位800个(其中普惠,托位480个),建成驿站22家";
    expect(texts(t, splitClauses(t, { start: 0, end: t.length }))).toEqual([
      "新增托位800个(其中普惠,托位480个)",
      "建成驿站22家",
    ]);
  });

  it("splits inside a long aside and keeps a garbled ,、 list together", () => {
    const t = "达到75岁(据第六次全国人口普查详细汇总资料计算,2010年为74岁)";
    expect(texts(t, splitClauses(t, { start: 0, end: t.length }))).toHaveLength(2);
    const u = "高血压,、糖尿病患者管理率达60%";
    expect(texts(u, splitClauses(u, { start: 0, end: u.length }))).toEqual([u]);
  });
});
