/**
 * Links an extracted target's metric to a catalogue indicator by name and alias. Plans write the same
 * indicator with scope words (全市, 以乡(镇、街道)为单位), population qualifiers and abbreviations, so the
 * match is scored: exact name or alias, an alias contained in the metric (the metric adds scope words), the
 * metric contained in an alias (the plan abbreviates), or character-bigram similarity — and a unit that does
 * not fit the indicator's type lowers the score. Only a clear winner is linked; anything weaker or
 * close-run goes to the reviewer as candidates. Pure.
 */
import type { Indicator, IndicatorType } from "./indicator.js";

export interface LinkCandidate {
  code: string;
  name: string;
  score: number;
  /** Why it matched, for the reviewer: `exact alias "县域就诊率"`, `contains "婴儿死亡率"`, … */
  reason: string;
}

export type LinkResult =
  | { status: "linked"; code: string; score: number; reason: string; candidates: LinkCandidate[] }
  | {
      status: "candidates" | "unlinked";
      code: null;
      score: number;
      reason: string;
      candidates: LinkCandidate[];
    };

/** Scores at or above LINK_SCORE with a lead of LINK_MARGIN over the next indicator are linked. */
export const LINK_SCORE = 0.8;
export const LINK_MARGIN = 0.08;
const CANDIDATE_SCORE = 0.45;

const SCOPE_PREFIX =
  /^(?:(?:全|我|本|各)(?:国|省|市|区|县|州|盟|旗|镇|乡)(?:区)?|各地|城乡居民中|本市户籍|市级层面|县级以上)+/;
const PER_UNIT = /以(?:[^为]{1,12})为单位(?:的)?/g;
const TRAILING = /(?:达到|保持在|稳定在|控制在|提高到|提升到|下降到|降低到|不低于|不高于|以上|以下|分别)+$/;

/** The comparable form of a metric or alias: no spaces, quotes, scope words or "以…为单位". */
export function metricKey(text: string): string {
  return text
    .replace(/[（]/g, "(")
    .replace(/[）]/g, ")")
    .replace(/[\s“”"'‘’《》]/g, "")
    .replace(PER_UNIT, "")
    .replace(SCOPE_PREFIX, "")
    .replace(TRAILING, "")
    .replace(/国家免疫规划/g, "免疫规划")
    .replace(/五岁/g, "5岁")
    .replace(/三岁/g, "3岁")
    .replace(/七岁/g, "7岁")
    .replace(/~|—|－/g, "-");
}

/** The key without parenthesised asides: "病例组合指数(CMI)值" → "病例组合指数值". */
const bare = (key: string) => key.replace(/\([^)]*\)/g, "");

function bigrams(s: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < s.length - 1; i++) out.push(s.slice(i, i + 2));
  return out;
}

/** Sørensen–Dice similarity of character bigrams, 0..1. */
export function bigramSimilarity(a: string, b: string): number {
  const x = bigrams(a);
  const y = bigrams(b);
  if (x.length === 0 || y.length === 0) return a === b ? 1 : 0;
  const pool = new Map<string, number>();
  for (const g of y) pool.set(g, (pool.get(g) ?? 0) + 1);
  let shared = 0;
  for (const g of x) {
    const n = pool.get(g) ?? 0;
    if (n > 0) {
      shared++;
      pool.set(g, n - 1);
    }
  }
  return (2 * shared) / (x.length + y.length);
}

type UnitClass = "percent" | "permille" | "per_100k" | "per_10k" | "years" | "money" | "quantity" | "other";

