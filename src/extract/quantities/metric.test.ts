import { describe, expect, it } from "vitest";
import { afterListMarker, cleanMetric, hasMeasureWord, splitConjuncts } from "./metric.js";

describe("cleanMetric", () => {
  it.each([
    ["全市居民健康素养水平达到", "居民健康素养水平"],
    ["力争全县孕产妇系统管理率保持在", "孕产妇系统管理率"],
    ["2023年我县家庭医生签约率较上年提高", "家庭医生签约率"],
    ["年内药品耗材收入占比降至", "药品耗材收入占比"],
    ["确保城乡居民免费体检人数达", "城乡居民免费体检人数"],
    ["体检标准将提高至每人", "体检标准每人"],
    ["(其中普惠性托位", "普惠性托位"],
  ])("%s → %s", (raw, clean) => {
    expect(cleanMetric(raw)).toBe(clean);
  });

  it("keeps qualifiers that change the meaning", () => {
    expect(cleanMetric("每千常住人口执业(助理)医师数达")).toBe("每千常住人口执业(助理)医师数");
    expect(cleanMetric("二级及以上公立医院老年医学科设置率达")).toBe("二级及以上公立医院老年医学科设置率");
  });
});

describe("splitConjuncts", () => {
  it("splits coordinated metrics and lends the head noun", () => {
    expect(splitConjuncts("孕产妇、婴儿死亡率")).toEqual(["孕产妇死亡率", "婴儿死亡率"]);
    expect(splitConjuncts("使用量和销售额")).toEqual(["使用量", "销售额"]);
  });

  it("keeps lists of examples, single characters and shared modifiers together", () => {
    expect(splitConjuncts("高血压、糖尿病等慢病患者管理率")).toEqual(["高血压、糖尿病等慢病患者管理率"]);
    expect(splitConjuncts("甲、乙类传染病发病率")).toEqual(["甲、乙类传染病发病率"]);
    expect(splitConjuncts("胸痛中心、危重孕产妇和新生儿救治中心")).toEqual([
      "胸痛中心",
      "危重孕产妇和新生儿救治中心",
    ]);
  });

  it("splits at 和 between full metrics when a 、 list holds more than the values it pairs with", () => {
    expect(splitConjuncts("手术占比、门诊收入占比和住院收入占比")).toEqual([
      "手术占比",
      "门诊收入占比",
      "住院收入占比",
    ]);
    expect(splitConjuncts("药占比、耗材占比和检查收入占比", 3)).toHaveLength(3);
  });

  it("knows measured quantities by their head word", () => {
    expect(hasMeasureWord("签约率")).toBe(true);
    expect(hasMeasureWord("托育机构")).toBe(false);
  });
});

describe("afterListMarker", () => {
  it("leaves an item's list marker out of the quote, and numbers that are values in it", () => {
    const text = "2.全省筛查率保持在98%以上;(二)艾滋病发病率控制在10/10万以下;三、床位;2024年完成;3.5%";
    expect(text.slice(afterListMarker(text, 0))).toMatch(/^全省筛查率/);
    expect(text.slice(afterListMarker(text, text.indexOf("(二)")))).toMatch(/^艾滋病/);
    expect(text.slice(afterListMarker(text, text.indexOf("三、")))).toMatch(/^床位/);
    expect(afterListMarker(text, text.indexOf("2024"))).toBe(text.indexOf("2024"));
    expect(afterListMarker(text, text.indexOf("3.5%"))).toBe(text.indexOf("3.5%"));
  });
});
