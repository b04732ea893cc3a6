/**
 * Finds the tasks of a plan: the commitments under its outline, with their units and deadlines.
 * A task is a deepest-level item (a numbered item, a 一是 clause, a paragraph under a heading). With an
 * outline, headings, the preamble and context sections (指导思想, 主要指标, 工作回顾 …) give no tasks;
 * without one, lines that read as commitments are taken. Offsets are in normalised coordinates.
 */
import type { NormalizedText } from "../normalize.js";
import type { DraftPlan, DraftSection, DraftTask } from "../draft.js";
import { splitClauses } from "./clauses.js";
import { parseDeadline } from "./deadline.js";
import {
  hasActionVerb,
  isNonTaskTitle,
  isPageNoise,
  isPreamble,
  looksLikeHeading,
  markerDepth,
  markerLength,
  readsAsPastResult,
  tenseCue,
} from "./reading.js";
import { readHeader, readRow, splitCells, type TableHeader } from "./table.js";
import { findUnitParentheses, mergeUnits, parseUnitLine, type UnitAssignment } from "./units.js";

interface Line {
  start: number;
  end: number;
}

/** Non-empty lines of text[from, to), trimmed of spaces. */
function linesIn(text: string, from: number, to: number): Line[] {
  const out: Line[] = [];
  let i = from;
  while (i < to) {
    let nl = text.indexOf("\n", i);
    if (nl < 0 || nl > to) nl = to;
    let s = i;
    let e = nl;
    while (s < e && /\s/.test(text[s] as string)) s++;
    while (e > s && /\s/.test(text[e - 1] as string)) e--;
    if (e > s) out.push({ start: s, end: e });
    i = nl + 1;
  }
  return out;
}

/** Answers "which is the innermost section containing offset p" for non-decreasing p in one pass. */
class SectionLocator {
  private readonly sorted: DraftSection[];
  private next = 0;
  private stack: DraftSection[] = [];
  private last = -1;

  constructor(sections: DraftSection[]) {
    this.sorted = [...sections].sort((a, b) => a.start - b.start || a.level - b.level);
  }

  at(p: number): DraftSection | null {
    if (p < this.last) {
      this.next = 0;
      this.stack = [];
    }
    this.last = p;
    while (this.next < this.sorted.length && (this.sorted[this.next] as DraftSection).start <= p) {
      const s = this.sorted[this.next] as DraftSection;
      this.popEnded(s.start);
      this.stack.push(s);
      this.next++;
    }
    this.popEnded(p);
    return this.stack[this.stack.length - 1] ?? null;
  }

  private popEnded(p: number): void {
    while (this.stack.length > 0 && (this.stack[this.stack.length - 1] as DraftSection).contentEnd <= p) {
      this.stack.pop();
    }
  }
}

interface Pending {
  start: number;
  end: number;
  /** Index of the task's last line, so only the very next line can continue it. */
  lastLine: number;
  sectionId: string | null;
  units: UnitAssignment | null;
}

