/**
 * Assessment routes (考核): schemes of a plan (planners write, signed-in users read), their weighted items
 * (replaced as a whole, or seeded from the plan with equal weights), bonus/deduction adjustments, and the
 * scores of the org units with the detail of every point and the ranking, computed on read.
 */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AdjustmentRow, SchemeItemRow, SchemeRow } from "../db/assessment.repository.js";
import type { Db } from "../db/database.js";
import { periodIdSchema } from "../domain/periods/index.js";
import { schemeRulesSchema } from "./assessment.rules.js";
import { AssessmentService, rulesOf } from "./assessment.service.js";
import { idParam, planParam, principal, versionBody } from "./http.js";
import { created, ok } from "./responses.js";

const planners = ["planner"] as const;
const tags = ["assessment"];

/** Every rule optional; a cap or penalty maximum set to null is removed (no cap). */
const cap = z.number().min(0).max(100).nullable().optional();
const rulesInput = schemeRulesSchema
  .partial()
  .extend({ latePenaltyMax: cap, bonusCap: cap, deductionCap: cap });
const rulesResponse = z.object({
  partial: z.enum(["linear", "all_or_nothing"]),
  latePenaltyPerWorkday: z.number(),
  latePenaltyMax: z.number().optional(),
  bonusCap: z.number().optional(),
  deductionCap: z.number().optional(),
});
export const schemeResponse = z.object({
  id: z.string(),
  planId: z.string(),
  name: z.string(),
  periodId: z.string(),
  rules: rulesResponse,
  status: z.enum(["draft", "published"]),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
const itemResponse = z.object({
  id: z.string(),
  kind: z.enum(["target", "task"]),
  itemId: z.string(),
  label: z.string(),
  weight: z.number(),
  unitId: z.string().nullable(),
});
const adjustmentResponse = z.object({
  id: z.string(),
  unitId: z.string(),
  kind: z.enum(["bonus", "deduction"]),
  points: z.number(),
  reason: z.string(),
  evidence: z.string().nullable(),
  createdAt: z.string(),
});
const lineResponse = z.object({
  itemId: z.string().nullable(),
  label: z.string(),
  kind: z.enum(["target", "task", "bonus", "deduction"]),
  weight: z.number().nullable(),
  points: z.number(),
  reason: z.string(),
});
export const scoresResponse = z.object({
  schemeId: z.string(),
  planId: z.string(),
  periodId: z.string(),
  orgUnitId: z.string(),
  units: z.array(
    z.object({
      unitId: z.string(),
      name: z.string(),
      rank: z.number().int(),
      total: z.number(),
      maximum: z.number(),
      lines: z.array(lineResponse),
    }),
  ),
  computedAt: z.string(),
});

const presentScheme = (s: SchemeRow) => ({
  id: s.id,
  planId: s.plan_id,
  name: s.name,
  periodId: s.period_id,
  rules: rulesOf(s),
  status: s.status as "draft" | "published",
  version: s.version,
  createdAt: s.created_at,
  updatedAt: s.updated_at,
});
const presentItem = (i: SchemeItemRow & { label?: string }) => ({
  id: i.id,
  kind: i.kind as "target" | "task",
  itemId: i.item_id,
  label: i.label ?? "",
  weight: i.weight,
  unitId: i.unit_id,
});
const presentAdjustment = (a: AdjustmentRow) => ({
  id: a.id,
  unitId: a.unit_id,
  kind: a.kind as "bonus" | "deduction",
  points: a.points,
  reason: a.reason,
  evidence: a.evidence,
  createdAt: a.created_at,
});

const itemInput = z.object({
  kind: z.enum(["target", "task"]),
  itemId: z.uuid(),
  weight: z.number().finite().min(0).max(1000),
  unitId: z.uuid().nullable().optional(),
});

export const assessmentRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  const assessments = new AssessmentService(db);
  const detail = async (id: string) => {
    const d = await assessments.detail(id);
    return {
      ...presentScheme(d.scheme),
      items: d.items.map(presentItem),
      adjustments: d.adjustments.map(presentAdjustment),
    };
  };
  const detailResponse = schemeResponse.extend({
    items: z.array(itemResponse),
    adjustments: z.array(adjustmentResponse),
  });

  app.get(
    "/api/plans/:planId/assessments",
    {
      config: { access: "user" },
      schema: {
        tags,
        summary: "The plan's assessment schemes",
        params: planParam,
        response: ok(z.object({ items: z.array(schemeResponse) })),
      },
    },
    async (req) => ({ items: (await assessments.list(req.params.planId)).map(presentScheme) }),
  );

  app.post(
    "/api/plans/:planId/assessments",
    {
      config: { access: planners },
      schema: {
        tags,
        summary: "Create a draft assessment scheme for a period (2025 for a 年考核)",
        params: planParam,
        body: z.object({
          name: z.string().trim().min(1).max(200),
          periodId: periodIdSchema,
          rules: rulesInput.optional(),
        }),
        response: created(schemeResponse),
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(presentScheme(await assessments.create(req.params.planId, principal(req.auth).id, req.body))),
  );

  app.get(
    "/api/assessments/:id",
    {
      config: { access: "user" },
      schema: {
        tags,
        summary: "A scheme with its items and adjustments",
        params: idParam,
        response: ok(detailResponse),
      },
    },
    async (req) => detail(req.params.id),
  );

  app.patch(
    "/api/assessments/:id",
    {
      config: { access: planners },
      schema: {
        tags,
        summary: "Rename, change the period or rules, publish or set back to draft",
        params: idParam,
        body: versionBody.extend({
          name: z.string().trim().min(1).max(200).optional(),
          periodId: periodIdSchema.optional(),
          rules: rulesInput.optional(),
          status: z.enum(["draft", "published"]).optional(),
        }),
        response: ok(schemeResponse),
      },
    },
    async (req) => presentScheme(await assessments.update(req.params.id, principal(req.auth).id, req.body)),
  );

  app.delete(
    "/api/assessments/:id",
    { config: { access: planners }, schema: { tags, params: idParam } },
    async (req, reply) => {
      await assessments.remove(req.params.id, principal(req.auth).id);
      return reply.status(204).send();
    },
  );

  app.put(
    "/api/assessments/:id/items",
    {
      config: { access: planners },
      schema: {
        tags,
        summary: "Replace the items: relative weights ≥ 0, normalised to 100 points per org unit",
        params: idParam,
        body: versionBody.extend({ items: z.array(itemInput).max(2000) }),
        response: ok(detailResponse),
      },
    },
    async (req) => {
      await assessments.setItems(req.params.id, principal(req.auth).id, req.body.version, req.body.items);
      return detail(req.params.id);
    },
  );

  app.post(
    "/api/assessments/:id/items/from-plan",
    {
      config: { access: planners },
      schema: {
        tags,
        summary:
          "Replace the items with the plan's linked targets and its tasks: equal weights, or targetShare points shared by the targets and the rest by the tasks",
        params: idParam,
        body: versionBody.extend({ targetShare: z.number().min(0).max(100).optional() }),
        response: ok(detailResponse.extend({ skippedUnlinkedTargets: z.number().int() })),
      },
    },
    async (req) => {
      const r = await assessments.seedFromPlan(
        req.params.id,
        principal(req.auth).id,
        req.body.version,
        req.body.targetShare,
      );
      return { ...(await detail(req.params.id)), skippedUnlinkedTargets: r.skippedUnlinkedTargets };
    },
  );

  app.post(
    "/api/assessments/:id/adjustments",
    {
      config: { access: planners },
      schema: {
        tags,
        summary: "A bonus (加分) or deduction (扣分) for one org unit, with its reason and evidence",
        params: idParam,
        body: z.object({
          unitId: z.uuid(),
          kind: z.enum(["bonus", "deduction"]),
          points: z.number().finite().positive().max(100),
          reason: z.string().trim().min(1).max(1000),
          evidence: z.string().trim().max(2000).nullable().optional(),
        }),
        response: created(adjustmentResponse),
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(
          presentAdjustment(await assessments.addAdjustment(req.params.id, principal(req.auth).id, req.body)),
        ),
  );

  app.delete(
    "/api/assessments/:id/adjustments/:adjustmentId",
    {
      config: { access: planners },
      schema: { tags, params: z.object({ id: z.uuid(), adjustmentId: z.uuid() }) },
    },
    async (req, reply) => {
      await assessments.removeAdjustment(req.params.id, req.params.adjustmentId, principal(req.auth).id);
      return reply.status(204).send();
    },
  );

  app.get(
    "/api/assessments/:id/scores",
    {
      config: { access: "user" },
      schema: {
        tags,
        summary:
          "Scores of the org units under orgUnit (default: the top), ranked, with every point's reason",
        params: idParam,
        querystring: z.object({ orgUnit: z.uuid().optional(), period: periodIdSchema.optional() }),
        response: ok(scoresResponse),
      },
    },
    async (req) => assessments.scores(req.params.id, req.query.orgUnit, req.query.period),
  );
};
