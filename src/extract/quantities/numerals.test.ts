import { describe, expect, it } from "vitest";
import { isDecimalFullStop, parseChineseInteger, scanArabic, scanChinese } from "./numerals.js";

describe("parseChineseInteger", () => {
  it.each([
    ["十", 10],
    ["两", 2],
    ["十二", 12],
    ["二十", 20],
    ["一百零五", 105],
    ["二百三十", 230],
    ["一千", 1000],
    ["三千五百", 3500],
    ["十万", 100000],
    ["一亿二千万", 120000000],
    ["零", 0],
  ])("%s = %d", (s, v) => {
    expect(parseChineseInteger(s)).toBe(v);
  });

  it("refuses digit runs that are lists or names, not numbers", () => {
    expect(parseChineseInteger("三四")).toBeNull();
    expect(parseChineseInteger("十三五")).toBeNull();
    expect(parseChineseInteger("")).toBeNull();
  });
});

describe("scanArabic", () => {
  it("folds 万 and 亿 into the value", () => {
    expect(scanArabic("12.37万吨", 0)).toMatchObject({ value: 123700, end: 6 });
    expect(scanArabic("2.7亿元", 0)).toMatchObject({ value: 270000000, end: 4 });
    expect(scanArabic("17.176万以上", 0)).toMatchObject({ value: 171760 });
  });

  it("reads 余/多 around a multiplier as more than", () => {
    expect(scanArabic("9万余人", 0)).toMatchObject({ value: 90000, approx: "more", end: 3 });
    expect(scanArabic("1000多万元", 0)).toMatchObject({ value: 10000000, approx: "more" });
    expect(scanArabic("40余次", 0)).toMatchObject({ value: 40, approx: "more", end: 3 });
  });

  it("reads a 。 between digits before a unit as a decimal point", () => {
    expect(scanArabic("38。9万", 0)).toMatchObject({ value: 389000 });
    expect(scanArabic("92。5%", 0)).toMatchObject({ value: 92.5 });
  });
});

describe("isDecimalFullStop", () => {
  it("tells a decimal 。 from a sentence end", () => {
    expect(isDecimalFullStop("25。4%", 2)).toBe(true);
    expect(isDecimalFullStop("达到100。2019年", 5)).toBe(false);
    expect(isDecimalFullStop("共3家。2家在建", 3)).toBe(false);
  });
});

describe("scanChinese", () => {
  it("reads indefinite amounts as their lower bound", () => {
    expect(scanChinese("十几万人", 0)).toMatchObject({ value: 100000, approx: "more" });
    expect(scanChinese("二百三十余万人", 0)).toMatchObject({ value: 2300000, approx: "more" });
    expect(scanChinese("数十万人次", 0)).toMatchObject({ value: 100000, approx: "more" });
    expect(scanChinese("上百个", 0)).toMatchObject({ value: 100, approx: "atLeast" });
  });

  it("does not read 百元 or 千人 (per hundred, per thousand) as numbers", () => {
    expect(scanChinese("百元医疗收入", 0)).toBeNull();
    expect(scanChinese("千人口床位数", 0)).toBeNull();
  });
});
