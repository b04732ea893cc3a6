/** Submissions: open (reporters, for their units), submit, approve or return (planners), list and read. */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Services } from "./app.js";
import { created, observationResponse, ok, pageOf, submissionResponse } from "./responses.js";
import { idParam, pageQuery, principal } from "./http.js";
import { presentObservation, presentPage, presentSubmission } from "./presenters.js";

const periodId = z
  .string()
  .regex(/^\d{4}(H[12]|Q[1-4]|M(0[1-9]|1[0-2]))?$/, "a period id: 2024, 2024H1, 2024Q1, 2024M03");
const status = z.enum(["draft", "submitted", "approved", "returned"]);
const reporters = ["planner", "reporter"] as const;
const planners = ["planner"] as const;

export const submissionRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const submissions = services.submissions;
  app.get(
    "/api/submissions",
    {
      config: { access: "user" },
      schema: {
        response: ok(pageOf(submissionResponse)),
        tags: ["submissions"],
        querystring: pageQuery.extend({
          unitId: z.uuid().optional(),
          periodId: periodId.optional(),
          status: status.optional(),
        }),
      },
    },
    async (req) => {
      const { page, pageSize, ...filter } = req.query;
      return presentPage(await submissions.list(filter, { page, pageSize }), presentSubmission);
    },
  );
  app.get(
    "/api/submissions/:id",
    {
      config: { access: "user" },
      schema: {
        response: ok(submissionResponse.extend({ observations: z.array(observationResponse) })),
        tags: ["submissions"],
        params: idParam,
      },
    },
    async (req) => {
      const { submission, observations } = await submissions.get(req.params.id);
      return { ...presentSubmission(submission), observations: observations.map(presentObservation) };
    },
  );
  app.post(
    "/api/submissions",
    {
      config: { access: reporters },
      schema: {
        response: created(submissionResponse),
        tags: ["submissions"],
        body: z.object({ unitId: z.uuid(), periodId, note: z.string().max(2000).nullable().default(null) }),
      },
    },
    async (req, reply) =>
      reply.status(201).send(presentSubmission(await submissions.open(principal(req.auth), req.body))),
  );
  app.post(
    "/api/submissions/:id/submit",
    {
      config: { access: reporters },
      schema: { response: ok(submissionResponse), tags: ["submissions"], params: idParam },
    },
    async (req) => presentSubmission(await submissions.submit(req.params.id, principal(req.auth))),
  );
  app.post(
    "/api/submissions/:id/approve",
    {
      config: { access: planners },
      schema: { response: ok(submissionResponse), tags: ["submissions"], params: idParam },
    },
    async (req) => presentSubmission(await submissions.approve(req.params.id, principal(req.auth))),
  );
  app.post(
    "/api/submissions/:id/return",
    {
      config: { access: planners },
      schema: {
        response: ok(submissionResponse),
        tags: ["submissions"],
        params: idParam,
        body: z.object({ note: z.string().trim().min(1).max(2000) }),
      },
    },
    async (req) =>
      presentSubmission(await submissions.return(req.params.id, principal(req.auth), req.body.note)),
  );
};
