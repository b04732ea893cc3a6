import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { normalizeText } from "../normalize.js";
import type { DraftPlan, DraftSection } from "../draft.js";
import { extractTasks } from "./index.js";

/** A plan over the whole text with the given headings; each heading's content runs to the next of its level or higher. */
function planOf(
  text: string,
  headings: Array<{ line: string; level: number }>,
  year: number | null = 2024,
): DraftPlan {
  const sections: DraftSection[] = [];
  const stack: DraftSection[] = [];
  for (const h of headings) {
    const start = text.indexOf(h.line);
    if (start < 0) throw new Error(`heading not in text: ${h.line}`);
    while (stack.length > 0 && (stack[stack.length - 1] as DraftSection).level >= h.level) stack.pop();
    const parent = stack[stack.length - 1] ?? null;
    const section: DraftSection = {
      id: parent
        ? `${parent.id}.${sections.filter((s) => s.parentId === parent.id).length + 1}`
        : `s${sections.filter((s) => s.parentId === null).length + 1}`,
      parentId: parent?.id ?? null,
      level: h.level,
      marker: "",
      title: h.line.replace(/^(?:[一二三四五六七八九十]+、|\([一二三四五六七八九十]+\)|\d+\.)/, ""),
      start,
      end: start + h.line.length,
      contentEnd: text.length,
    };
    sections.push(section);
    stack.push(section);
  }
  // Close each section at the next heading of its level or higher.
  for (const s of sections) {
    const next = sections.find((o) => o.start > s.start && o.level <= s.level);
    if (next) s.contentEnd = next.start;
  }
  return { start: 0, end: text.length, title: null, issuer: null, year, sections };
}

const PLAN = [
  "2024年全市卫生健康工作要点",
  "2024年全市卫生健康工作的总体要求是:以习近平新时代中国特色社会主义思想为指导,全面贯彻党的二十大精神。",
  "一、主要目标",
  "全市居民健康素养水平达到35%以上。",
  "二、重点任务",
  "(一)健康知识普及行动",
  "1.举办全市健康科普大赛,年底前完成决赛。(市爱卫办、市卫健委、市委宣传部)",
  "2.开展爱国卫生月活动。(市爱卫办牵头,有关成员单位参与)",
  "3.深化生活垃圾分类工作。(市住建局、市农业农村局按职责分工负责)",
  "(二)基层能力提升行动",
  "推进乡镇卫生院(社区卫生服务中心)标准化建设,9月底前完成改造。",
  "责任单位:各县(市、区)卫生健康局",
  "三、保障措施",
  "(一)加强组织领导。各地要把爱国卫生工作列入重要议事日程。",
].join("\n");

const HEADINGS = [
  { line: "一、主要目标", level: 1 },
  { line: "二、重点任务", level: 1 },
  { line: "(一)健康知识普及行动", level: 2 },
  { line: "1.举办全市健康科普大赛,年底前完成决赛。(市爱卫办、市卫健委、市委宣传部)", level: 3 },
  { line: "2.开展爱国卫生月活动。(市爱卫办牵头,有关成员单位参与)", level: 3 },
  { line: "3.深化生活垃圾分类工作。(市住建局、市农业农村局按职责分工负责)", level: 3 },
  { line: "(二)基层能力提升行动", level: 2 },
  { line: "三、保障措施", level: 1 },
  { line: "(一)加强组织领导。", level: 2 },
];

