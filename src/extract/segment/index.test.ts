// The segmenter on the real seed and devset documents (read here; the module itself does no IO), plus
// properties that must hold on any text.
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { normalizeText, type NormalizedText } from "../normalize.js";
import type { Segmentation } from "../draft.js";
import { segmentDocument } from "./index.js";

const shared = join(import.meta.dirname, "../../../../shared");
function load(dir: string, prefix: string): { norm: NormalizedText; seg: Segmentation } {
  const file = readdirSync(join(shared, dir)).find((f) => f.startsWith(prefix));
  if (!file) throw new Error(`no ${prefix} in ${dir}`);
  const norm = normalizeText(readFileSync(join(shared, dir, file), "utf8"));
  return { norm, seg: segmentDocument(norm) };
}
const seed = (n: string) => load("seeds", n);
const dev = (n: string) => load("devset/docs", n);

function expectWellFormed(text: string, seg: Segmentation): void {
  let prevEnd = 0;
  for (const plan of seg.plans) {
    expect(plan.start).toBeGreaterThanOrEqual(prevEnd);
    expect(plan.start).toBeLessThanOrEqual(plan.end);
    expect(plan.end).toBeLessThanOrEqual(text.length);
    prevEnd = plan.end;
    for (const s of plan.sections) {
      expect(s.start).toBeGreaterThanOrEqual(plan.start);
      expect(s.start).toBeLessThanOrEqual(s.end);
      expect(s.end).toBeLessThanOrEqual(s.contentEnd);
      expect(s.contentEnd).toBeLessThanOrEqual(plan.end);
    }
  }
  for (const d of seg.dropped) {
    expect(d.start).toBeGreaterThanOrEqual(0);
    expect(d.start).toBeLessThanOrEqual(d.end);
    expect(d.end).toBeLessThanOrEqual(text.length);
  }
}

