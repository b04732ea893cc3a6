/**
 * Supervision (督查督办) of a plan's tasks, persisted: 交办 → 承办 → 反馈 → 临近提醒/催办 → 延期申请 (approved
 * or refused) → 申请办结 → 办结 or 退办 → 考评. Every transition goes through the domain state machine
 * (`applyTaskEvent`), is appended to the task's event log, audited, and tells the people concerned
 * (notifications, written in the same transaction). Who may act: planners assign, remind, chase, decide
 * extensions, return, close and score; the lead unit's reporters accept, feed back, request an extension
 * or the closure; partner units' reporters may feed back. Days are Asia/Shanghai days on the Chinese
 * working-day calendar.
 */
import { randomUUID } from "node:crypto";
import type { Db } from "../db/database.js";
import { AuditRepository } from "../db/audit.repository.js";
import { PlanItemRepository, type TaskUnitRef } from "../db/plan-item.repository.js";
import {
  SupervisionRepository,
  type SupervisionEventRow,
  type SupervisionRow,
  type SupervisedTaskRow,
} from "../db/supervision.repository.js";
import { shanghaiDateOf, type IsoDate } from "../domain/calendar/index.js";
import { defaultWorkCalendar, type WorkCalendar } from "../domain/calendar/working-days.js";
import {
  allowedTaskEvents,
  applyTaskEvent,
  assignTask,
  InvalidTaskTransition,
  TASK_STATUS_LABELS,
  taskLight,
  type TaskEvent,
  type TaskLight,
  type TaskState,
  type TaskStatus,
} from "../domain/supervision/index.js";
import type { Principal } from "./auth.service.js";
import { AppError, errors } from "./errors.js";
import { hasRole } from "./http.js";
import { NotificationService } from "./notification.service.js";

/** The actions of the chain, as the API names them (`POST /api/tasks/:taskId/supervision/:action`). */
export const supervisionActions = [
  "assign",
  "accept",
  "feedback",
  "remind",
  "chase",
  "extension-request",
  "extension-decision",
  "request-closure",
  "return",
  "close",
  "score",
] as const;
export type SupervisionAction = (typeof supervisionActions)[number];

export const ACTION_LABELS: Record<SupervisionAction, string> = {
  assign: "交办",
  accept: "承办",
  feedback: "反馈",
  remind: "提醒",
  chase: "催办",
  "extension-request": "延期申请",
  "extension-decision": "延期审批",
  "request-closure": "申请办结",
  return: "退办",
  close: "办结",
  score: "考评",
};

export const LIGHT_LABELS: Record<TaskLight, string> = {
  green: "绿灯",
  yellow: "黄灯",
  red: "红灯",
  closed_on_time: "按期办结",
  closed_late: "超期办结",
};

/** Who may take an action: planners (and admins), the lead unit's reporters, or any of the task's units'. */
const ACTORS: Record<SupervisionAction, "planner" | "lead" | "unit"> = {
  assign: "planner",
  remind: "planner",
  chase: "planner",
  "extension-decision": "planner",
  return: "planner",
  close: "planner",
  score: "planner",
  accept: "lead",
  "extension-request": "lead",
  "request-closure": "lead",
  feedback: "unit",
};

/** The domain event behind each action (remind changes no state; assign creates it). */
const EVENT_OF: Partial<Record<TaskEvent["type"], SupervisionAction>> = {
  accept: "accept",
  report: "feedback",
  chase: "chase",
  request_extension: "extension-request",
  approve_extension: "extension-decision",
  refuse_extension: "extension-decision",
  request_closure: "request-closure",
  close: "close",
  return: "return",
  assess: "score",
};

export type ActionBody =
  | { action: "assign"; deadline?: IsoDate | undefined; note?: string | undefined }
  | { action: "accept"; note?: string | undefined }
  | {
      action: "feedback";
      text: string;
      percent: number;
      evidence?: string | undefined;
      requestClosure?: boolean | undefined;
    }
  | { action: "remind"; note?: string | undefined }
  | { action: "chase"; note?: string | undefined }
  | { action: "extension-request"; newDeadline: IsoDate; reason: string }
  | { action: "extension-decision"; approved: boolean; comment?: string | undefined }
  | { action: "request-closure"; note?: string | undefined }
  | { action: "return"; reason: string }
  | { action: "close"; note?: string | undefined }
  | { action: "score"; points: number; comment?: string | undefined };

