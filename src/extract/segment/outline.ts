/**
 * A plan's outline: its headings and their levels. Line headings start a line with a marker (第一部分,
 * 一、, (一), 1. / 1、, (1), ①, a short "一是…" line, or a number alone on a line before a title line);
 * "一是…二是…" enumerations inside a paragraph are the deepest sections, each ending with its paragraph.
 * Levels follow the usual rank of marker kinds (一、 > (一) > 1. > (1) > ①), compressed to the kinds a plan
 * uses, so a plan that starts at (一) has (一) at level 1.
 */
import type { DraftSection } from "../draft.js";
import type { Line } from "./lines.js";
import { smallNumber } from "../small-numbers.js";

type Kind = "part" | "cn" | "pcn" | "num" | "bare" | "pnum" | "circle" | "enum";

const RANK: Record<Kind, number> = { part: 0, cn: 1, pcn: 2, num: 3, bare: 3, pnum: 4, circle: 5, enum: 6 };

interface LineHeading {
  kind: Kind;
  marker: string;
  /** Offset in the line where the heading text starts. */
  bodyAt: number;
}

const CN = "[一二三四五六七八九十]{1,3}";
const MARKERS: Array<[Kind, RegExp]> = [
  ["part", new RegExp(`^第${CN}(?:部分|章|节)[:：、.]?`)],
  // "一、2023年工作回顾" is a heading; "一.5" is not.
  ["cn", new RegExp(`^${CN}(?:、|\\.(?!\\d))`)],
  ["pcn", new RegExp(`^\\(${CN}\\)`)],
  ["num", /^\d{1,2}(?:、|\.(?!\d))/],
  ["pnum", /^(?:\(\d{1,2}\)|\d{1,2}\)(?!\d)|[⑴-⒇])/],
  ["circle", /^[①-⑳]/],
];
const ENUM_LINE = /^([一二三四五六七八九十]{1,2})是/;
const ENUM_INLINE = /([一二三四五六七八九十]{1,2})是/g;
/** What may stand right before an inline "一是": the start of a clause. */
const CLAUSE_BREAK = /[。;:!?,]/;
const MAX_TITLE = 60;
const MAX_SCAN = 200;

function matchLineHeading(text: string): LineHeading | null {
  for (const [kind, re] of MARKERS) {
    const m = re.exec(text);
    if (m) return { kind, marker: m[0], bodyAt: m[0].length };
  }
  const e = ENUM_LINE.exec(text);
  if (e && text.length <= 40 && !text.includes("。"))
    return { kind: "enum", marker: e[0], bodyAt: e[0].length };
  return null;
}

/**
 * The title within `text` from `from`: up to the first 。 or ; — or, when that runs long, up to the first
 * comma or colon. With `short`, a comma already ends it (an enumerated clause: "一是加强…,…").
 * Returns the end offset (exclusive), trailing punctuation left out.
 */
function titleEnd(text: string, from: number, short: boolean): number {
  let firstComma = -1;
  // Looking further than a title can run keeps a long paragraph of clauses linear.
  const limit = Math.min(text.length, from + MAX_SCAN);
  let end = limit;
  for (let i = from; i < limit; i++) {
    const ch = text[i];
    if (ch === "。" || ch === ";" || ch === "!" || ch === "?") {
      end = i;
      break;
    }
    if ((ch === "," || ch === ":") && firstComma < 0 && i - from >= 4) firstComma = i;
  }
  if (firstComma >= 0 && (short || end - from > MAX_TITLE)) end = firstComma;
  if (end - from > MAX_TITLE) end = from + MAX_TITLE;
  while (end > from && /[\s:,、]/.test(text[end - 1] ?? "")) end--;
  return end;
}

interface Event {
  start: number;
  end: number;
  marker: string;
  title: string;
  kind: Kind;
  inline: boolean;
  /** For inline enumerations: where the paragraph ends. */
  paragraphEnd: number;
}

const BARE_TITLE_MAX = 40;
const BARE_LINE_MAX = 60;