describe("segmentDocument on the seeds", () => {
  it("001: one 2020 plan whose nine numbered sections carry their titles", () => {
    const { norm, seg } = seed("001");
    expect(seg.plans).toHaveLength(1);
    const plan = seg.plans[0]!;
    expect(plan.year).toBe(2020);
    const top = plan.sections.filter((s) => s.level === 1);
    expect(top.map((s) => s.marker)).toEqual(["1", "2", "3", "4", "5", "6", "7", "8", "9"]);
    expect(top[0]?.title).toBe("全面实施健康湖南行动");
    expect(top[1]?.title).toBe("继续深化医药卫生体制改革");
    expect(top[8]?.title).toBe("统筹做好各项综合保障工作");
    const reform = plan.sections.filter((s) => s.parentId === top[1]?.id);
    expect(reform.map((s) => s.title)).toContain("学习推广三明医改经验");
    expectWellFormed(norm.text, seg);
  });

  it("003: five 2024 plans, 要点二 with its headings", () => {
    const { norm, seg } = seed("003");
    expect(seg.plans).toHaveLength(5);
    for (const p of seg.plans) {
      expect(p.year).toBe(2024);
      expect(p.title).toBe("2024年市爱国卫生和健康促进工作要点");
    }
    const two = seg.plans[1]!;
    expect(norm.text.slice(two.start, two.end)).toMatch(/^2024年市爱国卫生和健康促进工作要点二/);
    const top = two.sections.filter((s) => s.level === 1).map((s) => s.title);
    expect(top).toEqual(["明确目标任务", "实施“六大”行动", "工作要求"]);
    const actions = two.sections.filter((s) => s.marker.startsWith("(")).map((s) => s.title);
    expect(actions.slice(0, 6)).toEqual([
      "健康知识普及行动",
      "城乡环境卫生整洁行动",
      "病媒生物防制行动",
      "卫生城镇创建行动",
      "健康生活方式倡导行动",
      "健康城市和健康细胞建设行动",
    ]);
    // The numbered target lines are sections too, under their heading.
    expect(two.sections.find((s) => s.marker === "4." && s.parentId === two.sections[0]?.id)?.title).toMatch(
      /^持续巩固控烟成果/,
    );
    // Menus, the publish line and the footer are dropped as noise.
    const droppedText = seg.dropped.map((d) => norm.text.slice(d.start, d.end)).join("\n");
    expect(droppedText).toContain("•工作总结");
    expect(droppedText).toContain("相关热词搜索");
    expectWellFormed(norm.text, seg);
  });

  it("004: 篇一 and 篇三 kept once, 篇二 dropped as a repeat", () => {
    const { norm, seg } = seed("004");
    expect(seg.plans).toHaveLength(2);
    const [one, three] = seg.plans;
    expect(norm.text.slice(one!.start, one!.end)).toContain("【篇一】");
    expect(norm.text.slice(three!.start, three!.end)).toMatch(/^【篇三】/);
    const dup = seg.dropped.filter((d) => d.reason === "duplicate");
    expect(dup).toHaveLength(1);
    expect(norm.text.slice(dup[0]!.start, dup[0]!.end)).toMatch(/^【篇二】/);
    const firstHeading = "(一)全力抓好优质医疗服务体系构建。";
    const kept = seg.plans.map((p) => norm.text.slice(p.start, p.end)).join("\n");
    expect(kept.split(firstHeading)).toHaveLength(2);
    for (const p of seg.plans) expect(p.year).toBe(2025);
    expect(one!.sections.filter((s) => s.level === 1)).toHaveLength(7);
    expect(three!.sections.filter((s) => s.level === 1)).toHaveLength(5);
    expectWellFormed(norm.text, seg);
  });

  it("002: bread crumb, hot line and mailbox dropped, the meeting report kept", () => {
    const { norm, seg } = seed("002");
    expect(seg.plans).toHaveLength(1);
    const noise = seg.dropped.filter((d) => d.reason === "noise").map((d) => norm.text.slice(d.start, d.end));
    expect(noise.some((t) => t.includes("当前位置"))).toBe(true);
    expect(noise.some((t) => t.includes("热线") && t.includes("信箱"))).toBe(true);
    const plan = seg.plans[0]!;
    const body = norm.text.slice(plan.start, plan.end);
    expect(body).toContain("修武县卫健委召开2020年卫生健康暨党风廉政建设工作会议");
    expect(body).toContain("全县组建家庭医生签约服务团队66个");
    expect(plan.year).toBe(2020);
    expect(plan.reviewYear).toBe(2019);
    expect(plan.issuer).toBe("修武县卫健委");
    expectWellFormed(norm.text, seg);
  });

  it("000 (traditional): a 2018 speech reviewing 2017, its three parts found", () => {
    const { norm, seg } = seed("000");
    expect(seg.plans).toHaveLength(1);
    const plan = seg.plans[0]!;
    expect(plan.year).toBe(2018);
    expect(plan.reviewYear).toBe(2017);
    expect(plan.sections.filter((s) => s.level === 1).map((s) => s.title)).toEqual([
      "回顾总结2017年卫生计生工作",
      "全力做好2018年卫生计生工作",
      "围绕巡察整改狠抓工作落实",
    ]);
    expectWellFormed(norm.text, seg);
  });
});

