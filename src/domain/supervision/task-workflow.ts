/**
 * The supervision chain Chinese commissions use, as a pure transition function:
 * 立项/交办 (assigned) → 承办 (accepted) → 反馈 (progress reports) → 催办 (chase, only when overdue) →
 * 延期申请 (extension requested: approved or refused) → 申请办结 → 办结 (closed) or 退办 (returned as not done)
 * → 考评 (assessed). 临近提醒 is a notification, not a state. Every event carries the day it happened; a
 * transition the chain does not allow throws `InvalidTaskTransition` naming the state and the event.
 */
import { z } from "zod";
import { isoDateSchema, type IsoDate } from "../calendar/dates.js";
import { defaultWorkCalendar, workdaysBetween, type WorkCalendar } from "../calendar/working-days.js";

export type TaskStatus =
  | "assigned" // 立项/交办
  | "accepted" // 承办
  | "in_progress" // 反馈 received
  | "extension_requested" // 延期申请 pending
  | "closure_requested" // 申请办结 pending
  | "returned" // 退办: closure refused, work goes on
  | "closed" // 办结
  | "assessed"; // 考评

export const TASK_STATUS_LABELS: Record<TaskStatus, string> = {
  assigned: "已交办",
  accepted: "已承办",
  in_progress: "办理中",
  extension_requested: "延期申请中",
  closure_requested: "申请办结",
  returned: "已退办",
  closed: "已办结",
  assessed: "已考评",
};

export interface TaskState {
  status: TaskStatus;
  /** The deadline in force (moved by an approved extension). */
  deadline: IsoDate;
  originalDeadline: IsoDate;
  percentComplete: number;
  chaseCount: number;
  /** The status an extension or closure request returns to when it is refused. */
  resumeStatus: TaskStatus | null;
  requestedDeadline: IsoDate | null;
  closedOn: IsoDate | null;
  /** Working days past the deadline at closing (超期办结 when > 0). */
  closedWorkdaysLate: number;
  score: number | null;
}

const on = isoDateSchema;
export const taskEventSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("accept"), on }),
  z.object({
    type: z.literal("report"),
    on,
    percentComplete: z.number().min(0).max(100),
    text: z.string().trim().min(1).max(5000),
  }),
  z.object({ type: z.literal("chase"), on, note: z.string().max(2000).optional() }),
  z.object({
    type: z.literal("request_extension"),
    on,
    newDeadline: isoDateSchema,
    reason: z.string().trim().min(1),
  }),
  z.object({ type: z.literal("approve_extension"), on }),
  z.object({ type: z.literal("refuse_extension"), on, reason: z.string().trim().min(1) }),
  z.object({ type: z.literal("request_closure"), on }),
  z.object({ type: z.literal("close"), on }),
  z.object({ type: z.literal("return"), on, reason: z.string().trim().min(1) }),
  z.object({ type: z.literal("assess"), on, score: z.number().min(0) }),
]);
export type TaskEvent = z.infer<typeof taskEventSchema>;

export class InvalidTaskTransition extends Error {
  constructor(
    readonly status: TaskStatus,
    readonly event: TaskEvent["type"],
    readonly why: string,
  ) {
    super(`cannot ${event} a task that is ${status} (${TASK_STATUS_LABELS[status]}): ${why}`);
    this.name = "InvalidTaskTransition";
  }
}

/** A task just assigned (立项/交办) with its deadline. */
export function assignTask(deadline: IsoDate): TaskState {
  return {
    status: "assigned",
    deadline,
    originalDeadline: deadline,
    percentComplete: 0,
    chaseCount: 0,
    resumeStatus: null,
    requestedDeadline: null,
    closedOn: null,
    closedWorkdaysLate: 0,
    score: null,
  };
}

const WORKING: readonly TaskStatus[] = ["accepted", "in_progress", "returned"];

function expectStatus(state: TaskState, event: TaskEvent, allowed: readonly TaskStatus[]): void {
  if (!allowed.includes(state.status)) {
    const names = allowed.map((s) => `${s} (${TASK_STATUS_LABELS[s]})`).join(", ");
    throw new InvalidTaskTransition(state.status, event.type, `allowed only when ${names}`);
  }
}

/** The state after `event`, or an `InvalidTaskTransition`. The input state is not changed. */
export function applyTaskEvent(
  state: TaskState,
  event: TaskEvent,
  calendar: WorkCalendar = defaultWorkCalendar,
): TaskState {
  switch (event.type) {
    case "accept":
      expectStatus(state, event, ["assigned"]);
      return { ...state, status: "accepted" };
    case "report":
      expectStatus(state, event, WORKING);
      return { ...state, status: "in_progress", percentComplete: event.percentComplete };
    case "chase":
      expectStatus(state, event, ["assigned", ...WORKING, "extension_requested"]);
      if (event.on <= state.deadline) {
        throw new InvalidTaskTransition(state.status, event.type, `not overdue before ${state.deadline}`);
      }
      return { ...state, chaseCount: state.chaseCount + 1 };
    case "request_extension":
      expectStatus(state, event, WORKING);
      if (event.newDeadline <= state.deadline) {
        throw new InvalidTaskTransition(
          state.status,
          event.type,
          `the new deadline ${event.newDeadline} must be after ${state.deadline}`,
        );
      }
      return {
        ...state,
        status: "extension_requested",
        resumeStatus: state.status,
        requestedDeadline: event.newDeadline,
      };
    case "approve_extension":
      expectStatus(state, event, ["extension_requested"]);
      return {
        ...state,
        status: state.resumeStatus ?? "in_progress",
        resumeStatus: null,
        deadline: state.requestedDeadline ?? state.deadline,
        requestedDeadline: null,
      };
    case "refuse_extension":
      expectStatus(state, event, ["extension_requested"]);
      return {
        ...state,
        status: state.resumeStatus ?? "in_progress",
        resumeStatus: null,
        requestedDeadline: null,
      };
    case "request_closure":
      expectStatus(state, event, WORKING);
      return { ...state, status: "closure_requested", resumeStatus: state.status };
    case "close": {
      expectStatus(state, event, ["closure_requested"]);
      const late =
        event.on > state.deadline ? Math.max(1, workdaysBetween(state.deadline, event.on, calendar)) : 0;
      return {
        ...state,
        status: "closed",
        resumeStatus: null,
        percentComplete: 100,
        closedOn: event.on,
        closedWorkdaysLate: late,
      };
    }
    case "return":
      expectStatus(state, event, ["closure_requested"]);
      return { ...state, status: "returned", resumeStatus: null };
    case "assess":
      expectStatus(state, event, ["closed"]);
      return { ...state, status: "assessed", score: event.score };
  }
}

/** The events allowed next in a state (for the buttons the UI shows); `chase` also needs the task overdue. */
export function allowedTaskEvents(status: TaskStatus): TaskEvent["type"][] {
  switch (status) {
    case "assigned":
      return ["accept", "chase"];
    case "accepted":
    case "in_progress":
    case "returned":
      return ["report", "chase", "request_extension", "request_closure"];
    case "extension_requested":
      return ["approve_extension", "refuse_extension", "chase"];
    case "closure_requested":
      return ["close", "return"];
    case "closed":
      return ["assess"];
    case "assessed":
      return [];
  }
}
