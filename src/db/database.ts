/**
 * Opens the database: SQLite (better-sqlite3, WAL) in a file under the data directory by default, or
 * PostgreSQL when a `postgres://` URL is given. Migrations run before the handle is returned.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, PostgresDialect, SqliteDialect } from "kysely";
import pg from "pg";
import { engineOf, type Engine } from "./engine.js";
import { migrateToLatest } from "./migrate.js";
import { seedCatalogue } from "./catalogue.seed.js";
import type { Database } from "./schema.js";

export type Db = Kysely<Database>;

export interface DatabaseConfig {
  /** `postgres://…` selects PostgreSQL; absent, the SQLite file under `dataDir` is used. */
  databaseUrl?: string | undefined;
  /** Directory of the SQLite file (`mubiao.db`); `./data` by default. */
  dataDir?: string | undefined;
  /** Explicit SQLite file (tests use temp files); wins over `dataDir`. */
  sqliteFile?: string | undefined;
  /** PostgreSQL schema to work in (tests isolate suites this way); `public` by default. */
  pgSchema?: string | undefined;
}

export interface DatabaseHandle {
  db: Db;
  engine: Engine;
  /** Human-readable location, for the server's start-up line (never includes a password). */
  location: string;
  close(): Promise<void>;
}

// PostgreSQL returns int8 (count(*)) as strings to stay exact; our counts are far below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

export function isPostgresUrl(url: string | undefined): url is string {
  return url !== undefined && /^postgres(ql)?:\/\//.test(url);
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, "//$1:***@");
}

export async function openDatabase(config: DatabaseConfig = {}): Promise<DatabaseHandle> {
  const handle = isPostgresUrl(config.databaseUrl)
    ? openPostgres(config.databaseUrl, config.pgSchema)
    : openSqlite(config);
  try {
    await migrateToLatest(handle.db as Kysely<unknown>);
    await seedCatalogue(handle.db);
  } catch (error) {
    await handle.close();
    throw error;
  }
  return handle;
}

function openSqlite(config: DatabaseConfig): DatabaseHandle {
  let file = config.sqliteFile;
  if (!file) {
    const dir = config.dataDir ?? "data";
    mkdirSync(dir, { recursive: true });
    file = join(dir, "mubiao.db");
  }
  const sqlite = new SQLite(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  return { db, engine: engineOf(db as Kysely<unknown>), location: file, close: () => db.destroy() };
}

function openPostgres(url: string, schema: string | undefined): DatabaseHandle {
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    engine: engineOf(db as Kysely<unknown>),
    location: redact(url) + (schema ? ` (schema ${schema})` : ""),
    close: () => db.destroy(),
  };
}
