/**
 * How a line of a plan reads: its numbering marker, whether it is a heading, page noise, background,
 * a guiding-thought paragraph, a report of past results, or a commitment to do work.
 */

/**
 * Outline markers at the start of a line: 一、 (一) (1) 1. 1、 ① 第一, 【篇一】, bullets. "1.5万" is a
 * number, not a marker; 一是 clauses are split by clauses.ts.
 */
const MARKER =
  /^(?:[一二三四五六七八九十百]{1,3}、|[((]\s*[一二三四五六七八九十百]{1,3}\s*[))]、?|[((]\s*\d{1,3}\s*[))]、?|\d{1,3}(?:[.．](?!\d)|、|[))])|[①-⑳]|第[一二三四五六七八九十]{1,3}[,、]|【[^】]{1,8}】|[•·●▪■◆▶►]|-(?!\d))\s*/;

/** Length of the outline marker at the start of `s` (0 if none). */
export function markerLength(s: string): number {
  const m = MARKER.exec(s);
  return m ? m[0].length : 0;
}

/** Depth of a marker's numbering style, for the outline-free fallback: 一、 < (一) < 1. < (1) < ① < 一是. */
export function markerDepth(s: string): number | null {
  if (/^[一二三四五六七八九十百]{1,3}、/.test(s)) return 1;
  if (/^[((]\s*[一二三四五六七八九十百]{1,3}\s*[))]/.test(s)) return 2;
  if (/^\d{1,3}(?:[.．](?!\d)|、)/.test(s)) return 3;
  if (/^(?:[((]\s*\d{1,3}\s*[))]|\d{1,3}[))])/.test(s)) return 4;
  if (/^[①-⑳]/.test(s)) return 5;
  if (/^[一二三四五六七八九十]{1,3}是/.test(s)) return 6;
  return null;
}

const NOISE =
  /https?:|www\.|\.com|当前位置|来源[::]|责任编辑|编辑[::]|阅读全文|阅读量|点击|扫一扫|二维码|版权|免责声明|上一篇|下一篇|相关热词|热门推荐|相关内容|本文标题|链接地址|联系客服|赏赞|打赏|登陆|登录|会员|分享到|返回顶部|[¥￥]|浏览次数|发布时间|字号|打印本页|关闭窗口|欢迎阅读|分享的内容|仅供参考|仅代表/;

/** Site chrome, navigation and other text that belongs to the page, not the plan. */
export function isPageNoise(s: string): boolean {
  // Chrome sits on short lines or opens a line; the body of a long paragraph need not be searched.
  if (NOISE.test(s.length > 120 ? s.slice(0, 80) : s)) return true;
  // A line of digits, dates or punctuation only ("1", "2020-06-12 10:18:37").
  return !/[\u4e00-\u9fff]{2}/.test(s);
}

const NEWS =
  /强调|表示|指出|介绍|透露|获悉|报导|报道|记者|日电|据.{0,20}(?:显示|统计)|会上|今\(\d{1,2}\)日|导读|(?:纲要|规划|计划|计画|方案|意见)》?提出[,:]/;

/** The guiding-thought and background paragraphs that open a plan: context, not commitments. */
export function isPreamble(s: string): boolean {
  return (
    /为指导|指导思想|总体要求是|总体思路是|总体目标是|(?:开局|关键|收官|攻坚|决胜|起步)之年|重要一年|具体体现在/.test(
      s,
    ) ||
    /^同志们/.test(s) ||
    // Reported speech and news leads: "李斌强调,…", "中新社报导,…", "(中央社台北…电)".
    NEWS.test(s.slice(0, 40)) ||
    // A news lead: "1月19日,全省卫生计生工作会议在…召开".
    /^\d{1,2}月\d{1,2}日[,,]/.test(s) ||
    /[::]$/.test(s)
  );
}

// Verbs of work to be done; a commitment names at least one.
const ACTION =
  /推进|推动|加强|强化|完善|建立|健全|开展|实施|落实|提升|提高|做好|做实|做优|抓好|确保|力争|争取|深化|加快|持续|巩固|组织|举办|召开|制定|制订|出台|修订|起草|编制|研究|启动|扩大|优化|规范|探索|创建|建设|打造|培育|引导|普及|倡导|宣传|指导|督促|保障|支持|鼓励|加大|严格|实现|达到|完成|配备|发挥|筑牢|守牢|坚持|贯彻|降低|控制|减少|新增|改造|整治|监测|防控|防治|筛查|培训|招聘|引进|覆盖|提供|开通|上线|部署|评估|考核|督导|检查|整改|治理|改善|扩容|升级|投用|建成|办好|办实|打赢|推广|设立|成立|做到/;

