/** A one-line progress bar on a terminal: "[#####-----] 3/10 name". Silent when the stream is not a TTY. */
import type { OutStream } from "./io.js";

export interface Progress {
  tick(label: string): void;
  done(): void;
}

const silent: Progress = { tick: () => undefined, done: () => undefined };

export function progressBar(stream: OutStream, total: number): Progress {
  if (stream.isTTY !== true || total < 2) return silent;
  let count = 0;
  // A pseudo-terminal may report 0 columns.
  const columns = stream.columns && stream.columns >= 40 ? stream.columns : 80;
  const width = Math.max(10, Math.min(30, columns - 50));
  const room = columns - width - 20;
  return {
    tick(label) {
      count++;
      const filled = Math.round((count / total) * width);
      const name = label.length > room ? `…${label.slice(-(room - 1))}` : label;
      stream.write(`\r\x1b[K[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${count}/${total} ${name}`);
    },
    done() {
      stream.write("\r\x1b[K");
    },
  };
}