function unitClass(unit: string): UnitClass | null {
  const u = unit.replace(/\s/g, "");
  if (u === "") return null;
  if (/^(%|个百分点|百分点)$/.test(u)) return "percent";
  if (u === "‰") return "permille";
  if (/10万|十万/.test(u)) return "per_100k";
  if (/万/.test(u) && /\//.test(u)) return "per_10k";
  if (u === "岁" || u === "年") return "years";
  if (/元$/.test(u)) return "money";
  if (/^[人个家张所台名例次件项座辆床位户]+(次|张|个)?$/.test(u) || /^人次$/.test(u)) return "quantity";
  return "other";
}

const FITS: Record<IndicatorType, UnitClass[]> = {
  count: ["quantity"],
  amount: ["money"],
  percentage: ["percent"],
  permille: ["permille", "percent"],
  per_1000: ["quantity", "permille"],
  per_10k: ["quantity", "per_10k"],
  per_100k: ["per_100k"],
  ratio: ["money", "quantity"],
  number: ["years", "other"],
};

function unitFit(
  indicator: Indicator,
  unit: string,
  relativeChange: boolean,
): { factor: number; note: string } {
  const cls = unitClass(unit);
  if (cls === null || cls === "other") return { factor: 1, note: "" };
  // "下降10%" states a relative change: its % says nothing about the indicator's own unit.
  if (relativeChange && cls === "percent") return { factor: 1, note: "" };
  if (FITS[indicator.type].includes(cls)) return { factor: 1, note: "" };
  return { factor: 0.6, note: `; unit "${unit}" does not fit a ${indicator.type} indicator` };
}

function scoreLabel(metric: string, label: string): { score: number; how: string } {
  const k = metricKey(label);
  const variants: [string, string][] = [
    [metric, k],
    [bare(metric), bare(k)],
  ];
  let best = { score: 0, how: "" };
  const consider = (score: number, how: string) => {
    if (score > best.score) best = { score, how };
  };
  for (const [m, a] of variants) {
    if (m.length === 0 || a.length === 0) continue;
    if (m === a) consider(1, `exact "${label}"`);
    // short aliases (药占比) count only as the metric's ending, where a scope word precedes them
    else if ((a.length >= 4 && m.includes(a)) || (a.length === 3 && m.endsWith(a))) {
      consider(0.6 + 0.35 * (a.length / m.length), `contains "${label}"`);
    } else if (m.length >= 4 && a.includes(m))
      consider(0.5 + 0.4 * (m.length / a.length), `part of "${label}"`);
    consider(0.85 * bigramSimilarity(m, a), `similar to "${label}"`);
  }
  return best;
}

/** Scores every indicator for a metric; the best label (name or alias) of each counts. Sorted best first. */
export interface LinkOptions {
  /** The target's comparator: for increase_by / decrease_by a "%" unit is a relative change. */
  comparator?: string | undefined;
}

export function scoreIndicators(
  metric: string,
  unit: string,
  catalogue: readonly Indicator[],
  options: LinkOptions = {},
): LinkCandidate[] {
  const relativeChange = options.comparator === "increase_by" || options.comparator === "decrease_by";
  const key = metricKey(metric);
  const out: LinkCandidate[] = [];
  for (const indicator of catalogue) {
    let best = { score: 0, how: "" };
    for (const label of [indicator.name, ...indicator.aliases]) {
      const s = scoreLabel(key, label);
      if (s.score > best.score) best = s;
    }
    if (best.score <= 0) continue;
    const fit = unitFit(indicator, unit, relativeChange);
    const score = Math.round(best.score * fit.factor * 1000) / 1000;
    out.push({ code: indicator.code, name: indicator.name, score, reason: best.how + fit.note });
  }
  return out.sort((a, b) => b.score - a.score || a.code.localeCompare(b.code));
}

const LIST_SEPARATOR = /[、和及与]/;

/**
 * The indicators a list-shaped metric names when its shared ending is distributed:
 * "孕产妇和婴儿死亡率" → 孕产妇死亡率 + 婴儿死亡率; "高血压、糖尿病患者规范管理率" → both management rates.
 */
function distributeList(key: string, catalogue: readonly Indicator[]): LinkCandidate[] {
  const parts = key.split(LIST_SEPARATOR).filter((p) => p.length > 0);
  const last = parts.at(-1);
  if (parts.length < 2 || !last) return [];
  const labels = new Map<string, Indicator>();
  for (const i of catalogue) for (const l of [i.name, ...i.aliases]) labels.set(metricKey(l), i);
  const found = new Map<string, LinkCandidate>();
  const take = (phrase: string) => {
    // a label may also carry a prefix the plan leaves out (2型糖尿病 ← 糖尿病)
    for (const [label, i] of labels) {
      if ((label === phrase || (label.endsWith(phrase) && phrase.length >= 5)) && !found.has(i.code)) {
        found.set(i.code, { code: i.code, name: i.name, score: 0.7, reason: `list item "${phrase}"` });
      }
    }
  };
  take(last);
  for (const p of parts.slice(0, -1)) {
    for (let k = 1; k < last.length; k++) take(p + last.slice(k));
  }
  return [...found.values()];
}

/**
 * Links a metric to the catalogue. A score ≥ LINK_SCORE with a lead ≥ LINK_MARGIN links; otherwise the
 * reviewer gets the candidates scoring ≥ 0.45 (at most five) and no guess.
 *
 * @example linkIndicator("以乡(镇、街道)为单位适龄儿童免疫规划疫苗接种率", "%", STARTER_CATALOGUE)
 *   // → { status: "linked", code: "IMMUNIZATION_RATE", reason: 'exact "适龄儿童免疫规划疫苗接种率"', … }
 */
export function linkIndicator(
  metric: string,
  unit: string,
  catalogue: readonly Indicator[],
  options: LinkOptions = {},
): LinkResult {
  const scored = scoreIndicators(metric, unit, catalogue, options);
  const candidates = scored.filter((c) => c.score >= CANDIDATE_SCORE).slice(0, 5);
  const [first, second] = scored;
  const key = metricKey(metric);
  // A list of metrics ("A、B…率") names several indicators: the reviewer splits it, nothing is linked.
  if (LIST_SEPARATOR.test(key) && (first?.score ?? 0) < 1) {
    const listed = distributeList(key, catalogue);
    if (listed.length >= 2) {
      const names = listed.map((c) => c.name).join("、");
      return {
        status: "candidates",
        code: null,
        score: first?.score ?? 0,
        reason: `lists several indicators: ${names}`,
        candidates: listed,
      };
    }
  }
  if (!first || first.score < CANDIDATE_SCORE) {
    return {
      status: "unlinked",
      code: null,
      score: first?.score ?? 0,
      reason: "no indicator is close",
      candidates,
    };
  }
  const lead = first.score - (second?.score ?? 0);
  if (first.score >= LINK_SCORE && lead >= LINK_MARGIN) {
    return { status: "linked", code: first.code, score: first.score, reason: first.reason, candidates };
  }
  const reason =
    first.score < LINK_SCORE
      ? `best match ${first.name} (${first.score}) is too weak to link`
      : `${first.name} and ${second?.name ?? ""} score alike`;
  return { status: "candidates", code: null, score: first.score, reason, candidates };
}
