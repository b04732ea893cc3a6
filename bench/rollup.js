// bench:rollup — the dashboard's three queries through the real service code (MonitoringService, reading the
// pre-aggregated roll-ups), each checked against the same answer computed by a plain GROUP BY over the raw
// observations table (the yardstick), with both timings:
//   1. an indicator for every county of a city, 12 months (12 roll-up calls: one dashboard chart)
//   2. the status of every target of the province's plan at the province root (targets/status)
//   3. completeness for a month at the province root (depth 1: the province and its cities)
// Parameters vary from run to run (seeded): city, indicator, month.
//
// usage: npm run bench:rollup -- --engine sqlite|postgres --scale small|medium|large [--seed 42] [--runs 50]
//          [--db file.db | --db postgres://…] [--rebuild] [--plain-every 5] [--queries 1,2,3]
// The database is generated and loaded (bench/lib/load.js) when missing; roll-ups are rebuilt when empty
// (or with --rebuild), and the rebuild time is printed. Run `npm run build` first.
import { existsSync } from "node:fs";
import os from "node:os";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { openDatabase } from "../dist/db/database.js";
import { AnalyticsRepository } from "../dist/db/analytics.repository.js";
import { shanghaiDateOf } from "../dist/domain/calendar/index.js";
import { figureOf } from "../dist/domain/rollup/index.js";
import { typeOf } from "../dist/server/indicator-link.js";
import { MonitoringService } from "../dist/server/monitoring.service.js";
import { loadProvince } from "./lib/load.js";
import { count, printMachine, seconds } from "./lib/machine.js";
import { generateProvince, LAST_YEAR, prng } from "./lib/province.js";
import { percentiles, plainSql, postgresDatabase } from "./rollup-yardstick.js";

const { values } = parseArgs({
  options: {
    engine: { type: "string", default: "sqlite" },
    scale: { type: "string", default: "medium" },
    seed: { type: "string", default: "42" },
    runs: { type: "string", default: "50" },
    "plain-every": { type: "string", default: "5" },
    queries: { type: "string", default: "1,2,3" },
    db: { type: "string" },
    rebuild: { type: "boolean", default: false },
  },
});
const { engine, scale } = values;
const seed = Number(values.seed);
const runs = Number(values.runs);
// the yardstick is slow by nature (that is the point): it runs on every n-th set of parameters
const plainEvery = Number(values["plain-every"]);
if (!["sqlite", "postgres"].includes(engine) || !["small", "medium", "large"].includes(scale)) {
  console.error("usage: npm run bench:rollup -- --engine sqlite|postgres --scale small|medium|large");
  process.exit(2);
}
const target =
  values.db ??
  (engine === "sqlite"
    ? `/tmp/mubiao-bench/${scale}-${seed}.db`
    : `postgres://postgres@127.0.0.1:55432/mubiao_bench_${scale}_${seed}`);

printMachine();
console.log(
  `load average ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")} (1, 5, 15 min)`,
);
const province = generateProvince({ scale, seed });
const config = engine === "sqlite" ? { sqliteFile: target } : { databaseUrl: target };

// the data: loaded once, reused by later runs
const fresh = engine === "sqlite" ? !existsSync(target) : await postgresDatabase(target);
if (fresh) {
  console.log(`loading a ${scale} province into ${target} …`);
  const r = await loadProvince(province, config);
  console.log(`  ${count(r.observations)} observations in ${seconds(r.ms.total)}`);
}
const handle = await openDatabase(config);
const { db } = handle;
const analytics = new AnalyticsRepository(db);
const service = new MonitoringService(db);
const sqlOf = plainSql(db);
const observations = await sqlOf.count("observations");
let rollupRows = await sqlOf.count("observation_rollups");
if (rollupRows === 0 || values.rebuild) {
  const t0 = performance.now();
  await analytics.rebuild();
  rollupRows = await sqlOf.count("observation_rollups");
  console.log(`roll-ups rebuilt in ${seconds(performance.now() - t0)}: ${count(rollupRows)} rows`);
}
console.log(
  `${engine}, ${scale} (seed ${seed}): ${count(observations)} observations, ${count(rollupRows)} roll-up rows, ${runs} runs per query`,
);

const indicatorRows = await db.selectFrom("indicators").select(["id", "code", "type"]).execute();
const byCode = new Map(indicatorRows.map((r) => [r.code, { ...r, type: typeOf(r) }]));
const monthly = province.indicators
  .filter((i) => i.frequency === "month" && i.type !== "number")
  .map((i) => byCode.get(i.code))
  .filter(Boolean);
const root = province.orgUnits.find((u) => u.parentId === null);
const cities = province.orgUnits.filter((u) => u.parentId === root.id);
const plan = province.plans.find((p) => p.orgUnitId === root.id) ?? province.plans[0];
const months = Array.from({ length: 12 }, (_, m) => `${LAST_YEAR}M${String(m + 1).padStart(2, "0")}`);
const random = prng(seed + 1);
const pick = (xs) => xs[Math.floor(random() * xs.length)];

const close = (a, b) =>
  (a === null && b === null) ||
  (a !== null && b !== null && Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(b)));

