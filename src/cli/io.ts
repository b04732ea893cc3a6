/** The streams a command writes to, injectable so tests can capture output and choose TTY or not. */
export interface OutStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface CliIo {
  stdout: OutStream;
  stderr: OutStream;
  /** Environment variables (NO_COLOR is honoured). */
  env: Record<string, string | undefined>;
}

export const processIo = (): CliIo => ({ stdout: process.stdout, stderr: process.stderr, env: process.env });

/** Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org). */
export const wantsColor = (stream: OutStream, env: CliIo["env"]): boolean =>
  stream.isTTY === true && !env.NO_COLOR && env.TERM !== "dumb";

/** One-line failure for the user: no stack trace. */
export const fail = (io: CliIo, message: string): void => {
  io.stderr.write(`mubiao: ${message}\n`);
};
