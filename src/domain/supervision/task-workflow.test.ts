import { describe, expect, it } from "vitest";
import {
  allowedTaskEvents,
  applyTaskEvent,
  assignTask,
  InvalidTaskTransition,
  taskEventSchema,
  type TaskEvent,
  type TaskState,
} from "./task-workflow.js";

const run = (state: TaskState, ...events: TaskEvent[]) =>
  events.reduce((s, e) => applyTaskEvent(s, e), state);

describe("applyTaskEvent", () => {
  it("walks the chain from 交办 to 考评", () => {
    const s = run(
      assignTask("2024-06-30"),
      { type: "accept", on: "2024-03-01" },
      { type: "report", on: "2024-04-01", percentComplete: 40, text: "已完成方案制定" },
      { type: "request_closure", on: "2024-06-20" },
      { type: "close", on: "2024-06-21" },
      { type: "assess", on: "2024-12-20", score: 10 },
    );
    expect(s).toMatchObject({
      status: "assessed",
      closedOn: "2024-06-21",
      closedWorkdaysLate: 0,
      percentComplete: 100,
      score: 10,
    });
  });

  it("moves the deadline on an approved extension and keeps it on a refused one", () => {
    const asked = run(
      assignTask("2024-06-30"),
      { type: "accept", on: "2024-03-01" },
      { type: "request_extension", on: "2024-06-01", newDeadline: "2024-09-30", reason: "资金未到位" },
    );
    expect(asked).toMatchObject({ status: "extension_requested", requestedDeadline: "2024-09-30" });
    expect(applyTaskEvent(asked, { type: "approve_extension", on: "2024-06-03" })).toMatchObject({
      status: "accepted",
      deadline: "2024-09-30",
      originalDeadline: "2024-06-30",
    });
    expect(
      applyTaskEvent(asked, { type: "refuse_extension", on: "2024-06-03", reason: "不符合条件" }),
    ).toMatchObject({ status: "accepted", deadline: "2024-06-30", requestedDeadline: null });
  });

  it("returns a closure request as not done (退办) and records a late closure (超期办结)", () => {
    const s = run(
      assignTask("2024-09-30"),
      { type: "accept", on: "2024-03-01" },
      { type: "request_closure", on: "2024-09-20" },
      { type: "return", on: "2024-09-23", reason: "佐证材料不全" },
    );
    expect(s.status).toBe("returned");
    const closed = run(s, { type: "request_closure", on: "2024-10-08" }, { type: "close", on: "2024-10-09" });
    // 09-30 → 10-09: working days 10-08, 10-09
    expect(closed).toMatchObject({ status: "closed", closedWorkdaysLate: 2 });
  });

  it("allows chasing only an overdue open task", () => {
    const s = run(assignTask("2024-06-30"), { type: "accept", on: "2024-03-01" });
    expect(() => applyTaskEvent(s, { type: "chase", on: "2024-06-30" })).toThrow(/not overdue/);
    expect(applyTaskEvent(s, { type: "chase", on: "2024-07-01" }).chaseCount).toBe(1);
  });

  it("rejects transitions the chain does not allow, with a clear error", () => {
    const s = assignTask("2024-06-30");
    expect(() => applyTaskEvent(s, { type: "close", on: "2024-03-01" })).toThrow(InvalidTaskTransition);
    expect(() => applyTaskEvent(s, { type: "close", on: "2024-03-01" })).toThrow(
      /cannot close a task that is assigned \(已交办\): allowed only when closure_requested/,
    );
    const accepted = applyTaskEvent(s, { type: "accept", on: "2024-03-01" });
    expect(() => applyTaskEvent(accepted, { type: "accept", on: "2024-03-02" })).toThrow(
      InvalidTaskTransition,
    );
    expect(() =>
      applyTaskEvent(accepted, {
        type: "request_extension",
        on: "2024-05-01",
        newDeadline: "2024-06-01",
        reason: "x",
      }),
    ).toThrow(/must be after 2024-06-30/);
    expect(() => applyTaskEvent(accepted, { type: "assess", on: "2024-12-01", score: 5 })).toThrow(/closed/);
  });

  it("does not change the state it is given", () => {
    const s = assignTask("2024-06-30");
    applyTaskEvent(s, { type: "accept", on: "2024-03-01" });
    expect(s.status).toBe("assigned");
  });

  it("lists the events allowed next in a state", () => {
    expect(allowedTaskEvents("assessed")).toEqual([]);
    expect(allowedTaskEvents("closure_requested")).toEqual(["close", "return"]);
  });

  it("validates events that come from users", () => {
    expect(
      taskEventSchema.safeParse({ type: "report", on: "2024-04-01", percentComplete: 120, text: "x" })
        .success,
    ).toBe(false);
    expect(taskEventSchema.safeParse({ type: "accept", on: "2024-04-31" }).success).toBe(false);
  });
});
