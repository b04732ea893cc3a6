/**
 * Traffic lights of supervised tasks (督办): green on time, yellow inside the reminder window (N working days
 * before the deadline, 临近提醒), red overdue; once closed, on time or 超期办结 (closed late — kept for the
 * assessment). Pure: `today` is given, never read from the clock.
 */
import type { IsoDate } from "../calendar/dates.js";
import { defaultWorkCalendar, workdaysBetween, type WorkCalendar } from "../calendar/working-days.js";

export type TaskLight = "green" | "yellow" | "red" | "closed_on_time" | "closed_late";

export interface TaskLightInput {
  /** The last day the task may be closed (after any approved extension). */
  deadline: IsoDate;
  /** The day the task was closed (办结), if it was. */
  closedOn?: IsoDate | null;
  today: IsoDate;
  /**
   * The reminder window: the task is yellow on its last N working days, the deadline day included (N = 3: the
   * deadline and the two working days before it); 0 disables the window.
   */
  reminderWorkdays: number;
}

export interface TaskLightResult {
  light: TaskLight;
  /** Working days left until the deadline (0 on the day itself), negative once overdue. */
  workdaysLeft: number;
  /** Working days past the deadline when overdue or closed late, else 0. */
  workdaysLate: number;
}

/**
 * A deadline on a day off is honoured as it stands: the task is overdue from the next calendar day, and days
 * late count only working days, so a task closed the first working day after a holiday-deadline is 1 day late.
 */
export function taskLight(
  input: TaskLightInput,
  calendar: WorkCalendar = defaultWorkCalendar,
): TaskLightResult {
  const { deadline, closedOn, today, reminderWorkdays } = input;
  if (closedOn) {
    const late = closedOn > deadline ? Math.max(1, workdaysBetween(deadline, closedOn, calendar)) : 0;
    return {
      light: late > 0 ? "closed_late" : "closed_on_time",
      workdaysLeft: late > 0 ? -late : workdaysBetween(closedOn, deadline, calendar),
      workdaysLate: late,
    };
  }
  if (today > deadline) {
    // days late are the working days after the deadline up to today
    const late = workdaysBetween(deadline, today, calendar);
    return { light: "red", workdaysLeft: -late, workdaysLate: Math.max(1, late) };
  }
  const left = workdaysBetween(today, deadline, calendar);
  return { light: left < reminderWorkdays ? "yellow" : "green", workdaysLeft: left, workdaysLate: 0 };
}

export interface OpenTask {
  id: string;
  deadline: IsoDate;
}

export interface SupervisionNotice {
  taskId: string;
  /** 临近提醒 on the first working day inside the reminder window; 催办 on each working day overdue. */
  kind: "reminder" | "chase";
  workdaysLeft: number;
}

/**
 * The notices an open task calls for on `today`: one reminder when it enters the reminder window (so a
 * daily job sends it once), and a chase on every working day it is overdue. Days off send nothing.
 */
export function supervisionNotices(
  tasks: readonly OpenTask[],
  today: IsoDate,
  reminderWorkdays: number,
  calendar: WorkCalendar = defaultWorkCalendar,
): SupervisionNotice[] {
  if (!calendar.isWorkday(today)) return [];
  const out: SupervisionNotice[] = [];
  for (const t of tasks) {
    const r = taskLight({ deadline: t.deadline, today, reminderWorkdays }, calendar);
    if (r.light === "red") out.push({ taskId: t.id, kind: "chase", workdaysLeft: r.workdaysLeft });
    else if (reminderWorkdays > 0 && r.workdaysLeft === reminderWorkdays - 1) {
      out.push({ taskId: t.id, kind: "reminder", workdaysLeft: r.workdaysLeft });
    }
  }
  return out;
}
