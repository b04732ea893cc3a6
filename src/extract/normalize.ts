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
// Lazily filled per BMP code unit: 0 = not looked up yet, otherwise the simplified code unit.
const simplifiedTable = new Uint16Array(0x10000);

function simplifyUnit(code: number): number {
  if (code < 0x3400 || (code >= 0xd800 && code <= 0xdfff)) return code;
  let s = simplifiedTable[code] ?? 0;
  if (s === 0) {
    const converted = toSimplified(String.fromCharCode(code));
    // Only accept one-for-one conversions within the BMP, so offsets stay exact.
    s = converted.length === 1 ? converted.charCodeAt(0) : code;
    simplifiedTable[code] = s;
  }
  return s;
}

const TONE_MARKS = /[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]/;
// A pinyin gloss right after a Chinese character: "(guī)", "(yù)(jì)" as web pages print them.
const PINYIN_GLOSS = /^[(（][a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7}[)）]/;

const isHan = (code: number): boolean =>
  (code >= 0x3400 && code <= 0x9fff) ||
  (code >= 0xf900 && code <= 0xfaff) ||
  (code >= 0xd800 && code <= 0xdfff);
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

const isHorizontalSpace = (code: number): boolean =>
  code === 0x20 ||
  code === 0x09 ||
  code === 0xa0 ||
  code === 0x3000 ||
  code === 0x2002 ||
  code === 0x2003 ||
  code === 0x2009;
const isInvisible = (code: number): boolean =>
  code === 0x200b ||
  code === 0x200c ||
  code === 0x200d ||
  code === 0x2060 ||
  code === 0xfeff ||
  code === 0xad;

const NEWLINE = 0x0a;
const utf16 = new TextDecoder("utf-16le");

export function normalizeText(original: string): NormalizedText {
  const n = original.length;
  // One output unit per input unit at most, plus the closing origin entry.
  const out = new Uint16Array(n);
  const origin = new Int32Array(n + 1);
  let len = 0;
  let i = 0;
  while (i < n) {
    const code = original.charCodeAt(i);
    if (code === 0x0d) {
      if (original.charCodeAt(i + 1) !== NEWLINE) {
        out[len] = NEWLINE;
        origin[len++] = i;
      }
      i += 1;
      continue;
    }
    if (isInvisible(code)) {
      i += 1;
      continue;
    }
    if (isHorizontalSpace(code)) {
      // Collapse a run of spaces; drop it at line edges and next to Chinese text.
      let j = i + 1;
      while (j < n && isHorizontalSpace(original.charCodeAt(j))) j++;
      const before = len > 0 ? (out[len - 1] ?? NEWLINE) : NEWLINE;
      const after = j < n ? original.charCodeAt(j) : NEWLINE;
      const keep =
        before !== NEWLINE && after !== NEWLINE && after !== 0x0d && !isWide(before) && !isWide(after);
      if (keep) {
        out[len] = 0x20;
        origin[len++] = i;
      }
      i = j;
      continue;
    }
    if ((code === 0x28 || code === 0xff08) && len > 0 && isHan(out[len - 1] ?? 0)) {
      // Drop a pinyin gloss right after a Chinese character.
      const m = PINYIN_GLOSS.exec(original.slice(i, i + 10));
      if (m && TONE_MARKS.test(m[0])) {
        i += m[0].length;
        continue;
      }
    }
    const simplified = simplifyUnit(code);
    out[len] = simplified >= 0xff01 && simplified <= 0xff5e ? simplified - 0xfee0 : simplified;
    origin[len++] = i;
    i += 1;
  }
  origin[len] = n;
  return { original, text: utf16.decode(out.subarray(0, len)), origin: origin.slice(0, len + 1) };
}

/** Maps a half-open span [start, end) of the normalised text to the original text. */
export function toOriginalSpan(
  norm: NormalizedText,
  start: number,
  end: number,
): { start: number; end: number; quote: string } {
  const { original, origin } = norm;
  const s = origin[start] ?? original.length;
  let e = s;
  if (end > start) {
    // The end maps to just after the span's last character in the original (both halves of a surrogate pair).
    const last = origin[end - 1] ?? s;
    e = last + 1;
    const code = original.charCodeAt(last);
    if (code >= 0xd800 && code <= 0xdbff && e < original.length) e += 1;
  }
  return { start: s, end: e, quote: original.slice(s, e) };
}
