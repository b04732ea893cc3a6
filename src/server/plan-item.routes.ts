/**
 * The items of a plan — sections, tasks, targets, actuals — with their source quotes and offsets:
 * paginated lists with filters, single reads, and the review of a draft (edit, accept, reject, add).
 */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { comparatorSchema } from "../extract/model.js";
import type { QuantityKind } from "../db/schema.js";
import type { Services } from "./app.js";
import { created, ok, pageOf, quantityResponse, sectionResponse, taskResponse } from "./responses.js";
import { pageQuery, planItemParam, planParam, principal, versionBody } from "./http.js";
import { presentPage, presentQuantity, presentSection, presentTask } from "./presenters.js";

const planners = ["planner"] as const;
const reviewStatus = z.enum(["pending", "accepted", "rejected"]);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "an ISO date YYYY-MM-DD");
const itemQuery = pageQuery.extend({
  sectionId: z.uuid().optional(),
  reviewStatus: reviewStatus.optional(),
  q: z.string().min(1).max(100).optional(),
});
const span = {
  start: z.number().int().nonnegative().optional(),
  end: z.number().int().nonnegative().optional(),
};

const sectionEdit = versionBody.extend({
  title: z.string().min(1).max(500).optional(),
  reviewStatus: reviewStatus.optional(),
});
const sectionNew = z.object({
  title: z.string().min(1).max(500),
  marker: z.string().max(20).default(""),
  level: z.number().int().min(1).max(9),
  parentId: z.uuid().nullable().default(null),
  ...span,
});
const taskEdit = versionBody.extend({
  text: z.string().min(1).max(5000).optional(),
  sectionId: z.uuid().nullable().optional(),
  reviewStatus: reviewStatus.optional(),
  deadlineDue: isoDate.nullable().optional(),
  leadUnitIds: z.array(z.uuid()).max(50).optional(),
  partnerUnitIds: z.array(z.uuid()).max(50).optional(),
});
const taskNew = z.object({
  text: z.string().min(1).max(5000),
  sectionId: z.uuid().nullable().default(null),
  deadlineDue: isoDate.nullable().default(null),
  leadUnitIds: z.array(z.uuid()).max(50).default([]),
  partnerUnitIds: z.array(z.uuid()).max(50).default([]),
  ...span,
});
const quantityEdit = versionBody.extend({
  metric: z.string().min(1).max(500).optional(),
  comparator: comparatorSchema.optional(),
  value: z.number().finite().optional(),
  unit: z.string().max(50).optional(),
  deadline: z.string().max(20).nullable().optional(),
  reviewStatus: reviewStatus.optional(),
});
const quantityNew = z.object({
  metric: z.string().min(1).max(500),
  comparator: comparatorSchema,
  value: z.number().finite(),
  unit: z.string().max(50).default(""),
  deadline: z.string().max(20).nullable().default(null),
  sectionId: z.uuid().nullable().default(null),
  ...span,
});

