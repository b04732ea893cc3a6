/** The audit log: who did what to which entity, when, with the state before and after. Append-only. */
import type { Kysely } from "kysely";
import { offsetOf, type Page, type PageRequest } from "./page.js";
import type { AuditLogRow, Database } from "./schema.js";

export interface AuditEntry {
  userId: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  before?: unknown;
  after?: unknown;
}

export interface AuditFilter {
  entity?: string | undefined;
  entityId?: string | undefined;
  userId?: string | undefined;
  action?: string | undefined;
  /** First day included, YYYY-MM-DD (UTC). */
  from?: string | undefined;
  /** Last day included, YYYY-MM-DD (UTC). */
  to?: string | undefined;
}

export class AuditRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async record(entry: AuditEntry): Promise<void> {
    await this.db
      .insertInto("audit_log")
      .values({
        at: new Date().toISOString(),
        user_id: entry.userId,
        action: entry.action,
        entity: entry.entity,
        entity_id: entry.entityId,
        before_json: entry.before === undefined ? null : JSON.stringify(entry.before),
        after_json: entry.after === undefined ? null : JSON.stringify(entry.after),
      })
      .execute();
  }

  async list(filter: AuditFilter, page: PageRequest): Promise<Page<AuditLogRow>> {
    let q = this.db.selectFrom("audit_log");
    if (filter.entity) q = q.where("entity", "=", filter.entity);
    if (filter.entityId) q = q.where("entity_id", "=", filter.entityId);
    if (filter.userId) q = q.where("user_id", "=", filter.userId);
    if (filter.action) q = q.where("action", "=", filter.action);
    // `at` is an ISO timestamp in UTC: day bounds compare as text on every engine.
    if (filter.from) q = q.where("at", ">=", filter.from);
    if (filter.to) q = q.where("at", "<", `${filter.to}T99`);
    const [items, count] = await Promise.all([
      q.selectAll().orderBy("id", "desc").limit(page.pageSize).offset(offsetOf(page)).execute(),
      q.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
    ]);
    return { items, total: Number(count.n), ...page };
  }
}
