// bench:api — HTTP load on the real server from a second process, on loopback: the main read endpoints
// (plans, register, targets, targets/status, roll-up, completeness)
// and write endpoints (task progress, an org unit's value), each at 50 and 200 concurrent connections, with
// realistic sessions (a planner and two reporters signed in through /api/auth/login, cookie + CSRF header).
// Prints requests/s, latency p50/p95/p99, non-2xx and errors (which must be zero: the exit code says).
//
// usage: npm run bench:api -- --engine sqlite|postgres [--scale medium] [--seed 42] [--db …]
//          [--duration 8] [--connections 50,200] [--only POST]
// The database is the one bench:rollup uses (generated and loaded when missing); run `npm run build` first.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import os from "node:os";
import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { openDatabase } from "../dist/db/database.js";
import { AnalyticsRepository } from "../dist/db/analytics.repository.js";
import { buildServices } from "../dist/server/app.js";
import { loadProvince } from "./lib/load.js";
import { count, printMachine } from "./lib/machine.js";
import { generateProvince, LAST_YEAR } from "./lib/province.js";
import { percentiles, postgresDatabase } from "./rollup-yardstick.js";

const { values } = parseArgs({
  options: {
    engine: { type: "string", default: "sqlite" },
    scale: { type: "string", default: "medium" },
    seed: { type: "string", default: "42" },
    db: { type: "string" },
    duration: { type: "string", default: "8" },
    connections: { type: "string", default: "50,200" },
    // only the endpoints whose label contains this text (e.g. "POST")
    only: { type: "string", default: "" },
  },
});
const { engine, scale } = values;
const seed = Number(values.seed);
const target =
  values.db ??
  (engine === "sqlite"
    ? `/tmp/mubiao-bench/${scale}-${seed}.db`
    : `postgres://postgres@127.0.0.1:55432/mubiao_bench_${scale}_${seed}`);
const config = engine === "sqlite" ? { sqliteFile: target } : { databaseUrl: target };
const password = "bench-password-123";

printMachine();
console.log(
  `load average ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")} (1, 5, 15 min)`,
);
const province = generateProvince({ scale, seed });
const fresh = engine === "sqlite" ? !existsSync(target) : await postgresDatabase(target);
if (fresh) {
  console.log(`loading a ${scale} province into ${target} …`);
  await loadProvince(province, config);
}

// --- setup, in this process, through the services: users, a unit with tasks, an open submission
const root = province.orgUnits.find((u) => u.parentId === null);
const city = province.orgUnits.find((u) => u.parentId === root.id);
const county = province.orgUnits.find((u) => u.parentId === city.id);
const plan = province.plans.find((p) => p.orgUnitId === root.id) ?? province.plans[0];
const setup = await (async () => {
  const handle = await openDatabase(config);
  const { db } = handle;
  try {
    const analytics = new AnalyticsRepository(db);
    if ((await db.selectFrom("observation_rollups").select("org_unit_id").limit(1).execute()).length === 0)
      await analytics.rebuild();
    const services = buildServices(db);
    const tag = randomUUID().slice(0, 8);
    const unit = await services.units.create(null, {
      name: `基准单位${tag}`,
      aliases: [],
      status: "confirmed",
    });
    const user = async (name, roles, unitIds = []) =>
      (
        await services.auth.createUser(
          { username: `${name}-${tag}`, displayName: name, roles, unitIds, password },
          null,
        )
      ).user;
    const planner = await user("planner", ["planner"]);
    const reporters = [
      await user("reporter1", ["reporter"], [unit.id]),
      await user("reporter2", ["reporter"], [unit.id]),
    ];
    for (const r of reporters)
      await db.insertInto("reporter_org_units").values({ user_id: r.id, org_unit_id: county.id }).execute();
    // tasks of the province plan carried by the unit (the generated plans hold targets only)
    const tasks = [];
    for (let k = 0; k < 20; k++) {
      const id = randomUUID();
      tasks.push(id);
      await db
        .insertInto("tasks")
        .values({
          id,
          plan_id: plan.id,
          section_id: null,
          position: 10_000 + k,
          text: `基准任务${k + 1}`,
          deadline_json: null,
          deadline_due: null,
          start: 0,
          end: 1,
          quote: "基",
          review_status: "accepted",
          origin: "added",
          version: 1,
        })
        .execute();
      await db
        .insertInto("task_units")
        .values({ task_id: id, unit_id: unit.id, role: "lead", position: 0, name_as_written: unit.name })
        .execute();
    }
    const period = `${LAST_YEAR + 1}M01`;
    const submissions = [];
    for (const r of reporters) {
      const principal = { ...r, unitIds: [unit.id] };
      submissions.push(
        (
          await services.submissions.open(principal, {
            unitId: unit.id,
            periodId: r === reporters[0] ? period : `${LAST_YEAR + 1}M02`,
            note: null,
          })
        ).id,
      );
    }
    const indicators = await db
      .selectFrom("indicators")
      .select(["id", "type"])
      .where("type", "in", ["count", "amount"])
      .execute();
    const orgUnits = province.orgUnits.filter((u) => u.parentId === county.id || u.id === county.id);
    const anIndicator = (
      await db.selectFrom("quantities").select("indicator_id").where("plan_id", "=", plan.id).execute()
    ).find((q) => q.indicator_id)?.indicator_id;
    return { unit, planner, reporters, tasks, submissions, indicators, orgUnits, anIndicator };
  } finally {
    await handle.close();
  }
})();

