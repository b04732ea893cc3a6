/**
 * Tasks found by the whole pipeline (normalise → segment → tasks) on the real seed documents.
 * The assertions are about the genre's shapes, checked on the sentences the seeds happen to hold.
 */
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { extractDocument, type ExtractedDocument, type Task } from "../index.js";

const SEEDS = fileURLToPath(new URL("../../../../shared/seeds/", import.meta.url));

function seed(prefix: string): ExtractedDocument {
  const file = readdirSync(SEEDS).find((f) => f.startsWith(prefix));
  if (!file) throw new Error(`no seed ${prefix}`);
  return extractDocument(readFileSync(`${SEEDS}${file}`, "utf8"));
}

const tasksOf = (doc: ExtractedDocument): Task[] => doc.plans.flatMap((p) => p.tasks);
/** The one task whose text contains `phrase` (in the normalised, simplified text). */
function taskWith(tasks: Task[], phrase: string): Task {
  const found = tasks.filter((t) => t.text.includes(phrase));
  expect(found, phrase).toHaveLength(1);
  return found[0] as Task;
}

describe("tasks on seed 003 (five 爱国卫生 work plans, many with unit parentheses)", () => {
  const doc = seed("003");
  const tasks = tasksOf(doc);

  it("gives every task that closes with a unit parenthesis its lead units", () => {
    const closing = tasks.filter((t) =>
      /(?:负责|牵头|参与|配合|办|委|局|部|单位|中心|联|社)\)$/.test(t.text),
    );
    expect(closing.length).toBeGreaterThanOrEqual(50);
    for (const t of closing) expect(t.leadUnits.length, t.text).toBeGreaterThan(0);
  });

  it("reads a plain list as first-named lead and partners", () => {
    expect(taskWith(tasks, "召开健康科普专家库成立会议")).toMatchObject({
      leadUnits: ["市爱卫办"],
      partnerUnits: ["市卫健委", "市委宣传部"],
    });
    expect(taskWith(tasks, "委托第三方开展国家卫生城市巩固成果评估")).toMatchObject({
      leadUnits: ["市爱卫办"],
      partnerUnits: ["相关区、镇、街道", "市直各单位"],
    });
  });

  it("reads 牵头/参与 and shared duties", () => {
    expect(taskWith(tasks, "开展爱国卫生月活动")).toMatchObject({
      leadUnits: ["全国爱卫办"],
      partnerUnits: ["有关成员单位"],
    });
    expect(taskWith(tasks, "健全完善农村生活垃圾收运处置体系")).toMatchObject({
      leadUnits: ["住房城乡建设部", "农业农村部"],
      partnerUnits: [],
    });
  });

  it("splits an item whose sentences carry their own units", () => {
    expect(taskWith(tasks, "加快农村卫生厕所普及").leadUnits).toEqual(["农业农村部"]);
    expect(taskWith(tasks, "做好客运站等场所的环境卫生和消毒工作").leadUnits).toEqual([
      "交通运输部",
      "中国民航局",
    ]);
    expect(taskWith(tasks, "推进旅游厕所革命").leadUnits).toEqual(["文化和旅游部"]);
  });

  it("takes no task from headings, the guiding thought or the target sections", () => {
    for (const t of tasks) {
      expect(t.text).not.toMatch(/^(?:健康知识普及行动|城乡环境卫生整洁行动|重点工作举措|主要目标指标)$/);
      expect(t.text).not.toContain("为指导");
    }
    // "主要目标指标" content of plan 3 is a list of targets, not of tasks.
    expect(tasks.some((t) => t.text.startsWith("全市居民健康素养水平达40%以上"))).toBe(false);
    expect(tasks.length).toBeGreaterThanOrEqual(100);
  });

  it("quotes each task from the original text, inside its plan, with stable ids", () => {
    for (const plan of doc.plans) {
      plan.tasks.forEach((t, k) => {
        expect(t.id).toBe(`t${k + 1}`);
        expect(doc.text.slice(t.start, t.end)).toBe(t.quote);
        expect(t.start).toBeGreaterThanOrEqual(plan.start);
        expect(t.end).toBeLessThanOrEqual(plan.end);
        if (t.sectionId !== null) expect(plan.sections.map((s) => s.id)).toContain(t.sectionId);
      });
    }
  });
});

