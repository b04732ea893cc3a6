/**
 * Where the database is, from the command line and the environment: DATABASE_URL (postgres://…) wins,
 * then `--data DIR` / DATA_DIR for the SQLite file, then ./data.
 */
import type { DatabaseConfig } from "./database.js";

export function databaseConfigFrom(
  options: { data?: string | undefined },
  env: Record<string, string | undefined>,
): DatabaseConfig {
  return { databaseUrl: env.DATABASE_URL || undefined, dataDir: options.data ?? (env.DATA_DIR || "data") };
}
