/** Org units: the whole tree, one node, create, edit or move, delete a leaf. */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Services } from "./app.js";
import { idParam, principal, versionBody } from "./http.js";
import { orgUnitTree, presentOrgUnit } from "./presenters.js";
import { orgUnitLevels } from "./org-unit.service.js";

const planners = ["planner"] as const;
const name = z.string().trim().min(1).max(100);
const level = z.enum(orgUnitLevels);
const code = z.string().trim().min(1).max(40).nullable();

export const orgUnitRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const orgUnits = services.orgUnits;
  app.get("/api/org-units", { config: { access: "user" }, schema: { tags: ["org units"] } }, async () => ({
    items: orgUnitTree(await orgUnits.all()),
  }));
  app.get(
    "/api/org-units/:id",
    { config: { access: "user" }, schema: { tags: ["org units"], params: idParam } },
    async (req) => presentOrgUnit(await orgUnits.get(req.params.id)),
  );
  app.post(
    "/api/org-units",
    {
      config: { access: planners },
      schema: {
        tags: ["org units"],
        body: z.object({
          name,
          level,
          parentId: z.uuid().nullable().default(null),
          code: code.default(null),
        }),
      },
    },
    async (req, reply) =>
      reply.status(201).send(presentOrgUnit(await orgUnits.create(principal(req.auth).id, req.body))),
  );
  app.patch(
    "/api/org-units/:id",
    {
      config: { access: planners },
      schema: {
        tags: ["org units"],
        params: idParam,
        body: versionBody.extend({
          name: name.optional(),
          level: level.optional(),
          parentId: z.uuid().nullable().optional(),
          code: code.optional(),
        }),
      },
    },
    async (req) => presentOrgUnit(await orgUnits.update(req.params.id, principal(req.auth).id, req.body)),
  );
  app.delete(
    "/api/org-units/:id",
    { config: { access: planners }, schema: { tags: ["org units"], params: idParam } },
    async (req, reply) => {
      await orgUnits.delete(req.params.id, principal(req.auth).id);
      return reply.status(204).send();
    },
  );
};
