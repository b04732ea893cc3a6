/**
 * The public page through the API on both engines: a planner publishes two of a plan's targets; anyone,
 * without signing in, reads the published plan with those targets only (latest approved value at the top of
 * the org-unit tree, status, a series), and nothing else leaks: no unpublished target, no quote of the
 * document, no user, no county. An unpublished or withdrawn plan is 404.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { enginesToRun } from "../db/engines.js";
import { seedCityPlan, type CityPlan } from "./assessment.fixture.js";
import { errorOf, startApi, type Api } from "./harness.js";

interface PublicPlan {
  title: string;
  area: string | null;
  items: {
    id: string;
    metric: string;
    target: string;
    latest: { periodId: string; value: number } | null;
    status: string;
    statusLabel: string;
    series: { periodId: string; value: number }[];
  }[];
}

describe.each(enginesToRun())("public page API on $name", (engine) => {
  let api: Api;
  let fx: CityPlan;
  const publicUrl = () => `/api/public/plans/${fx.planId}`;

  beforeAll(async () => {
    api = await startApi(engine);
    fx = await seedCityPlan(api);
  });
  afterAll(async () => api.close());

  it("is 404 before the planner publishes, and lists nothing", async () => {
    const res = await api.as.anonymous.call("GET", publicUrl());
    expect(res.statusCode).toBe(404);
    expect(errorOf(res).code).toBe("NOT_FOUND");
    expect((await api.as.anonymous.call("GET", "/api/public/plans")).json()).toEqual({ items: [] });
  });

  it("lets a planner publish chosen targets, refusing a reporter (403) and another plan's ids (422)", async () => {
    const body = { targetIds: [fx.targets.htn, fx.targets.signing], published: true };
    expect((await api.as.reporter.call("PUT", `/api/plans/${fx.planId}/public`, body)).statusCode).toBe(403);
    const wrong = await api.as.planner.call("PUT", `/api/plans/${fx.planId}/public`, {
      targetIds: [fx.tasks.open],
      published: true,
    });
    expect(wrong.statusCode).toBe(422);
    expect(errorOf(wrong).code).toBe("UNKNOWN_TARGET");
    const empty = await api.as.planner.call("PUT", `/api/plans/${fx.planId}/public`, {
      targetIds: [],
      published: true,
    });
    expect(errorOf(empty).code).toBe("NOTHING_TO_PUBLISH");
    const res = await api.as.planner.call("PUT", `/api/plans/${fx.planId}/public`, body);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ planId: fx.planId, published: true, targetIds: body.targetIds });
    expect((await api.as.viewer.call("GET", `/api/plans/${fx.planId}/public`)).json()).toMatchObject({
      published: true,
    });
    const audit = await api.handle.db
      .selectFrom("audit_log")
      .select("after_json")
      .where("action", "=", "plan.public")
      .execute();
    expect(audit.map((a) => JSON.parse(a.after_json ?? "{}") as unknown)).toEqual([body]);
  });

  it("shows anyone the published targets with the approved figures of the top org unit", async () => {
    const list = await api.as.anonymous.call("GET", "/api/public/plans");
    expect(list.json()).toMatchObject({
      items: [{ id: fx.planId, title: "2025年全市卫生健康重点工作目标", targetCount: 2 }],
    });
    const res = await api.as.anonymous.call("GET", publicUrl());
    expect(res.statusCode).toBe(200);
    const plan = res.json<PublicPlan>();
    expect(plan.area).toBe("甲市");
    expect(plan.items.map((i) => i.metric)).toEqual(["全市高血压患者规范管理率", "家庭医生签约服务覆盖率"]);
    const [htn, signing] = plan.items;
    // (700 + 500) / 2000 and (900 + 600) / 2000, approved in 2025Q1
    expect(htn?.latest).toEqual({ periodId: "2025Q1", value: 60 });
    expect(htn?.series).toEqual([{ periodId: "2025Q1", value: 60 }]);
    expect(htn?.target).toBe("不低于65%");
    expect(signing?.latest?.value).toBe(75);
    expect(signing?.statusLabel).toMatch(/[\u4e00-\u9fff]/);
  });

  it("leaks nothing unpublished: no other target, no quote, no user, no county", async () => {
    const text = (await api.as.anonymous.call("GET", publicUrl())).body;
    for (const secret of [
      fx.targets.unlinked,
      "智慧医院建设",
      "达到65%以上", // the document's quote
      "东县",
      "西县",
      fx.east,
      api.as.planner.userId,
      api.as.reporter.userId,
      "planner",
      "reporter",
      "已印发", // a progress note
      "甲单位",
    ])
      expect(text).not.toContain(secret);
  });

  it("is 404 again once withdrawn, and for an unknown plan", async () => {
    await api.as.planner.call("PUT", `/api/plans/${fx.planId}/public`, {
      targetIds: [fx.targets.htn],
      published: false,
    });
    expect((await api.as.anonymous.call("GET", publicUrl())).statusCode).toBe(404);
    expect((await api.as.viewer.call("GET", publicUrl())).statusCode).toBe(404);
    expect((await api.as.anonymous.call("GET", "/api/public/plans")).json()).toEqual({ items: [] });
    expect(
      (await api.as.anonymous.call("GET", "/api/public/plans/00000000-0000-4000-8000-000000000000"))
        .statusCode,
    ).toBe(404);
    expect((await api.as.anonymous.call("GET", "/api/public/plans/x")).statusCode).toBe(400);
  });
});
