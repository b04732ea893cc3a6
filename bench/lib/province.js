// A deterministic synthetic province for benchmarks: the same scale and seed give the same org-unit tree,
// indicators, plans and observations, byte for byte, on every machine. Nothing here touches a database:
// `load.js` stores a province, `generate.js` is the command line.
//
// Programmatic API (stable; bench:rollup and bench:api build on it):
//   const p = generateProvince({ scale: "medium", seed: 42 });
//   p.orgUnits     [{ id, parentId, name, level, code }]          parents before children
//   p.indicators   [{ id, code, name, unit, type, direction, numerator, denominator, level, frequency, synthetic }]
//                  (catalogue indicators first; `id` is only used for synthetic ones — the loader maps codes)
//   p.plans        [{ id, documentId, orgUnitId, year, title, text, targets: [{ id, indicatorIndex, comparator, value, unit, deadline, start, end, quote }] }]
//   p.periods      [{ id, kind, startsOn, endsOn }]               every period an observation uses
//   p.observations()  generator of { indicatorIndex, orgUnitIndex, periodId, value, numerator, denominator }
//   p.expectedCells  cells before the ~3% left unreported; countObservations(p) gives the exact count
//   p.years        [2024] (medium), [2022, 2023, 2024] (large)
// Period ids are Mubiao's (2024, 2024Q1, 2024M03). Run `npm run build` first: the catalogue comes from dist/.
import { STARTER_CATALOGUE, scaleOf } from "../../dist/domain/indicators/index.js";
import { periodsInYear } from "../../dist/domain/periods/index.js";

/**
 * Scales. medium: 14 cities, 120 counties, ~2,000 townships, ~10,000 institutions, 300 indicators, one year
 * of monthly data (~10M observations); large: the same province over three years; small: one city.
 */
export const SCALES = {
  small: {
    cities: 1,
    counties: 4,
    townshipsPerCounty: [8, 12],
    institutionsPerTownship: [2, 4],
    indicators: 0,
    years: 1,
  },
  medium: {
    cities: 14,
    counties: 120,
    townshipsPerCounty: [12, 21],
    institutionsPerTownship: [4, 8],
    indicators: 300,
    years: 1,
  },
  large: {
    cities: 14,
    counties: 120,
    townshipsPerCounty: [12, 21],
    institutionsPerTownship: [4, 8],
    indicators: 300,
    years: 3,
  },
};

/** The last year of data (a province's "this year"); earlier years precede it. */
export const LAST_YEAR = 2024;
/** Share of (org unit, indicator, period) cells left unreported, so completeness is not trivially 100%. */
const MISSING_SHARE = 0.03;

/** sfc32: a small, fast PRNG with a 128-bit state, seeded through splitmix32. */
export function prng(seed) {
  let s = seed >>> 0;
  const split = () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = split();
  let b = split();
  let c = split();
  let d = split();
  const next = () => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) >>> 0;
    return t / 4294967296;
  };
  for (let i = 0; i < 12; i++) next();
  return next;
}

const hex = (x, width) => (x >>> 0).toString(16).padStart(width, "0").slice(-width);

/**
 * A UUID-shaped id (version 4, variant 8 — accepted by zod's uuid()) fixed by seed, kind and a running
 * number: deterministic, and increasing with `n`, so loads append to the primary-key index in order.
 */
export function syntheticId(seed, kind, n) {
  return `${hex(seed, 8)}-${hex(kind, 4)}-4000-8000-${n.toString(16).padStart(12, "0")}`;
}

export const ID_KIND = {
  orgUnit: 0x0001,
  indicator: 0x0002,
  document: 0x0003,
  plan: 0x0004,
  target: 0x0005,
  observation: 0x0006,
  user: 0x0007,
  batch: 0x0008,
};

const CN_DIGITS = "〇一二三四五六七八九";
function cnNumber(n) {
  if (n < 10) return CN_DIGITS[n];
  if (n < 20) return `十${n % 10 ? CN_DIGITS[n % 10] : ""}`;
  if (n < 100) return `${CN_DIGITS[Math.floor(n / 10)]}十${n % 10 ? CN_DIGITS[n % 10] : ""}`;
  return String(n);
}
const pad = (n, w) => String(n).padStart(w, "0");

