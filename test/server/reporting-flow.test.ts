/**
 * The reporting workflow through the API, on both engines: a planner configures indicators (frequency,
 * level, reporting unit); a reporter opens a quarterly submission and gets exactly the cells its unit
 * reports (right indicators × its org units, expanded to the indicator's level); a bad cell refuses the
 * whole request; the generated Excel template is filled with exceljs and uploaded (a bad cell is named by
 * row and column, nothing is saved); submit → one value returned → fixed → resubmitted → approved; the
 * roll-up and completeness count the approved values; reopen → an edit counts as changed since approval;
 * evidence goes up, comes down under its Chinese name and is removed; another unit's reporter is refused
 * everywhere.
 */
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { enginesToRun } from "../db/engines.js";
import { errorOf, multipartFile, startApi, type Api, type Client } from "./harness.js";

interface FormBody {
  submission: { id: string; status: string; submittedAt: string | null; reopenReason: string | null };
  unitName: string;
  deadline: string;
  editable: boolean;
  changedSinceApproval: number;
  rows: Array<{
    indicator: { id: string; name: string; frequency: string };
    orgUnit: { id: string; name: string; level: string };
    observation: null | {
      id: string;
      value: number;
      numerator: number | null;
      denominator: number | null;
      definition: string | null;
      status: string;
      returnReason: string | null;
      changedSinceApproval: boolean;
      evidence: Array<{ id: string; fileName: string; size: number; mime: string }>;
    };
    warnings: Array<{ code: string; message: string }>;
  }>;
}

interface ValueErrorBody {
  index: number;
  indicatorId: string;
  orgUnitId: string;
  field: string;
  code: string;
  message: string;
  messageEn: string;
  cell?: string;
}

