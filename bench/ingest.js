// bench:ingest — bulk import of observations through the real import path: the HTTP route
// POST /api/observations/dataValueSets (multipart upload, streaming CSV / JSON parse, code resolution,
// checkObservation on every row, one transaction per file, audit, roll-up refresh), on a fresh database
// holding a synthetic province's org-unit tree and indicators (bench/lib/province.js). Rows are the
// province's generated observations, written as DHIS2 dataValueSets files of at most --per-file rows
// (uploads are capped at 50 MB). Prints rows/s, elapsed and peak RSS. Run `npm run build` first.
//
// usage: npm run bench:ingest -- --engine sqlite|postgres --format csv|json|xlsx --rows N
//          [--database-url postgres://…/db] [--scale medium] [--per-file 400000] [--seed 42]
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import pg from "pg";
import { buildApp } from "../dist/server/app.js";
import { openDatabase } from "../dist/db/database.js";
import { dhis2Comment, dhis2CsvHeader, dhis2CsvLine, toDhis2Period } from "./lib/dhis2.js";
import { loadProvince } from "./lib/load.js";
import { count, peakRssMiB, printMachine, seconds } from "./lib/machine.js";
import { generateProvince } from "./lib/province.js";

const { values } = parseArgs({
  options: {
    engine: { type: "string", default: "sqlite" },
    format: { type: "string", default: "csv" },
    rows: { type: "string", default: "200000" },
    "per-file": { type: "string" },
    "database-url": { type: "string", default: "postgres://postgres@127.0.0.1:55432/mubiao_bench_b" },
    scale: { type: "string", default: "medium" },
    seed: { type: "string", default: "42" },
    keep: { type: "boolean", default: false },
  },
});
const rows = Number(values.rows);
const format = values.format;
if (format === "xlsx") {
  console.log(
    "xlsx: no bulk Excel path to measure — the Excel upload (POST /api/submissions/:id/template.xlsx) fills one " +
      "submission's form (one reporting unit, one period), so it is not a bulk import; use csv or json.",
  );
  process.exit(0);
}
if (!["csv", "json"].includes(format) || !["sqlite", "postgres"].includes(values.engine)) {
  console.error("usage: --engine sqlite|postgres --format csv|json|xlsx --rows N");
  process.exit(2);
}
const perFile = Number(values["per-file"] ?? (format === "csv" ? 400_000 : 250_000));
const seed = Number(values.seed);

printMachine();
const province = generateProvince({ scale: values.scale, seed });
const work = mkdtempSync(join(tmpdir(), "mubiao-ingest-"));

// a fresh database: a SQLite file, or a schema of its own in the given PostgreSQL database
let config;
let dropSchema = async () => {};
if (values.engine === "sqlite") config = { sqliteFile: join(work, "ingest.db") };
else {
  const schema = `ingest_${process.pid}`;
  const admin = new pg.Client({ connectionString: values["database-url"] });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  config = { databaseUrl: values["database-url"], pgSchema: schema };
  dropSchema = async () => {
    const c = new pg.Client({ connectionString: values["database-url"] });
    await c.connect();
    await c.query(`drop schema ${schema} cascade`);
    await c.end();
  };
}
const tLoad = performance.now();
await loadProvince(province, { ...config, observations: false });
console.log(
  `database: ${values.engine}, province ${values.scale} (${count(province.orgUnits.length)} org units, ${province.indicators.length} indicators) loaded in ${seconds(performance.now() - tLoad)}`,
);

// the files, written before the clock starts
const files = [];
{
  let n = 0;
  let lines = [];
  const flush = () => {
    if (lines.length === 0) return;
    const name = join(work, `values-${files.length + 1}.${format}`);
    if (format === "csv") writeFileSync(name, dhis2CsvHeader + "\n" + lines.join("\n") + "\n");
    else writeFileSync(name, `{"dataValues":[${lines.join(",")}]}`);
    files.push({ name, rows: lines.length });
    lines = [];
  };
  for (const o of province.observations()) {
    if (n++ >= rows) break;
    if (format === "csv") lines.push(dhis2CsvLine(province, o));
    else {
      const comment = dhis2Comment(o.numerator, o.denominator);
      lines.push(
        JSON.stringify({
          dataElement: province.indicators[o.indicatorIndex].code,
          period: toDhis2Period(o.periodId),
          orgUnit: province.orgUnits[o.orgUnitIndex].code,
          value: String(o.value),
          ...(comment ? { comment } : {}),
        }),
      );
    }
    if (lines.length === perFile) flush();
  }
  flush();
}
const total = files.reduce((s, f) => s + f.rows, 0);
const mb = files.reduce((s, f) => s + readFileSync(f.name).length, 0) / 1024 / 1024;
console.log(`${files.length} ${format} file(s), ${count(total)} rows, ${mb.toFixed(1)} MB`);

// the application, as the server runs it, with a planner to upload
const handle = await openDatabase(config);
const { app, services } = await buildApp({ db: handle.db, secureCookies: false });
await app.ready();
const password = "bench ingest password";
await services.auth.createUser(
  { username: "bench-planner", displayName: "bench", roles: ["planner"], unitIds: [], password },
  null,
);
const login = await app.inject({
  method: "POST",
  url: "/api/auth/login",
  payload: { username: "bench-planner", password },
});
const cookie = login.headers["set-cookie"];
const csrf = login.json().csrfToken;

function multipart(fileName, bytes) {
  const boundary = `----bench${Math.random().toString(16).slice(2)}`;
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`;
  return {
    body: Buffer.concat([Buffer.from(head), bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    type: `multipart/form-data; boundary=${boundary}`,
  };
}

const t0 = performance.now();
let imported = 0;
for (const f of files) {
  const { body, type } = multipart(f.name.split("/").pop(), readFileSync(f.name));
  const t = performance.now();
  const res = await app.inject({
    method: "POST",
    url: "/api/observations/dataValueSets",
    payload: body,
    headers: { "content-type": type, cookie, "x-csrf-token": csrf },
  });
  if (res.statusCode !== 200) {
    console.error(`upload failed: ${res.statusCode} ${res.body.slice(0, 2000)}`);
    process.exit(1);
  }
  const s = res.json();
  imported += s.imported + s.replaced;
  const ms = performance.now() - t;
  console.log(
    `  ${f.name.split("/").pop()}: ${count(f.rows)} rows in ${seconds(ms)} (${count(f.rows / (ms / 1000))} rows/s)`,
  );
}
const ms = performance.now() - t0;
console.log(
  `ingest ${values.engine} ${format}: ${count(imported)} observations in ${seconds(ms)}: ${count(imported / (ms / 1000))} rows/s; peak RSS ${peakRssMiB()} MiB`,
);
await app.close();
await handle.close();
if (!values.keep) {
  await dropSchema();
  rmSync(work, { recursive: true, force: true });
} else console.log(`kept: ${config.sqliteFile ?? `${config.databaseUrl} schema ${config.pgSchema}`}`);
