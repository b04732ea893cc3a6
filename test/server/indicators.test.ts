import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { enginesToRun } from "../db/engines.js";
import { errorOf, startApi, type Api } from "./harness.js";

interface IndicatorBody {
  id: string;
  name: string;
  aliases: string[];
  version: number;
}

describe.each(enginesToRun())("indicators and observations API on $name", (engine) => {
  let api: Api;
  let literacy = "";
  beforeAll(async () => {
    api = await startApi(engine);
  });
  afterAll(async () => api.close());

  describe("POST /api/indicators", () => {
    it("adds an indicator with aliases", async () => {
      const res = await api.as.planner.call("POST", "/api/indicators", {
        name: "居民健康科普讲座场次",
        unit: "%",
        direction: "higher",
        aliases: ["科普讲座场次"],
      });
      expect(res.statusCode).toBe(201);
      literacy = res.json<IndicatorBody>().id;
      expect(res.json()).toMatchObject({
        name: "居民健康科普讲座场次",
        aliases: ["科普讲座场次"],
        direction: "higher",
        version: 1,
      });
    });
    it("answers 409 for a name already used as an alias, 400 for an unknown direction", async () => {
      const taken = await api.as.planner.call("POST", "/api/indicators", { name: "科普讲座场次" });
      expect(taken.statusCode).toBe(409);
      expect(errorOf(taken).code).toBe("INDICATOR_NAME_TAKEN");
      expect(
        (await api.as.planner.call("POST", "/api/indicators", { name: "x", direction: "up" })).statusCode,
      ).toBe(400);
      // averages do not roll up: the types are the domain's
      expect(
        (await api.as.planner.call("POST", "/api/indicators", { name: "y", type: "average" })).statusCode,
      ).toBe(400);
    });
  });

  describe("GET /api/indicators", () => {
    it("finds indicators by alias", async () => {
      const res = await api.as.viewer.call("GET", `/api/indicators?q=${encodeURIComponent("讲座")}`);
      expect(res.json<{ items: IndicatorBody[] }>().items.map((i) => i.id)).toEqual([literacy]);
    });
    it("answers 400 for a bad page size", async () => {
      expect((await api.as.viewer.call("GET", "/api/indicators?pageSize=1000")).statusCode).toBe(400);
    });
  });

  describe("GET /api/indicators/:id", () => {
    it("reads one; 404 unknown; 400 malformed", async () => {
      expect((await api.as.reporter.call("GET", `/api/indicators/${literacy}`)).json()).toMatchObject({
        unit: "%",
      });
      expect(
        (await api.as.reporter.call("GET", "/api/indicators/00000000-0000-4000-8000-000000000000"))
          .statusCode,
      ).toBe(404);
      expect((await api.as.reporter.call("GET", "/api/indicators/x")).statusCode).toBe(400);
    });
  });

  describe("PATCH /api/indicators/:id", () => {
    it("edits with a version; a stale one gets 409", async () => {
      const ok = await api.as.planner.call("PATCH", `/api/indicators/${literacy}`, {
        version: 1,
        description: "面向居民的健康科普讲座",
        aliases: ["科普讲座场次", "科普讲座"],
      });
      expect(ok.json()).toMatchObject({ version: 2, aliases: ["科普讲座", "科普讲座场次"] });
      expect(
        (await api.as.planner.call("PATCH", `/api/indicators/${literacy}`, { version: 1, unit: "‰" }))
          .statusCode,
      ).toBe(409);
    });
    it("answers 400 without a version", async () => {
      expect(
        (await api.as.planner.call("PATCH", `/api/indicators/${literacy}`, { unit: "‰" })).statusCode,
      ).toBe(400);
    });
  });

  describe("POST /api/observations", () => {
    it("lets a reporter report a value for its own unit", async () => {
      const res = await api.as.reporter.call("POST", "/api/observations", {
        indicatorId: literacy,
        unitId: api.unitA,
        periodId: "2025Q2",
        value: 31.2,
      });
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({
        unitId: api.unitA,
        periodId: "2025Q2",
        value: 31.2,
        createdBy: api.as.reporter.userId,
      });
    });
    it("rejects a reporter reporting for another unit with 403 and stores nothing", async () => {
      const res = await api.as.reporter.call("POST", "/api/observations", {
        indicatorId: literacy,
        unitId: api.unitB,
        periodId: "2025Q2",
        value: 99,
      });
      expect(res.statusCode).toBe(403);
      const list = (await api.as.viewer.call("GET", `/api/observations?unitId=${api.unitB}`)).json<{
        total: number;
      }>();
      expect(list.total).toBe(0);
    });
    it("answers 400 for a malformed period and 404 for an unknown indicator", async () => {
      expect(
        (
          await api.as.planner.call("POST", "/api/observations", {
            indicatorId: literacy,
            unitId: api.unitB,
            periodId: "Q2",
            value: 1,
          })
        ).statusCode,
      ).toBe(400);
      const res = await api.as.planner.call("POST", "/api/observations", {
        indicatorId: api.unitA,
        unitId: api.unitB,
        periodId: "2025",
        value: 1,
      });
      expect(res.statusCode).toBe(404);
    });
  });

  describe("GET /api/observations", () => {
    it("filters by indicator, unit and period", async () => {
      await api.as.planner.call("POST", "/api/observations", {
        indicatorId: literacy,
        unitId: api.unitB,
        periodId: "2025Q3",
        value: 33,
      });
      const res = await api.as.reporter2.call(
        "GET",
        `/api/observations?indicatorId=${literacy}&periodId=2025Q3`,
      );
      expect(res.json<{ items: Array<{ value: number; unitId: string }> }>().items).toEqual([
        expect.objectContaining({ value: 33, unitId: api.unitB }),
      ]);
    });
    it("answers 400 for a malformed unit filter", async () => {
      expect((await api.as.viewer.call("GET", "/api/observations?unitId=1")).statusCode).toBe(400);
    });
  });
});
