/**
 * Splitting and merging review items: the parts and the merged task are exact spans of the document,
 * units follow the words that name them, the originals are kept rejected, and every change is audited.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { enginesToRun } from "../db/engines.js";
import { errorOf, handMadeDocument, importHandMade, startApi, type Api } from "./harness.js";

interface TaskItem {
  id: string;
  version: number;
  quote: string;
  text: string;
  start: number;
  end: number;
  reviewStatus: string;
  origin: string;
  leadUnits: Array<{ id: string; name: string }>;
  partnerUnits: Array<{ id: string; name: string }>;
}

describe.each(enginesToRun())("splitting and merging tasks on $name", (engine) => {
  let api: Api;
  let planId = "";
  const text = handMadeDocument().text;
  beforeAll(async () => {
    api = await startApi(engine);
    planId = await importHandMade(api);
  });
  afterAll(async () => api.close());

  const tasks = async (plan = planId) =>
    (await api.as.viewer.call("GET", `/api/plans/${plan}/tasks?pageSize=100`)).json<{ items: TaskItem[] }>()
      .items;
  const split = (task: TaskItem | undefined, at: number[], version = task?.version, who = api.as.planner) =>
    who.call("POST", `/api/plans/${planId}/tasks/${task?.id}/split`, { version, at });

  it("splits a task into exact sub-spans; units go to the part naming them; the original is rejected", async () => {
    const [t1] = await tasks();
    const cut = t1?.quote.indexOf("（") ?? -1;
    const res = await split(t1, [cut]);
    expect(res.statusCode).toBe(201);
    const parts = res.json<{ items: TaskItem[] }>().items;
    expect(parts.map((p) => p.quote)).toEqual(["推进健康城市建设", "（甲单位牵头，乙单位配合）。"]);
    for (const p of parts) {
      expect(text.slice(p.start, p.end)).toBe(p.quote);
      expect(p).toMatchObject({ origin: "added", reviewStatus: "accepted", version: 1 });
    }
    expect(parts[0]).toMatchObject({ leadUnits: [], partnerUnits: [] });
    expect(parts[1]).toMatchObject({ leadUnits: [{ name: "甲单位" }], partnerUnits: [{ name: "乙单位" }] });
    // Listed in document order, right where the original stood.
    const after = await tasks();
    expect(after.map((t) => [t.quote, t.reviewStatus])).toEqual([
      [t1?.quote, "rejected"],
      ["推进健康城市建设", "accepted"],
      ["（甲单位牵头，乙单位配合）。", "accepted"],
      ["加强慢病管理（乙单位牵头）。", "pending"],
    ]);
    const audit = await api.as.admin.call("GET", `/api/audit?action=task.split&entityId=${t1?.id}`);
    expect(audit.json<{ total: number }>().total).toBe(1);
    // The audit log's day filters bound the entry on both sides (UTC days).
    const day = new Date().toISOString().slice(0, 10);
    const count = async (q: string) =>
      (await api.as.admin.call("GET", `/api/audit?action=task.split&${q}`)).json<{ total: number }>().total;
    expect(await count(`from=${day}&to=${day}`)).toBe(1);
    expect(await count("to=2000-01-01")).toBe(0);
    expect(await count("from=2999-01-01")).toBe(0);
    expect((await api.as.admin.call("GET", "/api/audit?from=yesterday")).statusCode).toBe(400);
  });

  it("refuses a cut outside the quote (422), a non-positive one (400), a stale version (409), a reporter (403)", async () => {
    const [, p1] = await tasks();
    const outside = await split(p1, [p1?.quote.length ?? 0]);
    expect(outside.statusCode).toBe(422);
    expect(errorOf(outside).code).toBe("SPLIT_OUTSIDE_QUOTE");
    expect((await split(p1, [0])).statusCode).toBe(400);
    expect((await split(p1, [])).statusCode).toBe(400);
    const stale = await split(p1, [2], (p1?.version ?? 0) + 1);
    expect(stale.statusCode).toBe(409);
    expect(errorOf(stale).code).toBe("STALE_EDIT");
    expect((await split(p1, [2], p1?.version, api.as.reporter)).statusCode).toBe(403);
    // Nothing changed by the refusals.
    expect((await tasks()).length).toBe(4);
  });

  it("does not split a task already replaced", async () => {
    const [original] = await tasks();
    const res = await split(original, [2]);
    expect(res.statusCode).toBe(422);
    expect(errorOf(res).code).toBe("ITEM_REJECTED");
  });

  it("merges adjacent tasks into one covering both spans, units united", async () => {
    const [, p1, p2] = await tasks();
    const res = await api.as.planner.call("POST", `/api/plans/${planId}/tasks/merge`, {
      tasks: [p2, p1].map((t) => ({ id: t?.id, version: t?.version })),
    });
    expect(res.statusCode).toBe(201);
    const merged = res.json<TaskItem>();
    expect(merged.quote).toBe("推进健康城市建设（甲单位牵头，乙单位配合）。");
    expect(text.slice(merged.start, merged.end)).toBe(merged.quote);
    expect(merged).toMatchObject({ leadUnits: [{ name: "甲单位" }], partnerUnits: [{ name: "乙单位" }] });
    const after = await tasks();
    expect(after.filter((t) => t.reviewStatus !== "rejected").map((t) => t.quote)).toEqual([
      merged.quote,
      "加强慢病管理（乙单位牵头）。",
    ]);
  });

  it("merges across a line: the span covers the gap; a unit leading either part leads the whole", async () => {
    const live = (await tasks()).filter((t) => t.reviewStatus !== "rejected");
    const res = await api.as.planner.call("POST", `/api/plans/${planId}/tasks/merge`, {
      tasks: live.map((t) => ({ id: t.id, version: t.version })),
    });
    expect(res.statusCode).toBe(201);
    const merged = res.json<TaskItem>();
    expect(merged.quote).toBe("推进健康城市建设（甲单位牵头，乙单位配合）。\n2.加强慢病管理（乙单位牵头）。");
    expect(merged.text).toBe("推进健康城市建设（甲单位牵头，乙单位配合）。加强慢病管理（乙单位牵头）。");
    expect(merged.leadUnits.map((u) => u.name)).toEqual(["甲单位", "乙单位"]);
    expect(merged.partnerUnits).toEqual([]);
  });

  it("refuses tasks that are not adjacent (422), stale (409), fewer than two (400), from a reporter (403)", async () => {
    const other = await importHandMade(api, 2026);
    const [a, b] = await tasks(other);
    const cut = await api.as.planner.call("POST", `/api/plans/${other}/tasks/${a?.id}/split`, {
      version: a?.version,
      at: [4],
    });
    const [first] = cut.json<{ items: TaskItem[] }>().items;
    const merge = (list: Array<TaskItem | undefined>, who = api.as.planner) =>
      who.call("POST", `/api/plans/${other}/tasks/merge`, {
        tasks: list.map((t) => ({ id: t?.id, version: t?.version })),
      });
    const gap = await merge([first, b]);
    expect(gap.statusCode).toBe(422);
    expect(errorOf(gap).code).toBe("MERGE_NOT_ADJACENT");
    expect((await merge([first])).statusCode).toBe(400);
    expect((await merge([first, b], api.as.reporter)).statusCode).toBe(403);
    const stale = await merge([first, { ...(b as TaskItem), version: 9 }]);
    expect(stale.statusCode).toBe(409);
    // The refused merges left the plan as it was.
    expect((await tasks(other)).filter((t) => t.reviewStatus !== "rejected")).toHaveLength(3);
  });

  describe("targets", () => {
    interface Target {
      id: string;
      version: number;
      quote: string;
      start: number;
      end: number;
      metric: string;
      value: number;
      reviewStatus: string;
    }
    const targets = async (plan: string) =>
      (await api.as.viewer.call("GET", `/api/plans/${plan}/targets`)).json<{ items: Target[] }>().items;

    it("splits a target into exact sub-spans that keep its reading, pending; merges them back", async () => {
      const plan = await importHandMade(api, 2027);
      const [t] = await targets(plan);
      expect(t?.quote).toBe("人均预期寿命达到80岁");
      const cut = await api.as.planner.call("POST", `/api/plans/${plan}/targets/${t?.id}/split`, {
        version: t?.version,
        at: [6],
      });
      expect(cut.statusCode).toBe(201);
      const parts = cut.json<{ items: Target[] }>().items;
      expect(parts.map((p) => [p.quote, p.metric, p.value, p.reviewStatus])).toEqual([
        ["人均预期寿命", "人均预期寿命", 80, "pending"],
        ["达到80岁", "人均预期寿命", 80, "pending"],
      ]);
      for (const p of parts) expect(handMadeDocument(2027).text.slice(p.start, p.end)).toBe(p.quote);
      const merged = await api.as.planner.call("POST", `/api/plans/${plan}/targets/merge`, {
        items: parts.map((p) => ({ id: p.id, version: p.version })),
      });
      expect(merged.statusCode).toBe(201);
      expect(merged.json<Target>()).toMatchObject({ quote: "人均预期寿命达到80岁", reviewStatus: "pending" });
      expect((await targets(plan)).map((x) => x.reviewStatus)).toEqual([
        "rejected",
        "rejected",
        "rejected",
        "pending",
      ]);
    });

    it("refuses a stale target (409), a cut outside it (422), an actual merged as a target (404), a reporter (403)", async () => {
      const plan = await importHandMade(api, 2028);
      const [t] = await targets(plan);
      const call = (body: object, who = api.as.planner) =>
        who.call("POST", `/api/plans/${plan}/targets/${t?.id}/split`, body);
      expect((await call({ version: 9, at: [2] })).statusCode).toBe(409);
      expect((await call({ version: t?.version, at: [99] })).statusCode).toBe(422);
      expect((await call({ version: t?.version, at: [2] }, api.as.reporter)).statusCode).toBe(403);
      const actual = (await api.as.viewer.call("GET", `/api/plans/${plan}/actuals`)).json<{
        items: Target[];
      }>().items[0];
      const mixed = await api.as.planner.call("POST", `/api/plans/${plan}/targets/merge`, {
        items: [t, actual].map((x) => ({ id: x?.id, version: x?.version })),
      });
      expect(mixed.statusCode).toBe(404);
      expect((await targets(plan)).map((x) => x.reviewStatus)).toEqual(["pending"]);
    });
  });
});
