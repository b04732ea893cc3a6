/**
 * Notifications (通知): what a user is told in the app — reminders, chases, returns, approvals — and, when
 * SMTP is configured (`MUBIAO_SMTP_URL`), the same by e-mail to users who have an address. `notify` writes
 * in the caller's transaction: the notification and its queued mail are stored with the change that caused
 * them, or not at all; the mail itself leaves later from the outbox (notification.mailer.ts), so a failed
 * send is retried and nothing is lost.
 */
import { randomUUID } from "node:crypto";
import { AuditRepository } from "../db/audit.repository.js";
import type { Db } from "../db/database.js";
import {
  NotificationRepository,
  type NotificationRow,
  type OutboxRow,
} from "../db/notification.repository.js";
import type { Principal } from "./auth.service.js";
import { errors } from "./errors.js";

export interface NotifyInput {
  /** Users told directly. */
  userIds?: readonly string[];
  /** Units whose reporters are told (with `userIds`, the union, each user once). */
  unitId?: string;
  unitIds?: readonly string[];
  /** What happened: supervision.assign, supervision.chase, rectification.close, submission.approve, … */
  kind: string;
  /** Chinese first: the mail's subject and the bell's line. */
  title: string;
  body: string;
  /** Where the web app opens it (a path such as `/supervision?plan=…&task=…`). */
  link?: string | null;
  /** Users never told about their own action. */
  exceptUserId?: string | null;
}

export interface NotifyOptions {
  /** Queue e-mails too; by default when `MUBIAO_SMTP_URL` is set. */
  email?: boolean;
}

/** True when the server has an SMTP server to send notifications by e-mail. */
export function emailConfigured(): boolean {
  return Boolean(process.env.MUBIAO_SMTP_URL);
}

/** Where mailed links point: `MUBIAO_PUBLIC_URL` (https://mubiao.example.cn) before the app's path. */
function linkBase(): string {
  return (process.env.MUBIAO_PUBLIC_URL ?? "").replace(/\/+$/, "");
}

export class NotificationService {
  constructor(private readonly db: Db) {}

  /**
   * Tells users (directly or as reporters of units) about something; returns the notifications written.
   * Pass the transaction (`trx`) of the change that causes it, so both are stored together.
   */
  static async notify(db: Db, input: NotifyInput, options: NotifyOptions = {}): Promise<NotificationRow[]> {
    const repo = new NotificationRepository(db);
    const units = [...(input.unitIds ?? []), ...(input.unitId ? [input.unitId] : [])];
    const ids = new Set([...(input.userIds ?? []), ...(await repo.usersOfUnits(units))]);
    if (input.exceptUserId) ids.delete(input.exceptUserId);
    const recipients = await repo.recipients([...ids]);
    const now = new Date().toISOString();
    const rows: NotificationRow[] = recipients
      .sort((a, b) => a.id.localeCompare(b.id))
      .map((r) => ({
        id: randomUUID(),
        user_id: r.id,
        kind: input.kind,
        title: input.title.slice(0, 200),
        body: input.body.slice(0, 4000),
        link: input.link ?? null,
        created_at: now,
        read_at: null,
      }));
    await repo.insert(rows);
    if (options.email ?? emailConfigured()) {
      const mails: OutboxRow[] = rows.flatMap((n, i) => {
        const to = recipients[i]?.email;
        return to
          ? [
              {
                id: randomUUID(),
                notification_id: n.id,
                to_address: to,
                subject: n.title,
                body: n.link ? `${n.body}\n\n${linkBase()}${n.link}` : n.body,
                status: "pending",
                attempts: 0,
                last_error: null,
                next_attempt_at: now,
                created_at: now,
                sent_at: null,
              },
            ]
          : [];
      });
      await repo.enqueue(mails);
    }
    return rows;
  }

  notify(input: NotifyInput, options?: NotifyOptions): Promise<NotificationRow[]> {
    return NotificationService.notify(this.db, input, options);
  }

  async list(user: Principal, query: { limit: number; unreadOnly: boolean }) {
    const repo = new NotificationRepository(this.db);
    const [items, unread] = await Promise.all([
      repo.listForUser(user.id, query.limit, query.unreadOnly),
      repo.countUnread(user.id),
    ]);
    return { items, unread };
  }

  /** Marks one of the user's own notifications read; someone else's is "not found", never revealed. */
  async read(id: string, user: Principal): Promise<NotificationRow> {
    const repo = new NotificationRepository(this.db);
    const row = await repo.get(id);
    if (!row || row.user_id !== user.id) throw errors.notFound("notification", id);
    await repo.markRead(id, user.id, new Date().toISOString());
    return (await repo.get(id)) as NotificationRow;
  }

  /** The address a user's notifications are also mailed to (null: in-app only). */
  async email(userId: string): Promise<string | null> {
    const [r] = await new NotificationRepository(this.db).recipients([userId]);
    if (!r) throw errors.notFound("user", userId);
    return r.email;
  }

  /** Sets a user's e-mail (their own, or any user's by an admin), audited. */
  async setEmail(userId: string, email: string | null, by: Principal): Promise<{ email: string | null }> {
    if (by.id !== userId && !by.roles.includes("admin"))
      throw errors.forbidden({ reason: "own address only" });
    return this.db.transaction().execute(async (trx) => {
      const repo = new NotificationRepository(trx);
      const [before] = await repo.recipients([userId]);
      if (!before) throw errors.notFound("user", userId);
      await repo.setEmail(userId, email);
      await new AuditRepository(trx).record({
        userId: by.id,
        action: "user.email",
        entity: "user",
        entityId: userId,
        before: { email: before.email },
        after: { email },
      });
      return { email };
    });
  }

  async readAll(user: Principal): Promise<{ marked: number }> {
    return {
      marked: await new NotificationRepository(this.db).markAllRead(user.id, new Date().toISOString()),
    };
  }
}
