import { describe, expect, it } from "vitest";
import { supervisionNotices, taskLight } from "./traffic-light.js";

describe("taskLight", () => {
  const base = { deadline: "2024-10-18", reminderWorkdays: 3 };

  it("is green before the reminder window and yellow in its last working days", () => {
    expect(taskLight({ ...base, today: "2024-10-14" })).toMatchObject({ light: "green", workdaysLeft: 4 });
    expect(taskLight({ ...base, today: "2024-10-15" })).toMatchObject({ light: "green", workdaysLeft: 3 });
    expect(taskLight({ ...base, today: "2024-10-16" })).toMatchObject({ light: "yellow", workdaysLeft: 2 });
    expect(taskLight({ ...base, today: "2024-10-18" })).toMatchObject({ light: "yellow", workdaysLeft: 0 });
  });

  it("counts the reminder window in working days across a holiday", () => {
    // deadline 10-09: 10-08 and 10-09 are the only working days after 09-30 → yellow already on 09-30
    const r = taskLight({ deadline: "2024-10-09", reminderWorkdays: 3, today: "2024-09-30" });
    expect(r).toMatchObject({ light: "yellow", workdaysLeft: 2 });
    expect(taskLight({ deadline: "2024-10-09", reminderWorkdays: 3, today: "2024-09-27" }).light).toBe(
      "green",
    );
  });

  it("turns red the day after the deadline and counts working days late", () => {
    expect(taskLight({ ...base, today: "2024-10-19" })).toMatchObject({ light: "red", workdaysLate: 1 });
    expect(taskLight({ ...base, today: "2024-10-22" })).toMatchObject({ light: "red", workdaysLate: 2 });
  });

  it("marks a task closed late as 超期办结 and one closed in time as closed on time", () => {
    expect(taskLight({ ...base, today: "2024-12-01", closedOn: "2024-10-18" }).light).toBe("closed_on_time");
    const late = taskLight({ ...base, today: "2024-12-01", closedOn: "2024-10-21" });
    expect(late).toMatchObject({ light: "closed_late", workdaysLate: 1 });
  });

  it("counts a deadline on a holiday as due that day", () => {
    // due 10-03 (holiday), closed 10-08 (first day back): 1 working day late
    const r = taskLight({
      deadline: "2024-10-03",
      reminderWorkdays: 0,
      today: "2024-10-08",
      closedOn: "2024-10-08",
    });
    expect(r).toMatchObject({ light: "closed_late", workdaysLate: 1 });
    expect(taskLight({ deadline: "2024-10-03", reminderWorkdays: 0, today: "2024-10-04" })).toMatchObject({
      light: "red",
      workdaysLate: 1,
    });
  });

  it("never turns yellow when the window is 0", () => {
    expect(taskLight({ ...base, reminderWorkdays: 0, today: "2024-10-18" }).light).toBe("green");
  });
});

describe("supervisionNotices", () => {
  const tasks = [
    { id: "t1", deadline: "2024-10-18" },
    { id: "t2", deadline: "2024-10-11" },
    { id: "t3", deadline: "2024-12-31" },
  ];

  it("reminds once on entering the window and chases every working day overdue", () => {
    // window of 3: t1 (due 10-18) enters it on 10-16; t2 (due 10-11) is overdue from 10-12 (a 调休 Saturday)
    expect(supervisionNotices(tasks, "2024-10-15", 3)).toEqual([
      { taskId: "t2", kind: "chase", workdaysLeft: -3 },
    ]);
    expect(supervisionNotices(tasks, "2024-10-16", 3)).toEqual([
      { taskId: "t1", kind: "reminder", workdaysLeft: 2 },
      { taskId: "t2", kind: "chase", workdaysLeft: -4 },
    ]);
    expect(supervisionNotices(tasks, "2024-10-17", 3).map((n) => n.kind)).toEqual(["chase"]);
  });

  it("sends nothing on a day off, and works on a make-up Saturday", () => {
    expect(supervisionNotices(tasks, "2024-10-13", 3)).toEqual([]);
    // 10-12 is a 调休 Saturday: t2 (due 10-11) is chased
    expect(supervisionNotices(tasks, "2024-10-12", 3)).toEqual([
      { taskId: "t2", kind: "chase", workdaysLeft: -1 },
    ]);
  });
});
