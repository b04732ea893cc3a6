/**
 * `mubiao import FILE...`: read each document and store its plans as drafts in the database, as an upload
 * through the API would; a document already imported (same bytes) is skipped. Exit 2 when a file failed.
 */
import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import { parseArgs } from "node:util";
import { databaseConfigFrom } from "../db/config.js";
import type { Db } from "../db/database.js";
import { AppError } from "../server/errors.js";
import { EXIT, type Command } from "./command.js";
import { fail, type CliIo } from "./io.js";
import { progressBar } from "./progress.js";

const USAGE = `usage: mubiao import [--data DIR] FILE...

Imports work plan documents (.txt, .html, .docx, .pdf) into the database as draft plans.
  --data DIR   directory of the SQLite database (default ./data, or DATA_DIR);
               DATABASE_URL=postgres://… selects PostgreSQL instead
  -h, --help   show this help
`;

export interface ImportTally {
  imported: number;
  skipped: number;
  failed: number;
}

/** Imports files one by one into an open database, reporting each on `io`. */
export async function importFiles(db: Db, files: string[], io: CliIo): Promise<ImportTally> {
  // Loaded on demand, so `mubiao extract` does not pay for the database drivers.
  const { ImportService } = await import("../server/import.service.js");
  const service = new ImportService(db);
  const progress = progressBar(io.stderr, files.length);
  const tally: ImportTally = { imported: 0, skipped: 0, failed: 0 };
  for (const file of files) {
    progress.tick(basename(file));
    try {
      const bytes = new Uint8Array(await readFile(file));
      const result = await service.importDocument({ bytes, fileName: basename(file), userId: null });
      progress.done();
      for (const p of result.plans)
        io.stdout.write(
          `✓ ${file}: ${p.title ?? "(无标题 untitled)"} — ${p.sections} sections, ${p.tasks} tasks, ${p.targets} targets, ${p.actuals} actuals\n`,
        );
      tally.imported++;
    } catch (error) {
      progress.done();
      if (error instanceof AppError && error.code === "DOCUMENT_ALREADY_IMPORTED") {
        io.stdout.write(`- ${file}: 已导入，跳过 (already imported, skipped)\n`);
        tally.skipped++;
      } else {
        tally.failed++;
        const code = (error as NodeJS.ErrnoException).code;
        fail(
          io,
          `文件 ${file}: ${error instanceof Error ? error.message : String(error)}${code ? ` (${code})` : ""}`,
        );
      }
    }
  }
  progress.done();
  return tally;
}

export const importCommand: Command = {
  summary: "导入工作计划 — store documents as draft plans in the database",
  usage: USAGE,
  async run(args, io) {
    let values: { data?: string | undefined; help?: boolean | undefined };
    let files: string[];
    try {
      const parsed = parseArgs({
        args,
        options: { data: { type: "string" }, help: { type: "boolean", short: "h" } },
        allowPositionals: true,
      });
      values = parsed.values;
      files = parsed.positionals;
    } catch (error) {
      fail(io, `import: 参数错误 (${error instanceof Error ? error.message : String(error)})`);
      io.stderr.write(USAGE);
      return EXIT.usage;
    }
    if (values.help) {
      io.stdout.write(USAGE);
      return EXIT.ok;
    }
    if (files.length === 0) {
      fail(io, "import: 请指定文件 (no FILE given)");
      io.stderr.write(USAGE);
      return EXIT.usage;
    }
    const { openDatabase } = await import("../db/database.js");
    const handle = await openDatabase(databaseConfigFrom(values, io.env));
    try {
      const started = performance.now();
      const tally = await importFiles(handle.db, files, io);
      const ms = (performance.now() - started).toFixed(0);
      io.stdout.write(
        `${tally.imported} imported, ${tally.skipped} skipped, ${tally.failed} failed in ${ms} ms (${handle.engine} ${handle.location})\n`,
      );
      return tally.failed > 0 ? EXIT.usage : EXIT.ok;
    } finally {
      await handle.close();
    }
  },
};