function buildTree(spec, rnd, seed) {
  const units = [];
  let n = 0;
  const add = (parentId, name, level, code) => {
    const u = { id: syntheticId(seed, ID_KIND.orgUnit, n++), parentId, name, level, code };
    units.push(u);
    return u;
  };
  const province = add(null, "合成省", "province", "P00");
  // counties spread over cities: every city gets at least one, the rest at random
  const perCity = Array.from({ length: spec.cities }, () => 1);
  for (let k = spec.cities; k < spec.counties; k++) perCity[Math.floor(rnd() * spec.cities)]++;
  const [tMin, tMax] = spec.townshipsPerCounty;
  const [iMin, iMax] = spec.institutionsPerTownship;
  const between = (lo, hi) => lo + Math.floor(rnd() * (hi - lo + 1));
  for (let c = 0; c < spec.cities; c++) {
    const city = add(province.id, `${cnNumber(c + 1)}号市`, "city", `P00C${pad(c + 1, 2)}`);
    for (let x = 0; x < perCity[c]; x++) {
      const county = add(
        city.id,
        `${city.name}${cnNumber(x + 1)}县`,
        "county",
        `${city.code}X${pad(x + 1, 2)}`,
      );
      const townships = between(tMin, tMax);
      for (let t = 0; t < townships; t++) {
        const town = add(
          county.id,
          `${county.name}${cnNumber(t + 1)}镇`,
          "township",
          `${county.code}T${pad(t + 1, 2)}`,
        );
        const institutions = between(iMin, iMax);
        for (let i = 0; i < institutions; i++)
          add(
            town.id,
            `${town.name}卫生院${i === 0 ? "" : `第${cnNumber(i)}分院`}`,
            "institution",
            `${town.code}I${i + 1}`,
          );
      }
    }
  }
  return units;
}

const SYNTHETIC_TYPES = [
  "percentage",
  "percentage",
  "count",
  "per_100k",
  "amount",
  "permille",
  "percentage",
  "count",
];

/** Where and how often an indicator is reported: fixed by its position so every scale agrees. */
function reporting(type, i) {
  if (type === "number") return { level: "county", frequency: "year" };
  const level = i % 10 === 4 ? "institution" : i % 25 === 7 ? "county" : "township";
  const frequency = i % 12 === 5 ? "quarter" : "month";
  return { level, frequency };
}

function buildIndicators(spec, seed) {
  const out = STARTER_CATALOGUE.map((c, i) => ({
    id: null,
    code: c.code,
    name: c.name,
    unit: c.unit,
    type: c.type,
    direction: c.direction,
    numerator: c.numerator,
    denominator: c.denominator,
    ...reporting(c.type, i),
    synthetic: false,
  }));
  for (let k = 0; out.length < spec.indicators; k++) {
    const type = SYNTHETIC_TYPES[k % SYNTHETIC_TYPES.length];
    const ratio = scaleOf(type) !== null;
    const n = pad(k + 1, 3);
    out.push({
      id: syntheticId(seed, ID_KIND.indicator, k),
      code: `SYN_${n}`,
      name: `合成指标${n}`,
      unit: { percentage: "%", count: "人", per_100k: "/10万", amount: "万元", permille: "‰" }[type],
      type,
      direction: k % 5 === 3 ? "lower_is_better" : "higher_is_better",
      numerator: ratio ? `合成指标${n}分子` : null,
      denominator: ratio ? `合成指标${n}分母` : null,
      ...reporting(type, out.length),
      synthetic: true,
    });
  }
  return out;
}

/** A typical level of each indicator, so values look alike across units and months. */
function baseOf(ind, rnd) {
  const lower = ind.direction === "lower_is_better";
  switch (ind.type) {
    case "percentage":
      return lower ? 2 + rnd() * 15 : 60 + rnd() * 35;
    case "permille":
    case "per_1000":
      return lower ? 2 + rnd() * 8 : 2 + rnd() * 6;
    case "per_10k":
      return 20 + rnd() * 30;
    case "per_100k":
      return 5 + rnd() * 40;
    case "ratio":
      return 50 + rnd() * 100;
    case "count":
      return 20 + rnd() * 500;
    case "amount":
      return 10 + rnd() * 200;
    default:
      return 70 + rnd() * 10;
  }
}

const round2 = (x) => Math.round(x * 100) / 100;

