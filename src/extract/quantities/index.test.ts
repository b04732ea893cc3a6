import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { normalizeText, toOriginalSpan } from "../normalize.js";
import type { DraftPlan, DraftQuantity } from "../draft.js";
import { extractQuantities } from "./index.js";

function plan(
  text: string,
  year: number | null = 2024,
  title: string | null = "2024年卫生健康工作要点",
): DraftPlan {
  return { start: 0, end: normalizeText(text).text.length, title, issuer: null, year, sections: [] };
}

function extract(text: string, year: number | null = 2024, title?: string | null): DraftQuantity[] {
  const norm = normalizeText(text);
  return extractQuantities(norm, plan(text, year, title === undefined ? "2024年卫生健康工作要点" : title));
}

const brief = (q: DraftQuantity) => [q.metric, q.comparator, q.value, q.unit];

describe("extractQuantities: comparators", () => {
  it.each([
    ["全县儿童免疫规划疫苗接种率稳定在96%以上。", ">=", 96, "%"],
    ["门诊患者满意度不低于92%。", ">=", 92, "%"],
    ["每个街道不少于3家托育机构。", ">=", 3, "家"],
    ["每个乡镇至少建成2个健康主题公园。", ">=", 2, "个"],
    ["高血压患者规范管理率巩固在70%以上。", ">=", 70, "%"],
    ["孕产妇住院分娩率保持在99%以上。", ">=", 99, "%"],
    ["新增签约居民超过5000人。", ">", 5000, "人"],
    ["年度体检覆盖率高于85%。", ">", 85, "%"],
    ["传染病报告及时率大于95%。", ">", 95, "%"],
    ["城市居民吸烟率降至18%以下。", "<=", 18, "%"],
    ["医疗纠纷结案时间控制在30天以内。", "<=", 30, "天"],
    ["平均住院日不高于9天。", "<=", 9, "天"],
    ["抗菌药物使用率不超过40%。", "<=", 40, "%"],
    ["肺结核发病率控制在45/10万以下。", "<=", 45, "/10万"],
    ["院内感染发生率低于3%。", "<", 3, "%"],
    ["药品平均加价率小于5%。", "<", 5, "%"],
    ["全市病床使用率达到88%。", "=", 88, "%"],
    ["完成村医培训1200人次。", "=", 1200, "人次"],
    ["全县病床使用率控制在85%左右。", "~", 85, "%"],
    ["基层诊疗量占比约为60%。", "~", 60, "%"],
    ["组织义诊活动120余场。", ">", 120, "场"],
    ["培训家庭医生300多名。", ">", 300, "人"],
    ["居民健康素养水平比上年提高3个百分点。", "increase_by", 3, "个百分点"],
    ["门诊次均费用增长幅度下降2个百分点。", "decrease_by", 2, "个百分点"],
    ["住院次均费用同比降低4.5%。", "decrease_by", 4.5, "%"],
    ["新建标准化村卫生室2-4所。", ">=", 2, "所"],
    ["培育示范中心3家及以上。", ">=", 3, "家"],
  ])("%s → %s %s %s", (sentence, comparator, value, unit) => {
    const qs = extract(sentence);
    expect(qs).toHaveLength(1);
    expect(qs[0]).toMatchObject({ comparator, value, unit });
  });

  it("keeps 提高到 N and 降至 N as levels, not changes", () => {
    expect(brief(extract("人均基本公共卫生服务补助标准提高到95元。")[0]!)).toEqual([
      "人均基本公共卫生服务补助标准",
      "=",
      95,
      "元",
    ]);
    expect(extract("重大慢性病过早死亡率降至12.5%。")[0]).toMatchObject({ comparator: "=", value: 12.5 });
  });

  it("does not carry a comparator into the next clause", () => {
    const qs = extract("二级医院开展不少于15个专业,社区卫生服务中心开展30%的签约服务。");
    expect(qs.map((q) => q.comparator)).toEqual([">=", "="]);
  });

  it("shares a leading comparator over the counts that follow it in the clause", () => {
    const qs = extract("县级医院开展不少于12个专业150个病种的临床路径管理。");
    expect(qs.map((q) => [q.comparator, q.value])).toEqual([
      [">=", 12],
      [">=", 150],
    ]);
  });
});

