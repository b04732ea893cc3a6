/** In-app notifications of users and the e-mail outbox that carries some of them out by SMTP. */
import { sql, type Kysely, type Selectable } from "kysely";
import type { Database, NotificationTable, OutboxTable } from "./schema.js";

export type NotificationRow = Selectable<NotificationTable>;
export type OutboxRow = Selectable<OutboxTable>;

export interface Recipient {
  id: string;
  email: string | null;
}

export class NotificationRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(rows: readonly NotificationRow[]): Promise<void> {
    if (rows.length > 0)
      await this.db
        .insertInto("notifications")
        .values([...rows])
        .execute();
  }

  /** Enabled users with these ids, with their e-mail. */
  async recipients(userIds: readonly string[]): Promise<Recipient[]> {
    if (userIds.length === 0) return [];
    const rows = await this.db
      .selectFrom("users")
      // `email` (supervision migration) is left out of UserRow so account code need not carry it
      .select(["id", sql<string | null>`email`.as("email")])
      .where("id", "in", [...userIds])
      .where("disabled", "=", 0)
      .execute();
    return rows.map((r) => ({ id: r.id, email: r.email ?? null }));
  }

  /** Enabled users bound to one of these units (its reporters). */
  async usersOfUnits(unitIds: readonly string[]): Promise<string[]> {
    if (unitIds.length === 0) return [];
    const rows = await this.db
      .selectFrom("reporter_units")
      .innerJoin("users", "users.id", "reporter_units.user_id")
      .select("users.id")
      .distinct()
      .where("reporter_units.unit_id", "in", [...unitIds])
      .where("users.disabled", "=", 0)
      .execute();
    return rows.map((r) => r.id);
  }

  /** A user's notifications, unread first, newest first within each. */
  async listForUser(userId: string, limit: number, unreadOnly: boolean): Promise<NotificationRow[]> {
    let q = this.db.selectFrom("notifications").selectAll().where("user_id", "=", userId);
    if (unreadOnly) q = q.where("read_at", "is", null);
    return q
      .orderBy((eb) => eb.case().when("read_at", "is", null).then(0).else(1).end())
      .orderBy("created_at", "desc")
      .orderBy("id")
      .limit(limit)
      .execute();
  }

  async countUnread(userId: string): Promise<number> {
    const r = await this.db
      .selectFrom("notifications")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("user_id", "=", userId)
      .where("read_at", "is", null)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  async get(id: string): Promise<NotificationRow | undefined> {
    return this.db.selectFrom("notifications").selectAll().where("id", "=", id).executeTakeFirst();
  }

  async markRead(id: string, userId: string, at: string): Promise<void> {
    await this.db
      .updateTable("notifications")
      .set({ read_at: at })
      .where("id", "=", id)
      .where("user_id", "=", userId)
      .where("read_at", "is", null)
      .execute();
  }

  async markAllRead(userId: string, at: string): Promise<number> {
    const r = await this.db
      .updateTable("notifications")
      .set({ read_at: at })
      .where("user_id", "=", userId)
      .where("read_at", "is", null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows);
  }

  async setEmail(userId: string, email: string | null): Promise<void> {
    await sql`update users set email = ${email} where id = ${userId}`.execute(this.db);
  }

  async enqueue(rows: readonly OutboxRow[]): Promise<void> {
    if (rows.length > 0)
      await this.db
        .insertInto("outbox")
        .values([...rows])
        .execute();
  }

  /** Pending mails whose next attempt is due. */
  async due(now: string, limit: number): Promise<OutboxRow[]> {
    return this.db
      .selectFrom("outbox")
      .selectAll()
      .where("status", "=", "pending")
      .where("next_attempt_at", "<=", now)
      .orderBy("created_at")
      .orderBy("id")
      .limit(limit)
      .execute();
  }

  /**
   * Claims a mail for one sender: moves its next attempt forward only if no other sender did first, so
   * two servers draining the same outbox never send one mail twice.
   */
  async claim(row: OutboxRow, until: string): Promise<boolean> {
    const r = await this.db
      .updateTable("outbox")
      .set({ next_attempt_at: until })
      .where("id", "=", row.id)
      .where("status", "=", "pending")
      .where("next_attempt_at", "=", row.next_attempt_at)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async markSent(id: string, at: string, attempts: number): Promise<void> {
    await this.db
      .updateTable("outbox")
      .set({ status: "sent", sent_at: at, attempts, last_error: null })
      .where("id", "=", id)
      .execute();
  }

  async markRetry(id: string, attempts: number, error: string, nextAttemptAt: string): Promise<void> {
    await this.db
      .updateTable("outbox")
      .set({ attempts, last_error: error.slice(0, 1000), next_attempt_at: nextAttemptAt })
      .where("id", "=", id)
      .execute();
  }

  async outbox(): Promise<OutboxRow[]> {
    return this.db.selectFrom("outbox").selectAll().orderBy("created_at").orderBy("id").execute();
  }
}
