import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { enginesToRun } from "../db/engines.js";
import { errorOf, handMadeDocument, importHandMade, startApi, type Api } from "./harness.js";

interface Item {
  id: string;
  version: number;
  quote: string;
  start: number;
  end: number;
  reviewStatus: string;
}
interface TaskItem extends Item {
  text: string;
  leadUnits: Array<{ id: string; name: string; nameAsWritten: string }>;
  partnerUnits: Array<{ id: string; name: string }>;
}
interface ListOf<T> {
  items: T[];
  total: number;
}

describe.each(enginesToRun())("plan items API on $name", (engine) => {
  let api: Api;
  let planId = "";
  const text = handMadeDocument().text;
  beforeAll(async () => {
    api = await startApi(engine);
    planId = await importHandMade(api);
  });
  afterAll(async () => api.close());

  const list = async <T>(path: string, who: "viewer" | "reporter" = "viewer") => {
    const res = await api.as[who].call("GET", `/api/plans/${planId}/${path}`);
    expect(res.statusCode).toBe(200);
    return res.json<ListOf<T>>();
  };

  describe("GET /api/plans/:planId/sections", () => {
    it("lists sections with their heading quotes and offsets", async () => {
      const { items } = await list<Item & { title: string; level: number }>("sections");
      expect(items).toEqual([
        expect.objectContaining({ title: "重点任务", level: 1, quote: "一、重点任务" }),
      ]);
      expect(text.slice(items[0]?.start, items[0]?.end)).toBe(items[0]?.quote);
    });
    it("answers 400 for an unknown review status filter", async () => {
      expect(
        (await api.as.viewer.call("GET", `/api/plans/${planId}/sections?reviewStatus=maybe`)).statusCode,
      ).toBe(400);
    });
  });

  describe("GET /api/plans/:planId/sections/:id", () => {
    it("reads one section, and 404 for a section of no plan", async () => {
      const [s] = (await list<Item>("sections")).items;
      expect(
        (await api.as.viewer.call("GET", `/api/plans/${planId}/sections/${s?.id}`)).json(),
      ).toMatchObject({ id: s?.id });
      expect((await api.as.viewer.call("GET", `/api/plans/${planId}/sections/${planId}`)).statusCode).toBe(
        404,
      );
    });
  });

  describe("PATCH /api/plans/:planId/sections/:id", () => {
    it("renames and accepts a section; a stale version gets 409 and changes nothing", async () => {
      const [s] = (await list<Item>("sections")).items;
      const ok = await api.as.planner.call("PATCH", `/api/plans/${planId}/sections/${s?.id}`, {
        version: s?.version,
        title: "重点工作",
        reviewStatus: "accepted",
      });
      expect(ok.statusCode).toBe(200);
      expect(ok.json()).toMatchObject({
        title: "重点工作",
        reviewStatus: "accepted",
        version: (s?.version ?? 0) + 1,
        quote: "一、重点任务",
      });
      const stale = await api.as.planner.call("PATCH", `/api/plans/${planId}/sections/${s?.id}`, {
        version: s?.version,
        title: "别的",
      });
      expect(stale.statusCode).toBe(409);
      expect((await list<Item & { title: string }>("sections")).items[0]?.title).toBe("重点工作");
    });
    it("answers 400 for an empty title", async () => {
      const [s] = (await list<Item>("sections")).items;
      expect(
        (
          await api.as.planner.call("PATCH", `/api/plans/${planId}/sections/${s?.id}`, {
            version: s?.version,
            title: "",
          })
        ).statusCode,
      ).toBe(400);
    });
  });

  describe("POST /api/plans/:planId/sections", () => {
    it("adds a missed section with its quote read from the document", async () => {
      const start = text.indexOf("人均预期寿命");
      const res = await api.as.planner.call("POST", `/api/plans/${planId}/sections`, {
        title: "主要指标",
        level: 1,
        start,
        end: start + 6,
      });
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({ origin: "added", quote: "人均预期寿命", reviewStatus: "accepted" });
    });
    it("answers 422 for offsets outside the document and 400 for a missing title", async () => {
      const res = await api.as.planner.call("POST", `/api/plans/${planId}/sections`, {
        title: "x",
        level: 1,
        start: 0,
        end: 10_000,
      });
      expect(res.statusCode).toBe(422);
      expect(
        (await api.as.planner.call("POST", `/api/plans/${planId}/sections`, { level: 1 })).statusCode,
      ).toBe(400);
    });
  });

  describe("GET /api/plans/:planId/tasks", () => {
    it("lists tasks with their units as matched and as written", async () => {
      const { items, total } = await list<TaskItem>("tasks", "reporter");
      expect(total).toBe(2);
      expect(items[0]).toMatchObject({
        text: "推进健康城市建设（甲单位牵头，乙单位配合）。",
        leadUnits: [{ id: api.unitA, name: "甲单位", nameAsWritten: "甲单位" }],
        partnerUnits: [{ id: api.unitB, name: "乙单位" }],
      });
      expect(text.slice(items[0]?.start, items[0]?.end)).toBe(items[0]?.quote);
    });
    it("filters by unit and by text", async () => {
      expect((await list<TaskItem>(`tasks?unitId=${api.unitA}`)).total).toBe(1);
      expect((await list<TaskItem>(`tasks?unitId=${api.unitB}`)).total).toBe(2);
      expect(
        (await list<TaskItem>(`tasks?q=${encodeURIComponent("慢病")}`)).items.map((t) => t.text),
      ).toEqual(["加强慢病管理（乙单位牵头）。"]);
    });
    it("answers 400 for a malformed unit id", async () => {
      expect((await api.as.viewer.call("GET", `/api/plans/${planId}/tasks?unitId=abc`)).statusCode).toBe(400);
    });
  });

  describe("GET /api/plans/:planId/tasks/:id", () => {
    it("reads one task, and 404 for an unknown one", async () => {
      const [t] = (await list<TaskItem>("tasks")).items;
      expect((await api.as.viewer.call("GET", `/api/plans/${planId}/tasks/${t?.id}`)).json()).toMatchObject({
        id: t?.id,
      });
      expect((await api.as.viewer.call("GET", `/api/plans/${planId}/tasks/${planId}`)).statusCode).toBe(404);
    });
  });

  describe("PATCH /api/plans/:planId/tasks/:id", () => {
    it("reassigns units, edits the text and records before and after in the audit log", async () => {
      const [, t2] = (await list<TaskItem>("tasks")).items;
      const res = await api.as.planner.call("PATCH", `/api/plans/${planId}/tasks/${t2?.id}`, {
        version: t2?.version,
        text: "加强慢性病综合防控",
        leadUnitIds: [api.unitA],
        deadlineDue: "2025-12-31",
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        text: "加强慢性病综合防控",
        leadUnits: [{ id: api.unitA }],
        deadlineDue: "2025-12-31",
      });
      const audit = await api.as.admin.call("GET", `/api/audit?entity=task&entityId=${t2?.id}`);
      const [entry] =
        audit.json<ListOf<{ action: string; before: { text: string }; after: { text: string } }>>().items;
      expect(entry).toMatchObject({
        action: "task.update",
        before: { text: "加强慢病管理（乙单位牵头）。" },
        after: { text: "加强慢性病综合防控" },
      });
    });
    it("rejects a task; a stale edit gets 409; an unknown unit gets 404 and changes nothing", async () => {
      const [t1] = (await list<TaskItem>("tasks")).items;
      const ok = await api.as.planner.call("PATCH", `/api/plans/${planId}/tasks/${t1?.id}`, {
        version: t1?.version,
        reviewStatus: "rejected",
      });
      expect(ok.json()).toMatchObject({ reviewStatus: "rejected" });
      expect(
        (
          await api.as.planner.call("PATCH", `/api/plans/${planId}/tasks/${t1?.id}`, {
            version: t1?.version,
            text: "x",
          })
        ).statusCode,
      ).toBe(409);
      const current = (await list<TaskItem>("tasks")).items[0];
      const bad = await api.as.planner.call("PATCH", `/api/plans/${planId}/tasks/${t1?.id}`, {
        version: current?.version,
        text: "改了",
        leadUnitIds: [planId],
      });
      expect(bad.statusCode).toBe(404);
      expect((await list<TaskItem>("tasks")).items[0]).toMatchObject({
        text: current?.text,
        version: current?.version,
      });
    });
    it("answers 400 for a malformed deadline", async () => {
      const [t1] = (await list<TaskItem>("tasks")).items;
      const res = await api.as.planner.call("PATCH", `/api/plans/${planId}/tasks/${t1?.id}`, {
        version: t1?.version,
        deadlineDue: "年底前",
      });
      expect(res.statusCode).toBe(400);
    });
  });

  describe("POST /api/plans/:planId/tasks", () => {
    it("adds a missed task with units", async () => {
      const res = await api.as.planner.call("POST", `/api/plans/${planId}/tasks`, {
        text: "开展爱国卫生运动",
        partnerUnitIds: [api.unitA, api.unitB],
      });
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({
        origin: "added",
        partnerUnits: [{ id: api.unitA }, { id: api.unitB }],
      });
    });
    it("answers 400 without text", async () => {
      expect((await api.as.planner.call("POST", `/api/plans/${planId}/tasks`, { text: "" })).statusCode).toBe(
        400,
      );
    });
  });

  describe("targets and actuals", () => {
    it("lists targets and actuals apart, with quotes", async () => {
      const targets = await list<Item & { metric: string; value: number }>("targets");
      const actuals = await list<Item & { metric: string; value: number }>("actuals");
      expect(targets.items).toEqual([
        expect.objectContaining({ metric: "人均预期寿命", value: 80, quote: "人均预期寿命达到80岁" }),
      ]);
      expect(actuals.items).toEqual([expect.objectContaining({ metric: "孕产妇死亡率", value: 8.5 })]);
      const one = await api.as.viewer.call("GET", `/api/plans/${planId}/targets/${targets.items[0]?.id}`);
      expect(one.statusCode).toBe(200);
      // A target is not an actual.
      expect(
        (await api.as.viewer.call("GET", `/api/plans/${planId}/actuals/${targets.items[0]?.id}`)).statusCode,
      ).toBe(404);
    });
    it("corrects a target's value and comparator; 400 for an unknown comparator", async () => {
      const [t] = (await list<Item>("targets")).items;
      const ok = await api.as.planner.call("PATCH", `/api/plans/${planId}/targets/${t?.id}`, {
        version: t?.version,
        value: 80.5,
        comparator: ">",
      });
      expect(ok.json()).toMatchObject({ value: 80.5, comparator: ">", version: (t?.version ?? 0) + 1 });
      const bad = await api.as.planner.call("PATCH", `/api/plans/${planId}/targets/${t?.id}`, {
        version: 2,
        comparator: "≈",
      });
      expect(bad.statusCode).toBe(400);
    });
    it("adds a missed actual and a missed target", async () => {
      const a = await api.as.planner.call("POST", `/api/plans/${planId}/actuals`, {
        metric: "婴儿死亡率",
        comparator: "=",
        value: 3.1,
        unit: "‰",
        deadline: "2024",
      });
      expect(a.statusCode).toBe(201);
      expect(a.json()).toMatchObject({ kind: "actual", origin: "added" });
      const t = await api.as.planner.call("POST", `/api/plans/${planId}/targets`, {
        metric: "健康素养水平",
        comparator: ">=",
        value: 40,
        unit: "%",
      });
      expect(t.json()).toMatchObject({ kind: "target" });
      expect(
        (
          await api.as.planner.call("POST", `/api/plans/${planId}/targets`, {
            metric: "x",
            comparator: ">=",
            value: "many",
          })
        ).statusCode,
      ).toBe(400);
    });
    it("answers 400 for a stale-less edit (no version)", async () => {
      const [a] = (await list<Item>("actuals")).items;
      expect(
        (await api.as.planner.call("PATCH", `/api/plans/${planId}/actuals/${a?.id}`, { value: 1 }))
          .statusCode,
      ).toBe(400);
    });
  });

  describe("POST /api/plans/:planId/review", () => {
    it("accepts and rejects many items at once", async () => {
      const other = await importHandMade(api, 2070);
      const get = async <T>(path: string) =>
        (await api.as.viewer.call("GET", `/api/plans/${other}/${path}`)).json<ListOf<T>>().items;
      const [t1, t2] = await get<Item>("tasks");
      const [target] = await get<Item>("targets");
      const res = await api.as.planner.call("POST", `/api/plans/${other}/review`, {
        decisions: [
          { type: "task", id: t1?.id, version: t1?.version, reviewStatus: "accepted" },
          { type: "task", id: t2?.id, version: t2?.version, reviewStatus: "rejected" },
          { type: "target", id: target?.id, version: target?.version, reviewStatus: "accepted" },
        ],
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ updated: 3 });
      expect((await get<Item>("tasks")).map((t) => t.reviewStatus)).toEqual(["accepted", "rejected"]);
    });

    it("applies nothing when one decision is stale (409) or names an item of another kind (404)", async () => {
      const other = await importHandMade(api, 2071);
      const [t1, t2] = (await api.as.viewer.call("GET", `/api/plans/${other}/tasks`)).json<ListOf<Item>>()
        .items;
      const stale = await api.as.planner.call("POST", `/api/plans/${other}/review`, {
        decisions: [
          { type: "task", id: t1?.id, version: t1?.version, reviewStatus: "accepted" },
          { type: "task", id: t2?.id, version: (t2?.version ?? 0) + 5, reviewStatus: "accepted" },
        ],
      });
      expect(stale.statusCode).toBe(409);
      const wrongKind = await api.as.planner.call("POST", `/api/plans/${other}/review`, {
        decisions: [
          { type: "task", id: t1?.id, version: t1?.version, reviewStatus: "accepted" },
          { type: "actual", id: t2?.id, version: t2?.version, reviewStatus: "accepted" },
        ],
      });
      expect(wrongKind.statusCode).toBe(404);
      const after = (await api.as.viewer.call("GET", `/api/plans/${other}/tasks`)).json<ListOf<Item>>().items;
      expect(after.map((t) => [t.reviewStatus, t.version])).toEqual([
        ["pending", t1?.version],
        ["pending", t2?.version],
      ]);
    });

    it("answers 400 for an empty batch or an unknown item type", async () => {
      expect(
        (await api.as.planner.call("POST", `/api/plans/${planId}/review`, { decisions: [] })).statusCode,
      ).toBe(400);
      const res = await api.as.planner.call("POST", `/api/plans/${planId}/review`, {
        decisions: [{ type: "unit", id: planId, version: 1, reviewStatus: "accepted" }],
      });
      expect(res.statusCode).toBe(400);
    });
  });

  describe("concurrent edits", () => {
    it("lets exactly one of two simultaneous edits of the same version win; the other gets 409", async () => {
      const [t] = (await list<Item>("targets")).items;
      const edit = (value: number) =>
        api.as.planner.call("PATCH", `/api/plans/${planId}/targets/${t?.id}`, { version: t?.version, value });
      const results = await Promise.all([edit(70), edit(71), edit(72)]);
      expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409, 409]);
      const winner = results.find((r) => r.statusCode === 200)?.json<{ value: number }>().value;
      const now = await api.as.viewer.call("GET", `/api/plans/${planId}/targets/${t?.id}`);
      expect(now.json()).toMatchObject({ value: winner, version: (t?.version ?? 0) + 1 });
    });
  });

  describe("a published plan", () => {
    it("refuses review edits with 409", async () => {
      const other = await importHandMade(api, 2040);
      await api.as.planner.call("POST", `/api/plans/${other}/publish`, { version: 1 });
      const [t] = (await api.as.viewer.call("GET", `/api/plans/${other}/tasks`)).json<ListOf<TaskItem>>()
        .items;
      const res = await api.as.planner.call("PATCH", `/api/plans/${other}/tasks/${t?.id}`, {
        version: t?.version,
        text: "x",
      });
      expect(res.statusCode).toBe(409);
      expect(errorOf(res).code).toBe("PLAN_PUBLISHED");
    });
  });
});
