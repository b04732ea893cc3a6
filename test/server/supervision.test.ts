/**
 * Supervision (督查督办) through the API on both engines: the full chain with an extension approved and one
 * refused, a 退办, a late close marked 超期办结 and a score; the 409 naming the allowed actions; 403 for the
 * wrong unit; lights and filters of the plan's list; the reminder scan idempotent on working days around
 * the 2024 National Day holiday (调休 Sunday 09-29 and Saturday 10-12 are workdays, 10-01…10-07 are off).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isWorkday, shanghaiDateOf } from "../../src/domain/calendar/index.js";
import { buildApp } from "../../src/server/app.js";
import { reminderWorkdaysFromEnv } from "../../src/server/supervision.service.js";
import { enginesToRun } from "../db/engines.js";
import { errorOf, importHandMade, startApi, type Api, type Client } from "./harness.js";

interface Detail {
  state: string;
  stateLabel: string;
  deadline: string;
  light: string | null;
  lightLabel: string | null;
  late: boolean;
  workdaysLate: number;
  percent: number;
  chaseCount: number;
  score: number | null;
  allowedActions: string[];
  requestedDeadline: string | null;
  lastFeedback: { text: string } | null;
  events: Array<{ kind: string; data: Record<string, unknown>; userName: string | null }>;
}
interface ListBody {
  counts: Record<string, number>;
  items: Array<{ taskId: string; state: string; light: string | null; lightLabel: string | null }>;
}
interface Notes {
  items: Array<{ kind: string; title: string; body: string; link: string | null }>;
  unread: number;
}

async function publishedTasks(api: Api, year: number): Promise<{ planId: string; t1: string; t2: string }> {
  const planId = await importHandMade(api, year);
  const pub = await api.as.planner.call("POST", `/api/plans/${planId}/publish`, { version: 1 });
  if (pub.statusCode !== 200) throw new Error(`publish: ${pub.body}`);
  const { items } = (await api.as.viewer.call("GET", `/api/plans/${planId}/tasks`)).json<{
    items: Array<{ id: string }>;
  }>();
  return { planId, t1: items[0]?.id ?? "", t2: items[1]?.id ?? "" };
}

const act = (who: Client, taskId: string, action: string, body: unknown = {}) =>
  who.call("POST", `/api/tasks/${taskId}/supervision/${action}`, body);

async function ok(res: Promise<{ statusCode: number; body: string; json<T>(): T }>): Promise<Detail> {
  const r = await res;
  if (r.statusCode !== 200) throw new Error(`${r.statusCode} ${r.body}`);
  return r.json<Detail>();
}

const notes = async (who: Client) => (await who.call("GET", "/api/notifications")).json<Notes>();

describe("the reminder window from MUBIAO_REMINDER_WORKDAYS", () => {
  it("reads a whole number of working days and falls back to 3 otherwise", () => {
    expect(reminderWorkdaysFromEnv({})).toBe(3);
    expect(reminderWorkdaysFromEnv({ MUBIAO_REMINDER_WORKDAYS: "5" })).toBe(5);
    expect(reminderWorkdaysFromEnv({ MUBIAO_REMINDER_WORKDAYS: "0" })).toBe(0);
    expect(reminderWorkdaysFromEnv({ MUBIAO_REMINDER_WORKDAYS: "-1" })).toBe(3);
    expect(reminderWorkdaysFromEnv({ MUBIAO_REMINDER_WORKDAYS: "2.5" })).toBe(3);
    expect(reminderWorkdaysFromEnv({ MUBIAO_REMINDER_WORKDAYS: "三" })).toBe(3);
  });
});

describe.each(enginesToRun())("supervision chain on $name", (engine) => {
  let api: Api;
  /** t1: lead 甲 (reporter), partner 乙 (reporter2); t2: lead 乙 (reporter2). */
  let plan = { planId: "", t1: "", t2: "" };
  beforeAll(async () => {
    api = await startApi(engine);
    plan = await publishedTasks(api, 2025);
  });
  afterAll(async () => api.close());

  it("refuses every action before 交办, and assigning a draft plan's task", async () => {
    const res = await act(api.as.reporter, plan.t1, "accept");
    expect(res.statusCode).toBe(409);
    expect(errorOf(res)).toMatchObject({ code: "NOT_ASSIGNED", details: { allowed: ["assign"] } });
    expect(errorOf(res).message).toMatch(/尚未交办.*可执行：交办/);
    const draft = await importHandMade(api, 2030);
    const draftTask = (await api.as.viewer.call("GET", `/api/plans/${draft}/tasks`)).json<{
      items: Array<{ id: string }>;
    }>().items[0]?.id;
    const d = await act(api.as.planner, draftTask ?? "", "assign", { deadline: "2030-06-30" });
    expect(d.statusCode).toBe(409);
    expect(errorOf(d).code).toBe("PLAN_NOT_PUBLISHED");
  });

  it("walks 交办 → 承办 → 反馈 → 延期 (approved, then refused) → 退办 → 办结 (超期) → 考评", async () => {
    const { t1 } = plan;
    expect((await act(api.as.reporter, t1, "assign", { deadline: "2024-10-09" })).statusCode).toBe(403);
    let s = await ok(act(api.as.planner, t1, "assign", { deadline: "2024-10-09", note: "按月反馈" }));
    expect(s).toMatchObject({ state: "assigned", stateLabel: "已交办", deadline: "2024-10-09" });
    expect((await act(api.as.planner, t1, "assign", { deadline: "2024-10-09" })).statusCode).toBe(409);
    // both the lead and the partner unit's reporters are told
    expect((await notes(api.as.reporter)).items.map((n) => n.kind)).toContain("supervision.assign");
    expect((await notes(api.as.reporter2)).items[0]).toMatchObject({
      kind: "supervision.assign",
      title: "【交办】推进健康城市建设（甲单位牵头，乙单位配合）。",
      link: `/plans/${plan.planId}/supervision?task=${t1}`,
    });

    // only the lead unit accepts
    const partnerAccept = await act(api.as.reporter2, t1, "accept");
    expect(partnerAccept.statusCode).toBe(403);
    expect(errorOf(partnerAccept).code).toBe("FORBIDDEN");
    expect((await act(api.as.viewer, t1, "accept")).statusCode).toBe(403);
    expect((await ok(api.as.reporter.call("GET", `/api/tasks/${t1}/supervision`))).allowedActions).toEqual([
      "accept",
    ]);
    s = await ok(act(api.as.reporter, t1, "accept", {}));
    expect(s.state).toBe("accepted");
    expect((await notes(api.as.planner)).items[0]?.title).toMatch(/^【已承办】/);

    // closing now is not in the chain: 409 naming what is allowed, in Chinese and English
    const early = await act(api.as.planner, t1, "close");
    expect(early.statusCode).toBe(409);
    expect(errorOf(early).code).toBe("SUPERVISION_STATE");
    expect(errorOf(early).message).toBe(
      '当前状态为"已承办"，不能办结；可执行：反馈、提醒、催办、延期申请、申请办结 / A task that is accepted cannot take close; allowed: feedback, remind, chase, extension-request, request-closure',
    );

    // the partner unit may feed back
    s = await ok(act(api.as.reporter2, t1, "feedback", { text: "已配合完成摸底调查", percent: 30 }));
    expect(s).toMatchObject({
      state: "in_progress",
      percent: 30,
      lastFeedback: { text: "已配合完成摸底调查" },
    });
    expect(
      (await act(api.as.reporter2, t1, "extension-request", { newDeadline: "2024-12-31", reason: "x" }))
        .statusCode,
    ).toBe(403);

    // an extension must move the deadline later
    const back = await act(api.as.reporter, t1, "extension-request", {
      newDeadline: "2024-09-30",
      reason: "资金未到位",
    });
    expect(back.statusCode).toBe(409);
    expect(errorOf(back).message).toMatch(/^延期后的时限须晚于当前办结时限2024-10-09/);
    s = await ok(
      act(api.as.reporter, t1, "extension-request", { newDeadline: "2024-12-31", reason: "资金未到位" }),
    );
    expect(s).toMatchObject({
      state: "extension_requested",
      requestedDeadline: "2024-12-31",
      deadline: "2024-10-09",
    });
    expect((await act(api.as.reporter, t1, "extension-decision", { approved: true })).statusCode).toBe(403);
    s = await ok(act(api.as.planner, t1, "extension-decision", { approved: true, comment: "同意" }));
    expect(s).toMatchObject({ state: "in_progress", deadline: "2024-12-31", requestedDeadline: null });
    expect((await notes(api.as.reporter)).items[0]?.title).toMatch(/^【延期已批准】/);

    // a second extension, refused: the deadline stays
    await ok(
      act(api.as.reporter, t1, "extension-request", { newDeadline: "2025-03-31", reason: "再次申请" }),
    );
    s = await ok(
      act(api.as.planner, t1, "extension-decision", { approved: false, comment: "不符合延期条件" }),
    );
    expect(s).toMatchObject({ state: "in_progress", deadline: "2024-12-31" });
    expect((await notes(api.as.reporter)).items[0]).toMatchObject({
      title: expect.stringMatching(/^【延期未批准】/),
      body: expect.stringContaining("不符合延期条件"),
    });

    // feedback asking for closure; the partner may not ask for it
    expect(
      (await act(api.as.reporter2, t1, "feedback", { text: "完成", percent: 100, requestClosure: true }))
        .statusCode,
    ).toBe(403);
    s = await ok(
      act(api.as.reporter, t1, "feedback", { text: "已全部完成", percent: 100, requestClosure: true }),
    );
    expect(s.state).toBe("closure_requested");

    // 退办, then done again and closed late
    s = await ok(act(api.as.planner, t1, "return", { reason: "佐证材料不全" }));
    expect(s.state).toBe("returned");
    expect((await notes(api.as.reporter)).items[0]).toMatchObject({
      kind: "supervision.return",
      body: "办结申请被退回：佐证材料不全",
    });
    await ok(act(api.as.reporter, t1, "request-closure", { note: "已补充材料" }));
    s = await ok(act(api.as.planner, t1, "close", {}));
    expect(s).toMatchObject({
      state: "closed",
      light: "closed_late",
      lightLabel: "超期办结",
      late: true,
      percent: 100,
    });
    expect(s.workdaysLate).toBeGreaterThan(200);
    expect((await notes(api.as.reporter)).items[0]?.body).toMatch(/^超期办结/);

    s = await ok(act(api.as.planner, t1, "score", { points: 8, comment: "超期扣分" }));
    expect(s).toMatchObject({ state: "assessed", score: 8, light: "closed_late" });
    const again = await act(api.as.planner, t1, "score", { points: 9 });
    expect(errorOf(again).message).toMatch(/当前状态为"已考评"，不能考评；可执行：无/);

    const detail = await ok(api.as.viewer.call("GET", `/api/tasks/${t1}/supervision`));
    expect(detail.allowedActions).toEqual([]);
    expect(detail.events.map((e) => e.kind)).toEqual([
      "assign",
      "accept",
      "feedback",
      "extension-request",
      "extension-decision",
      "extension-request",
      "extension-decision",
      "feedback",
      "request-closure",
      "return",
      "request-closure",
      "close",
      "score",
    ]);
    expect(detail.events[4]?.data).toMatchObject({ approved: true, deadline: "2024-12-31" });
    expect(detail.events[6]?.data).toMatchObject({ approved: false, comment: "不符合延期条件" });
    expect(detail.events[1]?.userName).toBe("reporter");
  });

  it("closes a task on time, lists lights and filters by unit, light and state", async () => {
    const { t2, planId } = plan;
    await ok(act(api.as.planner, t2, "assign", { deadline: "2099-06-30" }));
    expect((await act(api.as.reporter, t2, "accept")).statusCode).toBe(403);
    await ok(act(api.as.reporter2, t2, "accept"));
    // not overdue: no chase
    const chase = await act(api.as.planner, t2, "chase", {});
    expect(errorOf(chase).message).toMatch(/^任务尚未超期（办结时限2099-06-30），不能催办/);

    let list = (await api.as.viewer.call("GET", `/api/plans/${planId}/supervision`)).json<ListBody>();
    expect(list.items.map((i) => [i.state, i.light])).toEqual([
      ["assessed", "closed_late"],
      ["accepted", "green"],
    ]);
    expect(list.counts).toMatchObject({ green: 1, closed_late: 1, yellow: 0, red: 0 });
    // seen as on 2099-06-29: inside the 3-working-day window
    list = (
      await api.as.viewer.call("GET", `/api/plans/${planId}/supervision?on=2099-06-29`)
    ).json<ListBody>();
    expect(list.items[1]?.light).toBe("yellow");

    await ok(act(api.as.reporter2, t2, "feedback", { text: "完成", percent: 100, requestClosure: true }));
    const closed = await ok(act(api.as.planner, t2, "close", {}));
    expect(closed).toMatchObject({ light: "closed_on_time", lightLabel: "按期办结", late: false });

    const byUnitA = (
      await api.as.viewer.call("GET", `/api/plans/${planId}/supervision?unitId=${api.unitA}`)
    ).json<ListBody>();
    expect(byUnitA.items.map((i) => i.taskId)).toEqual([plan.t1]);
    const byUnitB = (
      await api.as.viewer.call("GET", `/api/plans/${planId}/supervision?unitId=${api.unitB}`)
    ).json<ListBody>();
    expect(byUnitB.items.map((i) => i.taskId)).toEqual([plan.t1, t2]);
    const onTime = (
      await api.as.viewer.call("GET", `/api/plans/${planId}/supervision?light=closed_on_time`)
    ).json<ListBody>();
    expect(onTime.items.map((i) => i.taskId)).toEqual([t2]);
    const byState = (
      await api.as.viewer.call("GET", `/api/plans/${planId}/supervision?state=assessed`)
    ).json<ListBody>();
    expect(byState.items.map((i) => i.taskId)).toEqual([plan.t1]);
    const bad = await api.as.viewer.call("GET", `/api/plans/${planId}/supervision?light=blue`);
    expect(bad.statusCode).toBe(400);
  });
});

