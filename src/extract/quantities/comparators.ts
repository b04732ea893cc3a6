/**
 * Comparators as the spec defines them. Words after a value (以上, 以下, 以内, 左右, 及以上) decide
 * first; then words right before it (不低于, 至少, 超过, 不超过, 低于, 约, 控制在); then a change verb
 * earlier in the clause (提高 N → increase_by, 下降 N → decrease_by, but 提高到/降至 N → a level).
 */
import type { Comparator } from "../model.js";

/** A comparator word right after the value (and its unit). Longest first. */
const SUFFIXES: Array<[string, Comparator]> = [
  ["及以上", ">="],
  ["或以上", ">="],
  ["以上", ">="],
  ["及以下", "<="],
  ["或以下", "<="],
  ["以下", "<="],
  ["以内", "<="],
  ["之内", "<="],
  ["内", "<="],
  ["左右", "~"],
  ["上下", "~"],
];

export interface SuffixMatch {
  comparator: Comparator;
  end: number;
}

/** Reads a comparator word at `i` (right after the unit). */
export function scanSuffix(text: string, i: number): SuffixMatch | null {
  for (const [w, c] of SUFFIXES) {
    if (!text.startsWith(w, i)) continue;
    // 内 alone is "within" only as the last word of a phrase (5天内即实现, 1天内实现), not 内容/内部.
    if (w === "内" && /[容部涵在科外地镜]/.test(text[i + 1] ?? "")) return null;
    // 上下 as "up and down" (上下联动) is not "about".
    if (w === "上下" && /[联贯级游]/.test(text[i + 2] ?? "")) return null;
    return { comparator: c, end: i + w.length };
  }
  return null;
}

/** Comparator words right before a value (the verb may sit between: 不低于达到 is not written). */
const PREFIXES: Array<[RegExp, Comparator]> = [
  [/(不低于|不少于|不小于|至少|最少|不下于)(要|应|需)?(有|达到|达|为|建成|建设|确定|培育|开展|安排)?$/, ">="],
  [/(不高于|不超过|不多于|不大于|最多|控制在|控制到|稳定在|压缩在|压缩到)(达到|为)?$/, "<="],
  [/(超过|超|高于|大于|多于|突破|逾)(了)?$/, ">"],
  [/(低于|小于|少于|不足|不到)$/, "<"],
  [/(约为|约|大约|大概|近|接近)$/, "~"],
];

/** The comparator written right before a value, looking only at the last few characters. */
export function prefixComparator(before: string): Comparator | null {
  const tail = before.slice(-8);
  for (const [re, c] of PREFIXES) if (re.test(tail)) return c;
  // "不少于总量的五分之一", "不超过收入的30%": the comparator governs a share of a named whole.
  const share = /(不低于|不少于|不小于|至少|不高于|不超过|不多于|低于|高于|超过)[\u4e00-\u9fff]{1,8}的$/.exec(
    before.slice(-14),
  );
  if (share) {
    const w = share[1] as string;
    return /^(不低于|不少于|不小于|至少)$/.test(w)
      ? ">="
      : /^(不高于|不超过|不多于)$/.test(w)
        ? "<="
        : w === "低于"
          ? "<"
          : ">";
  }
  return null;
}

/** Change verbs: 提高/增长 N is a change, 提高到 N a level. */
const UP = /(提高|增长|提升|增加|上升|(?<![新递])增(?![强进效设加长])|升高|攀升|上涨)(了)?/g;
const DOWN =
  /(下降|降低|减少|下调|(?<![递])降(?![低])|(?<![递缩压])减(?![少免轻负])|缩短|压减|回落|缩减)(了)?/g;

/**
 * A change verb that governs the value: the last one in `left` (clause text before the value, after
 * any earlier value), unless it is followed by 到/至/为 (a new level, "=") or the value is a noun's
 * attribute (降幅, 增幅 are nouns: "平均降幅5.6%" is a plain value).
 */
export function changeComparator(left: string): Comparator | null {
  let best: { at: number; c: Comparator; end: number } | null = null;
  for (const [re, c] of [
    [UP, "increase_by"],
    [DOWN, "decrease_by"],
  ] as const) {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(left)) !== null) {
      if (best === null || m.index > best.at) best = { at: m.index, c, end: m.index + m[0].length };
    }
  }
  if (best === null) return null;
  const rest = left.slice(best.end);
  // 提高到/降至/降为 → the value is the new level.
  if (/^(到|至|为|成)/.test(rest)) return null;
  if (/[到至]$/.test(left) && !/[比较]/.test(rest)) return null;
  // 降幅/增幅/增速 are nouns naming the metric; 提升…达到 N names the level reached.
  if (/^(幅|速|量)/.test(rest)) return null;
  if (/(达到|达|为|到|至)$/.test(rest)) return null;
  return best.c;
}