describe("extractTasks with an outline", () => {
  const norm = normalizeText(PLAN);
  const plan = planOf(norm.text, HEADINGS);
  const tasks = extractTasks(norm, plan);

  it("takes each deepest item and paragraph under the task sections, and nothing else", () => {
    expect(tasks.map((t) => t.text)).toEqual([
      "举办全市健康科普大赛,年底前完成决赛。(市爱卫办、市卫健委、市委宣传部)",
      "开展爱国卫生月活动。(市爱卫办牵头,有关成员单位参与)",
      "深化生活垃圾分类工作。(市住建局、市农业农村局按职责分工负责)",
      "推进乡镇卫生院(社区卫生服务中心)标准化建设,9月底前完成改造。\n责任单位:各县(市、区)卫生健康局",
    ]);
    expect(tasks.map((t) => t.id)).toEqual(["t1", "t2", "t3", "t4"]);
  });

  it("gives each task its innermost section and a span that quotes its text", () => {
    const byTitle = (title: string) => plan.sections.find((s) => s.title.startsWith(title))?.id;
    expect(tasks[0]?.sectionId).toBe(byTitle("举办全市健康科普大赛"));
    expect(tasks[3]?.sectionId).toBe(byTitle("基层能力提升行动"));
    for (const t of tasks) expect(norm.text.slice(t.start, t.end)).toBe(t.text);
  });

  it("reads the units of each task", () => {
    expect(tasks.map((t) => [t.leadUnits, t.partnerUnits])).toEqual([
      [["市爱卫办"], ["市卫健委", "市委宣传部"]],
      [["市爱卫办"], ["有关成员单位"]],
      [["市住建局", "市农业农村局"], []],
      [["各县(市、区)卫生健康局"], []],
    ]);
  });

  it("resolves deadlines against the plan year", () => {
    expect(tasks.map((t) => t.deadline?.due ?? null)).toEqual(["2024-12-31", null, null, "2024-09-30"]);
    const d = tasks[0]?.deadline;
    expect(norm.text.slice(d?.start, d?.end)).toBe("年底前");
  });
});

describe("extractTasks without an outline", () => {
  it("takes commitment paragraphs and skips headings, the preamble and context sections", () => {
    const norm = normalizeText(PLAN);
    const tasks = extractTasks(norm, {
      start: 0,
      end: norm.text.length,
      title: null,
      issuer: null,
      year: 2024,
      sections: [],
    });
    expect(tasks.map((t) => t.text.slice(0, 8))).toEqual([
      "举办全市健康科普",
      "开展爱国卫生月活",
      "深化生活垃圾分类",
      "推进乡镇卫生院(",
    ]);
    expect(tasks[3]?.leadUnits).toEqual(["各县(市、区)卫生健康局"]);
  });

  it("splits 一是/二是 clauses and drops the title sentence before them", () => {
    const text =
      "(二)全力抓好深化医药卫生体制改革。一是推动公立医院高质量发展,年内完成章程修订。二是推进紧密型县域医共体提质升级。三是完善县委卫健工委工作机制。";
    const norm = normalizeText(text);
    const tasks = extractTasks(norm, {
      start: 0,
      end: text.length,
      title: null,
      issuer: null,
      year: 2025,
      sections: [],
    });
    expect(tasks.map((t) => t.text)).toEqual([
      "推动公立医院高质量发展,年内完成章程修订。",
      "推进紧密型县域医共体提质升级。",
      "完善县委卫健工委工作机制。",
    ]);
    expect(tasks[0]?.deadline?.due).toBe("2025-12-31");
  });

  it("splits an item at a unit parenthesis followed by more work", () => {
    const text =
      "4.扎实推进农村厕所革命,加快农村卫生厕所普及。(农业农村部负责)做好客运站等场所的环境卫生和消毒工作。(交通运输部、中国民航局负责)";
    const norm = normalizeText(text);
    const tasks = extractTasks(norm, {
      start: 0,
      end: text.length,
      title: null,
      issuer: null,
      year: 2024,
      sections: [],
    });
    expect(tasks.map((t) => t.leadUnits)).toEqual([["农业农村部"], ["交通运输部", "中国民航局"]]);
    expect(tasks[1]?.text).toBe("做好客运站等场所的环境卫生和消毒工作。(交通运输部、中国民航局负责)");
  });

  it("reads unit labels that close the task's own line", () => {
    const text = "1.推进分级诊疗制度建设,6月底前出台实施方案。牵头单位:市卫健委;配合单位:市医保局、市财政局";
    const norm = normalizeText(text);
    const tasks = extractTasks(norm, {
      start: 0,
      end: text.length,
      title: null,
      issuer: null,
      year: 2024,
      sections: [],
    });
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ leadUnits: ["市卫健委"], partnerUnits: ["市医保局", "市财政局"] });
    expect(tasks[0]?.deadline?.due).toBe("2024-06-30");
  });

  it("joins a sentence wrapped onto the next line and a unit parenthesis alone on its line", () => {
    const text = [
      "1.推进县级医院胸痛中心、卒中中心建设,年底前全部通过国家级",
      "认证,提升急危重症救治能力。",
      "(市卫健委牵头,各县区配合)",
      "2.加强基层医疗卫生人才队伍建设。",
    ].join("\n");
    const norm = normalizeText(text);
    const tasks = extractTasks(norm, {
      start: 0,
      end: text.length,
      title: null,
      issuer: null,
      year: 2024,
      sections: [],
    });
    expect(tasks.map((t) => t.text)).toEqual([
      "推进县级医院胸痛中心、卒中中心建设,年底前全部通过国家级\n认证,提升急危重症救治能力。\n(市卫健委牵头,各县区配合)",
      "加强基层医疗卫生人才队伍建设。",
    ]);
    expect(tasks[0]).toMatchObject({ leadUnits: ["市卫健委"], partnerUnits: ["各县区"] });
    expect(tasks[1]?.leadUnits).toEqual([]);
  });

  it("reads an item's unit and time-limit lines below it as its fields", () => {
    const text = [
      "(一)深化医药卫生体制改革",
      "2.深化公立医院薪酬制度改革,年内出台实施方案。",
      "牵头单位:县卫健局",
      "配合单位:县人社局、县财政局",
      "完成时限:2024年10月底前",
      "3.加强基层人才队伍建设。",
    ].join("\n");
    const norm = normalizeText(text);
    const plan = planOf(norm.text, [
      { line: "(一)深化医药卫生体制改革", level: 1 },
      { line: "2.深化公立医院薪酬制度改革,年内出台实施方案。", level: 2 },
      { line: "3.加强基层人才队伍建设。", level: 2 },
    ]);
    const tasks = extractTasks(norm, plan);
    expect(tasks).toHaveLength(2);
    expect(tasks[0]).toMatchObject({ leadUnits: ["县卫健局"], partnerUnits: ["县人社局", "县财政局"] });
    expect(tasks[0]?.deadline).toMatchObject({ text: "2024年10月底前", due: "2024-10-31" });
    expect(tasks[0]?.text.endsWith("完成时限:2024年10月底前")).toBe(true);
  });

  it("skips reports of past results", () => {
    const text = [
      "一、2023年工作回顾",
      "全县组建家庭医生签约服务团队66个,签约群众18.9万人,已完成年度目标。",
      "二、2024年工作安排",
      "持续推进家庭医生签约服务,年底前签约率达到75%。",
    ].join("\n");
    const norm = normalizeText(text);
    const tasks = extractTasks(norm, {
      start: 0,
      end: text.length,
      title: null,
      issuer: null,
      year: 2024,
      sections: [],
    });
    expect(tasks.map((t) => t.text)).toEqual(["持续推进家庭医生签约服务,年底前签约率达到75%。"]);
  });

  it("reads traditional-character plans", () => {
    const text = "二、重點任務\n1.開展愛國衛生月活動,年底前完成。(全國愛衛辦牽頭,有關成員單位參與)";
    const norm = normalizeText(text);
    const tasks = extractTasks(norm, {
      start: 0,
      end: norm.text.length,
      title: null,
      issuer: null,
      year: 2024,
      sections: [],
    });
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ leadUnits: ["全国爱卫办"], partnerUnits: ["有关成员单位"] });
    expect(tasks[0]?.deadline?.due).toBe("2024-12-31");
  });
});

