/**
 * Crash safety: the real server in a child process takes concurrent writes (observations from several
 * reporters' loops, plan uploads — each a batch of document, plan, sections, tasks and quantities in one
 * transaction) and is killed with SIGKILL at a seeded random moment; on PostgreSQL the database server
 * itself is also crashed (`pg_ctl stop -m immediate`). After each kill the data must show: every request
 * acknowledged 2xx present with its exact content, no batch half there, every write with its audit entry,
 * and a database that opens cleanly (SQLite integrity_check ok). Several rounds on the same data; then a
 * backup taken from another process while the server writes restores to a consistent copy.
 * CRASH_SEED=n replays a run.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import SQLite from "better-sqlite3";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backupDatabase, restoreDatabase } from "../../src/db/backup.js";
import { openDatabase, type DatabaseConfig } from "../../src/db/database.js";
import { buildServices } from "../../src/server/app.js";
import { sessionCookie } from "../../src/server/auth.routes.js";
import {
  buildServer,
  postgresBin,
  seededRandom,
  startCluster,
  startServer,
  type Cluster,
  type Server,
} from "./processes.js";

const seed = Number(process.env.CRASH_SEED ?? 20261123);
const seedDir = new URL("../../../shared/seeds/", import.meta.url);
const seedTexts = readdirSync(seedDir)
  .filter((f) => f.endsWith(".txt"))
  .sort()
  .slice(0, 2)
  .map((f) => readFileSync(new URL(f, seedDir), "utf8"));
const password = "crash test password";

interface Fixture {
  unitId: string;
  indicatorId: string;
  /** Codes of the counties a DHIS2 dataValueSet reports for. */
  orgUnitCodes: string[];
}

/** Users and a unit, written before the server starts (no one-time password to replace). */
async function prepare(config: DatabaseConfig): Promise<Fixture> {
  const handle = await openDatabase(config);
  try {
    const services = buildServices(handle.db);
    const unit = await services.units.create("setup", {
      name: "崩溃测试单位",
      aliases: [],
      status: "confirmed",
    });
    for (const [username, roles, unitIds] of [
      ["admin", ["admin"], []],
      ["planner", ["planner"], []],
      ["reporter", ["reporter"], [unit.id]],
    ] as const)
      await services.auth.createUser(
        { username, displayName: username, roles: [...roles], unitIds: [...unitIds], password },
        null,
      );
    const indicator = await handle.db
      .selectFrom("indicators")
      .select("id")
      .orderBy("name")
      .executeTakeFirstOrThrow();
    const city = await services.orgUnits.create("setup", {
      name: "崩溃市",
      level: "city",
      parentId: null,
      code: "K",
    });
    const orgUnitCodes: string[] = [];
    for (let i = 1; i <= 20; i++) {
      const code = `K${String(i).padStart(2, "0")}`;
      await services.orgUnits.create("setup", {
        name: `崩溃县${i}`,
        level: "county",
        parentId: city.id,
        code,
      });
      orgUnitCodes.push(code);
    }
    return { unitId: unit.id, indicatorId: indicator.id, orgUnitCodes };
  } finally {
    await handle.close();
  }
}

interface Session {
  cookie: string;
  csrf: string;
}

