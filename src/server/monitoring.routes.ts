/**
 * Monitoring routes: indicator links of targets and actuals (confirmed by planners), the same indicator
 * across plans, org-unit values, and figures computed on read — roll-up, target status, completeness —
 * each saying when it was computed.
 */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Db } from "../db/database.js";
import { periodIdSchema } from "../domain/periods/index.js";
import type { Services } from "./app.js";
import { idParam, pageQuery, planItemParam, planParam, principal, versionBody } from "./http.js";
import { MonitoringService } from "./monitoring.service.js";
import { presentObservation, presentPage, presentQuantity } from "./presenters.js";
import { created, observationResponse, ok, pageOf, quantityResponse } from "./responses.js";

const planners = ["planner"] as const;
const figureQuery = z.object({ orgUnit: z.uuid(), period: periodIdSchema });
const tags = ["monitoring"];

const rate = {
  expected: z.number().int(),
  received: z.number().int(),
  onTime: z.number().int(),
  completeness: z.number().nullable(),
  timeliness: z.number().nullable(),
};
const figure = {
  orgUnitId: z.string(),
  name: z.string(),
  value: z.number().nullable(),
  numerator: z.number().nullable(),
  denominator: z.number().nullable(),
  contributors: z.array(z.string()),
  notAggregable: z.array(z.object({ orgUnitId: z.string(), reason: z.string() })),
  note: z.string().nullable(),
  /** Whole-subtree counts (the lists above name org units one level down). */
  contributorCount: z.number().int(),
  notAggregableCount: z.number().int(),
  /** When the pre-aggregated roll-up row was refreshed; null for an org unit's own value, read now. */
  refreshedAt: z.string().nullable(),
};
const issue = z.object({
  field: z.string(),
  severity: z.enum(["error", "warning"]),
  code: z.string(),
  message: z.string(),
  messageEn: z.string(),
});

