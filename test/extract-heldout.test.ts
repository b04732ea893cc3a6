// Plans written for these tests (not from the seeds or the devset): the genre's grammar on unseen text.
// Each case is a reading an earlier version got wrong or that a generic number recogniser gets wrong.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { extractDocument, type Quantity } from "../src/extract/index.js";

const read = (name: string) => readFileSync(join(import.meta.dirname, "fixtures/heldout", name), "utf8");
const items = (name: string): Quantity[] =>
  extractDocument(read(name)).plans.flatMap((p) => [...p.targets, ...p.actuals]);
const find = (qs: Quantity[], metric: string) => qs.filter((q) => q.metric.includes(metric));

describe("extraction on held-out plans", () => {
  it("reads a results paragraph before the plan's targets as actuals of the year before", () => {
    const qs = items("h1.txt");
    expect(find(qs, "执业医师")[0]).toMatchObject({
      kind: "actual",
      value: 420,
      unit: "人",
      deadline: "2024",
    });
    expect(find(qs, "医共体")[0]).toMatchObject({ kind: "actual", value: 6, deadline: "2024" });
    expect(find(qs, "人均预期寿命").map((q) => [q.kind, q.comparator, q.value])).toEqual([
      ["target", ">=", 80.5],
      ["actual", "=", 80.2],
    ]);
    expect(find(qs, "5岁以下儿童死亡率")[0]).toMatchObject({ comparator: "<=", value: 4, unit: "‰" });
    expect(find(qs, "县域内就诊率")[0]).toMatchObject({ comparator: "~", value: 90, unit: "%" });
    const literacy = find(qs, "居民健康素养水平").find((q) => q.comparator === "increase_by");
    expect(literacy).toMatchObject({ kind: "actual", value: 3.2, unit: "个百分点" });
  });

  it("reads traditional text with a shared 分别 list and a review section", () => {
    const qs = items("h2.txt");
    expect(find(qs, "高血压患者规范管理率")[0]).toMatchObject({ comparator: ">=", value: 65, unit: "%" });
    expect(find(qs, "糖尿病患者规范管理率")[0]).toMatchObject({ comparator: ">=", value: 62 });
    expect(find(qs, "投入卫生健康资金")[0]).toMatchObject({ kind: "actual", value: 230000000, unit: "元" });
    expect(find(qs, "新增床位")[0]).toMatchObject({ comparator: "~", value: 300, unit: "张" });
  });

  it("reads approximate amounts, ranks, a rank change in 位 and a baseline year, and skips names and dates", () => {
    const qs = items("h3.txt");
    expect(find(qs, "接种新冠疫苗")[0]).toMatchObject({ comparator: ">", value: 100000, unit: "剂次" });
    expect(find(qs, "义诊活动")[0]).toMatchObject({ comparator: ">=", value: 100, unit: "场" });
    expect(find(qs, "投入资金")[0]).toMatchObject({ comparator: ">", value: 2300000, unit: "元" });
    expect(qs.find((q) => q.comparator === "increase_by" && q.metric.includes("排名"))).toMatchObject({
      value: 2,
      unit: "位",
    });
    expect(find(qs, "传染病报告发病率")[0]).toMatchObject({
      comparator: "decrease_by",
      value: 10,
      unit: "个百分点",
      baseline: { year: 2019 },
    });
    expect(find(qs, "社区卫生服务中心")[0]?.value).toBeCloseTo(100 / 3, 6);
    // 323, 12345, 2030, 7月1日 and 〔2024〕12号 are names, dates and numbers of the document, not items.
    for (const v of [323, 12345, 2030, 12, 7]) expect(qs.filter((q) => q.value === v)).toEqual([]);
  });

  it("takes a target's year from 到20xx年 at the head of its sentence", () => {
    const salt = find(items("h4.txt"), "食盐")[0];
    expect(salt).toMatchObject({ comparator: "decrease_by", value: 20, unit: "%", deadline: "2025" });
  });

  it("dates a summary's actuals by the year it reports, not by 较上年", () => {
    const qs = items("h5.txt").filter((q) => q.kind === "actual");
    expect(qs.length).toBeGreaterThan(10);
    expect(new Set(qs.map((q) => q.deadline))).toEqual(new Set(["2023"]));
    expect(find(qs, "住院次均费用")[0]).toMatchObject({ comparator: "decrease_by", unit: "个百分点" });
  });

  it("reads rates written in words and leaves list markers out of quotes", () => {
    const qs = items("h6.txt");
    expect(find(qs, "出生缺陷发生率")[0]).toMatchObject({ comparator: "<=", value: 3, unit: "‰" });
    expect(find(qs, "孕产妇死亡率")[0]).toMatchObject({ comparator: "<=", value: 9, unit: "/10万" });
    expect(find(qs, "艾滋病报告发病率")[0]).toMatchObject({ value: 10, unit: "/10万" });
    expect(find(qs, "医疗服务收入占比")[0]).toMatchObject({ comparator: "increase_by", unit: "个百分点" });
    for (const q of qs) expect(q.quote).not.toMatch(/^(?:\d+\.|[(（][一二三四五六七八九十]+[)）])/);
  });
});
