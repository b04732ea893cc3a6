/**
 * Finds the numeric mentions of a sentence: a number with its unit and the comparator words glued to
 * it, after dropping the numbers that are no items (exclusions.ts). Rates and fractions are read here:
 * 7/10万 (a rate, never a date), 10万分之58, 百分之九十五, 三分之一 (33.33 %), 1/3, 8成 (80 %).
 */
import type { Comparator } from "../model.js";
import { scanSuffix } from "./comparators.js";
import {
  QUALIFIER_UNITS,
  isAttendance,
  isDateOrGradeWord,
  isExcludedByPrefix,
  isHan,
  isLabelCount,
  nounPhraseAfter,
  quotedRanges,
} from "./exclusions.js";
import {
  isAsciiDigit,
  isChineseNumeralChar,
  scanArabic,
  scanChinese,
  tidy,
  type Approximation,
  type ScannedNumber,
} from "./numerals.js";
import type { Span } from "./clauses.js";
import { mayStartUnit, scanUnit } from "./units.js";

export interface Mention {
  /** Span of the number, its unit and its glued comparator word. */
  start: number;
  end: number;
  value: number;
  unit: string;
  /** Comparator word right after the unit (以上, 以下, 左右, 内). */
  suffix: Comparator | null;
  approx: Approximation;
  /** A range (1-2个): the value is the lower bound. */
  range: boolean;
  /** No unit: a bare value after a verb (CMI 达到2左右, 性别比为108). */
  bare: boolean;
  /** A rank (排名第二). */
  rank: boolean;
}

const ASCII_LETTER = /[A-Za-z]/;
/** How far context tests look around a value. */
const CONTEXT = 40;
/** Characters that can start a number, as a table by char code: a lookup per character is several times faster than a regex class of non-Latin characters. */
const CANDIDATE = new Uint8Array(0x10000);
for (const c of "0123456789零〇一二两三四五六七八九十百千万亿数上第") CANDIDATE[c.charCodeAt(0)] = 1;
/** People nouns: a bare 万/亿 count followed by one of these counts people. */
const PEOPLE =
  /^[^,，。;；]{0,12}(老年人|老人|妇女|儿童|居民|群众|农民|学生|患者|人口|人群|职工|孕产妇|新生儿|婴幼儿)/;

/** Classifiers that can count parts of a text (四个方面, 五项制度, 三条措施); measures never do. */
const LABEL_UNITS = new Set([
  "个",
  "项",
  "件",
  "条",
  "类",
  "种",
  "批",
  "次",
  "场",
  "轮",
  "支",
  "家",
  "所",
  "大类",
]);
const THRESHOLD_UNITS = new Set(["次", "天", "小时", "岁", "户", "种", "年"]);
const RANK_CONTEXT = /(排名|排|名列|列|位列|位居|居|获|取得|夺得|荣获)[^,，;；。]{0,14}$/;
const VALUE_VERB =
  /(达到|达|为|是|至|到|在|于|超过|超|约|近|高于|低于|不低于|不少于|不超过|不高于|提高|提升|增长|下降|降低|增加|减少|仅有|仅|只有|高达|突破|率|数|比|值|指数)$/;

function scanNumberAt(text: string, i: number): ScannedNumber | null {
  const ch = text[i];
  if (isAsciiDigit(ch)) return scanArabic(text, i);
  if (isChineseNumeralChar(ch) || ((ch === "数" || ch === "上") && isChineseNumeralChar(text[i + 1])))
    return scanChinese(text, i);
  return null;
}

/** ,，;；:：。 */
const CLAUSE_MARK = new Set([0x2c, 0xff0c, 0x3b, 0xff1b, 0x3a, 0xff1a, 0x3002]);

/** Where the clause around `i` starts (for context tests that must not cross a comma). */
function clauseStart(text: string, from: number, i: number): number {
  // Bounded: a context test never needs more than a few dozen characters, and an unbounded scan
  // per value would be quadratic on a long run-on sentence.
  const stop = Math.max(from, i - CONTEXT);
  let k = i - 1;
  while (k >= stop && !CLAUSE_MARK.has(text.charCodeAt(k))) k--;
  return k + 1;
}

