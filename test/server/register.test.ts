/**
 * The task register routes on both engines: the document text behind the offsets, the register rows,
 * the .xlsx export with its Chinese headers, and an edited sheet read back (task edits on a draft,
 * progress on a published plan, unknown units and wrong headers reported, not applied).
 */
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { enginesToRun } from "../db/engines.js";
import { errorOf, importHandMade, multipartFile, startApi, type Api } from "./harness.js";

interface Row {
  no: number;
  taskId: string;
  text: string;
  leadUnits: Array<{ id: string; name: string }>;
  partnerUnits: Array<{ id: string; name: string }>;
  deadlineDue: string | null;
  status: string;
  overdue: boolean;
}

async function sheetOf(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

async function bytesOf(wb: ExcelJS.Workbook): Promise<Uint8Array> {
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe.each(enginesToRun())("task register on $name", (engine) => {
  let api: Api;
  let planId: string;
  beforeAll(async () => {
    api = await startApi(engine);
    planId = await importHandMade(api);
  });
  afterAll(async () => api.close());

  const rows = async () =>
    (await api.as.viewer.call("GET", `/api/plans/${planId}/register`)).json<{ items: Row[] }>().items;

  it("serves the document text the offsets point into", async () => {
    const res = await api.as.viewer.call("GET", `/api/plans/${planId}/text`);
    const { text, start, end } = res.json<{ text: string; start: number; end: number }>();
    const task = (await rows())[0] as Row;
    const t = (await api.as.viewer.call("GET", `/api/plans/${planId}/tasks/${task.taskId}`)).json<{
      start: number;
      end: number;
      quote: string;
    }>();
    expect(text.slice(t.start, t.end)).toBe(t.quote);
    expect(end).toBeGreaterThan(start);
  });

  it("lists every task with its units, numbered in plan order", async () => {
    const r = await rows();
    expect(r.map((x) => x.no)).toEqual([1, 2]);
    expect(r[0]).toMatchObject({
      leadUnits: [{ name: "甲单位" }],
      partnerUnits: [{ name: "乙单位" }],
      status: "not_started",
      overdue: false,
    });
  });

  it("exports the register as .xlsx with the Chinese headers", async () => {
    const res = await api.as.viewer.call("GET", `/api/plans/${planId}/register.xlsx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("spreadsheetml");
    const ws = (await sheetOf(res.rawPayload)).worksheets[0];
    expect(ws?.getRow(1).values).toEqual([
      undefined,
      "序号",
      "工作任务",
      "牵头单位",
      "配合单位",
      "完成时限",
      "进展情况",
    ]);
    expect(ws?.getRow(2).values).toEqual([
      undefined,
      1,
      expect.stringContaining("健康城市"),
      "甲单位",
      "乙单位",
      "",
      "未开始",
    ]);
  });

  it("reads an edited sheet back into the draft, reporting what it could not apply", async () => {
    const wb = await sheetOf(
      (await api.as.viewer.call("GET", `/api/plans/${planId}/register.xlsx`)).rawPayload,
    );
    const ws = wb.worksheets[0] as ExcelJS.Worksheet;
    ws.getRow(2).getCell(2).value = "推进健康城市建设，年内完成评估";
    ws.getRow(2).getCell(3).value = "乙单位";
    ws.getRow(2).getCell(4).value = "";
    ws.getRow(2).getCell(5).value = "2025-09-30";
    ws.getRow(3).getCell(3).value = "丙单位";
    const file = multipartFile("台账.xlsx", await bytesOf(wb));
    const res = await api.as.planner.call(
      "POST",
      `/api/plans/${planId}/register.xlsx`,
      file.body,
      file.headers,
    );
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      rows: 2,
      tasksUpdated: 1,
      progressRecorded: 0,
      problems: [{ row: 3, message: "未知单位：丙单位" }],
    });
    expect((await rows())[0]).toMatchObject({
      text: "推进健康城市建设，年内完成评估",
      leadUnits: [{ name: "乙单位" }],
      partnerUnits: [],
      deadlineDue: "2025-09-30",
    });
  });

  it("refuses a sheet whose headers are not the register's", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("x").addRow(["编号", "任务"]);
    const file = multipartFile("other.xlsx", await bytesOf(wb));
    const res = await api.as.planner.call(
      "POST",
      `/api/plans/${planId}/register.xlsx`,
      file.body,
      file.headers,
    );
    expect(res.statusCode).toBe(422);
    expect(errorOf(res).code).toBe("BAD_HEADERS");
  });

  it("records 进展情况 as progress once published, for the reporter's own unit only", async () => {
    const plan = (await api.as.planner.call("GET", `/api/plans/${planId}`)).json<{ version: number }>();
    expect(
      (await api.as.planner.call("POST", `/api/plans/${planId}/publish`, { version: plan.version }))
        .statusCode,
    ).toBe(200);
    const wb = await sheetOf(
      (await api.as.viewer.call("GET", `/api/plans/${planId}/register.xlsx`)).rawPayload,
    );
    const ws = wb.worksheets[0] as ExcelJS.Worksheet;
    ws.getRow(2).getCell(6).value = "已完成"; // task 1: led by 乙单位 since the edit above
    ws.getRow(3).getCell(6).value = "推进中"; // task 2: led by 乙单位
    const file = multipartFile("台账.xlsx", await bytesOf(wb));
    // reporter is bound to 甲单位, which carries neither task any more.
    const denied = await api.as.reporter.call(
      "POST",
      `/api/plans/${planId}/register.xlsx`,
      file.body,
      file.headers,
    );
    expect(denied.json<{ progressRecorded: number; problems: unknown[] }>()).toMatchObject({
      progressRecorded: 0,
      problems: [{ row: 2 }, { row: 3 }],
    });
    const ok = await api.as.reporter2.call(
      "POST",
      `/api/plans/${planId}/register.xlsx`,
      file.body,
      file.headers,
    );
    expect(ok.json()).toMatchObject({ progressRecorded: 2, problems: [] });
    expect((await rows()).map((r) => r.status)).toEqual(["done", "in_progress"]);
  });
});
