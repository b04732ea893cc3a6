/**
 * The heading a sentence sits under, for its default tense and year: "一、回顾总结2017年工作" makes
 * its results actuals of 2017, "二、做好2018年工作" makes its numbers targets due 2018. Uses the
 * segmenter's sections when it found any, else recognises top-level headings itself.
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

export function findHeadings(text: string, start: number, end: number, sections: DraftSection[]): Heading[] {
  const out: Heading[] = [];
  const make = (s: number, e: number, title: string): Heading => {
    const years = yearsIn(title);
    return {
      start: s,
      end: e,
      tense: headingTense(title),
      year: years.length > 0 ? (years[years.length - 1] as number) : null,
    };
  };
  const top = sections.filter((s) => s.level === 1);
  if (top.length > 0) {
    for (const s of top) out.push(make(s.start, s.contentEnd, s.title));
    return out;
  }
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
        const prev = out[out.length - 1];
        if (prev) prev.end = i;
        out.push(make(i, end, title));
      }
    }
    i = j + 1;
  }
  return out;
}

export function headingAt(headings: Heading[], pos: number): Heading | null {
  let best: Heading | null = null;
  for (const h of headings) if (h.start <= pos && pos < h.end) best = h;
  return best;
}