describe("tasks on the other seeds", () => {
  it("skips the review of the past year and keeps the work ahead (000, traditional characters)", () => {
    const tasks = tasksOf(seed("000"));
    expect(tasks.some((t) => t.text.includes("市属三级医院及长乐区"))).toBe(false);
    expect(taskWith(tasks, "推进分级诊疗建设").text.startsWith("推进分级诊疗建设")).toBe(true);
  });

  it("resolves the deadlines of 000 against its plan year 2018", () => {
    const doc = seed("000");
    expect(doc.plans[0]?.year).toBe(2018);
    const tasks = tasksOf(doc);
    expect(taskWith(tasks, "9月25日前要完成").deadline).toMatchObject({ kind: "date", due: "2018-09-25" });
    expect(taskWith(tasks, "年内药品耗材收入占比").deadline).toMatchObject({
      kind: "date",
      due: "2018-12-31",
    });
    const project = taskWith(tasks, "5月完成施工招投标").deadline;
    expect(project?.due).toBe("2018-12-31");
    expect(doc.text.slice(project?.start, project?.end)).toBe(project?.text);
  });

  it("splits 一是/二是 clauses into tasks and resolves 年底前 against the plan year (001)", () => {
    const tasks = tasksOf(seed("001"));
    expect(tasks.some((t) => t.text.startsWith("加强人口监测和形势分析"))).toBe(true);
    expect(tasks.some((t) => t.text.startsWith("做好婴幼儿照护服务"))).toBe(true);
    const reform = taskWith(tasks, "年底前全部出台本级改革方案");
    expect(reform.deadline).toMatchObject({ kind: "date", due: "2020-12-31" });
    expect(reform.deadline?.text).toBe("年底前");
  });

  it("skips a meeting report's results (002)", () => {
    const tasks = tasksOf(seed("002"));
    expect(tasks.some((t) => t.text.includes("全县组建家庭医生签约服务团队66个"))).toBe(false);
  });

  it("drops the title sentence before 一是 (004)", () => {
    const tasks = tasksOf(seed("004"));
    expect(tasks.some((t) => t.text.startsWith("推动公立医院高质量发展"))).toBe(true);
    expect(tasks.some((t) => t.text.startsWith("全力抓好深化医药卫生体制改革"))).toBe(false);
  });
});

describe("tasks through the pipeline on a county plan in the genre's usual shapes", () => {
  // Written in traditional characters and full-width punctuation, as some sites serve such plans.
  const text = [
    "XX縣衛生健康局2024年工作要點",
    "2024年全縣衛生健康工作的總體要求是:以習近平新時代中國特色社會主義思想為指導,深入貫徹黨的二十大精神。",
    "一、主要目標",
    "全縣居民健康素養水平達到30%以上。",
    "二、重點任務",
    "(一)深化醫藥衛生體制改革",
    "1.推進緊密型縣域醫共體建設,6月底前完成醫共體章程修訂。（縣衛健局牽頭，縣醫保局、縣財政局配合）",
    "2.深化公立醫院薪酬制度改革,年內出臺實施方案。",
    "牽頭單位：縣衛健局",
    "配合單位：縣人社局、縣財政局",
    "完成時限：2024年10月底前",
    "(二)提升公共衛生服務能力",
    "3.每季度開展一次傳染病疫情分析研判,季後15日內報送分析報告。(縣疾控中心負責)",
    "4.加強院前急救體系建設,11月中旬完成急救站點佈局調整。(縣衛健局、各鄉鎮人民政府按職責分工負責)",
    "5.收到群眾投訴後5個工作日內辦結。(縣衛健局)",
    "三、保障措施",
    "(一)加強組織領導。各單位要成立工作專班,明確責任分工。",
  ].join("\n");
  const doc = extractDocument(text);
  const tasks = tasksOf(doc);

  it("takes the five items and nothing from the preamble, targets or safeguards", () => {
    expect(tasks.map((t) => t.text.slice(0, 6))).toEqual([
      "推进紧密型县",
      "深化公立医院",
      "每季度开展一",
      "加强院前急救",
      "收到群众投诉",
    ]);
    for (const t of tasks) expect(doc.text.slice(t.start, t.end)).toBe(t.quote);
  });

  it("reads units in every form", () => {
    expect(tasks.map((t) => [t.leadUnits, t.partnerUnits])).toEqual([
      [["县卫健局"], ["县医保局", "县财政局"]],
      [["县卫健局"], ["县人社局", "县财政局"]],
      [["县疾控中心"], []],
      [["县卫健局", "各乡镇人民政府"], []],
      [["县卫健局"], []],
    ]);
  });

  it("resolves every kind of deadline", () => {
    expect(tasks.map((t) => t.deadline && [t.deadline.kind, t.deadline.due])).toEqual([
      ["date", "2024-06-30"],
      ["date", "2024-10-31"],
      ["recurring", null],
      ["period", "2024-11-20"],
      ["workdays", null],
    ]);
    expect(tasks[2]?.deadline).toMatchObject({ recurrence: "quarterly", days: 15, text: "季后15日内" });
    expect(tasks[4]?.deadline).toMatchObject({ days: 5 });
    const d = tasks[3]?.deadline;
    expect(doc.text.slice(d?.start, d?.end)).toBe("11月中旬");
  });
});