const LABEL_LINE = /^[((]?(?:完成时限|完成时间|时间节点|时限要求|截止时间)[::]/;

/** A line that only gives a task's units or time limit ("牵头单位:…", "完成时限:…"). */
const isFieldLine = (raw: string): boolean => LABEL_LINE.test(raw) || parseUnitLine(raw) !== null;

/** Spans inside the plan the segmenter dropped (page noise, repeats), sorted; none if it gives none. */
function gapsOf(plan: DraftPlan): Line[] {
  const gaps: unknown = "gaps" in plan ? plan.gaps : undefined;
  if (!Array.isArray(gaps)) return [];
  return gaps
    .filter(
      (g): g is Line =>
        typeof g === "object" &&
        g !== null &&
        typeof (g as Line).start === "number" &&
        typeof (g as Line).end === "number",
    )
    .sort((a, b) => a.start - b.start);
}

/** Whether a section or one of its ancestors is context (指导思想, 主要指标, 工作回顾, 保障措施 …). */
function makeContextCheck(sections: DraftSection[]): (s: DraftSection | null) => boolean {
  const byId = new Map(sections.map((s) => [s.id, s]));
  const memo = new Map<string, boolean>();
  const check = (s: DraftSection | null, depth = 0): boolean => {
    if (!s || depth > 50) return false;
    const known = memo.get(s.id);
    if (known !== undefined) return known;
    const result =
      isNonTaskTitle(s.title) ||
      check(s.parentId === null ? null : (byId.get(s.parentId) ?? null), depth + 1);
    memo.set(s.id, result);
    return result;
  };
  return (s) => check(s);
}

/**
 * The tasks of one plan, in document order, ids "t1", "t2", ….
 *
 * @example
 *   const norm = normalizeText("二、重点任务\n1.年底前建成胸痛中心。(市卫健委牵头,各医院配合)");
 *   extractTasks(norm, plan)[0]; // { text: "年底前建成胸痛中心。(市卫健委牵头,各医院配合)", leadUnits: ["市卫健委"], … }
 */
export function extractTasks(norm: NormalizedText, plan: DraftPlan): DraftTask[] {
  const text = norm.text;
  const from = Math.max(0, Math.min(plan.start, text.length));
  const to = Math.max(from, Math.min(plan.end, text.length));
  const lines = linesIn(text, from, to);
  const sections = plan.sections.filter((s) => s.start >= from && s.start < to);
  const outlined = sections.length > 0;
  const locator = new SectionLocator(sections);
  const isContext = makeContextCheck(sections);

  const gaps = gapsOf(plan);
  let gap = 0;
  const pending: Pending[] = [];
  let past = false;
  let contextDepth: number | null = null;
  let tableHeader: TableHeader | null = null;
  for (let li = 0; li < lines.length; li++) {
    const line = lines[li] as Line;
    while (gap < gaps.length && (gaps[gap] as Line).end <= line.start) gap++;
    const inGap = gap < gaps.length && (gaps[gap] as Line).start <= line.start;
    if (inGap) continue;
    const raw = text.slice(line.start, line.end);
    const mlen = markerLength(raw);
    const body = raw.slice(mlen);
    if (isPageNoise(body)) continue;
    const section = outlined ? locator.at(line.start) : null;
    const previous = pending[pending.length - 1];

    // A row of a task table ("1|推进…|市卫健委|市医保局|6月底前"), read by its header's columns.
    const cells = raw.includes("|") ? splitCells(raw) : null;
    if (!cells) tableHeader = null;
    else {
      const header = readHeader(cells);
      if (header) tableHeader = header;
      else if (!past && (!outlined || (section && !isContext(section)))) {
        const row = readRow(cells, tableHeader);
        if (row) {
          const start = line.start + row.start;
          pending.push({
            start,
            end: line.start + row.end,
            sectionId: section?.id ?? null,
            units: row.units,
            lastLine: li,
          });
        }
      }
      continue;
    }

    // "责任单位:…" or "完成时限:…" on its own line belongs to the task above it.
    const unitLine = parseUnitLine(raw);
    if (unitLine || LABEL_LINE.test(raw)) {
      if (previous && previous.sectionId === (section?.id ?? null)) {
        previous.end = line.end;
        previous.lastLine = li;
        previous.units = mergeUnits(previous.units, unitLine);
      }
      continue;
    }
    // So does a unit parenthesis alone on its line, and the rest of a sentence that a PDF wrapped onto
    // the next line.
    if (previous && previous.lastLine === li - 1 && previous.sectionId === (section?.id ?? null)) {
      const own = raw.startsWith("(") ? findUnitParentheses(raw) : [];
      const aloneParen = own.length === 1 && own[0]?.start === 0 && (own[0]?.end ?? 0) >= raw.length - 1;
      if (aloneParen || (mlen === 0 && isWrapped(text, previous, raw))) {
        const found = aloneParen ? own : findUnitParentheses(raw);
        previous.end = line.end;
        previous.lastLine = li;
        previous.units = previous.units ?? found[found.length - 1] ?? null;
        continue;
      }
    }

    const heading = looksLikeHeading(body);
    const cue = tenseCue(heading ? body : body.slice(0, 24), heading);
    if (cue !== null) past = cue;

    if (outlined) {
      if (!section || isContext(section)) continue;
      if (isHeadingOnly(text, section, line, lines[li + 1])) continue;
    } else if (isFallbackHeading(text, body, raw, lines[li + 1])) {
      // Without an outline, a heading opens or closes a context section by its numbering depth.
      const depth = markerDepth(raw) ?? 0;
      if (contextDepth !== null && depth <= contextDepth) contextDepth = null;
      if (contextDepth === null && isNonTaskTitle(body.replace(/[。;;]$/, ""))) contextDepth = depth;
      continue;
    }
    if (contextDepth !== null) continue;
    if (past || isPreamble(body)) continue;

    const bodyStart = line.start + mlen;
    for (const clause of splitClauses(body)) {
      const clauseText = body.slice(clause.start, clause.end);
      if (clause.lead && !clause.units && looksLikeHeadingSentence(clauseText)) continue;
      if (!hasFourHan(clauseText)) continue;
      if (!clause.units && (!hasActionVerb(clauseText) || readsAsPastResult(clauseText))) continue;
      const start = bodyStart + clause.start;
      pending.push({
        start,
        end: bodyStart + clause.end,
        sectionId: outlined ? (locator.at(start)?.id ?? section?.id ?? null) : null,
        units: clause.units ?? labelledTail(clauseText),
        lastLine: li,
      });
    }
  }

  return pending.map((p, k) => {
    const taskText = text.slice(p.start, p.end);
    const units = p.units;
    return {
      id: `t${k + 1}`,
      sectionId: p.sectionId,
      text: taskText,
      leadUnits: units?.leadUnits ?? [],
      partnerUnits: units?.partnerUnits ?? [],
      deadline: parseDeadline(taskText, plan.year, p.start),
      start: p.start,
      end: p.end,
    };
  });
}

// "…推进分级诊疗。牵头单位:市卫健委;配合单位:市医保局" — the units close the task's own line.
const LABEL_TAIL = /(?:^|[。;;\s])((?:牵头|主责|责任|配合|参与|协办)(?:单位|部门)[::][^。\n]{1,120})[。]?$/;

function labelledTail(clauseText: string): UnitAssignment | null {
  if (!/(?:单位|部门)[::]/.test(clauseText)) return null;
  const m = LABEL_TAIL.exec(clauseText);
  return m ? parseUnitLine(m[1] as string) : null;
}

/** A long unpunctuated line followed by an unnumbered sentence: a PDF line break, not a heading. */
function wrapsOntoNextLine(text: string, body: string, nextLine: Line | undefined): boolean {
  if (!nextLine || body.length < 24) return false;
  const next = text.slice(nextLine.start, nextLine.end);
  return markerLength(next) === 0 && !looksLikeHeading(next);
}

/**
 * A line that continues the task above: that task stops mid-sentence on a long line (no closing
 * punctuation), and this line opens with no marker of its own.
 */
function isWrapped(text: string, previous: Pending, raw: string): boolean {
  if (previous.end - previous.start < 20) return false;
  if (/^[一二三四五六七八九十]{1,2}是/.test(raw)) return false;
  return !/[。;;!?!?)::”"]$/.test(text.slice(previous.end - 1, previous.end));
}

function hasFourHan(s: string): boolean {
  let han = 0;
  for (let i = 0; i < s.length && han < 4; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x4e00 && c <= 0x9fff) han++;
  }
  return han >= 4;
}

/** A title sentence before the 一是 clauses ("(二)全力抓好深化医药卫生体制改革。"). */
function looksLikeHeadingSentence(s: string): boolean {
  return s.length <= 40 && (s.match(/[。;;!?]/g)?.length ?? 0) <= 1;
}

/**
 * With an outline: a line that is a section's heading and nothing more, when that section has content
 * of its own below. A leaf item whose heading is the whole line ("(一)开展爱国卫生月活动。") is a task.
 * The innermost section at the line's start is the one whose heading covers the line, if any does
 * (a heading may start on the line before: a number alone, then the title).
 */
function isHeadingOnly(text: string, section: DraftSection, line: Line, nextLine: Line | undefined): boolean {
  if (section.end < line.end - 1 || section.end <= line.start) return false;
  // Unit and time-limit lines below an item are its fields, not content of a section.
  const hasContentBelow =
    nextLine !== undefined &&
    nextLine.start < section.contentEnd &&
    !isFieldLine(text.slice(nextLine.start, nextLine.end));
  // A leaf heading is an item only if it says what is to be done.
  return hasContentBelow || !hasActionVerb(section.title);
}

/**
 * Without an outline: a title-like line, or a one-sentence line opening deeper-numbered items
 * ("(一)打造健康宜居城乡环境。" followed by "1.…").
 */
function isFallbackHeading(text: string, body: string, raw: string, nextLine: Line | undefined): boolean {
  if (body.length > 40 || findUnitParentheses(body).length > 0) return false;
  if (looksLikeHeading(body)) return !wrapsOntoNextLine(text, body, nextLine);
  if (!nextLine) return false;
  const depth = markerDepth(raw);
  const nextDepth = markerDepth(text.slice(nextLine.start, Math.min(nextLine.end, nextLine.start + 8)));
  return depth !== null && nextDepth !== null && nextDepth > depth;
}
