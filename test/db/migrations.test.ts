import { afterEach, describe, expect, it } from "vitest";
import { sql, type Kysely } from "kysely";
import { migrateDownToEmpty, migrateToLatest } from "../../src/db/migrate.js";
import { migrations } from "../../src/db/migrations/index.js";
import type { DatabaseHandle } from "../../src/db/database.js";
import { engines } from "./engines.js";

/** The tables of this suite's own database (on PostgreSQL, its own schema: other suites run beside it). */
async function tableNames(handle: DatabaseHandle): Promise<string[]> {
  let schema: string | undefined;
  if (handle.engine === "postgres") {
    const r = await sql<{ s: string }>`select current_schema() as s`.execute(handle.db);
    schema = r.rows[0]?.s;
  }
  const tables = await handle.db.introspection.getTables();
  return tables
    .filter((t) => schema === undefined || t.schema === schema)
    .map((t) => t.name)
    .filter((t) => !t.startsWith("kysely_"))
    .sort();
}

const expectedTables = [
  "assessment_adjustments",
  "assessment_items",
  "assessment_schemes",
  "audit_log",
  "documents",
  "evidence",
  "import_batches",
  "indicator_aliases",
  "indicator_units",
  "indicators",
  "notifications",
  "observation_rollups",
  "observations",
  "org_units",
  "outbox",
  "periods",
  "plans",
  "public_plans",
  "public_targets",
  "quantities",
  "rectification_items",
  "rectification_updates",
  "reporter_org_units",
  "reporter_units",
  "reporting_firsts",
  "roles",
  "sections",
  "sessions",
  "submissions",
  "supervision",
  "supervision_events",
  "supervision_notices",
  "task_progress",
  "task_units",
  "tasks",
  "unit_aliases",
  "units",
  "user_roles",
  "users",
];

describe.each(engines)("migrations on $name", (engine) => {
  let handle: DatabaseHandle | undefined;
  afterEach(async () => {
    await handle?.close();
    handle = undefined;
  });

  it.skipIf(engine.skip)("applies every migration to an empty database and creates every table", async () => {
    handle = await engine.open();
    expect(await tableNames(handle)).toEqual(expectedTables);
  });

  it.skipIf(engine.skip)("names migrations with a timestamp and applies none twice", async () => {
    handle = await engine.open();
    for (const name of Object.keys(migrations)) expect(name).toMatch(/^\d{4}-\d{2}-\d{2}T\d{4}_[a-z0-9-]+$/);
    expect(await migrateToLatest(handle.db as Kysely<unknown>)).toEqual([]);
  });

  it.skipIf(engine.skip)("migrates down to empty and up again", async () => {
    handle = await engine.open();
    const db = handle.db as Kysely<unknown>;
    expect(await migrateDownToEmpty(db)).toEqual(Object.keys(migrations).reverse());
    expect(await tableNames(handle)).toEqual([]);
    expect(await migrateToLatest(db)).toEqual(Object.keys(migrations));
  });

  it.skipIf(engine.skip)("refuses to update or delete an audit log entry", async () => {
    handle = await engine.open();
    const { db } = handle;
    await db
      .insertInto("audit_log")
      .values({
        at: new Date().toISOString(),
        user_id: null,
        action: "test",
        entity: "plan",
        entity_id: "p1",
        before_json: null,
        after_json: "{}",
      })
      .execute();
    await expect(db.updateTable("audit_log").set({ action: "forged" }).execute()).rejects.toThrow(
      /append-only/,
    );
    await expect(db.deleteFrom("audit_log").execute()).rejects.toThrow(/append-only/);
    const rows = await db.selectFrom("audit_log").select(["id", "action"]).execute();
    expect(rows).toEqual([{ id: 1, action: "test" }]);
  });

  it.skipIf(engine.skip)("stores and returns document bytes exactly", async () => {
    handle = await engine.open();
    const bytes = new Uint8Array([0, 1, 2, 255, 0xe4, 0xb8, 0xad]);
    await handle.db
      .insertInto("documents")
      .values({
        id: "d1",
        file_name: "a.txt",
        format: "txt",
        sha256: "x",
        size: bytes.length,
        bytes,
        text: "中",
        uploaded_by: null,
        uploaded_at: "2026-01-01T00:00:00.000Z",
      })
      .execute();
    const row = await handle.db.selectFrom("documents").select("bytes").executeTakeFirstOrThrow();
    expect(Array.from(row.bytes)).toEqual(Array.from(bytes));
    const n = await handle.db
      .selectFrom("roles")
      .select(sql<number>`count(*)`.as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(4);
  });
});
