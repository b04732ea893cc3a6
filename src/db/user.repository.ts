/** Accounts: users, their roles, the units a reporter is bound to, and their login sessions. */
import type { Kysely } from "kysely";
import { offsetOf, type Page, type PageRequest } from "./page.js";
import type { Database, RoleName, SessionTable, UserRow } from "./schema.js";

export interface UserWithGrants extends UserRow {
  roles: RoleName[];
  unitIds: string[];
}

export class UserRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(user: UserRow): Promise<void> {
    await this.db.insertInto("users").values(user).execute();
  }

  async count(): Promise<number> {
    const r = await this.db
      .selectFrom("users")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  async findByUsername(username: string): Promise<UserRow | undefined> {
    return this.db.selectFrom("users").selectAll().where("username", "=", username).executeTakeFirst();
  }

  async get(id: string): Promise<UserWithGrants | undefined> {
    const row = await this.db.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirst();
    return row ? (await this.withGrants([row]))[0] : undefined;
  }

  async list(page: PageRequest, q?: string): Promise<Page<UserWithGrants>> {
    let query = this.db.selectFrom("users");
    if (q)
      query = query.where((eb) =>
        eb.or([eb("username", "like", `%${q}%`), eb("display_name", "like", `%${q}%`)]),
      );
    const [rows, count] = await Promise.all([
      query.selectAll().orderBy("username").limit(page.pageSize).offset(offsetOf(page)).execute(),
      query.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
    ]);
    return { items: await this.withGrants(rows), total: Number(count.n), ...page };
  }

  async setRoles(userId: string, roles: readonly RoleName[]): Promise<void> {
    await this.db.deleteFrom("user_roles").where("user_id", "=", userId).execute();
    if (roles.length > 0)
      await this.db
        .insertInto("user_roles")
        .values(roles.map((role) => ({ user_id: userId, role })))
        .execute();
  }

  async setUnits(userId: string, unitIds: readonly string[]): Promise<void> {
    await this.db.deleteFrom("reporter_units").where("user_id", "=", userId).execute();
    if (unitIds.length > 0)
      await this.db
        .insertInto("reporter_units")
        .values(unitIds.map((unit_id) => ({ user_id: userId, unit_id })))
        .execute();
  }

  async update(
    id: string,
    patch: Partial<Pick<UserRow, "display_name" | "password_hash" | "must_change_password" | "disabled">>,
  ): Promise<void> {
    await this.db
      .updateTable("users")
      .set((eb) => ({ ...patch, version: eb("version", "+", 1) }))
      .where("id", "=", id)
      .execute();
  }

  async insertSession(session: SessionTable): Promise<void> {
    await this.db.insertInto("sessions").values(session).execute();
  }

  async findSession(id: string): Promise<SessionTable | undefined> {
    return this.db.selectFrom("sessions").selectAll().where("id", "=", id).executeTakeFirst();
  }

  async deleteSession(id: string): Promise<void> {
    await this.db.deleteFrom("sessions").where("id", "=", id).execute();
  }

  /** Ends every session of a user but one (after a password change) or all of them. */
  async deleteSessionsOf(userId: string, except?: string): Promise<void> {
    let q = this.db.deleteFrom("sessions").where("user_id", "=", userId);
    if (except) q = q.where("id", "!=", except);
    await q.execute();
  }

  async deleteExpiredSessions(now: string): Promise<void> {
    await this.db.deleteFrom("sessions").where("expires_at", "<", now).execute();
  }

  private async withGrants(rows: UserRow[]): Promise<UserWithGrants[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const [roles, units] = await Promise.all([
      this.db.selectFrom("user_roles").selectAll().where("user_id", "in", ids).orderBy("role").execute(),
      this.db
        .selectFrom("reporter_units")
        .selectAll()
        .where("user_id", "in", ids)
        .orderBy("unit_id")
        .execute(),
    ]);
    return rows.map((r) => ({
      ...r,
      roles: roles.filter((x) => x.user_id === r.id).map((x) => x.role),
      unitIds: units.filter((x) => x.user_id === r.id).map((x) => x.unit_id),
    }));
  }
}