// --- the server, a second process
const server = spawn(process.execPath, [new URL("./api-server.js", import.meta.url).pathname, target], {
  stdio: ["ignore", "pipe", "inherit"],
});
const { url } = await new Promise((resolve, reject) => {
  let out = "";
  server.stdout.on("data", (b) => {
    out += b;
    const line = out.split("\n").find((l) => l.startsWith("{"));
    if (line) resolve(JSON.parse(line));
  });
  server.on("exit", (code) => reject(new Error(`server exited with ${code}`)));
});
console.log(`server (pid ${server.pid}) on ${url}, ${engine}, ${target}`);

async function signIn(username) {
  const res = await globalThis.fetch(`${url}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0];
  const { csrfToken } = await res.json();
  return { cookie, csrf: csrfToken };
}
const planner = await signIn(setup.planner.username);
const reporters = [await signIn(setup.reporters[0].username), await signIn(setup.reporters[1].username)];

const month = `${LAST_YEAR}M06`;
let n = 0;
const endpoints = [
  ["GET /api/plans", planner, () => ({ method: "GET", path: "/api/plans?page=1&pageSize=20" })],
  [
    "GET register",
    planner,
    () => ({ method: "GET", path: `/api/plans/${plan.id}/register?page=1&pageSize=50` }),
  ],
  [
    "GET targets",
    planner,
    () => ({ method: "GET", path: `/api/plans/${plan.id}/targets?page=1&pageSize=50` }),
  ],
  [
    "GET targets/status (root, year)",
    planner,
    () => ({
      method: "GET",
      path: `/api/plans/${plan.id}/targets/status?orgUnit=${root.id}&period=${LAST_YEAR}`,
    }),
  ],
  [
    "GET rollup (city, month)",
    planner,
    () => ({
      method: "GET",
      path: `/api/indicators/${setup.anIndicator}/rollup?orgUnit=${city.id}&period=${month}`,
    }),
  ],
  [
    "GET completeness (root, depth 1)",
    planner,
    () => ({ method: "GET", path: `/api/reporting/completeness?period=${month}&orgUnit=${root.id}&depth=1` }),
  ],
  [
    "POST task progress",
    reporters[0],
    () => ({
      method: "POST",
      path: `/api/tasks/${setup.tasks[n++ % setup.tasks.length]}/progress`,
      body: JSON.stringify({ unitId: setup.unit.id, status: "in_progress", note: `进展${n}` }),
    }),
  ],
  [
    "POST org-unit value",
    reporters[1],
    () => {
      // a new form cell each time (one value per indicator × org unit in a submission)
      const k = n++;
      const orgUnit = setup.orgUnits[k % setup.orgUnits.length];
      const indicator = setup.indicators[Math.floor(k / setup.orgUnits.length) % setup.indicators.length];
      return {
        method: "POST",
        path: `/api/org-units/${orgUnit.id}/observations`,
        body: JSON.stringify({
          indicatorId: indicator.id,
          periodId: `${LAST_YEAR + 1}M02`,
          submissionId: setup.submissions[1],
          value: 10 + (k % 7),
        }),
      };
    },
  ],
];

function run(label, session, request, connections) {
  return new Promise((resolve, reject) => {
    const times = [];
    const statuses = {};
    const instance = autocannon(
      {
        url,
        connections,
        duration: Number(values.duration),
        timeout: 60,
        headers: {
          cookie: session.cookie,
          "x-csrf-token": session.csrf,
          "content-type": "application/json",
        },
        requests: [{ setupRequest: (req) => ({ ...req, ...request() }) }],
      },
      (error, result) => (error ? reject(error) : resolve({ result, times, statuses })),
    );
    instance.on("response", (_client, statusCode, _bytes, responseTime) => {
      times.push(responseTime);
      statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
    });
  });
}

const rows = [];
let failures = 0;
try {
  for (const connections of values.connections.split(",").map(Number))
    for (const [label, session, request] of endpoints.filter(([l]) => l.includes(values.only))) {
      // let the server drain what the previous run left in flight (autocannon stops sending at the end
      // of its duration, the server keeps working): wait until a session check answers promptly again
      for (let tries = 0; tries < 120; tries++) {
        const t0 = Date.now();
        await globalThis.fetch(`${url}/api/auth/me`, { headers: { cookie: planner.cookie } });
        if (Date.now() - t0 < 100) break;
        await sleep(500);
      }
      const { result, times, statuses } = await run(label, session, request, connections);
      const p = percentiles(times);
      const bad = result.non2xx + result.errors + result.timeouts;
      failures += bad;
      const row = {
        label,
        connections,
        requests: result.requests.total,
        rps: result.requests.average,
        p50: p.p50,
        p95: p.p95,
        p99: p.p99,
        non2xx: result.non2xx,
        errors: result.errors,
        timeouts: result.timeouts,
        statuses,
      };
      rows.push(row);
      console.log(
        `${String(connections).padStart(3)} conn  ${label.padEnd(34)} ${count(row.rps).padStart(6)} req/s  ` +
          `p50 ${p.p50.toFixed(0).padStart(5)} p95 ${p.p95.toFixed(0).padStart(5)} p99 ${p.p99.toFixed(0).padStart(5)} ms  ` +
          `non-2xx ${result.non2xx}, errors ${result.errors}, timeouts ${result.timeouts}` +
          (bad > 0 ? `  statuses ${JSON.stringify(statuses)}` : ""),
      );
    }
} finally {
  server.kill("SIGTERM");
}
console.log(
  `load average after ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")}`,
);
console.log(JSON.stringify({ engine, scale, seed, at: new Date().toISOString(), rows }));
if (failures > 0) {
  console.error(`${failures} failed requests`);
  process.exit(1);
}
