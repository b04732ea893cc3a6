/**
 * Notifications: each user sees only their own, unread first; reading one or all; and the e-mail side
 * through a REAL local SMTP receiver (smtp-server): the mail arrives with its Chinese subject, and a mail
 * whose first send fails stays in the outbox and is delivered on the next pass.
 */
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NotificationRepository } from "../../src/db/notification.repository.js";
import { retryDelayMs, smtpSenderFromEnv } from "../../src/server/notification.mailer.js";
import { NotificationService } from "../../src/server/notification.service.js";
import { enginesToRun } from "../db/engines.js";
import { errorOf, startApi, type Api } from "./harness.js";

interface Listed {
  items: Array<{ id: string; title: string; readAt: string | null; link: string | null }>;
  unread: number;
}

/** Decodes RFC 2047 encoded words (=?UTF-8?B?…?= / =?UTF-8?Q?…?=) of a header. */
function decodeHeader(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, "?==?")
    .replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_, enc: string, data: string) =>
      enc.toLowerCase() === "b"
        ? Buffer.from(data, "base64").toString("utf8")
        : Buffer.from(
            data.replace(/_/g, " ").replace(/=([0-9a-f]{2})/gi, (_m, h: string) => `%${h}`),
            "utf8",
          )
            .toString()
            .replace(/%([0-9a-f]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16)))
            .replace(/[\u0080-\u00ff]+/g, (bytes) => Buffer.from(bytes, "latin1").toString("utf8")),
    );
}

interface Received {
  to: string[];
  subject: string;
  raw: string;
}

