/** The audit log, newest first, for admins. */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Services } from "./app.js";
import { auditResponse, ok, pageOf } from "./responses.js";
import { pageQuery } from "./http.js";
import { presentAudit, presentPage } from "./presenters.js";

export const auditRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const query = pageQuery.extend({
    entity: z.string().min(1).max(40).optional(),
    entityId: z.string().min(1).max(100).optional(),
    userId: z.uuid().optional(),
    action: z.string().min(1).max(60).optional(),
    from: z.iso.date().optional(),
    to: z.iso.date().optional(),
  });
  app.get(
    "/api/audit",
    {
      config: { access: ["admin"] },
      schema: { response: ok(pageOf(auditResponse)), tags: ["audit"], querystring: query },
    },
    async (req) => {
      const { page, pageSize, ...filter } = req.query;
      return presentPage(await services.audit.list(filter, { page, pageSize }), presentAudit);
    },
  );
};
