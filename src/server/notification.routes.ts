/** Notifications: each user reads and marks only their own. */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Db } from "../db/database.js";
import type { NotificationRow } from "../db/notification.repository.js";
import { idParam, principal } from "./http.js";
import { NotificationService } from "./notification.service.js";
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
  app.post(
    "/api/notifications/read-all",
    {
      config: { access: "user" },
      schema: { tags: ["notifications"], response: ok(z.object({ marked: z.number().int() })) },
    },
    async (req) => notifications.readAll(principal(req.auth)),
  );
};
