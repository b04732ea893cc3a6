import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { enginesToRun } from "../db/engines.js";
import { errorOf, importHandMade, startApi, type Api } from "./harness.js";

interface TaskItem {
  id: string;
  leadUnits: Array<{ id: string }>;
  partnerUnits: Array<{ id: string }>;
}

describe.each(enginesToRun())("task progress API on $name", (engine) => {
  let api: Api;
  /** t1: lead 甲 (unitA), partner 乙 (unitB); t2: lead 乙 only. */
  let t1 = "";
  let t2 = "";
  let draftTask = "";
  beforeAll(async () => {
    api = await startApi(engine);
    const planId = await importHandMade(api, 2060);
    await api.as.planner.call("POST", `/api/plans/${planId}/publish`, { version: 1 });
    const { items } = (await api.as.viewer.call("GET", `/api/plans/${planId}/tasks`)).json<{
      items: TaskItem[];
    }>();
    t1 = items[0]?.id ?? "";
    t2 = items[1]?.id ?? "";
    const draft = await importHandMade(api, 2061);
    draftTask =
      (await api.as.viewer.call("GET", `/api/plans/${draft}/tasks`)).json<{ items: TaskItem[] }>().items[0]
        ?.id ?? "";
  });
  afterAll(async () => api.close());

  describe("POST /api/tasks/:taskId/progress", () => {
    it("lets a reporter write progress for its own unit's task", async () => {
      const res = await api.as.reporter.call("POST", `/api/tasks/${t1}/progress`, {
        unitId: api.unitA,
        periodId: "2060Q1",
        status: "in_progress",
        note: "已启动",
      });
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({
        unitId: api.unitA,
        periodId: "2060Q1",
        status: "in_progress",
        createdBy: api.as.reporter.userId,
      });
    });

    it("rejects a reporter writing for another unit with 403 and writes nothing", async () => {
      const res = await api.as.reporter.call("POST", `/api/tasks/${t2}/progress`, {
        unitId: api.unitB,
        status: "done",
      });
      expect(res.statusCode).toBe(403);
      expect(errorOf(res).code).toBe("FORBIDDEN");
      const list = (await api.as.viewer.call("GET", `/api/tasks/${t2}/progress`)).json<{
        items: unknown[];
      }>();
      expect(list.items).toEqual([]);
    });

    it("rejects a reporter naming its own unit on a task that unit does not carry with 422", async () => {
      const res = await api.as.reporter.call("POST", `/api/tasks/${t2}/progress`, {
        unitId: api.unitA,
        status: "done",
      });
      expect(res.statusCode).toBe(422);
      expect(errorOf(res).code).toBe("UNIT_NOT_ON_TASK");
    });

    it("lets a planner write for any unit of the task; refuses progress on a draft plan with 409", async () => {
      expect(
        (
          await api.as.planner.call("POST", `/api/tasks/${t2}/progress`, {
            unitId: api.unitB,
            status: "blocked",
          })
        ).statusCode,
      ).toBe(201);
      const draft = await api.as.planner.call("POST", `/api/tasks/${draftTask}/progress`, {
        unitId: api.unitA,
        status: "done",
      });
      expect(draft.statusCode).toBe(409);
      expect(errorOf(draft).code).toBe("PLAN_NOT_PUBLISHED");
    });

    it("answers 400 for an unknown status or a malformed period", async () => {
      const res = await api.as.reporter.call("POST", `/api/tasks/${t1}/progress`, {
        unitId: api.unitA,
        status: "finished",
        periodId: "2060-03",
      });
      expect(res.statusCode).toBe(400);
      const paths = (errorOf(res).details as Array<{ path: string }>).map((d) => d.path);
      expect(paths).toEqual(expect.arrayContaining(["body.status", "body.periodId"]));
    });

    it("answers 404 for an unknown task", async () => {
      const res = await api.as.reporter.call(
        "POST",
        "/api/tasks/00000000-0000-4000-8000-000000000000/progress",
        { unitId: api.unitA, status: "done" },
      );
      expect(res.statusCode).toBe(404);
    });
  });

  describe("GET /api/tasks/:taskId/progress", () => {
    it("shows a task's progress, newest first, to every signed-in role", async () => {
      const res = await api.as.reporter2.call("GET", `/api/tasks/${t1}/progress`);
      expect(res.statusCode).toBe(200);
      expect(res.json<{ items: Array<{ note: string }> }>().items.map((p) => p.note)).toEqual(["已启动"]);
    });
    it("answers 400 for a malformed task id", async () => {
      expect((await api.as.viewer.call("GET", "/api/tasks/1/progress")).statusCode).toBe(400);
    });
  });
});
