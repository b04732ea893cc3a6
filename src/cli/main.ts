/** The `mubiao` command line: a dispatcher over the command table (commands.ts). */
import { readFileSync } from "node:fs";
import { EXIT } from "./command.js";
import { commands } from "./commands.js";
import { fail, processIo, type CliIo } from "./io.js";

function version(): string {
  const pkg: unknown = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8"));
  return typeof pkg === "object" && pkg !== null && "version" in pkg ? String(pkg.version) : "unknown";
}

function help(): string {
  const width = Math.max(...Object.keys(commands).map((n) => n.length));
  const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return [
    "mubiao — 卫生健康工作要点的数据化管理 (a health commission's work plan as data)",
    "",
    "usage: mubiao <command> [options]",
    "",
    "commands:",
    ...lines,
    "",
    "options:",
    "  -h, --help     show this help (or `mubiao <command> --help`)",
    "  -v, --version  print the version",
    "",
  ].join("\n");
}

/** Runs the CLI with `argv` (without node and script); resolves to the exit code. Never throws. */
export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "-h" || name === "--help" || name === "help") {
    // Asked for, help goes to stdout; a bare `mubiao` is a usage error and shows it on stderr.
    (name === undefined ? io.stderr : io.stdout).write(help());
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  if (name === "-v" || name === "--version" || name === "version") {
    io.stdout.write(`mubiao ${version()}\n`);
    return EXIT.ok;
  }
  const command = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!command) {
    fail(io, `未知命令 "${name}" (unknown command; see mubiao --help)`);
    return EXIT.usage;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    // Commands report expected problems themselves; this is the net for bugs, still without a stack trace.
    fail(io, `内部错误 (internal error: ${error instanceof Error ? error.message : String(error)})`);
    if (io.env.MUBIAO_DEBUG && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
    return EXIT.failure;
  }
}