export interface SupervisionListFilter {
  unitId?: string | undefined;
  light?: TaskLight | "unassigned" | undefined;
  state?: TaskStatus | "unassigned" | undefined;
  /** The day the lights are read on (today by default). */
  on?: IsoDate | undefined;
}

export interface UnitRef {
  id: string;
  name: string;
}

export interface SupervisionListRow {
  taskId: string;
  no: number;
  text: string;
  sectionTitle: string | null;
  leadUnits: UnitRef[];
  partnerUnits: UnitRef[];
  assigned: boolean;
  state: TaskStatus | "unassigned";
  stateLabel: string;
  deadline: IsoDate | null;
  originalDeadline: IsoDate | null;
  light: TaskLight | null;
  lightLabel: string | null;
  workdaysLeft: number | null;
  workdaysLate: number;
  late: boolean;
  percent: number;
  chaseCount: number;
  score: number | null;
  lastFeedback: { text: string; at: string } | null;
  version: number | null;
}

export interface SupervisionDetail extends SupervisionListRow {
  planId: string;
  requestedDeadline: IsoDate | null;
  assignedAt: string | null;
  acceptedAt: string | null;
  closedAt: string | null;
  closedOn: IsoDate | null;
  /** What the signed-in user may do now (by role, unit and state). */
  allowedActions: SupervisionAction[];
  events: Array<{
    seq: number;
    kind: string;
    label: string;
    on: IsoDate;
    at: string;
    userId: string | null;
    userName: string | null;
    unitId: string | null;
    data: Record<string, unknown>;
  }>;
}

export interface ScanResult {
  day: IsoDate;
  workday: boolean;
  reminders: number;
  chases: number;
  notifications: number;
}

export interface SupervisionOptions {
  /** 临近提醒 window: a task turns yellow on its last N working days (deadline included). */
  reminderWorkdays?: number;
  calendar?: WorkCalendar;
  now?: () => Date;
}

const openStatuses: readonly TaskStatus[] = [
  "assigned",
  "accepted",
  "in_progress",
  "extension_requested",
  "closure_requested",
  "returned",
];

/** A reminder goes to a unit still working on the task, not one waiting for the planner's decision on closure. */
const remindable: readonly TaskStatus[] = openStatuses.filter((s) => s !== "closure_requested");

const short = (text: string) => (text.length > 40 ? `${text.slice(0, 40)}…` : text);

/**
 * The reminder window the server uses: `MUBIAO_REMINDER_WORKDAYS` (0 disables 临近提醒, at most 20), 3 by
 * default — the deadline day and the two working days before it.
 */
export function reminderWorkdaysFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.MUBIAO_REMINDER_WORKDAYS ?? "3");
  return Number.isInteger(n) && n >= 0 && n <= 20 ? n : 3;
}

export class SupervisionService {
  readonly reminderWorkdays: number;
  private readonly calendar: WorkCalendar;
  private readonly now: () => Date;

  constructor(
    private readonly db: Db,
    options: SupervisionOptions = {},
  ) {
    this.reminderWorkdays = options.reminderWorkdays ?? reminderWorkdaysFromEnv();
    this.calendar = options.calendar ?? defaultWorkCalendar;
    this.now = options.now ?? (() => new Date());
  }

  today(): IsoDate {
    return shanghaiDateOf(this.now());
  }

