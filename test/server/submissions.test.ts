import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { enginesToRun } from "../db/engines.js";
import { errorOf, startApi, type Api } from "./harness.js";

interface SubmissionBody {
  id: string;
  status: string;
  note: string | null;
  submittedAt?: string | null;
  observations?: Array<{ value: number; status: string }>;
}

describe.each(enginesToRun())("submissions API on $name", (engine) => {
  let api: Api;
  let indicatorId = "";
  let mine = "";
  beforeAll(async () => {
    api = await startApi(engine);
    // the starter catalogue is in every new database
    const res = await api.as.planner.call("GET", `/api/indicators?q=${encodeURIComponent("孕产妇死亡率")}`);
    indicatorId = res
      .json<{ items: { id: string; name: string }[] }>()
      .items.find((i) => i.name === "孕产妇死亡率")?.id as string;
  });
  afterAll(async () => api.close());

  const report = (submissionId: string, value: number, who: "reporter" | "planner" = "reporter") =>
    api.as[who].call("POST", "/api/observations", {
      indicatorId,
      unitId: api.unitA,
      periodId: "2025M06",
      value,
      submissionId,
    });

  describe("POST /api/submissions", () => {
    it("opens a draft submission for the reporter's own unit and period", async () => {
      const res = await api.as.reporter.call("POST", "/api/submissions", {
        unitId: api.unitA,
        periodId: "2025M06",
      });
      expect(res.statusCode).toBe(201);
      mine = res.json<SubmissionBody>().id;
      expect(res.json()).toMatchObject({ status: "draft", unitId: api.unitA, periodId: "2025M06" });
    });
    it("answers 409 for a second submission of the same unit and period", async () => {
      const res = await api.as.reporter.call("POST", "/api/submissions", {
        unitId: api.unitA,
        periodId: "2025M06",
      });
      expect(res.statusCode).toBe(409);
      expect(errorOf(res).code).toBe("SUBMISSION_EXISTS");
    });
    it("rejects a reporter opening one for another unit with 403; 400 for a bad period", async () => {
      expect(
        (await api.as.reporter.call("POST", "/api/submissions", { unitId: api.unitB, periodId: "2025M06" }))
          .statusCode,
      ).toBe(403);
      expect(
        (await api.as.reporter.call("POST", "/api/submissions", { unitId: api.unitA, periodId: "June" }))
          .statusCode,
      ).toBe(400);
    });
  });

  describe("POST /api/submissions/:id/submit, approve, return", () => {
    it("takes values while a draft, then submit → return → correct → submit → approve", async () => {
      expect((await report(mine, 9.1)).statusCode).toBe(201);
      const submitted = await api.as.reporter.call("POST", `/api/submissions/${mine}/submit`);
      expect(submitted.json()).toMatchObject({ status: "submitted" });
      // Submitted values are frozen.
      const frozen = await report(mine, 1);
      expect(frozen.statusCode).toBe(409);
      expect(errorOf(frozen).code).toBe("SUBMISSION_STATE");
      const returned = await api.as.planner.call("POST", `/api/submissions/${mine}/return`, {
        note: "数值偏高，请核实",
      });
      expect(returned.json()).toMatchObject({
        status: "returned",
        note: "数值偏高，请核实",
        decidedBy: api.as.planner.userId,
      });
      expect((await report(mine, 8.7)).statusCode).toBe(201);
      await api.as.reporter.call("POST", `/api/submissions/${mine}/submit`);
      const approved = await api.as.planner.call("POST", `/api/submissions/${mine}/approve`);
      expect(approved.json()).toMatchObject({ status: "approved" });
      // An approved submission cannot be approved or returned again.
      expect(
        (await api.as.planner.call("POST", `/api/submissions/${mine}/return`, { note: "再看看" })).statusCode,
      ).toBe(409);
    });
    it("rejects another unit's reporter submitting it with 403", async () => {
      const other = await api.as.reporter2.call("POST", "/api/submissions", {
        unitId: api.unitB,
        periodId: "2025M07",
      });
      const res = await api.as.reporter.call(
        "POST",
        `/api/submissions/${other.json<SubmissionBody>().id}/submit`,
      );
      expect(res.statusCode).toBe(403);
    });
    it("answers 400 for a return without a note and 404 for an unknown submission", async () => {
      expect(
        (await api.as.planner.call("POST", `/api/submissions/${mine}/return`, { note: " " })).statusCode,
      ).toBe(400);
      expect(
        (await api.as.planner.call("POST", "/api/submissions/00000000-0000-4000-8000-000000000000/approve"))
          .statusCode,
      ).toBe(404);
      for (const step of ["submit", "approve", "return"])
        expect(
          (await api.as.planner.call("POST", `/api/submissions/42/${step}`, { note: "x" })).statusCode,
        ).toBe(400);
    });
    it("refuses a value for a submission of another period with 422", async () => {
      const sub = await api.as.planner.call("POST", "/api/submissions", {
        unitId: api.unitA,
        periodId: "2025M08",
      });
      const res = await report(sub.json<SubmissionBody>().id, 5, "planner");
      expect(res.statusCode).toBe(422);
    });
  });

  describe("GET /api/submissions", () => {
    it("lists by status and reads one with its values", async () => {
      const list = (await api.as.viewer.call("GET", "/api/submissions?status=approved")).json<{
        items: SubmissionBody[];
      }>();
      expect(list.items.map((s) => s.id)).toEqual([mine]);
      const one = (await api.as.viewer.call("GET", `/api/submissions/${mine}`)).json<SubmissionBody>();
      expect(one.observations?.map((o) => o.value)).toEqual([9.1, 8.7]);
      // approving the submission approved each of its values; it keeps when it was first submitted
      expect(one.observations?.map((o) => o.status)).toEqual(["approved", "approved"]);
      expect(one.submittedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    });
    it("answers 400 for an unknown status and a malformed id", async () => {
      expect((await api.as.viewer.call("GET", "/api/submissions?status=done")).statusCode).toBe(400);
      expect((await api.as.viewer.call("GET", "/api/submissions/1")).statusCode).toBe(400);
    });
  });
});
