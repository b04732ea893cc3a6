/**
 * The database engines every contract suite runs against: SQLite always (a temp file), PostgreSQL when
 * TEST_DATABASE_URL is set (`.ci/start-postgres.sh` sets it in CI), each suite in a schema of its own.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { openDatabase, type DatabaseHandle } from "../../src/db/database.js";
import type { Engine } from "../../src/db/engine.js";

export interface TestEngine {
  name: Engine;
  /** Why this engine is skipped here, or null when it runs. */
  skip: string | null;
  /** A fresh, migrated, empty database; `close` also removes it. */
  open(): Promise<DatabaseHandle>;
}

const pgUrl = process.env.TEST_DATABASE_URL;

if (process.env.CI === "true" && !pgUrl) {
  throw new Error(
    "CI=true but TEST_DATABASE_URL is not set: the PostgreSQL half of the suite would be skipped",
  );
}

if (!pgUrl)
  console.warn(
    "[db tests] PostgreSQL half skipped: TEST_DATABASE_URL is not set (source .ci/start-postgres.sh to run it)",
  );

async function openSqlite(): Promise<DatabaseHandle> {
  const dir = mkdtempSync(join(tmpdir(), "mubiao-db-"));
  const handle = await openDatabase({ sqliteFile: join(dir, "test.db") });
  return {
    ...handle,
    close: async () => {
      await handle.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function withAdmin<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function openPostgres(url: string): Promise<DatabaseHandle> {
  const schema = `t_${randomBytes(6).toString("hex")}`;
  await withAdmin(url, (c) => c.query(`create schema ${schema}`));
  const handle = await openDatabase({ databaseUrl: url, pgSchema: schema });
  return {
    ...handle,
    close: async () => {
      await handle.close();
      await withAdmin(url, (c) => c.query(`drop schema ${schema} cascade`));
    },
  };
}

export const engines: TestEngine[] = [
  { name: "sqlite", skip: null, open: openSqlite },
  {
    name: "postgres",
    skip: pgUrl
      ? null
      : "TEST_DATABASE_URL is not set (run `source .ci/start-postgres.sh` to start a local server)",
    open: () => openPostgres(pgUrl ?? ""),
  },
];

/** The engines that run here (the reason for a skipped one is printed when this module loads). */
export function enginesToRun(): TestEngine[] {
  return engines.filter((e) => !e.skip);
}
