/**
 * Plain-text decoding: bytes → string with the encoding found. Chinese documents come as UTF-8 (with or
 * without BOM), UTF-16 with BOM, GB18030/GBK or Big5; a decode is accepted only when its characters are
 * plausible Chinese text, so a wrong guess turns into an "undecodable" error rather than mojibake.
 */
import chardet from "chardet";
import iconv from "iconv-lite";
import { DocumentError } from "./errors.js";

export interface DecodedText {
  text: string;
  encoding: string;
}

/** How much of a file the checks look at: enough to judge, cheap on large files. */
const SAMPLE_BYTES = 64 * 1024;
/** Share of non-ASCII characters that must be common Chinese characters or punctuation. */
const MIN_LIKELY = 0.8;

let likelyHan: Set<number> | null = null;

/**
 * Characters a Chinese document is made of: GB2312 (the common simplified characters) and Big5 level 1
 * (the common traditional ones). A wrong decode scatters over rare characters instead.
 */
function commonHan(): Set<number> {
  if (likelyHan) return likelyHan;
  const set = new Set<number>();
  const add = (bytes: number[], encoding: string): void => {
    for (const ch of iconv.decode(Buffer.from(bytes), encoding)) {
      const code = ch.codePointAt(0) ?? 0;
      if (code >= 0x3400) set.add(code);
    }
  };
  const gb: number[] = [];
  for (let lead = 0xb0; lead <= 0xf7; lead++) for (let t = 0xa1; t <= 0xfe; t++) gb.push(lead, t);
  add(gb, "gb2312");
  const big5: number[] = [];
  for (let lead = 0xa4; lead <= 0xc6; lead++) {
    for (const [lo, hi] of [
      [0x40, 0x7e],
      [0xa1, 0xfe],
    ] as const) {
      for (let t = lo; t <= hi; t++) big5.push(lead, t);
    }
  }
  add(big5, "big5");
  likelyHan = set;
  return set;
}

const isPunctuation = (code: number): boolean =>
  (code >= 0x2000 && code <= 0x206f) || // general punctuation: “ ” — …
  (code >= 0x3000 && code <= 0x303f) || // CJK punctuation: 、。《》【】
  (code >= 0xff00 && code <= 0xffef) || // full-width forms: ，：（）％
  (code >= 0x2460 && code <= 0x24ff) || // enclosed numbers: ①
  (code >= 0x2150 && code <= 0x218f) || // roman numerals
  (code >= 0x25a0 && code <= 0x25ff) || // geometric shapes: ■ ●
  code === 0x00b7 ||
  code === 0x00a0 ||
  code === 0x00d7 ||
  code === 0x2103;

/**
 * Share of the non-ASCII characters of a decode that are plausible in a Chinese document (1 when the
 * sample is pure ASCII), and how many replacement characters it holds.
 */
export function plausibility(text: string): { likely: number; replacements: number; nonAscii: number } {
  const han = commonHan();
  let nonAscii = 0;
  let good = 0;
  let replacements = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (code < 0x80) continue;
    nonAscii++;
    if (code === 0xfffd) replacements++;
    else if (han.has(code) || isPunctuation(code) || (code >= 0xc0 && code <= 0x24f)) good++;
  }
  return { likely: nonAscii === 0 ? 1 : good / nonAscii, replacements, nonAscii };
}

/** Control bytes other than tab, line feed, form feed and carriage return (and ESC, seen in old files). */
function controlShare(bytes: Uint8Array): number {
  const n = Math.min(bytes.length, SAMPLE_BYTES);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i] as number;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0c && b !== 0x0d && b !== 0x1b) control++;
  }
  return n === 0 ? 0 : control / n;
}

/** UTF-16 without a BOM shows as NUL bytes on one side of the pairs. */
function utf16WithoutBom(bytes: Uint8Array): "utf-16le" | "utf-16be" | null {
  const n = Math.min(bytes.length, SAMPLE_BYTES) & ~1;
  if (n < 4) return null;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZero++;
    if (bytes[i + 1] === 0) oddZero++;
  }
  const pairs = n / 2;
  // ASCII (digits, punctuation) puts its NUL on one side; a Chinese character only rarely (U+4E00 → 00 4E).
  if (oddZero > pairs * 0.02 && evenZero < oddZero * 0.2) return "utf-16le";
  if (evenZero > pairs * 0.02 && oddZero < evenZero * 0.2) return "utf-16be";
  return null;
}

function decodeWith(bytes: Uint8Array, encoding: string): string {
  return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), encoding);
}

/** A few broken characters in an otherwise valid UTF-8 file (a cut multi-byte sequence, a pasted glyph). */
function tolerableUtf8(text: string): boolean {
  let nonAscii = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) >= 0x80) nonAscii++;
  const limit = Math.max(3, nonAscii * 0.002);
  // Counted with indexOf and given up early: a file in another encoding yields replacements by the thousand.
  let replacements = 0;
  for (let i = text.indexOf("\ufffd"); i !== -1; i = text.indexOf("\ufffd", i + 1)) {
    if (++replacements > limit) return false;
  }
  return plausibility(text.slice(0, SAMPLE_BYTES)).likely >= MIN_LIKELY;
}

/**
 * Decodes a text file. Throws `DocumentError` "binary" for non-text content and "undecodable" when no
 * encoding gives plausible Chinese text.
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder("utf-8").decode(bytes.subarray(3)), encoding: "utf-8" };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: decodeWith(bytes.subarray(2), "utf-16le"), encoding: "utf-16le" };
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: decodeWith(bytes.subarray(2), "utf-16be"), encoding: "utf-16be" };
  }
  const utf16 = utf16WithoutBom(bytes);
  if (utf16) {
    const text = decodeWith(bytes, utf16);
    if (plausibility(text.slice(0, SAMPLE_BYTES)).likely >= MIN_LIKELY) return { text, encoding: utf16 };
  }
  if (controlShare(bytes) > 0.01) throw new DocumentError("binary", "control bytes in the text");

  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes), encoding: "utf-8" };
  } catch {
    // Not clean UTF-8: either UTF-8 with a few broken bytes, or a legacy Chinese encoding.
  }
  const lenient = new TextDecoder("utf-8").decode(bytes);
  if (tolerableUtf8(lenient)) return { text: lenient, encoding: "utf-8" };

  const sample = bytes.subarray(0, SAMPLE_BYTES);
  const confidence = new Map(chardet.analyse(sample).map((m) => [m.name.toLowerCase(), m.confidence]));
  const candidates = ["gb18030", "big5"]
    .map((encoding) => {
      // A multi-byte character may be cut at the end of the sample: ignore one trailing replacement.
      const p = plausibility(decodeWith(sample, encoding).replace(/\ufffd$/, ""));
      return { encoding, p, confidence: confidence.get(encoding) ?? 0 };
    })
    .filter((c) => c.p.replacements === 0 && c.p.likely >= MIN_LIKELY)
    .sort((a, b) => b.p.likely - a.p.likely || b.confidence - a.confidence);
  const best = candidates[0];
  if (!best) throw new DocumentError("undecodable", "neither UTF-8, UTF-16, GB18030 nor Big5");
  return { text: decodeWith(bytes, best.encoding), encoding: best.encoding };
}
