import { describe, expect, it } from "vitest";
import {
  cleanTitle,
  findReviewYear,
  issuerAtStart,
  issuerLine,
  planMetadata,
  yearFromKeySentence,
  yearFromPlanPhrase,
  yearFromTitle,
} from "./metadata.js";

describe("yearFromTitle", () => {
  it("takes the year a title plans for", () => {
    expect(yearFromTitle("2024年市爱国卫生和健康促进工作要点")).toBe(2024);
    expect(yearFromTitle("丽水市卫生健康委员会2022年工作总结和2023年工作要点")).toBe(2023);
    expect(yearFromTitle("国家人权行动计划(2016—2020年)")).toBe(2020);
    expect(yearFromTitle("扬中市“十四五”卫生健康发展规划")).toBe(2025);
    expect(yearFromTitle("乡镇卫生工作计划")).toBeNull();
  });
});

describe("yearFromKeySentence", () => {
  it("reads an opening 'xx年是…之年'", () => {
    expect(yearFromKeySentence("2020年是全面建成小康社会和实现“十三五”规划目标的收官之年。")).toBe(2020);
    expect(yearFromKeySentence("**年是“十三五”规划的开局之年。全县卫生计生工作")).toBe(2016);
    expect(yearFromKeySentence("xx年是“十四五”规划收官之年")).toBe(2025);
    expect(yearFromKeySentence("xx年是落实党的二十大精神的开局之年")).toBeNull();
  });
});

describe("yearFromPlanPhrase", () => {
  it("reads the year a speech deploys work for", () => {
    expect(yearFromPlanPhrase("回顾总结2017年全市卫生计生工作,安排部署2018年卫生计生工作。")).toBe(2018);
    expect(yearFromPlanPhrase("2022年,全市卫生健康工作的总体思路是")).toBe(2022);
    expect(yearFromPlanPhrase("2017年全市医疗卫生机构床位1万张。")).toBeNull();
    expect(yearFromPlanPhrase("2022年全市卫生健康工作的总体思路是")).toBe(2022);
  });
});

describe("findReviewYear", () => {
  it("reads the year a summary reviews", () => {
    expect(findReviewYear("回顾总结2017年全市卫生计生工作")).toBe(2017);
    expect(findReviewYear("县卫生和计划生育局2015年度述职报告")).toBe(2015);
    expect(findReviewYear("2024年卫生健康工作要点")).toBeNull();
  });
});

describe("issuer", () => {
  it("reads the issuer a title starts with", () => {
    expect(issuerAtStart("修武县卫健委召开2020年卫生健康工作会议")).toBe("修武县卫健委");
    expect(issuerAtStart("丽水市卫生健康委员会2022年工作总结")).toBe("丽水市卫生健康委员会");
    expect(issuerAtStart("区卫生健康局2022年上半年工作总结")).toBe("区卫生健康局");
    expect(issuerAtStart("2024年市爱国卫生和健康促进工作要点")).toBeNull();
  });

  it("reads an issuer line", () => {
    expect(issuerLine("绍兴市卫生计生委")).toBe("绍兴市卫生计生委");
    expect(issuerLine("扬中市人民政府办公室")).toBe("扬中市人民政府办公室");
    expect(issuerLine("发布机构:市卫健委")).toBe("市卫健委");
    expect(issuerLine("在省卫生计生委的大力支持和指导下,我市卫生计生事业迎来重大机遇。")).toBeNull();
  });
});

describe("cleanTitle", () => {
  it("drops the page's decorations", () => {
    expect(cleanTitle("(7篇)2025年卫健工作思路", null)).toBe("2025年卫健工作思路");
    expect(cleanTitle("乡镇卫生工作计划合集6篇", null)).toBe("乡镇卫生工作计划");
    expect(cleanTitle("乡镇卫生院工作计划(通用5篇)", null)).toBe("乡镇卫生院工作计划");
    expect(cleanTitle("2024年工作要点二", "2024年工作要点")).toBe("2024年工作要点");
  });
});

describe("planMetadata", () => {
  it("prefers the plan's own title year over the page's", () => {
    const m = planMetadata({
      planLines: ["2021年工作要点", "一、总体要求"],
      planTitle: "2021年工作要点",
      pageTitle: "2020年工作要点合集",
      headerLines: [],
    });
    expect(m.year).toBe(2021);
  });

  it("falls back on the page title when the plan names no year (placeholders 'xx年')", () => {
    const m = planMetadata({
      planLines: ["xx年全市爱国卫生工作总体要求是:"],
      planTitle: null,
      pageTitle: "2024年爱国卫生工作要点",
      headerLines: [],
    });
    expect(m).toEqual({ title: "2024年爱国卫生工作要点", issuer: null, year: 2024, reviewYear: null });
  });

  it("takes the first year a summary names as the year it reviews", () => {
    const m = planMetadata({
      planLines: ["乡镇年度卫生计生工作总结", "自今年4月以来,确定了方案。", "2015年,全县参合人数46.3万人。"],
      planTitle: "乡镇年度卫生计生工作总结",
      pageTitle: null,
      headerLines: [],
    });
    expect(m.reviewYear).toBe(2015);
    const plan = planMetadata({
      planLines: ["2015年,全县参合人数46.3万人。"],
      planTitle: "卫生工作计划",
      pageTitle: null,
      headerLines: [],
    });
    expect(plan.reviewYear).toBeNull();
  });

  it("takes the later year a report's outline plans for", () => {
    const m = planMetadata({
      planLines: ["县卫生和计划生育局2015年度述职报告"],
      planTitle: "县卫生和计划生育局2015年度述职报告",
      pageTitle: null,
      headerLines: [],
      headingTitles: ["一、2015年工作情况", "二、2016年工作计划"],
    });
    expect(m.year).toBe(2016);
    expect(m.reviewYear).toBe(2015);
    const plan = planMetadata({
      planLines: ["2024年工作要点"],
      planTitle: "2024年工作要点",
      pageTitle: null,
      headerLines: [],
      headingTitles: ["一、2025年工作计划"],
    });
    expect(plan.year).toBe(2024);
  });

  it("gives null when nothing names a year", () => {
    const m = planMetadata({
      planLines: ["一、上半年工作总结"],
      planTitle: null,
      pageTitle: null,
      headerLines: [],
    });
    expect(m.year).toBeNull();
  });
});
