/**
 * The real server for browser tests: the app of src/server/app.ts over a fresh SQLite file in a temp
 * directory, listening on a free loopback port, serving the built web app (built here if missing).
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { openDatabase } from "../src/db/database.js";
import { buildApp, type Services } from "../src/server/app.js";

export const repoRoot = fileURLToPath(new URL("../", import.meta.url));
export const password = "e2e-password-123";

export interface TestServer {
  url: string;
  services: Services;
  dir: string;
  /** Creates a user with the test password. */
  addUser(
    username: string,
    displayName: string,
    roles: Array<"admin" | "planner" | "reporter" | "viewer">,
    unitIds?: string[],
  ): Promise<string>;
  close(): Promise<void>;
}

export function ensureWebBuilt(): void {
  if (existsSync(join(repoRoot, "web/dist/index.html"))) return;
  execFileSync(
    process.execPath,
    [join(repoRoot, "node_modules/vite/bin/vite.js"), "build", "web", "--logLevel", "warn"],
    {
      cwd: repoRoot,
      stdio: "inherit",
    },
  );
}

export async function startServer(): Promise<TestServer> {
  ensureWebBuilt();
  const dir = mkdtempSync(join(tmpdir(), "mubiao-e2e-"));
  const handle = await openDatabase({ sqliteFile: join(dir, "mubiao.db") });
  const { app, services } = await buildApp({ db: handle.db, secureCookies: false });
  const address = await app.listen({ host: "127.0.0.1", port: 0 });
  const addUser: TestServer["addUser"] = async (username, displayName, roles, unitIds = []) =>
    (await services.auth.createUser({ username, displayName, roles, unitIds, password }, null)).user.id;
  return {
    url: address,
    services,
    dir,
    addUser,
    close: async () => {
      await app.close();
      await handle.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
