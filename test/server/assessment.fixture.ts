/**
 * A city's plan for the assessment, bulletin and public-page suites, built through the API: a city with two
 * counties, each reporter bound to one; three targets (two linked to the catalogue at import, one not) and
 * three tasks with deadlines; 2025Q1 values reported by the two reporters and approved by the planner; and
 * one task reported done on a past day (3 working days after its deadline: 超期办结).
 */
import { randomUUID } from "node:crypto";
import type { ExtractedDocument, Plan } from "../../src/extract/index.js";
import { ImportService } from "../../src/server/import.service.js";
import type { Api, Client } from "./harness.js";

export const TASKS = {
  overdue: "开展基层卫生服务能力提升行动",
  open: "完成家庭医生签约扩面任务",
  closedLate: "印发慢性病综合防控实施方案",
} as const;

function cityPlan(): ExtractedDocument {
  const text = [
    "2025年全市卫生健康重点工作目标",
    "一、主要目标",
    "全市高血压患者规范管理率达到65%以上。家庭医生签约服务覆盖率达到75%。推进智慧医院建设达到8家。",
    "二、重点任务",
    `1.${TASKS.overdue}（甲单位牵头），3月20日前完成。`,
    `2.${TASKS.open}（乙单位牵头），年底前完成。`,
    `3.${TASKS.closedLate}（甲单位牵头），2月底前完成。`,
  ].join("\n");
  const at = (s: string) => ({ start: text.indexOf(s), end: text.indexOf(s) + s.length, quote: s });
  const target = (metric: string, value: number, unit: string, quote: string) => ({
    kind: "target" as const,
    metric,
    comparator: ">=" as const,
    value,
    unit,
    deadline: "2025",
    baseline: null,
    sectionId: "s1",
    ...at(quote),
  });
  const task = (id: string, name: string, lead: string, due: string, when: string) => {
    const span = at(name);
    return {
      id,
      sectionId: "s2",
      text: span.quote,
      leadUnits: [lead],
      partnerUnits: [],
      deadline: {
        text: when,
        kind: "date" as const,
        due,
        start: text.indexOf(when),
        end: text.indexOf(when) + when.length,
      },
      ...span,
    };
  };
  const plan: Plan = {
    ...at(text),
    title: "2025年全市卫生健康重点工作目标",
    issuer: null,
    year: 2025,
    sections: [
      {
        id: "s1",
        parentId: null,
        level: 1,
        marker: "一、",
        title: "主要目标",
        contentEnd: text.indexOf("二、"),
        ...at("一、主要目标"),
      },
      {
        id: "s2",
        parentId: null,
        level: 1,
        marker: "二、",
        title: "重点任务",
        contentEnd: text.length,
        ...at("二、重点任务"),
      },
    ],
    tasks: [
      task("t1", TASKS.overdue, "甲单位", "2025-03-20", "3月20日前"),
      task("t2", TASKS.open, "乙单位", "2025-12-31", "年底前"),
      task("t3", TASKS.closedLate, "甲单位", "2025-02-28", "2月底前"),
    ],
    targets: [
      target("全市高血压患者规范管理率", 65, "%", "全市高血压患者规范管理率达到65%以上"),
      target("家庭医生签约服务覆盖率", 75, "%", "家庭医生签约服务覆盖率达到75%"),
      target("智慧医院建设", 8, "家", "推进智慧医院建设达到8家"),
    ],
    actuals: [],
  };
  return { text, plans: [plan], dropped: [] };
}

export interface CityPlan {
  planId: string;
  city: string;
  east: string;
  west: string;
  targets: { htn: string; signing: string; unlinked: string };
  tasks: { overdue: string; open: string; closedLate: string };
}

/** 2025Q1: 东县 高血压 700/1000 and 签约 900/1000; 西县 500/1000 and 600/1000 → 甲市 60% and 75%. */
export async function seedCityPlan(api: Api): Promise<CityPlan> {
  const doc = cityPlan();
  const imported = await new ImportService(api.handle.db, () => doc).importDocument({
    bytes: new TextEncoder().encode(doc.text),
    fileName: `city-${randomUUID()}.txt`,
    userId: api.as.planner.userId,
  });
  const planId = imported.plans[0]?.id ?? "";
  const org = async (name: string, level: string, parentId: string | null) =>
    (await api.as.planner.call("POST", "/api/org-units", { name, level, parentId })).json<{ id: string }>()
      .id;
  const city = await org("甲市", "city", null);
  const east = await org("东县", "county", city);
  const west = await org("西县", "county", city);
  await api.as.admin.call("PUT", `/api/users/${api.as.reporter.userId}/org-units`, { orgUnitIds: [east] });
  await api.as.admin.call("PUT", `/api/users/${api.as.reporter2.userId}/org-units`, { orgUnitIds: [west] });

  const targets = (await api.as.viewer.call("GET", `/api/plans/${planId}/targets`)).json<{
    items: { id: string; metric: string; indicatorId: string | null }[];
  }>().items;
  const byMetric = (m: string) => targets.find((t) => t.metric === m);
  const htn = byMetric("全市高血压患者规范管理率");
  const signing = byMetric("家庭医生签约服务覆盖率");
  const unlinked = byMetric("智慧医院建设");
  if (!htn?.indicatorId || !signing?.indicatorId || !unlinked || unlinked.indicatorId)
    throw new Error(`unexpected links at import: ${JSON.stringify(targets)}`);

  const report = async (client: Client, unitId: string, orgUnit: string, htnN: number, signN: number) => {
    const sub = (await client.call("POST", "/api/submissions", { unitId, periodId: "2025Q1" })).json<{
      id: string;
    }>().id;
    for (const [indicatorId, numerator] of [
      [htn.indicatorId, htnN],
      [signing.indicatorId, signN],
    ] as const) {
      const res = await client.call("POST", `/api/org-units/${orgUnit}/observations`, {
        indicatorId,
        periodId: "2025Q1",
        submissionId: sub,
        numerator,
        denominator: 1000,
      });
      if (res.statusCode !== 201) throw new Error(`report: ${res.statusCode} ${res.body}`);
    }
    await client.call("POST", `/api/submissions/${sub}/submit`, {});
    const approved = await api.as.planner.call("POST", `/api/submissions/${sub}/approve`, {});
    if (approved.statusCode !== 200) throw new Error(`approve: ${approved.statusCode} ${approved.body}`);
  };
  await report(api.as.reporter, api.unitA, east, 700, 900);
  await report(api.as.reporter2, api.unitB, west, 500, 600);

  const tasks = (await api.as.viewer.call("GET", `/api/plans/${planId}/tasks`)).json<{
    items: { id: string; text: string }[];
  }>().items;
  const taskId = (name: string) => tasks.find((t) => t.text.includes(name))?.id ?? "";
  const closedLate = taskId(TASKS.closedLate);
  // reported done on 2025-03-05 (Beijing), three working days after its 2025-02-28 deadline
  await api.handle.db
    .insertInto("task_progress")
    .values({
      id: randomUUID(),
      task_id: closedLate,
      unit_id: api.unitA,
      period_id: null,
      status: "done",
      note: "已印发",
      submission_id: null,
      created_by: api.as.reporter.userId,
      created_at: "2025-03-05T02:00:00.000Z",
    })
    .execute();
  return {
    planId,
    city,
    east,
    west,
    targets: { htn: htn.id, signing: signing.id, unlinked: unlinked.id },
    tasks: { overdue: taskId(TASKS.overdue), open: taskId(TASKS.open), closedLate },
  };
}
