import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { normalizeText } from "../normalize.js";
import { findUnitParentheses, isUnitName, parseUnitLine, parseUnitList } from "./units.js";

describe("isUnitName", () => {
  it("accepts bodies, institutions and generic groups of units", () => {
    for (const name of [
      "市爱卫办",
      "市卫健委",
      "市委宣传部",
      "市机关事务服务中心",
      "国家铁路局",
      "中国国家铁路集团有限公司",
      "新华社",
      "全国妇联",
      "共青团中央",
      "全国总工会",
      "各区",
      "各县(市、区)",
      "有关成员单位",
      "市直各单位",
      "县疾控中心",
      "乡镇卫生院",
    ]) {
      expect(isUnitName(name), name).toBe(true);
    }
  });

  it("rejects words that only qualify a noun", () => {
    for (const word of [
      "助理",
      "含民营医院的床位数达到5张",
      "试行",
      "2024-2026年",
      "一",
      "改、扩",
      "重点场所",
      "网站",
      "CMI",
    ]) {
      expect(isUnitName(word), word).toBe(false);
    }
  });
});

describe("parseUnitList", () => {
  it("makes the first unit of a plain list the lead and the rest partners", () => {
    expect(parseUnitList("市爱卫办、市卫健委、市委宣传部")).toEqual({
      leadUnits: ["市爱卫办"],
      partnerUnits: ["市卫健委", "市委宣传部"],
    });
  });

  it("reads 牵头 and 参与/配合 roles", () => {
    expect(parseUnitList("全国爱卫办牵头,有关成员单位参与")).toEqual({
      leadUnits: ["全国爱卫办"],
      partnerUnits: ["有关成员单位"],
    });
    expect(parseUnitList("国家卫生健康委牵头,全国总工会等有关成员单位参与")).toEqual({
      leadUnits: ["国家卫生健康委"],
      partnerUnits: ["全国总工会", "有关成员单位"],
    });
    expect(parseUnitList("市卫健委牵头,市教育局、市财政局配合")).toEqual({
      leadUnits: ["市卫健委"],
      partnerUnits: ["市教育局", "市财政局"],
    });
  });

  it("makes every unit a lead when they share the duty", () => {
    expect(parseUnitList("住房城乡建设部、农业农村部按职责分工负责")).toEqual({
      leadUnits: ["住房城乡建设部", "农业农村部"],
      partnerUnits: [],
    });
    expect(parseUnitList("交通运输部、中国民航局负责")).toEqual({
      leadUnits: ["交通运输部", "中国民航局"],
      partnerUnits: [],
    });
    expect(parseUnitList("民政部负责")).toEqual({ leadUnits: ["民政部"], partnerUnits: [] });
  });

  it("keeps a list head with its bare place types together", () => {
    expect(parseUnitList("市爱卫办,各区、镇、街道,市直各单位")).toEqual({
      leadUnits: ["市爱卫办"],
      partnerUnits: ["各区、镇、街道", "市直各单位"],
    });
    expect(parseUnitList("市爱卫办,相关街道、镇,市直各单位")?.partnerUnits).toEqual([
      "相关街道、镇",
      "市直各单位",
    ]);
  });

  it("splits 和/及 only between two unit names", () => {
    expect(parseUnitList("市卫健委和市教育局")).toEqual({
      leadUnits: ["市卫健委"],
      partnerUnits: ["市教育局"],
    });
    expect(parseUnitList("文化和旅游部负责")).toEqual({ leadUnits: ["文化和旅游部"], partnerUnits: [] });
    expect(parseUnitList("市农业农村局、市水利和湖泊局,各区、镇、街道")).toEqual({
      leadUnits: ["市农业农村局"],
      partnerUnits: ["市水利和湖泊局", "各区、镇、街道"],
    });
  });

  it("reads labelled lists", () => {
    expect(parseUnitList("牵头单位:市卫健委;配合单位:市财政局,市医保局")).toEqual({
      leadUnits: ["市卫健委"],
      partnerUnits: ["市财政局", "市医保局"],
    });
    expect(parseUnitList("责任单位:市疾控中心")).toEqual({ leadUnits: ["市疾控中心"], partnerUnits: [] });
    expect(parseUnitList("牵头单位:市卫健委;责任单位:各县(市、区)")).toEqual({
      leadUnits: ["市卫健委"],
      partnerUnits: ["各县(市、区)"],
    });
  });

  it("reads a lead marked inside a list and drops a trailing 等部门", () => {
    expect(parseUnitList("责任单位:市卫健委(牵头)、市财政局、市医保局")).toEqual({
      leadUnits: ["市卫健委"],
      partnerUnits: ["市财政局", "市医保局"],
    });
    expect(parseUnitList("县委宣传部、县卫健局等部门")).toEqual({
      leadUnits: ["县委宣传部"],
      partnerUnits: ["县卫健局"],
    });
    expect(parseUnitList("市卫生健康委负责,各区配合")).toEqual({
      leadUnits: ["市卫生健康委"],
      partnerUnits: ["各区"],
    });
    expect(parseUnitList("牵头单位:市卫生健康委;责任单位:各区县人民政府")).toEqual({
      leadUnits: ["市卫生健康委"],
      partnerUnits: ["各区县人民政府"],
    });
  });

  it("is null for parentheses that are not unit lists", () => {
    for (const inner of [
      "助理",
      "含民营医院",
      "试行",
      "2024-2026年",
      "一",
      "减盐、减油、减糖,健康口腔",
      "就要5克",
      "其中普惠托位480个",
      "CMI",
    ]) {
      expect(parseUnitList(inner), inner).toBeNull();
    }
  });
});

