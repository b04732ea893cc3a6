/** A captured CliIo for tests: what a command wrote to stdout and stderr, with or without a terminal. */
import type { CliIo } from "./io.js";

export interface CapturedIo extends CliIo {
  out(): string;
  err(): string;
}

export function captureIo(options: { tty?: boolean; env?: Record<string, string> } = {}): CapturedIo {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const tty = options.tty ?? false;
  return {
    stdout: { write: (s: string) => stdout.push(s), isTTY: tty, columns: 100 },
    stderr: { write: (s: string) => stderr.push(s), isTTY: tty, columns: 100 },
    env: options.env ?? {},
    out: () => stdout.join(""),
    err: () => stderr.join(""),
  };
}