  /** Every task of the plan with its supervision state and light, filtered, and the count per light. */
  async list(planId: string, filter: SupervisionListFilter) {
    const repo = new SupervisionRepository(this.db);
    const tasks = await repo.tasksOfPlan(planId);
    const rows = new Map((await repo.listForPlan(planId)).map((r) => [r.task_id, r]));
    const units = groupUnits(await new PlanItemRepository(this.db).unitsOfTasks(tasks.map((t) => t.id)));
    const on = filter.on ?? this.today();
    let items = tasks.map((t, i) => this.present(t, i + 1, rows.get(t.id), units.get(t.id), on));
    if (filter.unitId)
      items = items.filter((r) => [...r.leadUnits, ...r.partnerUnits].some((u) => u.id === filter.unitId));
    const counts = { green: 0, yellow: 0, red: 0, closed_on_time: 0, closed_late: 0, unassigned: 0 };
    for (const r of items) counts[r.light ?? "unassigned"] += 1;
    if (filter.light) items = items.filter((r) => (r.light ?? "unassigned") === filter.light);
    if (filter.state) items = items.filter((r) => r.state === filter.state);
    return { on, reminderWorkdays: this.reminderWorkdays, counts, items };
  }

  async detail(taskId: string, user: Principal | null): Promise<SupervisionDetail> {
    const repo = new SupervisionRepository(this.db);
    const task = await repo.task(taskId);
    if (!task) throw errors.notFound("task", taskId);
    const row = await repo.get(taskId);
    const units = groupUnits(await new PlanItemRepository(this.db).unitsOfTasks([taskId])).get(taskId);
    const base = this.present(task, task.position + 1, row, units, this.today());
    const events = row ? await repo.events(taskId) : [];
    const names = await this.userNames(events);
    const state = row ? (JSON.parse(row.state_json) as TaskState) : null;
    return {
      ...base,
      planId: task.plan_id,
      requestedDeadline: state?.requestedDeadline ?? null,
      assignedAt: row?.assigned_at ?? null,
      acceptedAt: row?.accepted_at ?? null,
      closedAt: row?.closed_at ?? null,
      closedOn: row?.closed_on ?? null,
      allowedActions: user ? this.allowedFor(user, row, units ?? [], task.plan_status) : [],
      events: events.map((e) => ({
        seq: e.seq,
        kind: e.kind,
        label: ACTION_LABELS[e.kind as SupervisionAction] ?? e.kind,
        on: e.on_day,
        at: e.at,
        userId: e.user_id,
        userName: e.user_id ? (names.get(e.user_id) ?? null) : null,
        unitId: e.unit_id,
        data: JSON.parse(e.data_json) as Record<string, unknown>,
      })),
    };
  }

