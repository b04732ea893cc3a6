/** `mubiao db migrate|reset`: bring the schema up to date, or empty the database and migrate anew. */
import { parseArgs } from "node:util";
import type { Kysely } from "kysely";
import { databaseConfigFrom } from "../db/config.js";
import { EXIT, type Command } from "./command.js";
import { fail } from "./io.js";

const USAGE = `usage: mubiao db migrate|reset [--data DIR]

  migrate   apply the migrations not yet applied (the server also does this at start)
  reset     DELETE EVERYTHING, then migrate: an empty database
`;

export const dbCommand: Command = {
  summary: "数据库 — migrate the schema, or reset the database",
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args,
      options: { data: { type: "string" }, help: { type: "boolean", short: "h" } },
      allowPositionals: true,
    });
    const [action] = positionals;
    if (values.help || (action !== "migrate" && action !== "reset")) {
      (values.help ? io.stdout : io.stderr).write(USAGE);
      if (!values.help) fail(io, "db: 请指定 migrate 或 reset (migrate or reset)");
      return values.help ? EXIT.ok : EXIT.usage;
    }
    // Opening migrates to the latest schema already.
    const [{ openDatabase }, { migrateDownToEmpty, migrateToLatest }] = await Promise.all([
      import("../db/database.js"),
      import("../db/migrate.js"),
    ]);
    const handle = await openDatabase(databaseConfigFrom(values, io.env));
    try {
      const db = handle.db as unknown as Kysely<unknown>;
      if (action === "reset") {
        const down = await migrateDownToEmpty(db);
        const up = await migrateToLatest(db);
        io.stdout.write(
          `reset ${handle.engine} ${handle.location}: ${down.length} migrations undone, ${up.length} applied\n`,
        );
      } else {
        io.stdout.write(`${handle.engine} ${handle.location}: schema up to date\n`);
      }
      return EXIT.ok;
    } finally {
      await handle.close();
    }
  },
};
