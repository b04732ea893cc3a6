/**
 * `mubiao serve`: the HTTP API over the embedded SQLite file (or PostgreSQL via DATABASE_URL). Migrates
 * at start, creates the first admin on an empty database (its one-time password is printed once), can
 * import documents before listening (a demo: the seed plans), prints the address when ready and shuts
 * down cleanly on SIGTERM or SIGINT.
 */
import { parseArgs } from "node:util";
import { databaseConfigFrom } from "../db/config.js";
import { EXIT, type Command } from "./command.js";
import { fail, type CliIo } from "./io.js";

const USAGE = `usage: mubiao serve [--port 8080] [--host 127.0.0.1] [--data DIR] [--import FILE...]

Starts the API (OpenAPI at /api/openapi.json, browsable at /api/docs).
  --port N       port to listen on (PORT overrides; default 8080)
  --host H       address to bind (HOST overrides; default 127.0.0.1, use 0.0.0.0 to serve the network)
  --data DIR     directory of the SQLite database (default ./data, or DATA_DIR);
                 DATABASE_URL=postgres://… selects PostgreSQL instead
  --import       the remaining arguments are documents to import before serving (already imported
                 ones are skipped), e.g. --import ../shared/seeds/*.txt for a demo
  -h, --help     show this help
`;

export interface ServeOptions {
  /** Resolves when the server should stop (tests); by default the first SIGTERM or SIGINT. */
  stopSignal?: Promise<unknown>;
  /** Called with the address once listening (tests). */
  onListening?: (address: string) => void;
}

function signal(): Promise<string> {
  return new Promise((resolve) => {
    const stop = (name: string) => () => resolve(name);
    process.once("SIGTERM", stop("SIGTERM"));
    process.once("SIGINT", stop("SIGINT"));
  });
}

export async function serve(args: string[], io: CliIo, options: ServeOptions = {}): Promise<number> {
  let values: {
    port?: string | undefined;
    host?: string | undefined;
    data?: string | undefined;
    import?: boolean | undefined;
    help?: boolean | undefined;
  };
  let files: string[];
  try {
    const parsed = parseArgs({
      args,
      options: {
        port: { type: "string" },
        host: { type: "string" },
        data: { type: "string" },
        import: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
      allowPositionals: true,
    });
    values = parsed.values;
    files = parsed.positionals;
  } catch (error) {
    fail(io, `serve: 参数错误 (${error instanceof Error ? error.message : String(error)})`);
    io.stderr.write(USAGE);
    return EXIT.usage;
  }
  if (values.help) {
    io.stdout.write(USAGE);
    return EXIT.ok;
  }
  if (files.length > 0 && !values.import) {
    fail(io, `serve: 多余的参数 (unexpected arguments: ${files.join(" ")}; use --import FILE...)`);
    return EXIT.usage;
  }
  const port = Number(io.env.PORT || values.port || 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    fail(io, `serve: 端口无效 (bad port "${io.env.PORT || values.port}")`);
    return EXIT.usage;
  }
  const host = io.env.HOST || values.host || "127.0.0.1";

  // Loaded on demand, so `mubiao extract` does not pay for the server and the database drivers.
  const [{ openDatabase }, { buildApp }, { importFiles }] = await Promise.all([
    import("../db/database.js"),
    import("../server/app.js"),
    import("./import.command.js"),
  ]);
  const handle = await openDatabase(databaseConfigFrom(values, io.env));
  const { app, services } = await buildApp({ db: handle.db, secureCookies: "auto", backgroundJobs: true });
  try {
    const admin = await services.auth.ensureFirstAdmin();
    if (admin)
      io.stdout.write(
        `首次启动：已创建管理员 ${admin.username}，一次性密码 ${admin.password}（只显示这一次，登录后请修改）\n` +
          `first start: created user "${admin.username}" with one-time password ${admin.password} (shown once; change it after signing in)\n`,
      );
    if (files.length > 0) {
      const tally = await importFiles(handle.db, files, io);
      io.stdout.write(`${tally.imported} imported, ${tally.skipped} skipped, ${tally.failed} failed\n`);
    }
    const address = await app.listen({ port, host });
    io.stdout.write(
      `mubiao listening on ${address} (${handle.engine}: ${handle.location}); API docs at ${address}/api/docs\n`,
    );
    options.onListening?.(address);
    const why = await (options.stopSignal ?? signal());
    io.stdout.write(`stopping (${String(why)})…\n`);
    return EXIT.ok;
  } finally {
    await app.close();
    await handle.close();
  }
}

export const serveCommand: Command = {
  summary: "启动服务 — serve the API (SQLite under ./data, or DATABASE_URL)",
  usage: USAGE,
  run: (args, io) => serve(args, io),
};