export const planItemRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const plans = services.plans;

  app.get(
    "/api/plans/:planId/sections",
    {
      config: { access: "user" },
      schema: {
        response: ok(pageOf(sectionResponse)),
        tags: ["review"],
        params: planParam,
        querystring: itemQuery,
      },
    },
    async (req) => {
      const { page, pageSize, ...filter } = req.query;
      return presentPage(
        await plans.listSections(req.params.planId, filter, { page, pageSize }),
        presentSection,
      );
    },
  );
  app.get(
    "/api/plans/:planId/sections/:id",
    {
      config: { access: "user" },
      schema: { response: ok(sectionResponse), tags: ["review"], params: planItemParam },
    },
    async (req) => presentSection(await plans.getSection(req.params.planId, req.params.id)),
  );
  app.patch(
    "/api/plans/:planId/sections/:id",
    {
      config: { access: planners },
      schema: {
        response: ok(sectionResponse),
        tags: ["review"],
        params: planItemParam,
        body: sectionEdit,
      },
    },
    async (req) =>
      presentSection(
        await plans.editSection(req.params.planId, req.params.id, principal(req.auth).id, req.body),
      ),
  );
  app.post(
    "/api/plans/:planId/sections",
    {
      config: { access: planners },
      schema: {
        response: created(sectionResponse),
        tags: ["review"],
        params: planParam,
        body: sectionNew,
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(presentSection(await plans.addSection(req.params.planId, principal(req.auth).id, req.body))),
  );

  const taskQuery = itemQuery.extend({ unitId: z.uuid().optional() });
  app.get(
    "/api/plans/:planId/tasks",
    {
      config: { access: "user" },
      schema: {
        response: ok(pageOf(taskResponse)),
        tags: ["review"],
        params: planParam,
        querystring: taskQuery,
      },
    },
    async (req) => {
      const { page, pageSize, ...filter } = req.query;
      const { result, units } = await plans.listTasks(req.params.planId, filter, { page, pageSize });
      return presentPage(result, (t) => presentTask(t, units));
    },
  );
  app.get(
    "/api/plans/:planId/tasks/:id",
    {
      config: { access: "user" },
      schema: { response: ok(taskResponse), tags: ["review"], params: planItemParam },
    },
    async (req) => {
      const { task, units } = await plans.getTask(req.params.planId, req.params.id);
      return presentTask(task, units);
    },
  );
  app.patch(
    "/api/plans/:planId/tasks/:id",
    {
      config: { access: planners },
      schema: {
        response: ok(taskResponse),
        tags: ["review"],
        params: planItemParam,
        body: taskEdit,
      },
    },
    async (req) => {
      const { task, units } = await plans.editTask(
        req.params.planId,
        req.params.id,
        principal(req.auth).id,
        req.body,
      );
      return presentTask(task, units);
    },
  );
  app.post(
    "/api/plans/:planId/tasks",
    {
      config: { access: planners },
      schema: { response: created(taskResponse), tags: ["review"], params: planParam, body: taskNew },
    },
    async (req, reply) => {
      const { task, units } = await plans.addTask(req.params.planId, principal(req.auth).id, req.body);
      return reply.status(201).send(presentTask(task, units));
    },
  );

  app.post(
    "/api/plans/:planId/tasks/:id/split",
    {
      config: { access: planners },
      schema: {
        tags: ["review"],
        description:
          "Split a task at offsets within its quote into parts that are exact sub-spans of the document; the original is rejected.",
        params: planItemParam,
        body: versionBody.extend({ at: z.array(z.number().int().positive()).min(1).max(20) }),
        response: created(z.object({ items: z.array(taskResponse) })),
      },
    },
    async (req, reply) => {
      const { tasks, units } = await plans.splitTask(
        req.params.planId,
        req.params.id,
        principal(req.auth).id,
        req.body,
      );
      return reply.status(201).send({ items: tasks.map((t) => presentTask(t, units)) });
    },
  );
  app.post(
    "/api/plans/:planId/tasks/merge",
    {
      config: { access: planners },
      schema: {
        tags: ["review"],
        description:
          "Merge adjacent tasks of one section into one spanning them all, units united; the originals are rejected.",
        params: planParam,
        body: z.object({
          tasks: z
            .array(z.object({ id: z.uuid(), version: z.number().int().positive() }))
            .min(2)
            .max(50),
        }),
        response: created(taskResponse),
      },
    },
    async (req, reply) => {
      const { task, units } = await plans.mergeTasks(
        req.params.planId,
        principal(req.auth).id,
        req.body.tasks,
      );
      return reply.status(201).send(presentTask(task, units));
    },
  );

  app.post(
    "/api/plans/:planId/review",
    {
      config: { access: planners },
      schema: {
        tags: ["review"],
        description: "Accept or reject many items at once; one stale version refuses the whole batch (409).",
        params: planParam,
        body: z.object({
          decisions: z
            .array(
              z.object({
                type: z.enum(["section", "task", "target", "actual"]),
                id: z.uuid(),
                version: z.number().int().positive(),
                reviewStatus: reviewStatus,
              }),
            )
            .min(1)
            .max(1000),
        }),
        response: ok(z.object({ updated: z.number().int() })),
      },
    },
    async (req) => plans.review(req.params.planId, principal(req.auth).id, req.body.decisions),
  );

  // Targets and actuals share one model (a quantity) and one set of routes.
  for (const [path, kind] of [
    ["targets", "target"],
    ["actuals", "actual"],
  ] as const satisfies ReadonlyArray<readonly [string, QuantityKind]>) {
    app.get(
      `/api/plans/:planId/${path}`,
      {
        config: { access: "user" },
        schema: {
          response: ok(pageOf(quantityResponse)),
          tags: ["review"],
          params: planParam,
          querystring: itemQuery,
        },
      },
      async (req) => {
        const { page, pageSize, ...filter } = req.query;
        return presentPage(
          await plans.listQuantities(req.params.planId, kind, filter, { page, pageSize }),
          presentQuantity,
        );
      },
    );
    app.get(
      `/api/plans/:planId/${path}/:id`,
      {
        config: { access: "user" },
        schema: { response: ok(quantityResponse), tags: ["review"], params: planItemParam },
      },
      async (req) => presentQuantity(await plans.getQuantity(req.params.planId, kind, req.params.id)),
    );
    app.patch(
      `/api/plans/:planId/${path}/:id`,
      {
        config: { access: planners },
        schema: {
          response: ok(quantityResponse),
          tags: ["review"],
          params: planItemParam,
          body: quantityEdit,
        },
      },
      async (req) =>
        presentQuantity(
          await plans.editQuantity(req.params.planId, kind, req.params.id, principal(req.auth).id, req.body),
        ),
    );
    app.post(
      `/api/plans/:planId/${path}/:id/split`,
      {
        config: { access: planners },
        schema: {
          tags: ["review"],
          description: `Split a ${kind} at offsets within its quote; the parts keep its reading, pending review.`,
          params: planItemParam,
          body: versionBody.extend({ at: z.array(z.number().int().positive()).min(1).max(20) }),
          response: created(z.object({ items: z.array(quantityResponse) })),
        },
      },
      async (req, reply) => {
        const parts = await plans.splitQuantity(
          req.params.planId,
          kind,
          req.params.id,
          principal(req.auth).id,
          req.body,
        );
        return reply.status(201).send({ items: parts.map(presentQuantity) });
      },
    );
    app.post(
      `/api/plans/:planId/${path}/merge`,
      {
        config: { access: planners },
        schema: {
          tags: ["review"],
          description: `Merge adjacent ${path} of one section into one spanning them, pending review.`,
          params: planParam,
          body: z.object({
            items: z
              .array(z.object({ id: z.uuid(), version: z.number().int().positive() }))
              .min(2)
              .max(50),
          }),
          response: created(quantityResponse),
        },
      },
      async (req, reply) =>
        reply
          .status(201)
          .send(
            presentQuantity(
              await plans.mergeQuantities(req.params.planId, kind, principal(req.auth).id, req.body.items),
            ),
          ),
    );
    app.post(
      `/api/plans/:planId/${path}`,
      {
        config: { access: planners },
        schema: {
          response: created(quantityResponse),
          tags: ["review"],
          params: planParam,
          body: quantityNew,
        },
      },
      async (req, reply) =>
        reply
          .status(201)
          .send(
            presentQuantity(
              await plans.addQuantity(req.params.planId, kind, principal(req.auth).id, req.body),
            ),
          ),
    );
  }
};