  /** Takes one action of the chain on a task, as `user`; returns the task's supervision afterwards. */
  async act(taskId: string, body: ActionBody, user: Principal): Promise<SupervisionDetail> {
    await this.db.transaction().execute(async (trx) => {
      const repo = new SupervisionRepository(trx);
      const task = await repo.task(taskId);
      if (!task) throw errors.notFound("task", taskId);
      const units = (await new PlanItemRepository(trx).unitsOfTasks([taskId])).filter(
        (u) => u.taskId === taskId,
      );
      const actingUnit = this.checkActor(user, body.action, units);
      const before = await repo.get(taskId);
      const today = this.today();
      const at = this.now().toISOString();
      if (body.action === "assign") {
        if (before)
          throw errors.conflict("ALREADY_ASSIGNED", "该任务已交办", "The task is already assigned", {
            state: before.status,
          });
        if (task.plan_status !== "published")
          throw errors.conflict("PLAN_NOT_PUBLISHED", "计划尚未发布", "The plan is not published yet", {
            planId: task.plan_id,
          });
        if (!units.some((u) => u.role === "lead"))
          throw errors.unprocessable(
            "NO_LEAD_UNIT",
            "该任务没有牵头单位，无法交办",
            "The task has no lead unit to assign it to",
            { taskId },
          );
        const deadline =
          body.deadline ?? task.deadline_due ?? (task.plan_year ? `${task.plan_year}-12-31` : null);
        if (!deadline)
          throw errors.unprocessable(
            "NO_DEADLINE",
            "该任务没有完成时限，请指定办结时限",
            "The task has no deadline: give one",
            { taskId },
          );
        const state = assignTask(deadline);
        const row: SupervisionRow = {
          task_id: taskId,
          plan_id: task.plan_id,
          status: state.status,
          deadline: state.deadline,
          original_deadline: state.originalDeadline,
          state_json: JSON.stringify(state),
          assigned_at: at,
          assigned_by: user.id,
          accepted_at: null,
          closed_at: null,
          closed_on: null,
          late: 0,
          score: null,
          last_feedback_at: null,
          last_feedback_text: null,
          percent: 0,
          version: 1,
          updated_at: at,
        };
        await repo.insert(row);
        await this.record(trx, taskId, "assign", today, at, user, null, {
          deadline,
          note: body.note ?? null,
        });
        await new AuditRepository(trx).record({
          userId: user.id,
          action: "supervision.assign",
          entity: "task",
          entityId: taskId,
          after: row,
        });
        await NotificationService.notify(trx, {
          unitIds: units.map((u) => u.unitId),
          kind: "supervision.assign",
          title: `【交办】${short(task.text)}`,
          body: `请于${deadline}前办结。牵头单位：${names(units, "lead")}${
            names(units, "partner") ? `；配合单位：${names(units, "partner")}` : ""
          }。${body.note ?? ""}`,
          link: linkOf(task.plan_id, taskId),
          exceptUserId: user.id,
        });
        return;
      }
      if (!before) throw notAssigned(taskId, body.action);
      const state = JSON.parse(before.state_json) as TaskState;
      const { next, data } = this.transition(state, body, today, units, user);
      const patch: Partial<SupervisionRow> = {
        status: next.status,
        deadline: next.deadline,
        state_json: JSON.stringify(next),
        percent: next.percentComplete,
        late: next.closedWorkdaysLate,
        score: next.score,
        closed_on: next.closedOn,
        updated_at: at,
      };
      if (body.action === "accept") patch.accepted_at = at;
      if (body.action === "close") patch.closed_at = at;
      if (body.action === "feedback") {
        patch.last_feedback_at = at;
        patch.last_feedback_text = body.text;
      }
      if (!(await repo.update(taskId, before.version, patch)))
        throw errors.staleEdit("supervision", taskId, before.version + 1);
      await this.record(trx, taskId, body.action, today, at, user, actingUnit, data);
      if (body.action === "feedback" && body.requestClosure && next.status === "closure_requested")
        await this.record(trx, taskId, "request-closure", today, at, user, actingUnit, {});
      await new AuditRepository(trx).record({
        userId: user.id,
        action: `supervision.${body.action}`,
        entity: "task",
        entityId: taskId,
        before,
        after: { ...before, ...patch, version: before.version + 1 },
      });
      await this.notifyAction(trx, task, before, next, body, user, units);
    });
    return this.detail(taskId, user);
  }

