import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { normalizeText } from "../normalize.js";
import { parseDeadline } from "./deadline.js";

const due = (text: string, year: number | null = 2024) => parseDeadline(text, year);

describe("parseDeadline", () => {
  it("resolves 年底前, 年内 and 年底 to the plan year's last day", () => {
    for (const phrase of ["年底前", "年内", "年底", "年末"]) {
      const d = due(`力争${phrase}完成全部改造任务`);
      expect(d, phrase).toMatchObject({
        kind: "date",
        due: "2024-12-31",
        text: expect.stringContaining(phrase),
      });
    }
    expect(due("今年年底前建成投用")).toMatchObject({ kind: "date", due: "2024-12-31" });
    expect(due("力争今年新增推荐单位1-2家")).toMatchObject({ kind: "date", due: "2024-12-31", text: "今年" });
    expect(due("今年上半年完成")).toMatchObject({ kind: "period", due: "2024-06-30", text: "今年上半年" });
    expect(due("2025年底前全面完成")).toMatchObject({ kind: "date", due: "2025-12-31", text: "2025年底前" });
  });

  it("gives the span of the phrase inside the text, shifted by the offset", () => {
    const text = "各单位9月25日前要完成市、县级综合评估";
    const d = parseDeadline(text, 2024, 100);
    expect(d).toMatchObject({ kind: "date", due: "2024-09-25", text: "9月25日前" });
    expect(text.slice((d?.start ?? 0) - 100, (d?.end ?? 0) - 100)).toBe("9月25日前");
  });

  it("resolves month ends, dates and bare months", () => {
    expect(due("9月底前完成")).toMatchObject({ kind: "date", due: "2024-09-30" });
    expect(due("6月底前上报")).toMatchObject({ kind: "date", due: "2024-06-30" });
    expect(due("2月底前")).toMatchObject({ due: "2024-02-29" });
    expect(due("2月底前", 2025)).toMatchObject({ due: "2025-02-28" });
    expect(due("12月31日前完成")).toMatchObject({ kind: "date", due: "2024-12-31" });
    expect(due("5月完成施工招投标")).toMatchObject({ kind: "date", due: "2024-05-31", text: "5月" });
    expect(due("10月份组织开展评估")).toMatchObject({ kind: "date", due: "2024-10-31", text: "10月份" });
    expect(due("六月底前完成")).toMatchObject({ kind: "date", due: "2024-06-30" });
    expect(due("十月份开展督导")).toMatchObject({ kind: "date", due: "2024-10-31" });
  });

  it("reads an explicit or relative year before the month", () => {
    expect(due("2024年3月底前完成招标", 2023)).toMatchObject({ kind: "date", due: "2024-03-31" });
    expect(due("次年1月完成总结评估")).toMatchObject({ kind: "date", due: "2025-01-31", text: "次年1月" });
    expect(due("明年6月底前")).toMatchObject({ due: "2025-06-30" });
  });

  it("reads 旬 as a period of ten days", () => {
    expect(due("11月中旬开展复审")).toMatchObject({ kind: "period", from: "2024-11-11", due: "2024-11-20" });
    expect(due("3月上旬")).toMatchObject({ kind: "period", from: "2024-03-01", due: "2024-03-10" });
    expect(due("2月下旬")).toMatchObject({ kind: "period", from: "2024-02-21", due: "2024-02-29" });
  });

  it("reads half-years and quarters as periods", () => {
    expect(due("上半年完成")).toMatchObject({ kind: "period", from: "2024-01-01", due: "2024-06-30" });
    expect(due("下半年启动")).toMatchObject({ kind: "period", from: "2024-07-01", due: "2024-12-31" });
    expect(due("一季度完成部署")).toMatchObject({ kind: "period", from: "2024-01-01", due: "2024-03-31" });
    expect(due("第三季度开展评估")).toMatchObject({ kind: "period", from: "2024-07-01", due: "2024-09-30" });
    expect(due("二季度末前完成")).toMatchObject({ kind: "date", due: "2024-06-30" });
  });

  it("reads multi-year deadlines as kind year", () => {
    expect(due("到2025年,全市建成5个示范区")).toMatchObject({
      kind: "year",
      due: "2025-12-31",
      text: "到2025年",
    });
    expect(due("力争2026年前全面建成")).toMatchObject({ kind: "year", due: "2026-12-31" });
    expect(due("到2020年和2025年,分别降低10%和20%")).toMatchObject({ kind: "year", due: "2025-12-31" });
  });

  it("reads recurring rules", () => {
    expect(due("每季度开展一次督导")).toMatchObject({
      kind: "recurring",
      recurrence: "quarterly",
      due: null,
    });
    expect(due("每月10日前报送上月数据")).toMatchObject({
      kind: "recurring",
      recurrence: "monthly",
      day: 10,
    });
    expect(due("每年开展一次评估")).toMatchObject({ kind: "recurring", recurrence: "yearly" });
    expect(due("每半年通报一次")).toMatchObject({ kind: "recurring", recurrence: "half-yearly" });
    expect(due("季后15日内报送季度报表")).toMatchObject({
      kind: "recurring",
      recurrence: "quarterly",
      days: 15,
    });
    expect(due("次月5日前报送")).toMatchObject({ kind: "recurring", recurrence: "monthly", day: 5 });
    expect(due("每季度开展一次分析研判,季后15日内报送分析报告")).toMatchObject({
      recurrence: "quarterly",
      days: 15,
      text: "季后15日内",
    });
  });

  it("reads working-day limits without applying a calendar", () => {
    expect(due("收到通知后5个工作日内完成整改")).toMatchObject({ kind: "workdays", days: 5, due: null });
    expect(due("十个工作日内反馈")).toMatchObject({ kind: "workdays", days: 10 });
  });

  it("keeps the kind and text but no date when the plan year is unknown", () => {
    expect(due("年底前完成", null)).toMatchObject({ kind: "date", due: null, text: "年底前" });
    expect(due("11月中旬", null)).toMatchObject({ kind: "period", due: null });
    expect(due("2025年底前完成", null)).toMatchObject({ due: "2025-12-31" });
  });

  it("prefers a labelled deadline, else the latest date", () => {
    expect(due("6月底前完成招标,年底前建成投用")).toMatchObject({ due: "2024-12-31" });
    expect(due("年底前完成。完成时限:2024年9月30日")).toMatchObject({ due: "2024-09-30" });
  });

  it("reads traditional-character text once normalised", () => {
    const n = normalizeText("力爭年底前基本完成設備採購,各單位9月25日前要完成評估");
    expect(parseDeadline(n.text, 2024)).toMatchObject({ due: "2024-12-31" });
    expect(parseDeadline(normalizeText("收到後5個工作日內完成").text, 2024)).toMatchObject({
      kind: "workdays",
      days: 5,
    });
    expect(parseDeadline(normalizeText("每季度結束後15日內報送").text, 2024)).toMatchObject({
      kind: "recurring",
      days: 15,
    });
  });

  it("finds no deadline in rates, titles, ages, durations and statuses", () => {
    expect(due("孕产妇死亡率控制在7/10万以下")).toBeNull();
    expect(due("印发2024年工作要点")).toBeNull();
    expect(due("为6-24月龄婴幼儿提供营养包")).toBeNull();
    expect(due("5月龄以下婴儿纯母乳喂养")).toBeNull();
    expect(due("连续3个月开展专项检查")).toBeNull();
    expect(due("截至2023年底,全市共建成")).toBeNull();
    expect(due("较2020年下降10%")).toBeNull();
    expect(due("逐年提高补助标准")).toBeNull();
    expect(due("每千人口床位数达到6张")).toBeNull();
    expect(due("开展年终考核")).toBeNull();
    expect(due("由2010年的35.29%下降到2014年的31.99%")).toBeNull();
  });

  it("never throws and keeps spans within the text", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), fc.option(fc.integer({ min: 1990, max: 2100 })), (s, y) => {
        const d = parseDeadline(s, y);
        if (d) {
          expect(d.start).toBeGreaterThanOrEqual(0);
          expect(d.end).toBeLessThanOrEqual(s.length);
          expect(s.slice(d.start, d.end)).toBe(d.text);
        }
      }),
    );
  });
});