describe("extractQuantities: units and numerals", () => {
  it.each([
    ["全市孕产妇死亡率控制在8/10万以下。", 8, "/10万"],
    ["新生儿死亡率控制在3‰以内。", 3, "‰"],
    ["每千人口拥有执业医师数达到3.5人。", 3.5, "人"],
    ["家庭医生签约覆盖率提高到百分之七十五。", 75, "%"],
    ["全市新建社区卫生服务站两个。", 2, "个"],
    ["培训乡村医生一千二百人。", 1200, "人"],
    ["全年完成健康体检12.5万人。", 125000, "人"],
    ["项目总投资3.6亿元。", 360000000, "元"],
    ["新增日处理能力2.4万吨/日的污水处理厂。", 24000, "吨/日"],
    ["免费筛查目标人群二十万人次。", 200000, "人次"],
  ])("%s → %s %s", (sentence, value, unit) => {
    const qs = extract(sentence);
    expect(qs).toHaveLength(1);
    expect(qs[0]).toMatchObject({ value, unit });
  });

  it("reads fractions in words and digits as percentages", () => {
    expect(extract("中医类别医师不少于医师总数的三分之一。")[0]).toMatchObject({
      comparator: ">=",
      unit: "%",
    });
    expect(extract("中医类别医师不少于医师总数的三分之一。")[0]!.value).toBeCloseTo(100 / 3, 6);
    expect(extract("公共卫生人员占比达到五分之一。")[0]).toMatchObject({ value: 20, unit: "%" });
    expect(extract("力争将7成签约居民纳入慢病管理。")[0]).toMatchObject({ value: 70, unit: "%" });
    expect(extract("脑卒中死亡率降低1/4。")[0]).toMatchObject({
      comparator: "decrease_by",
      value: 25,
      unit: "%",
    });
    expect(extract("结核病发病率降至10万分之40。")[0]).toMatchObject({ value: 40, unit: "/10万" });
  });

  it("reads 。 between digits as a decimal point, and a sentence end elsewhere", () => {
    const qs = extract("家庭医生签约率提升至86。3%。门诊量达到12。5万人次。");
    expect(qs.map((q) => [q.value, q.unit])).toEqual([
      [86.3, "%"],
      [125000, "人次"],
    ]);
  });

  it("never reads 个百分点 as %, nor a rate as a date", () => {
    const [a] = extract("健康素养水平提升2.5个百分点。");
    expect(a).toMatchObject({ value: 2.5, unit: "个百分点", comparator: "increase_by" });
    const [b] = extract("婴儿死亡率控制在5/1000以下,孕产妇死亡率控制在10/10万以下。").filter(
      (q) => q.unit === "/10万",
    );
    expect(b).toMatchObject({ value: 10, unit: "/10万", comparator: "<=" });
  });

  it("takes 余/多 as more than and approximate amounts as their lower bound", () => {
    expect(brief(extract("受益群众达二百三十余万人。")[0]!).slice(1)).toEqual([">", 2300000, "人"]);
    expect(brief(extract("惠及群众十几万人。")[0]!).slice(1)).toEqual([">", 100000, "人"]);
    expect(brief(extract("累计服务群众数十万人次。")[0]!).slice(1)).toEqual([">", 100000, "人次"]);
    expect(brief(extract("建成上百个健康小屋。")[0]!).slice(1)).toEqual([">=", 100, "个"]);
  });

  it("gives a bare index or ratio the empty unit", () => {
    expect(extract("医院病例组合指数(CMI)达到1.2左右。")[0]).toMatchObject({
      comparator: "~",
      value: 1.2,
      unit: "",
    });
    expect(extract("2023年出生人口性别比为106。", 2024)[0]).toMatchObject({
      kind: "actual",
      value: 106,
      unit: "",
    });
  });
});

