/**
 * The rectification ledger (整改台账) through the API on both engines: create, edit (stale versions
 * refused), progress notes by the responsible unit only, 销号 refused without progress, overdue flag and
 * filters, notifications to the unit, and the .xlsx export opened and read back.
 */
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { enginesToRun } from "../db/engines.js";
import { errorOf, startApi, type Api } from "./harness.js";

interface Item {
  id: string;
  status: string;
  overdue: boolean;
  version: number;
  unitName: string | null;
  closeNote: string | null;
  updates: Array<{ note: string }>;
}
interface ListBody {
  counts: { total: number; open: number; closed: number; overdue: number };
  items: Item[];
}

describe.each(enginesToRun())("rectification ledger on $name", (engine) => {
  let api: Api;
  let past = "";
  let future = "";
  beforeAll(async () => {
    api = await startApi(engine);
    const create = (body: Record<string, unknown>) =>
      api.as.planner.call("POST", "/api/rectifications", body);
    const a = await create({
      source: "督查",
      problem: "家庭医生签约服务履约率偏低",
      measures: "开展签约居民随访，每季度通报履约情况",
      leader: "张副主任",
      unitId: api.unitA,
      person: "李四",
      deadline: "2024-06-30",
    });
    expect(a.statusCode).toBe(201);
    past = a.json<Item>().id;
    const b = await create({
      source: "审计",
      problem: "專項資金撥付滯後",
      measures: "建立資金撥付臺賬，按月對賬",
      unitId: api.unitB,
      deadline: "2099-12-31",
    });
    future = b.json<Item>().id;
  });
  afterAll(async () => api.close());

  it("validates input and refuses creation by reporters", async () => {
    const bad = await api.as.planner.call("POST", "/api/rectifications", {
      source: "督查",
      problem: "",
      measures: "x",
    });
    expect(bad.statusCode).toBe(400);
    const wrongDate = await api.as.planner.call("POST", "/api/rectifications", {
      source: "督查",
      problem: "p",
      measures: "m",
      deadline: "2024-02-30",
    });
    expect(wrongDate.statusCode).toBe(400);
    const reporter = await api.as.reporter.call("POST", "/api/rectifications", {
      source: "督查",
      problem: "p",
      measures: "m",
    });
    expect(reporter.statusCode).toBe(403);
  });

  it("flags open items past their deadline and filters the list", async () => {
    const all = (await api.as.viewer.call("GET", "/api/rectifications")).json<ListBody>();
    expect(all.counts).toEqual({ total: 2, open: 2, closed: 0, overdue: 1 });
    expect(all.items.map((i) => [i.id, i.overdue, i.unitName])).toEqual([
      [past, true, "甲单位"],
      [future, false, "乙单位"],
    ]);
    const overdue = (await api.as.viewer.call("GET", "/api/rectifications?overdue=true")).json<ListBody>();
    expect(overdue.items.map((i) => i.id)).toEqual([past]);
    const byUnit = (
      await api.as.viewer.call("GET", `/api/rectifications?unitId=${api.unitB}`)
    ).json<ListBody>();
    expect(byUnit.items.map((i) => i.id)).toEqual([future]);
    const bySource = (
      await api.as.viewer.call("GET", `/api/rectifications?source=${encodeURIComponent("审计")}`)
    ).json<ListBody>();
    expect(bySource.items.map((i) => i.id)).toEqual([future]);
    const byText = (
      await api.as.viewer.call("GET", `/api/rectifications?q=${encodeURIComponent("臺賬")}`)
    ).json<ListBody>();
    expect(byText.items.map((i) => i.id)).toEqual([future]);
  });

  it("tells the responsible unit's reporters about a new item", async () => {
    const notes = (await api.as.reporter.call("GET", "/api/notifications")).json<{
      items: Array<{ title: string }>;
    }>();
    expect(notes.items.map((n) => n.title)).toEqual(["【整改任务】家庭医生签约服务履约率偏低"]);
  });

  it("edits with the current version only", async () => {
    const ok = await api.as.planner.call("PATCH", `/api/rectifications/${past}`, {
      version: 1,
      person: "王五",
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json<Item>().version).toBe(2);
    const stale = await api.as.planner.call("PATCH", `/api/rectifications/${past}`, {
      version: 1,
      person: "赵六",
    });
    expect(stale.statusCode).toBe(409);
    expect(errorOf(stale).code).toBe("STALE_EDIT");
  });

  it("takes progress notes from the responsible unit only, and closes (销号) only after one", async () => {
    const early = await api.as.planner.call("POST", `/api/rectifications/${past}/close`, { note: "已整改" });
    expect(early.statusCode).toBe(409);
    expect(errorOf(early)).toMatchObject({ code: "RECTIFICATION_NO_PROGRESS" });
    expect(errorOf(early).message).toMatch(/^尚无整改进展，不能销号/);

    const other = await api.as.reporter2.call("POST", `/api/rectifications/${past}/updates`, { note: "x" });
    expect(other.statusCode).toBe(403);
    const note = await api.as.reporter.call("POST", `/api/rectifications/${past}/updates`, {
      note: "已完成全部签约居民随访，履约率提升至92%",
    });
    expect(note.statusCode).toBe(201);
    expect(note.json<Item>().updates.map((u) => u.note)).toEqual(["已完成全部签约居民随访，履约率提升至92%"]);
    expect(
      (await api.as.reporter.call("POST", `/api/rectifications/${past}/close`, { note: "x" })).statusCode,
    ).toBe(403);

    const closed = await api.as.planner.call("POST", `/api/rectifications/${past}/close`, {
      note: "经核查整改到位，同意销号",
    });
    expect(closed.statusCode).toBe(200);
    expect(closed.json<Item>()).toMatchObject({
      status: "closed",
      overdue: false,
      closeNote: "经核查整改到位，同意销号",
    });
    expect(
      (await api.as.planner.call("POST", `/api/rectifications/${past}/close`, { note: "again" })).statusCode,
    ).toBe(409);
    expect(
      (await api.as.reporter.call("POST", `/api/rectifications/${past}/updates`, { note: "x" })).statusCode,
    ).toBe(409);
    const list = (await api.as.viewer.call("GET", "/api/rectifications?status=closed")).json<ListBody>();
    expect(list.items.map((i) => i.id)).toEqual([past]);
    const notes = (await api.as.reporter.call("GET", "/api/notifications")).json<{
      items: Array<{ title: string }>;
    }>();
    expect(notes.items[0]?.title).toBe("【已销号】家庭医生签约服务履约率偏低");
  });

  it("exports the ledger with the 整改台账 columns", async () => {
    const res = await api.as.viewer.call("GET", "/api/rectifications.xlsx");
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toMatch(/spreadsheetml/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet("整改台账");
    if (!ws) throw new Error("no sheet");
    const row = (n: number) =>
      (ws.getRow(n).values as unknown[]).slice(1).map((v) => (v === undefined ? "" : String(v)));
    expect(row(1)).toEqual([
      "序号",
      "问题",
      "整改措施",
      "责任领导",
      "责任单位",
      "责任人",
      "整改时限",
      "进展情况",
      "是否销号",
    ]);
    expect(row(2)).toEqual([
      "1",
      "家庭医生签约服务履约率偏低",
      "开展签约居民随访，每季度通报履约情况",
      "张副主任",
      "甲单位",
      "王五",
      "2024-06-30",
      expect.stringMatching(/^\d{4}-\d{2}-\d{2} 已完成全部签约居民随访，履约率提升至92%$/),
      "是",
    ]);
    expect(row(3).slice(1, 2)).toEqual(["專項資金撥付滯後"]);
    expect(row(3)[8]).toBe("否");
    expect(ws.rowCount).toBe(3);
  });

  it("deletes with the current version", async () => {
    const item = (await api.as.viewer.call("GET", `/api/rectifications/${future}`)).json<Item>();
    expect(
      (await api.as.planner.call("DELETE", `/api/rectifications/${future}?version=${item.version + 1}`))
        .statusCode,
    ).toBe(409);
    expect(
      (await api.as.planner.call("DELETE", `/api/rectifications/${future}?version=${item.version}`))
        .statusCode,
    ).toBe(204);
    expect((await api.as.viewer.call("GET", `/api/rectifications/${future}`)).statusCode).toBe(404);
  });
});
