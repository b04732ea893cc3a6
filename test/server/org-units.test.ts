import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { enginesToRun } from "../db/engines.js";
import { errorOf, startApi, type Api } from "./harness.js";

interface Node {
  id: string;
  name: string;
  version: number;
  children: Node[];
}

describe.each(enginesToRun())("org units API on $name", (engine) => {
  let api: Api;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    api = await startApi(engine);
  });
  afterAll(async () => api.close());

  const create = async (name: string, level: string, parent?: string) => {
    const res = await api.as.planner.call("POST", "/api/org-units", {
      name,
      level,
      parentId: parent ? ids[parent] : null,
    });
    expect(res.statusCode).toBe(201);
    ids[name] = res.json<Node>().id;
  };

  describe("POST /api/org-units", () => {
    it("builds a tree of province, city, county", async () => {
      await create("河南省", "province");
      await create("焦作市", "city", "河南省");
      await create("修武县", "county", "焦作市");
      await create("温县", "county", "焦作市");
    });
    it("answers 400 for an unknown level and 404 for an unknown parent", async () => {
      expect(
        (await api.as.planner.call("POST", "/api/org-units", { name: "x", level: "galaxy" })).statusCode,
      ).toBe(400);
      const res = await api.as.planner.call("POST", "/api/org-units", {
        name: "x",
        level: "city",
        parentId: "00000000-0000-4000-8000-000000000000",
      });
      expect(res.statusCode).toBe(404);
    });
  });

  describe("GET /api/org-units", () => {
    it("returns the tree with children nested", async () => {
      const { items } = (await api.as.viewer.call("GET", "/api/org-units")).json<{ items: Node[] }>();
      expect(items.map((n) => n.name)).toEqual(["河南省"]);
      expect(items[0]?.children[0]?.children.map((n) => n.name).sort()).toEqual(["修武县", "温县"].sort());
    });
  });

  describe("GET /api/org-units/:id", () => {
    it("reads one node; 404 unknown; 400 malformed", async () => {
      expect((await api.as.reporter.call("GET", `/api/org-units/${ids["温县"]}`)).json()).toMatchObject({
        name: "温县",
        level: "county",
      });
      expect(
        (await api.as.reporter.call("GET", "/api/org-units/00000000-0000-4000-8000-000000000000")).statusCode,
      ).toBe(404);
      expect((await api.as.reporter.call("GET", "/api/org-units/z")).statusCode).toBe(400);
    });
  });

  describe("PATCH /api/org-units/:id", () => {
    it("renames and moves a node; refuses a move under its own descendant with 422", async () => {
      const ok = await api.as.planner.call("PATCH", `/api/org-units/${ids["温县"]}`, {
        version: 1,
        name: "温县(区)",
        parentId: ids["河南省"],
      });
      expect(ok.json()).toMatchObject({ name: "温县(区)", parentId: ids["河南省"], version: 2 });
      const cycle = await api.as.planner.call("PATCH", `/api/org-units/${ids["河南省"]}`, {
        version: 1,
        parentId: ids["修武县"],
      });
      expect(cycle.statusCode).toBe(422);
      expect(errorOf(cycle).code).toBe("ORG_UNIT_CYCLE");
      expect(
        (await api.as.planner.call("PATCH", `/api/org-units/${ids["温县"]}`, { version: 1, name: "旧" }))
          .statusCode,
      ).toBe(409);
    });
    it("answers 400 without a version", async () => {
      expect(
        (await api.as.planner.call("PATCH", `/api/org-units/${ids["温县"]}`, { name: "x" })).statusCode,
      ).toBe(400);
    });
  });

  describe("DELETE /api/org-units/:id", () => {
    it("deletes a leaf and refuses a node with children with 409", async () => {
      expect((await api.as.planner.call("DELETE", `/api/org-units/${ids["修武县"]}`)).statusCode).toBe(204);
      const res = await api.as.planner.call("DELETE", `/api/org-units/${ids["河南省"]}`);
      expect(res.statusCode).toBe(409);
      expect(errorOf(res).code).toBe("ORG_UNIT_HAS_CHILDREN");
    });
    it("answers 400 for a malformed id", async () => {
      expect((await api.as.planner.call("DELETE", "/api/org-units/1")).statusCode).toBe(400);
    });
  });
});