async function login(address: string, username: string): Promise<Session> {
  const res = await fetch(`${address}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  expect(cookie.startsWith(`${sessionCookie}=`)).toBe(true);
  return { cookie, csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
}

interface AckedObservation {
  id: string;
  value: number;
  periodId: string;
}
interface AckedUpload {
  documentId: string;
  plans: Array<{ id: string; sections: number; tasks: number; targets: number; actuals: number }>;
}

interface AckedBatch {
  batchId: string;
  imported: number;
  values: Map<string, number>;
}

interface Ledger {
  observations: AckedObservation[];
  uploads: AckedUpload[];
  /** DHIS2 dataValueSets acknowledged 200: each a batch of many observations in one transaction. */
  batches: AckedBatch[];
  /** Answers other than 2xx that were not a dropped connection: must stay zero. */
  errors: string[];
}

/** Writes until the server stops answering; records exactly what it acknowledged. */
async function load(
  address: string,
  reporter: Session,
  planner: Session,
  fx: Fixture,
  round: number,
  ledger: Ledger,
): Promise<void> {
  let uploadNo = 0;
  const observe = async (writer: number) => {
    for (let i = 0; ; i++) {
      const value = round * 1_000_000 + writer * 10_000 + i + 0.25;
      const periodId = `2025M${String((i % 12) + 1).padStart(2, "0")}`;
      let res: Response;
      try {
        res = await fetch(`${address}/api/observations`, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            cookie: reporter.cookie,
            "x-csrf-token": reporter.csrf,
          },
          body: JSON.stringify({ indicatorId: fx.indicatorId, unitId: fx.unitId, periodId, value }),
        });
      } catch {
        return; // the server is gone
      }
      if (res.status === 201) {
        const body = (await res.json()) as { id: string };
        ledger.observations.push({ id: body.id, value, periodId });
      } else if (res.status < 500) ledger.errors.push(`observation ${res.status} ${await res.text()}`);
      else return; // a 500 while the database is crashing is not an acknowledgement
    }
  };
  const upload = async () => {
    for (;;) {
      // Numbers from 1000 up: below are the reference uploads, whose number is their seed.
      const n = ++uploadNo + round * 1000;
      // Trailing blanks make each copy a new document (new sha256) that reads exactly as its seed.
      const text = (seedTexts[n % seedTexts.length] ?? "") + "\n" + " ".repeat(n);
      const form = new FormData();
      form.append("file", new Blob([text], { type: "text/plain" }), `plan-${n}.txt`);
      let res: Response;
      try {
        res = await fetch(`${address}/api/plans`, {
          method: "POST",
          headers: { cookie: planner.cookie, "x-csrf-token": planner.csrf },
          body: form,
        });
      } catch {
        return;
      }
      if (res.status === 201) ledger.uploads.push((await res.json()) as AckedUpload);
      else if (res.status < 500) ledger.errors.push(`upload ${res.status} ${await res.text()}`);
      else return;
    }
  };
  let batchNo = 0;
  const bulk = async () => {
    for (;;) {
      const n = ++batchNo;
      const values = new Map<string, number>();
      const dataValues = fx.orgUnitCodes.flatMap((orgUnit, o) =>
        [1, 2, 3, 4, 5, 6].map((m) => {
          const value = round * 1_000_000 + n * 1_000 + o * 10 + m;
          const period = `2024${String(m).padStart(2, "0")}`;
          values.set(`${orgUnit}|${period}`, value);
          return { dataElement: "HTN_MANAGED", period, orgUnit, value: String(value) };
        }),
      );
      let res: Response;
      try {
        res = await fetch(`${address}/api/observations/dataValueSets`, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            cookie: planner.cookie,
            "x-csrf-token": planner.csrf,
          },
          body: JSON.stringify({ dataValues }),
        });
      } catch {
        return;
      }
      if (res.status === 200) {
        // New keys and keys whose earlier value this batch replaces: both are rows of the batch.
        const body = (await res.json()) as { batchId: string; imported: number; replaced: number };
        ledger.batches.push({ batchId: body.batchId, imported: body.imported + body.replaced, values });
      } else if (res.status < 500) ledger.errors.push(`dataValueSets ${res.status} ${await res.text()}`);
      else return;
    }
  };
  await Promise.all([...Array.from({ length: 6 }, (_, w) => observe(w)), upload(), upload(), bulk()]);
}

/** The seed a stored copy was made from: its upload name carries the copy's number. */
const seedOf = (fileName: string): number =>
  Number(/plan-(\d+)\.txt$/.exec(fileName)?.[1] ?? -1) % seedTexts.length;

/** What the data must show after any crash. */
async function verify(
  config: DatabaseConfig,
  ledger: Ledger,
  reference: Map<number, number[]>,
): Promise<number> {
  const handle = await openDatabase(config);
  try {
    const db = handle.db;
    const observations = new Map(
      (await db.selectFrom("observations").selectAll().execute()).map((o) => [o.id, o]),
    );
    for (const a of ledger.observations) {
      const row = observations.get(a.id);
      expect(row, `acknowledged observation ${a.id} lost`).toBeDefined();
      expect(row?.value).toBe(a.value);
      expect(row?.period_id).toBe(a.periodId);
    }
    // Every observation came with its audit entry (one transaction), crash or not.
    const audited = new Set(
      (
        await db.selectFrom("audit_log").select("entity_id").where("entity", "=", "observation").execute()
      ).map((r) => r.entity_id),
    );
    // (A bulk import is audited once, as its batch.)
    for (const [id, o] of observations)
      if (!(o as { batch_id?: string | null }).batch_id)
        expect(audited.has(id), `observation ${id} without audit`).toBe(true);

    // Bulk imports: every acknowledged batch whole with its values; every stored batch whole (all or none).
    const batchRows = (
      await sql<{
        id: string;
        imported: number;
      }>`select id, imported + replaced as imported from import_batches`.execute(db)
    ).rows;
    const perBatch = new Map<string, number>();
    for (const o of observations.values()) {
      const batchId = (o as { batch_id?: string | null }).batch_id;
      if (batchId) perBatch.set(batchId, (perBatch.get(batchId) ?? 0) + 1);
    }
    const stored = new Map(batchRows.map((b) => [b.id, Number(b.imported)]));
    for (const [batchId, n] of perBatch)
      expect(stored.get(batchId), `rows of an unrecorded batch ${batchId}`).toBe(n);
    for (const [batchId, imported] of stored)
      expect(perBatch.get(batchId) ?? 0, `batch ${batchId}`).toBe(imported);
    for (const b of ledger.batches) {
      expect(stored.get(b.batchId), `acknowledged batch ${b.batchId} lost`).toBe(b.imported);
      const values = [...observations.values()]
        .filter((o) => (o as { batch_id?: string | null }).batch_id === b.batchId)
        .map((o) => o.value)
        .sort((x, y) => x - y);
      expect(values).toEqual([...b.values.values()].sort((x, y) => x - y));
    }

    const count = async (table: "sections" | "tasks", planId: string) =>
      Number(
        (
          await db
            .selectFrom(table)
            .select((e) => e.fn.countAll<number>().as("n"))
            .where("plan_id", "=", planId)
            .executeTakeFirstOrThrow()
        ).n,
      );
    const quantities = async (planId: string) =>
      Number(
        (
          await db
            .selectFrom("quantities")
            .select((e) => e.fn.countAll<number>().as("n"))
            .where("plan_id", "=", planId)
            .executeTakeFirstOrThrow()
        ).n,
      );
    for (const u of ledger.uploads)
      for (const p of u.plans) {
        expect(await count("sections", p.id)).toBe(p.sections);
        expect(await count("tasks", p.id)).toBe(p.tasks);
        expect(await quantities(p.id)).toBe(p.targets + p.actuals);
      }
    // No batch half there: every stored document (acknowledged or not) has all of its plans' rows.
    const documents = await db.selectFrom("documents").select(["id", "file_name"]).execute();
    for (const d of documents) {
      const plans = await db
        .selectFrom("plans")
        .select("id")
        .where("document_id", "=", d.id)
        .orderBy("position")
        .execute();
      const expected = reference.get(seedOf(d.file_name));
      const got = [];
      for (const p of plans)
        got.push((await count("tasks", p.id)) + (await count("sections", p.id)) + (await quantities(p.id)));
      if (expected) expect(got, `document ${d.id}`).toEqual(expected);
      else expect(plans.length).toBeGreaterThan(0);
    }
    return documents.length;
  } finally {
    await handle.close();
  }
}

function integrityCheck(file: string): void {
  const sqlite = new SQLite(file);
  try {
    expect(sqlite.pragma("integrity_check", { simple: true })).toBe("ok");
    expect(sqlite.pragma("foreign_key_check")).toEqual([]);
  } finally {
    sqlite.close();
  }
}

/** Rows per plan (sections + tasks + quantities) of each seed, from one upload before any kill. */
async function referenceCounts(address: string, planner: Session, config: DatabaseConfig) {
  const ledger: Ledger = { observations: [], uploads: [], batches: [], errors: [] };
  const reference = new Map<number, number[]>();
  for (const [i, text] of seedTexts.entries()) {
    const form = new FormData();
    form.append("file", new Blob([text]), `plan-${i}.txt`);
    const res = await fetch(`${address}/api/plans`, {
      method: "POST",
      headers: { cookie: planner.cookie, "x-csrf-token": planner.csrf },
      body: form,
    });
    expect(res.status).toBe(201);
    const body = (await res.json()) as AckedUpload;
    ledger.uploads.push(body);
    reference.set(
      i,
      body.plans.map((p) => p.sections + p.tasks + p.targets + p.actuals),
    );
  }
  await verify(config, ledger, new Map());
  return reference;
}

/** Waits until this round has acknowledged at least one upload and one bulk batch (or 30 s passed). */
async function busy(ledger: Ledger): Promise<void> {
  const [uploads, batches] = [ledger.uploads.length, ledger.batches.length];
  const until = Date.now() + 30_000;
  while ((ledger.uploads.length === uploads || ledger.batches.length === batches) && Date.now() < until)
    await new Promise((r) => setTimeout(r, 50));
}

let launcher = "";
beforeAll(() => {
  launcher = buildServer();
}, 300_000);

const rounds = 4;

describe("SIGKILL under load (SQLite)", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "mubiao-crash-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it(`loses no acknowledged write and shows no half batch, over ${rounds} kills (seed ${seed})`, async () => {
    const config = { dataDir: dir };
    const fx = await prepare(config);
    const random = seededRandom(seed);
    const ledger: Ledger = { observations: [], uploads: [], batches: [], errors: [] };
    let server: Server = await startServer(launcher, ["--data", dir]);
    let stored = 0;
    const reference = await referenceCounts(server.address, await login(server.address, "planner"), config);
    for (let round = 1; round <= rounds; round++) {
      const [reporter, planner] = [
        await login(server.address, "reporter"),
        await login(server.address, "planner"),
      ];
      const writing = load(server.address, reporter, planner, fx, round, ledger);
      await busy(ledger);
      await new Promise((r) => setTimeout(r, random() * 800));
      await server.kill();
      await writing;
      integrityCheck(join(dir, "mubiao.db"));
      stored = await verify(config, ledger, reference);
      server = await startServer(launcher, ["--data", dir]);
    }
    const health = await fetch(`${server.address}/api/health`);
    expect(health.status).toBe(200);
    console.info(
      `[crash sqlite] seed ${seed}: ${rounds} kills, ${ledger.observations.length} observations, ${ledger.uploads.length} uploads and ${ledger.batches.length} bulk batches acknowledged, ${stored} documents stored, all intact`,
    );
    // A backup taken from another process while the server writes is one consistent snapshot: restored
    // elsewhere, every batch in it is whole and every write audited.
    const during: Ledger = { observations: [], uploads: [], batches: [], errors: [] };
    const writing = load(
      server.address,
      await login(server.address, "reporter"),
      await login(server.address, "planner"),
      fx,
      rounds + 1,
      during,
    );
    await busy(during);
    const archive = join(dir, "during.mubiao.gz");
    const live = await openDatabase(config);
    try {
      await backupDatabase(live.db, archive);
    } finally {
      await live.close();
    }
    await server.kill();
    await writing;
    const restoredDir = join(dir, "restored");
    const restored = await openDatabase({ dataDir: restoredDir });
    try {
      await restoreDatabase(restored.db, archive);
    } finally {
      await restored.close();
    }
    integrityCheck(join(restoredDir, "mubiao.db"));
    const copied = await verify({ dataDir: restoredDir }, { ...ledger, errors: [] }, reference);
    expect(copied).toBeGreaterThanOrEqual(stored);
    expect(during.errors).toEqual([]);
    expect(ledger.errors).toEqual([]);
    // The rounds did real work: many acknowledged writes, and batches in flight at some kills.
    expect(ledger.observations.length).toBeGreaterThanOrEqual(2 * rounds);
    expect(ledger.uploads.length).toBeGreaterThan(rounds);
    expect(ledger.batches.length).toBeGreaterThanOrEqual(rounds);
  }, 240_000);
});

const pgBin = postgresBin();
const pgSkip = pgBin
  ? null
  : "no PostgreSQL binaries under /usr/lib/postgresql (install postgresql to run the PostgreSQL crash rounds)";
if (pgSkip && process.env.CI === "true") throw new Error(`CI=true but ${pgSkip}`);
if (pgSkip) console.warn(`[crash tests] PostgreSQL rounds skipped: ${pgSkip}`);

describe.skipIf(pgSkip !== null)("SIGKILL of the server and crash of PostgreSQL under load", () => {
  let cluster: Cluster;
  beforeAll(async () => {
    cluster = await startCluster(pgBin ?? "");
  }, 60_000);
  afterAll(() => cluster?.destroy());

  it(`loses no acknowledged write and shows no half batch, over ${rounds} crashes (seed ${seed})`, async () => {
    const config = { databaseUrl: cluster.url };
    const env = { DATABASE_URL: cluster.url };
    const fx = await prepare(config);
    const random = seededRandom(seed + 1);
    const ledger: Ledger = { observations: [], uploads: [], batches: [], errors: [] };
    let server: Server = await startServer(launcher, [], env);
    let stored = 0;
    const reference = await referenceCounts(server.address, await login(server.address, "planner"), config);
    for (let round = 1; round <= rounds; round++) {
      const [reporter, planner] = [
        await login(server.address, "reporter"),
        await login(server.address, "planner"),
      ];
      const writing = load(server.address, reporter, planner, fx, round, ledger);
      await busy(ledger);
      await new Promise((r) => setTimeout(r, random() * 800));
      // Odd rounds crash PostgreSQL itself under the running server, even rounds kill the server.
      if (round % 2 === 1) {
        cluster.crash();
        await writing;
        await server.kill();
        cluster.start();
      } else {
        await server.kill();
        await writing;
      }
      stored = await verify(config, ledger, reference);
      server = await startServer(launcher, [], env);
    }
    expect((await fetch(`${server.address}/api/health`)).status).toBe(200);
    console.info(
      `[crash postgres] seed ${seed}: ${rounds} crashes, ${ledger.observations.length} observations, ${ledger.uploads.length} uploads and ${ledger.batches.length} bulk batches acknowledged, ${stored} documents stored, all intact`,
    );
    await server.kill();
    expect(ledger.errors).toEqual([]);
    expect(ledger.observations.length).toBeGreaterThanOrEqual(2 * rounds);
    expect(ledger.uploads.length).toBeGreaterThan(rounds);
    expect(ledger.batches.length).toBeGreaterThanOrEqual(rounds);
  }, 240_000);
});
