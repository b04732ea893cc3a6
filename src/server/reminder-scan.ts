/**
 * The server's background work for supervision: the reminder scan (临近提醒 / 催办) at start and every hour,
 * and, when SMTP is configured, the outbox drained every minute. The scan is idempotent per task and day,
 * so running it hourly (or on several servers) sends each notice once. Timers are unref'd and stopped when
 * the app closes; a failing run is logged and the next one tries again.
 */
import type { FastifyInstance } from "fastify";
import type { Db } from "../db/database.js";
import { smtpSenderFromEnv } from "./notification.mailer.js";
import { SupervisionService } from "./supervision.service.js";

const HOUR = 3_600_000;
const MINUTE = 60_000;

export function startSupervisionJobs(
  app: FastifyInstance,
  db: Db,
  options: { scanEveryMs?: number; drainEveryMs?: number } = {},
): void {
  const supervision = new SupervisionService(db);
  const sender = smtpSenderFromEnv(db);
  const timers: NodeJS.Timeout[] = [];
  let running: Promise<unknown> = Promise.resolve();
  const guard = (what: string, work: () => Promise<unknown>) => () => {
    running = running.then(work).catch((error: unknown) => app.log.error({ err: error }, `${what} failed`));
  };
  const scan = guard("supervision scan", async () => {
    const r = await supervision.scan();
    if (r.reminders + r.chases > 0) app.log.info(r, "supervision scan");
    if (sender) await sender.drain();
  });
  const drain = guard("outbox drain", async () => sender?.drain());
  app.addHook("onReady", async () => {
    scan();
    timers.push(setInterval(scan, options.scanEveryMs ?? HOUR).unref());
    if (sender) timers.push(setInterval(drain, options.drainEveryMs ?? MINUTE).unref());
  });
  app.addHook("onClose", async () => {
    for (const t of timers) clearInterval(t);
    await running;
  });
}