/**
 * The first character at or after `i` that can start a number, or -1. The last answer is remembered:
 * when it lies beyond a sentence, the next sentences before it are answered without a new search, so
 * a text with few numbers is still scanned once, not once per sentence.
 */
let memoText = "";
let memoFrom = -1;
let memoAt = -1;
function nextCandidate(text: string, i: number): number {
  if (text === memoText && i >= memoFrom && (memoAt < 0 || i <= memoAt)) return memoAt;
  let at = -1;
  for (let k = i, n = text.length; k < n; k++)
    if (CANDIDATE[text.charCodeAt(k)] === 1) {
      at = k;
      break;
    }
  memoText = text;
  memoFrom = i;
  memoAt = at;
  return memoAt;
}

/** Reads every mention of the sentence `s`. */
export function scanMentions(text: string, s: Span): Mention[] {
  const out: Mention[] = [];
  let quoted: Array<[number, number]> | null = null;
  let q = 0;
  let i = s.start;
  while (i < s.end) {
    // Jump to the next character that can start a number (most characters cannot).
    const at = nextCandidate(text, i);
    if (at < 0 || at >= s.end) break;
    i = at;
    const ch = text[i] as string;
    // 上/数 start a number only before a numeral (上百, 数十); 以上, 数据 are the common case.
    if ((ch === "上" || ch === "数") && !isChineseNumeralChar(text[i + 1])) {
      i++;
      continue;
    }
    // A Chinese numeral is a value only before a unit, a fraction or a multiplier: skip 一是, 进一步.
    if (isChineseNumeralChar(ch) && ch !== "零") {
      let j = i + 1;
      while (j < s.end && isChineseNumeralChar(text[j])) j++;
      const next = text[j];
      if (!mayStartUnit(next) && !(next !== undefined && "分成余多几%‰".includes(next))) {
        i = j;
        continue;
      }
    }
    quoted ??= quotedRanges(text, s.start, s.end);
    while (q < quoted.length && (quoted[q] as [number, number])[1] < i) q++;
    const range = quoted[q];
    if (range !== undefined && range[0] <= i) {
      i = range[1] + 1;
      continue;
    }
    // Ordinals (第四批) are skipped whole; a rank (排名第二, 列全省第一) is an item with unit "".
    if (ch === "第") {
      const n = scanNumberAt(text, i + 1);
      if (n === null || n.end > s.end) {
        i++;
        continue;
      }
      let end = n.end;
      if (text[end] === "名" || text[end] === "位") end++;
      const before = text.slice(clauseStart(text, s.start, i), i);
      const next = text[end];
      if (
        RANK_CONTEXT.test(before) &&
        (next === undefined || !isHan(next) || /[的,，。和及与、]/.test(next))
      ) {
        out.push({
          start: i,
          end,
          value: n.value,
          unit: "",
          suffix: null,
          approx: "exact",
          range: false,
          bare: false,
          rank: true,
        });
      }
      i = Math.max(end, n.end);
      continue;
    }
    // 百分之九十五, 千分之五, 十万分之五十八 (the latter read below, from its denominator).
    const perWord = ch === "百" || ch === "千" ? /^(百分之|千分之)/.exec(text.slice(i, i + 3)) : null;
    if (perWord) {
      const n = scanNumberAt(text, i + 3);
      if (n !== null && n.end <= s.end) {
        const unit = perWord[1] === "百分之" ? "%" : "‰";
        pushWithSuffix(text, out, i, n.end, n.value, unit, n.approx, false, s.end);
        i = n.end;
        continue;
      }
      i += 3;
      continue;
    }
    const n = scanNumberAt(text, i);
    if (n === null || n.end > s.end) {
      i++;
      continue;
    }
    i = readMention(text, s, n, out);
  }
  return out;
}

