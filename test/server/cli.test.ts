/** The CLI's database commands end to end on a temp SQLite directory: import, user, db, serve. */
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { serve } from "../../src/cli/serve.command.js";
import { captureIo } from "../../src/cli/testing.js";

const seedDir = new URL("../../../shared/seeds/", import.meta.url).pathname;
const seeds = readdirSync(seedDir)
  .filter((f) => f.endsWith(".txt"))
  .sort()
  .map((f) => join(seedDir, f));

describe("mubiao import / user / db / serve (SQLite)", () => {
  let dir: string;
  let fresh: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "mubiao-cli-"));
    fresh = mkdtempSync(join(tmpdir(), "mubiao-serve-"));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(fresh, { recursive: true, force: true });
  });

  it("imports the seed documents, then skips them when imported again", async () => {
    const io = captureIo();
    expect(await main(["import", "--data", dir, ...seeds], io)).toBe(0);
    expect(io.out()).toMatch(new RegExp(`${seeds.length} imported, 0 skipped, 0 failed`));
    const again = captureIo();
    expect(await main(["import", "--data", dir, ...seeds.slice(0, 2)], again)).toBe(0);
    expect(again.out()).toContain("0 imported, 2 skipped, 0 failed");
  });

  it("reports a missing file on one line and exits 2", async () => {
    const io = captureIo();
    expect(await main(["import", "--data", dir, join(dir, "nope.txt")], io)).toBe(2);
    expect(io.err()).toMatch(/^mubiao: 文件 .*nope\.txt/m);
  });

  it("adds a user with a one-time password and lists it; refuses an unknown role", async () => {
    const io = captureIo();
    expect(await main(["user", "add", "wang", "--role", "planner", "--name", "王", "--data", dir], io)).toBe(
      0,
    );
    expect(io.out()).toMatch(/one-time password: \S{16}/);
    const list = captureIo();
    expect(await main(["user", "list", "--data", dir], list)).toBe(0);
    expect(list.out()).toContain("wang\tplanner\t王");
    const bad = captureIo();
    expect(await main(["user", "add", "li", "--role", "boss", "--data", dir], bad)).toBe(2);
  });

  it("serves: creates the first admin once, answers on loopback, and stops cleanly", async () => {
    const io = captureIo();
    let stop: (why: string) => void = () => undefined;
    const stopSignal = new Promise<string>((resolve) => (stop = resolve));
    let address = "";
    const running = serve(["--port", "0", "--data", fresh, "--import", seeds[0] ?? ""], io, {
      stopSignal,
      onListening: (a) => (address = a),
    });
    await expect.poll(() => address, { timeout: 20_000 }).not.toBe("");
    const password = /one-time password (\S+)/.exec(io.out())?.[1] ?? "";
    expect(password).toHaveLength(16);
    expect(io.out()).toContain("1 imported");
    const health = await fetch(`${address}/api/health`);
    expect(await health.json()).toEqual({ ok: true });
    const login = await fetch(`${address}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: "admin", password }),
    });
    expect(login.status).toBe(200);
    const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    // The one-time password must be replaced before anything else.
    expect((await fetch(`${address}/api/plans`, { headers: { cookie } })).status).toBe(403);
    const change = await fetch(`${address}/api/auth/password`, {
      method: "POST",
      headers: { cookie, "content-type": "application/json", "x-csrf-token": csrfToken },
      body: JSON.stringify({ currentPassword: password, newPassword: "my own long password" }),
    });
    expect(change.status).toBe(204);
    const plans = await fetch(`${address}/api/plans`, { headers: { cookie } });
    expect(((await plans.json()) as { total: number }).total).toBeGreaterThan(0);
    stop("test");
    expect(await running).toBe(0);
    expect(io.out()).toContain("stopping (test)");

    // A second start on the same data creates no new admin.
    const second = captureIo();
    let stop2: (why: string) => void = () => undefined;
    const signal2 = new Promise<string>((resolve) => (stop2 = resolve));
    const run2 = serve(["--port", "0", "--data", fresh], second, {
      stopSignal: signal2,
      onListening: () => stop2("done"),
    });
    expect(await run2).toBe(0);
    expect(second.out()).not.toContain("one-time password");
  });

  it("migrates and resets the database", async () => {
    const io = captureIo();
    expect(await main(["db", "migrate", "--data", dir], io)).toBe(0);
    expect(io.out()).toContain("schema up to date");
    const reset = captureIo();
    expect(await main(["db", "reset", "--data", dir], reset)).toBe(0);
    const again = captureIo();
    expect(await main(["import", "--data", dir, seeds[0] ?? ""], again)).toBe(0);
    expect(again.out()).toContain("1 imported");
  });
});
