/**
 * Sentences and clauses. A sentence ends at 。！？； or a line break (a "。" between digits is a
 * decimal point, not an end); a clause ends at a comma or colon outside parentheses. Quotes are cut
 * from clauses, and metrics are looked for within the clause first.
 */
import { isDecimalFullStop } from "./numerals.js";

export interface Span {
  start: number;
  end: number;
}

const SENTENCE_END = new Set(["。", "！", "？", "；", ";", "!", "?", "\n"]);
const CLAUSE_END = new Set(["，", ",", "：", ":"]);

/** Splits [start, end) into sentences, trimming spaces; empty sentences are dropped. */
export function splitSentences(text: string, start: number, end: number): Span[] {
  const out: Span[] = [];
  let s = start;
  for (let i = start; i < end; i++) {
    const ch = text[i] as string;
    if (!SENTENCE_END.has(ch) || (ch === "。" && isDecimalFullStop(text, i))) continue;
    pushTrimmed(text, s, i, out);
    s = i + 1;
  }
  pushTrimmed(text, s, end, out);
  return out;
}

function pushTrimmed(text: string, s: number, e: number, out: Span[]): void {
  let a = s;
  let b = e;
  while (a < b && /\s/.test(text[a] as string)) a++;
  while (b > a && /\s/.test(text[b - 1] as string)) b--;
  if (b > a) out.push({ start: a, end: b });
}

/** Splits a sentence into clauses at commas and colons that are not inside parentheses. */
export function splitClauses(text: string, sentence: Span): Span[] {
  const out: Span[] = [];
  let depth = 0;
  let s = sentence.start;
  for (let i = sentence.start; i < sentence.end; i++) {
    const ch = text[i] as string;
    // Only a short parenthesis is one unit; a long aside (据…计算, …编者注) has clauses of its own.
    if (ch === "(" || ch === "（") {
      const close = text.slice(i + 1, Math.min(sentence.end, i + 26)).search(/[)）]/);
      if (close >= 0) depth++;
    } else if ((ch === ")" || ch === "）") && depth > 0) depth--;
    // ",、" is a garbled list mark, not a clause end ("高血压,、糖尿病患者规范管理率").
    else if (depth === 0 && CLAUSE_END.has(ch) && text[i + 1] !== "、") {
      pushTrimmed(text, s, i, out);
      s = i + 1;
    }
  }
  pushTrimmed(text, s, sentence.end, out);
  return out;
}
