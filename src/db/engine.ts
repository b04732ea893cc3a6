/** Which database engine a Kysely instance talks to, for the few places where the SQL dialects differ. */
import { PostgresAdapter, type Kysely } from "kysely";

export type Engine = "sqlite" | "postgres";

export function engineOf(db: Kysely<unknown>): Engine {
  return db.getExecutor().adapter instanceof PostgresAdapter ? "postgres" : "sqlite";
}
