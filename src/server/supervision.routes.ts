/**
 * Supervision (督查督办) routes: a plan's supervised tasks with their lights, one task's state and event
 * log, one route per action of the chain (each with its own body), and the reminder scan.
 */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Db } from "../db/database.js";
import { isoDateSchema } from "../domain/calendar/index.js";
import type { RoleName } from "../db/schema.js";
import { planParam, principal } from "./http.js";
import { ok } from "./responses.js";
import { SupervisionService, type ActionBody, type SupervisionAction } from "./supervision.service.js";

const taskParam = z.object({ taskId: z.uuid() });
const note = z.string().trim().max(2000).optional();
const states = [
  "unassigned",
  "assigned",
  "accepted",
  "in_progress",
  "extension_requested",
  "closure_requested",
  "returned",
  "closed",
  "assessed",
] as const;
const lights = ["green", "yellow", "red", "closed_on_time", "closed_late", "unassigned"] as const;

const unitRef = z.object({ id: z.string(), name: z.string() });
export const supervisionRowResponse = z.object({
  taskId: z.string(),
  no: z.number().int(),
  text: z.string(),
  sectionTitle: z.string().nullable(),
  leadUnits: z.array(unitRef),
  partnerUnits: z.array(unitRef),
  assigned: z.boolean(),
  state: z.enum(states),
  stateLabel: z.string(),
  deadline: z.string().nullable(),
  originalDeadline: z.string().nullable(),
  light: z.enum(["green", "yellow", "red", "closed_on_time", "closed_late"]).nullable(),
  lightLabel: z.string().nullable(),
  workdaysLeft: z.number().int().nullable(),
  workdaysLate: z.number().int(),
  late: z.boolean(),
  percent: z.number(),
  chaseCount: z.number().int(),
  score: z.number().nullable(),
  lastFeedback: z.object({ text: z.string(), at: z.string() }).nullable(),
  version: z.number().int().nullable(),
});
export const supervisionDetailResponse = supervisionRowResponse.extend({
  planId: z.string(),
  requestedDeadline: z.string().nullable(),
  assignedAt: z.string().nullable(),
  acceptedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  closedOn: z.string().nullable(),
  allowedActions: z.array(z.string()),
  events: z.array(
    z.object({
      seq: z.number().int(),
      kind: z.string(),
      label: z.string(),
      on: z.string(),
      at: z.string(),
      userId: z.string().nullable(),
      userName: z.string().nullable(),
      unitId: z.string().nullable(),
      data: z.record(z.string(), z.unknown()),
    }),
  ),
});

/** Each action's body; the route's access admits the roles, the service checks the unit. */
const actionBodies = {
  assign: z.object({ deadline: isoDateSchema.optional(), note }),
  accept: z.object({ note }),
  feedback: z.object({
    text: z.string().trim().min(1).max(5000),
    percent: z.number().min(0).max(100),
    evidence: z.string().trim().max(2000).optional(),
    requestClosure: z.boolean().optional(),
  }),
  remind: z.object({ note }),
  chase: z.object({ note }),
  "extension-request": z.object({
    newDeadline: isoDateSchema,
    reason: z.string().trim().min(1).max(2000),
  }),
  "extension-decision": z.object({ approved: z.boolean(), comment: note }),
  "request-closure": z.object({ note }),
  return: z.object({ reason: z.string().trim().min(1).max(2000) }),
  close: z.object({ note }),
  score: z.object({ points: z.number().min(0).max(1000), comment: note }),
} satisfies Record<SupervisionAction, z.ZodType>;

const planners: readonly RoleName[] = ["planner"];
const reporters: readonly RoleName[] = ["reporter"];
const access: Record<SupervisionAction, readonly RoleName[]> = {
  assign: planners,
  remind: planners,
  chase: planners,
  "extension-decision": planners,
  return: planners,
  close: planners,
  score: planners,
  accept: reporters,
  feedback: reporters,
  "extension-request": reporters,
  "request-closure": reporters,
};

export const supervisionRoutes: FastifyPluginAsyncZod<{ db: Db; supervision?: SupervisionService }> = async (
  app,
  { db, supervision = new SupervisionService(db) },
) => {
  app.get(
    "/api/plans/:planId/supervision",
    {
      config: { access: "user" },
      schema: {
        tags: ["supervision"],
        description:
          "Every task of the plan with its supervision state, traffic light (working days), days left and last feedback; counts per light.",
        params: planParam,
        querystring: z.object({
          unitId: z.uuid().optional(),
          light: z.enum(lights).optional(),
          state: z.enum(states).optional(),
          on: isoDateSchema.optional(),
        }),
        response: ok(
          z.object({
            on: z.string(),
            reminderWorkdays: z.number().int(),
            counts: z.record(z.string(), z.number().int()),
            items: z.array(supervisionRowResponse),
          }),
        ),
      },
    },
    async (req) => supervision.list(req.params.planId, req.query),
  );

  app.get(
    "/api/tasks/:taskId/supervision",
    {
      config: { access: "user" },
      schema: {
        tags: ["supervision"],
        params: taskParam,
        response: ok(supervisionDetailResponse),
      },
    },
    async (req) => supervision.detail(req.params.taskId, principal(req.auth)),
  );

  for (const action of Object.keys(actionBodies) as SupervisionAction[]) {
    app.post(
      `/api/tasks/:taskId/supervision/${action}`,
      {
        config: { access: access[action] },
        schema: {
          tags: ["supervision"],
          params: taskParam,
          body: actionBodies[action],
          response: ok(supervisionDetailResponse),
        },
      },
      async (req) =>
        supervision.act(
          req.params.taskId,
          { action, ...(req.body as object) } as ActionBody,
          principal(req.auth),
        ),
    );
  }

  app.post(
    "/api/supervision/scan",
    {
      config: { access: planners },
      schema: {
        tags: ["supervision"],
        description:
          "Sends 临近提醒 and 催办 for the day (today by default); idempotent per task per day. The server also runs it hourly and at start.",
        body: z.object({ day: isoDateSchema.optional() }).default({}),
        response: ok(
          z.object({
            day: z.string(),
            workday: z.boolean(),
            reminders: z.number().int(),
            chases: z.number().int(),
            notifications: z.number().int(),
          }),
        ),
      },
    },
    async (req) => supervision.scan(req.body.day),
  );
};
