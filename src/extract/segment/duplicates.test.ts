import { describe, expect, it } from "vitest";
import { findDuplicateLines } from "./duplicates.js";
import { splitLines } from "./lines.js";

const para = (s: string): string => `${s}${"持续推进医疗卫生服务体系建设,提升群众就医获得感。".repeat(5)}`;

describe("findDuplicateLines", () => {
  it("drops a whole passage printed a second time", () => {
    const a = para("(一)构建优质医疗服务体系。");
    const b = para("(二)深化医药卫生体制改革。");
    const lines = splitLines(
      `【篇一】\n${a}\n${b}\n【篇二】\n${a}\n${b}\n【篇三】\n${para("(一)另一篇的内容。")}`,
    );
    const dup = findDuplicateLines(
      lines,
      lines.map(() => false),
    );
    expect(dup).toEqual([false, false, false, false, true, true, false, false]);
  });

  it("keeps a short sentence that two plans share", () => {
    const shared = "一、总体要求";
    const lines = splitLines(`${shared}\n${para("甲。")}\n${shared}\n${para("乙。")}`);
    expect(
      findDuplicateLines(
        lines,
        lines.map(() => false),
      ).some(Boolean),
    ).toBe(false);
  });

  it("drops a title printed again right below itself", () => {
    const lines = splitLines("乡镇卫生工作计划合集6篇\n时间过得真快。\n乡镇卫生工作计划合集6篇\n正文。");
    expect(
      findDuplicateLines(
        lines,
        lines.map(() => false),
      ),
    ).toEqual([false, false, true, false]);
  });

  it("ignores lines already dropped as noise", () => {
    const a = para("甲。");
    const lines = splitLines(`${a}\n${a}`);
    expect(findDuplicateLines(lines, [true, false])).toEqual([false, false]);
  });
});
