/**
 * The headings a sentence sits under, for its default tense and year: "一、回顾总结2017年工作" makes
 * its results actuals of 2017, "二、做好2018年工作" makes its numbers targets due 2018. Uses the
 * segmenter's sections and also recognises top-level headings itself (一、…), since a heading the
 * segmenter reads as a plain line still tells the tense.
 */
import type { DraftSection } from "../draft.js";
import { headingTense, yearsIn } from "./kind.js";

export interface Heading {
  start: number;
  end: number;
  tense: number;
  year: number | null;
}

const TOP_HEADING =
  /^[ \t]*(?:[一二三四五六七八九十]+[、.．]|第[一二三四五六七八九十]+(?:部分|章|篇)|【篇[一二三四五六七八九十]+】)/;

function make(start: number, end: number, title: string): Heading {
  const years = yearsIn(title);
  return {
    start,
    end,
    tense: headingTense(title),
    year: years.length > 0 ? (years[years.length - 1] as number) : null,
  };
}

export function findHeadings(text: string, start: number, end: number, sections: DraftSection[]): Heading[] {
  const out: Heading[] = sections.map((s) => make(s.start, s.contentEnd, s.title));
  const own: Heading[] = [];
  let i = start;
  while (i < end) {
    let j = text.indexOf("\n", i);
    if (j < 0 || j > end) j = end;
    const line = text.slice(i, j);
    const m = TOP_HEADING.exec(line);
    if (m) {
      // The heading's title is its first sentence (a heading line may run into its first paragraph).
      const title = line.slice(m[0].length).split(/[。；;]/)[0] ?? "";
      if (title.length <= 40) {
        const prev = own[own.length - 1];
        if (prev) prev.end = i;
        own.push(make(i, end, title));
      }
    }
    i = j + 1;
  }
  return out.concat(own).sort((a, b) => a.start - b.start);
}

/**
 * Tense and year from the headings around `pos`: the outermost heading that names a tense decides.
 * Headings are sorted by start; only the nearest few dozen before `pos` are examined, which keeps the
 * lookup cheap on documents with thousands of headings (enclosing headings are never far away in the list
 * for real outlines, whose depth is small).
 */
export function headingAt(headings: Heading[], pos: number): Heading | null {
  let lo = 0;
  let hi = headings.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((headings[mid] as Heading).start <= pos) lo = mid + 1;
    else hi = mid;
  }
  let tense = 0;
  let year: number | null = null;
  let found = false;
  // Walk back from the innermost candidate; the last tense seen is the outermost one.
  for (let k = lo - 1; k >= 0 && k >= lo - 64; k--) {
    const h = headings[k] as Heading;
    if (pos >= h.end) continue;
    found = true;
    if (h.tense !== 0) tense = h.tense;
    if (year === null && h.year !== null) year = h.year;
  }
  return found ? { start: pos, end: pos, tense, year } : null;
}
