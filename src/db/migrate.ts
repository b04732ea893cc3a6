/** Applies the migrations in code to a database: at every start, and by `npm run db:migrate`. */
import { Migrator, NO_MIGRATIONS, sql, type Kysely, type MigrationResult } from "kysely";
import { engineOf } from "./engine.js";
import { migrations } from "./migrations/index.js";

async function migrator(db: Kysely<unknown>): Promise<Migrator> {
  // Kysely looks for its bookkeeping tables in EVERY schema unless told which: with two Mubiao schemas in
  // one PostgreSQL database (tests, or a staging copy), the second would find the first's tables and fail.
  const schema =
    engineOf(db) === "postgres"
      ? (await sql<{ s: string }>`select current_schema() as s`.execute(db)).rows[0]?.s
      : undefined;
  return new Migrator({
    db,
    provider: { getMigrations: () => Promise.resolve(migrations) },
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
}

function check(results: MigrationResult[] | undefined, error: unknown): string[] {
  if (error) {
    const failed = results?.find((r) => r.status === "Error")?.migrationName;
    throw new Error(
      `migration ${failed ?? "?"} failed: ${error instanceof Error ? error.message : String(error)}`,
      {
        cause: error,
      },
    );
  }
  return (results ?? []).map((r) => r.migrationName);
}

/** Brings the schema to the latest migration; returns the names applied now (none when up to date). */
export async function migrateToLatest(db: Kysely<unknown>): Promise<string[]> {
  const { results, error } = await (await migrator(db)).migrateToLatest();
  return check(results, error);
}

/** Undoes every migration: an empty database again (`npm run db:reset` then migrates anew). */
export async function migrateDownToEmpty(db: Kysely<unknown>): Promise<string[]> {
  const { results, error } = await (await migrator(db)).migrateTo(NO_MIGRATIONS);
  return check(results, error);
}