describe.each(enginesToRun())("reporting workflow on $name", (engine) => {
  let api: Api;
  const org: Record<string, string> = {};
  const ind: Record<string, string> = {};
  let sub = "";

  const form = async (who: Client = api.as.reporter) => {
    const res = await who.call("GET", `/api/submissions/${sub}/form`);
    expect(res.statusCode).toBe(200);
    return res.json<FormBody>();
  };
  const cell = (f: FormBody, indicator: string, orgUnit: string) =>
    f.rows.find((r) => r.indicator.id === ind[indicator] && r.orgUnit.id === org[orgUnit]);
  const put = (values: unknown[], who: Client = api.as.reporter) =>
    who.call("PUT", `/api/submissions/${sub}/values`, { values });
  const template = async (): Promise<ExcelJS.Workbook> => {
    const res = await api.as.reporter.call("GET", `/api/submissions/${sub}/template.xlsx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("spreadsheetml");
    expect(String(res.headers["content-disposition"])).toMatch(/filename\*=UTF-8''.*\.xlsx/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    return wb;
  };
  const upload = async (wb: ExcelJS.Workbook, who: Client = api.as.reporter) => {
    const { body, headers } = multipartFile("填报.xlsx", new Uint8Array(await wb.xlsx.writeBuffer()));
    return who.call("POST", `/api/submissions/${sub}/template.xlsx`, body, headers);
  };
  /** The worksheet row of a cell of the form in the template (found by its hidden ids). */
  const rowOf = (ws: ExcelJS.Worksheet, indicator: string, orgUnit: string): ExcelJS.Row => {
    for (let i = 1; i <= ws.rowCount; i++) {
      const row = ws.getRow(i);
      if (row.getCell(10).value === ind[indicator] && row.getCell(11).value === org[orgUnit]) return row;
    }
    throw new Error(`no row for ${indicator} × ${orgUnit}`);
  };

  beforeAll(async () => {
    api = await startApi(engine);
    const mk = async (name: string, level: string, parent: string | null) => {
      const res = await api.as.planner.call("POST", "/api/org-units", {
        name,
        level,
        parentId: parent ? org[parent] : null,
      });
      expect(res.statusCode).toBe(201);
      org[name] = res.json<{ id: string }>().id;
    };
    await mk("示范市", "city", null);
    await mk("东县", "county", "示范市");
    await mk("西县", "county", "示范市");
    await mk("东一镇", "township", "东县");
    await mk("东二镇", "township", "东县");
    await mk("西一镇", "township", "西县");
    await mk("东县人民医院", "institution", "东县");
    for (const [who, orgUnit] of [
      ["reporter", "东县"],
      ["reporter2", "西县"],
    ] as const) {
      const res = await api.as.admin.call("PUT", `/api/users/${api.as[who].userId}/org-units`, {
        orgUnitIds: [org[orgUnit]],
      });
      expect(res.statusCode).toBe(200);
    }
    const indicator = async (key: string, body: Record<string, unknown>) => {
      const res = await api.as.planner.call("POST", "/api/indicators", body);
      expect(res.statusCode).toBe(201);
      ind[key] = res.json<{ id: string }>().id;
    };
    await indicator("rate", {
      name: "测试高血压规范管理率",
      unit: "%",
      direction: "higher",
      type: "percentage",
      numerator: "规范管理人数",
      denominator: "在管患者人数",
    });
    await indicator("teams", { name: "测试家庭医生团队数", unit: "个", direction: "higher", type: "count" });
    await indicator("yearly", { name: "测试人均预期寿命", unit: "岁", direction: "higher", type: "number" });
    await indicator("other", { name: "测试乙单位指标", unit: "个", type: "count" });
  });
  afterAll(async () => api.close());

  describe("PATCH /api/indicators/:id/reporting", () => {
    it("sets frequency, level, deadline rule and reporting units, shown on the indicator", async () => {
      const set = (key: string, body: Record<string, unknown>) =>
        api.as.planner.call("PATCH", `/api/indicators/${ind[key]}/reporting`, body);
      const rule = { kind: "workdays_after_end", days: 10 };
      const res = await set("rate", {
        frequency: "quarterly",
        level: null,
        deadlineRule: rule,
        unitIds: [api.unitA],
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        frequency: "quarterly",
        level: null,
        deadlineRule: rule,
        unitIds: [api.unitA],
      });
      expect(
        (
          await set("teams", {
            frequency: "quarterly",
            level: "township",
            deadlineRule: { kind: "days_after_end", days: 15 },
            unitIds: [api.unitA],
          })
        ).statusCode,
      ).toBe(200);
      expect(
        (await set("yearly", { frequency: "yearly", level: null, deadlineRule: rule, unitIds: [api.unitA] }))
          .statusCode,
      ).toBe(200);
      expect(
        (
          await set("other", {
            frequency: "quarterly",
            level: null,
            deadlineRule: rule,
            unitIds: [api.unitB],
          })
        ).statusCode,
      ).toBe(200);
      const read = await api.as.viewer.call("GET", `/api/indicators/${ind.teams}`);
      expect(read.json()).toMatchObject({
        frequency: "quarterly",
        level: "township",
        deadlineRule: { kind: "days_after_end", days: 15 },
        unitIds: [api.unitA],
      });
      // an unknown level or frequency is refused; a reporter may not configure
      expect(
        (await set("rate", { frequency: "weekly", level: null, deadlineRule: rule, unitIds: [] })).statusCode,
      ).toBe(400);
      expect(
        (await set("rate", { frequency: "yearly", level: "村委会", deadlineRule: rule, unitIds: [] }))
          .statusCode,
      ).toBe(400);
      expect(
        (
          await api.as.reporter.call("PATCH", `/api/indicators/${ind.rate}/reporting`, {
            frequency: "yearly",
            level: null,
            deadlineRule: rule,
            unitIds: [],
          })
        ).statusCode,
      ).toBe(403);
    });
  });

  describe("the form", () => {
    it("has a row per quarterly indicator of the unit × the reporter's org units, at the indicator's level", async () => {
      const opened = await api.as.reporter.call("POST", "/api/submissions", {
        unitId: api.unitA,
        periodId: "2025Q1",
      });
      expect(opened.statusCode).toBe(201);
      sub = opened.json<{ id: string }>().id;
      const f = await form();
      const cells = f.rows.map((r) => `${r.indicator.name}@${r.orgUnit.name}`).sort();
      // the rate at the county itself; the team count at each township of the county (not the hospital,
      // not the other county's township); neither the yearly indicator nor unit B's indicator
      expect(cells).toEqual(
        ["测试家庭医生团队数@东一镇", "测试家庭医生团队数@东二镇", "测试高血压规范管理率@东县"].sort(),
      );
      expect(f.rows.every((r) => r.observation === null)).toBe(true);
      expect(f).toMatchObject({ unitName: "甲单位", editable: true, changedSinceApproval: 0 });
      // the earliest of 10 working days and 15 calendar days after 2025-03-31
      expect(f.deadline).toBe("2025-04-15");
    });

    it("is refused to the reporter of another unit (403), and readable by a viewer", async () => {
      expect((await api.as.reporter2.call("GET", `/api/submissions/${sub}/form`)).statusCode).toBe(403);
      const seen = await api.as.viewer.call("GET", `/api/submissions/${sub}/form`);
      expect(seen.statusCode).toBe(200);
      // a draft, but not one the viewer may fill in
      expect(seen.json<FormBody>().editable).toBe(false);
      expect((await api.as.anonymous.call("GET", `/api/submissions/${sub}/form`)).statusCode).toBe(401);
    });
  });

  describe("PUT /api/submissions/:id/values", () => {
    it("refuses the whole request when one cell is bad (422, each refused field by index), saving nothing", async () => {
      const res = await put([
        { indicatorId: ind.rate, orgUnitId: org["东县"], numerator: 80, denominator: 100 },
        { indicatorId: ind.teams, orgUnitId: org["东一镇"], value: 3.5 },
        { indicatorId: ind.teams, orgUnitId: org["东二镇"], value: 4 },
        { indicatorId: ind.rate, orgUnitId: org["西县"], value: 50 },
      ]);
      expect(res.statusCode).toBe(422);
      const details = errorOf(res).details as ValueErrorBody[];
      expect(details.map((d) => [d.index, d.field, d.code])).toEqual([
        [1, "value", "not_integer"],
        [3, "indicatorId", "not_in_form"],
      ]);
      expect(details[0]).toMatchObject({
        indicatorId: ind.teams,
        orgUnitId: org["东一镇"],
        message: "计数应为整数",
      });
      expect(details[0]?.messageEn).toMatch(/whole number/);
      expect((await form()).rows.every((r) => r.observation === null)).toBe(true);
    });

    it("refuses a numerator above its denominator, naming both", async () => {
      const res = await put([
        { indicatorId: ind.rate, orgUnitId: org["东县"], numerator: 120, denominator: 100 },
      ]);
      expect(res.statusCode).toBe(422);
      expect(errorOf(res).details).toEqual([
        expect.objectContaining({
          field: "numerator",
          code: "numerator_above_denominator",
          message: "分子（120）不能大于分母（100）",
        }),
      ]);
    });

    it("stores good values (a rate from numerator and denominator) and the 统计口径", async () => {
      const res = await put([
        {
          indicatorId: ind.rate,
          orgUnitId: org["东县"],
          numerator: 80,
          denominator: 100,
          definition: "辖区常住人口口径",
        },
        { indicatorId: ind.teams, orgUnitId: org["东一镇"], value: 3 },
      ]);
      expect(res.statusCode).toBe(200);
      const f = res.json<FormBody>();
      expect(cell(f, "rate", "东县")?.observation).toMatchObject({
        value: 80,
        numerator: 80,
        denominator: 100,
        definition: "辖区常住人口口径",
        status: "pending",
      });
      expect(cell(f, "teams", "东一镇")?.observation).toMatchObject({ value: 3, status: "pending" });
      expect(cell(f, "teams", "东二镇")?.observation).toBeNull();
    });

    it("is refused to the reporter of another unit (403) and to a viewer (403)", async () => {
      const body = [{ indicatorId: ind.teams, orgUnitId: org["东二镇"], value: 9 }];
      expect((await put(body, api.as.reporter2)).statusCode).toBe(403);
      expect((await put(body, api.as.viewer)).statusCode).toBe(403);
    });
  });

  describe("the Excel template", () => {
    it("carries the header block, one row per cell with locked keys, number validation and instructions", async () => {
      const wb = await template();
      const ws = wb.getWorksheet("填报表") as ExcelJS.Worksheet;
      expect(String(ws.getCell("A1").value)).toContain("甲单位");
      expect(String(ws.getCell("B3").value)).toContain("2025Q1");
      expect(String(ws.getCell("B4").value)).toBe("2025-04-15");
      const rate = rowOf(ws, "rate", "东县");
      expect(rate.getCell(3).value).toBe("测试高血压规范管理率");
      expect(rate.getCell(7).value).toBe(80);
      expect(rate.getCell(9).value).toBe("辖区常住人口口径");
      expect(rate.getCell(3).protection?.locked).not.toBe(false);
      expect(rate.getCell(6).protection?.locked).toBe(false);
      expect(rate.getCell(6).dataValidation).toMatchObject({ type: "decimal" });
      expect(ws.getColumn(10).hidden).toBe(true);
      expect(wb.getWorksheet("填写说明")).toBeDefined();
    });

    it("stores the values of a filled template", async () => {
      const wb = await template();
      const ws = wb.getWorksheet("填报表") as ExcelJS.Worksheet;
      rowOf(ws, "teams", "东一镇").getCell(6).value = 4;
      rowOf(ws, "teams", "东二镇").getCell(6).value = "6"; // typed as text, as people do
      rowOf(ws, "teams", "东二镇").getCell(9).value = "在岗团队";
      const res = await upload(wb);
      expect(res.statusCode).toBe(200);
      const f = res.json<FormBody>();
      expect(cell(f, "teams", "东一镇")?.observation?.value).toBe(4);
      expect(cell(f, "teams", "东二镇")?.observation).toMatchObject({ value: 6, definition: "在岗团队" });
      // untouched rows keep their values
      expect(cell(f, "rate", "东县")?.observation).toMatchObject({
        value: 80,
        definition: "辖区常住人口口径",
      });
    });

    it("names a bad cell by row and column and saves nothing of the file", async () => {
      const wb = await template();
      const ws = wb.getWorksheet("填报表") as ExcelJS.Worksheet;
      const bad = rowOf(ws, "teams", "东一镇");
      bad.getCell(6).value = "约五个";
      rowOf(ws, "teams", "东二镇").getCell(6).value = 7;
      const res = await upload(wb);
      expect(res.statusCode).toBe(422);
      const details = errorOf(res).details as ValueErrorBody[];
      expect(details).toHaveLength(1);
      expect(details[0]?.message).toBe(`第${bad.number}行 F列（数值）：不是有效数字`);
      expect(details[0]?.messageEn).toBe(`row ${bad.number}, column F (value): not a number`);
      expect(details[0]?.cell).toBe(`F${bad.number}`);
      const f = await form();
      expect(cell(f, "teams", "东一镇")?.observation?.value).toBe(4);
      expect(cell(f, "teams", "东二镇")?.observation?.value).toBe(6);
    });

    it("names a check failure by its cell too (a count that is not whole)", async () => {
      const wb = await template();
      const ws = wb.getWorksheet("填报表") as ExcelJS.Worksheet;
      const bad = rowOf(ws, "teams", "东二镇");
      bad.getCell(6).value = 6.5;
      const res = await upload(wb);
      expect(res.statusCode).toBe(422);
      expect((errorOf(res).details as ValueErrorBody[])[0]?.message).toBe(
        `第${bad.number}行 F列（数值）：计数应为整数`,
      );
    });

    it("refuses a file that is not an xlsx (415) or not a readable one (422), and another unit's reporter (403)", async () => {
      const text = multipartFile("填报.xlsx", new TextEncoder().encode("这不是表格"));
      const notXlsx = await api.as.reporter.call(
        "POST",
        `/api/submissions/${sub}/template.xlsx`,
        text.body,
        text.headers,
      );
      expect(notXlsx.statusCode).toBe(415);
      expect(errorOf(notXlsx).code).toBe("UNSUPPORTED_MEDIA_TYPE");
      const zipLike = multipartFile("填报.xlsx", new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5]));
      const corrupt = await api.as.reporter.call(
        "POST",
        `/api/submissions/${sub}/template.xlsx`,
        zipLike.body,
        zipLike.headers,
      );
      expect(corrupt.statusCode).toBe(422);
      const other = await api.as.reporter2.call("GET", `/api/submissions/${sub}/template.xlsx`);
      expect(other.statusCode).toBe(403);
      expect((await upload(await template(), api.as.reporter2)).statusCode).toBe(403);
    });
  });

  describe("submit → return one value → fix → resubmit → approve", () => {
    it("returns a single value with a reason; the form goes back, other values stay pending", async () => {
      expect((await api.as.reporter2.call("POST", `/api/submissions/${sub}/submit`, {})).statusCode).toBe(
        403,
      );
      const submitted = await api.as.reporter.call("POST", `/api/submissions/${sub}/submit`, {});
      expect(submitted.statusCode).toBe(200);
      expect(submitted.json<{ submittedAt: string | null }>().submittedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
      // frozen while submitted
      expect((await put([{ indicatorId: ind.teams, orgUnitId: org["东一镇"], value: 5 }])).statusCode).toBe(
        409,
      );
      const target = cell(await form(), "teams", "东一镇")?.observation?.id as string;
      expect((await api.as.planner.call("POST", `/api/observations/${target}/return`, {})).statusCode).toBe(
        400,
      );
      expect(
        (await api.as.reporter.call("POST", `/api/observations/${target}/return`, { reason: "x" }))
          .statusCode,
      ).toBe(403);
      const res = await api.as.planner.call("POST", `/api/observations/${target}/return`, {
        reason: "与上报系统不符，请核实",
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ status: "returned", returnReason: "与上报系统不符，请核实" });
      const f = await form();
      expect(f.submission.status).toBe("returned");
      expect(cell(f, "teams", "东一镇")?.observation).toMatchObject({
        status: "returned",
        returnReason: "与上报系统不符，请核实",
      });
      expect(cell(f, "teams", "东二镇")?.observation?.status).toBe("pending");
    });

    it("lets the reporter fix it and resubmit; approval approves every pending value", async () => {
      const fixed = await put([{ indicatorId: ind.teams, orgUnitId: org["东一镇"], value: 5 }]);
      expect(fixed.statusCode).toBe(200);
      expect(cell(fixed.json<FormBody>(), "teams", "东一镇")?.observation).toMatchObject({
        value: 5,
        status: "pending",
      });
      const first = (await form()).submission.submittedAt;
      expect((await api.as.reporter.call("POST", `/api/submissions/${sub}/submit`, {})).statusCode).toBe(200);
      // timeliness keeps the first submission
      expect((await form()).submission.submittedAt).toBe(first);
      expect((await api.as.reporter.call("POST", `/api/submissions/${sub}/approve`, {})).statusCode).toBe(
        403,
      );
      const approved = await api.as.planner.call("POST", `/api/submissions/${sub}/approve`, {});
      expect(approved.statusCode).toBe(200);
      const f = await form();
      expect(f.submission.status).toBe("approved");
      expect(f.editable).toBe(false);
      expect(f.rows.map((r) => r.observation?.status)).toEqual(["approved", "approved", "approved"]);
      // the audit entry of the approval names each value it approved
      const audit = await api.as.admin.call(
        "GET",
        `/api/audit?entity=submission&entityId=${sub}&action=submission.approve`,
      );
      const entry = audit.json<{ items: Array<{ after: { approvedValues: string[] } }> }>().items[0];
      expect([...(entry?.after.approvedValues ?? [])].sort()).toEqual(
        f.rows.map((r) => r.observation?.id as string).sort(),
      );
      // approved values are locked
      const locked = await put([{ indicatorId: ind.teams, orgUnitId: org["东一镇"], value: 9 }]);
      expect(locked.statusCode).toBe(409);
    });

    it("is reflected by the roll-up (approved values only) and by completeness", async () => {
      const teams = await api.as.viewer.call(
        "GET",
        `/api/indicators/${ind.teams}/rollup?orgUnit=${org["示范市"]}&period=2025Q1`,
      );
      expect(teams.statusCode).toBe(200);
      expect(teams.json()).toMatchObject({ value: 11 });
      const rate = await api.as.viewer.call(
        "GET",
        `/api/indicators/${ind.rate}/rollup?orgUnit=${org["东县"]}&period=2025Q1`,
      );
      expect(rate.json()).toMatchObject({ value: 80, numerator: 80, denominator: 100 });
      const done = await api.as.viewer.call(
        "GET",
        `/api/reporting/completeness?period=2025Q1&orgUnit=${org["东县"]}`,
      );
      expect(done.statusCode).toBe(200);
      const body = done.json<{
        overall: { expected: number; received: number };
        reports: Array<{ orgUnitId: string; submittedOn: string | null; onTime: boolean | null }>;
      }>();
      // the two townships reported (the hospital did not)
      expect(body.overall).toMatchObject({ expected: 3, received: 2 });
      const submittedOn = new Date((await form()).submission.submittedAt as string);
      const shanghaiDay = new Date(submittedOn.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
      expect(body.reports.find((r) => r.orgUnitId === org["东一镇"])?.submittedOn).toBe(shanghaiDay);
    });
  });

  describe("reopen", () => {
    it("needs a planner and a reason; the form becomes a draft, its values editable, edits counted as changed", async () => {
      expect((await api.as.planner.call("POST", `/api/submissions/${sub}/reopen`, {})).statusCode).toBe(400);
      expect(
        (await api.as.reporter.call("POST", `/api/submissions/${sub}/reopen`, { reason: "x" })).statusCode,
      ).toBe(403);
      const res = await api.as.planner.call("POST", `/api/submissions/${sub}/reopen`, {
        reason: "发现口径错误，重新填报",
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        status: "draft",
        reopenReason: "发现口径错误，重新填报",
        reopenedBy: api.as.planner.userId,
      });
      expect((await form()).changedSinceApproval).toBe(0);
      const edited = await put([
        { indicatorId: ind.teams, orgUnitId: org["东二镇"], value: 8, definition: "在岗团队" },
      ]);
      expect(edited.statusCode).toBe(200);
      const f = edited.json<FormBody>();
      expect(f.changedSinceApproval).toBe(1);
      expect(cell(f, "teams", "东二镇")?.observation).toMatchObject({
        value: 8,
        status: "pending",
        changedSinceApproval: true,
      });
      expect(cell(f, "teams", "东一镇")?.observation).toMatchObject({
        status: "approved",
        changedSinceApproval: false,
      });
      // the changed value no longer counts until approved again
      const teams = await api.as.viewer.call(
        "GET",
        `/api/indicators/${ind.teams}/rollup?orgUnit=${org["东县"]}&period=2025Q1`,
      );
      expect(teams.json()).toMatchObject({ value: 5 });
      const audit = await api.as.admin.call(
        "GET",
        `/api/audit?entity=submission&entityId=${sub}&action=submission.reopen`,
      );
      expect(
        audit.json<{ items: Array<{ after: { reopen_reason: string } }> }>().items[0]?.after.reopen_reason,
      ).toBe("发现口径错误，重新填报");
      const changes = await api.as.admin.call(
        "GET",
        `/api/audit?entity=observation&action=observation.update`,
      );
      expect(changes.json<{ total: number }>().total).toBeGreaterThanOrEqual(2);
    });
  });

  describe("evidence", () => {
    const pdf = new TextEncoder().encode("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
    let observationId = "";
    let evidenceId = "";
    const attach = (name: string, bytes: Uint8Array, who: Client = api.as.reporter) => {
      const { body, headers } = multipartFile(name, bytes);
      return who.call("POST", `/api/observations/${observationId}/evidence`, body, headers);
    };

    it("attaches a file to a value and lists it on the form", async () => {
      observationId = cell(await form(), "rate", "东县")?.observation?.id as string;
      const res = await attach("高血压台账（2025年一季度）.pdf", pdf);
      expect(res.statusCode).toBe(201);
      evidenceId = res.json<{ id: string }>().id;
      expect(res.json()).toMatchObject({ mime: "application/pdf", size: pdf.length });
      expect(cell(await form(), "rate", "东县")?.observation?.evidence).toEqual([
        {
          id: evidenceId,
          fileName: "高血压台账（2025年一季度）.pdf",
          size: pdf.length,
          mime: "application/pdf",
        },
      ]);
    });

    it("serves it back byte for byte under its Chinese name (RFC 5987)", async () => {
      const res = await api.as.viewer.call("GET", `/api/evidence/${evidenceId}`);
      expect(res.statusCode).toBe(200);
      expect(res.headers["content-type"]).toBe("application/pdf");
      const disposition = String(res.headers["content-disposition"]);
      expect(disposition).toContain(
        `filename*=UTF-8''${encodeURIComponent("高血压台账（2025年一季度）.pdf")}`,
      );
      expect(disposition).toMatch(/^attachment; filename="[\x20-\x7e]+"/);
      expect(new Uint8Array(res.rawPayload)).toEqual(pdf);
      expect((await api.as.reporter2.call("GET", `/api/evidence/${evidenceId}`)).statusCode).toBe(403);
    });

    it("refuses other kinds and files that only pretend to be a PDF (415); another unit's reporter (403)", async () => {
      expect((await attach("setup.exe", new Uint8Array([0x4d, 0x5a, 0x90, 0]))).statusCode).toBe(415);
      expect((await attach("伪装.pdf", new TextEncoder().encode("MZ not a pdf"))).statusCode).toBe(415);
      expect((await attach("说明.txt", new TextEncoder().encode("统计口径说明"))).statusCode).toBe(201);
      expect((await attach("台账.pdf", pdf, api.as.reporter2)).statusCode).toBe(403);
      expect((await api.as.reporter2.call("DELETE", `/api/evidence/${evidenceId}`)).statusCode).toBe(403);
    });

    it("is removed only while the form is editable", async () => {
      expect((await api.as.reporter.call("DELETE", `/api/evidence/${evidenceId}`)).statusCode).toBe(200);
      expect((await api.as.viewer.call("GET", `/api/evidence/${evidenceId}`)).statusCode).toBe(404);
      expect((await api.as.reporter.call("POST", `/api/submissions/${sub}/submit`, {})).statusCode).toBe(200);
      const left = cell(await form(), "rate", "东县")?.observation?.evidence[0]?.id as string;
      const frozen = await api.as.reporter.call("DELETE", `/api/evidence/${left}`);
      expect(frozen.statusCode).toBe(409);
      expect((await attach("再补.pdf", pdf)).statusCode).toBe(409);
    });
  });
});
