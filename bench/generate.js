// bench:generate — a deterministic synthetic province (same --seed ⇒ same data), written to a database or
// to files, with the time it took. Run `npm run build` first (the catalogue and the database code come from
// dist/).
//
// usage: npm run bench:generate -- --scale small|medium|large [--seed 42] --out <target>
//   --out postgres://…/db    load into PostgreSQL (COPY)            [--schema s] to use a schema in it
//   --out file.db            load into a SQLite file (created when missing)
//   --out dir/               write orgunits.json, indicators.json, plans.json and observations.csv
//                            (DHIS2 dataValueSets CSV, ready for POST /api/observations/dataValueSets)
// Programmatic use: see bench/lib/province.js (generateProvince) and bench/lib/load.js (loadProvince).
import { createWriteStream, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { loadProvince } from "./lib/load.js";
import { count, peakRssMiB, printMachine, seconds } from "./lib/machine.js";
import { generateProvince } from "./lib/province.js";
import { dhis2CsvHeader, dhis2CsvLine } from "./lib/dhis2.js";

const { values } = parseArgs({
  options: {
    scale: { type: "string", default: "small" },
    seed: { type: "string", default: "42" },
    out: { type: "string" },
    schema: { type: "string" },
  },
});
if (!values.out) {
  console.error(
    "usage: npm run bench:generate -- --scale small|medium|large --seed 42 --out <postgres-url|file.db|dir>",
  );
  process.exit(2);
}
const seed = Number(values.seed);
const t0 = performance.now();
const province = generateProvince({ scale: values.scale, seed });
const levels = {};
for (const u of province.orgUnits) levels[u.level] = (levels[u.level] ?? 0) + 1;
printMachine();
console.log(
  `province ${values.scale}, seed ${seed}: ${Object.entries(levels)
    .map(([k, v]) => `${count(v)} ${k}`)
    .join(", ")}; ` +
    `${province.indicators.length} indicators; ${province.plans.length} plans with ${province.plans.reduce((n, p) => n + p.targets.length, 0)} targets; years ${province.years.join(", ")}`,
);

const out = values.out;
const progress = (n) => process.stdout.write(`\r  ${count(n)} observations…`);
if (/^postgres(ql)?:\/\//.test(out) || /\.(db|sqlite3?)$/.test(out)) {
  const pgUrl = /^postgres/.test(out) ? out : undefined;
  const result = await loadProvince(province, {
    databaseUrl: pgUrl,
    sqliteFile: pgUrl ? undefined : out,
    pgSchema: values.schema,
    onProgress: progress,
  });
  process.stdout.write("\n");
  const rate = result.observations / (result.ms.observations / 1000);
  console.log(
    `loaded into ${result.engine}: ${count(result.observations)} observations in ${seconds(result.ms.observations)} ` +
      `(${count(rate)} rows/s, generation included), indexes rebuilt in ${seconds(result.ms.indexes)}` +
      (result.foreignKeysChecked === false ? " (foreign-key triggers off for the load)" : ""),
  );
} else {
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, "orgunits.json"), JSON.stringify(province.orgUnits, null, 1));
  writeFileSync(join(out, "indicators.json"), JSON.stringify(province.indicators, null, 1));
  writeFileSync(join(out, "plans.json"), JSON.stringify(province.plans, null, 1));
  const file = createWriteStream(join(out, "observations.csv"));
  let chunk = dhis2CsvHeader + "\n";
  let n = 0;
  for (const o of province.observations()) {
    chunk += dhis2CsvLine(province, o) + "\n";
    n++;
    if (chunk.length > 1 << 20) {
      if (!file.write(chunk)) await new Promise((resolve) => file.once("drain", resolve));
      chunk = "";
    }
  }
  await new Promise((resolve, reject) => file.end(chunk, (e) => (e ? reject(e) : resolve())));
  console.log(`wrote ${out}: ${count(n)} observations (observations.csv, DHIS2 dataValueSets CSV)`);
}
console.log(`elapsed ${seconds(performance.now() - t0)}, peak RSS ${peakRssMiB()} MiB`);
