/** Task progress: read by everyone, written by the reporters of the task's units (and planners). */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Services } from "./app.js";
import { created, ok, progressResponse } from "./responses.js";
import { principal } from "./http.js";
import { presentProgress } from "./presenters.js";
import { progressStatuses } from "./progress.service.js";

const taskParam = z.object({ taskId: z.uuid() });

export const progressRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  app.get(
    "/api/tasks/:taskId/progress",
    {
      config: { access: "user" },
      schema: {
        response: ok(z.object({ items: z.array(progressResponse) })),
        tags: ["progress"],
        params: taskParam,
      },
    },
    async (req) => ({
      items: (await services.progress.list(req.params.taskId)).map(presentProgress),
    }),
  );
  app.post(
    "/api/tasks/:taskId/progress",
    {
      config: { access: ["planner", "reporter"] },
      schema: {
        response: created(progressResponse),
        tags: ["progress"],
        params: taskParam,
        body: z.object({
          unitId: z.uuid(),
          periodId: z
            .string()
            .regex(/^\d{4}(H[12]|Q[1-4]|M(0[1-9]|1[0-2]))?$/, "a period id: 2024, 2024H1, 2024Q1, 2024M03")
            .nullable()
            .default(null),
          status: z.enum(progressStatuses),
          note: z.string().max(2000).nullable().default(null),
        }),
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(
          presentProgress(await services.progress.record(req.params.taskId, principal(req.auth), req.body)),
        ),
  );
};