/** Query 1: an indicator for the counties of a city over 12 months. */
async function countiesOfCity({ indicator, city }) {
  const figures = [];
  for (const month of months) {
    const r = await service.rollup(indicator.id, city.id, month);
    for (const c of r.children) figures.push({ county: c.orgUnitId, month, value: c.value });
  }
  return figures;
}
async function countiesOfCityPlain({ indicator, city }) {
  const rows = await sqlOf.countiesByMonth(indicator.id, city.id, months);
  return rows.map((r) => ({
    county: r.county,
    month: r.period_id,
    value: figureOf(indicator.type, r).value,
  }));
}
function compareCounties(fast, plain) {
  const want = new Map(plain.map((f) => [`${f.county}|${f.month}`, f.value]));
  let bad = 0;
  for (const f of fast) if (!close(f.value, want.get(`${f.county}|${f.month}`) ?? null)) bad++;
  return bad;
}

/** Query 2: every target's status at the province root. */
async function targetStatus({ month }) {
  const r = await service.targetStatus(plan.id, root.id, month);
  return r.items.map((i) => ({ indicatorId: i.indicatorId, latest: i.latest }));
}
async function targetStatusPlain({ month }) {
  const periods = [];
  for (let y = LAST_YEAR - 2; y <= LAST_YEAR; y++)
    for (let m = 1; m <= 12; m++) periods.push(`${y}M${String(m).padStart(2, "0")}`);
  const upTo = periods.slice(0, periods.indexOf(month) + 1);
  const linked = await sqlOf.linkedIndicators(plan.id);
  const out = [];
  for (const ind of linked) {
    const rows = await sqlOf.rootByPeriod(ind.id, upTo, ind.type === "number" ? root.id : null);
    const series = new Map(rows.map((r) => [r.period_id, figureOf(ind.type, r).value]));
    if (ind.type === "number") for (const r of rows) series.set(r.period_id, r.own);
    out.push({ indicatorId: ind.id, series });
  }
  return out;
}
function compareStatus(fast, plain) {
  const byIndicator = new Map(plain.map((p) => [p.indicatorId, p.series]));
  let bad = 0;
  for (const f of fast) {
    const series = byIndicator.get(f.indicatorId);
    if (!series) bad++;
    else if (f.latest && !close(f.latest.value, series.get(f.latest.periodId) ?? null)) bad++;
    else if (!f.latest && [...series.values()].some((v) => v !== null && v !== undefined)) bad++;
  }
  return bad;
}

/** Query 3: completeness for a month at the province root. */
async function completeness({ month }) {
  const r = await service.completeness(month, root.id, 1);
  return { ...r.overall, deadline: r.deadline };
}
async function completenessPlain({ month }, fast) {
  const r = await sqlOf.leafReports(month);
  let onTime = 0;
  for (const row of r.firsts) if (shanghaiDateOf(new Date(row.first_at)) <= fast.deadline) onTime++;
  return { expected: r.leaves, received: r.firsts.length, onTime };
}
const compareCompleteness = (fast, plain) =>
  ["expected", "received", "onTime"].filter((k) => fast[k] !== plain[k]).length;

const queries = [
  [
    "1. indicator × counties of a city × 12 months",
    () => ({ indicator: pick(monthly), city: pick(cities) }),
    countiesOfCity,
    countiesOfCityPlain,
    compareCounties,
  ],
  [
    "2. all targets' status, province root",
    () => ({ month: pick(months) }),
    targetStatus,
    targetStatusPlain,
    compareStatus,
  ],
  [
    "3. completeness for a month, province root",
    () => ({ month: pick(months) }),
    completeness,
    completenessPlain,
    compareCompleteness,
  ],
];

const results = [];
const chosen = values.queries.split(",").map(Number);
for (const [label, params, fast, plain, compare] of queries.filter((_, k) => chosen.includes(k + 1))) {
  const tFast = [];
  const tPlain = [];
  let mismatches = 0;
  for (let k = -3; k < runs; k++) {
    const p = params();
    const t0 = performance.now();
    const a = await fast(p);
    const t1 = performance.now();
    if (k < 0) continue; // warm-up
    tFast.push(t1 - t0);
    if (k % plainEvery !== 0) continue;
    const b = await plain(p, a);
    tPlain.push(performance.now() - t1);
    mismatches += compare(a, b);
  }
  const f = percentiles(tFast);
  const y = percentiles(tPlain);
  results.push({ label, fast: f, plain: y, mismatches });
  console.log(
    `${label.padEnd(46)} service p50 ${f.p50.toFixed(1)} p95 ${f.p95.toFixed(1)} p99 ${f.p99.toFixed(1)} ms | ` +
      `GROUP BY (${y.n} runs) p50 ${y.p50.toFixed(1)} p95 ${y.p95.toFixed(1)} p99 ${y.p99.toFixed(1)} ms | ` +
      `${mismatches === 0 ? "answers agree" : `${mismatches} MISMATCHES`}`,
  );
}
console.log(
  `load average after ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")}`,
);
console.log(
  JSON.stringify({
    engine,
    scale,
    seed,
    observations,
    rollupRows,
    runs,
    at: new Date().toISOString(),
    results,
  }),
);
await handle.close();
if (results.some((r) => r.mismatches > 0)) process.exit(1);