  /**
   * The daily reminder scan for `day` (today by default): a 临近提醒 once per deadline when a task enters
   * its reminder window, a 催办 on each working day it is overdue (also counted on the task as a chase),
   * each to the lead unit's reporters. Idempotent: a second run on the same day sends nothing; days off
   * send nothing.
   */
  async scan(day: IsoDate = this.today()): Promise<ScanResult> {
    const result: ScanResult = {
      day,
      workday: this.calendar.isWorkday(day),
      reminders: 0,
      chases: 0,
      notifications: 0,
    };
    if (!result.workday) return result;
    const open = await new SupervisionRepository(this.db).open();
    for (const s of open) {
      const light = taskLight(
        { deadline: s.deadline, today: day, reminderWorkdays: this.reminderWorkdays },
        this.calendar,
      );
      if (light.light !== "yellow" && light.light !== "red") continue;
      // A task changed by someone meanwhile is left to the next run (its mark is rolled back with it).
      await this.db
        .transaction()
        .execute(async (trx) => {
          const repo = new SupervisionRepository(trx);
          const at = this.now().toISOString();
          const task = await repo.task(s.task_id);
          const current = await repo.get(s.task_id);
          if (!task || !current || finished(current.status)) return;
          // read again inside the transaction: an extension approved meanwhile moves the deadline
          const light = taskLight(
            { deadline: current.deadline, today: day, reminderWorkdays: this.reminderWorkdays },
            this.calendar,
          );
          if (light.light !== "yellow" && light.light !== "red") return;
          const units = await new PlanItemRepository(trx).unitsOfTasks([s.task_id]);
          const lead = units.filter((u) => u.role === "lead").map((u) => u.unitId);
          if (light.light === "yellow") {
            // once per deadline: an approved extension brings a new reminder before the new deadline
            if (!(await repo.mark(s.task_id, current.deadline, "reminder", at))) return;
            // the row's version moves with every event, so a concurrent action waits or is refused
            if (!(await repo.update(s.task_id, current.version, { updated_at: at })))
              throw errors.staleEdit("supervision", s.task_id, current.version + 1);
            await this.record(trx, s.task_id, "remind", day, at, null, null, {
              auto: true,
              workdaysLeft: light.workdaysLeft,
            });
            const sent = await NotificationService.notify(trx, {
              unitIds: lead,
              kind: "supervision.remind",
              title: `【临近提醒】${short(task.text)}`,
              body: `办结时限${current.deadline}，还剩${light.workdaysLeft}个工作日，请抓紧办理并及时反馈。`,
              link: linkOf(task.plan_id, task.id),
            });
            result.reminders += 1;
            result.notifications += sent.length;
            return;
          }
          if (!(await repo.mark(s.task_id, day, "chase", at))) return;
          const state = JSON.parse(current.state_json) as TaskState;
          let next: TaskState;
          try {
            next = applyTaskEvent(state, { type: "chase", on: day }, this.calendar);
          } catch (e) {
            // awaiting the planner's decision on a closure: nothing to chase the unit for
            if (e instanceof InvalidTaskTransition) return;
            throw e;
          }
          if (
            !(await repo.update(s.task_id, current.version, {
              state_json: JSON.stringify(next),
              updated_at: at,
            }))
          )
            throw errors.staleEdit("supervision", s.task_id, current.version + 1);
          await this.record(trx, s.task_id, "chase", day, at, null, null, {
            auto: true,
            workdaysLate: light.workdaysLate,
          });
          const sent = await NotificationService.notify(trx, {
            unitIds: lead,
            kind: "supervision.chase",
            title: `【催办】${short(task.text)}`,
            body: `办结时限${current.deadline}，已超期${light.workdaysLate}个工作日，请立即办理并反馈。`,
            link: linkOf(task.plan_id, task.id),
          });
          result.chases += 1;
          result.notifications += sent.length;
        })
        .catch((error: unknown) => {
          if (!(error instanceof AppError && error.code === "STALE_EDIT")) throw error;
        });
    }
    return result;
  }

  /** The actions `user` may take now on the task (the drawer's buttons). */
  private allowedFor(
    user: Principal,
    row: SupervisionRow | undefined,
    units: readonly TaskUnitRef[],
    planStatus: string,
  ): SupervisionAction[] {
    const may = (a: SupervisionAction) => {
      try {
        this.checkActor(user, a, units);
        return true;
      } catch {
        return false;
      }
    };
    if (!row) return planStatus === "published" && may("assign") ? ["assign"] : [];
    const state = JSON.parse(row.state_json) as TaskState;
    const overdue = this.today() > state.deadline;
    const actions = new Set<SupervisionAction>();
    for (const e of allowedTaskEvents(state.status)) {
      const a = EVENT_OF[e];
      if (!a || (e === "chase" && !overdue)) continue;
      actions.add(a);
    }
    if (remindable.includes(state.status)) actions.add("remind");
    return supervisionActions.filter((a) => actions.has(a) && may(a));
  }

