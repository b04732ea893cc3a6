import { describe, expect, it } from "vitest";
import { findPlanStarts, isPieceMarker, isTitleLine, pieceTitle, variantStem } from "./split.js";
import { splitLines } from "./lines.js";

describe("isPieceMarker", () => {
  it("knows the markers of a page's pieces", () => {
    for (const t of ["【篇一】", "【篇12】", "篇3", "第二篇", "【第3篇】", "范文一", "范文2:"])
      expect(isPieceMarker(t)).toBe(true);
    for (const t of ["篇", "第二部分", "一、总体要求", "【主要目标】"]) expect(isPieceMarker(t)).toBe(false);
  });
});

describe("pieceTitle", () => {
  it("reads the title printed after a piece marker", () => {
    expect(pieceTitle("【篇二】乡镇卫生院工作计划")).toBe("乡镇卫生院工作计划");
    expect(pieceTitle("第三篇:2023年社区卫生服务中心工作计划")).toBe("2023年社区卫生服务中心工作计划");
    expect(pieceTitle("范文一:卫生院工作要点")).toBe("卫生院工作要点");
    expect(isPieceMarker("【篇二】乡镇卫生院工作计划")).toBe(true);
    expect(pieceTitle("第一部分:总体要求")).toBeNull();
    expect(pieceTitle("【篇一】")).toBeNull();
  });
});

describe("variantStem", () => {
  it("reads numbered variants of one title", () => {
    expect(variantStem("2024年市爱国卫生和健康促进工作要点二")).toBe("2024年市爱国卫生和健康促进工作要点");
    expect(variantStem("乡镇卫生工作计划篇1")).toBe("乡镇卫生工作计划");
    expect(variantStem("卫生健康上半年工作总结及下半年工作计划3")).toBe(
      "卫生健康上半年工作总结及下半年工作计划",
    );
  });

  it("leaves counts, headings and sentences alone", () => {
    expect(variantStem("乡镇卫生工作计划合集6篇")).toBeNull();
    expect(variantStem("2.重点工作举措")).toBeNull();
    expect(variantStem("三、工作要求")).toBeNull();
    expect(variantStem("完成计划的任务二")).toBeNull();
  });
});

describe("isTitleLine", () => {
  it("sees a document title", () => {
    expect(isTitleLine("2022年全市卫生健康工作要点")).toBe(true);
    expect(isTitleLine("(7篇)2025年卫健工作思路")).toBe(true);
    expect(isTitleLine("中国妇幼健康事业发展报告(2019)")).toBe(true);
    expect(isTitleLine("全市居民健康素养水平达40%以上。")).toBe(false);
    expect(isTitleLine("乡镇卫生院工作计划(通用5篇)")).toBe(true);
    expect(isTitleLine("•工作总结")).toBe(false);
    expect(isTitleLine("年度工作计划")).toBe(false);
  });
});

describe("findPlanStarts", () => {
  const body = "全面推进健康城市建设,持续改善城乡环境卫生面貌,巩固国家卫生城市创建成果。".repeat(4);

  it("starts a plan at each numbered variant of the title", () => {
    const lines = splitLines(
      `县卫生工作要点3篇\n县卫生工作要点一\n${body}\n县卫生工作要点二\n${body}甲\n县卫生工作要点三\n${body}乙`,
    );
    expect(
      findPlanStarts(
        lines,
        lines.map(() => false),
      ),
    ).toEqual([1, 3, 5]);
  });

  it("starts a plan where a document title is printed again after a stretch of text", () => {
    const lines = splitLines(
      `2020年卫生健康工作计划\n${body}\n${body}\n${body}\n${body}\n2020年卫生健康工作计划\n一、总体要求\n${body}甲`,
    );
    expect(
      findPlanStarts(
        lines,
        lines.map(() => false),
      ),
    ).toEqual([0, 5]);
  });

  it("does not split at a running header printed again mid-text", () => {
    const lines = splitLines(
      `2020年卫生健康工作计划\n一、总体要求\n${body}\n${body}\n${body}\n${body}\n2020年卫生健康工作计划\n${body}\n三、保障措施\n${body}`,
    );
    expect(
      findPlanStarts(
        lines,
        lines.map(() => false),
      ),
    ).toEqual([]);
  });

  it("does not split at a page title printed again above the text after a short intro", () => {
    const lines = splitLines(`2020年卫生健康工作计划\n${body}\n${body}\n2020年卫生健康工作计划\n${body}甲`);
    expect(
      findPlanStarts(
        lines,
        lines.map(() => false),
      ),
    ).toEqual([]);
  });

  it("reads a run of variant titles one after another as a list, not as pieces", () => {
    const lines = splitLines(`县卫生工作要点一\n县卫生工作要点二\n县卫生工作要点三\n${body}`);
    expect(
      findPlanStarts(
        lines,
        lines.map(() => false),
      ),
    ).toEqual([0]);
  });

  it("finds no start in a single plan", () => {
    const lines = splitLines(`2020年卫生健康工作计划\n一、总体要求\n${body}\n二、主要任务\n${body}`);
    expect(
      findPlanStarts(
        lines,
        lines.map(() => false),
      ),
    ).toEqual([]);
  });
});