describe.each(enginesToRun())("supervision reminder scan on $name", (engine) => {
  let api: Api;
  let plan = { planId: "", t1: "", t2: "" };
  beforeAll(async () => {
    api = await startApi(engine);
    plan = await publishedTasks(api, 2024);
    // t1 (lead 甲) due 10-09, t2 (lead 乙) due 10-11, around the National Day holiday
    await ok(act(api.as.planner, plan.t1, "assign", { deadline: "2024-10-09" }));
    await ok(act(api.as.reporter, plan.t1, "accept"));
    await ok(act(api.as.planner, plan.t2, "assign", { deadline: "2024-10-11" }));
  });
  afterAll(async () => api.close());

  const scan = async (day: string) => {
    const r = await api.as.planner.call("POST", "/api/supervision/scan", { day });
    expect(r.statusCode).toBe(200);
    const { reminders, chases, workday } = r.json<{ reminders: number; chases: number; workday: boolean }>();
    return { workday, reminders, chases };
  };

  it("reminds once on entering the window and chases once per working day overdue, never on days off", async () => {
    expect((await api.as.reporter.call("POST", "/api/supervision/scan", {})).statusCode).toBe(403);
    expect(await scan("2024-09-27")).toEqual({ workday: true, reminders: 0, chases: 0 });
    // 调休 Sunday: t1 has 09-30, 10-08, 10-09 left — not yet inside a 3-day window
    expect(await scan("2024-09-29")).toEqual({ workday: true, reminders: 0, chases: 0 });
    expect(await scan("2024-09-30")).toEqual({ workday: true, reminders: 1, chases: 0 });
    expect(await scan("2024-09-30")).toEqual({ workday: true, reminders: 0, chases: 0 });
    expect(await scan("2024-10-01")).toEqual({ workday: false, reminders: 0, chases: 0 });
    expect(await scan("2024-10-07")).toEqual({ workday: false, reminders: 0, chases: 0 });
    // t1 still yellow (already reminded); t2 has 10-09, 10-10, 10-11 left: green
    expect(await scan("2024-10-08")).toEqual({ workday: true, reminders: 0, chases: 0 });
    expect(await scan("2024-10-09")).toEqual({ workday: true, reminders: 1, chases: 0 });
    expect(await scan("2024-10-10")).toEqual({ workday: true, reminders: 0, chases: 1 });
    expect(await scan("2024-10-10")).toEqual({ workday: true, reminders: 0, chases: 0 });
    expect(await scan("2024-10-11")).toEqual({ workday: true, reminders: 0, chases: 1 });
    // 调休 Saturday: both overdue
    expect(await scan("2024-10-12")).toEqual({ workday: true, reminders: 0, chases: 2 });
    expect(await scan("2024-10-12")).toEqual({ workday: true, reminders: 0, chases: 0 });
    expect(await scan("2024-10-13")).toEqual({ workday: false, reminders: 0, chases: 0 });

    const mine = (await notes(api.as.reporter)).items.filter((n) => n.kind !== "supervision.assign");
    expect(mine.map((n) => n.kind).sort()).toEqual([
      "supervision.chase",
      "supervision.chase",
      "supervision.chase",
      "supervision.remind",
    ]);
    expect(mine.find((n) => n.kind === "supervision.remind")?.body).toBe(
      "办结时限2024-10-09，还剩2个工作日，请抓紧办理并及时反馈。",
    );
    const theirs = (await notes(api.as.reporter2)).items.filter((n) => n.kind !== "supervision.assign");
    expect(theirs.map((n) => n.kind).sort()).toEqual(["supervision.chase", "supervision.remind"]);
    // the chases are counted on the task and logged
    const d = await ok(api.as.viewer.call("GET", `/api/tasks/${plan.t1}/supervision`));
    expect(d.chaseCount).toBe(3);
    expect(d.events.map((e) => e.kind)).toEqual(["assign", "accept", "remind", "chase", "chase", "chase"]);
  });

  it("runs the scan when the server starts, once for the day", async () => {
    const kinds = async () =>
      (
        await Promise.all(
          [plan.t1, plan.t2].map((t) => ok(api.as.viewer.call("GET", `/api/tasks/${t}/supervision`))),
        )
      ).flatMap((d) => d.events.map((e) => e.kind));
    const before = await kinds();
    const today = shanghaiDateOf(new Date());
    const server = await buildApp({ db: api.handle.db, secureCookies: false, backgroundJobs: true });
    await server.app.ready();
    await server.app.close(); // waits for the scan it started
    const added = (await kinds()).length - before.length;
    // both tasks are long overdue: chased once each on a working day, left alone on a day off
    expect(added).toBe(isWorkday(today) ? 2 : 0);
    expect(await scan(today)).toEqual({ workday: isWorkday(today), reminders: 0, chases: 0 });
  });

  it("gives a new reminder before a new deadline after an approved extension", async () => {
    await ok(
      act(api.as.reporter, plan.t1, "extension-request", { newDeadline: "2024-10-31", reason: "等待审批" }),
    );
    await ok(act(api.as.planner, plan.t1, "extension-decision", { approved: true }));
    // 10-31 is a Thursday: 10-29 is inside the window (10-30, 10-31 left)
    expect(await scan("2024-10-29")).toEqual({ workday: true, reminders: 1, chases: 1 });
    expect(await scan("2024-10-29")).toEqual({ workday: true, reminders: 0, chases: 0 });
  });
});