function lineEvents(lines: readonly Line[]): Event[] {
  const events: Event[] = [];
  let lastBare = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as Line;
    const text = line.text;
    let headingEnd = 0;
    // A number alone on a line heads the short title line below it, counting up from 1 — a page number
    // of PDF text sits above a running paragraph, or breaks the count.
    const bare = /^\d{1,2}$/.test(text) ? lines[i + 1] : undefined;
    const bareOk =
      bare !== undefined &&
      Number(text) === lastBare + 1 &&
      titleEnd(bare.text, 0, false) <= BARE_TITLE_MAX &&
      bare.text.length <= BARE_LINE_MAX &&
      matchLineHeading(bare.text) === null &&
      !/^\d{1,2}$/.test(bare.text);
    if (bare && bareOk) {
      lastBare = Number(text);
      const end = titleEnd(bare.text, 0, false);
      if (end > 0) {
        events.push({
          start: line.start,
          end: bare.start + end,
          marker: text,
          title: bare.text.slice(0, end),
          kind: "bare",
          inline: false,
          paragraphEnd: bare.end,
        });
        i++;
        inlineEnums(bare, end, events);
        continue;
      }
    }
    const h = matchLineHeading(text);
    if (h) {
      let from = h.bodyAt;
      while (from < text.length && /[\s:]/.test(text[from] ?? "")) from++;
      const end = titleEnd(text, from, false);
      events.push({
        start: line.start,
        end: line.start + Math.max(end, h.bodyAt),
        marker: h.marker,
        title: text.slice(from, end),
        kind: h.kind,
        inline: false,
        paragraphEnd: line.end,
      });
      headingEnd = h.kind === "enum" ? text.length : end;
    }
    inlineEnums(line, headingEnd, events);
  }
  return events;
}

/** "一是…。二是…" inside one paragraph: a run that starts at 一 and counts up. */
function inlineEnums(line: Line, from: number, events: Event[]): void {
  const text = line.text;
  if (from >= text.length) return;
  const found: Array<{ at: number; marker: string }> = [];
  let expected = 1;
  ENUM_INLINE.lastIndex = from;
  for (let m = ENUM_INLINE.exec(text); m !== null; m = ENUM_INLINE.exec(text)) {
    const at = m.index;
    const before = text[at - 1];
    if (at !== 0 && at !== from && !(before !== undefined && CLAUSE_BREAK.test(before))) continue;
    const n = smallNumber(m[1] ?? "");
    if (n === null) continue;
    if (n === 1) expected = 1;
    if (n !== expected) continue;
    expected++;
    found.push({ at, marker: m[0] });
  }
  for (let k = 0; k < found.length; k++) {
    const { at, marker } = found[k] as { at: number; marker: string };
    const bodyAt = at + marker.length;
    // A title never runs into the next enumerated clause.
    const next = found[k + 1]?.at ?? text.length;
    const end = Math.max(bodyAt, Math.min(titleEnd(text, bodyAt, true), next));
    events.push({
      start: line.start + at,
      end: line.start + end,
      marker,
      title: text.slice(bodyAt, end),
      kind: "enum",
      inline: true,
      paragraphEnd: line.end,
    });
  }
}

/** The outline of one plan, from its kept lines; `planEnd` bounds the last sections' content. */
export function buildOutline(lines: readonly Line[], planEnd: number): DraftSection[] {
  const events = lineEvents(lines);
  const ranks = [...new Set(events.filter((e) => !e.inline).map((e) => RANK[e.kind]))].sort((a, b) => a - b);
  const levelOfRank = new Map(ranks.map((r, i) => [r, i + 1]));
  const sections: DraftSection[] = [];
  const stack: DraftSection[] = [];
  const childCount = new Map<string, number>();
  const nextId = (parent: DraftSection | undefined): string => {
    const key = parent?.id ?? "";
    const n = (childCount.get(key) ?? 0) + 1;
    childCount.set(key, n);
    return parent ? `${parent.id}.${n}` : `s${n}`;
  };
  const openLine: DraftSection[] = [];
  for (let i = 0; i < events.length; i++) {
    const e = events[i] as Event;
    // Inline enumerations never hold line headings, so they stay off the stack.
    if (e.inline) {
      const parent = stack[stack.length - 1];
      const level = (parent?.level ?? 0) + 1;
      const nextInSameParagraph = events[i + 1]?.inline && events[i + 1]?.paragraphEnd === e.paragraphEnd;
      const section: DraftSection = {
        id: nextId(parent),
        parentId: parent?.id ?? null,
        level,
        marker: e.marker,
        title: e.title,
        start: e.start,
        end: e.end,
        contentEnd: nextInSameParagraph ? (events[i + 1] as Event).start : e.paragraphEnd,
      };
      sections.push(section);
      continue;
    }
    const level = levelOfRank.get(RANK[e.kind]) ?? 1;
    while (stack.length > 0 && (stack[stack.length - 1] as DraftSection).level >= level) stack.pop();
    const parent = stack[stack.length - 1];
    const section: DraftSection = {
      id: nextId(parent),
      parentId: parent?.id ?? null,
      level,
      marker: e.marker,
      title: e.title,
      start: e.start,
      end: e.end,
      contentEnd: planEnd,
    };
    // Close the open line headings this one ends.
    for (let k = openLine.length - 1; k >= 0; k--) {
      const open = openLine[k] as DraftSection;
      if (open.level >= level) {
        open.contentEnd = e.start;
        openLine.splice(k, 1);
      }
    }
    openLine.push(section);
    stack.push(section);
    sections.push(section);
  }
  return sections;
}
