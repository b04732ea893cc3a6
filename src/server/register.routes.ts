/**
 * What the web app reads besides the review routes: a plan's document text (the review screen marks
 * items at their offsets in it) and the task register as JSON and as .xlsx, out and back in.
 */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Db } from "../db/database.js";
import type { Services } from "./app.js";
import { errors } from "./errors.js";
import { planParam, principal } from "./http.js";
import { RegisterService } from "./register.service.js";

export const registerRoutes: FastifyPluginAsyncZod<{ services: Services; db: Db }> = async (
  app,
  { services, db },
) => {
  const register = new RegisterService(db, services.plans, services.progress);

  app.get(
    "/api/plans/:planId/text",
    {
      config: { access: "user" },
      schema: {
        tags: ["plans"],
        params: planParam,
        description: "The document's text as read at import: item offsets point into it.",
      },
    },
    async (req) => register.text(req.params.planId),
  );

  app.get(
    "/api/plans/:planId/register",
    {
      config: { access: "user" },
      schema: {
        tags: ["register"],
        params: planParam,
        description: "Every task with section, lead and partner units, deadline, latest progress, overdue.",
      },
    },
    async (req) => ({ items: await register.rows(req.params.planId) }),
  );

  app.get(
    "/api/plans/:planId/register.xlsx",
    { config: { access: "user" }, schema: { tags: ["register"], params: planParam } },
    async (req, reply) => {
      const { bytes, fileName } = await register.workbook(req.params.planId);
      return reply
        .header("content-type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        .header("content-disposition", `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`)
        .send(bytes);
    },
  );

  app.post(
    "/api/plans/:planId/register.xlsx",
    {
      config: { access: ["planner", "reporter"] },
      schema: {
        tags: ["register"],
        params: planParam,
        consumes: ["multipart/form-data"],
        description:
          "Read an edited register back (field `file`): task edits on drafts, progress on published plans.",
      },
    },
    async (req) => {
      const file = await req.file();
      if (!file || file.fieldname !== "file")
        throw errors.validation([{ path: "body.file", message: "a file is required" }]);
      return register.importWorkbook(req.params.planId, await file.toBuffer(), principal(req.auth));
    },
  );
};