describe("extractQuantities: lists", () => {
  it("pairs 分别 lists of metrics and values", () => {
    const qs = extract("孕产妇死亡率、婴儿死亡率、5岁以下儿童死亡率分别控制在9/10万、4‰、6‰以下。");
    expect(qs.map(brief)).toEqual([
      ["孕产妇死亡率", "<=", 9, "/10万"],
      ["婴儿死亡率", "<=", 4, "‰"],
      ["5岁以下儿童死亡率", "<=", 6, "‰"],
    ]);
  });

  it("borrows the head noun for short conjuncts", () => {
    const qs = extract("城市、农村卫生厕所普及率分别达到98%、90%。");
    expect(qs.map((q) => [q.metric, q.value])).toEqual([
      ["城市普及率", 98],
      ["农村卫生厕所普及率", 90],
    ]);
  });

  it("gives one shared value to every metric that shares it", () => {
    const qs = extract("电子病历使用率、检查结果互认率和预约诊疗率均达到80%以上。");
    expect(qs.map((q) => [q.metric, q.comparator, q.value])).toEqual([
      ["电子病历使用率", ">=", 80],
      ["检查结果互认率", ">=", 80],
      ["预约诊疗率", ">=", 80],
    ]);
  });

  it("takes the metrics of the previous clause when the value stands alone", () => {
    const qs = extract("日间手术占比、床位周转次数和医疗服务收入占比,力争达到30%左右。");
    expect(qs.map((q) => q.metric)).toEqual(["日间手术占比", "床位周转次数", "医疗服务收入占比"]);
    expect(qs.every((q) => q.comparator === "~" && q.value === 30)).toBe(true);
  });

  it("shares a comparator word backwards over a value list", () => {
    const qs = extract("药占比、耗材占比分别控制在28%、18%以内。");
    expect(qs.map((q) => [q.comparator, q.value])).toEqual([
      ["<=", 28],
      ["<=", 18],
    ]);
  });

  it("reads separate counts in one clause as separate items", () => {
    const qs = extract("新增心血管专科8个和康复专科5个,建成胸痛中心3家。");
    expect(qs.map((q) => [q.value, q.unit])).toEqual([
      [8, "个"],
      [5, "个"],
      [3, "家"],
    ]);
    expect(qs[2]!.metric).toContain("胸痛中心");
  });

  it("reads the items of a parenthesis (其中…) as their own items", () => {
    const qs = extract("新增托位600个(其中普惠性托位400个)。");
    expect(qs.map((q) => [q.metric, q.value])).toEqual([
      ["新增托位", 600],
      ["普惠性托位", 400],
    ]);
  });
});

describe("extractQuantities: traditional characters", () => {
  it("reads traditional text and quotes it as written", () => {
    const text = "全市孕產婦死亡率控制在8/10萬以下,嬰兒死亡率控制在4‰以內。";
    const norm = normalizeText(text);
    const qs = extractQuantities(norm, plan(text));
    expect(qs.map(brief)).toEqual([
      ["孕产妇死亡率", "<=", 8, "/10万"],
      ["婴儿死亡率", "<=", 4, "‰"],
    ]);
    expect(toOriginalSpan(norm, qs[0]!.start, qs[0]!.end).quote).toBe("全市孕產婦死亡率控制在8/10萬以下");
  });

  it("reads traditional comparators and change verbs", () => {
    const qs = extract("居民健康素養水平較2022年提高5個百分點,經常參加體育鍛煉人數比例達到40%以上。");
    expect(qs.map(brief)).toEqual([
      ["居民健康素养水平", "increase_by", 5, "个百分点"],
      ["经常参加体育锻炼人数比例", ">=", 40, "%"],
    ]);
    expect(qs[0]!.baseline).toEqual({ year: 2022, value: null, unit: null });
  });
});

describe("extractQuantities: not items", () => {
  it.each([
    "2024年3月15日,市卫健委印发通知。",
    "根据〔2023〕15号文件精神开展工作。",
    "咨询电话:0571-87654321。",
    "围绕以下四个方面开展工作。",
    "实施十大健康工程和五项制度。",
    "深入推进“十四五”卫生健康规划。",
    "开通12345热线和5G远程诊疗。",
    "完善二级以上医院的急诊服务。",
    "为65岁以上老年人提供体检服务。",
    "落实第三批名中医评选工作。",
    "200余人参加了全市卫生健康工作会议。",
    "建立一个统筹协调的工作机制。",
  ])("%s → nothing", (sentence) => {
    expect(extract(sentence)).toEqual([]);
  });

  it("skips x placeholders but keeps the sibling value", () => {
    const qs = extract("2023年药占比为x%,同比下降2.1个百分点。");
    expect(qs.map((q) => [q.comparator, q.value])).toEqual([["decrease_by", 2.1]]);
  });
});

