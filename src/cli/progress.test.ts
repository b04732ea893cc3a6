import { describe, expect, it } from "vitest";
import { progressBar } from "./progress.js";

const stream = (isTTY: boolean, columns?: number) => {
  const chunks: string[] = [];
  return { chunks, write: (s: string) => chunks.push(s), isTTY, columns };
};

describe("progressBar", () => {
  it("draws the share done and the file name on one rewritten line, then clears it", () => {
    const s = stream(true, 80);
    const bar = progressBar(s, 4);
    bar.tick("一.txt");
    bar.tick("二.docx");
    bar.done();
    expect(s.chunks).toEqual([
      `\r\x1b[K[${"#".repeat(8)}${"-".repeat(22)}] 1/4 一.txt`,
      `\r\x1b[K[${"#".repeat(15)}${"-".repeat(15)}] 2/4 二.docx`,
      "\r\x1b[K",
    ]);
  });

  it("shortens long names from the left and copes with a terminal reporting 0 columns", () => {
    const s = stream(true, 0);
    progressBar(s, 2).tick(`${"目录/".repeat(30)}计划.pdf`);
    expect(s.chunks[0]).toMatch(/\] 1\/2 ….*计划\.pdf$/);
    expect(s.chunks[0]?.length).toBeLessThanOrEqual(80);
  });

  it("stays silent when not on a terminal or for a single file", () => {
    const piped = stream(false);
    progressBar(piped, 5).tick("a.txt");
    const single = stream(true, 80);
    progressBar(single, 1).tick("a.txt");
    expect([...piped.chunks, ...single.chunks]).toEqual([]);
  });
});