  /** 403 unless `user` may take the action on this task; the unit it acts for (reporters). */
  private checkActor(
    user: Principal,
    action: SupervisionAction,
    units: readonly TaskUnitRef[],
  ): string | null {
    const who = ACTORS[action];
    if (who === "planner") {
      if (!hasRole(user, ["planner"])) throw errors.forbidden({ reason: "planners only", action });
      return null;
    }
    if (!user.roles.includes("admin") && !user.roles.includes("reporter"))
      throw errors.forbidden({ reason: "reporters of the task's units only", action });
    if (user.roles.includes("admin")) return null;
    const mine = units.filter(
      (u) => (who === "lead" ? u.role === "lead" : true) && user.unitIds.includes(u.unitId),
    );
    if (mine.length === 0)
      throw errors.forbidden({
        reason: who === "lead" ? "only the lead unit's reporters" : "only reporters of the task's units",
        action,
      });
    return mine[0]?.unitId ?? null;
  }

  /** The domain state after the action, and what its event records; 409 when the chain refuses it. */
  private transition(
    state: TaskState,
    body: Exclude<ActionBody, { action: "assign" }>,
    on: IsoDate,
    units: readonly TaskUnitRef[],
    user: Principal,
  ): { next: TaskState; data: Record<string, unknown> } {
    const apply = (s: TaskState, e: TaskEvent) => {
      try {
        return applyTaskEvent(s, e, this.calendar);
      } catch (error) {
        if (error instanceof InvalidTaskTransition) throw refused(s, body.action, error);
        throw error;
      }
    };
    switch (body.action) {
      case "accept":
        return { next: apply(state, { type: "accept", on }), data: { note: body.note ?? null } };
      case "feedback": {
        let next = apply(state, { type: "report", on, percentComplete: body.percent, text: body.text });
        const isLead =
          user.roles.includes("admin") ||
          units.some((u) => u.role === "lead" && user.unitIds.includes(u.unitId));
        if (body.requestClosure) {
          if (!isLead)
            throw errors.forbidden({ reason: "only the lead unit's reporters", action: "request-closure" });
          next = apply(next, { type: "request_closure", on });
        }
        return {
          next,
          data: { text: body.text, percent: body.percent, evidence: body.evidence ?? null },
        };
      }
      case "remind":
        if (!remindable.includes(state.status)) throw refused(state, "remind");
        return { next: state, data: { note: body.note ?? null } };
      case "chase":
        return {
          next: apply(state, { type: "chase", on, note: body.note }),
          data: { note: body.note ?? null },
        };
      case "extension-request":
        return {
          next: apply(state, {
            type: "request_extension",
            on,
            newDeadline: body.newDeadline,
            reason: body.reason,
          }),
          data: { newDeadline: body.newDeadline, reason: body.reason, deadline: state.deadline },
        };
      case "extension-decision": {
        const next = body.approved
          ? apply(state, { type: "approve_extension", on })
          : apply(state, { type: "refuse_extension", on, reason: body.comment?.trim() || "不予延期" });
        return {
          next,
          data: {
            approved: body.approved,
            comment: body.comment ?? null,
            requestedDeadline: state.requestedDeadline,
            deadline: next.deadline,
          },
        };
      }
      case "request-closure":
        return { next: apply(state, { type: "request_closure", on }), data: { note: body.note ?? null } };
      case "return":
        return {
          next: apply(state, { type: "return", on, reason: body.reason }),
          data: { reason: body.reason },
        };
      case "close": {
        const next = apply(state, { type: "close", on });
        return { next, data: { note: body.note ?? null, workdaysLate: next.closedWorkdaysLate } };
      }
      case "score":
        return {
          next: apply(state, { type: "assess", on, score: body.points }),
          data: { points: body.points, comment: body.comment ?? null },
        };
    }
  }

  private async record(
    trx: Db,
    taskId: string,
    kind: string,
    on: IsoDate,
    at: string,
    user: Principal | null,
    unitId: string | null,
    data: Record<string, unknown>,
  ): Promise<SupervisionEventRow> {
    return new SupervisionRepository(trx).append({
      id: randomUUID(),
      task_id: taskId,
      kind,
      on_day: on,
      at,
      user_id: user?.id ?? null,
      unit_id: unitId,
      data_json: JSON.stringify(data),
    });
  }