describe("extractQuantities: kind and year", () => {
  it("reads forward statements as targets due in the plan year", () => {
    const [q] = extract("力争全市健康村覆盖率达到60%。", 2024);
    expect(q).toMatchObject({ kind: "target", deadline: "2024" });
  });

  it("reads a later year named in the clause as the deadline", () => {
    const [q] = extract("到2027年,全市健康村覆盖率达到70%。", 2024);
    expect(q).toMatchObject({ kind: "target", deadline: "2027" });
  });

  it("reads reported results as actuals of the year they name", () => {
    const [q] = extract("2023年全市家庭医生签约率已达到78%。", 2024);
    expect(q).toMatchObject({ kind: "actual", deadline: "2023" });
  });

  it("reads a baseline value (由目前的…) as an actual and the new level as a target", () => {
    const qs = extract("力争全市高血压规范管理率由目前的55%提高到65%。", 2024);
    expect(qs.map((q) => [q.kind, q.value, q.comparator])).toEqual([
      ["actual", 55, "="],
      ["target", 65, "="],
    ]);
  });

  it("takes the heading's tense for plain statements under it", () => {
    const text =
      "一、2023年工作回顾\n全市新建社区卫生服务站6个。\n二、2024年工作安排\n全市新建社区卫生服务站8个。";
    const qs = extract(text, 2024, null);
    expect(qs.map((q) => [q.kind, q.value, q.deadline])).toEqual([
      ["actual", 6, "2023"],
      ["target", 8, "2024"],
    ]);
  });

  it("reads a report's plain statements as actuals", () => {
    const qs = extract("全县参保人数32.5万人,参保率98.6%。", 2023, "2023年县卫生健康工作总结");
    expect(qs.every((q) => q.kind === "actual")).toBe(true);
  });
});

describe("extractQuantities: context across clauses", () => {
  it("pairs a value list with years named together (到2025年和2030年…分别)", () => {
    const qs = extract("力争到2025年和2030年,全市高血压、糖尿病患者规范管理率分别达到65%和75%。", 2024);
    expect(qs.map((q) => [q.metric.slice(0, 3), q.value, q.deadline])).toEqual([
      ["高血压", 65, "2025"],
      ["糖尿病", 65, "2025"],
      ["高血压", 75, "2030"],
      ["糖尿病", 75, "2030"],
    ]);
    expect(qs.every((q) => q.metric.endsWith("管理率"))).toBe(true);
  });

  it("carries the subject over to a clause that only adds a value", () => {
    const qs = extract("2020年全县人均预期寿命为78.2岁,2023年比2020年提高0.6岁,达到78.8岁。", 2024);
    expect(qs.map((q) => [q.metric, q.comparator, q.value, q.deadline])).toEqual([
      ["人均预期寿命", "=", 78.2, "2020"],
      ["人均预期寿命", "increase_by", 0.6, "2023"],
      ["人均预期寿命", "=", 78.8, "2023"],
    ]);
  });

  it("pairs a change list with the values of the previous clause", () => {
    const qs = extract(
      "全年发生食物中毒事件3起、涉及病例41人,比上年分别减少40%、35%。",
      2024,
      "2023年工作总结",
    );
    expect(qs.map((q) => [q.metric, q.comparator, q.value])).toEqual([
      ["发生食物中毒事件", "=", 3],
      ["涉及病例", "=", 41],
      ["发生食物中毒事件", "decrease_by", 40],
      ["涉及病例", "decrease_by", 35],
    ]);
  });

  it("counts people named right after a bare 万 amount", () => {
    expect(extract("为12万城乡老年人提供免费体检。")[0]).toMatchObject({ value: 120000, unit: "人" });
  });

  it("names a rank after the ranking, not after what follows it", () => {
    const [q] = extract("2023年在全省卫生监督技能竞赛中获团体第三名和优秀组织奖。", 2024);
    expect(q).toMatchObject({ kind: "actual", comparator: "=", value: 3, unit: "" });
    expect(q!.metric).toContain("团体");
    expect(q!.metric).not.toContain("优秀组织奖");
  });

  it("sets the innermost section holding the quote", () => {
    const text = "一、主要目标\n(一)妇幼健康\n孕产妇系统管理率达到92%。";
    const norm = normalizeText(text);
    const at = (s: string) => norm.text.indexOf(s);
    const sections = [
      {
        id: "s1",
        parentId: null,
        level: 1,
        marker: "一、",
        title: "主要目标",
        start: 0,
        end: at("\n"),
        contentEnd: norm.text.length,
      },
      {
        id: "s2",
        parentId: "s1",
        level: 2,
        marker: "(一)",
        title: "妇幼健康",
        start: at("(一)"),
        end: at("(一)") + 7,
        contentEnd: norm.text.length,
      },
    ];
    const p = { start: 0, end: norm.text.length, title: null, issuer: null, year: 2024, sections };
    expect(extractQuantities(norm, p)[0]?.sectionId).toBe("s2");
  });

  it("drops a headline that repeats the body's claim", () => {
    const text = "我市居民健康素养水平超35%\n记者获悉,我市居民健康素养水平已超过35%。";
    const qs = extract(text, 2024, null);
    expect(qs).toHaveLength(1);
    expect(qs[0]).toMatchObject({ kind: "actual", comparator: ">", value: 35 });
  });
});

