// Stores a synthetic province (province.js) in a Mubiao database fast, for benchmarks: the database is
// opened (and migrated, catalogue seeded) through the application's own openDatabase, then filled with raw
// SQL — SQLite through prepared multi-row INSERTs in large transactions, PostgreSQL through COPY. The
// observation indexes are dropped for the load and rebuilt after it from their own definitions (one sort
// instead of millions of random index inserts). Observations are stored approved, outside any submission,
// in one import batch, as an exchange import would store them.
//
//   const result = await loadProvince(province, { databaseUrl })   // postgres://…  (or { sqliteFile })
//   → { engine, observations, ms: { total, observations, indexes }, ids: { orgUnits, indicators, user, batch } }
// `ids.indicators[i]` is the database id of `province.indicators[i]` (catalogue ones keep the seeded id).
// `{ observations: false }` loads everything but the observations (a tree and catalogue to import into).
import { createHash } from "node:crypto";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { performance } from "node:perf_hooks";
import SQLite from "better-sqlite3";
import pg from "pg";
import copyStreams from "pg-copy-streams";
import { openDatabase } from "../../dist/db/database.js";
import { ID_KIND, syntheticId } from "./province.js";

const OBSERVATION_CHUNK = 200_000;

function directionWord(d) {
  return d === "higher_is_better" ? "higher" : "lower";
}

async function catalogueIds(db) {
  const rows = await db
    .selectFrom("indicators")
    .select(["id", "code"])
    .where("code", "is not", null)
    .execute();
  return new Map(rows.map((r) => [r.code, r.id]));
}

/** The rows of every table but observations, in insertion order (parents first). */
function smallTables(province, ids, now) {
  const { seed } = province;
  const user = ids.user;
  const tables = [];
  tables.push([
    "users",
    [
      "id",
      "username",
      "display_name",
      "password_hash",
      "must_change_password",
      "disabled",
      "version",
      "created_at",
    ],
    [[user, `bench-${seed}`, "基准数据", "!", 0, 1, 1, now]],
  ]);
  tables.push([
    "org_units",
    ["id", "parent_id", "name", "level", "code", "version"],
    province.orgUnits.map((u) => [u.id, u.parentId, u.name, u.level, u.code, 1]),
  ]);
  tables.push([
    "indicators",
    [
      "id",
      "name",
      "unit",
      "direction",
      "description",
      "version",
      "code",
      "type",
      "numerator",
      "denominator",
      "references_json",
    ],
    province.indicators
      .filter((i) => i.synthetic)
      .map((i) => [
        i.id,
        i.name,
        i.unit,
        directionWord(i.direction),
        null,
        1,
        i.code,
        i.type,
        i.numerator,
        i.denominator,
        "[]",
      ]),
  ]);
  tables.push([
    "periods",
    ["id", "kind", "starts_on", "ends_on"],
    province.periods.map((p) => [p.id, p.kind, p.startsOn, p.endsOn]),
  ]);
  tables.push([
    "documents",
    ["id", "file_name", "format", "sha256", "size", "bytes", "text", "uploaded_by", "uploaded_at"],
    province.plans.map((p) => {
      const bytes = Buffer.from(p.text, "utf8");
      return [
        p.documentId,
        `${p.title}.txt`,
        "txt",
        createHash("sha256").update(bytes).digest("hex"),
        bytes.length,
        bytes,
        p.text,
        user,
        now,
      ];
    }),
  ]);
  const planOrg = new Map(province.orgUnits.map((u) => [u.id, u.name]));
  tables.push([
    "plans",
    [
      "id",
      "document_id",
      "position",
      "title",
      "issuer",
      "year",
      "status",
      "version",
      "start",
      "end",
      "quote",
      "created_by",
      "created_at",
      "updated_at",
      "published_by",
      "published_at",
    ],
    province.plans.map((p) => [
      p.id,
      p.documentId,
      0,
      p.title,
      planOrg.get(p.orgUnitId) ?? null,
      p.year,
      "published",
      1,
      0,
      p.text.length,
      p.text,
      user,
      now,
      now,
      user,
      now,
    ]),
  ]);
  tables.push([
    "quantities",
    [
      "id",
      "plan_id",
      "section_id",
      "kind",
      "position",
      "metric",
      "comparator",
      "value",
      "unit",
      "deadline",
      "baseline_json",
      "indicator_id",
      "link_status",
      "link_json",
      "start",
      "end",
      "quote",
      "review_status",
      "origin",
      "version",
    ],
    province.plans.flatMap((p) =>
      p.targets.map((t, k) => [
        t.id,
        p.id,
        null,
        "target",
        k,
        province.indicators[t.indicatorIndex].name,
        t.comparator,
        t.value,
        t.unit,
        t.deadline,
        null,
        ids.indicators[t.indicatorIndex],
        "confirmed",
        null,
        t.start,
        t.end,
        t.quote,
        "accepted",
        "extracted",
        1,
      ]),
    ),
  ]);
  return tables;
}

