import { describe, expect, it } from "vitest";
import { scanMentions } from "./mentions.js";

const scan = (t: string) =>
  scanMentions(t, { start: 0, end: t.length }).map((m) => [m.value, m.unit, m.suffix]);

describe("scanMentions", () => {
  it("reads values with units and their comparator words", () => {
    expect(scan("接种率达到95%以上,死亡率控制在7/10万以下")).toEqual([
      [95, "%", ">="],
      [7, "/10万", "<="],
    ]);
  });

  it("reads ranges as their lower bound and ranks as unit-less values", () => {
    const t = "建设示范点3-5个,考核排名全省第二";
    const ms = scanMentions(t, { start: 0, end: t.length });
    expect(ms.map((m) => [m.value, m.unit, m.range, m.rank])).toEqual([
      [3, "个", true, false],
      [2, "", false, true],
    ]);
  });

  it("recovers a rate whose slash was lost in PDF text", () => {
    expect(scan("传染病发病率控制在30010万以内")).toEqual([[300, "/10万", "<="]]);
  });
});

describe("scanMentions: exclusions", () => {
  it.each([
    ["2023年12月31日前完成", "dates"],
    ["沪卫〔2022〕8号", "document numbers"],
    ["联系电话0571-12345678", "phone numbers"],
    ["拨打12355青少年热线", "hotlines"],
    ["推广5G和PM2.5监测", "names with Latin letters"],
    ["“三个一批”和“315”行动", "quoted names"],
    ["三四级手术和二级以上医院", "grades"],
    ["第七期培训班和第四批名医", "ordinals"],
    ["从六个方面和十项重点工作入手", "labels of the text"],
    ["为80岁以上老人和2000户以上的社区", "category thresholds"],
    ["按计划分三批接收", "breakdowns"],
    ["被确定为全国20个试点城市之一", "another body's list"],
    ["患者达50人的乡镇设立站点", "place thresholds"],
    ["推行三位一体和一站式服务", "slogans"],
    ["为期3天的培训会", "durations of meetings"],
    ["30余人参加座谈会", "meeting attendance"],
    ["推进一批重点项目和县中医院二期工程", "vague and phase counts"],
    ["落实1个2、4个60%的要求", "numbered slogans"],
  ])("%s (%s) gives no mention", (t) => {
    expect(scan(t)).toEqual([]);
  });

  it("keeps counts of real things even next to a label-like word", () => {
    expect(scan("完成15项专项整治的实施方案")).toEqual([[15, "项", null]]);
    expect(scan("其余8个乡镇落实抽查任务")).toEqual([[8, "个", null]]);
    expect(scan("人均预期寿命增加1岁的目标")).toEqual([[1, "岁", null]]);
  });

  it("reads a negated count and a zero goal", () => {
    expect(scan("全年没有发生1例医疗事故")).toEqual([[1, "例", null]]);
    expect(scan("力争零死亡")).toEqual([[0, "", null]]);
  });
});
