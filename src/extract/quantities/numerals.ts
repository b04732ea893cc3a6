/**
 * Numbers as health plans write them: Arabic digits (with "。" printed for the decimal point),
 * Chinese numerals (两, 一千, 二百三十), multipliers folded into the value (12.37万, 2.7亿), and
 * indefinite amounts (十几万, 二百三十余万, 数十, 上百).
 *
 * The rule for indefinite amounts, one for all of them: the value is the lower bound the words
 * state, and the comparator says it is a bound. 余/多/几/数 say "more than" (`>`): 9万余人 → > 90000,
 * 1000多万元 → > 10000000, 十几万 → > 100000, 数十万 → > 100000 (several tens of 万: more than
 * one ten). 上百/上千/上万 say "reaching" (`>=`): 上百个 → >= 100. 左右/约 (comparators.ts) say `~`.
 */

const DIGIT: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const SMALL_UNIT: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
const BIG_UNIT: Record<string, number> = { 万: 1e4, 亿: 1e8 };

export const isAsciiDigit = (ch: string | undefined): boolean => ch !== undefined && ch >= "0" && ch <= "9";
const NUMERAL_CHARS = new Set([...Object.keys(DIGIT), ...Object.keys(SMALL_UNIT), ...Object.keys(BIG_UNIT)]);
export const isChineseNumeralChar = (ch: string | undefined): boolean =>
  ch !== undefined && NUMERAL_CHARS.has(ch);

/** How exact the number is: "more" for 余/多/几 (more than), "atLeast" for 上百, "exact" otherwise. */
export type Approximation = "exact" | "more" | "atLeast";

export interface ScannedNumber {
  start: number;
  end: number;
  value: number;
  /** Digits as written (Arabic only), for tests on shape such as 4-digit years or PDF-lost symbols. */
  digits: string;
  chinese: boolean;
  approx: Approximation;
}

/** Rounds away binary noise (17.176 × 10000 = 171760.00000000003). */
export const tidy = (x: number): number => Math.round(x * 1e6) / 1e6;

/**
 * Parses a run of Chinese numeral characters ("二百三十", "一千", "十", "两") into its value, or null
 * when the run is not a well-formed number. Big units (万, 亿) multiply what comes before them.
 */
export function parseChineseInteger(s: string): number | null {
  if (s.length === 0) return null;
  if (s === "零" || s === "〇") return 0;
  let total = 0;
  let section = 0;
  let digit = -1;
  for (const ch of s) {
    const d = DIGIT[ch];
    if (ch === "零") continue; // a filler inside a number: 一千零五
    if (d !== undefined) {
      // Two digits in a row ("三四级", "十三五") are not a number but a list or a name.
      if (digit >= 0) return null;
      digit = d;
      continue;
    }
    const small = SMALL_UNIT[ch];
    if (small !== undefined) {
      section += (digit < 0 ? 1 : digit) * small;
      digit = -1;
      continue;
    }
    const big = BIG_UNIT[ch];
    if (big !== undefined) {
      section += digit < 0 ? 0 : digit;
      if (section === 0 && total === 0) return null;
      // 亿 scales everything before it; 万 only its own section (一亿二千万 = 1亿 + 2千万).
      total = big === 1e8 ? (total + section) * big : total + section * big;
      section = 0;
      digit = -1;
      continue;
    }
    return null;
  }
  if (digit >= 0) section += digit;
  return total + section;
}

/** A "。" between digits that stands for a decimal point (38。9万, 92。5%), not a sentence end. */
export function isDecimalFullStop(text: string, i: number): boolean {
  if (text[i] !== "。" || !isAsciiDigit(text[i - 1]) || !isAsciiDigit(text[i + 1])) return false;
  let j = i + 1;
  while (isAsciiDigit(text[j])) j++;
  if (j - (i + 1) > 2) return false;
  const next = text[j] ?? "";
  return /[%‰万亿千岁元人个家张]/.test(next);
}

const MULTIPLIER: Record<string, number> = { 万: 1e4, 亿: 1e8 };

/** Reads 余/多 and a multiplier after a number: "9万余人", "1000多万元", "二百三十余万". */
function readTail(text: string, j: number, value: number, approx: Approximation) {
  let v = value;
  let a = approx;
  let k = j;
  if ((text[k] === "余" || text[k] === "多") && (MULTIPLIER[text[k + 1] ?? ""] ?? 0) > 0) {
    a = "more";
    k++;
  }
  // 千 folds only before 万/亿 or a unit ("5千万", "3千人"); 万/亿 always fold.
  if (text[k] === "千" && !isChineseNumeralChar(text[k + 1])) {
    v *= 1000;
    k++;
  }
  const m = MULTIPLIER[text[k] ?? ""];
  if (m !== undefined) {
    v *= m;
    k++;
    if (text[k] === "亿") {
      v *= 1e8;
      k++;
    }
  }
  if (text[k] === "余" || text[k] === "多") {
    a = "more";
    k++;
  }
  return { value: tidy(v), end: k, approx: a };
}

/** Scans an Arabic number at `i` (the caller checked text[i] is a digit). */
export function scanArabic(text: string, i: number): ScannedNumber {
  let j = i;
  while (isAsciiDigit(text[j])) j++;
  if ((text[j] === "." && isAsciiDigit(text[j + 1])) || isDecimalFullStop(text, j)) {
    j++;
    while (isAsciiDigit(text[j])) j++;
  }
  const digits = text.slice(i, j);
  const value = Number(digits.replace("。", "."));
  const tail = readTail(text, j, value, "exact");
  return { start: i, end: tail.end, value: tail.value, digits, chinese: false, approx: tail.approx };
}

/** Scans a Chinese numeral at `i`; null when the run is not a number (e.g. a lone 万). */
export function scanChinese(text: string, i: number): ScannedNumber | null {
  let j = i;
  let approx: Approximation = "exact";
  let run = "";
  // 数十/数百: "several tens" → at least the order of magnitude, read as more than it.
  if (text[j] === "数" && SMALL_UNIT[text[j + 1] ?? ""] !== undefined) {
    approx = "more";
    j++;
  } else if (text[j] === "上" && (text[j + 1] === "百" || text[j + 1] === "千" || text[j + 1] === "万")) {
    approx = "atLeast";
    run = "一";
    j++;
  }
  while (j < text.length) {
    const ch = text[j] as string;
    if (isChineseNumeralChar(ch)) {
      run += ch;
      j++;
    } else if (ch === "几" && run.length > 0 && SMALL_UNIT[run[run.length - 1] ?? ""] !== undefined) {
      approx = "more";
      j++;
    } else if (ch === "余" && run.length > 0 && BIG_UNIT[text[j + 1] ?? ""] !== undefined) {
      approx = "more";
      j++;
    } else break;
  }
  // 百元, 千人, 万人 without a digit are "per hundred/thousand", not numbers (上百 was rewritten to 一百).
  if (/^[百千万亿]/.test(run)) return null;
  const value = parseChineseInteger(run);
  if (value === null || run.length === 0) return null;
  const tail = readTail(text, j, value, approx);
  return { start: i, end: tail.end, value: tail.value, digits: "", chinese: true, approx: tail.approx };
}
