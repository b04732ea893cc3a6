/**
 * Target or actual, and the year. A clause's own words decide first (力争, 确保, 到2025年 look forward;
 * 已, 累计, 同比, 较上年, a verb with 了, a year before the plan's look back); then the sentence; then
 * the heading the text sits under (回顾2017年工作 vs 2018年工作安排); then the plan as a whole.
 */

export type Kind = "target" | "actual";

const FORWARD =
  /(力争|确保|争取|努力|务必|必须|力求|计划(?!生育|单列|免疫|内)(?=[到于在将要])|(?<![主重需纪提概摘简只])要(?![求素点闻害件])|拟|预期(?!寿命)|目标(是|为|[:：])|将(?![^,，。]{0,16}(纳入|列入|作为|确定为|评为))|应当|需要|年内|年底前|明年|下一步|下半年|(?<![降升高增少减提])到(19|20|xx)\d{0,2}年|至(20|xx)\d{0,2}年底|达到.{0,12}(以上|以下)$)/;
// BACKWARD's verbs with 了 are written "(提高|…)了" with no lookahead: every verb has two characters,
// and a leading lookahead would make the regex engine try that branch at every position.
const BACKWARD =
  /(已经|已|先后|截至|截止|同比|较上年|比上年(?!再)|较去年|比去年|今年以来|今年来|以来|上半年|去年|全年共|共计|共为|共有|成功|顺利|获评|荣获|被评为|介绍|获悉|据悉|记者|提前实现|圆满完成|顺利完成|(明显|显著|大幅)(提升|提高|改善|增加|增强|下降|降低)|被确定为|列全|排名|预计全年|高达|仅有|(提高|提升|下降|降低|增长|增加|减少|完成|实现|达到|建成|开展|组织|出台|发布|签订|培训|接收|投入|发放|建立|引进|招聘|选派|处置|举办|新增|组建|进行|惠及|覆盖)了)/;

const FORWARD_G = new RegExp(FORWARD.source.replace("|达到.{0,12}(以上|以下)$", ""), "g");
const BACKWARD_G = new RegExp(BACKWARD.source, "g");
const FORWARD_ANY = new RegExp(FORWARD_G.source);

/** Whether text[start, end) has a forward cue word (要, 将, 力争, 到2025年, 计划…). */
export function hasForwardCue(text: string, start: number, end: number): boolean {
  return FORWARD_ANY.test(text.slice(start, end));
}

/**
 * A sentence that opens a report of results: "2024年,…", "2023年全县…", "去年,…", "过去一年…", "一年来…",
 * "2021年以来…". Returns the year it names (null for 去年 etc.), or undefined when it opens no report.
 * The caller checks the year against the plan's.
 */
const PAST_OPENER =
  /^(?:(?:19|20)\d\d年(?:全年|以来|来)?(?![度内前]|[底末]前)|去年|上年|过去(?:的)?[一1]年|一年来|近年来|[二三四五两]年来)/;
export function pastOpener(head: string): number | null | undefined {
  const m = PAST_OPENER.exec(head);
  if (!m) return undefined;
  const y = /^((?:19|20)\d\d)年/.exec(m[0]);
  return y ? Number(y[1]) : null;
}

/** Start offsets of the matches of a global regex over text[start, end). */
function matchStarts(re: RegExp, text: string, start: number, end: number): number[] {
  const out: number[] = [];
  const part = text.slice(start, end);
  re.lastIndex = 0;
  for (let m = re.exec(part); m !== null; m = re.exec(part)) {
    out.push(start + m.index);
    if (m[0].length === 0) re.lastIndex++;
  }
  return out;
}

/** Where a sentence's forward and backward cue words start, found once per sentence. */
export interface Cues {
  forward: number[];
  backward: number[];
}