describe("findUnitParentheses", () => {
  it("finds the list after a sentence and gives its span", () => {
    const text = "1.召开健康科普专家库成立会议。(市爱卫办、市卫健委、市委宣传部)";
    const [m] = findUnitParentheses(text);
    expect(m).toMatchObject({ leadUnits: ["市爱卫办"], partnerUnits: ["市卫健委", "市委宣传部"] });
    expect(text.slice(m?.start, m?.end)).toBe("(市爱卫办、市卫健委、市委宣传部)");
  });

  it("finds a list that closes a clause before its full stop", () => {
    const [m] = findUnitParentheses("加强院感防控工作(市卫健委牵头,各医疗机构配合)。");
    expect(m).toMatchObject({ leadUnits: ["市卫健委"], partnerUnits: ["各医疗机构"] });
  });

  it("finds several lists inside one item", () => {
    const found = findUnitParentheses(
      "扎实推进农村厕所革命。(农业农村部负责)做好客运站等场所的环境卫生。(交通运输部、中国民航局负责)",
    );
    expect(found.map((f) => f.leadUnits)).toEqual([["农业农村部"], ["交通运输部", "中国民航局"]]);
  });

  it("leaves qualifying parentheses inside a phrase alone", () => {
    expect(findUnitParentheses("调整完善市爱国卫生运动委员会(市健康促进委员会)组成人员")).toEqual([]);
    expect(findUnitParentheses("推进乡镇卫生院(社区卫生服务中心)标准化建设。")).toEqual([]);
    expect(findUnitParentheses("每千人口执业(助理)医师数达到3.2人。")).toEqual([]);
    expect(findUnitParentheses("印发实施方案(试行)。")).toEqual([]);
  });

  it("reads traditional and full-width text once normalised", () => {
    const n = normalizeText("開展愛國衛生月活動。（全國愛衛辦牽頭，有關成員單位參與）");
    expect(findUnitParentheses(n.text)[0]).toMatchObject({
      leadUnits: ["全国爱卫办"],
      partnerUnits: ["有关成员单位"],
    });
  });

  it("never throws and keeps spans within the text", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 120 }), (s) => {
        for (const m of findUnitParentheses(s)) {
          expect(m.start).toBeGreaterThanOrEqual(0);
          expect(m.end).toBeLessThanOrEqual(s.length);
        }
      }),
    );
  });
});

describe("parseUnitLine", () => {
  it("reads labelled unit lines and ignores the time limit beside them", () => {
    expect(parseUnitLine("牵头单位:市卫健委 配合单位:市教育局、市体育局")).toEqual({
      leadUnits: ["市卫健委"],
      partnerUnits: ["市教育局", "市体育局"],
    });
    expect(parseUnitLine("责任单位:市疾控中心;完成时限:2024年6月底前")).toEqual({
      leadUnits: ["市疾控中心"],
      partnerUnits: [],
    });
    expect(parseUnitLine("(责任单位:各县(市、区)卫生健康局)")).toEqual({
      leadUnits: ["各县(市、区)卫生健康局"],
      partnerUnits: [],
    });
  });

  it("is null for an ordinary sentence", () => {
    expect(parseUnitLine("加强组织领导,落实牵头单位责任。")).toBeNull();
  });
});
