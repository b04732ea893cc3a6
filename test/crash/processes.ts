/**
 * Real processes for the crash tests: the compiled `mubiao serve` in a child process (killed with SIGKILL),
 * and a throwaway PostgreSQL cluster started with initdb/pg_ctl (stopped with `-m immediate`, i.e. crashed).
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

const repo = new URL("../../", import.meta.url).pathname;

/**
 * Compiles src to a directory of its own (not the shared dist/, which other work may be rebuilding) and
 * returns a launcher script. tsc emits even when some file elsewhere has a type error in progress;
 * incremental, so a second run only recompiles what changed.
 */
export function buildServer(): string {
  const out = join(repo, "test-output", "crash-dist");
  spawnSync(
    process.execPath,
    [
      join(repo, "node_modules/typescript/bin/tsc"),
      "-p",
      "tsconfig.build.json",
      "--outDir",
      out,
      "--incremental",
      "--tsBuildInfoFile",
      join(out, ".tsbuildinfo"),
    ],
    {
      cwd: repo,
      stdio: "ignore",
    },
  );
  const main = join(out, "cli", "main.js");
  if (!existsSync(main)) throw new Error(`build failed: ${main} missing`);
  const launcher = join(out, "launch.mjs");
  writeFileSync(
    launcher,
    `import { main } from "./cli/main.js";\nprocess.exitCode = await main(process.argv.slice(2));\n`,
  );
  return launcher;
}

export interface Server {
  child: ChildProcess;
  address: string;
  output(): string;
  /** SIGKILL: no shutdown hook runs, exactly as a power cut or an OOM kill. */
  kill(): Promise<void>;
}

export async function startServer(
  launcher: string,
  args: string[],
  env: Record<string, string | undefined> = {},
): Promise<Server> {
  const child = spawn(process.execPath, [launcher, "serve", "--port", "0", ...args], {
    env: { ...process.env, ...env, PORT: "", HOST: "" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout?.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (out += d.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const address = await new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m?.[1]) {
        clearInterval(timer);
        resolve(m[1]);
      }
    }, 20);
    void exited.then(() => {
      clearInterval(timer);
      reject(new Error(`server exited before listening:\n${out}`));
    });
  });
  return {
    child,
    address,
    output: () => out,
    kill: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      await exited;
    },
  };
}

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const a = s.address();
      s.close(() => resolve(typeof a === "object" && a ? a.port : 0));
    });
  });
}

/** The newest installed PostgreSQL's bin directory, or null. */
export function postgresBin(): string | null {
  const base = "/usr/lib/postgresql";
  if (!existsSync(base)) return null;
  const versions = readdirSync(base)
    .filter((v) => existsSync(join(base, v, "bin", "pg_ctl")))
    .sort((a, b) => Number(a) - Number(b));
  const v = versions.at(-1);
  return v ? join(base, v, "bin") : null;
}

export interface Cluster {
  url: string;
  start(): void;
  /** `pg_ctl stop -m immediate`: the postmaster and its backends quit without a checkpoint (a crash). */
  crash(): void;
  destroy(): void;
}

/** A PostgreSQL cluster of its own, as the `postgres` user when we are root (initdb refuses root). */
export async function startCluster(bin: string): Promise<Cluster> {
  const dir = mkdtempSync(join(tmpdir(), "mubiao-crash-pg-"));
  chmodSync(dir, 0o777);
  const port = await freePort();
  const root = process.getuid?.() === 0;
  if (root && spawnSync("id", ["postgres"]).status !== 0)
    spawnSync("useradd", ["--system", "--no-create-home", "postgres"]);
  const run = (cmd: string[]) => {
    const quoted = cmd.map((c) => `'${c.replace(/'/g, "'\\''")}'`).join(" ");
    const r = root
      ? spawnSync("su", ["postgres", "-s", "/bin/sh", "-c", quoted], { encoding: "utf8" })
      : spawnSync("/bin/sh", ["-c", quoted], { encoding: "utf8" });
    if (r.status !== 0) throw new Error(`${cmd.join(" ")} failed: ${r.stdout}${r.stderr}`);
  };
  const data = join(dir, "data");
  run([join(bin, "initdb"), "-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync"]);
  // synchronous_commit stays on: an acknowledged commit must survive the crash. fsync=off only trusts
  // the operating system's page cache, which a process crash (not a power cut) does not lose.
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
  const start = () =>
    run([join(bin, "pg_ctl"), "-D", data, "-l", join(dir, "server.log"), "-w", "-o", options, "start"]);
  start();
  run([join(bin, "createdb"), "-h", "127.0.0.1", "-p", String(port), "-U", "postgres", "mubiao_crash"]);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/mubiao_crash`,
    start,
    crash: () => run([join(bin, "pg_ctl"), "-D", data, "-m", "immediate", "-w", "stop"]),
    destroy: () => {
      try {
        run([join(bin, "pg_ctl"), "-D", data, "-m", "immediate", "-w", "stop"]);
      } catch {
        // already stopped
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A small seeded generator (mulberry32), so a failing round can be replayed with the same seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
