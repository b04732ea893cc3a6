import { describe, expect, it } from "vitest";
import { headingTense, isBaselineValue, tenseOf, yearRightBefore, yearsIn } from "./kind.js";

describe("tenseOf", () => {
  it.each([
    ["力争全市签约率达到80%", 1],
    ["确保不发生重大安全事故", 1],
    ["到2025年建成区域医疗中心", 1],
    ["全县已建成标准化村卫生室35所", -1],
    ["同比增长6.6%", -1],
    ["组织开展了义诊活动20场", -1],
    ["全市新建社区卫生服务站6个", 0],
  ])("%s → %d", (text, t) => {
    expect(tenseOf(text)).toBe(t);
  });

  it("is not fooled by nouns that contain cue characters", () => {
    expect(tenseOf("计划生育特殊家庭签约率达100%")).toBe(0);
    expect(tenseOf("主要指标完成情况良好")).toBe(0);
    expect(tenseOf("人均预期寿命为78岁")).toBe(0);
    expect(tenseOf("已建成站点的乡镇活动不少于6场")).toBe(0);
    expect(tenseOf("发病率下降到2020年的3.1%")).toBe(0);
  });
});

describe("headingTense", () => {
  it("reads reviews as results and plans as targets", () => {
    expect(headingTense("回顾总结2023年卫生健康工作")).toBe(-1);
    expect(headingTense("上半年重点工作及特色亮点")).toBe(-1);
    expect(headingTense("2024年工作安排")).toBe(1);
    expect(headingTense("加强疾病预防控制")).toBe(0);
  });
});

describe("years", () => {
  it("finds the years a text names and the one right before a value", () => {
    expect(yearsIn("由2010年的30/10万降至2014年的21.7/10万")).toEqual([2010, 2014]);
    expect(yearRightBefore("降至2014年的")).toBe(2014);
    expect(yearRightBefore("人均预期寿命达到")).toBeNull();
  });

  it("recognises a baseline value", () => {
    expect(isBaselineValue("吸烟率由目前的")).toBe(true);
    expect(isBaselineValue("占比从2016年的")).toBe(true);
    expect(isBaselineValue("吸烟率降至")).toBe(false);
  });
});
