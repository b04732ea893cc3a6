/**
 * The e-mail side of notifications: drains the outbox through SMTP (nodemailer). A mail is claimed before
 * it is sent (two servers never send it twice), marked sent on success, and on failure kept pending with
 * its error and a later attempt (backing off to at most an hour) — it is never dropped.
 */
import nodemailer from "nodemailer";
import type { Db } from "../db/database.js";
import { NotificationRepository } from "../db/notification.repository.js";

export interface MailTransport {
  sendMail(mail: { from: string; to: string; subject: string; text: string }): Promise<unknown>;
}

export interface DrainResult {
  sent: number;
  failed: number;
}

const MINUTE = 60_000;
/** How long a claimed mail is left to its sender before another may try it. */
const CLAIM_MS = 5 * MINUTE;

/** Backoff after the n-th failed attempt: 1, 2, 4 … minutes, at most an hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(60 * MINUTE, 2 ** Math.max(0, attempts - 1) * MINUTE);
}

export class OutboxSender {
  private running: Promise<DrainResult> | null = null;

  constructor(
    private readonly db: Db,
    private readonly transport: MailTransport,
    private readonly from: string,
  ) {}

  /** Sends every due mail once; concurrent calls share one pass. */
  drain(now: () => Date = () => new Date()): Promise<DrainResult> {
    this.running ??= this.pass(now).finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async pass(now: () => Date): Promise<DrainResult> {
    const repo = new NotificationRepository(this.db);
    const result: DrainResult = { sent: 0, failed: 0 };
    const due = await repo.due(now().toISOString(), 100);
    for (const mail of due) {
      const started = now().getTime();
      if (!(await repo.claim(mail, new Date(started + CLAIM_MS).toISOString()))) continue;
      const attempts = mail.attempts + 1;
      try {
        await this.transport.sendMail({
          from: this.from,
          to: mail.to_address,
          subject: mail.subject,
          text: mail.body,
        });
        await repo.markSent(mail.id, now().toISOString(), attempts);
        result.sent += 1;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        await repo.markRetry(
          mail.id,
          attempts,
          message,
          new Date(started + retryDelayMs(attempts)).toISOString(),
        );
        result.failed += 1;
      }
    }
    return result;
  }
}

/** The sender for `MUBIAO_SMTP_URL` (smtp://user:pass@host:port, smtps://…), or null when it is not set. */
export function smtpSenderFromEnv(db: Db, env: NodeJS.ProcessEnv = process.env): OutboxSender | null {
  const url = env.MUBIAO_SMTP_URL;
  if (!url) return null;
  const transport = nodemailer.createTransport(url);
  const from = env.MUBIAO_SMTP_FROM ?? "Mubiao 目标 <noreply@mubiao.local>";
  return new OutboxSender(db, transport as unknown as MailTransport, from);
}