/** Observation columns present in this database (A1's status and the exchange's batch_id are optional). */
function observationColumns(present, ids, now) {
  const cols = [
    "id",
    "indicator_id",
    "unit_id",
    "org_unit_id",
    "period_id",
    "value",
    "numerator",
    "denominator",
    "submission_id",
    "created_by",
    "created_at",
  ];
  // columns later migrations added, filled when this database has them
  const extras = [
    ["status", "approved"],
    ["updated_at", now],
    ["updated_by", ids.user],
    ["batch_id", ids.batch],
  ].filter(([c]) => present.has(c));
  for (const [c] of extras) cols.push(c);
  const tail = extras.map(([, v]) => v);
  return {
    cols,
    row(n, o) {
      return [
        syntheticId(ids.seed, ID_KIND.observation, n),
        ids.indicators[o.indicatorIndex],
        null,
        ids.orgUnits[o.orgUnitIndex],
        o.periodId,
        o.value,
        o.numerator,
        o.denominator,
        null,
        ids.user,
        now,
        ...tail,
      ];
    },
  };
}

const FREQUENCY_WORD = { month: "monthly", quarter: "quarterly", year: "yearly" };

/** Each indicator's reporting frequency and level, for databases whose indicators table has them. */
function reportingUpdates(province, ids) {
  return province.indicators
    .map((ind, i) => [FREQUENCY_WORD[ind.frequency], ind.level, ids.indicators[i]])
    .filter(([, , id]) => id !== null);
}

function quote(name) {
  return `"${name}"`;
}

export async function loadProvince(province, options = {}) {
  const t0 = performance.now();
  if (options.sqliteFile) mkdirSync(dirname(options.sqliteFile), { recursive: true });
  if (options.databaseUrl && options.pgSchema) {
    const admin = new pg.Client({ connectionString: options.databaseUrl });
    await admin.connect();
    await admin.query(`create schema if not exists "${options.pgSchema.replace(/"/g, "")}"`);
    await admin.end();
  }
  const handle = await openDatabase({
    databaseUrl: options.databaseUrl,
    sqliteFile: options.sqliteFile,
    pgSchema: options.pgSchema,
  });
  const { seed } = province;
  const catalogue = await catalogueIds(handle.db);
  const ids = {
    seed,
    user: syntheticId(seed, ID_KIND.user, 0),
    batch: syntheticId(seed, ID_KIND.batch, 0),
    orgUnits: province.orgUnits.map((u) => u.id),
    indicators: province.indicators.map((i) => (i.synthetic ? i.id : (catalogue.get(i.code) ?? null))),
  };
  const already = await handle.db
    .selectFrom("org_units")
    .select("id")
    .where("id", "=", province.orgUnits[0].id)
    .executeTakeFirst();
  const engine = handle.engine;
  await handle.close();
  if (already)
    throw new Error("this province is already loaded here: use a fresh database (or another --seed)");
  // catalogue indicators the database lacks (an admin removed them) are skipped with their observations
  const now = new Date().toISOString();
  const load = engine === "postgres" ? loadPostgres : loadSqlite;
  const result = await load(province, ids, now, options);
  return { engine, ...result, ids, ms: { ...result.ms, total: performance.now() - t0 } };
}

