import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { commands } from "./commands.js";
import { main } from "./main.js";
import { captureIo } from "./testing.js";

const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
  version: string;
};

describe("main", () => {
  it("prints the version", async () => {
    const io = captureIo();
    expect(await main(["--version"], io)).toBe(0);
    expect(io.out()).toBe(`mubiao ${pkg.version}\n`);
  });

  it("lists every command of the table in --help", async () => {
    const io = captureIo();
    expect(await main(["--help"], io)).toBe(0);
    for (const name of Object.keys(commands)) expect(io.out()).toMatch(new RegExp(`^  ${name} `, "m"));
  });

  it("shows usage on stderr with exit code 2 when no command is given", async () => {
    const io = captureIo();
    expect(await main([], io)).toBe(2);
    expect(io.out()).toBe("");
    expect(io.err()).toContain("usage: mubiao <command>");
  });

  it("rejects an unknown command in one line", async () => {
    const io = captureIo();
    expect(await main(["frobnicate"], io)).toBe(2);
    expect(io.err()).toBe('mubiao: 未知命令 "frobnicate" (unknown command; see mubiao --help)\n');
  });

  it("does not treat inherited object keys as commands", async () => {
    const io = captureIo();
    expect(await main(["toString"], io)).toBe(2);
  });
});