  private async notifyAction(
    trx: Db,
    task: SupervisedTaskRow,
    before: SupervisionRow,
    next: TaskState,
    body: Exclude<ActionBody, { action: "assign" }>,
    user: Principal,
    units: readonly TaskUnitRef[],
  ): Promise<void> {
    const lead = units.filter((u) => u.role === "lead").map((u) => u.unitId);
    const link = linkOf(task.plan_id, task.id);
    const t = short(task.text);
    const toPlanner = (kind: string, title: string, text: string) =>
      NotificationService.notify(trx, {
        userIds: [before.assigned_by],
        kind,
        title,
        body: text,
        link,
        exceptUserId: user.id,
      });
    const toLead = (kind: string, title: string, text: string) =>
      NotificationService.notify(trx, {
        unitIds: lead,
        kind,
        title,
        body: text,
        link,
        exceptUserId: user.id,
      });
    switch (body.action) {
      case "accept":
        await toPlanner(
          "supervision.accept",
          `【已承办】${t}`,
          `${user.displayName}已承办，办结时限${next.deadline}。`,
        );
        return;
      case "feedback":
        await toPlanner(
          "supervision.feedback",
          `【${next.status === "closure_requested" ? "申请办结" : "反馈"}】${t}`,
          `${user.displayName}反馈：${body.text}（进度${body.percent}%）`,
        );
        return;
      case "request-closure":
        await toPlanner(
          "supervision.request-closure",
          `【申请办结】${t}`,
          `${user.displayName}申请办结，请审核。`,
        );
        return;
      case "extension-request":
        await toPlanner(
          "supervision.extension-request",
          `【延期申请】${t}`,
          `申请将办结时限由${before.deadline}延至${body.newDeadline}，理由：${body.reason}`,
        );
        return;
      case "extension-decision":
        await toLead(
          "supervision.extension-decision",
          body.approved ? `【延期已批准】${t}` : `【延期未批准】${t}`,
          body.approved
            ? `办结时限延至${next.deadline}。${body.comment ?? ""}`
            : `办结时限仍为${next.deadline}。${body.comment ?? ""}`,
        );
        return;
      case "remind":
        await toLead(
          "supervision.remind",
          `【提醒】${t}`,
          `办结时限${next.deadline}，请抓紧办理并及时反馈。${body.note ?? ""}`,
        );
        return;
      case "chase":
        await toLead(
          "supervision.chase",
          `【催办】${t}`,
          `办结时限${next.deadline}已过，请立即办理并反馈。${body.note ?? ""}`,
        );
        return;
      case "return":
        await toLead("supervision.return", `【退办】${t}`, `办结申请被退回：${body.reason}`);
        return;
      case "close":
        await toLead(
          "supervision.close",
          `【已办结】${t}`,
          next.closedWorkdaysLate > 0 ? `超期办结（超期${next.closedWorkdaysLate}个工作日）。` : "按期办结。",
        );
        return;
      case "score":
        await toLead("supervision.score", `【考评】${t}`, `考评得分：${body.points}。${body.comment ?? ""}`);
        return;
    }
  }

  private present(
    task: SupervisedTaskRow,
    no: number,
    row: SupervisionRow | undefined,
    units: TaskUnitRef[] | undefined,
    on: IsoDate,
  ): SupervisionListRow {
    const leadUnits = (units ?? [])
      .filter((u) => u.role === "lead")
      .map((u) => ({ id: u.unitId, name: u.unitName }));
    const partnerUnits = (units ?? [])
      .filter((u) => u.role === "partner")
      .map((u) => ({ id: u.unitId, name: u.unitName }));
    const common = {
      taskId: task.id,
      no,
      text: task.text,
      sectionTitle: task.section_title,
      leadUnits,
      partnerUnits,
    };
    if (!row)
      return {
        ...common,
        assigned: false,
        state: "unassigned",
        stateLabel: "未交办",
        deadline: task.deadline_due,
        originalDeadline: null,
        light: null,
        lightLabel: null,
        workdaysLeft: null,
        workdaysLate: 0,
        late: false,
        percent: 0,
        chaseCount: 0,
        score: null,
        lastFeedback: null,
        version: null,
      };
    const state = JSON.parse(row.state_json) as TaskState;
    const light = taskLight(
      {
        deadline: state.deadline,
        closedOn: state.closedOn,
        today: on,
        reminderWorkdays: this.reminderWorkdays,
      },
      this.calendar,
    );
    return {
      ...common,
      assigned: true,
      state: state.status,
      stateLabel: TASK_STATUS_LABELS[state.status],
      deadline: state.deadline,
      originalDeadline: state.originalDeadline,
      light: light.light,
      lightLabel: LIGHT_LABELS[light.light],
      workdaysLeft: light.workdaysLeft,
      workdaysLate: light.workdaysLate,
      late: state.closedWorkdaysLate > 0,
      percent: state.percentComplete,
      chaseCount: state.chaseCount,
      score: state.score,
      lastFeedback:
        row.last_feedback_text && row.last_feedback_at
          ? { text: row.last_feedback_text, at: row.last_feedback_at }
          : null,
      version: row.version,
    };
  }