describe("segmentDocument on the devset", () => {
  it("finds the year targets are due in", () => {
    expect(dev("d01").seg.plans[0]?.year).toBe(2016);
    expect(dev("d02").seg.plans[0]?.year).toBe(2019);
    expect(dev("d03").seg.plans[0]?.year).toBe(2022);
    expect(dev("d05").seg.plans[0]?.year).toBe(2020);
    expect(dev("d07").seg.plans[0]?.year).toBeNull();
    expect(dev("d08").seg.plans[0]?.year).toBe(2023);
  });

  it("reads the issuer of a titled or signed document", () => {
    expect(dev("d08").seg.plans[0]?.issuer).toBe("丽水市卫生健康委员会");
    expect(dev("d09").seg.plans[0]?.issuer).toBe("绍兴市卫生计生委");
    expect(dev("d16").seg.plans[0]?.issuer).toBe("县卫生和计划生育局");
  });

  it("drops the chrome of traditional-character pages", () => {
    const { norm, seg } = dev("d04");
    const noise = seg.dropped.map((d) => norm.text.slice(d.start, d.end)).join("\n");
    expect(noise).toContain("JavaScript");
    expect(noise).toContain("回顶端");
    const plan = seg.plans[0]!;
    expect(norm.text.slice(plan.start, plan.end)).toContain("2030年降低三高慢性病标准化死亡率1/3");
  });

  it("keeps every gold quote of the seeds and the devset inside a plan and out of the dropped spans", () => {
    const sets: Array<[string, string]> = [
      ["gold", "seeds"],
      ["devset/gold", "devset/docs"],
    ];
    let checked = 0;
    for (const [goldDir, docDir] of sets) {
      for (const g of readdirSync(join(shared, goldDir)).filter((f) => f.endsWith(".json"))) {
        const gold = JSON.parse(readFileSync(join(shared, goldDir, g), "utf8")) as {
          doc: string;
          items: Array<{ quote: string }>;
        };
        const original = readFileSync(join(shared, docDir, gold.doc), "utf8");
        const norm = normalizeText(original);
        const seg = segmentDocument(norm);
        const at = (i: number): number => norm.origin[i] ?? original.length;
        const plans = seg.plans.map((p) => [at(p.start), at(p.end)] as const);
        const dropped = seg.dropped.map((d) => [at(d.start), at(d.end)] as const);
        for (const item of gold.items) {
          let kept = false;
          for (
            let i = original.indexOf(item.quote);
            i >= 0 && !kept;
            i = original.indexOf(item.quote, i + 1)
          ) {
            const e = i + item.quote.length;
            kept = plans.some(([a, b]) => a <= i && e <= b) && !dropped.some(([a, b]) => i < b && e > a);
          }
          expect(kept, `${gold.doc}: ${item.quote}`).toBe(true);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(400);
  });

  it("splits the several-plan pages of the devset at their variant titles", () => {
    const { norm, seg } = dev("d07");
    expect(seg.plans).toHaveLength(1);
    expect(norm.text.slice(seg.plans[0]!.start)).toMatch(/^卫生健康上半年工作总结及下半年工作计划1/);
  });
});

describe("segmentDocument on varied pages", () => {
  const seg = (t: string) => {
    const norm = normalizeText(t);
    return { norm, seg: segmentDocument(norm) };
  };
  const body = (s: string) => `${s}全面推进健康城市建设,持续改善城乡环境卫生面貌,巩固国家卫生城市创建成果。`;

  it("reads a traditional-character page: chrome dropped, title, issuer, year, outline", () => {
    const { norm, seg: s } = seg(
      `當前位置:首頁>政務公開>工作計劃\n發佈時間:2021-01-05 09:00\n某縣衛生健康局2021年衛生健康工作要點\n一、總體要求\n${body("堅持預防為主。")}\n二、重點任務\n(一)提升服務能力。一是加強基層建設。二是完善醫聯體。\n1.居民健康素養水平達到25%以上。\n分享到:微信 微博\n版權所有:某縣衛生健康局`,
    );
    expect(s.plans).toHaveLength(1);
    const plan = s.plans[0]!;
    expect(plan.title).toBe("某县卫生健康局2021年卫生健康工作要点");
    expect(plan.issuer).toBe("某县卫生健康局");
    expect(plan.year).toBe(2021);
    expect(plan.sections.map((x) => `${x.level}${x.marker}${x.title}`)).toEqual([
      "1一、总体要求",
      "1二、重点任务",
      "2(一)提升服务能力",
      "3一是加强基层建设",
      "3二是完善医联体",
      "31.居民健康素养水平达到25%以上",
    ]);
    const dropped = s.dropped.map((d) => norm.text.slice(d.start, d.end)).join("|");
    expect(dropped).toContain("当前位置");
    expect(dropped).toContain("发布时间");
    expect(dropped).toContain("分享到");
    expect(dropped).toContain("版权所有");
  });

  it("splits a 范文 page at 【篇N】title lines and names each piece", () => {
    const { seg: s } = seg(
      `乡镇卫生院工作计划(通用3篇)\n【篇一】乡镇卫生院工作计划\n${body("甲。")}\n【篇二】2023年乡镇卫生院工作计划\n${body("乙。")}\n【篇三】卫生院年度工作计划\n${body("丙。")}`,
    );
    expect(s.plans.map((p) => p.title)).toEqual([
      "乡镇卫生院工作计划",
      "2023年乡镇卫生院工作计划",
      "卫生院年度工作计划",
    ]);
    expect(s.plans[1]?.year).toBe(2023);
  });

  it("keeps a trailing list of links to other pieces inside the last plan", () => {
    const { seg: s } = seg(
      `2023年卫生院工作计划一\n${body("甲。")}\n2023年卫生院工作计划二\n${body("乙。")}\n2024年卫生院工作计划三\n2024年卫生院工作计划四`,
    );
    expect(s.plans).toHaveLength(2);
    expect(s.dropped).toEqual([]);
  });

  it("keeps a single plan whole, its numbered target lines as sections", () => {
    const { seg: s } = seg(
      `2022年全县卫生健康工作计划\n一、主要目标\n1.孕产妇死亡率控制在10/10万以下。\n2.婴儿死亡率控制在5‰以下。\n二、工作措施\n${body("乙。")}`,
    );
    expect(s.plans).toHaveLength(1);
    expect(s.dropped).toEqual([]);
    expect(s.plans[0]?.sections.filter((x) => x.marker.endsWith("."))).toHaveLength(2);
  });
});

describe("segmentDocument on any text", () => {
  const piece = fc.constantFrom(
    "一、",
    "(二)",
    "（三）",
    "1.",
    "2、",
    "(4)",
    "①",
    "【篇一】",
    "【篇二】",
    "篇3",
    "一是",
    "二是",
    "\n",
    "\n\n",
    "。",
    ";",
    ",",
    "1",
    "2024年",
    "xx年是开局之年",
    "工作要点",
    "工作要点二",
    "当前位置>首页>",
    "来源:",
    "2024-01-02 10:00",
    "•",
    "全市居民健康素养水平达40%以上",
    "持续推进医疗卫生服务体系建设,提升群众就医获得感。",
  );
  const text = fc.oneof(
    fc.string({ maxLength: 300 }),
    fc.string({ unit: "binary", maxLength: 200 }),
    fc.array(piece, { maxLength: 80 }).map((a) => a.join("")),
  );

  it("never throws and gives ordered, non-overlapping plans within bounds", () => {
    fc.assert(
      fc.property(text, (t) => {
        const norm = normalizeText(t);
        expectWellFormed(norm.text, segmentDocument(norm));
      }),
      { numRuns: 400 },
    );
  });

  it("stays well formed on a page printed twice", () => {
    fc.assert(
      fc.property(fc.array(piece, { minLength: 20, maxLength: 60 }), (parts) => {
        const body = parts.join("");
        const norm = normalizeText(`${body}\n${body}`);
        const seg = segmentDocument(norm);
        expectWellFormed(norm.text, seg);
      }),
      { numRuns: 200 },
    );
  });
});

// Speed is measured by `npm run bench:extract`, not asserted here; these inputs only must terminate
// (quadratic rules would hit the test timeout) and stay well formed.
describe("segmentDocument on pathological runs", () => {
  it("handles long runs of markers, clauses and repeated titles", () => {
    const cases = [
      "一是,".repeat(50000),
      "1\n".repeat(100000),
      "(一)\n".repeat(50000),
      "卫生工作要点一\n".repeat(30000),
      `2020年卫生健康工作计划\n${"甲".repeat(250)}\n`.repeat(2000),
      "a@".repeat(100000),
    ];
    for (const c of cases) {
      const norm = normalizeText(c);
      const { plans } = segmentDocument(norm);
      for (const p of plans) {
        expect(p.start).toBeGreaterThanOrEqual(0);
        expect(p.end).toBeLessThanOrEqual(norm.text.length);
      }
    }
  });
});

describe("segmentDocument on headings and titles of other shapes", () => {
  const body = (s: string) => `${s}全面推进健康城市建设,持续改善城乡环境卫生面貌,巩固国家卫生城市创建成果。`;
  it("takes '一、2023年工作回顾' as a heading, and '一.5' not", () => {
    const norm = normalizeText(
      "某区2024年卫生健康工作计划\n一、2023年工作回顾\n去年完成了很多工作。\n二、2024年主要目标\n一.5倍\n",
    );
    const titles = segmentDocument(norm).plans[0]!.sections.map((x) => x.title);
    expect(titles).toEqual(["2023年工作回顾", "2024年主要目标"]);
  });

  it("reads the plan's title from the notice that issues it, and an issuer named after the year", () => {
    const notice = segmentDocument(
      normalizeText(`关于印发《某区2024年卫生健康工作计划》的通知\n各镇卫生院:\n一、主要目标\n${body("")}`),
    );
    expect(notice.plans[0]!.title).toBe("某区2024年卫生健康工作计划");
    expect(notice.plans[0]!.year).toBe(2024);
    const titled = segmentDocument(normalizeText(`2023年县卫生健康局工作计划\n一、工作目标\n${body("")}`));
    expect(titled.plans[0]!.issuer).toBe("县卫生健康局");
  });
});
