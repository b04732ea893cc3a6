/** Notifications: each user reads and marks only their own. */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Db } from "../db/database.js";
import type { NotificationRow } from "../db/notification.repository.js";
import { idParam, principal } from "./http.js";
import { emailConfigured, NotificationService } from "./notification.service.js";
import { ok } from "./responses.js";

export const notificationResponse = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  link: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});

export function presentNotification(n: NotificationRow): z.infer<typeof notificationResponse> {
  return {
    id: n.id,
    kind: n.kind,
    title: n.title,
    body: n.body,
    link: n.link,
    createdAt: n.created_at,
    readAt: n.read_at,
  };
}

export const notificationRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  const notifications = new NotificationService(db);
  app.get(
    "/api/notifications",
    {
      config: { access: "user" },
      schema: {
        tags: ["notifications"],
        description: "The signed-in user's notifications, unread first, with the unread count.",
        querystring: z.object({
          limit: z.coerce.number().int().min(1).max(200).default(50),
          unread: z
            .enum(["true", "false"])
            .default("false")
            .transform((v) => v === "true"),
        }),
        response: ok(z.object({ items: z.array(notificationResponse), unread: z.number().int() })),
      },
    },
    async (req) => {
      const { items, unread } = await notifications.list(principal(req.auth), {
        limit: req.query.limit,
        unreadOnly: req.query.unread,
      });
      return { items: items.map(presentNotification), unread };
    },
  );
  app.post(
    "/api/notifications/:id/read",
    {
      config: { access: "user" },
      schema: { tags: ["notifications"], params: idParam, response: ok(notificationResponse) },
    },
    async (req) => presentNotification(await notifications.read(req.params.id, principal(req.auth))),
  );
  const emailBody = z.object({
    email: z
      .string()
      .trim()
      .max(200)
      .transform((v) => (v === "" ? null : v))
      .pipe(z.email().nullable())
      .nullable(),
  });
  const settings = z.object({ email: z.string().nullable(), emailEnabled: z.boolean() });
  app.get(
    "/api/notifications/settings",
    {
      config: { access: "user" },
      schema: {
        tags: ["notifications"],
        description: "The signed-in user's e-mail for notifications, and whether the server sends e-mail.",
        response: ok(settings),
      },
    },
    async (req) => ({
      email: await notifications.email(principal(req.auth).id),
      emailEnabled: emailConfigured(),
    }),
  );
  app.put(
    "/api/notifications/settings",
    {
      config: { access: "user" },
      schema: { tags: ["notifications"], body: emailBody, response: ok(settings) },
    },
    async (req) => {
      const user = principal(req.auth);
      const r = await notifications.setEmail(user.id, req.body.email, user);
      return { ...r, emailEnabled: emailConfigured() };
    },
  );
  app.put(
    "/api/users/:id/email",
    {
      config: { access: ["admin"] },
      schema: {
        tags: ["notifications"],
        description: "Sets a user's e-mail for notifications (admins).",
        params: idParam,
        body: emailBody,
        response: ok(z.object({ email: z.string().nullable() })),
      },
    },
    async (req) => notifications.setEmail(req.params.id, req.body.email, principal(req.auth)),
  );
  app.post(
    "/api/notifications/read-all",
    {
      config: { access: "user" },
      schema: { tags: ["notifications"], response: ok(z.object({ marked: z.number().int() })) },
    },
    async (req) => notifications.readAll(principal(req.auth)),
  );
};