  private async userNames(events: readonly SupervisionEventRow[]): Promise<Map<string, string>> {
    const ids = [...new Set(events.flatMap((e) => (e.user_id ? [e.user_id] : [])))];
    if (ids.length === 0) return new Map();
    const rows = await this.db
      .selectFrom("users")
      .select(["id", "display_name"])
      .where("id", "in", ids)
      .execute();
    return new Map(rows.map((r) => [r.id, r.display_name]));
  }
}

function finished(status: string): boolean {
  return status === "closed" || status === "assessed";
}

function groupUnits(units: readonly TaskUnitRef[]): Map<string, TaskUnitRef[]> {
  const out = new Map<string, TaskUnitRef[]>();
  for (const u of units) out.set(u.taskId, [...(out.get(u.taskId) ?? []), u]);
  return out;
}

function names(units: readonly TaskUnitRef[], role: "lead" | "partner"): string {
  return units
    .filter((u) => u.role === role)
    .map((u) => u.unitName)
    .join("、");
}

function linkOf(planId: string, taskId: string): string {
  return `/plans/${planId}/supervision?task=${taskId}`;
}

function actionsOf(status: TaskStatus): SupervisionAction[] {
  const out = new Set<SupervisionAction>();
  for (const e of allowedTaskEvents(status)) {
    const a = EVENT_OF[e];
    if (a) out.add(a);
  }
  if (remindable.includes(status)) out.add("remind");
  return supervisionActions.filter((a) => out.has(a));
}

function notAssigned(taskId: string, action: SupervisionAction): AppError {
  return errors.conflict(
    "NOT_ASSIGNED",
    `该任务尚未交办，不能${ACTION_LABELS[action]}；可执行：交办`,
    `The task is not assigned yet: ${action} is not possible; allowed: assign`,
    { taskId, state: "unassigned", action, allowed: ["assign"] },
  );
}

/** The 409 for a transition the chain does not allow, naming the actions that are (中文 and English). */
function refused(state: TaskState, action: SupervisionAction, cause?: InvalidTaskTransition): AppError {
  const allowed = actionsOf(state.status);
  const zhAllowed = allowed.map((a) => ACTION_LABELS[a]).join("、") || "无";
  const label = TASK_STATUS_LABELS[state.status];
  const why = cause?.why ?? "";
  let zh = `当前状态为"${label}"，不能${ACTION_LABELS[action]}；可执行：${zhAllowed}`;
  let en = `A task that is ${state.status} cannot take ${action}; allowed: ${allowed.join(", ") || "none"}`;
  if (why.startsWith("not overdue")) {
    zh = `任务尚未超期（办结时限${state.deadline}），不能催办`;
    en = `The task is not overdue before ${state.deadline}: it cannot be chased`;
  } else if (why.includes("must be after")) {
    zh = `延期后的时限须晚于当前办结时限${state.deadline}`;
    en = `The new deadline must be after ${state.deadline}`;
  }
  return errors.conflict("SUPERVISION_STATE", zh, en, {
    state: state.status,
    stateLabel: label,
    action,
    allowed,
    reason: why || null,
  });
}
