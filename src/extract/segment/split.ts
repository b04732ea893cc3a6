/**
 * Where a page holds several plans, where each starts: a piece marker (【篇一】, 第二篇, 范文3), a numbered
 * variant of one title ("…工作要点一", "…工作计划篇2", "…工作总结1"), or a document title printed again
 * after a stretch of text.
 */
import type { Line } from "./lines.js";
import { HEADING_START } from "./noise.js";

const ORDINAL = "[一二三四五六七八九十]{1,3}|\\d{1,2}";
/** 【篇一】, 篇1, 第二篇, 【第3篇】, 范文一, 范文2: a marker alone on its line. */
const PIECE_MARKER = new RegExp(
  `^[【\\[]?\\s*(?:篇\\s*(?:${ORDINAL})|第\\s*(?:${ORDINAL})\\s*篇|(?:参考)?范文\\s*(?:${ORDINAL}))\\s*[】\\]]?\\s*[:：]?$`,
);
/** The kinds of document a plan page prints; a title ends with one of them. */
export const DOC_TYPE =
  /(?:工作要点|要点|工作计划|计划|实施方案|方案|工作总结|总结|工作思路|思路|规划|纲要|意见|报告|讲话|讲话稿|发言|会议|承诺书|安排|打算|述职报告|汇报|材料)$/;
const VARIANT = new RegExp(`^(.{4,50}?)(?:篇|范文|之)?\\s*(?:${ORDINAL})\\s*[:：]?$`);

/** 【篇二】乡镇卫生院工作计划, 第三篇:…, 范文一:…: a piece marker before the piece's title. */
const PIECE_PREFIX = new RegExp(
  `^(?:[【\\[]\\s*(?:篇\\s*(?:${ORDINAL})|第\\s*(?:${ORDINAL})\\s*篇)\\s*[】\\]]|(?:篇\\s*(?:${ORDINAL})|第\\s*(?:${ORDINAL})\\s*篇|(?:参考)?范文\\s*(?:${ORDINAL}))\\s*[:：])\\s*`,
);

export function isPieceMarker(text: string): boolean {
  return PIECE_MARKER.test(text) || pieceTitle(text) !== null;
}

/** The title after a piece marker on the same line ("【篇二】乡镇卫生院工作计划" → "乡镇卫生院工作计划"). */
export function pieceTitle(text: string): string | null {
  const m = PIECE_PREFIX.exec(text);
  if (!m) return null;
  const rest = text.slice(m[0].length).trim();
  return rest.length > 0 && rest.length <= 60 && !/[。;]/.test(rest) ? rest : null;
}

/** "2024年市爱国卫生和健康促进工作要点二" → its stem "2024年市爱国卫生和健康促进工作要点"; null otherwise. */
export function variantStem(text: string): string | null {
  if (text.length > 60 || /[。,;]/.test(text) || HEADING_START.test(text)) return null;
  const m = VARIANT.exec(text);
  const stem = m?.[1]?.trim();
  if (!stem || !DOC_TYPE.test(stem)) return null;
  return stem;
}

/** A page's decorations after a title: "(通用5篇)", "合集6篇", "精编4篇", "(2019)". */
const TITLE_DECORATION = /[(（][^()（）]{0,6}\d+篇[)）]$|合集\d*篇?$|精编\d*篇$|\d+篇$|[(（]\d{4}[)）]$/;

/**
 * A short line naming a kind of document: a candidate title. A bare kind ("•工作总结" in a site menu) is
 * not a title: it must say whose or what work.
 */
/** A notice that issues a plan names the plan: "关于印发《某区2024年卫生健康工作计划》的通知" → the plan's title. */
const ISSUING_NOTICE = /^关于(?:印发|转发|下发|公布)《(.{4,50}?)》的?通知$/;

export function unwrapIssuingNotice(text: string): string {
  return ISSUING_NOTICE.exec(text)?.[1] ?? text;
}

export function isTitleLine(text: string): boolean {
  if (text.length < 5 || text.length > 60 || /[。;]/.test(text) || HEADING_START.test(text)) return false;
  if (/^[•·●▪■◆◇□>|-]/.test(text)) return false;
  const bare = unwrapIssuingNotice(text).replace(TITLE_DECORATION, "");
  const m = DOC_TYPE.exec(bare);
  if (!m) return false;
  const subject = bare.slice(0, m.index).replace(/工作$|年度$/, "");
  return /[\u3400-\u9fff\d]{2}/.test(subject);
}

// A title printed again splits the page only when a whole plan's worth of text lies between the prints;
// closer prints are a page title above a short intro.
const REPEAT_MIN_GAP = 500;

const FIRST_HEADING =
  /^(?:([一二三四五六七八九十]{1,3})[、.]|\(([一二三四五六七八九十]{1,3})\)|(\d{1,2})[.、](?!\d)|\((\d{1,2})\)|第([一二三四五六七八九十]{1,3})(?:部分|章))/;
const RESTART_LOOKAHEAD = 15;

/**
 * Whether the outline starts over after line `at`: its first heading below is numbered one. A title
 * printed again with the text running on (a PDF page's running header) does not start a plan.
 */
function outlineRestarts(lines: readonly Line[], skip: readonly boolean[], at: number): boolean {
  let seen = 0;
  for (let k = at + 1; k < lines.length && seen < RESTART_LOOKAHEAD; k++) {
    if (skip[k]) continue;
    seen++;
    const m = FIRST_HEADING.exec((lines[k] as Line).text);
    if (m) {
      const ordinal = m[1] ?? m[2] ?? m[3] ?? m[4] ?? m[5];
      return ordinal === "一" || ordinal === "1";
    }
  }
  return false;
}

/** Indices (into `lines`) of the kept lines where a plan starts, in order; empty for a one-plan page. */
export function findPlanStarts(lines: readonly Line[], skip: readonly boolean[]): number[] {
  const starts = new Set<number>();
  const seenTitle = new Map<string, Line>();
  for (const line of lines) {
    if (skip[line.index]) continue;
    const t = line.text;
    if (isPieceMarker(t) || variantStem(t) !== null) {
      starts.add(line.index);
      continue;
    }
    if (!isTitleLine(t)) continue;
    const first = seenTitle.get(t);
    if (first === undefined) seenTitle.set(t, line);
    else if (line.start - first.end >= REPEAT_MIN_GAP && outlineRestarts(lines, skip, line.index)) {
      starts.add(first.index);
      starts.add(line.index);
    }
  }
  // Starts one right after another are a list of the pieces (a table of contents, links), not pieces:
  // only the first of such a run starts a plan.
  return [...starts].sort((a, b) => a - b).filter((index) => !starts.has(index - 1));
}