/** Reads what follows a number (fraction, rate, range, unit, comparator) and records a mention; returns where to continue. */
function readMention(text: string, s: Span, n: ScannedNumber, out: Mention[]): number {
  const prev = text[n.start - 1];
  let j = n.end;
  // Numbers glued to Latin letters or a dot are names and versions: 5G, H7N9, PM2.5, 2.0版.
  if ((prev !== undefined && (ASCII_LETTER.test(prev) || prev === ".")) || ASCII_LETTER.test(text[j] ?? "")) {
    while (j < s.end && (ASCII_LETTER.test(text[j] as string) || isAsciiDigit(text[j]))) j++;
    return Math.max(j, n.start + 1);
  }
  // 10万分之58 / 三分之一: a fraction, the number read so far is the denominator.
  if (text.startsWith("分之", j)) {
    const num = scanNumberAt(text, j + 2);
    if (num === null || num.end > s.end) return j + 2;
    const den = n.value;
    let value: number;
    let unit: string;
    if (den === 100) [value, unit] = [num.value, "%"];
    else if (den === 1000) [value, unit] = [num.value, "‰"];
    else if (den === 1e4) [value, unit] = [num.value, "/万"];
    else if (den === 1e5) [value, unit] = [num.value, "/10万"];
    else [value, unit] = [(num.value / den) * 100, "%"];
    pushWithSuffix(text, out, n.start, num.end, value, unit, "exact", false, s.end);
    return num.end;
  }
  // Rates: 7/10万, 30/10萬, 500/100000; small fractions: 1/3.
  if (text[j] === "/") {
    const rate = /^\/(10万|十万|100000|1万|万|10000)/.exec(text.slice(j, j + 8));
    if (rate) {
      const unit = /^(10万|十万|100000)$/.test(rate[1] as string) ? "/10万" : "/万";
      const end = j + (rate[0] as string).length;
      pushWithSuffix(text, out, n.start, end, n.value, unit, n.approx, false, s.end);
      return end;
    }
    const frac = /^\/(\d{1,2})(?![\d./年月日-])/.exec(text.slice(j, j + 4));
    if (frac && !n.chinese && n.value > 0) {
      const den = Number(frac[1]);
      const end = j + (frac[0] as string).length;
      if (den >= 2 && den <= 10 && n.value < den && scanUnit(text, end) === null) {
        pushWithSuffix(text, out, n.start, end, (n.value / den) * 100, "%", "exact", false, s.end);
        return end;
      }
    }
    // A date or a code (2019/12/1, 1/2/3): skip the whole run.
    while (j < s.end && (isAsciiDigit(text[j]) || text[j] === "/")) j++;
    return j;
  }
  // Ranges: 1-2个, 3~5家, 2至5名 → the lower bound; a range of years or ages is no value.
  let range = false;
  if (/[-~～—–至到]/.test(text[j] ?? "") && j + 1 < s.end) {
    const second = scanNumberAt(text, j + 1);
    if (second !== null && second.chinese === n.chinese && second.value > n.value && second.end <= s.end) {
      range = true;
      j = second.end;
    }
  }
  // 8成 → 80 %.
  if (text[j] === "成" && n.value > 0 && n.value <= 10 && !/[立为本果员效都熟长功]/.test(text[j + 1] ?? "")) {
    pushWithSuffix(text, out, n.start, j + 1, tidy(n.value * 10), "%", n.approx, range, s.end);
    return j + 1;
  }
  if (isDateOrGradeWord(text[j])) {
    // 2019年, 3月, 二级, 三甲: skip, including the year's own tail (年度, 年底).
    return j + 1;
  }
  // A rate whose "/" was lost in PDF text: 发病率控制在50010万以内 is 500/10万.
  if (
    !n.chinese &&
    n.digits.length >= 3 &&
    n.digits.endsWith("10") &&
    text[n.end - 1] === "万" &&
    /率/.test(text.slice(Math.max(s.start, n.start - 12), n.start))
  ) {
    pushWithSuffix(text, out, n.start, n.end, Number(n.digits.slice(0, -2)), "/10万", "exact", false, s.end);
    return n.end;
  }
  const unit = scanUnit(text, j);
  if (unit === null) {
    // 完成8万老年人免费接种, 为100万农村妇女实施检查: a large count of people names them right after.
    if (!n.chinese && /[万亿]$/.test(text.slice(n.start, n.end)) && PEOPLE.test(text.slice(j, j + 12))) {
      pushWithSuffix(text, out, n.start, j, n.value, "人", n.approx, range, s.end);
      return j;
    }
    if (!acceptBare(text, s, n, j)) return Math.max(j, n.start + 1);
    pushWithSuffix(text, out, n.start, j, n.value, "", n.approx, range, s.end, true);
    return j;
  }
  // 30岁~70岁人群: a range with the unit written twice.
  let unitEnd = unit.end;
  if (/[-~～至]/.test(text[unitEnd] ?? "")) {
    const second = scanNumberAt(text, unitEnd + 1);
    const u2 = second ? scanUnit(text, second.end) : null;
    if (second && u2 && u2.unit === unit.unit && second.value > n.value) {
      range = true;
      unitEnd = u2.end;
    }
  }
  if (!acceptCount(text, s, n, unit.unit, unitEnd)) return unitEnd;
  pushWithSuffix(text, out, n.start, unitEnd, n.value, unit.unit, n.approx, range, s.end);
  return unitEnd;
}

