/**
 * Splits one paragraph of a plan into its tasks: at 一是/二是/三是 clauses (or numbered items run
 * together: "1.…。2.…"), and after a unit
 * parenthesis that is followed by more work ("…普及。(农业农村部负责)做好客运站…(交通运输部负责)").
 */
import { findUnitParentheses, mergeUnits, type UnitAssignment } from "./units.js";

export interface Clause {
  /** Offsets into the paragraph, trimmed of spaces and of the clause's own 一是 marker. */
  start: number;
  end: number;
  /** Units named by the clause's own parentheses, if any. */
  units: UnitAssignment | null;
  /** Text before the first 一是 of a paragraph that has them: usually the paragraph's title. */
  lead: boolean;
}

// Numbered items run together in one paragraph (text flattened from PDF): "…承诺书1.认真履行…。2.认真办理…".
const INLINE_NUMBER = /(?<![\d.A-Za-z%])(\d{1,2})[.、](?![\d、])/g;

/** Starts of inline numbered items counted on without a gap (5., 6., 7. — an excerpt may start mid-count). */
function inlineNumberStarts(body: string): Array<{ at: number; markerEnd: number }> {
  const out: Array<{ at: number; markerEnd: number }> = [];
  let last = 0;
  INLINE_NUMBER.lastIndex = 0;
  for (let m = INLINE_NUMBER.exec(body); m !== null; m = INLINE_NUMBER.exec(body)) {
    const n = Number(m[1]);
    const previous = out[out.length - 1];
    // Items have some length: "1、2、3" is a list of numbers, not of items.
    if (previous && m.index - previous.markerEnd < 6) continue;
    const item = { at: m.index, markerEnd: m.index + m[0].length };
    if (out.length > 0 && (n === last + 1 || (n === 1 && out.length > 1))) out.push(item);
    else if (out.length <= 1) out.splice(0, 1, item);
    else continue;
    last = n;
  }
  return out.length >= 2 ? out : [];
}

/** Starts of ①, ②, ③ … items run together in a paragraph, counted on without a gap. */
function circledStarts(body: string): Array<{ at: number; markerEnd: number }> {
  const out: Array<{ at: number; markerEnd: number }> = [];
  let expected = -1;
  for (let i = 0; i < body.length; i++) {
    const code = body.charCodeAt(i);
    if (code < 0x2460 || code > 0x2473) continue;
    if (expected < 0 || code === expected) {
      out.push({ at: i, markerEnd: i + 1 });
      expected = code + 1;
    }
  }
  return out.length >= 2 ? out : [];
}

const ORDINALS = [
  "一",
  "二",
  "三",
  "四",
  "五",
  "六",
  "七",
  "八",
  "九",
  "十",
  "十一",
  "十二",
  "十三",
  "十四",
  "十五",
];
const ENUM_MARK = /(^|[。;;,,::\s])([一二三四五六七八九十]{1,3})是/g;

/**
 * Starts of the 一是, 二是 … clauses, counted from 一 without a gap (or from any ordinal at the very
 * start, for a line that continues a count).
 */
function enumerationStarts(body: string): Array<{ at: number; markerEnd: number }> {
  const out: Array<{ at: number; markerEnd: number }> = [];
  let lastOrdinal = "";
  ENUM_MARK.lastIndex = 0;
  for (let m = ENUM_MARK.exec(body); m !== null; m = ENUM_MARK.exec(body)) {
    const at = m.index + (m[1] as string).length;
    const ordinal = ORDINALS.indexOf(m[2] as string);
    // A clause opens the count at 一, or anywhere at the very start (a line that continues a count).
    const expected = out.length === 0 ? (at === 0 ? ordinal : 0) : ORDINALS.indexOf(lastOrdinal) + 1;
    // A new 一是 after a count starts the next count ("公共卫生方面。一是…四是… 医疗服务方面。一是…").
    if (ordinal >= 0 && (ordinal === expected || (ordinal === 0 && out.length > 0))) {
      out.push({ at, markerEnd: at + (m[2] as string).length + 1 });
      lastOrdinal = m[2] as string;
    }
  }
  return out.length > 0 ? out : [];
}

/** Whether at least four Chinese characters follow `from` (looking a short way ahead only). */
function isWorkLeft(s: string, from: number): boolean {
  let han = 0;
  const limit = Math.min(s.length, from + 40);
  for (let i = from; i < limit && han < 4; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x4e00 && c <= 0x9fff) han++;
  }
  return han >= 4;
}

function trimmed(body: string, start: number, end: number): [number, number] {
  let s = start;
  let e = end;
  while (s < e && /[\s,,;;。、]/.test(body[s] as string)) s++;
  while (e > s && /\s/.test(body[e - 1] as string)) e--;
  return [s, e];
}

/** The clauses of `body` that may be tasks, in order. */
export function splitClauses(body: string): Clause[] {
  const enumerated = enumerationStarts(body);
  const circled = enumerated.length > 0 ? enumerated : circledStarts(body);
  const starts = circled.length > 0 ? circled : inlineNumberStarts(body);
  const parts: Array<{ start: number; end: number; lead: boolean }> = [];
  if (starts.length === 0) parts.push({ start: 0, end: body.length, lead: false });
  else {
    const first = starts[0];
    if (first && first.at > 0) parts.push({ start: 0, end: first.at, lead: true });
    starts.forEach((s, k) => {
      parts.push({ start: s.markerEnd, end: starts[k + 1]?.at ?? body.length, lead: false });
    });
  }
  const out: Clause[] = [];
  for (const part of parts) {
    const text = body.slice(part.start, part.end);
    let from = 0;
    let units: UnitAssignment | null = null;
    for (const m of findUnitParentheses(text)) {
      units = mergeUnits(units, m);
      if (isWorkLeft(text, m.end)) {
        // More work follows: the parenthesis closes this task and the next one starts after it.
        let end = m.end;
        if (/[。;;]/.test(text[end] ?? "")) end++;
        push(out, body, part.start + from, part.start + end, units, part.lead);
        from = end;
        units = null;
      }
    }
    push(out, body, part.start + from, part.end, units, part.lead);
  }
  return out;
}

function push(
  out: Clause[],
  body: string,
  start: number,
  end: number,
  units: UnitAssignment | null,
  lead: boolean,
): void {
  const [s, e] = trimmed(body, start, end);
  if (e > s) out.push({ start: s, end: e, units, lead });
}
