/**
 * Splits a normalised document into plans: page noise and word-for-word repeats dropped, a page holding
 * several plans cut at their markers, each plan's outline and title / issuer / year found.
 * All offsets are in normalised coordinates (`norm.text`).
 *
 * @example
 *   segmentDocument(normalizeText("当前位置>首页>通知\n2024年工作要点\n一、总体目标\n…")).plans[0].year; // 2024
 */
import type { NormalizedText } from "../normalize.js";
import type { DraftPlan, DroppedSpan, Segmentation } from "../draft.js";
import { splitLines, type Line } from "./lines.js";
import { findNoiseLines } from "./noise.js";
import { findDuplicateLines } from "./duplicates.js";
import { findPlanStarts, isPieceMarker, isTitleLine, pieceTitle, variantStem } from "./split.js";
import { buildOutline } from "./outline.js";
import { cleanTitle, planMetadata } from "./metadata.js";

type Reason = DroppedSpan["reason"];

/** Consecutive dropped lines of one reason become one span. */
function droppedSpans(lines: readonly Line[], reasons: ReadonlyArray<Reason | null>): DroppedSpan[] {
  const spans: DroppedSpan[] = [];
  let open: DroppedSpan | null = null;
  let prevDropped = -2;
  for (const line of lines) {
    const reason = reasons[line.index] ?? null;
    if (reason === null) {
      open = null;
      continue;
    }
    if (open && open.reason === reason && prevDropped === line.index - 1) open.end = line.end;
    else {
      open = { start: line.start, end: line.end, reason };
      spans.push(open);
    }
    prevDropped = line.index;
  }
  return spans;
}

/** The page's title: the first title-like line, noise lines included (a page often prints it as chrome). */
function findPageTitle(lines: readonly Line[]): string | null {
  for (const line of lines.slice(0, 40)) {
    const t = line.text.replace(/^(?:本文标题|标题)[:：]\s*/, "");
    if (isTitleLine(t)) return cleanTitle(t, null);
  }
  return null;
}

/** The plan's own title line among its first lines: a numbered variant's stem or a title line. */
function findPlanTitle(planLines: readonly Line[]): string | null {
  for (const line of planLines.slice(0, 3)) {
    const stem = variantStem(line.text);
    if (stem !== null) return cleanTitle(line.text, stem);
    const afterMarker = pieceTitle(line.text);
    if (afterMarker !== null) return cleanTitle(afterMarker, variantStem(afterMarker));
    if (isPieceMarker(line.text)) continue;
    if (isTitleLine(line.text)) return cleanTitle(line.text, null);
  }
  return null;
}

export function segmentDocument(norm: NormalizedText): Segmentation {
  const lines = splitLines(norm.text);
  const noise = findNoiseLines(lines);
  const dup = findDuplicateLines(lines, noise);
  const reasons: Array<Reason | null> = lines.map((_, i) =>
    noise[i] ? "noise" : dup[i] ? "duplicate" : null,
  );
  const skip = reasons.map((r) => r !== null);
  const starts = findPlanStarts(lines, skip);
  const kept = lines.filter((l) => !skip[l.index]);

  // Group the kept lines into plans: the first plan also holds what comes before the first marker.
  const groups: Line[][] = [];
  let current: Line[] = [];
  const startSet = new Set(starts);
  let seenStart = false;
  for (const line of kept) {
    if (startSet.has(line.index)) {
      if (seenStart && current.length > 0) {
        groups.push(current);
        current = [];
      }
      seenStart = true;
    }
    current.push(line);
  }
  if (current.length > 0) groups.push(current);

  // A plan of nothing but title lines is no plan. Right above a repeat, it headed a plan printed again
  // whole: drop it as a repeat. Otherwise (a list of links to other pieces) it stays with the plan before.
  const plansLines: Line[][] = [];
  for (const g of groups) {
    const prev = plansLines[plansLines.length - 1];
    const titleOnly = g.every(
      (l) => startSet.has(l.index) || isTitleLine(l.text) || variantStem(l.text) !== null,
    );
    if (prev === undefined || !titleOnly) {
      plansLines.push(g);
      continue;
    }
    const last = g[g.length - 1] as Line;
    if (reasons[last.index + 1] === "duplicate") for (const l of g) reasons[l.index] = "duplicate";
    else prev.push(...g);
  }

  const dropped = droppedSpans(lines, reasons);
  const pageTitle = findPageTitle(lines);
  const headerLines = lines.slice(0, 15).map((l) => l.text);
  // Plans and dropped spans are both in text order: one sweep hands each plan the gaps inside it.
  let d = 0;
  const plans: DraftPlan[] = plansLines.map((planLines) => {
    const start = (planLines[0] as Line).start;
    const end = (planLines[planLines.length - 1] as Line).end;
    const sections = buildOutline(planLines, end);
    const meta = planMetadata({
      planLines: planLines.map((l) => l.text),
      planTitle: findPlanTitle(planLines),
      pageTitle,
      headerLines,
      headingTitles: sections.filter((x) => x.level <= 2).map((x) => `${x.marker}${x.title}`),
    });
    const gaps: Array<{ start: number; end: number }> = [];
    while (d < dropped.length && (dropped[d] as DroppedSpan).start < start) d++;
    for (; d < dropped.length && (dropped[d] as DroppedSpan).end <= end; d++) {
      const gap = dropped[d] as DroppedSpan;
      gaps.push({ start: gap.start, end: gap.end });
    }
    return {
      start,
      end,
      title: meta.title,
      issuer: meta.issuer,
      year: meta.year,
      reviewYear: meta.reviewYear,
      gaps,
      sections,
    };
  });
  return { plans, dropped };
}