/** A bare number (no unit) is a value only after a verb or a metric, closing its clause: 性别比为108, 指数达80. */
function acceptBare(text: string, s: Span, n: ScannedNumber, j: number): boolean {
  // 零 as a goal: 力争零发案, 实现零感染.
  if (n.chinese && n.value === 0)
    return (
      /^(发案|发生|感染|死亡|事故|伤亡|投诉|报告|增长|容忍)/.test(text.slice(j, j + 2)) &&
      /(力争|实现|确保|保持|做到)$/.test(text.slice(Math.max(s.start, n.start - 2), n.start))
    );
  if (n.chinese) return false;
  if (/^(19|20)\d\d$/.test(n.digits)) return false;
  const before = text.slice(Math.max(s.start, n.start - 6), n.start);
  // A large amount with 万/亿 and no unit is still a count (门诊号次38。9万, 人数达7亿).
  const multiplied = /[万亿]$/.test(text.slice(n.start, n.end).replace(/[余多]$/, ""));
  if (!VALUE_VERB.test(before) && !(multiplied && isHan(text[n.start - 1]))) return false;
  if (isExcludedByPrefix(before)) return false;
  let k = j;
  const suf = scanSuffix(text, k);
  if (suf) k = suf.end;
  const next = text[k];
  return (
    next === undefined ||
    k >= s.end ||
    /[,，。;；、)）\s]/.test(next) ||
    (next === "和" && isAsciiDigit(text[k + 1]))
  );
}

