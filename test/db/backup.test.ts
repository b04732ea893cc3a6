/**
 * Backup and restore round trips on each engine and across engines: every table's rows come back equal
 * (document bytes, audit log ids and order), the append-only trigger still refuses updates, sequences go
 * on above the restored ids, and corrupt, truncated, mismatched or non-empty cases are refused clearly.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { gunzipSync, gzipSync } from "node:zlib";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql, type Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  BackupError,
  backupDatabase,
  inspectTarget,
  listTables,
  restoreDatabase,
  treeOrder,
  verifyBackup,
} from "../../src/db/backup.js";
import { AuditRepository } from "../../src/db/audit.repository.js";
import type { Db } from "../../src/db/database.js";
import { buildDocx } from "../../src/extract/read/fixtures.js";
import { main } from "../../src/cli/main.js";
import { captureIo } from "../../src/cli/testing.js";
import { startApi, type Api } from "../server/harness.js";
import { enginesToRun, type TestEngine } from "./engines.js";

const seedDir = new URL("../../../shared/seeds/", import.meta.url);
const seeds = readdirSync(seedDir)
  .filter((f) => f.endsWith(".txt"))
  .sort();

type AnyDb = Kysely<Record<string, Record<string, unknown>>>;
const anyDb = (db: Db) => db as unknown as AnyDb;

const canonical = (v: unknown): unknown =>
  v instanceof Uint8Array ? `bytes:${Buffer.from(v).toString("hex")}` : v;

/** Every table's rows, canonically sorted (audit log by id, which is its order). */
async function dump(db: Db): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const t of await listTables(anyDb(db))) {
    const rows = (await anyDb(db).selectFrom(t.name).selectAll().execute()) as Record<string, unknown>[];
    const lines = rows.map((r) =>
      JSON.stringify(Object.fromEntries(t.columns.map((c) => [c, canonical(r[c])]))),
    );
    out[t.name] =
      t.name === "audit_log"
        ? rows
            .map((r, i) => [Number(r.id), lines[i] ?? ""] as const)
            .sort((a, b) => a[0] - b[0])
            .map((x) => x[1])
        : lines.sort();
  }
  return out;
}

/** A database with real content: seed plans, a .docx (binary bytes), an org unit tree, users, audit. */
async function populate(api: Api): Promise<void> {
  const admin = api.as.admin.userId;
  for (const f of seeds.slice(0, 2)) {
    await api.services.imports.importDocument({
      bytes: readFileSync(new URL(f, seedDir)),
      fileName: f,
      userId: admin,
    });
  }
  await api.services.imports.importDocument({
    bytes: buildDocx([
      "2025年卫生健康工作要点",
      "一、重点任务",
      "1.推进健康城市建设，年底前完成（甲单位牵头）。",
    ]),
    fileName: "要点.docx",
    userId: admin,
  });
  // A tree whose random ids sort children before parents half the time: restore must still load it.
  const province = await api.services.orgUnits.create(admin, {
    name: "省",
    level: "province",
    parentId: null,
    code: null,
  });
  for (let c = 0; c < 4; c++) {
    const city = await api.services.orgUnits.create(admin, {
      name: `市${c}`,
      level: "city",
      parentId: province.id,
      code: null,
    });
    for (let k = 0; k < 3; k++)
      await api.services.orgUnits.create(admin, {
        name: `县${c}-${k}`,
        level: "county",
        parentId: city.id,
        code: `C${c}${k}`,
      });
  }
  // Values: a reporter's observation in a submission, and a DHIS2 bulk import (a batch) where it exists.
  const indicatorId = (
    await api.handle.db.selectFrom("indicators").select("id").orderBy("name").executeTakeFirstOrThrow()
  ).id;
  const sub = await api.as.reporter.call("POST", "/api/submissions", {
    unitId: api.unitA,
    periodId: "2025Q1",
    note: "一季度",
  });
  expect(sub.statusCode, sub.body).toBe(201);
  const obs = await api.as.reporter.call("POST", "/api/observations", {
    indicatorId,
    unitId: api.unitA,
    periodId: "2025Q1",
    value: 12.5,
    submissionId: sub.json<{ id: string }>().id,
  });
  expect(obs.statusCode, obs.body).toBe(201);
  if (api.routes.some((r) => r.url === "/api/observations/dataValueSets" && r.method === "POST")) {
    const dataValues = [0, 1, 2, 3].flatMap((c) =>
      [0, 1, 2].map((k) => ({
        dataElement: "HTN_MANAGED",
        period: "202503",
        orgUnit: `C${c}${k}`,
        value: String(c * 10 + k),
      })),
    );
    const bulk = await api.as.planner.call("POST", "/api/observations/dataValueSets", { dataValues });
    expect(bulk.statusCode, bulk.body).toBe(200);
  }
}

async function tablesExist(db: Db): Promise<number> {
  return (await listTables(anyDb(db))).length;
}

