/**
 * Reporting rules beyond the main flow, on both engines: the form of a submission a planner opened (the
 * unit's reporters' org units), monthly and half-year periods, clearing and duplicate cells, a sudden jump
 * warned but saved, a whole-form return and resubmission, a template of another submission, two saves of
 * the same cell at once, evidence above 10 MB, and the notifications each step sends.
 */
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { enginesToRun } from "../db/engines.js";
import { errorOf, multipartFile, startApi, type Api, type Client } from "./harness.js";

interface FormBody {
  submission: { id: string; status: string };
  rows: Array<{
    indicator: { id: string; name: string };
    orgUnit: { id: string; name: string };
    observation: null | { id: string; value: number; status: string; returnReason: string | null };
    warnings: Array<{ code: string; message: string; messageEn: string }>;
  }>;
}

describe.each(enginesToRun())("reporting rules on $name", (engine) => {
  let api: Api;
  const org: Record<string, string> = {};
  const ind: Record<string, string> = {};

  const open = async (who: Client, unitId: string, periodId: string) => {
    const res = await who.call("POST", "/api/submissions", { unitId, periodId });
    expect(res.statusCode).toBe(201);
    return res.json<{ id: string }>().id;
  };
  const form = async (id: string, who: Client = api.as.planner) => {
    const res = await who.call("GET", `/api/submissions/${id}/form`);
    expect(res.statusCode).toBe(200);
    return res.json<FormBody>();
  };
  const put = (id: string, values: unknown[], who: Client = api.as.reporter2) =>
    who.call("PUT", `/api/submissions/${id}/values`, { values });
  const notices = async (who: Client) =>
    (await who.call("GET", "/api/notifications")).json<{
      items: Array<{ kind: string; title: string; link: string | null }>;
    }>().items;

  beforeAll(async () => {
    api = await startApi(engine);
    const mk = async (name: string, level: string, parent: string | null) => {
      const res = await api.as.planner.call("POST", "/api/org-units", {
        name,
        level,
        parentId: parent ? org[parent] : null,
      });
      org[name] = res.json<{ id: string }>().id;
    };
    await mk("南市", "city", null);
    await mk("北县", "county", "南市");
    await api.as.admin.call("PUT", `/api/users/${api.as.reporter2.userId}/org-units`, {
      orgUnitIds: [org["北县"]],
    });
    const indicator = async (key: string, name: string, frequency: string) => {
      const res = await api.as.planner.call("POST", "/api/indicators", { name, unit: "人", type: "count" });
      ind[key] = res.json<{ id: string }>().id;
      const set = await api.as.planner.call("PATCH", `/api/indicators/${ind[key]}/reporting`, {
        frequency,
        level: null,
        deadlineRule: { kind: "workdays_after_end", days: 10 },
        unitIds: [api.unitB],
      });
      expect(set.statusCode).toBe(200);
    };
    await indicator("monthly", "测试月报门诊人次", "monthly");
    await indicator("quarterly", "测试季报出院人数", "quarterly");
  });
  afterAll(async () => api.close());

  it("a submission a planner opened reports for the org units of the unit's reporters", async () => {
    const id = await open(api.as.planner, api.unitB, "2025Q2");
    const f = await form(id);
    expect(f.rows.map((r) => `${r.indicator.name}@${r.orgUnit.name}`)).toEqual(["测试季报出院人数@北县"]);
  });

  it("takes monthly indicators for a month, quarterly ones for a quarter, none for a half-year", async () => {
    const month = await form(await open(api.as.reporter2, api.unitB, "2025M03"));
    expect(month.rows.map((r) => r.indicator.name)).toEqual(["测试月报门诊人次"]);
    const half = await form(await open(api.as.reporter2, api.unitB, "2025H1"));
    expect(half.rows).toEqual([]);
  });

  describe("a quarterly form of reporter2", () => {
    let sub = "";
    const cell = { indicatorId: "", orgUnitId: "" };
    beforeAll(async () => {
      sub = await open(api.as.reporter2, api.unitB, "2025Q1");
      Object.assign(cell, { indicatorId: ind.quarterly, orgUnitId: org["北县"] });
    });

    it("refuses the same cell twice in one request, and clears a cell given empty", async () => {
      const twice = await put(sub, [
        { ...cell, value: 1 },
        { ...cell, value: 2 },
      ]);
      expect(twice.statusCode).toBe(422);
      expect(errorOf(twice).details).toEqual([expect.objectContaining({ index: 1, code: "duplicate" })]);
      expect((await put(sub, [{ ...cell, value: 100 }])).statusCode).toBe(200);
      const cleared = await put(sub, [{ ...cell, value: null }]);
      expect(cleared.json<FormBody>().rows[0]?.observation).toBeNull();
      expect((await put(sub, [{ ...cell, value: 100 }])).statusCode).toBe(200);
    });

    it("returns the whole form with a note (all its pending values), then resubmits them for review", async () => {
      expect((await api.as.reporter2.call("POST", `/api/submissions/${sub}/submit`, {})).statusCode).toBe(
        200,
      );
      expect((await notices(api.as.planner)).find((n) => n.kind === "submission.submit")).toMatchObject({
        link: `/submissions?submission=${sub}`,
      });
      const back = await api.as.planner.call("POST", `/api/submissions/${sub}/return`, {
        note: "请补充口径",
      });
      expect(back.statusCode).toBe(200);
      const f = await form(sub);
      expect(f.submission.status).toBe("returned");
      expect(f.rows[0]?.observation).toMatchObject({ status: "returned", returnReason: "请补充口径" });
      const told = await notices(api.as.reporter2);
      expect(told.find((n) => n.kind === "submission.return")).toMatchObject({
        link: `/reporting?submission=${sub}`,
      });
      expect((await api.as.reporter2.call("POST", `/api/submissions/${sub}/submit`, {})).statusCode).toBe(
        200,
      );
      expect((await form(sub)).rows[0]?.observation?.status).toBe("pending");
      expect((await api.as.planner.call("POST", `/api/submissions/${sub}/approve`, {})).statusCode).toBe(200);
      expect((await form(sub)).rows[0]?.observation?.status).toBe("approved");
      expect((await notices(api.as.reporter2)).map((n) => n.kind)).toContain("submission.approve");
    });

    it("warns of a sudden jump against the approved previous quarter, but saves the value", async () => {
      // the planner opened unit B's 2025Q2 in the first test; reporter2 fills it
      const id = (
        await api.as.planner.call("GET", `/api/submissions?unitId=${api.unitB}&periodId=2025Q2`)
      ).json<{ items: Array<{ id: string }> }>().items[0]?.id;
      const res = await put(id as string, [{ ...cell, value: 300 }]);
      expect(res.statusCode).toBe(200);
      const row = res.json<FormBody>().rows[0];
      expect(row?.observation?.value).toBe(300);
      expect(row?.warnings).toEqual([
        expect.objectContaining({ code: "sudden_jump", message: "较上期（100）增长200%，请核实" }),
      ]);
    });

    it("refuses the template of another submission", async () => {
      const other = await open(api.as.reporter2, api.unitB, "2024Q4");
      const res = await api.as.reporter2.call("GET", `/api/submissions/${other}/template.xlsx`);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const { body, headers } = multipartFile("t.xlsx", new Uint8Array(await wb.xlsx.writeBuffer()));
      const month = (
        await api.as.reporter2.call("GET", `/api/submissions?unitId=${api.unitB}&periodId=2025M03`)
      ).json<{ items: Array<{ id: string }> }>().items[0]?.id as string;
      const up = await api.as.reporter2.call(
        "POST",
        `/api/submissions/${month}/template.xlsx`,
        body,
        headers,
      );
      expect(up.statusCode).toBe(422);
      expect(errorOf(up).code).toBe("TEMPLATE_MISMATCH");
    });

    it("keeps one value when two saves create the same cell at once (the other is told to retry)", async () => {
      const id = await open(api.as.reporter2, api.unitB, "2024Q3");
      const results = await Promise.all([put(id, [{ ...cell, value: 5 }]), put(id, [{ ...cell, value: 6 }])]);
      const codes = results.map((r) => r.statusCode).sort();
      expect(codes[0]).toBe(200);
      expect([200, 409]).toContain(codes[1]);
      const f = await form(id);
      expect(f.rows).toHaveLength(1);
      expect([5, 6]).toContain(f.rows[0]?.observation?.value);
    });

    it("refuses evidence above 10 MB (413)", async () => {
      const id = await open(api.as.reporter2, api.unitB, "2024Q2");
      const saved = await put(id, [{ ...cell, value: 1 }]);
      const observationId = saved.json<FormBody>().rows[0]?.observation?.id as string;
      const big = new Uint8Array(10 * 1024 * 1024 + 1);
      big.set(new TextEncoder().encode("%PDF-1.4\n"));
      const { body, headers } = multipartFile("大文件.pdf", big);
      const res = await api.as.reporter2.call(
        "POST",
        `/api/observations/${observationId}/evidence`,
        body,
        headers,
      );
      expect(res.statusCode).toBe(413);
    });
  });
});