describe("extractTasks on any input", () => {
  it("never throws and keeps spans inside the plan", () => {
    const pieces = fc.constantFrom(
      "一、",
      "(一)",
      "1.",
      "一是",
      "二是",
      "推进",
      "建设",
      "。",
      ",",
      "(",
      ")",
      "市卫健委",
      "牵头",
      "、",
      "\n",
      "年底前",
      "9月",
      "责任单位:",
      "x",
    );
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 60 }), fc.nat(), fc.nat(), (parts, a, b) => {
        const norm = normalizeText(parts.join(""));
        const n = norm.text.length;
        const start = n === 0 ? 0 : a % (n + 1);
        const end = start + (n - start === 0 ? 0 : b % (n - start + 1));
        const plan: DraftPlan = { start, end, title: null, issuer: null, year: 2024, sections: [] };
        for (const t of extractTasks(norm, plan)) {
          expect(t.start).toBeGreaterThanOrEqual(start);
          expect(t.end).toBeLessThanOrEqual(end);
          expect(t.start).toBeLessThan(t.end);
          if (t.deadline) {
            expect(t.deadline.start).toBeGreaterThanOrEqual(t.start);
            expect(t.deadline.end).toBeLessThanOrEqual(t.end);
          }
        }
      }),
    );
  });
});