/** Finds the cue words of text[start, end) in one pass each (see tenseOf for their meaning). */
export function findCues(text: string, start: number, end: number): Cues {
  const backward = matchStarts(BACKWARD_G, text, start, end).filter(
    // 已建成…的站点 is a relative clause, not the tense of the statement.
    (at) => !(text[at] === "已" && /^已(经)?[\u4e00-\u9fff]{1,10}的/.test(text.slice(at, at + 14))),
  );
  return { forward: matchStarts(FORWARD_G, text, start, end), backward };
}

const anyIn = (xs: number[], from: number, to: number): boolean => {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((xs[mid] as number) < from) lo = mid + 1;
    else hi = mid;
  }
  return lo < xs.length && (xs[lo] as number) < to;
};

/** Tense of text[from, to) from precomputed cues (or `forward` known): 1 forward, -1 backward, 0 unknown. */
export function tenseIn(cues: Cues, from: number, to: number, forward = false): number {
  const f = forward || anyIn(cues.forward, from, to);
  const b = anyIn(cues.backward, from, to);
  return f && !b ? 1 : b && !f ? -1 : 0;
}

/**
 * The balance of forward and backward sentences of a plan (tenseOf summed over its sentences), in
 * two passes over the whole text instead of two regex runs per sentence.
 */
export function tenseVote(text: string, sentences: ReadonlyArray<{ start: number; end: number }>): number {
  if (sentences.length === 0) return 0;
  const from = (sentences[0] as { start: number }).start;
  const to = (sentences[sentences.length - 1] as { end: number }).end;
  const fw = matchStarts(FORWARD_G, text, from, to);
  const bw = matchStarts(BACKWARD_G, text, from, to);
  let vote = 0;
  let f = 0;
  let b = 0;
  for (const s of sentences) {
    while (f < fw.length && (fw[f] as number) < s.start) f++;
    while (b < bw.length && (bw[b] as number) < s.start) b++;
    const hasF = f < fw.length && (fw[f] as number) < s.end;
    const hasB = b < bw.length && (bw[b] as number) < s.end;
    if (hasF && !hasB) vote++;
    else if (hasB && !hasF) vote--;
  }
  return vote;
}

/** Tense of a piece of text: 1 forward (target), -1 backward (actual), 0 unknown. */
export function tenseOf(text: string): number {
  // 已建成…的站点 is a relative clause ("the sites already built"), not the tense of the statement.
  const t = text.replace(/已(经)?[\u4e00-\u9fff]{1,10}的/g, "");
  const f = FORWARD.test(t);
  const b = BACKWARD.test(t);
  if (f && !b) return 1;
  if (b && !f) return -1;
  return 0;
}

/** Heading words: reviews of results vs plans of work. */
export function headingTense(title: string): number {
  if (
    /(回顾|总结|成绩|成效|成果|取得|工作情况|开展情况|完成情况|进展|做法|过去|一年来|去年|工作开展|基本情况|发展基础|发展背景|背景|现状|上半年|亮点)/.test(
      title,
    )
  )
    return -1;
  if (/(安排|打算|思路|要点|主要任务|目标|计划|重点工作|举措|做好|部署)/.test(title)) return 1;
  return 0;
}

/** Years named in a text, in order: "2017年", "2015~2017年" gives 2017. */
export function yearsIn(text: string): number[] {
  const out: number[] = [];
  const re = /((?:19|20)\d\d)年/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) out.push(Number(m[1]));
  return out;
}

/** The year right before a value: "2017年25.17%", "2014年的21.7/10万". */
export function yearRightBefore(before: string): number | null {
  const m = /((?:19|20)\d\d)年(底|末)?(的|为|达到?|降至|下降到|提高到)?$/.exec(before.slice(-10));
  return m ? Number(m[1]) : null;
}

/** A baseline value: "由目前的50%", "由2010年的30/10万", "从2016年的4.9%". */
export function isBaselineValue(before: string): boolean {
  return /(由|从)(目前|现在|当前|(?:19|20)\d\d年(底|末)?)?的?$/.test(before.slice(-10));
}