describe("extractQuantities: restatements", () => {
  it("keeps a commitment restated later in the plan once", () => {
    const text =
      "主要指标:全市居民健康素养水平达到35%以上。\n重点任务:推进健康促进行动,全市居民健康素养水平达到35%以上。";
    expect(extract(text)).toHaveLength(1);
  });

  it("keeps two values of one sentence even when they share a metric word", () => {
    expect(extract("孕产妇和儿童健康管理率均保持在92%以上。")).toHaveLength(2);
  });
});

describe("extractQuantities: robustness", () => {
  // Speed is measured by bench:extract; here a quadratic rule would only show as a test timeout.
  it("finishes on long runs of numbers, quotes and brackets, finding nothing inside quotes", () => {
    const text = "“1".repeat(20000) + "《2".repeat(20000) + "(3个".repeat(20000) + "一".repeat(20000);
    const norm = normalizeText(text);
    const found = extractQuantities(norm, {
      start: 0,
      end: norm.text.length,
      title: null,
      issuer: null,
      year: 2024,
      sections: [],
    });
    for (const q of found) expect(q.end).toBeLessThanOrEqual(norm.text.length);
    expect(found.filter((q) => q.value === 1 || q.value === 2)).toEqual([]);
  });

  it("keeps every span inside the plan and never throws", () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 200 }),
        fc.string({
          unit: fc.constantFrom(
            ..."一二两三十百千万亿0123456789%‰/-~个人家以上下内左右余多分之成年。,、和及达到控制在提高降低第",
          ),
          maxLength: 80,
        }),
        (a, b) => {
          const text = a + b;
          const norm = normalizeText(text);
          const p = { start: 0, end: norm.text.length, title: null, issuer: null, year: 2024, sections: [] };
          for (const q of extractQuantities(norm, p)) {
            expect(q.start).toBeGreaterThanOrEqual(0);
            expect(q.end).toBeLessThanOrEqual(norm.text.length);
            expect(Number.isFinite(q.value)).toBe(true);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("extractQuantities: time context of paragraphs and summaries", () => {
  const rows = (qs: DraftQuantity[]) => qs.map((q) => [q.kind, q.metric, q.value, q.deadline]);

  it.each([
    ["2023年,全区统筹推进卫生健康工作,居民健康素养水平提升至31%。新招聘护士150名,累计建成健康主题公园9个。"],
    ["2023年,全區統籌推進衛生健康工作,居民健康素養水平提升至31%。新招聘護士150名,累計建成健康主題公園9個。"],
  ])("a paragraph opened by a past year reports results to its end: %s", (text) => {
    const qs = extract(text, 2024);
    expect(qs.length).toBe(3);
    for (const q of qs) expect([q.kind, q.deadline]).toEqual(["actual", "2023"]);
  });

  it.each([
    [
      "去年,全县新建村卫生室12所。今年要新建村卫生室20所。",
      [
        ["actual", 12, "2023"],
        ["target", 20, "2024"],
      ],
    ],
    [
      "一年来,全縣新建村衛生室12所。2024年將新建村衛生室20所。",
      [
        ["actual", 12, "2023"],
        ["target", 20, "2024"],
      ],
    ],
  ])("a future cue ends the report: %s", (text, want) => {
    const qs = extract(text, 2024);
    expect(qs.map((q) => [q.kind, q.value, q.deadline]).sort((a, b) => Number(a[1]) - Number(b[1]))).toEqual(
      want,
    );
  });

  it("累计 in a plan's own paragraph stays a target", () => {
    const qs = extract("到2024年底,累计建成健康主题公园9个。", 2024);
    expect(rows(qs)).toEqual([["target", "建成健康主题公园", 9, "2024"]]);
  });

  it.each([
    ["全区门诊人次达到320万人次,同比增长6.1%;床位数较上年增加120张。"],
    ["全區門診人次達到320萬人次,同比增長6.1%;床位數較上年增加120張。"],
  ])("a summary's actuals take the year it reviews, not the base of 较上年: %s", (text) => {
    const norm = normalizeText(text);
    const p: DraftPlan = { ...plan(text, 2022, "2022年卫生健康工作总结"), reviewYear: 2022 };
    const qs = extractQuantities(norm, p);
    expect(qs.length).toBe(3);
    for (const q of qs) expect([q.kind, q.deadline]).toEqual(["actual", "2022"]);
  });

  it.each([
    ["1.开展减盐行动。到2025年,人均每日食盐摄入量降低20%,成人肥胖增长率持续减缓。"],
    ["1.開展減鹽行動。到2025年,人均每日食鹽攝入量降低20%,成人肥胖增長率持續減緩。"],
  ])("a horizon at the head of a sentence is the deadline of its clauses: %s", (text) => {
    const qs = extract(text, 2026, "健康县城建设实施方案(2024—2026年)");
    expect(rows(qs)).toEqual([["target", "人均每日食盐摄入量", 20, "2025"]]);
  });

  it("numbers inside a plan's dropped spans are not read", () => {
    // The middle line is read when it is the plan's, and skipped when the segmenter dropped it.
    const text =
      "全市病床使用率达到88%。\n全市新增床位1200张,其中儿科床位300张。\n孕产妇死亡率控制在8/10万以下。";
    const norm = normalizeText(text);
    const from = norm.text.indexOf("全市新增");
    const to = norm.text.indexOf("\n", from);
    expect(extractQuantities(norm, plan(text)).map((q) => q.value)).toEqual([88, 1200, 300, 8]);
    const qs = extractQuantities(norm, { ...plan(text), gaps: [{ start: from, end: to }] });
    expect(qs.map((q) => q.value)).toEqual([88, 8]);
  });
});

describe("extractQuantities: metric heads and rank steps", () => {
  it.each([
    ["我们将力争全市居民健康素养水平达到36%。", "居民健康素养水平"],
    ["我們要確保全縣孕產婦系統管理率達到90%以上。", "孕产妇系统管理率"],
    ["今年我们努力争取家庭医生签约率达到45%。", "家庭医生签约率"],
  ])("the speaker and the intent are no part of the metric: %s", (text, metric) => {
    expect(extract(text).map((q) => q.metric)).toEqual([metric]);
  });

  it.each([
    ["高血压、糖尿病患者规范管理率分别达到65%和62%。", ["高血压患者规范管理率", "糖尿病患者规范管理率"]],
    ["肺結核、艾滋病患者規範管理率分別達到90%和85%。", ["肺结核患者规范管理率", "艾滋病患者规范管理率"]],
    ["孕产妇、婴儿死亡率分别控制在10/10万、5‰以下。", ["孕产妇死亡率", "婴儿死亡率"]],
  ])("a bare modifier borrows the shared noun phrase: %s", (text, metrics) => {
    expect(extract(text).map((q) => q.metric)).toEqual(metrics);
  });

  it.each([
    ["全区医院绩效考核排名全省第三,较上年上升两位。"],
    ["全區醫院績效考核排名全省第五,比上年下降3位。"],
  ])("a change of rank keeps 位: %s", (text) => {
    const step = extract(text, 2024, "2023年工作总结").find((q) => q.comparator !== "=");
    expect(step?.unit).toBe("位");
  });

  it("位 of people still counts people", () => {
    expect(extract("全年新增引进高层次人才25位。").map((q) => q.unit)).toEqual(["人"]);
  });
});

describe("extractQuantities: a subject carried over a semicolon", () => {
  it.each([
    ["到2025年,15岁以上人群吸烟率降低到20%以下;到2027年,降低到18%以下。"],
    ["到2025年,15歲以上人群吸煙率降低到20%以下;到2027年,降低到18%以下。"],
  ])("%s", (text) => {
    const qs = extract(text, 2027, "健康行动实施方案(2023—2027年)");
    expect(qs.map((q) => [q.metric, q.value, q.deadline])).toEqual([
      ["15岁以上人群吸烟率", 20, "2025"],
      ["15岁以上人群吸烟率", 18, "2027"],
    ]);
  });

  it("not across a line break", () => {
    const qs = extract("全市人群吸烟率降低到20%以下;\n到2027年,降低到18%以下。", 2027);
    expect(qs.map((q) => q.value)).toEqual([20]);
  });
});

describe("extractQuantities: openers without a year, goal lists, rank steps of one", () => {
  it.each([
    ["过去一年,全区新增家庭医生团队20个。要新增家庭医生团队10个。"],
    ["過去一年,全區新增家庭醫生團隊20個。要新增家庭醫生團隊10個。"],
  ])("過去一年 reports the year before the plan's: %s", (text) => {
    const qs = extract(text, 2024);
    expect(qs.map((q) => [q.kind, q.value, q.deadline])).toEqual([
      ["actual", 20, "2023"],
      ["target", 10, "2024"],
    ]);
  });

  it.each([
    ["2024年主要目标:人均预期寿命达到79.8岁,每千人口执业医师数达到3.2人。"],
    ["2024年主要目標:人均預期壽命達到79.8歲,每千人口執業醫師數達到3.2人。"],
  ])("a list after 目标: holds targets, whatever the document's voice: %s", (text) => {
    const qs = extract(text, 2024, null);
    expect(qs.map((q) => q.kind)).toEqual(["target", "target"]);
  });

  it("上升一位 is a step of rank", () => {
    const qs = extract("全市医院绩效考核排名全省第二,较上年上升一位。", 2024, "2023年工作总结");
    expect(qs.map((q) => [q.comparator, q.value, q.unit])).toEqual([
      ["=", 2, ""],
      ["increase_by", 1, "位"],
    ]);
  });
});

describe("extractQuantities: a past year opening a sentence without a comma", () => {
  it.each([
    ["2023年全县卫生健康工作成效明显。全县婴儿死亡率为2.1‰。", "actual", "2023"],
    ["2023年全縣衛生健康工作成效明顯。全縣嬰兒死亡率為2.1‰。", "actual", "2023"],
    // A deadline before the plan's year is no report of results.
    ["2023年底前全县婴儿死亡率控制在3‰以内。", "target", null],
  ])("%s", (text, kind, deadline) => {
    const qs = extract(text, 2024);
    expect(qs.map((q) => q.kind)).toEqual([kind]);
    if (deadline !== null) expect(qs[0]?.deadline).toBe(deadline);
  });
});

describe("extractQuantities: list markers at the head of an item", () => {
  it.each([
    ["2.全省新生儿遗传代谢性疾病筛查率保持在98%以上。", ["新生儿遗传代谢性疾病筛查率"]],
    [
      "(二)艾滋病、结核病报告发病率分别控制在10/10万和45/10万以下。",
      ["艾滋病报告发病率", "结核病报告发病率"],
    ],
    [
      "（三）艾滋病、結核病報告發病率分別控制在10/10萬和45/10萬以下。",
      ["艾滋病报告发病率", "结核病报告发病率"],
    ],
    ["三、孕产妇系统管理率达到90%以上。", ["孕产妇系统管理率"]],
    // A decimal is no marker.
    ["2.5岁以下儿童占比达到5%。", ["2.5岁以下儿童占比"]],
  ])("%s", (text, metrics) => {
    expect(extract(text).map((q) => q.metric)).toEqual(metrics);
  });
});
