#!/usr/bin/env node
// The `mubiao` command: a shim that runs the compiled CLI (built by `npm ci` through the prepare script).
import { main } from "../dist/cli/main.js";

// `mubiao extract … | head` closes the pipe early: that is the reader's choice, not an error to report.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error) => {
    if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw error;
  });
}

process.exitCode = await main(process.argv.slice(2));