/** A number with a unit: refuse dates, ordinals, names, category thresholds and text labels. */
function acceptCount(text: string, s: Span, n: ScannedNumber, unit: string, unitEnd: number): boolean {
  const before = text.slice(Math.max(s.start, n.start - 8), n.start);
  if (isExcludedByPrefix(before)) return false;
  // Slogans: 1个2, 4个60% — a number glued to another number's classifier.
  if (unit === "个" && isAsciiDigit(text[unitEnd])) {
    let d = unitEnd;
    while (isAsciiDigit(text[d]) || text[d] === ".") d++;
    const u = scanUnit(text, d);
    if (u === null || u.unit === "%") return false;
  }
  if (/[\d一二三四五六七八九十两]个$/.test(before) && /^\d/.test(text.slice(n.start))) return false;
  // 八届五次全会: the session of a congress.
  if (/届$/.test(before)) return false;
  // Service hotlines (12345, 12355, 12320) are names.
  if (n.digits.length === 5 && n.digits.startsWith("123")) return false;
  // 一批 (a batch), 二期 (phase two), 三位一体 are no counts.
  if (n.chinese && ((n.value === 1 && unit === "批") || unit === "期")) return false;
  if (unit === "人" && text.startsWith("一体", unitEnd)) return false;
  // 分三批接收: a breakdown of another count (NOTES-000 #8).
  if (/(?<![部百十])分$/.test(before)) return false;
  // 被确定为全国13个首批…试点城市: another body's list (NOTES-000 #9).
  if (
    /被(确定|评|列|命名|授予|认定)为(全国|全省|国家)[^,，。]*$/.test(
      text.slice(Math.max(s.start, n.start - 16), n.start),
    )
  )
    return false;
  // 常住尘肺病患者达100人的乡镇: a threshold that selects places.
  if (
    /(达|满|达到|超过)$/.test(before) &&
    /^的(乡镇|村|行政村|社区|单位|企业|地区|县|学校|医院|机构|街道)/.test(text.slice(unitEnd, unitEnd + 4))
  )
    return false;
  // 六类十项: two counts in a row name a standard.
  if (isChineseNumeralChar(text[unitEnd]) && scanUnit(text, unitEnd + 1) !== null) return false;
  if (/[一二三四五六七八九十两][类项个种]$/.test(before)) return false;
  let k = unitEnd;
  const suf = scanSuffix(text, k);
  if (suf) k = suf.end;
  if (text[k] === "的") k++;
  const after = text[k];
  // Category thresholds: 65岁以上老年人, 2000户以上的社区, 13种大病, 24小时在线.
  const nounFollows = after !== undefined && isHan(after) && !/[和或及、左即就便均都已]/.test(after);
  const within = /^(内|以内|之内)/.test(text.slice(unitEnd, unitEnd + 2));
  // …but a value a verb reaches is a value: 人均预期寿命增加1岁的目标.
  const afterVerb = /(增加|提高|提升|延长|达到|达|超过|降至|降到|下降到|提高到)$/.test(before);
  if (QUALIFIER_UNITS.has(unit) && nounFollows && !afterVerb) return false;
  // 每周参加1次及以上体育锻炼的人数: a threshold on a frequency or a duration defines who counts.
  if (suf && THRESHOLD_UNITS.has(unit) && nounFollows && suf.comparator !== "~" && !within) return false;
  // 被评为全省首批20个…示范样板之一: the count is another body's list.
  if (/^[^,，;；。]*之一/.test(text.slice(unitEnd, Math.min(s.end, unitEnd + CONTEXT)))) return false;
  // 一 with a classifier is mostly an article (一个重要抓手); it counts after 至少/有/各/新增/建成.
  if (
    n.chinese &&
    n.value === 1 &&
    !/(至少|有|各|新增|建成|建设|培育|设立|打造|确定|配备|组建)$/.test(before) &&
    // 排名…上升一位: a step of rank.
    !(unit === "人" && /(上升|下降|提升|前移|后移|前进|后退)$/.test(before))
  )
    return false;
  const np = nounPhraseAfter(text, unitEnd, s.end);
  // 3类目标人群, 十类重点人群: kinds of people name categories of the text, not things counted.
  if ((unit === "类" || unit === "种") && /^.{0,4}人群/.test(np)) return false;
  if (LABEL_UNITS.has(unit) && isLabelCount(np)) return false;
  if (/^(以下|如下|下列|上述|以上)$/.test(before.slice(-2)) || /(以下|如下|下列|上述)$/.test(before))
    return false;
  const clauseFrom = clauseStart(text, s.start, n.start);
  let clauseTo = unitEnd;
  const clauseStop = Math.min(s.end, unitEnd + CONTEXT);
  while (clauseTo < clauseStop && !/[,，;；。]/.test(text[clauseTo] as string)) clauseTo++;
  if (
    (unit === "人" || unit === "人次") &&
    isAttendance(text.slice(k, k + 4), text.slice(clauseFrom, clauseTo))
  )
    return false;
  return true;
}

function pushWithSuffix(
  text: string,
  out: Mention[],
  start: number,
  end: number,
  value: number,
  unit: string,
  approx: Approximation,
  range: boolean,
  limit: number,
  bare = false,
): void {
  let e = end;
  let suffix: Comparator | null = null;
  let ap = approx;
  if (text[e] === "余" || text[e] === "多") {
    ap = "more";
    e++;
  }
  const suf = scanSuffix(text, e);
  if (suf && suf.end <= limit) {
    suffix = suf.comparator;
    e = suf.end;
  }
  out.push({ start, end: e, value: tidy(value), unit, suffix, approx: ap, range, bare, rank: false });
}
