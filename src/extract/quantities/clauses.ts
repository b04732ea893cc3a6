/**
 * Sentences and clauses. A sentence ends at 。！？； or a line break (a "。" between digits is a
 * decimal point, not an end); a clause ends at a comma or colon outside parentheses. Quotes are cut
 * from clauses, and metrics are looked for within the clause first. Scans by char code: these run
 * over every character of a plan.
 */
import { isDecimalFullStop } from "./numerals.js";

export interface Span {
  start: number;
  end: number;
}

const SENTENCE_END_RE = /[。！？；;!?\n]/g;
// ，,：:
const CLAUSE_END = new Set([0xff0c, 0x2c, 0xff1a, 0x3a]);
const FULL_STOP = 0x3002;
const isSpace = (c: number): boolean =>
  c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0xa0 || c === 0x3000;

/** Splits [start, end) into sentences, trimming spaces; empty sentences are dropped. */
export function splitSentences(text: string, start: number, end: number): Span[] {
  const out: Span[] = [];
  let s = start;
  // The regex engine finds the next end mark much faster than a loop over every character.
  SENTENCE_END_RE.lastIndex = start;
  for (let m = SENTENCE_END_RE.exec(text); m !== null && m.index < end; m = SENTENCE_END_RE.exec(text)) {
    const i = m.index;
    if (text.charCodeAt(i) === FULL_STOP && isDecimalFullStop(text, i)) continue;
    pushTrimmed(text, s, i, out);
    s = i + 1;
  }
  pushTrimmed(text, s, end, out);
  return out;
}

function pushTrimmed(text: string, s: number, e: number, out: Span[]): void {
  let a = s;
  let b = e;
  while (a < b && isSpace(text.charCodeAt(a))) a++;
  while (b > a && isSpace(text.charCodeAt(b - 1))) b--;
  if (b > a) out.push({ start: a, end: b });
}

const OPEN = (c: number): boolean => c === 0x28 || c === 0xff08;
const CLOSE = (c: number): boolean => c === 0x29 || c === 0xff09;

/** Splits a sentence into clauses at commas and colons that are not inside parentheses. */
export function splitClauses(text: string, sentence: Span): Span[] {
  const out: Span[] = [];
  let depth = 0;
  let s = sentence.start;
  for (let i = sentence.start; i < sentence.end; i++) {
    const c = text.charCodeAt(i);
    // Only a short parenthesis is one unit; a long aside (据…计算, …编者注) has clauses of its own.
    if (OPEN(c)) {
      const stop = Math.min(sentence.end, i + 26);
      for (let k = i + 1; k < stop; k++)
        if (CLOSE(text.charCodeAt(k))) {
          depth++;
          break;
        }
    } else if (CLOSE(c) && depth > 0) depth--;
    // ",、" is a garbled list mark, not a clause end ("高血压,、糖尿病患者规范管理率").
    else if (depth === 0 && CLAUSE_END.has(c) && text[i + 1] !== "、") {
      pushTrimmed(text, s, i, out);
      s = i + 1;
    }
  }
  pushTrimmed(text, s, sentence.end, out);
  return out;
}