describe.each(enginesToRun())("backup and restore ($name)", (engine: TestEngine) => {
  let api: Api;
  let dir: string;
  let archive: string;
  let source: Record<string, string[]>;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "mubiao-backup-"));
    api = await startApi(engine);
    await populate(api);
    archive = join(dir, "b.mubiao.gz");
    await backupDatabase(anyDb(api.handle.db), archive);
    source = await dump(api.handle.db);
  }, 120_000);
  afterAll(async () => {
    await api.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("writes a manifest with every table, its count and checksum, and the migration level", async () => {
    const manifest = await verifyBackup(archive);
    expect(manifest.engine).toBe(engine.name);
    expect(manifest.migration).toMatch(/^\d{4}-\d\d-\d\dT\d{4}_/);
    const names = manifest.tables.map((t) => t.name);
    expect(new Set(names)).toEqual(new Set(Object.keys(source)));
    for (const t of manifest.tables) {
      expect(t.rows).toBe(source[t.name]?.length);
      expect(t.sha256).toMatch(/^[0-9a-f]{64}$/);
    }
    // Parents before children: documents before plans before tasks; users before sessions.
    const at = (n: string) => names.indexOf(n);
    expect(at("documents")).toBeLessThan(at("plans"));
    expect(at("plans")).toBeLessThan(at("tasks"));
    expect(at("tasks")).toBeLessThan(at("task_units"));
    expect(at("users")).toBeLessThan(at("sessions"));
    expect(source.documents?.length).toBe(3);
    expect(source.org_units?.length).toBe(17);
    expect(source.observations?.length ?? 0).toBeGreaterThanOrEqual(1);
    expect(source.submissions?.length).toBe(1);
    expect((source.audit_log?.length ?? 0) > 20).toBe(true);
  });

  it("restores into a fresh database: every table equal, bytes and audit order included", async () => {
    const target = await engine.open();
    try {
      const result = await restoreDatabase(anyDb(target.db), archive);
      expect(result.replaced).toEqual([]);
      const restored = await dump(target.db);
      expect(restored).toEqual(source);
      const docx = await target.db
        .selectFrom("documents")
        .select(["bytes", "size"])
        .where("format", "=", "docx")
        .executeTakeFirstOrThrow();
      expect(Buffer.from(docx.bytes).subarray(0, 2).toString()).toBe("PK");
      expect(docx.bytes.byteLength).toBe(docx.size);
      // The append-only trigger is still in force after the restore.
      await expect(
        sql`update audit_log set action = 'tampered' where id = (select min(id) from audit_log)`.execute(
          target.db,
        ),
      ).rejects.toThrow(/append-only/);
      await expect(sql`delete from audit_log`.execute(target.db)).rejects.toThrow(/append-only/);
      // New entries continue above the restored ids (PostgreSQL's sequence was moved on).
      const maxBefore = Math.max(...(source.audit_log ?? []).map((l) => Number(JSON.parse(l).id)));
      await new AuditRepository(target.db).record({
        userId: null,
        action: "test.after-restore",
        entity: "test",
        entityId: null,
      });
      const last = await target.db
        .selectFrom("audit_log")
        .select(["id", "action"])
        .orderBy("id", "desc")
        .executeTakeFirstOrThrow();
      expect(last.action).toBe("test.after-restore");
      expect(last.id).toBeGreaterThan(maxBefore);
    } finally {
      await target.close();
    }
  });

  it("refuses a non-empty target and changes nothing; --force replaces it exactly", async () => {
    const target = await engine.open();
    try {
      await restoreDatabase(anyDb(target.db), archive);
      await new AuditRepository(target.db).record({
        userId: null,
        action: "local.change",
        entity: "test",
        entityId: null,
      });
      const before = await dump(target.db);
      const refusal = restoreDatabase(anyDb(target.db), archive);
      await expect(refusal).rejects.toBeInstanceOf(BackupError);
      await expect(refusal).rejects.toThrow(/不是空的.*not empty.*audit_log/);
      expect(await dump(target.db)).toEqual(before);
      const forced = await restoreDatabase(anyDb(target.db), archive, { force: true });
      expect(forced.replaced.map((t) => t.name)).toContain("audit_log");
      expect(await dump(target.db)).toEqual(source);
      // The trigger dropped for the clearing is back.
      await expect(sql`delete from audit_log`.execute(target.db)).rejects.toThrow(/append-only/);
    } finally {
      await target.close();
    }
  });

  it("refuses a truncated, tampered or mismatched archive before touching the target", async () => {
    const raw = gunzipSync(readFileSync(archive)).toString("utf8");
    const lines = raw.trimEnd().split("\n");
    const variants: Array<[string, Buffer, RegExp]> = [
      [
        "truncated gzip",
        readFileSync(archive).subarray(0, Math.floor(readFileSync(archive).length / 2)),
        /无法读取|truncated|不完整/,
      ],
      ["no manifest", gzipSync(lines.slice(0, -1).join("\n") + "\n"), /缺少清单|no manifest/],
      [
        "a changed row",
        gzipSync(raw.replace("省", "州")),
        /表 org_units 与清单不符|does not match the manifest/,
      ],
      [
        "another migration level",
        gzipSync(raw.replaceAll(/"migration":"[^"]*"/g, '"migration":"2020-01-01T0000_old"')),
        /迁移版本不一致|migration level mismatch/,
      ],
      ["not a backup", gzipSync("hello\n"), /不是 JSON|not JSON/],
      ["not gzip", Buffer.from('{"type":"header"}\n'), /无法读取|cannot read/],
    ];
    const target = await engine.open();
    try {
      const before = await inspectTarget(anyDb(target.db));
      for (const [name, bytes, message] of variants) {
        const file = join(dir, `bad-${name.replace(/\W/g, "_")}.gz`);
        writeFileSync(file, bytes);
        const attempt = restoreDatabase(anyDb(target.db), file);
        await expect(attempt, name).rejects.toBeInstanceOf(BackupError);
        await expect(attempt, name).rejects.toThrow(message);
      }
      expect(await inspectTarget(anyDb(target.db))).toEqual(before);
      expect(before.occupied).toEqual([]);
      expect(await tablesExist(target.db)).toBeGreaterThan(20);
    } finally {
      await target.close();
    }
  });
});

describe("backup across engines (SQLite ⇄ PostgreSQL)", () => {
  const [sqlite, postgres] = [
    enginesToRun().find((e) => e.name === "sqlite"),
    enginesToRun().find((e) => e.name === "postgres"),
  ];
  it.skipIf(!sqlite || !postgres)(
    "moves a database SQLite → PostgreSQL → SQLite unchanged",
    async () => {
      if (!sqlite || !postgres) return;
      const dir = mkdtempSync(join(tmpdir(), "mubiao-cross-"));
      const api = await startApi(sqlite);
      const pg = await postgres.open();
      const back = await sqlite.open();
      try {
        await populate(api);
        const source = await dump(api.handle.db);
        await backupDatabase(anyDb(api.handle.db), join(dir, "s.gz"));
        await restoreDatabase(anyDb(pg.db), join(dir, "s.gz"));
        expect(await dump(pg.db)).toEqual(source);
        await backupDatabase(anyDb(pg.db), join(dir, "p.gz"));
        expect((await verifyBackup(join(dir, "p.gz"))).engine).toBe("postgres");
        await restoreDatabase(anyDb(back.db), join(dir, "p.gz"));
        expect(await dump(back.db)).toEqual(source);
      } finally {
        await api.close();
        await pg.close();
        await back.close();
        rmSync(dir, { recursive: true, force: true });
      }
    },
    120_000,
  );
});

describe("mubiao backup / restore (CLI, SQLite)", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "mubiao-backup-cli-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("backs up a data dir, restores into another, refuses to overwrite it without --force", async () => {
    const src = join(dir, "src");
    const dst = join(dir, "dst");
    const file = join(dir, "x.mubiao.gz");
    const imp = captureIo();
    expect(await main(["import", "--data", src, new URL(seeds[0] ?? "", seedDir).pathname], imp)).toBe(0);
    const b = captureIo();
    expect(await main(["backup", "--data", src, "--out", file], b)).toBe(0);
    expect(b.out()).toMatch(/backup sqlite .* → .*x\.mubiao\.gz: \d+ tables, \d+ rows/);
    const r = captureIo();
    expect(await main(["restore", file, "--data", dst], r)).toBe(0);
    expect(r.out()).toMatch(/restored .* → sqlite/);
    const again = captureIo();
    expect(await main(["restore", file, "--data", dst], again)).toBe(2);
    expect(again.err()).toMatch(/already holds data:\n[^]*\n {2}documents: 1 rows\n/);
    expect(again.err()).toMatch(/目标数据库不是空的.*--force/);
    const forced = captureIo();
    expect(await main(["restore", file, "--data", dst, "--force"], forced)).toBe(0);
    expect(forced.out()).toMatch(/replacing everything in sqlite [^]*\n {2}documents: 1 rows\n/);
    const missing = captureIo();
    expect(await main(["restore", join(dir, "nope.gz"), "--data", dst], missing)).toBe(2);
    expect(missing.err()).toMatch(/^mubiao: restore: 无法读取备份文件/m);
    const usage = captureIo();
    expect(await main(["backup", "--data", src], usage)).toBe(2);
    expect(usage.err()).toContain("--out");
  });
});

describe("treeOrder", () => {
  it("puts parents before children whatever the input order, and keeps orphans", () => {
    const rows = [
      { id: "c", parent: "b" },
      { id: "x", parent: "missing" },
      { id: "b", parent: "a" },
      { id: "a", parent: null },
      { id: "d", parent: "a" },
    ];
    const order = treeOrder(rows, "parent", "id").map((r) => r.id);
    expect(order).toHaveLength(5);
    for (const r of rows)
      if (r.parent && order.includes(r.parent))
        expect(order.indexOf(r.parent)).toBeLessThan(order.indexOf(r.id));
  });
});
