/** The unit register: list (search, status), read, create, edit (name, aliases, confirm), merge, delete. */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Services } from "./app.js";
import { created, ok, pageOf, unitResponse } from "./responses.js";
import { idParam, pageQuery, principal, versionBody } from "./http.js";
import { presentPage, presentUnit } from "./presenters.js";

const planners = ["planner"] as const;
const name = z.string().trim().min(1).max(100);
const status = z.enum(["confirmed", "proposed"]);

export const unitRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const units = services.units;
  const listQuery = pageQuery.extend({ q: z.string().min(1).max(100).optional(), status: status.optional() });

  app.get(
    "/api/units",
    {
      config: { access: "user" },
      schema: { response: ok(pageOf(unitResponse)), tags: ["units"], querystring: listQuery },
    },
    async (req) => {
      const { page, pageSize, ...filter } = req.query;
      return presentPage(await units.list(filter, { page, pageSize }), presentUnit);
    },
  );
  app.get(
    "/api/units/:id",
    {
      config: { access: "user" },
      schema: { response: ok(unitResponse), tags: ["units"], params: idParam },
    },
    async (req) => presentUnit(await units.get(req.params.id)),
  );
  app.post(
    "/api/units",
    {
      config: { access: planners },
      schema: {
        response: created(unitResponse),
        tags: ["units"],
        body: z.object({
          name,
          aliases: z.array(name).max(50).default([]),
          status: status.default("confirmed"),
        }),
      },
    },
    async (req, reply) =>
      reply.status(201).send(presentUnit(await units.create(principal(req.auth).id, req.body))),
  );
  app.patch(
    "/api/units/:id",
    {
      config: { access: planners },
      schema: {
        response: ok(unitResponse),
        tags: ["units"],
        params: idParam,
        body: versionBody.extend({
          name: name.optional(),
          aliases: z.array(name).max(50).optional(),
          status: status.optional(),
        }),
      },
    },
    async (req) => presentUnit(await units.update(req.params.id, principal(req.auth).id, req.body)),
  );
  app.post(
    "/api/units/:id/merge",
    {
      config: { access: planners },
      schema: {
        response: ok(unitResponse),
        tags: ["units"],
        params: idParam,
        body: z.object({ intoUnitId: z.uuid() }),
      },
    },
    async (req) => presentUnit(await units.merge(req.params.id, req.body.intoUnitId, principal(req.auth).id)),
  );
  app.delete(
    "/api/units/:id",
    { config: { access: planners }, schema: { tags: ["units"], params: idParam } },
    async (req, reply) => {
      await units.delete(req.params.id, principal(req.auth).id);
      return reply.status(204).send();
    },
  );
};
