/**
 * Assessment schemes through the API on both engines: created by planners, seeded from the plan with equal
 * weights, scored on read from approved values with the reason for every point (已达标, partial credit,
 * 超期办结 penalty, overdue), ranked with ties sharing a rank, with bonus and deduction adjustments; weights
 * normalised to 100; unknown items, zero weights and edits of a published scheme refused.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { enginesToRun } from "../db/engines.js";
import { seedCityPlan, type CityPlan } from "./assessment.fixture.js";
import { errorOf, startApi, type Api } from "./harness.js";

interface Line {
  itemId: string | null;
  kind: string;
  weight: number | null;
  points: number;
  reason: string;
}
interface UnitScore {
  unitId: string;
  name: string;
  rank: number;
  total: number;
  maximum: number;
  lines: Line[];
}
interface Scheme {
  id: string;
  version: number;
  status: string;
  items: { itemId: string; kind: string; weight: number; label: string }[];
  adjustments: { id: string }[];
}

describe.each(enginesToRun())("assessment API on $name", (engine) => {
  let api: Api;
  let fx: CityPlan;
  let schemeId = "";
  const scheme = async () => (await api.as.viewer.call("GET", `/api/assessments/${schemeId}`)).json<Scheme>();
  const scores = async (query = "") => {
    const res = await api.as.viewer.call("GET", `/api/assessments/${schemeId}/scores${query}`);
    expect(res.statusCode).toBe(200);
    return res.json<{ units: UnitScore[]; computedAt: string; orgUnitId: string }>();
  };
  const unit = (all: UnitScore[], id: string) => all.find((u) => u.unitId === id) as UnitScore;

  beforeAll(async () => {
    api = await startApi(engine);
    fx = await seedCityPlan(api);
  });
  afterAll(async () => api.close());

  it("creates a draft scheme for a period; lists and reads it; refuses a reporter and a bad period", async () => {
    const res = await api.as.planner.call("POST", `/api/plans/${fx.planId}/assessments`, {
      name: "2025年第一季度重点工作考核",
      periodId: "2025Q1",
      rules: { latePenaltyPerWorkday: 0.5 },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      status: "draft",
      version: 1,
      periodId: "2025Q1",
      rules: { partial: "linear", latePenaltyPerWorkday: 0.5 },
    });
    schemeId = res.json<{ id: string }>().id;
    const list = await api.as.viewer.call("GET", `/api/plans/${fx.planId}/assessments`);
    expect(list.json<{ items: { id: string }[] }>().items.map((s) => s.id)).toEqual([schemeId]);
    expect(
      (
        await api.as.reporter.call("POST", `/api/plans/${fx.planId}/assessments`, {
          name: "x",
          periodId: "2025",
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await api.as.planner.call("POST", `/api/plans/${fx.planId}/assessments`, {
          name: "x",
          periodId: "2025Q5",
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (
        await api.as.planner.call("POST", "/api/plans/00000000-0000-4000-8000-000000000000/assessments", {
          name: "x",
          periodId: "2025",
        })
      ).statusCode,
    ).toBe(404);
  });

  it("seeds the items from the plan: linked targets and tasks, equal weights; the unlinked target is skipped", async () => {
    const res = await api.as.planner.call("POST", `/api/assessments/${schemeId}/items/from-plan`, {
      version: 1,
    });
    expect(res.statusCode).toBe(200);
    const body = res.json<Scheme & { skippedUnlinkedTargets: number }>();
    expect(body.skippedUnlinkedTargets).toBe(1);
    expect(body.items.map((i) => [i.kind, i.itemId])).toEqual([
      ["target", fx.targets.htn],
      ["target", fx.targets.signing],
      ["task", fx.tasks.overdue],
      ["task", fx.tasks.open],
      ["task", fx.tasks.closedLate],
    ]);
    expect(body.items.every((i) => i.weight === 20)).toBe(true);
    expect(body.items[0]?.label).toBe("全市高血压患者规范管理率");
    expect(body.version).toBe(2);
    // targets can be given a share of the points: 60 for the two targets, 40 for the three tasks
    const shared = await api.as.planner.call("POST", `/api/assessments/${schemeId}/items/from-plan`, {
      version: 2,
      targetShare: 60,
    });
    expect(shared.json<Scheme>().items.map((i) => i.weight)).toEqual([30, 30, 13.3333, 13.3333, 13.3333]);
    const back = await api.as.planner.call("POST", `/api/assessments/${schemeId}/items/from-plan`, {
      version: 3,
    });
    expect(back.json<Scheme>().items.every((i) => i.weight === 20)).toBe(true);
    expect(
      (
        await api.as.planner.call("POST", `/api/assessments/${schemeId}/items/from-plan`, {
          version: 4,
          targetShare: 120,
        })
      ).statusCode,
    ).toBe(400);
    // the old version is stale now
    const stale = await api.as.planner.call("POST", `/api/assessments/${schemeId}/items/from-plan`, {
      version: 1,
    });
    expect(stale.statusCode).toBe(409);
  });

  it("scores each county with the reason of every point, and ranks them", async () => {
    const body = await scores(`?orgUnit=${fx.city}`);
    expect(body.orgUnitId).toBe(fx.city);
    expect(Date.parse(body.computedAt)).not.toBeNaN();
    const east = unit(body.units, fx.east);
    const west = unit(body.units, fx.west);
    expect(east.name).toBe("东县");
    const line = (u: UnitScore, itemId: string) => u.lines.find((l) => l.itemId === itemId) as Line;
    // 东县: 70% ≥ 65% and 90% ≥ 75%: both achieved, full marks
    expect(line(east, fx.targets.htn)).toMatchObject({ points: 20, reason: "已达标，得满分" });
    expect(line(east, fx.targets.signing).points).toBe(20);
    // the task due 2025-02-28 and reported done on 2025-03-05: 3 working days late × 0.5
    expect(line(east, fx.tasks.closedLate)).toMatchObject({
      points: 18.5,
      reason: "超期办结3个工作日，扣1.5分",
    });
    // due 2025-03-20, still open at the end of the quarter
    expect(line(east, fx.tasks.overdue).points).toBe(0);
    expect(line(east, fx.tasks.overdue).reason).toMatch(/^逾期\d+个工作日未办结，不得分$/);
    expect(line(east, fx.tasks.open)).toMatchObject({ points: 0, reason: "办理中，按进度0%计分" });
    expect(east).toMatchObject({ total: 58.5, maximum: 100, rank: 1 });
    // 西县: 50% and 60% short of 65% and 75%: partial credit (from 0, no baseline) or none, never full
    const wHtn = line(west, fx.targets.htn);
    expect(wHtn.points).toBeLessThan(20);
    if (wHtn.points > 0) expect(wHtn.points).toBeCloseTo((20 * 50) / 65, 1);
    expect(west.total).toBeCloseTo(
      west.lines.reduce((s, l) => s + l.points, 0),
      1,
    );
    expect(west.rank).toBe(2);
    expect(body.units.map((u) => u.unitId)).toEqual([fx.east, fx.west]);
    // the default org unit is the top of the tree
    expect((await scores()).orgUnitId).toBe(fx.city);
    // asked at a county, the county is scored alone
    expect((await scores(`?orgUnit=${fx.west}`)).units.map((u) => u.unitId)).toEqual([fx.west]);
  });

  it("adds bonus and deduction adjustments; equal totals share a rank", async () => {
    const before = await scores(`?orgUnit=${fx.city}`);
    const gap =
      Math.round((unit(before.units, fx.east).total - unit(before.units, fx.west).total) * 100) / 100;
    const bonus = await api.as.planner.call("POST", `/api/assessments/${schemeId}/adjustments`, {
      unitId: fx.west,
      kind: "bonus",
      points: gap,
      reason: "承办全省基层卫生现场会",
      evidence: "省卫健委通知〔2025〕12号",
    });
    expect(bonus.statusCode).toBe(201);
    const tied = await scores(`?orgUnit=${fx.city}`);
    expect(tied.units.map((u) => u.rank)).toEqual([1, 1]);
    expect(unit(tied.units, fx.west).lines.at(-1)).toMatchObject({
      kind: "bonus",
      points: gap,
      reason: "承办全省基层卫生现场会",
    });
    const deduction = await api.as.planner.call("POST", `/api/assessments/${schemeId}/adjustments`, {
      unitId: fx.east,
      kind: "deduction",
      points: 2,
      reason: "数据报送不及时",
    });
    expect(deduction.statusCode).toBe(201);
    const after = await scores(`?orgUnit=${fx.city}`);
    expect(unit(after.units, fx.east)).toMatchObject({ total: 56.5, rank: 2 });
    expect(unit(after.units, fx.west).rank).toBe(1);
    // removing the deduction restores the tie
    const id = deduction.json<{ id: string }>().id;
    expect(
      (await api.as.planner.call("DELETE", `/api/assessments/${schemeId}/adjustments/${id}`)).statusCode,
    ).toBe(204);
    expect((await scores(`?orgUnit=${fx.city}`)).units.map((u) => u.rank)).toEqual([1, 1]);
    // a bonus needs a reason and positive points, for a known org unit
    const bad = await api.as.planner.call("POST", `/api/assessments/${schemeId}/adjustments`, {
      unitId: fx.east,
      kind: "bonus",
      points: -1,
      reason: "",
    });
    expect(bad.statusCode).toBe(400);
    const unknownUnit = await api.as.planner.call("POST", `/api/assessments/${schemeId}/adjustments`, {
      unitId: "00000000-0000-4000-8000-000000000000",
      kind: "bonus",
      points: 1,
      reason: "x",
    });
    expect(unknownUnit.statusCode).toBe(404);
  });

  it("normalises relative weights to 100 points: 1, 1, 2 give 25, 25 and 50", async () => {
    const { version } = await scheme();
    const res = await api.as.planner.call("PUT", `/api/assessments/${schemeId}/items`, {
      version,
      items: [
        { kind: "target", itemId: fx.targets.htn, weight: 1 },
        { kind: "target", itemId: fx.targets.signing, weight: 1 },
        { kind: "task", itemId: fx.tasks.closedLate, weight: 2 },
      ],
    });
    expect(res.statusCode).toBe(200);
    const east = unit((await scores(`?orgUnit=${fx.city}`)).units, fx.east);
    expect(east.lines.filter((l) => l.itemId).map((l) => l.weight)).toEqual([25, 25, 50]);
    // 25 + 25 + (50 − 1.5)
    expect(east.lines.filter((l) => l.itemId).reduce((s, l) => s + l.points, 0)).toBe(98.5);
    expect(east.maximum).toBe(100);
  });

  it("refuses unknown items (422), negative weights (400), weights summing to 0 and duplicates (422)", async () => {
    const { version } = await scheme();
    const put = (items: unknown[]) =>
      api.as.planner.call("PUT", `/api/assessments/${schemeId}/items`, { version, items });
    const unknown = await put([{ kind: "target", itemId: fx.tasks.open, weight: 10 }]);
    expect(unknown.statusCode).toBe(422);
    expect(errorOf(unknown)).toMatchObject({ code: "UNKNOWN_ITEM", details: { items: [{ index: 0 }] } });
    expect(errorOf(unknown).message).toMatch(/[\u4e00-\u9fff]/);
    expect((await put([{ kind: "task", itemId: fx.tasks.open, weight: -1 }])).statusCode).toBe(400);
    const zero = await put([{ kind: "task", itemId: fx.tasks.open, weight: 0 }]);
    expect(errorOf(zero).code).toBe("WEIGHTS_ZERO");
    const dup = await put([
      { kind: "task", itemId: fx.tasks.open, weight: 1 },
      { kind: "task", itemId: fx.tasks.open, weight: 1, unitId: fx.east },
    ]);
    expect(errorOf(dup).code).toBe("DUPLICATE_ITEM");
    // nothing changed
    expect((await scheme()).items).toHaveLength(3);
  });

  it("scores an item with an org unit for that unit only", async () => {
    const { version } = await scheme();
    await api.as.planner.call("PUT", `/api/assessments/${schemeId}/items`, {
      version,
      items: [
        { kind: "target", itemId: fx.targets.htn, weight: 50 },
        { kind: "task", itemId: fx.tasks.closedLate, weight: 50, unitId: fx.east },
      ],
    });
    const body = await scores(`?orgUnit=${fx.city}`);
    expect(
      unit(body.units, fx.east)
        .lines.filter((l) => l.itemId)
        .map((l) => l.itemId),
    ).toEqual([fx.targets.htn, fx.tasks.closedLate]);
    const west = unit(body.units, fx.west).lines.filter((l) => l.itemId);
    expect(west.map((l) => [l.itemId, l.weight])).toEqual([[fx.targets.htn, 100]]);
  });

  it("changes the rules: caps apply to bonuses, null removes a cap, bad rules are 400", async () => {
    const patch = async (rules: unknown) => {
      const { version } = await scheme();
      return api.as.planner.call("PATCH", `/api/assessments/${schemeId}`, { version, rules });
    };
    const bonus = await api.as.planner.call("POST", `/api/assessments/${schemeId}/adjustments`, {
      unitId: fx.east,
      kind: "bonus",
      points: 8,
      reason: "创建国家卫生城市",
    });
    const withBonus = unit((await scores(`?orgUnit=${fx.city}`)).units, fx.east).total;
    const capped = await patch({ bonusCap: 3 });
    expect(capped.json()).toMatchObject({ rules: { bonusCap: 3, latePenaltyPerWorkday: 0.5 } });
    const east = unit((await scores(`?orgUnit=${fx.city}`)).units, fx.east);
    expect(east.total).toBe(Math.round((withBonus - 5) * 100) / 100);
    expect(east.lines.find((l) => l.kind === "bonus")?.reason).toBe("创建国家卫生城市（加分已达上限3分）");
    const uncapped = await patch({ bonusCap: null });
    expect(uncapped.json<{ rules: Record<string, unknown> }>().rules).not.toHaveProperty("bonusCap");
    expect(unit((await scores(`?orgUnit=${fx.city}`)).units, fx.east).total).toBe(withBonus);
    expect((await patch({ latePenaltyPerWorkday: -1 })).statusCode).toBe(400);
    expect((await patch({ partial: "half" })).statusCode).toBe(400);
    await api.as.planner.call(
      "DELETE",
      `/api/assessments/${schemeId}/adjustments/${bonus.json<{ id: string }>().id}`,
    );
  });

  it("publishes; a published scheme is frozen until set back to draft; every change is audited", async () => {
    const { version } = await scheme();
    const pub = await api.as.planner.call("PATCH", `/api/assessments/${schemeId}`, {
      version,
      status: "published",
    });
    expect(pub.json()).toMatchObject({ status: "published", version: version + 1 });
    const frozen = await api.as.planner.call("PUT", `/api/assessments/${schemeId}/items`, {
      version: version + 1,
      items: [],
    });
    expect(frozen.statusCode).toBe(409);
    expect(errorOf(frozen).code).toBe("SCHEME_PUBLISHED");
    const draft = await api.as.planner.call("PATCH", `/api/assessments/${schemeId}`, {
      version: version + 1,
      status: "draft",
    });
    expect(draft.json()).toMatchObject({ status: "draft" });
    const audit = await api.handle.db
      .selectFrom("audit_log")
      .select("action")
      .where("entity", "=", "assessment")
      .where("entity_id", "=", schemeId)
      .execute();
    expect(new Set(audit.map((a) => a.action))).toEqual(
      new Set([
        "assessment.create",
        "assessment.items",
        "assessment.adjustment.add",
        "assessment.adjustment.delete",
        "assessment.update",
      ]),
    );
  });

  it("reads a yearly assessment over quarterly figures as of the year's last quarter", async () => {
    const created = await api.as.planner.call("POST", `/api/plans/${fx.planId}/assessments`, {
      name: "2025年度考核",
      periodId: "2025",
    });
    const id = created.json<{ id: string }>().id;
    await api.as.planner.call("POST", `/api/assessments/${id}/items/from-plan`, { version: 1 });
    const res = await api.as.viewer.call("GET", `/api/assessments/${id}/scores?orgUnit=${fx.city}`);
    const east = unit(res.json<{ units: UnitScore[] }>().units, fx.east);
    // only 2025Q1 was reported: read as of 2025Q4, 东县's 70% meets 65% (no figure for the year itself)
    expect(east.lines.find((l) => l.itemId === fx.targets.htn)?.reason).toBe("已达标，得满分");
    const west = unit(res.json<{ units: UnitScore[] }>().units, fx.west);
    expect(west.lines.find((l) => l.itemId === fx.targets.htn)?.reason).not.toBe("无数据，不得分");
  });

  it("reads a supervised task's extended deadline and percent complete (督办) over progress reports", async () => {
    const created = await api.as.planner.call("POST", `/api/plans/${fx.planId}/assessments`, {
      name: "督办任务考核",
      periodId: "2025Q1",
    });
    const id = created.json<{ id: string }>().id;
    await api.as.planner.call("POST", `/api/assessments/${id}/items/from-plan`, { version: 1 });
    // the task due 2025-03-20, extended to 2025-04-30 under supervision, reported 60% done
    await api.handle.db
      .insertInto("supervision")
      .values({
        task_id: fx.tasks.overdue,
        plan_id: fx.planId,
        status: "in_progress",
        deadline: "2025-04-30",
        original_deadline: "2025-03-20",
        state_json: "{}",
        assigned_at: "2025-01-06T01:00:00.000Z",
        assigned_by: api.as.planner.userId,
        accepted_at: "2025-01-07T01:00:00.000Z",
        closed_at: null,
        closed_on: null,
        late: 0,
        score: null,
        last_feedback_at: "2025-03-25T01:00:00.000Z",
        last_feedback_text: "已完成60%",
        percent: 60,
        version: 1,
        updated_at: "2025-03-25T01:00:00.000Z",
      })
      .execute();
    const res = await api.as.viewer.call("GET", `/api/assessments/${id}/scores?orgUnit=${fx.city}`);
    const east = unit(res.json<{ units: UnitScore[] }>().units, fx.east);
    expect(east.lines.find((l) => l.itemId === fx.tasks.overdue)).toMatchObject({
      points: 12,
      reason: "办理中，按进度60%计分",
    });
    // as of the year's end the extended deadline has passed: overdue, nothing earned
    const year = await api.as.viewer.call(
      "GET",
      `/api/assessments/${id}/scores?orgUnit=${fx.city}&period=2025`,
    );
    const late = unit(year.json<{ units: UnitScore[] }>().units, fx.east).lines.find(
      (l) => l.itemId === fx.tasks.overdue,
    );
    expect(late?.points).toBe(0);
    expect(late?.reason).toMatch(/^逾期\d+个工作日未办结/);
    await api.handle.db.deleteFrom("supervision").where("task_id", "=", fx.tasks.overdue).execute();
  });

  it("answers 404 for an unknown scheme or org unit, 401 anonymous, and deletes a scheme", async () => {
    const none = "00000000-0000-4000-8000-000000000000";
    expect((await api.as.viewer.call("GET", `/api/assessments/${none}/scores`)).statusCode).toBe(404);
    expect(
      (await api.as.viewer.call("GET", `/api/assessments/${schemeId}/scores?orgUnit=${none}`)).statusCode,
    ).toBe(404);
    expect((await api.as.anonymous.call("GET", `/api/assessments/${schemeId}`)).statusCode).toBe(401);
    expect((await api.as.viewer.call("DELETE", `/api/assessments/${schemeId}`)).statusCode).toBe(403);
    expect((await api.as.planner.call("DELETE", `/api/assessments/${schemeId}`)).statusCode).toBe(204);
    expect((await api.as.viewer.call("GET", `/api/assessments/${schemeId}`)).statusCode).toBe(404);
  });

  it("goes with its plan when the plan is deleted, as do its public targets", async () => {
    const left = await api.as.planner.call("POST", `/api/plans/${fx.planId}/assessments`, {
      name: "留存方案",
      periodId: "2025",
    });
    expect(left.statusCode).toBe(201);
    await api.as.planner.call("PUT", `/api/plans/${fx.planId}/public`, {
      targetIds: [fx.targets.htn],
      published: true,
    });
    const { version } = (await api.as.viewer.call("GET", `/api/plans/${fx.planId}`)).json<{
      version: number;
    }>();
    const del = await api.as.planner.call("DELETE", `/api/plans/${fx.planId}?version=${version}`);
    expect(del.statusCode).toBe(204);
    expect(
      (await api.as.viewer.call("GET", `/api/assessments/${left.json<{ id: string }>().id}`)).statusCode,
    ).toBe(404);
    expect((await api.as.anonymous.call("GET", `/api/public/plans/${fx.planId}`)).statusCode).toBe(404);
    const rows = await api.handle.db.selectFrom("public_targets").selectAll().execute();
    expect(rows).toEqual([]);
  });
});
