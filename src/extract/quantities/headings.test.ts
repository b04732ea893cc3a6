import { describe, expect, it } from "vitest";
import { findHeadings, headingAt } from "./headings.js";

describe("findHeadings", () => {
  const text = "一、回顾总结2023年工作\n全年新建站点6个。\n二、2024年工作安排\n新建站点8个。";

  it("finds top-level headings with their tense and year", () => {
    const hs = findHeadings(text, 0, text.length, []);
    expect(hs.map((h) => [h.tense, h.year])).toEqual([
      [-1, 2023],
      [1, 2024],
    ]);
  });

  it("answers the heading around a position", () => {
    const hs = findHeadings(text, 0, text.length, []);
    expect(headingAt(hs, text.indexOf("6个"))).toMatchObject({ tense: -1, year: 2023 });
    expect(headingAt(hs, text.indexOf("8个"))).toMatchObject({ tense: 1, year: 2024 });
  });

  it("lets the outermost heading that names a tense decide", () => {
    const t = "一、2023年工作总结\n(一)稳步推进重点工作\n建成站点6个。";
    const sections = [
      {
        id: "s1",
        parentId: null,
        level: 1,
        marker: "一、",
        title: "2023年工作总结",
        start: 0,
        end: 12,
        contentEnd: t.length,
      },
      {
        id: "s2",
        parentId: "s1",
        level: 2,
        marker: "(一)",
        title: "稳步推进重点工作",
        start: 13,
        end: 24,
        contentEnd: t.length,
      },
    ];
    expect(headingAt(findHeadings(t, 0, t.length, sections), t.indexOf("6个"))?.tense).toBe(-1);
  });
});