async function loadSqlite(province, ids, now, options) {
  const db = new SQLite(options.sqliteFile);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = OFF");
  db.pragma("cache_size = -262144");
  db.pragma("temp_store = MEMORY");
  try {
    const insertAll = (table, cols, rows) => {
      if (rows.length === 0) return;
      const stmt = db.prepare(
        `insert or ignore into ${table} (${cols.map(quote).join(",")}) values (${cols.map(() => "?").join(",")})`,
      );
      for (const r of rows) stmt.run(r);
    };
    db.transaction(() => {
      for (const [table, cols, rows] of smallTables(province, ids, now)) insertAll(table, cols, rows);
      const indicatorCols = new Set(
        db
          .prepare("pragma table_info(indicators)")
          .all()
          .map((c) => c.name),
      );
      if (indicatorCols.has("frequency") && indicatorCols.has("report_level")) {
        const set = db.prepare("update indicators set frequency = ?, report_level = ? where id = ?");
        for (const u of reportingUpdates(province, ids)) set.run(u);
      }
    })();
    const present = new Set(
      db
        .prepare("pragma table_info(observations)")
        .all()
        .map((c) => c.name),
    );
    if (db.prepare("select name from sqlite_master where name = 'import_batches'").get())
      db.prepare(
        "insert into import_batches (id, source, file_name, rows, created_by, created_at) values (?, ?, ?, ?, ?, ?)",
      ).run(ids.batch, "bench:generate", `${province.scale}-${province.seed}`, 0, ids.user, now);
    else ids.batch = null;
    const { cols, row } = observationColumns(present, ids, now);
    const indexes = db
      .prepare(
        "select name, sql from sqlite_master where type = 'index' and tbl_name = 'observations' and sql is not null",
      )
      .all();
    for (const i of indexes) db.exec(`drop index ${quote(i.name)}`);
    const per = 40;
    const one = `(${cols.map(() => "?").join(",")})`;
    const many = db.prepare(
      `insert into observations (${cols.map(quote).join(",")}) values ${Array(per).fill(one).join(",")}`,
    );
    const single = db.prepare(`insert into observations (${cols.map(quote).join(",")}) values ${one}`);
    const t1 = performance.now();
    let n = 0;
    let buf = [];
    let inChunk = 0;
    const skipped = new Set(ids.indicators.map((id, i) => (id === null ? i : -1)));
    db.exec("begin");
    for (const o of options.observations === false ? [] : province.observations()) {
      if (skipped.has(o.indicatorIndex)) continue;
      buf.push(...row(n++, o));
      if (buf.length === per * cols.length) {
        many.run(buf);
        buf = [];
      }
      if (++inChunk === OBSERVATION_CHUNK) {
        inChunk = 0;
        db.exec("commit");
        options.onProgress?.(n);
        db.exec("begin");
      }
    }
    for (let k = 0; k < buf.length; k += cols.length) single.run(buf.slice(k, k + cols.length));
    db.exec("commit");
    const t2 = performance.now();
    for (const i of indexes) db.exec(i.sql);
    if (ids.batch) db.prepare("update import_batches set rows = ? where id = ?").run(n, ids.batch);
    db.exec("analyze observations");
    const t3 = performance.now();
    return { observations: n, ms: { observations: t2 - t1, indexes: t3 - t2 } };
  } finally {
    db.close();
  }
}

const copyText = (v) =>
  v === null || v === undefined
    ? "\\N"
    : typeof v === "string"
      ? v.replace(/[\\\t\n\r]/g, (c) => ({ "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" })[c])
      : String(v);

