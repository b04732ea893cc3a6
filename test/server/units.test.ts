import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { enginesToRun } from "../db/engines.js";
import { errorOf, importHandMade, startApi, type Api } from "./harness.js";

interface UnitBody {
  id: string;
  name: string;
  aliases: string[];
  status: string;
  version: number;
}

describe.each(enginesToRun())("units API on $name", (engine) => {
  let api: Api;
  beforeAll(async () => {
    api = await startApi(engine);
  });
  afterAll(async () => api.close());

  const create = async (name: string, aliases: string[] = [], status = "confirmed") => {
    const res = await api.as.planner.call("POST", "/api/units", { name, aliases, status });
    expect(res.statusCode).toBe(201);
    return res.json<UnitBody>();
  };

  describe("POST /api/units", () => {
    it("creates a unit with aliases", async () => {
      const u = await create("市教育局", ["教育局"]);
      expect(u).toMatchObject({ name: "市教育局", aliases: ["教育局"], status: "confirmed", version: 1 });
    });
    it("answers 409 when the name or an alias is already taken", async () => {
      const res = await api.as.planner.call("POST", "/api/units", { name: "新单位", aliases: ["教育局"] });
      expect(res.statusCode).toBe(409);
      expect(errorOf(res).code).toBe("UNIT_NAME_TAKEN");
    });
    it("answers 400 for an empty name", async () => {
      expect((await api.as.planner.call("POST", "/api/units", { name: "  " })).statusCode).toBe(400);
    });
  });

  describe("GET /api/units", () => {
    it("searches names and aliases, filters by status, pages", async () => {
      await create("市民政局", [], "proposed");
      const byAlias = (await api.as.viewer.call("GET", `/api/units?q=${encodeURIComponent("教育")}`)).json<{
        items: UnitBody[];
      }>();
      expect(byAlias.items.map((u) => u.name)).toEqual(["市教育局"]);
      const proposed = (await api.as.reporter.call("GET", "/api/units?status=proposed")).json<{
        items: UnitBody[];
      }>();
      expect(proposed.items.map((u) => u.name)).toContain("市民政局");
      expect(proposed.items.every((u) => u.status === "proposed")).toBe(true);
    });
    it("answers 400 for an unknown status", async () => {
      expect((await api.as.viewer.call("GET", "/api/units?status=old")).statusCode).toBe(400);
    });
  });

  describe("GET /api/units/:id", () => {
    it("reads a unit; 404 for an unknown one; 400 for a malformed id", async () => {
      expect((await api.as.viewer.call("GET", `/api/units/${api.unitA}`)).json()).toMatchObject({
        name: "甲单位",
        aliases: ["甲"],
      });
      expect(
        (await api.as.viewer.call("GET", "/api/units/00000000-0000-4000-8000-000000000000")).statusCode,
      ).toBe(404);
      expect((await api.as.viewer.call("GET", "/api/units/abc")).statusCode).toBe(400);
    });
  });

  describe("PATCH /api/units/:id", () => {
    it("confirms a proposed unit and sets its aliases; a stale version gets 409", async () => {
      const u = await create("县卫健局", [], "proposed");
      const ok = await api.as.planner.call("PATCH", `/api/units/${u.id}`, {
        version: 1,
        status: "confirmed",
        aliases: ["县卫生健康局"],
      });
      expect(ok.json()).toMatchObject({ status: "confirmed", aliases: ["县卫生健康局"], version: 2 });
      expect(
        (await api.as.planner.call("PATCH", `/api/units/${u.id}`, { version: 1, name: "x" })).statusCode,
      ).toBe(409);
    });
    it("answers 400 without a version", async () => {
      expect((await api.as.planner.call("PATCH", `/api/units/${api.unitA}`, { name: "x" })).statusCode).toBe(
        400,
      );
    });
  });

  describe("POST /api/units/:id/merge", () => {
    it("merges a proposed unit into a known one: its tasks follow, its name becomes an alias", async () => {
      // The hand-made plan names 甲单位 and 乙单位; make 乙 a duplicate and merge it into 甲.
      const planId = await importHandMade(api, 2050);
      const dup = await create("乙单位(重复)", [], "proposed");
      await api.handle.db
        .updateTable("task_units")
        .set({ unit_id: dup.id })
        .where("unit_id", "=", api.unitB)
        .execute();
      const res = await api.as.planner.call("POST", `/api/units/${dup.id}/merge`, { intoUnitId: api.unitA });
      expect(res.statusCode).toBe(200);
      expect(res.json<UnitBody>().aliases).toContain("乙单位(重复)");
      expect((await api.as.viewer.call("GET", `/api/units/${dup.id}`)).statusCode).toBe(404);
      const tasks = (await api.as.viewer.call("GET", `/api/plans/${planId}/tasks?unitId=${api.unitA}`)).json<{
        total: number;
      }>();
      expect(tasks.total).toBe(2);
    });
    it("answers 422 for a merge into itself and 400 for a malformed target", async () => {
      expect(
        (await api.as.planner.call("POST", `/api/units/${api.unitA}/merge`, { intoUnitId: api.unitA }))
          .statusCode,
      ).toBe(422);
      expect(
        (await api.as.planner.call("POST", `/api/units/${api.unitA}/merge`, { intoUnitId: "x" })).statusCode,
      ).toBe(400);
    });
  });

  describe("DELETE /api/units/:id", () => {
    it("deletes an unused unit and refuses one in use with 409", async () => {
      const u = await create("临时单位");
      expect((await api.as.planner.call("DELETE", `/api/units/${u.id}`)).statusCode).toBe(204);
      const inUse = await api.as.planner.call("DELETE", `/api/units/${api.unitA}`);
      expect(inUse.statusCode).toBe(409);
      expect(errorOf(inUse).code).toBe("UNIT_IN_USE");
    });
    it("answers 400 for a malformed id", async () => {
      expect((await api.as.planner.call("DELETE", "/api/units/1")).statusCode).toBe(400);
    });
  });
});