/** True when the text reads as work to be done. */
export function hasActionVerb(s: string): boolean {
  return ACTION.test(s);
}

const PAST_MARKS =
  /了|已经|已|正在|取得|累计|截至|同比|较上年|获评|荣获|被评为|顺利通过|通过验收|位居|列全省/g;
const FUTURE_MARKS = /要|将|力争|确保|计划|拟|争取|年底前|年内|进一步|继续|加快|下一步|今年/g;

/** A report of results already reached ("全县组建家庭医生签约服务团队66个,签约群众18.9万人"). */
export function readsAsPastResult(s: string): boolean {
  const past = s.match(PAST_MARKS)?.length ?? 0;
  if (past < 2) return false;
  const future = s.match(FUTURE_MARKS)?.length ?? 0;
  return past > future;
}

const PAST_CUE =
  /回顾|总结|过去的?一年|一年来|去年以来|五年来|工作成效|主要成效|取得的?(?:主要)?成[绩效]|成绩的取得|完成情况|进展情况|工作情况|述职/g;
// In the opening of a paragraph only unmistakable cues count ("认真总结经验" is work to do).
const PAST_CUE_IN_PARAGRAPH = /过去的?一年|一年来|去年以来|五年来|回顾/g;
const FUTURE_CUE =
  /下一步|下阶段|下一阶段|今后|新的一年|今年|工作(?:思路|安排|计划|要点|重点|任务)|重点(?:工作|任务)|主要任务|工作举措|要求[::]|(?:做好|抓好)20\d\d年|20\d\d年(?:的)?(?:重点)?工作|20\d\d年(?:是|要)/g;

/**
 * Whether a heading (or the opening of a paragraph) turns the text to past results (true), to the work
 * ahead (false), or says nothing of either (null). The later cue wins: "总结2019年工作,部署2020年工作"
 * turns to the work ahead.
 */
export function tenseCue(s: string, heading: boolean): boolean | null {
  const lastPast = lastMatch(s, heading ? PAST_CUE : PAST_CUE_IN_PARAGRAPH);
  const lastFuture = lastMatch(s, FUTURE_CUE);
  if (lastPast < 0 && lastFuture < 0) return null;
  return lastPast > lastFuture;
}

/** Index of the last match of a global regex in `s`, or -1. */
function lastMatch(s: string, re: RegExp): number {
  let last = -1;
  re.lastIndex = 0;
  for (let m = re.exec(s); m !== null; m = re.exec(s)) last = m.index;
  re.lastIndex = 0;
  return last;
}

/** Sections whose content is context, targets or generic requirements rather than tasks. */
const NON_TASK_TITLE =
  /指导思想|总体要求|总体思路|基本原则|工作原则|工作目标|主要目标|发展目标|预期目标|目标指标|主要指标|重要指标|指标体系|回顾|总结|主要成效|工作成效|取得|成绩|进展情况|工作情况|开展情况|落实情况|执行情况|基本情况|述职|现状|形势|背景|存在的?问题|问题与挑战|工作要求|保障措施|组织保障|组织实施|工作保障|加强组织领导/;

const ACTION_OPENING = new RegExp(`^(?:${ACTION.source})`);
const GENERIC_REQUIREMENT = /指导思想|总体要求|基本原则|组织领导|保障措施|工作要求|组织实施/;

export function isNonTaskTitle(title: string): boolean {
  // Only a short title names a kind of section; a long one is an item ("…加快实现“健康强军”工作目标").
  // A title that opens with a verb of work is a task heading ("加强人口监测和形势分析"), unless it names
  // a generic requirement ("加强组织领导").
  if (title.length > 18 || !NON_TASK_TITLE.test(title)) return false;
  return !ACTION_OPENING.test(title) || GENERIC_REQUIREMENT.test(title);
}

const SENTENCE_PUNCT = /[。;;!?!?]/;

/** A short line with no sentence in it: a title or heading ("一、明确目标任务", "一是凝心聚力,党的建设全面加强"). */
export function looksLikeHeading(body: string): boolean {
  return body.length <= 40 && !SENTENCE_PUNCT.test(body);
}
