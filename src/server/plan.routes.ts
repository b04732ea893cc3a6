/** Plans: upload a document (→ draft plans), list, read, edit, publish, delete, download the source. */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Services } from "./app.js";
import { created, ok, importResponse, pageOf, planResponse } from "./responses.js";
import { errors } from "./errors.js";
import { pageQuery, planParam, principal, versionBody } from "./http.js";
import { presentPage, presentPlan } from "./presenters.js";

const planners = ["planner"] as const;
// The stored bytes are the upload as it was: a txt may be GBK, so no charset is claimed for it.
const contentTypes: Record<string, string> = {
  txt: "text/plain",
  html: "text/html",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  pdf: "application/pdf",
};
const listQuery = pageQuery.extend({
  status: z.enum(["draft", "published"]).optional(),
  year: z.coerce.number().int().min(1949).max(2100).optional(),
  q: z.string().min(1).max(100).optional(),
  documentId: z.uuid().optional(),
});
const planEdit = versionBody.extend({
  title: z.string().min(1).max(500).nullable().optional(),
  issuer: z.string().min(1).max(200).nullable().optional(),
  year: z.number().int().min(1949).max(2100).nullable().optional(),
});

export const planRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  app.post(
    "/api/plans",
    {
      config: { access: planners },
      schema: {
        response: created(importResponse),
        tags: ["plans"],
        consumes: ["multipart/form-data"],
        description: "Upload a document (field `file`, ≤ 50 MB): its plans are stored as drafts.",
      },
    },
    async (req, reply) => {
      const file = await req.file();
      if (!file || file.fieldname !== "file")
        throw errors.validation([{ path: "body.file", message: "a file is required" }]);
      const bytes = await file.toBuffer();
      const result = await services.imports.importDocument({
        bytes,
        fileName: file.filename,
        userId: principal(req.auth).id,
      });
      return reply.status(201).send(result);
    },
  );

  app.get(
    "/api/plans",
    {
      config: { access: "user" },
      schema: { response: ok(pageOf(planResponse)), tags: ["plans"], querystring: listQuery },
    },
    async (req) => {
      const { page, pageSize, ...filter } = req.query;
      return presentPage(await services.plans.list(filter, { page, pageSize }), (p) => presentPlan(p));
    },
  );

  app.get(
    "/api/plans/:planId",
    {
      config: { access: "user" },
      schema: { response: ok(planResponse), tags: ["plans"], params: planParam },
    },
    async (req) => {
      const { plan, document, counts } = await services.plans.get(req.params.planId);
      return presentPlan(plan, { counts, ...(document ? { document } : {}) });
    },
  );

  app.get(
    "/api/plans/:planId/document",
    { config: { access: "user" }, schema: { tags: ["plans"], params: planParam } },
    async (req, reply) => {
      const { meta, bytes } = await services.plans.document(req.params.planId);
      const type = contentTypes[meta.format] ?? "application/octet-stream";
      return reply
        .header("content-type", type)
        .header("content-disposition", `attachment; filename*=UTF-8''${encodeURIComponent(meta.file_name)}`)
        .send(Buffer.from(bytes));
    },
  );

  app.patch(
    "/api/plans/:planId",
    {
      config: { access: planners },
      schema: { response: ok(planResponse), tags: ["plans"], params: planParam, body: planEdit },
    },
    async (req) =>
      presentPlan(await services.plans.update(req.params.planId, principal(req.auth).id, req.body)),
  );

  app.post(
    "/api/plans/:planId/publish",
    {
      config: { access: planners },
      schema: { response: ok(planResponse), tags: ["plans"], params: planParam, body: versionBody },
    },
    async (req) =>
      presentPlan(await services.plans.publish(req.params.planId, principal(req.auth).id, req.body.version)),
  );

  app.delete(
    "/api/plans/:planId",
    {
      config: { access: planners },
      schema: {
        tags: ["plans"],
        params: planParam,
        querystring: z.object({ version: z.coerce.number().int().positive() }),
      },
    },
    async (req, reply) => {
      await services.plans.delete(req.params.planId, principal(req.auth).id, req.query.version);
      return reply.status(204).send();
    },
  );
};
