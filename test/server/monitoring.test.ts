/**
 * The monitoring flow through the API: a plan's targets linked to the catalogue at import and confirmed by a
 * planner; the same indicator across plans; two reporters bound to two counties report numerator and
 * denominator; only approved values reach the roll-up (recomputed from the sums, never averaged), the
 * targets' status and the completeness of reporting, each with when it was computed.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ExtractedDocument, Plan } from "../../src/extract/index.js";
import { ImportService } from "../../src/server/import.service.js";
import { enginesToRun } from "../db/engines.js";
import { errorOf, importHandMade, startApi, type Api } from "./harness.js";

interface Quantity {
  id: string;
  metric: string;
  version: number;
  indicatorId: string | null;
  link: {
    status: string;
    score: number | null;
    reason: string | null;
    candidates: { code: string }[];
  } | null;
}

/** A plan whose targets name indicators the way plans do: with scope words and an alias. */
function monitoredPlan(): ExtractedDocument {
  const text =
    "2025年基层卫生工作要点\n全市高血压患者规范管理率达到65%以上。家庭医生签约服务覆盖率达到75%。推进智慧医院建设达到8家。";
  const at = (s: string) => ({ start: text.indexOf(s), end: text.indexOf(s) + s.length, quote: s });
  const target = (metric: string, value: number, unit: string, quote: string) => ({
    kind: "target" as const,
    metric,
    comparator: ">=" as const,
    value,
    unit,
    deadline: "2025",
    baseline: null,
    sectionId: null,
    ...at(quote),
  });
  const plan: Plan = {
    ...at(text),
    title: "2025年基层卫生工作要点",
    issuer: null,
    year: 2025,
    sections: [],
    tasks: [],
    targets: [
      target("全市高血压患者规范管理率", 65, "%", "全市高血压患者规范管理率达到65%以上"),
      target("家庭医生签约服务覆盖率", 75, "%", "家庭医生签约服务覆盖率达到75%"),
      target("智慧医院建设", 8, "家", "推进智慧医院建设达到8家"),
    ],
    actuals: [],
  };
  return { text, plans: [plan], dropped: [] };
}

