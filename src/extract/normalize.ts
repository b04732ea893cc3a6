/**
 * Normalises a document for analysis while keeping a map back to the original text: traditional →
 * simplified characters, full-width ASCII → half-width, pinyin glosses after characters dropped
 * ("規(guī)劃" → "规划"), stray spaces around Chinese text removed, line endings unified.
 * Every rule works character by character, so any span of the normalised text maps back to the exact
 * original span (which keeps the pinyin, traditional characters and spaces the reader sees).
 */
import * as OpenCC from "opencc-js";

export interface NormalizedText {
  original: string;
  /** The normalised text that rules run on. */
  text: string;
  /** `origin[i]` is the index in `original` of normalised character i; `origin[text.length]` = original.length. */
  origin: Int32Array;
}

const toSimplified = OpenCC.Converter({ from: "t", to: "cn" });
const simplifiedCache = new Map<string, string>();

function simplify(ch: string): string {
  const code = ch.codePointAt(0) ?? 0;
  if (code < 0x3400) return ch;
  const cached = simplifiedCache.get(ch);
  if (cached !== undefined) return cached;
  const converted = toSimplified(ch);
  // Only accept one-for-one conversions, so offsets stay exact.
  const s = [...converted].length === 1 ? converted : ch;
  simplifiedCache.set(ch, s);
  return s;
}

const TONE_MARKS = /[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]/;
// A pinyin gloss right after a Chinese character: "(guī)", "(yù)(jì)" as web pages print them.
const PINYIN_GLOSS = /^\([a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7}\)/;

const isHan = (code: number): boolean =>
  (code >= 0x3400 && code <= 0x9fff) ||
  (code >= 0xf900 && code <= 0xfaff) ||
  (code >= 0x20000 && code <= 0x3134f);
/** Chinese characters and Chinese punctuation: spaces next to these are layout, not content. */
const isWide = (code: number): boolean =>
  isHan(code) ||
  (code >= 0x3000 && code <= 0x303f) ||
  (code >= 0xff00 && code <= 0xffef) ||
  code === 0x2014 ||
  code === 0x201c ||
  code === 0x201d ||
  code === 0x2018 ||
  code === 0x2019 ||
  code === 0x2026;

const isHorizontalSpace = (ch: string): boolean =>
  ch === " " ||
  ch === "\t" ||
  ch === "\u00a0" ||
  ch === "\u3000" ||
  ch === "\u2002" ||
  ch === "\u2003" ||
  ch === "\u2009";
const INVISIBLE = new Set(["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"]);

function widthFold(ch: string): string {
  const code = ch.charCodeAt(0);
  if (code >= 0xff01 && code <= 0xff5e) return String.fromCharCode(code - 0xfee0);
  return ch;
}

export function normalizeText(original: string): NormalizedText {
  const out: string[] = [];
  const origin: number[] = [];
  const n = original.length;
  let i = 0;
  const push = (s: string, at: number): void => {
    for (let k = 0; k < s.length; k++) {
      out.push(s[k] as string);
      origin.push(at);
    }
  };
  const lastOut = (): string => out[out.length - 1] ?? "\n";
  while (i < n) {
    const code = original.codePointAt(i) ?? 0;
    const ch = String.fromCodePoint(code);
    const width = ch.length;
    if (ch === "\r") {
      if (original[i + 1] !== "\n") push("\n", i);
      i += 1;
      continue;
    }
    if (INVISIBLE.has(ch)) {
      i += width;
      continue;
    }
    if (isHorizontalSpace(ch)) {
      // Collapse a run of spaces; drop it at line edges and next to Chinese text.
      let j = i;
      while (j < n && isHorizontalSpace(original[j] as string)) j++;
      const before = lastOut();
      const after = original[j] ?? "\n";
      const beforeCode = before.codePointAt(0) ?? 0;
      const afterCode = after.codePointAt(0) ?? 0;
      const keep =
        before !== "\n" && after !== "\n" && after !== "\r" && !isWide(beforeCode) && !isWide(afterCode);
      if (keep) push(" ", i);
      i = j;
      continue;
    }
    if (ch === "(" || ch === "（") {
      // Drop a pinyin gloss right after a Chinese character.
      const prev = lastOut().codePointAt(0) ?? 0;
      if (isHan(prev)) {
        const m = PINYIN_GLOSS.exec(
          original
            .slice(i, i + 12)
            .replace("（", "(")
            .replace("）", ")"),
        );
        if (m && TONE_MARKS.test(m[0])) {
          i += m[0].length;
          continue;
        }
      }
    }
    push(widthFold(simplify(ch)), i);
    i += width;
  }
  origin.push(n);
  return { original, text: out.join(""), origin: Int32Array.from(origin) };
}

/** Maps a half-open span [start, end) of the normalised text to the original text. */
export function toOriginalSpan(
  norm: NormalizedText,
  start: number,
  end: number,
): { start: number; end: number; quote: string } {
  const s = norm.origin[start] ?? norm.original.length;
  // The end maps to just after the last character of the span, in the original.
  let e: number;
  if (end <= start) e = s;
  else {
    const lastOrigin = norm.origin[end - 1] ?? s;
    const code = norm.original.codePointAt(lastOrigin) ?? 0;
    e = lastOrigin + (code > 0xffff ? 2 : 1);
    // A normalised \n may stand for \r\n.
    if (norm.original[lastOrigin] === "\r" && norm.original[lastOrigin + 1] === "\n") e += 1;
  }
  return { start: s, end: e, quote: norm.original.slice(s, e) };
}