async function startReceiver(): Promise<{ port: number; mails: Received[]; close(): Promise<void> }> {
  const mails: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        const head = raw.split(/\r?\n\r?\n/)[0] ?? "";
        const unfolded = head.replace(/\r?\n[ \t]+/g, " ");
        const subject = /^subject:\s*(.*)$/im.exec(unfolded)?.[1] ?? "";
        mails.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          subject: decodeHeader(subject.trim()),
          raw,
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { port, mails, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe.each(enginesToRun())("notifications on $name", (engine) => {
  let api: Api;
  beforeAll(async () => {
    api = await startApi(engine);
  });
  afterAll(async () => api.close());

  it("tells the reporters of a unit, and each user sees only their own, unread first", async () => {
    const db = api.handle.db;
    const first = await NotificationService.notify(
      db,
      { unitId: api.unitA, kind: "test.first", title: "第一条：请报送进展", body: "正文一", link: "/x" },
      { email: false },
    );
    expect(first.map((n) => n.user_id)).toEqual([api.as.reporter.userId]);
    await NotificationService.notify(
      db,
      {
        userIds: [api.as.reporter.userId, api.as.planner.userId],
        kind: "test.second",
        title: "第二条",
        body: "正文二",
      },
      { email: false },
    );
    const mine = (await api.as.reporter.call("GET", "/api/notifications")).json<Listed>();
    expect(mine.unread).toBe(2);
    expect(mine.items.map((n) => n.title).sort()).toEqual(["第一条：请报送进展", "第二条"]);
    const other = (await api.as.reporter2.call("GET", "/api/notifications")).json<Listed>();
    expect(other).toEqual({ items: [], unread: 0 });

    // someone else's notification is not found, and stays unread
    const id = first[0]?.id ?? "";
    const denied = await api.as.reporter2.call("POST", `/api/notifications/${id}/read`);
    expect(denied.statusCode).toBe(404);
    expect(errorOf(denied).message).toMatch(/^未找到通知/);

    const read = await api.as.reporter.call("POST", `/api/notifications/${id}/read`);
    expect(read.statusCode).toBe(200);
    expect(read.json<{ readAt: string | null }>().readAt).not.toBeNull();
    const after = (await api.as.reporter.call("GET", "/api/notifications")).json<Listed>();
    expect(after.unread).toBe(1);
    // unread first: the unread 第二条 now comes before the read 第一条
    expect(after.items.map((n) => [n.title, n.readAt === null])).toEqual([
      ["第二条", true],
      ["第一条：请报送进展", false],
    ]);
    const unreadOnly = (await api.as.reporter.call("GET", "/api/notifications?unread=true")).json<Listed>();
    expect(unreadOnly.items.map((n) => n.title)).toEqual(["第二条"]);

    const all = await api.as.reporter.call("POST", "/api/notifications/read-all");
    expect(all.json()).toEqual({ marked: 1 });
    expect((await api.as.reporter.call("GET", "/api/notifications")).json<Listed>().unread).toBe(0);
    // the planner's copy of 第二条 is untouched
    expect((await api.as.planner.call("GET", "/api/notifications")).json<Listed>().unread).toBe(1);
  });

  it("lets a user set their own e-mail and an admin set anyone's, audited", async () => {
    const put = (who: typeof api.as.reporter, email: string) =>
      who.call("PUT", "/api/notifications/settings", { email });
    const mine = await put(api.as.viewer, "  viewer@example.org ");
    expect(mine.statusCode).toBe(200);
    expect(mine.json()).toMatchObject({ email: "viewer@example.org" });
    expect((await put(api.as.viewer, "not an address")).statusCode).toBe(400);
    expect((await api.as.viewer.call("GET", "/api/notifications/settings")).json()).toMatchObject({
      email: "viewer@example.org",
    });
    expect((await put(api.as.viewer, "")).json()).toMatchObject({ email: null });
    const byAdmin = await api.as.admin.call("PUT", `/api/users/${api.as.viewer.userId}/email`, {
      email: "zhang.san@wjw.example.cn",
    });
    expect(byAdmin.statusCode).toBe(200);
    expect((await api.as.viewer.call("GET", "/api/notifications/settings")).json()).toMatchObject({
      email: "zhang.san@wjw.example.cn",
    });
    const audit = await api.services.audit.list({ action: "user.email" }, { page: 1, pageSize: 10 });
    expect(audit.items.map((a) => a.user_id)).toContain(api.as.admin.userId);
  });

  it("does not tell users about their own action", async () => {
    const rows = await NotificationService.notify(
      api.handle.db,
      {
        unitId: api.unitB,
        kind: "test.self",
        title: "自己",
        body: "b",
        exceptUserId: api.as.reporter2.userId,
      },
      { email: false },
    );
    expect(rows).toEqual([]);
  });

  it("sends the mail by SMTP with its Chinese subject, and retries one that failed", async () => {
    const db = api.handle.db;
    await new NotificationRepository(db).setEmail(api.as.reporter2.userId, "reporter2@example.org");
    const title = "【催办】推进健康城市建设已超期3个工作日";
    const publicUrl = process.env.MUBIAO_PUBLIC_URL;
    process.env.MUBIAO_PUBLIC_URL = "https://mubiao.example.cn/";
    await NotificationService.notify(
      db,
      {
        unitId: api.unitB,
        kind: "supervision.chase",
        title,
        body: "请尽快办理并反馈。",
        link: "/supervision",
      },
      { email: true },
    );
    const repo = new NotificationRepository(db);
    const queued = (await repo.outbox()).filter((m) => m.subject === title);
    expect(queued.map((m) => [m.to_address, m.status])).toEqual([["reporter2@example.org", "pending"]]);
    if (publicUrl === undefined) delete process.env.MUBIAO_PUBLIC_URL;
    else process.env.MUBIAO_PUBLIC_URL = publicUrl;
    // the mailed link is absolute: the public URL before the app's path
    expect(queued[0]?.body).toBe("请尽快办理并反馈。\n\nhttps://mubiao.example.cn/supervision");

    // nothing listens on this port: the send fails, the mail stays pending with its error
    const closed = await startReceiver();
    const deadPort = closed.port;
    await closed.close();
    const dead = smtpSenderFromEnv(db, { MUBIAO_SMTP_URL: `smtp://127.0.0.1:${deadPort}` });
    if (!dead) throw new Error("sender expected");
    const t0 = new Date();
    expect(await dead.drain(() => t0)).toEqual({ sent: 0, failed: 1 });
    const failed = (await repo.outbox()).find((m) => m.subject === title);
    expect(failed).toMatchObject({ status: "pending", attempts: 1 });
    expect(failed?.last_error).toBeTruthy();
    // not retried before its backoff is over
    const receiver = await startReceiver();
    try {
      const live = smtpSenderFromEnv(db, { MUBIAO_SMTP_URL: `smtp://127.0.0.1:${receiver.port}` });
      if (!live) throw new Error("sender expected");
      expect(await live.drain(() => t0)).toEqual({ sent: 0, failed: 0 });
      const later = new Date(t0.getTime() + retryDelayMs(1) + 1000);
      expect(await live.drain(() => later)).toEqual({ sent: 1, failed: 0 });
      expect(receiver.mails).toHaveLength(1);
      expect(receiver.mails[0]?.to).toEqual(["reporter2@example.org"]);
      expect(receiver.mails[0]?.subject).toBe(title);
      expect((await repo.outbox()).find((m) => m.subject === title)).toMatchObject({
        status: "sent",
        attempts: 2,
      });
      // sent once: a further pass sends nothing
      expect(await live.drain(() => later)).toEqual({ sent: 0, failed: 0 });
      expect(receiver.mails).toHaveLength(1);
    } finally {
      await receiver.close();
    }
  });

  it("queues no mail for users without an address, nor when SMTP is not configured", async () => {
    const db = api.handle.db;
    const repo = new NotificationRepository(db);
    const before = (await repo.outbox()).length;
    await NotificationService.notify(
      db,
      { unitId: api.unitA, kind: "k", title: "无地址", body: "b" },
      { email: true },
    );
    const prev = process.env.MUBIAO_SMTP_URL;
    delete process.env.MUBIAO_SMTP_URL;
    await NotificationService.notify(db, { unitId: api.unitB, kind: "k", title: "未配置", body: "b" });
    if (prev !== undefined) process.env.MUBIAO_SMTP_URL = prev;
    expect((await repo.outbox()).length).toBe(before);
  });
});
