/**
 * Public page routes: planners choose which targets of a plan are published; anyone (no login) reads the
 * published plans and their targets with the latest approved value, status and a series for a chart.
 */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Db } from "../db/database.js";
import { planParam, principal } from "./http.js";
import { PublicService } from "./public.service.js";
import { ok } from "./responses.js";

const tags = ["public"];
const settingResponse = z.object({
  planId: z.string(),
  published: z.boolean(),
  targetIds: z.array(z.string()),
});
const point = z.object({ periodId: z.string(), value: z.number() });
export const publicPlanResponse = z.object({
  id: z.string(),
  title: z.string(),
  year: z.number().nullable(),
  issuer: z.string().nullable(),
  area: z.string().nullable(),
  items: z.array(
    z.object({
      id: z.string(),
      metric: z.string(),
      target: z.string(),
      unit: z.string(),
      deadline: z.string().nullable(),
      latest: point.nullable(),
      status: z.enum(["achieved", "on_track", "at_risk", "off_track", "no_data"]),
      statusLabel: z.string(),
      series: z.array(point),
    }),
  ),
  computedAt: z.string(),
});

export const publicRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  const service = new PublicService(db);

  app.get(
    "/api/plans/:planId/public",
    {
      config: { access: "user" },
      schema: {
        tags,
        summary: "What of the plan is published",
        params: planParam,
        response: ok(settingResponse),
      },
    },
    async (req) => service.setting(req.params.planId),
  );

  app.put(
    "/api/plans/:planId/public",
    {
      config: { access: ["planner"] },
      schema: {
        tags,
        summary: "Publish (or withdraw) the plan's public page with the chosen targets",
        params: planParam,
        body: z.object({ targetIds: z.array(z.uuid()).max(500), published: z.boolean() }),
        response: ok(settingResponse),
      },
    },
    async (req) => service.publish(req.params.planId, principal(req.auth).id, req.body),
  );

  app.get(
    "/api/public/plans",
    {
      config: { access: "public" },
      schema: {
        tags,
        summary: "Published plans (no login)",
        security: [],
        response: ok(
          z.object({
            items: z.array(
              z.object({
                id: z.string(),
                title: z.string(),
                year: z.number().nullable(),
                issuer: z.string().nullable(),
                targetCount: z.number().int(),
                updatedAt: z.string(),
              }),
            ),
          }),
        ),
      },
    },
    async () => ({ items: await service.plans() }),
  );

  app.get(
    "/api/public/plans/:planId",
    {
      config: { access: "public" },
      schema: {
        tags,
        summary: "A published plan's published targets (no login); 404 when not published",
        security: [],
        params: planParam,
        response: ok(publicPlanResponse),
      },
    },
    async (req) => service.plan(req.params.planId),
  );
};
