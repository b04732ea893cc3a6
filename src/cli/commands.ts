/** The command table: adding a subcommand (serve, import, user …) is one entry here and one module. */
import type { Command } from "./command.js";
import { extractCommand } from "./extract.command.js";

export const commands: Record<string, Command> = {
  extract: extractCommand,
};