export const monitoringRoutes: FastifyPluginAsyncZod<{ services: Services; db: Db }> = async (
  app,
  { db },
) => {
  const monitoring = new MonitoringService(db);

  for (const [path, kind] of [
    ["targets", "target"],
    ["actuals", "actual"],
  ] as const) {
    app.put(
      `/api/plans/:planId/${path}/:id/indicator`,
      {
        config: { access: planners },
        schema: {
          tags,
          summary: `Confirm, correct (another indicator) or clear (null) the indicator of a ${kind}`,
          params: planItemParam,
          body: versionBody.extend({ indicatorId: z.uuid().nullable() }),
          response: ok(quantityResponse),
        },
      },
      async (req) =>
        presentQuantity(
          await monitoring.setLink(req.params.planId, kind, req.params.id, principal(req.auth).id, req.body),
        ),
    );
    app.get(
      `/api/indicators/:id/${path}`,
      {
        config: { access: "user" },
        schema: {
          tags,
          summary: `The ${path} of every plan linked to the indicator`,
          params: idParam,
          querystring: pageQuery.extend({ year: z.coerce.number().int().min(1900).max(2200).optional() }),
          response: ok(
            pageOf(
              quantityResponse.extend({
                plan: z.object({
                  id: z.string(),
                  title: z.string().nullable(),
                  year: z.number().nullable(),
                  status: z.string(),
                }),
              }),
            ),
          ),
        },
      },
      async (req) => {
        const { page, pageSize, year } = req.query;
        return presentPage(
          await monitoring.linkedQuantities(req.params.id, kind, year, { page, pageSize }),
          (q) => ({
            ...presentQuantity(q),
            plan: { id: q.plan_id, title: q.plan_title, year: q.plan_year, status: q.plan_status },
          }),
        );
      },
    );
  }

  app.get(
    "/api/users/:id/org-units",
    {
      config: { access: ["admin"] },
      schema: { tags, params: idParam, response: ok(z.object({ orgUnitIds: z.array(z.string()) })) },
    },
    async (req) => ({ orgUnitIds: await monitoring.orgUnitsOf(req.params.id) }),
  );
  app.put(
    "/api/users/:id/org-units",
    {
      config: { access: ["admin"] },
      schema: {
        tags,
        summary: "Bind a reporter to the org units it reports for (each covers its subtree)",
        params: idParam,
        body: z.object({ orgUnitIds: z.array(z.uuid()).max(500) }),
        response: ok(z.object({ orgUnitIds: z.array(z.string()) })),
      },
    },
    async (req) => ({
      orgUnitIds: await monitoring.bindOrgUnits(principal(req.auth).id, req.params.id, req.body.orgUnitIds),
    }),
  );

  const optionalNumber = z.number().finite().nullable().optional();
  app.post(
    "/api/org-units/:id/observations",
    {
      config: { access: ["planner", "reporter"] },
      schema: {
        tags,
        summary: "Report an org unit's value (or numerator and denominator) into an open submission",
        params: idParam,
        body: z.object({
          indicatorId: z.uuid(),
          periodId: periodIdSchema,
          submissionId: z.uuid(),
          value: optionalNumber,
          numerator: optionalNumber,
          denominator: optionalNumber,
        }),
        response: created(
          z.object({
            observation: observationResponse,
            warnings: z.array(issue),
          }),
        ),
      },
    },
    async (req, reply) => {
      const { row, warnings } = await monitoring.report(principal(req.auth), req.params.id, req.body);
      return reply.status(201).send({ observation: presentObservation(row), warnings });
    },
  );

  app.get(
    "/api/indicators/:id/rollup",
    {
      config: { access: "user" },
      schema: {
        tags,
        summary: "The indicator at an org unit for a period, rolled up from approved values of its subtree",
        params: idParam,
        querystring: figureQuery,
        response: ok(
          z.object({
            indicatorId: z.string(),
            type: z.string(),
            unit: z.string().nullable(),
            periodId: z.string(),
            ...figure,
            children: z.array(z.object(figure)),
            computedAt: z.string(),
          }),
        ),
      },
    },
    async (req) => monitoring.rollup(req.params.id, req.query.orgUnit, req.query.period),
  );

  app.get(
    "/api/plans/:planId/targets/status",
    {
      config: { access: "user" },
      schema: {
        tags,
        summary: "Attainment of each linked target at an org unit, as of a period",
        params: planParam,
        querystring: figureQuery,
        response: ok(
          z.object({
            planId: z.string(),
            orgUnitId: z.string(),
            periodId: z.string(),
            items: z.array(
              z.object({
                targetId: z.string(),
                metric: z.string(),
                quote: z.string(),
                indicatorId: z.string(),
                indicatorName: z.string(),
                comparator: z.string(),
                value: z.number(),
                unit: z.string(),
                deadline: z.string().nullable(),
                status: z.enum(["achieved", "on_track", "at_risk", "off_track", "no_data"]),
                label: z.string(),
                latest: z.object({ periodId: z.string(), value: z.number() }).nullable(),
                threshold: z.number().nullable(),
                gap: z.number().nullable(),
                projection: z
                  .object({
                    periodId: z.string(),
                    value: z.number(),
                    method: z.string(),
                    points: z.number(),
                    slope: z.number(),
                    gap: z.number(),
                  })
                  .nullable(),
                final: z.boolean(),
                explanation: z.string(),
              }),
            ),
            unlinked: z.number().int(),
            computedAt: z.string(),
          }),
        ),
      },
    },
    async (req) => monitoring.targetStatus(req.params.planId, req.query.orgUnit, req.query.period),
  );

  app.get(
    "/api/reporting/completeness",
    {
      config: { access: "user" },
      schema: {
        tags,
        summary: "Completeness and timeliness of reporting for a period over an org unit's subtree",
        description:
          "`depth` limits byOrgUnit and reports to org units that many levels below (0: the org unit alone); the rates still cover the whole subtree.",
        querystring: figureQuery.extend({ depth: z.coerce.number().int().min(0).max(20).optional() }),
        response: ok(
          z.object({
            periodId: z.string(),
            orgUnitId: z.string(),
            deadline: z.string(),
            deadlineRule: z.object({ kind: z.string(), days: z.number() }),
            overall: z.object(rate),
            byOrgUnit: z.array(z.object({ orgUnitId: z.string(), name: z.string(), ...rate })),
            reports: z.array(
              z.object({ orgUnitId: z.string(), submittedOn: z.string().nullable(), onTime: z.boolean() }),
            ),
            computedAt: z.string(),
          }),
        ),
      },
    },
    async (req) => monitoring.completeness(req.query.period, req.query.orgUnit, req.query.depth),
  );
};
