/** Rectification ledger (整改台账) routes: list with filters and overdue flag, CRUD, progress notes, 销号, export. */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Db } from "../db/database.js";
import { isoDateSchema } from "../domain/calendar/index.js";
import { idParam, principal, versionBody } from "./http.js";
import { created, ok } from "./responses.js";
import { RectificationService } from "./rectification.service.js";

export const rectificationResponse = z.object({
  id: z.string(),
  planId: z.string().nullable(),
  taskId: z.string().nullable(),
  source: z.string(),
  problem: z.string(),
  measures: z.string(),
  leader: z.string().nullable(),
  unitId: z.string().nullable(),
  unitName: z.string().nullable(),
  person: z.string().nullable(),
  deadline: z.string().nullable(),
  status: z.enum(["open", "closed"]),
  overdue: z.boolean(),
  closedAt: z.string().nullable(),
  closedBy: z.string().nullable(),
  closeNote: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  updates: z.array(
    z.object({ id: z.string(), note: z.string(), createdBy: z.string(), createdAt: z.string() }),
  ),
});

const optText = (max: number) => z.string().trim().max(max).nullable().optional();
const fields = {
  planId: z.uuid().nullable().optional(),
  taskId: z.uuid().nullable().optional(),
  source: z.string().trim().min(1).max(50),
  problem: z.string().trim().min(1).max(5000),
  measures: z.string().trim().min(1).max(5000),
  leader: optText(100),
  unitId: z.uuid().nullable().optional(),
  person: optText(100),
  deadline: isoDateSchema.nullable().optional(),
};
const filterQuery = z.object({
  planId: z.uuid().optional(),
  taskId: z.uuid().optional(),
  unitId: z.uuid().optional(),
  status: z.enum(["open", "closed"]).optional(),
  source: z.string().trim().min(1).max(50).optional(),
  overdue: z
    .enum(["true", "false"])
    .optional()
    .transform((v) => v === "true"),
  q: z.string().trim().min(1).max(100).optional(),
});
const planners = ["planner"] as const;

export const rectificationRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  const ledger = new RectificationService(db);
  app.get(
    "/api/rectifications",
    {
      config: { access: "user" },
      schema: {
        tags: ["rectification"],
        querystring: filterQuery,
        response: ok(
          z.object({
            on: z.string(),
            counts: z.object({
              total: z.number().int(),
              open: z.number().int(),
              closed: z.number().int(),
              overdue: z.number().int(),
            }),
            items: z.array(rectificationResponse),
          }),
        ),
      },
    },
    async (req) => ledger.list(req.query),
  );
  app.get(
    "/api/rectifications.xlsx",
    {
      config: { access: "user" },
      schema: { tags: ["rectification"], querystring: filterQuery, description: "整改台账 as .xlsx" },
    },
    async (req, reply) => {
      const { bytes, fileName } = await ledger.workbook(req.query);
      return reply
        .header("content-type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        .header("content-disposition", `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`)
        .send(bytes);
    },
  );
  app.get(
    "/api/rectifications/:id",
    {
      config: { access: "user" },
      schema: { tags: ["rectification"], params: idParam, response: ok(rectificationResponse) },
    },
    async (req) => ledger.get(req.params.id),
  );
  app.post(
    "/api/rectifications",
    {
      config: { access: planners },
      schema: { tags: ["rectification"], body: z.object(fields), response: created(rectificationResponse) },
    },
    async (req, reply) => reply.status(201).send(await ledger.create(principal(req.auth), req.body)),
  );
  app.patch(
    "/api/rectifications/:id",
    {
      config: { access: planners },
      schema: {
        tags: ["rectification"],
        params: idParam,
        body: z.object(fields).partial().extend(versionBody.shape),
        response: ok(rectificationResponse),
      },
    },
    async (req) => ledger.update(req.params.id, principal(req.auth), req.body),
  );
  app.delete(
    "/api/rectifications/:id",
    {
      config: { access: planners },
      schema: {
        tags: ["rectification"],
        params: idParam,
        querystring: z.object({ version: z.coerce.number().int().positive() }),
      },
    },
    async (req, reply) => {
      await ledger.remove(req.params.id, principal(req.auth), req.query.version);
      return reply.status(204).send();
    },
  );
  app.post(
    "/api/rectifications/:id/updates",
    {
      config: { access: ["planner", "reporter"] },
      schema: {
        tags: ["rectification"],
        params: idParam,
        body: z.object({ note: z.string().trim().min(1).max(5000) }),
        response: created(rectificationResponse),
      },
    },
    async (req, reply) =>
      reply.status(201).send(await ledger.addUpdate(req.params.id, principal(req.auth), req.body.note)),
  );
  app.post(
    "/api/rectifications/:id/close",
    {
      config: { access: planners },
      schema: {
        tags: ["rectification"],
        params: idParam,
        body: z.object({ note: z.string().trim().min(1).max(2000) }),
        response: ok(rectificationResponse),
      },
    },
    async (req) => ledger.close(req.params.id, principal(req.auth), req.body.note),
  );
};