async function copyRows(client, table, cols, rows, onProgress) {
  const stream = client.query(copyStreams.from(`copy ${table} (${cols.map(quote).join(",")}) from stdin`));
  const done = new Promise((resolve, reject) => {
    stream.on("finish", resolve);
    stream.on("error", reject);
  });
  let chunk = "";
  let n = 0;
  for (const r of rows) {
    chunk += r.map(copyText).join("\t") + "\n";
    n++;
    if (chunk.length > 1 << 20) {
      if (!stream.write(chunk)) await new Promise((resolve) => stream.once("drain", resolve));
      chunk = "";
      if (onProgress && n % OBSERVATION_CHUNK < 20_000) onProgress(n);
    }
  }
  stream.end(chunk);
  await done;
  return n;
}

async function loadPostgres(province, ids, now, options) {
  const client = new pg.Client({
    connectionString: options.databaseUrl,
    ...(options.pgSchema ? { options: `-c search_path=${options.pgSchema}` } : {}),
  });
  await client.connect();
  try {
    await client.query("begin");
    // foreign keys are checked by triggers; a generated province is consistent by construction, so a
    // superuser skips them for the load (an ordinary user keeps them, only slower)
    const replica = await client
      .query("set local session_replication_role = replica")
      .then(() => true)
      .catch(async () => {
        await client.query("rollback");
        await client.query("begin");
        return false;
      });
    for (const [table, cols, rows] of smallTables(province, ids, now)) {
      if (rows.length === 0) continue;
      const conflict = table === "periods" ? " on conflict (id) do nothing" : "";
      for (let k = 0; k < rows.length; k += 500) {
        const part = rows.slice(k, k + 500);
        const params = [];
        const values = part.map((r) => `(${r.map((v) => `$${params.push(v)}`).join(",")})`);
        await client.query(
          `insert into ${table} (${cols.map(quote).join(",")}) values ${values.join(",")}${conflict}`,
          params,
        );
      }
    }
    const indicatorCols = (
      await client.query(
        "select column_name from information_schema.columns where table_name = 'indicators' and table_schema = current_schema()",
      )
    ).rows.map((r) => r.column_name);
    if (indicatorCols.includes("frequency") && indicatorCols.includes("report_level"))
      for (const u of reportingUpdates(province, ids))
        await client.query("update indicators set frequency = $1, report_level = $2 where id = $3", u);
    const present = new Set(
      (
        await client.query(
          "select column_name from information_schema.columns where table_name = 'observations' and table_schema = current_schema()",
        )
      ).rows.map((r) => r.column_name),
    );
    const batches = await client.query(
      "select 1 from information_schema.tables where table_name = 'import_batches' and table_schema = current_schema()",
    );
    if (batches.rowCount > 0)
      await client.query(
        "insert into import_batches (id, source, file_name, rows, created_by, created_at) values ($1, $2, $3, $4, $5, $6)",
        [ids.batch, "bench:generate", `${province.scale}-${province.seed}`, 0, ids.user, now],
      );
    else ids.batch = null;
    const { cols, row } = observationColumns(present, ids, now);
    const indexes = (
      await client.query(
        "select indexname, indexdef from pg_indexes where tablename = 'observations' and schemaname = current_schema() and indexname not like '%pkey'",
      )
    ).rows;
    for (const i of indexes) await client.query(`drop index ${quote(i.indexname)}`);
    const t1 = performance.now();
    let n = 0;
    const skipped = new Set(ids.indicators.map((id, i) => (id === null ? i : -1)));
    function* rows() {
      for (const o of options.observations === false ? [] : province.observations())
        if (!skipped.has(o.indicatorIndex)) yield row(n++, o);
    }
    await copyRows(client, "observations", cols, rows(), options.onProgress);
    const t2 = performance.now();
    await client.query("set local maintenance_work_mem = '512MB'");
    for (const i of indexes) await client.query(i.indexdef);
    if (ids.batch) await client.query("update import_batches set rows = $1 where id = $2", [n, ids.batch]);
    await client.query("commit");
    await client.query("analyze observations");
    const t3 = performance.now();
    return { observations: n, foreignKeysChecked: !replica, ms: { observations: t2 - t1, indexes: t3 - t2 } };
  } catch (error) {
    await client.query("rollback").catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}