describe.each(enginesToRun())("monitoring API on $name", (engine) => {
  let api: Api;
  let planId = "";
  let handMadeId = "";
  let htn = "";
  let signing = "";
  let life = "";
  let city = "";
  let countyA = "";
  let countyB = "";
  let subA = "";
  let subB = "";
  const indicatorId = async (q: string) =>
    (await api.as.viewer.call("GET", `/api/indicators?q=${encodeURIComponent(q)}`))
      .json<{ items: { id: string; name: string }[] }>()
      .items.find((i) => i.name === q)?.id ?? "";
  const targets = async (id: string) =>
    (await api.as.viewer.call("GET", `/api/plans/${id}/targets`)).json<{ items: Quantity[] }>().items;

  beforeAll(async () => {
    api = await startApi(engine);
    const doc = monitoredPlan();
    const imported = await new ImportService(api.handle.db, () => doc).importDocument({
      bytes: new TextEncoder().encode(doc.text),
      fileName: "monitored.txt",
      userId: api.as.planner.userId,
    });
    planId = imported.plans[0]?.id ?? "";
    handMadeId = await importHandMade(api, 2025);
    await importHandMade(api, 2026);
    htn = await indicatorId("高血压患者规范管理率");
    signing = await indicatorId("家庭医生签约率");
    life = await indicatorId("人均预期寿命");
    const org = async (name: string, level: string, parentId: string | null) =>
      (await api.as.planner.call("POST", "/api/org-units", { name, level, parentId })).json<{ id: string }>()
        .id;
    city = await org("甲市", "city", null);
    countyA = await org("东县", "county", city);
    countyB = await org("西县", "county", city);
  });
  afterAll(async () => api.close());

  describe("indicator links made at import", () => {
    it("suggests the catalogue indicator by name or alias, and leaves an unknown metric unlinked", async () => {
      const [a, b, c] = await targets(planId);
      expect(a).toMatchObject({ indicatorId: htn, link: { status: "suggested" } });
      expect(b).toMatchObject({ indicatorId: signing, link: { status: "suggested" } });
      expect(b?.link?.reason).toContain("家庭医生签约服务覆盖率");
      expect(c?.indicatorId).toBeNull();
      expect(["candidates", "unlinked"]).toContain(c?.link?.status);
      expect(htn).not.toBe("");
      expect(signing).not.toBe("");
    });
  });

  describe("PUT /api/plans/:planId/targets/:id/indicator", () => {
    it("confirms, corrects and clears a link, each audited", async () => {
      const [a] = await targets(planId);
      const url = `/api/plans/${planId}/targets/${a?.id ?? ""}/indicator`;
      const confirmed = await api.as.planner.call("PUT", url, { version: a?.version, indicatorId: htn });
      expect(confirmed.statusCode).toBe(200);
      expect(confirmed.json()).toMatchObject({ indicatorId: htn, link: { status: "confirmed" } });
      const v = confirmed.json<Quantity>().version;
      const cleared = await api.as.planner.call("PUT", url, { version: v, indicatorId: null });
      expect(cleared.json()).toMatchObject({ indicatorId: null, link: { status: "unlinked" } });
      const back = await api.as.planner.call("PUT", url, { version: v + 1, indicatorId: htn });
      expect(back.json()).toMatchObject({ indicatorId: htn, link: { status: "confirmed" } });
      const audit = await api.handle.db
        .selectFrom("audit_log")
        .selectAll()
        .where("action", "=", "target.link")
        .where("entity_id", "=", a?.id ?? "")
        .execute();
      expect(audit.map((e) => JSON.parse(e.after_json ?? "{}") as unknown)).toEqual([
        { indicatorId: htn, linkStatus: "confirmed" },
        { indicatorId: null, linkStatus: "unlinked" },
        { indicatorId: htn, linkStatus: "confirmed" },
      ]);
    });
    it("answers 409 for a stale version, 404 for an unknown indicator, 400 without a version", async () => {
      const [, b] = await targets(planId);
      const url = `/api/plans/${planId}/targets/${b?.id ?? ""}/indicator`;
      const stale = await api.as.planner.call("PUT", url, { version: 99, indicatorId: signing });
      expect(stale.statusCode).toBe(409);
      const unknown = await api.as.planner.call("PUT", url, {
        version: b?.version,
        indicatorId: "00000000-0000-4000-8000-000000000000",
      });
      expect(unknown.statusCode).toBe(404);
      expect((await api.as.planner.call("PUT", url, { indicatorId: signing })).statusCode).toBe(400);
    });
    it("refuses a reporter with 403 and changes nothing", async () => {
      const [, b] = await targets(planId);
      const res = await api.as.reporter.call("PUT", `/api/plans/${planId}/targets/${b?.id ?? ""}/indicator`, {
        version: b?.version,
        indicatorId: null,
      });
      expect(res.statusCode).toBe(403);
      expect((await targets(planId))[1]?.indicatorId).toBe(signing);
    });
    it("links an actual the same way", async () => {
      const actuals = (await api.as.viewer.call("GET", `/api/plans/${handMadeId}/actuals`)).json<{
        items: Quantity[];
      }>().items;
      const mmr = await indicatorId("孕产妇死亡率");
      expect(actuals[0]).toMatchObject({ indicatorId: mmr, link: { status: "suggested" } });
      const res = await api.as.planner.call(
        "PUT",
        `/api/plans/${handMadeId}/actuals/${actuals[0]?.id ?? ""}/indicator`,
        { version: actuals[0]?.version, indicatorId: mmr },
      );
      expect(res.json()).toMatchObject({ link: { status: "confirmed" } });
    });
  });

  describe("GET /api/indicators/:id/targets and /actuals", () => {
    it("follows one indicator across plans and years", async () => {
      const res = await api.as.viewer.call("GET", `/api/indicators/${life}/targets`);
      expect(res.statusCode).toBe(200);
      const items = res.json<{ items: { metric: string; plan: { year: number } }[] }>().items;
      expect(items.map((i) => [i.metric, i.plan.year])).toEqual([
        ["人均预期寿命", 2026],
        ["人均预期寿命", 2025],
      ]);
      const y = await api.as.viewer.call("GET", `/api/indicators/${life}/targets?year=2025`);
      expect(y.json<{ total: number }>().total).toBe(1);
      const mmr = await indicatorId("孕产妇死亡率");
      const actuals = await api.as.viewer.call("GET", `/api/indicators/${mmr}/actuals`);
      expect(actuals.json<{ total: number }>().total).toBe(2);
    });
    it("answers 400 for a bad year and 404 for an unknown indicator", async () => {
      expect((await api.as.viewer.call("GET", `/api/indicators/${life}/targets?year=x`)).statusCode).toBe(
        400,
      );
      expect(
        (await api.as.viewer.call("GET", "/api/indicators/00000000-0000-4000-8000-000000000000/actuals"))
          .statusCode,
      ).toBe(404);
    });
  });

  describe("PUT /api/users/:id/org-units", () => {
    it("binds each reporter to its county; 404 for an unknown org unit; 400 for a malformed id", async () => {
      const a = await api.as.admin.call("PUT", `/api/users/${api.as.reporter.userId}/org-units`, {
        orgUnitIds: [countyA],
      });
      expect(a.json()).toEqual({ orgUnitIds: [countyA] });
      await api.as.admin.call("PUT", `/api/users/${api.as.reporter2.userId}/org-units`, {
        orgUnitIds: [countyB],
      });
      const read = await api.as.admin.call("GET", `/api/users/${api.as.reporter2.userId}/org-units`);
      expect(read.json()).toEqual({ orgUnitIds: [countyB] });
      expect(
        (
          await api.as.admin.call("PUT", `/api/users/${api.as.reporter.userId}/org-units`, {
            orgUnitIds: ["00000000-0000-4000-8000-000000000000"],
          })
        ).statusCode,
      ).toBe(404);
      expect(
        (
          await api.as.admin.call("PUT", `/api/users/${api.as.reporter.userId}/org-units`, {
            orgUnitIds: ["x"],
          })
        ).statusCode,
      ).toBe(400);
    });
  });

  describe("POST /api/org-units/:id/observations", () => {
    beforeAll(async () => {
      const open = async (client: typeof api.as.reporter, unitId: string) =>
        (await client.call("POST", "/api/submissions", { unitId, periodId: "2025Q1" })).json<{ id: string }>()
          .id;
      subA = await open(api.as.reporter, api.unitA);
      subB = await open(api.as.reporter2, api.unitB);
    });
    it("stores a reporter's numerator and denominator for its county, with the value computed", async () => {
      const res = await api.as.reporter.call("POST", `/api/org-units/${countyA}/observations`, {
        indicatorId: htn,
        periodId: "2025Q1",
        submissionId: subA,
        numerator: 600,
        denominator: 1000,
      });
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({
        observation: { orgUnitId: countyA, value: 60, numerator: 600, denominator: 1000 },
        warnings: [],
      });
      const listed = await api.as.viewer.call("GET", `/api/observations?orgUnitId=${countyA}`);
      expect(listed.json()).toMatchObject({ total: 1, items: [{ orgUnitId: countyA, numerator: 600 }] });
      expect((await api.as.viewer.call("GET", "/api/observations?orgUnitId=x")).statusCode).toBe(400);
      const b = await api.as.reporter2.call("POST", `/api/org-units/${countyB}/observations`, {
        indicatorId: htn,
        periodId: "2025Q1",
        submissionId: subB,
        numerator: 700,
        denominator: 2000,
        value: 35,
      });
      expect(b.statusCode).toBe(201);
    });
    it("answers 422 with a message per field in Chinese and English for impossible values", async () => {
      const res = await api.as.reporter.call("POST", `/api/org-units/${countyA}/observations`, {
        indicatorId: htn,
        periodId: "2025Q1",
        submissionId: subA,
        numerator: 1200,
        denominator: 1000,
      });
      expect(res.statusCode).toBe(422);
      expect(errorOf(res)).toMatchObject({
        code: "OBSERVATION_INVALID",
        details: {
          issues: [
            {
              field: "numerator",
              code: "numerator_above_denominator",
              message: "分子（1200）不能大于分母（1000）",
              messageEn: "the numerator cannot exceed the denominator",
            },
          ],
        },
      });
      const pct = await api.as.reporter.call("POST", `/api/org-units/${countyA}/observations`, {
        indicatorId: htn,
        periodId: "2025Q1",
        submissionId: subA,
        value: 120,
      });
      expect(errorOf(pct)).toMatchObject({ details: { issues: [{ code: "above_ratio_limit" }] } });
    });
    it("answers 400 for a malformed period or no value at all", async () => {
      const base = { indicatorId: htn, submissionId: subA };
      const url = `/api/org-units/${countyA}/observations`;
      expect(
        (await api.as.reporter.call("POST", url, { ...base, periodId: "2025Q5", value: 1 })).statusCode,
      ).toBe(400);
      expect((await api.as.reporter.call("POST", url, { ...base, periodId: "2025Q1" })).statusCode).toBe(400);
    });
    it("refuses a reporter for a county it is not bound to with 403, and a viewer", async () => {
      const body = { indicatorId: htn, periodId: "2025Q1", submissionId: subA, value: 50 };
      const res = await api.as.reporter.call("POST", `/api/org-units/${countyB}/observations`, body);
      expect(res.statusCode).toBe(403);
      expect(
        (await api.as.viewer.call("POST", `/api/org-units/${countyA}/observations`, body)).statusCode,
      ).toBe(403);
    });
  });

  describe("GET /api/indicators/:id/rollup", () => {
    it("counts only approved values, recomputed from summed numerators and denominators", async () => {
      const url = `/api/indicators/${htn}/rollup?orgUnit=${city}&period=2025Q1`;
      const before = await api.as.viewer.call("GET", url);
      expect(before.statusCode).toBe(200);
      expect(before.json()).toMatchObject({ value: null, note: "no data" });
      for (const [client, id] of [
        [api.as.reporter, subA],
        [api.as.reporter2, subB],
      ] as const) {
        expect((await client.call("POST", `/api/submissions/${id}/submit`, {})).statusCode).toBe(200);
        expect((await api.as.planner.call("POST", `/api/submissions/${id}/approve`, {})).statusCode).toBe(
          200,
        );
      }
      const res = await api.as.viewer.call("GET", url);
      const body = res.json<{
        value: number;
        numerator: number;
        denominator: number;
        children: { orgUnitId: string; value: number }[];
        computedAt: string;
      }>();
      // (600 + 700) / (1000 + 2000) = 43.33%, not the mean of 60% and 35% (47.5%)
      expect(body.value).toBeCloseTo(43.333, 2);
      expect([body.numerator, body.denominator]).toEqual([1300, 3000]);
      expect(body.children.map((c) => [c.orgUnitId, c.value])).toEqual(
        expect.arrayContaining([
          [countyA, 60],
          [countyB, 35],
        ]),
      );
      expect(Date.now() - Date.parse(body.computedAt)).toBeLessThan(60_000);
    });
    it("answers 400 without an org unit or with a bad period, 404 for an unknown org unit", async () => {
      expect(
        (await api.as.viewer.call("GET", `/api/indicators/${htn}/rollup?period=2025Q1`)).statusCode,
      ).toBe(400);
      expect(
        (await api.as.viewer.call("GET", `/api/indicators/${htn}/rollup?orgUnit=${city}&period=2025-1`))
          .statusCode,
      ).toBe(400);
      expect(
        (
          await api.as.viewer.call(
            "GET",
            `/api/indicators/${htn}/rollup?orgUnit=00000000-0000-4000-8000-000000000000&period=2025Q1`,
          )
        ).statusCode,
      ).toBe(404);
    });
  });

  describe("GET /api/plans/:planId/targets/status", () => {
    it("gives each linked target its status, latest value and explanation at the org unit", async () => {
      const res = await api.as.viewer.call(
        "GET",
        `/api/plans/${planId}/targets/status?orgUnit=${city}&period=2025Q1`,
      );
      expect(res.statusCode).toBe(200);
      const body = res.json<{
        items: {
          indicatorId: string;
          status: string;
          latest: { value: number } | null;
          explanation: string;
        }[];
        unlinked: number;
        computedAt: string;
      }>();
      const h = body.items.find((i) => i.indicatorId === htn);
      expect(h?.latest?.value).toBeCloseTo(43.333, 2);
      // one quarter below 65% with no baseline: no trend to project, so at risk (docs/attainment.md rule 6)
      expect(h?.status).toBe("at_risk");
      expect(h?.explanation).toContain("43.33");
      expect(body.items.find((i) => i.indicatorId === signing)).toMatchObject({ status: "no_data" });
      expect(body.unlinked).toBe(1);
      expect(typeof body.computedAt).toBe("string");
    });
    it("answers 400 for a bad period and 404 for an unknown plan", async () => {
      expect(
        (await api.as.viewer.call("GET", `/api/plans/${planId}/targets/status?orgUnit=${city}&period=x`))
          .statusCode,
      ).toBe(400);
      expect(
        (
          await api.as.viewer.call(
            "GET",
            `/api/plans/00000000-0000-4000-8000-000000000000/targets/status?orgUnit=${city}&period=2025Q1`,
          )
        ).statusCode,
      ).toBe(404);
    });
  });

  describe("GET /api/reporting/completeness", () => {
    it("counts each county's report for the period, over the city's subtree", async () => {
      const res = await api.as.reporter.call(
        "GET",
        `/api/reporting/completeness?period=2025Q1&orgUnit=${city}`,
      );
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        deadline: "2025-04-15",
        overall: { expected: 2, received: 2, completeness: 1 },
      });
      const q2 = await api.as.reporter.call(
        "GET",
        `/api/reporting/completeness?period=2025Q2&orgUnit=${countyA}`,
      );
      expect(q2.json()).toMatchObject({ overall: { expected: 1, received: 0, completeness: 0 } });
      expect(q2.json<{ computedAt: string }>().computedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    });
    it("answers 400 without a period", async () => {
      expect(
        (await api.as.viewer.call("GET", `/api/reporting/completeness?orgUnit=${city}`)).statusCode,
      ).toBe(400);
    });
  });
  describe("a hand-added count indicator and the next quarter", () => {
    it("sums counts up the tree, and warns on a sudden jump against the approved previous quarter", async () => {
      const created = await api.as.planner.call("POST", "/api/indicators", {
        name: "家庭医生团队数",
        unit: "个",
        direction: "higher",
        type: "count",
      });
      expect(created.json()).toMatchObject({ type: "count", code: null });
      const teams = created.json<{ id: string }>().id;
      const open = async (client: typeof api.as.reporter, unitId: string) =>
        (await client.call("POST", "/api/submissions", { unitId, periodId: "2025Q2" })).json<{ id: string }>()
          .id;
      const q2a = await open(api.as.reporter, api.unitA);
      const q2b = await open(api.as.reporter2, api.unitB);
      const put = (client: typeof api.as.reporter, org: string, body: Record<string, unknown>) =>
        client.call("POST", `/api/org-units/${org}/observations`, { periodId: "2025Q2", ...body });
      expect(
        (await put(api.as.reporter, countyA, { indicatorId: teams, submissionId: q2a, value: 12 }))
          .statusCode,
      ).toBe(201);
      expect(
        (await put(api.as.reporter2, countyB, { indicatorId: teams, submissionId: q2b, value: 7 }))
          .statusCode,
      ).toBe(201);
      const fraction = await put(api.as.reporter, countyA, {
        indicatorId: teams,
        submissionId: q2a,
        value: 1.5,
      });
      expect(errorOf(fraction)).toMatchObject({
        details: { issues: [{ code: "not_integer", messageEn: "a count must be a whole number" }] },
      });
      const jump = await put(api.as.reporter, countyA, { indicatorId: htn, submissionId: q2a, value: 95 });
      expect(jump.statusCode).toBe(201);
      expect(jump.json()).toMatchObject({
        warnings: [{ code: "sudden_jump", severity: "warning", message: "较上期（60）增长58.33%，请核实" }],
      });
      for (const [client, id] of [
        [api.as.reporter, q2a],
        [api.as.reporter2, q2b],
      ] as const) {
        await client.call("POST", `/api/submissions/${id}/submit`, {});
        await api.as.planner.call("POST", `/api/submissions/${id}/approve`, {});
      }
      const sum = await api.as.viewer.call(
        "GET",
        `/api/indicators/${teams}/rollup?orgUnit=${city}&period=2025Q2`,
      );
      expect(sum.json()).toMatchObject({ type: "count", value: 19, numerator: null });
      // a rate given without numerator and denominator is listed, not guessed
      const rate = await api.as.viewer.call(
        "GET",
        `/api/indicators/${htn}/rollup?orgUnit=${city}&period=2025Q2`,
      );
      expect(rate.json()).toMatchObject({
        value: null,
        notAggregable: [{ orgUnitId: countyA, reason: "a rate without its numerator and denominator" }],
      });
    });
  });
  describe("target status over a series", () => {
    it("projects a rising quarterly series to the deadline, and reads a plain number at its own org unit", async () => {
      const unitC = (
        await api.services.units.create("test", { name: "丙单位", aliases: [], status: "confirmed" })
      ).id;
      const life2025 = (await targets(handMadeId))[0];
      expect(life2025?.indicatorId).toBe(life);
      // 家庭医生签约率 at 西县: 60%, 65%, 70% over 2024Q2–Q4 → trend 90% by 2025Q4 against ≥75%
      for (const [periodId, numerator, lifeValue] of [
        ["2024Q2", 600, 78.9],
        ["2024Q3", 650, 79.0],
        ["2024Q4", 700, 79.1],
      ] as const) {
        const sub = (
          await api.as.planner.call("POST", "/api/submissions", { unitId: unitC, periodId })
        ).json<{ id: string }>().id;
        const put = (indicatorId: string, body: Record<string, number>) =>
          api.as.planner.call("POST", `/api/org-units/${countyB}/observations`, {
            indicatorId,
            periodId,
            submissionId: sub,
            ...body,
          });
        expect((await put(signing, { numerator, denominator: 1000 })).statusCode).toBe(201);
        expect((await put(life, { value: lifeValue })).statusCode).toBe(201);
        await api.as.planner.call("POST", `/api/submissions/${sub}/submit`, {});
        await api.as.planner.call("POST", `/api/submissions/${sub}/approve`, {});
      }
      const res = await api.as.viewer.call(
        "GET",
        `/api/plans/${planId}/targets/status?orgUnit=${countyB}&period=2024Q4`,
      );
      const s = res
        .json<{
          items: { indicatorId: string; status: string; projection: { value: number; method: string } }[];
        }>()
        .items.find((i) => i.indicatorId === signing);
      expect(s).toMatchObject({ status: "on_track", projection: { method: "linear_trend" } });
      expect(s?.projection.value).toBeCloseTo(90, 6);
      // 人均预期寿命 ≥ 80 by 2025: 79.1 rising 0.1 a quarter reaches 79.5 — short, but within 5%: at risk
      const lifeStatus = (
        await api.as.viewer.call(
          "GET",
          `/api/plans/${handMadeId}/targets/status?orgUnit=${countyB}&period=2024Q4`,
        )
      ).json<{ items: { status: string; latest: { value: number } }[] }>().items[0];
      expect(lifeStatus).toMatchObject({ status: "at_risk", latest: { value: 79.1 } });
      const atCounty = await api.as.viewer.call(
        "GET",
        `/api/indicators/${life}/rollup?orgUnit=${countyB}&period=2024Q4`,
      );
      expect(atCounty.json()).toMatchObject({ type: "number", value: 79.1 });
      const atCity = await api.as.viewer.call(
        "GET",
        `/api/indicators/${life}/rollup?orgUnit=${city}&period=2024Q4`,
      );
      expect(atCity.json()).toMatchObject({ value: null, note: "not aggregable" });
    });
  });
});
