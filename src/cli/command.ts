/** The shape of a `mubiao` subcommand: the dispatcher in main.ts only knows this interface. */
import type { CliIo } from "./io.js";

export interface Command {
  /** One line for `mubiao --help`. */
  summary: string;
  /** Full usage text for `mubiao <command> --help`. */
  usage: string;
  /** Runs with the arguments after the command name; resolves to the exit code. */
  run(args: string[], io: CliIo): Promise<number>;
}

/** Exit codes: 0 ok, 1 unexpected failure, 2 bad usage or bad input. */
export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;
