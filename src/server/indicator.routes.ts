/** The indicator catalogue (read by all, curated by planners) and observations (reported by unit). */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { indicatorTypeSchema } from "../domain/indicators/index.js";
import { deadlineRuleSchema } from "../domain/periods/index.js";
import { orgUnitLevels } from "./org-unit.service.js";
import type { Services } from "./app.js";
import { created, indicatorResponse, observationResponse, ok, pageOf } from "./responses.js";
import { idParam, pageQuery, principal, versionBody } from "./http.js";
import { presentIndicator, presentObservation, presentPage } from "./presenters.js";

const planners = ["planner"] as const;
const name = z.string().trim().min(1).max(200);
const periodId = z
  .string()
  .regex(/^\d{4}(H[12]|Q[1-4]|M(0[1-9]|1[0-2]))?$/, "a period id: 2024, 2024H1, 2024Q1, 2024M03");
const fields = {
  unit: z.string().max(50).nullable(),
  direction: z.enum(["higher", "lower"]).nullable(),
  description: z.string().max(2000).nullable(),
  aliases: z.array(name).max(50),
  /** How values roll up (count, percentage, per_100k …); without one an indicator does not aggregate. */
  type: indicatorTypeSchema.nullable(),
  numerator: z.string().trim().min(1).max(200).nullable(),
  denominator: z.string().trim().min(1).max(200).nullable(),
};

export const indicatorRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const indicators = services.indicators;
  app.get(
    "/api/indicators",
    {
      config: { access: "user" },
      schema: {
        response: ok(pageOf(indicatorResponse)),
        tags: ["indicators"],
        querystring: pageQuery.extend({ q: z.string().min(1).max(100).optional() }),
      },
    },
    async (req) =>
      presentPage(
        await indicators.list(req.query.q, { page: req.query.page, pageSize: req.query.pageSize }),
        presentIndicator,
      ),
  );
  app.get(
    "/api/indicators/:id",
    {
      config: { access: "user" },
      schema: { response: ok(indicatorResponse), tags: ["indicators"], params: idParam },
    },
    async (req) => presentIndicator(await indicators.get(req.params.id)),
  );
  app.post(
    "/api/indicators",
    {
      config: { access: planners },
      schema: {
        response: created(indicatorResponse),
        tags: ["indicators"],
        body: z.object({
          name,
          unit: fields.unit.default(null),
          direction: fields.direction.default(null),
          description: fields.description.default(null),
          aliases: fields.aliases.default([]),
          type: fields.type.default(null),
          numerator: fields.numerator.default(null),
          denominator: fields.denominator.default(null),
        }),
      },
    },
    async (req, reply) =>
      reply.status(201).send(presentIndicator(await indicators.create(principal(req.auth).id, req.body))),
  );
  app.patch(
    "/api/indicators/:id",
    {
      config: { access: planners },
      schema: {
        response: ok(indicatorResponse),
        tags: ["indicators"],
        params: idParam,
        body: versionBody.extend({
          name: name.optional(),
          unit: fields.unit.optional(),
          direction: fields.direction.optional(),
          description: fields.description.optional(),
          aliases: fields.aliases.optional(),
          type: fields.type.optional(),
          numerator: fields.numerator.optional(),
          denominator: fields.denominator.optional(),
        }),
      },
    },
    async (req) => presentIndicator(await indicators.update(req.params.id, principal(req.auth).id, req.body)),
  );
  app.patch(
    "/api/indicators/:id/reporting",
    {
      config: { access: planners },
      schema: {
        response: ok(indicatorResponse),
        tags: ["indicators"],
        summary: "How an indicator is reported: frequency, org-unit level, deadline rule, reporting units",
        params: idParam,
        body: z.object({
          frequency: z.enum(["monthly", "quarterly", "yearly"]),
          level: z.enum(orgUnitLevels).nullable(),
          deadlineRule: deadlineRuleSchema,
          unitIds: z.array(z.uuid()).max(200),
        }),
      },
    },
    async (req) =>
      presentIndicator(await indicators.setReporting(req.params.id, principal(req.auth).id, req.body)),
  );

  app.get(
    "/api/observations",
    {
      config: { access: "user" },
      schema: {
        response: ok(pageOf(observationResponse)),
        tags: ["indicators"],
        querystring: pageQuery.extend({
          indicatorId: z.uuid().optional(),
          unitId: z.uuid().optional(),
          orgUnitId: z.uuid().optional(),
          periodId: periodId.optional(),
        }),
      },
    },
    async (req) => {
      const { page, pageSize, ...filter } = req.query;
      return presentPage(await indicators.listObservations(filter, { page, pageSize }), presentObservation);
    },
  );
  app.post(
    "/api/observations",
    {
      config: { access: ["planner", "reporter"] },
      schema: {
        response: created(observationResponse),
        tags: ["indicators"],
        body: z.object({
          indicatorId: z.uuid(),
          unitId: z.uuid(),
          periodId,
          value: z.number().finite(),
          submissionId: z.uuid().nullable().optional(),
        }),
      },
    },
    async (req, reply) =>
      reply.status(201).send(presentObservation(await indicators.report(principal(req.auth), req.body))),
  );
};