function buildPlans(indicators, orgUnits, years, seed, rnd) {
  const issuers = orgUnits.filter((u) => u.level === "province" || u.level === "city");
  const targetable = indicators.map((_, i) => i).filter((i) => indicators[i].type !== "number");
  const plans = [];
  let planN = 0;
  let targetN = 0;
  for (const year of years)
    for (const unit of issuers) {
      const title = `${year}年${unit.name}卫生健康工作要点`;
      const lines = [title, "一、主要目标"];
      let offset = lines.join("\n").length + 1;
      const targets = [];
      const picked = new Set();
      while (picked.size < Math.min(20, targetable.length))
        picked.add(targetable[Math.floor(rnd() * targetable.length)]);
      for (const indicatorIndex of [...picked].sort((a, b) => a - b)) {
        const ind = indicators[indicatorIndex];
        const lower = ind.direction === "lower_is_better";
        const value = round2(ind.base * (lower ? 0.95 : 1.03));
        const quote = `${ind.name}${lower ? "控制在" : "达到"}${value}${ind.unit}${lower ? "以下" : "以上"}。`;
        targets.push({
          id: syntheticId(seed, ID_KIND.target, targetN++),
          indicatorIndex,
          comparator: lower ? "<=" : ">=",
          value,
          unit: ind.unit,
          deadline: `${year}-12-31`,
          start: offset,
          end: offset + quote.length,
          quote,
        });
        lines.push(quote);
        offset += quote.length + 1;
      }
      const n = planN++;
      plans.push({
        id: syntheticId(seed, ID_KIND.plan, n),
        documentId: syntheticId(seed, ID_KIND.document, n),
        orgUnitId: unit.id,
        year,
        title,
        text: lines.join("\n"),
        targets,
      });
    }
  return plans;
}

/** The synthetic province of a scale and seed; see the header for the shape. */
export function generateProvince({ scale = "small", seed = 42 } = {}) {
  const spec = SCALES[scale];
  if (!spec) throw new Error(`unknown scale "${scale}": small, medium or large`);
  const rnd = prng(seed);
  const orgUnits = buildTree(spec, rnd, seed);
  const indicators = buildIndicators(spec, seed);
  for (const ind of indicators) ind.base = baseOf(ind, rnd);
  const years = Array.from({ length: spec.years }, (_, k) => LAST_YEAR - spec.years + 1 + k);
  const plans = buildPlans(indicators, orgUnits, years, seed, rnd);
  // a unit's size scales its counts and denominators
  const size = orgUnits.map(() => 0.5 + rnd() * 1.5);
  const atLevel = {};
  for (let u = 0; u < orgUnits.length; u++) (atLevel[orgUnits[u].level] ??= []).push(u);

  const periodsOf = { year: [], quarter: [], month: [] };
  for (const year of years)
    for (const kind of Object.keys(periodsOf)) periodsOf[kind].push(...periodsInYear(year, kind));
  const periods = Object.values(periodsOf).flat();

  // reported cells: by period (as data arrives), then indicator, then org unit
  const schedule = [];
  for (const year of years)
    for (let m = 1; m <= 12; m++)
      for (let i = 0; i < indicators.length; i++) {
        const { frequency } = indicators[i];
        if (frequency === "month") schedule.push([i, `${year}M${pad(m, 2)}`]);
        else if (frequency === "quarter" && m % 3 === 0) schedule.push([i, `${year}Q${m / 3}`]);
        else if (frequency === "year" && m === 12) schedule.push([i, String(year)]);
      }
  const expectedCells = schedule.reduce((n, [i]) => n + (atLevel[indicators[i].level]?.length ?? 0), 0);

  function* observations() {
    const r = prng(seed ^ 0x5eed);
    for (const [i, periodId] of schedule) {
      const ind = indicators[i];
      const scaleFactor = scaleOf(ind.type);
      const parts = ind.numerator !== null && ind.denominator !== null && scaleFactor !== null;
      const units = atLevel[ind.level] ?? [];
      for (const u of units) {
        // draw the same number of randoms for every cell, so a skipped cell does not shift the rest
        const miss = r();
        const noise = r() - 0.5;
        const spread = r();
        if (miss < MISSING_SHARE) continue;
        const s = size[u];
        const level = ind.base * (1 + noise * 0.2);
        let value;
        let numerator = null;
        let denominator = null;
        if (parts) {
          denominator = Math.max(
            1,
            Math.round((ind.type === "percentage" ? 400 : 20000) * s * (0.8 + spread * 0.4)),
          );
          numerator = Math.round((denominator * level) / scaleFactor);
          if (ind.type === "percentage" || ind.type === "permille")
            numerator = Math.min(numerator, denominator);
          value = round2((numerator / denominator) * scaleFactor);
        } else if (ind.type === "count") value = Math.round(level * s);
        else if (ind.type === "amount") value = round2(level * s);
        else if (ind.type === "percentage") value = Math.min(100, round2(level));
        else if (ind.type === "permille") value = Math.min(1000, round2(level));
        else value = round2(level);
        yield { indicatorIndex: i, orgUnitIndex: u, periodId, value, numerator, denominator };
      }
    }
  }

  return {
    scale,
    seed,
    years,
    orgUnits,
    indicators,
    plans,
    periods,
    observations,
    /** Cells before the ~3% left unreported; `countObservations` gives the exact figure. */
    expectedCells,
  };
}

/** The exact number of rows `observations()` yields (walks it once; ~1 s per 10M). */
export function countObservations(province) {
  let n = 0;
  const it = province.observations();
  while (!it.next().done) n++;
  return n;
}
