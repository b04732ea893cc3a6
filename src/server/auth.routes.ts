/** Sign in, sign out, who am I, change my password. */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Services } from "./app.js";
import { principal } from "./http.js";

export const sessionCookie = "mubiao_session";

const loginBody = z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(256) });
const passwordBody = z.object({
  currentPassword: z.string().min(1).max(256),
  newPassword: z.string().min(10).max(256),
});

export const authRoutes: FastifyPluginAsyncZod<{ services: Services; secure: boolean | "auto" }> = async (
  app,
  { services, secure },
) => {
  app.post(
    "/api/auth/login",
    { config: { access: "public" }, schema: { tags: ["auth"], body: loginBody, security: [] } },
    async (req, reply) => {
      const { token, session } = await services.auth.login(req.body.username, req.body.password, req.ip);
      void reply.setCookie(sessionCookie, token, { httpOnly: true, sameSite: "strict", secure, path: "/" });
      return { user: session.user, csrfToken: session.csrfToken };
    },
  );

  app.post(
    "/api/auth/logout",
    { config: { access: "user" }, schema: { tags: ["auth"] } },
    async (req, reply) => {
      if (req.auth) await services.auth.logout(req.auth);
      void reply.clearCookie(sessionCookie, { path: "/" });
      return reply.status(204).send();
    },
  );

  app.get("/api/auth/me", { config: { access: "user" }, schema: { tags: ["auth"] } }, (req) => ({
    user: principal(req.auth),
    csrfToken: req.auth?.csrfToken,
  }));

  app.post(
    "/api/auth/password",
    { config: { access: "user" }, schema: { tags: ["auth"], body: passwordBody } },
    async (req, reply) => {
      if (req.auth)
        await services.auth.changePassword(req.auth, req.body.currentPassword, req.body.newPassword);
      return reply.status(204).send();
    },
  );
};
