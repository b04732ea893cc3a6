/** Accounts and roles, for admins only. */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Services } from "./app.js";
import { created, ok, pageOf, userResponse } from "./responses.js";
import { idParam, pageQuery, principal, roleSchema } from "./http.js";

const admins = ["admin"] as const;
const username = z.string().regex(/^[A-Za-z0-9_.-]{2,64}$/, "2-64 letters, digits, _ . -");
const displayName = z.string().trim().min(1).max(100);

export const userRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  app.get("/api/roles", { config: { access: "user" }, schema: { tags: ["users"] } }, () => ({
    items: [
      { name: "admin", description: "系统管理员 / administrator: everything" },
      { name: "planner", description: "计划管理员 / planner: import, review, publish, assign" },
      { name: "reporter", description: "填报员 / reporter: progress and values for its own units" },
      { name: "viewer", description: "查看者 / viewer: read only" },
    ],
  }));
  app.get(
    "/api/users",
    {
      config: { access: admins },
      schema: {
        response: ok(pageOf(userResponse)),
        tags: ["users"],
        querystring: pageQuery.extend({ q: z.string().min(1).max(64).optional() }),
      },
    },
    async (req) => services.users.list({ page: req.query.page, pageSize: req.query.pageSize }, req.query.q),
  );
  app.get(
    "/api/users/:id",
    { config: { access: admins }, schema: { response: ok(userResponse), tags: ["users"], params: idParam } },
    async (req) => services.users.get(req.params.id),
  );
  app.post(
    "/api/users",
    {
      config: { access: admins },
      schema: {
        response: created(
          z.object({
            user: userResponse.omit({ disabled: true, createdAt: true }),
            oneTimePassword: z.string().nullable(),
          }),
        ),
        tags: ["users"],
        body: z.object({
          username,
          displayName,
          roles: z.array(roleSchema).min(1),
          unitIds: z.array(z.uuid()).max(50).default([]),
          password: z.string().min(10).max(256).optional(),
        }),
      },
    },
    async (req, reply) => {
      await services.users.checkUnits(req.body.unitIds);
      return reply.status(201).send(await services.auth.createUser(req.body, principal(req.auth).id));
    },
  );
  app.patch(
    "/api/users/:id",
    {
      config: { access: admins },
      schema: {
        response: ok(userResponse),
        tags: ["users"],
        params: idParam,
        body: z.object({
          displayName: displayName.optional(),
          roles: z.array(roleSchema).min(1).optional(),
          unitIds: z.array(z.uuid()).max(50).optional(),
          disabled: z.boolean().optional(),
        }),
      },
    },
    async (req) => services.users.update(req.params.id, principal(req.auth), req.body),
  );
  app.post(
    "/api/users/:id/reset-password",
    { config: { access: admins }, schema: { tags: ["users"], params: idParam } },
    async (req) => ({
      oneTimePassword: await services.users.resetPassword(req.params.id, principal(req.auth)),
    }),
  );
};
