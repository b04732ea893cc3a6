import { describe, expect, it } from "vitest";
import {
  hasActionVerb,
  isNonTaskTitle,
  isPageNoise,
  isPreamble,
  looksLikeHeading,
  markerDepth,
  markerLength,
  readsAsPastResult,
  tenseCue,
} from "./reading.js";

describe("markerLength and markerDepth", () => {
  it("measures the outline markers of the genre", () => {
    expect(markerLength("一、总体要求")).toBe(2);
    expect(markerLength("(三)病媒生物防制行动")).toBe(3);
    expect(markerLength("(10)进一步深化县域医共体建设")).toBe(4);
    expect(markerLength("12.指导4个申报国家卫生乡镇")).toBe(3);
    expect(markerLength("3、加强疾病预防控制")).toBe(2);
    expect(markerLength("①开展筛查")).toBe(1);
    expect(markerLength("【篇一】")).toBe(4);
  });

  it("leaves numbers, 一是 and ordinary words alone", () => {
    expect(markerLength("1.5万人次")).toBe(0);
    expect(markerLength("一是加强监测")).toBe(0);
    expect(markerLength("第三季度开展评估")).toBe(0);
    expect(markerLength("推进健康城市建设")).toBe(0);
  });

  it("ranks numbering styles from outer to inner", () => {
    const depths = ["一、", "(一)", "1.", "(1)", "①", "一是"].map((m) => markerDepth(`${m}加强`));
    expect(depths).toEqual([1, 2, 3, 4, 5, 6]);
    expect(markerDepth("加强")).toBeNull();
  });
});

describe("line readings", () => {
  it("recognises page chrome", () => {
    expect(isPageNoise("当前位置: 达达文档网 > 文档下载 > 工作计划 > 正文")).toBe(true);
    expect(isPageNoise("2020-06-12 10:18:37")).toBe(true);
    expect(isPageNoise("微信扫一扫在手机阅读、分享本文")).toBe(true);
    expect(isPageNoise("推进健康城市建设,开展健康城市评价。")).toBe(false);
  });

  it("recognises the preamble, news leads and reported speech", () => {
    expect(isPreamble("以习近平新时代中国特色社会主义思想为指导,全面贯彻党的二十大精神")).toBe(true);
    expect(isPreamble("2020年是全面建成小康社会的收官之年。")).toBe(true);
    expect(isPreamble("1月19日,全省卫生计生工作视频会议在福州召开。")).toBe(true);
    expect(isPreamble("李斌强调,2015年将继续推进深化医改。")).toBe(true);
    expect(isPreamble("重点抓好以下四个方面工作:")).toBe(true);
    expect(isPreamble("“十四五”规划和2035年远景目标纲要提出,到2035年建成健康中国。")).toBe(true);
    expect(isPreamble("推进健康城市建设,开展健康城市评价。")).toBe(false);
  });

  it("recognises headings as short lines without a sentence", () => {
    expect(looksLikeHeading("健康知识普及行动")).toBe(true);
    expect(looksLikeHeading("一是凝心聚力,党的建设全面加强")).toBe(true);
    expect(looksLikeHeading("开展爱国卫生月活动。")).toBe(false);
  });

  it("tells work to do from results reached", () => {
    expect(hasActionVerb("持续推进家庭医生签约服务")).toBe(true);
    expect(hasActionVerb("妇女儿童健康是全民健康的基石")).toBe(false);
    expect(readsAsPastResult("全县组建家庭医生签约服务团队66个,已签约18.9万人,累计覆盖74%")).toBe(true);
    expect(readsAsPastResult("年底前签约率达到75%,进一步扩大覆盖")).toBe(false);
    expect(readsAsPastResult("全面落实家庭医生签约服务。")).toBe(false);
  });
});

describe("tenseCue", () => {
  it("turns to the past at a review heading and back at the work ahead", () => {
    expect(tenseCue("一、回顾总结2017年卫生计生工作", true)).toBe(true);
    expect(tenseCue("二、全力做好2018年卫生计生工作", true)).toBe(false);
    expect(tenseCue("一、上半年工作总结", true)).toBe(true);
    expect(tenseCue("二、下半年工作计划", true)).toBe(false);
    expect(tenseCue("总结2019年工作,部署2020年重点工作", true)).toBe(false);
  });

  it("reads only unmistakable cues at the opening of a paragraph", () => {
    expect(tenseCue("过去的一年,卫生计生工作取得的成绩", false)).toBe(true);
    expect(tenseCue("认真总结推广典型经验", false)).toBeNull();
    expect(tenseCue("对下阶段卫生健康工作,要求:", false)).toBe(false);
    expect(tenseCue("推进健康城市建设", false)).toBeNull();
  });

  it("gives the same answer when called again (no state left in its patterns)", () => {
    expect(tenseCue("过去的一年", false)).toBe(true);
    expect(tenseCue("过去的一年", false)).toBe(true);
  });
});

describe("isNonTaskTitle", () => {
  it("marks context sections by their title", () => {
    for (const title of [
      "指导思想",
      "总体要求",
      "主要目标指标",
      "重要指标",
      "回顾总结2017年卫生计生工作",
      "保障措施",
      "加强组织领导",
      "2015年工作情况",
    ]) {
      expect(isNonTaskTitle(title), title).toBe(true);
    }
  });

  it("keeps task headings that merely mention such words", () => {
    for (const title of [
      "加强人口监测和形势分析",
      "明确目标任务",
      "强化开展军队爱国卫生运动,加快实现“健康强军”工作目标",
      "健康知识普及行动",
    ]) {
      expect(isNonTaskTitle(title), title).toBe(false);
    }
  });
});
