/** The command table: adding a subcommand (serve, import, user …) is one entry here and one module. */
import type { Command } from "./command.js";
import { extractCommand } from "./extract.command.js";
import { serveCommand } from "./serve.command.js";
import { importCommand } from "./import.command.js";
import { userCommand } from "./user.command.js";
import { dbCommand } from "./db.command.js";
import { backupCommand, restoreCommand } from "./backup.js";

export const commands: Record<string, Command> = {
  extract: extractCommand,
  serve: serveCommand,
  import: importCommand,
  user: userCommand,
  db: dbCommand,
  backup: backupCommand,
  restore: restoreCommand,
};
