/**
 * `mubiao backup` and `mubiao restore`: a logical, engine-neutral copy of the whole database (see
 * src/db/backup.ts). Restoring a SQLite backup into PostgreSQL is the way from a pilot to production.
 */
import { parseArgs } from "node:util";
import { databaseConfigFrom } from "../db/config.js";
import type { DatabaseConfig } from "../db/database.js";
import { EXIT, type Command } from "./command.js";
import { fail, type CliIo } from "./io.js";

const BACKUP_USAGE = `usage: mubiao backup --out FILE.mubiao.gz [--data DIR | --database-url postgres://…]

Writes every table of the database to one gzip'ed archive (rows, document bytes, audit log) with a
manifest (migration level, engine, row counts, sha256), from one consistent snapshot; safe while the
server runs.
  --out FILE          the archive to write
  --data DIR          directory of the SQLite database (default ./data, or DATA_DIR)
  --database-url URL  PostgreSQL instead (DATABASE_URL works too)
`;

const RESTORE_USAGE = `usage: mubiao restore FILE.mubiao.gz [--data DIR | --database-url postgres://…] [--force]

Loads an archive made by \`mubiao backup\` into an EMPTY database of either engine, in one transaction.
The archive is verified first (checksums, counts); the database must be at the archive's migration
level. Stop the server before restoring.
  --data DIR          directory of the SQLite database (created if missing)
  --database-url URL  PostgreSQL instead (DATABASE_URL works too)
  --force             replace a database that already holds data (what is replaced is printed first)
`;

type Parsed = { values: Record<string, string | boolean | undefined>; positionals: string[] };

function parse(args: string[], io: CliIo, name: string, usage: string): Parsed | number {
  try {
    const parsed = parseArgs({
      args,
      options: {
        out: { type: "string" },
        data: { type: "string" },
        "database-url": { type: "string" },
        force: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
      allowPositionals: true,
    });
    if (parsed.values.help) {
      io.stdout.write(usage);
      return EXIT.ok;
    }
    return parsed;
  } catch (error) {
    fail(io, `${name}: 参数错误 (${error instanceof Error ? error.message : String(error)})`);
    io.stderr.write(usage);
    return EXIT.usage;
  }
}

function configOf(values: Parsed["values"], io: CliIo): DatabaseConfig {
  const url = typeof values["database-url"] === "string" ? values["database-url"] : undefined;
  const data = typeof values.data === "string" ? values.data : undefined;
  // An explicit --data means SQLite even when DATABASE_URL is set in the environment.
  if (url) return { databaseUrl: url };
  if (data) return { dataDir: data };
  return databaseConfigFrom({}, io.env);
}

/** One line for the operator, no stack trace, for the problems a backup or restore expects. */
async function reported(io: CliIo, name: string, work: () => Promise<number>): Promise<number> {
  const { BackupError } = await import("../db/backup.js");
  try {
    return await work();
  } catch (error) {
    if (error instanceof BackupError) {
      fail(io, `${name}: ${error.message}`);
      return EXIT.usage;
    }
    throw error;
  }
}

export const backupCommand: Command = {
  summary: "备份 — write the whole database to one archive (either engine)",
  usage: BACKUP_USAGE,
  async run(args, io) {
    const parsed = parse(args, io, "backup", BACKUP_USAGE);
    if (typeof parsed === "number") return parsed;
    const out = parsed.values.out;
    if (typeof out !== "string" || parsed.positionals.length > 0) {
      fail(io, "backup: 请用 --out 指定备份文件 (give the archive with --out FILE)");
      io.stderr.write(BACKUP_USAGE);
      return EXIT.usage;
    }
    return reported(io, "backup", async () => {
      const [{ openDatabase }, { backupDatabase }] = await Promise.all([
        import("../db/database.js"),
        import("../db/backup.js"),
      ]);
      const handle = await openDatabase(configOf(parsed.values, io));
      try {
        const { manifest, bytes } = await backupDatabase(handle.db, out);
        const rows = manifest.tables.reduce((n, t) => n + t.rows, 0);
        io.stdout.write(
          `backup ${handle.engine} ${handle.location} → ${out}: ${manifest.tables.length} tables, ${rows} rows, ${bytes} bytes (migration ${manifest.migration ?? "none"})\n`,
        );
        return EXIT.ok;
      } finally {
        await handle.close();
      }
    });
  },
};

export const restoreCommand: Command = {
  summary: "恢复 — load a backup archive into an empty database (either engine)",
  usage: RESTORE_USAGE,
  async run(args, io) {
    const parsed = parse(args, io, "restore", RESTORE_USAGE);
    if (typeof parsed === "number") return parsed;
    const [file, ...extra] = parsed.positionals;
    if (file === undefined || extra.length > 0) {
      fail(io, "restore: 请指定一个备份文件 (give one archive to restore)");
      io.stderr.write(RESTORE_USAGE);
      return EXIT.usage;
    }
    return reported(io, "restore", async () => {
      const [{ openDatabase }, backup] = await Promise.all([
        import("../db/database.js"),
        import("../db/backup.js"),
      ]);
      // Verify before opening (and so creating) anything.
      const manifest = await backup.verifyBackup(file);
      const handle = await openDatabase(configOf(parsed.values, io));
      try {
        const state = await backup.inspectTarget(handle.db);
        if (state.occupied.length > 0) {
          const list = state.occupied.map((t) => `  ${t.name}: ${t.rows} rows`).join("\n");
          if (!parsed.values.force) {
            io.stderr.write(`${handle.engine} ${handle.location} already holds data:\n${list}\n`);
            fail(
              io,
              "restore: 目标数据库不是空的，未做任何更改 (the target is not empty; nothing changed — add --force to replace it)",
            );
            return EXIT.usage;
          }
          io.stdout.write(`replacing everything in ${handle.engine} ${handle.location}:\n${list}\n`);
        }
        const result = await backup.restoreDatabase(handle.db, file, { force: parsed.values.force === true });
        const rows = result.manifest.tables.reduce((n, t) => n + t.rows, 0);
        io.stdout.write(
          `restored ${file} (${manifest.engine}, ${manifest.createdAt}) → ${handle.engine} ${handle.location}: ${result.manifest.tables.length} tables, ${rows} rows\n`,
        );
        return EXIT.ok;
      } finally {
        await handle.close();
      }
    });
  },
};
