import { readFileSync, readdirSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { enginesToRun } from "../db/engines.js";
import { errorOf, importHandMade, multipartFile, startApi, type Api } from "./harness.js";

const seedDir = new URL("../../../shared/seeds/", import.meta.url);
const seed =
  readdirSync(seedDir)
    .filter((f) => f.endsWith(".txt"))
    .sort()[1] ?? "";
const seedBytes = readFileSync(new URL(seed, seedDir));

interface PlanBody {
  id: string;
  version: number;
  status: string;
  title: string | null;
  counts: { pending: number };
}

describe.each(enginesToRun())("plans API on $name", (engine) => {
  let api: Api;
  let uploadedPlanId = "";
  beforeAll(async () => {
    api = await startApi(engine);
  });
  afterAll(async () => api.close());

  const upload = (fileName: string, bytes: Uint8Array, who: "planner" | "viewer" = "planner") => {
    const { body, headers } = multipartFile(fileName, bytes);
    return api.as[who].call("POST", "/api/plans", body, headers);
  };

  describe("POST /api/plans", () => {
    it("stores an uploaded seed document as draft plans and reports what was read", async () => {
      const res = await upload(`工作要点-${seed}`, seedBytes);
      expect(res.statusCode).toBe(201);
      const body = res.json<{
        fileName: string;
        plans: Array<{ id: string; tasks: number }>;
        sha256: string;
      }>();
      expect(body.fileName).toBe(`工作要点-${seed}`);
      expect(body.plans.length).toBeGreaterThan(0);
      uploadedPlanId = body.plans[0]?.id ?? "";
    });

    it("answers 409 for the same document uploaded again", async () => {
      const res = await upload("again.txt", seedBytes);
      expect(res.statusCode).toBe(409);
      expect(errorOf(res).code).toBe("DOCUMENT_ALREADY_IMPORTED");
    });

    it("answers 400 when the form has no file", async () => {
      const { body, headers } = multipartFile("x.txt", seedBytes, "notfile");
      const res = await api.as.planner.call("POST", "/api/plans", body, headers);
      expect(res.statusCode).toBe(400);
    });

    it("answers 415 for a JSON body and for an unsupported file type", async () => {
      expect((await api.as.planner.call("POST", "/api/plans", { file: "x" })).statusCode).toBe(415);
      const res = await upload("plan.exe", new Uint8Array([77, 90]));
      expect(res.statusCode).toBe(415);
      expect(errorOf(res).code).toBe("UNSUPPORTED_MEDIA_TYPE");
    });

    it("answers 422 for a corrupt Word file and for an empty one", async () => {
      const res = await upload("broken.docx", new Uint8Array([0x50, 0x4b, 0x03, 0x04, 9, 9, 9, 9]));
      expect(res.statusCode).toBe(422);
      expect(errorOf(res)).toMatchObject({
        code: "UNDECODABLE_DOCUMENT",
        message: expect.stringContaining("Word"),
      });
      expect((await upload("empty.txt", new Uint8Array([0x20, 0x0a]))).statusCode).toBe(422);
    });

    it("answers 413 for a file over the limit and stores nothing", async () => {
      const before = (await api.as.viewer.call("GET", "/api/plans")).json<{ total: number }>().total;
      const res = await upload("big.txt", new Uint8Array(300_000).fill(0x41));
      expect(res.statusCode).toBe(413);
      expect((await api.as.viewer.call("GET", "/api/plans")).json<{ total: number }>().total).toBe(before);
    });

    it("refuses a viewer with 403", async () => {
      expect((await upload("v.txt", new TextEncoder().encode("2025年工作要点"), "viewer")).statusCode).toBe(
        403,
      );
    });
  });

  describe("GET /api/plans", () => {
    it("lists plans with filters and pages", async () => {
      await importHandMade(api, 2031);
      const all = await api.as.reporter.call("GET", "/api/plans?pageSize=1");
      expect(all.statusCode).toBe(200);
      expect(all.json()).toMatchObject({ page: 1, pageSize: 1, total: expect.any(Number) });
      expect(all.json<{ items: unknown[] }>().items).toHaveLength(1);
      const y = await api.as.viewer.call("GET", "/api/plans?year=2031&status=draft");
      expect(y.json<{ items: Array<{ year: number; title: string }> }>().items).toEqual([
        expect.objectContaining({ year: 2031, title: "2031年卫生健康工作要点" }),
      ]);
    });

    it("answers 400 for a bad filter", async () => {
      const res = await api.as.viewer.call("GET", "/api/plans?status=archived&pageSize=0");
      expect(res.statusCode).toBe(400);
      expect(errorOf(res).details).toEqual(
        expect.arrayContaining([expect.objectContaining({ path: "querystring.status" })]),
      );
    });
  });

  describe("GET /api/plans/:planId", () => {
    it("reads a plan with its document and counts", async () => {
      const res = await api.as.viewer.call("GET", `/api/plans/${uploadedPlanId}`);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        id: uploadedPlanId,
        status: "draft",
        version: 1,
        document: { format: "txt", size: seedBytes.length },
      });
    });

    it("answers 404 for an unknown plan and 400 for a malformed id", async () => {
      expect(
        (await api.as.viewer.call("GET", "/api/plans/00000000-0000-4000-8000-000000000000")).statusCode,
      ).toBe(404);
      expect((await api.as.viewer.call("GET", "/api/plans/42")).statusCode).toBe(400);
    });
  });

  describe("GET /api/plans/:planId/document", () => {
    it("returns the document exactly as uploaded", async () => {
      const res = await api.as.reporter.call("GET", `/api/plans/${uploadedPlanId}/document`);
      expect(res.statusCode).toBe(200);
      expect(res.rawPayload.equals(seedBytes)).toBe(true);
      expect(res.headers["content-disposition"]).toContain(encodeURIComponent("工作要点"));
    });

    it("answers 400 for a malformed id", async () => {
      expect((await api.as.reporter.call("GET", "/api/plans/x/document")).statusCode).toBe(400);
    });
  });

  describe("PATCH /api/plans/:planId", () => {
    it("edits a draft's title and bumps its version; a stale version gets 409", async () => {
      const planId = await importHandMade(api, 2032);
      const ok = await api.as.planner.call("PATCH", `/api/plans/${planId}`, { version: 1, title: "新标题" });
      expect(ok.statusCode).toBe(200);
      expect(ok.json()).toMatchObject({ title: "新标题", version: 2 });
      const stale = await api.as.planner.call("PATCH", `/api/plans/${planId}`, { version: 1, title: "旧的" });
      expect(stale.statusCode).toBe(409);
      expect(errorOf(stale)).toMatchObject({ code: "STALE_EDIT", details: { currentVersion: 2 } });
      const read = await api.as.viewer.call("GET", `/api/plans/${planId}`);
      expect(read.json<PlanBody>().title).toBe("新标题");
    });

    it("answers 400 without a version", async () => {
      expect(
        (await api.as.planner.call("PATCH", `/api/plans/${uploadedPlanId}`, { title: "x" })).statusCode,
      ).toBe(400);
    });
  });

  describe("POST /api/plans/:planId/publish", () => {
    it("publishes a draft, accepting what was left pending; then it can no longer be edited", async () => {
      const planId = await importHandMade(api, 2033);
      const before = (await api.as.viewer.call("GET", `/api/plans/${planId}`)).json<PlanBody>();
      expect(before.counts.pending).toBeGreaterThan(0);
      const res = await api.as.planner.call("POST", `/api/plans/${planId}/publish`, {
        version: before.version,
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ status: "published", publishedAt: expect.any(String) });
      const after = (await api.as.viewer.call("GET", `/api/plans/${planId}`)).json<PlanBody>();
      expect(after.counts.pending).toBe(0);
      const again = await api.as.planner.call("POST", `/api/plans/${planId}/publish`, {
        version: after.version,
      });
      expect(again.statusCode).toBe(409);
      expect(errorOf(again).code).toBe("PLAN_PUBLISHED");
    });

    it("answers 400 for a missing version", async () => {
      expect((await api.as.planner.call("POST", `/api/plans/${uploadedPlanId}/publish`, {})).statusCode).toBe(
        400,
      );
    });
  });

  describe("DELETE /api/plans/:planId", () => {
    it("deletes a draft with its items and its document", async () => {
      const planId = await importHandMade(api, 2034);
      const res = await api.as.planner.call("DELETE", `/api/plans/${planId}?version=1`);
      expect(res.statusCode).toBe(204);
      expect((await api.as.viewer.call("GET", `/api/plans/${planId}`)).statusCode).toBe(404);
      const left = await api.handle.db
        .selectFrom("tasks")
        .select("id")
        .where("plan_id", "=", planId)
        .execute();
      expect(left).toEqual([]);
    });

    it("answers 400 without a version", async () => {
      expect((await api.as.planner.call("DELETE", `/api/plans/${uploadedPlanId}`)).statusCode).toBe(400);
    });
  });

  describe("GET /api/openapi.json", () => {
    it("describes the API's routes with their inputs", async () => {
      const res = await api.as.anonymous.call("GET", "/api/openapi.json");
      expect(res.statusCode).toBe(200);
      const doc = res.json<{
        openapi: string;
        paths: Record<string, Record<string, { parameters?: unknown[] }>>;
      }>();
      expect(doc.openapi).toMatch(/^3\./);
      expect(Object.keys(doc.paths)).toEqual(
        expect.arrayContaining(["/api/plans", "/api/plans/{planId}/tasks", "/api/units"]),
      );
      expect(doc.paths["/api/plans"]?.get?.parameters).toEqual(
        expect.arrayContaining([expect.objectContaining({ name: "status" })]),
      );
      const read = doc.paths["/api/plans/{planId}/tasks/{id}"]?.get as unknown as {
        responses: Record<
          string,
          { content: Record<string, { schema: { properties: Record<string, unknown> } }> }
        >;
      };
      const shape = read.responses["200"]?.content["application/json"]?.schema.properties ?? {};
      expect(Object.keys(shape)).toEqual(
        expect.arrayContaining(["quote", "start", "end", "leadUnits", "version"]),
      );
      expect(read.responses["4XX"] ?? read.responses["4xx"]).toBeDefined();
      const page = await api.as.anonymous.call("GET", "/api/docs/");
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain("swagger");
    });
  });
});
