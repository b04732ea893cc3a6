/**
 * Numbers that are not targets or actuals: dates, document numbers, names and slogans, ordinals,
 * grades, category thresholds (65岁以上老年人, 2000户以上的社区), counts that label parts of the text
 * (四个方面, 17项工作任务), meeting attendance and page chrome. See targets-spec.md "Not items".
 */

const HAN = /[\u3400-\u9fff]/;
export const isHan = (ch: string | undefined): boolean => ch !== undefined && HAN.test(ch);

/** Characters after a number that make it a date, time or duration in years: 2019年, 3月, 12日. */
const DATE_AFTER = new Set([
  "年",
  "月",
  "日",
  "号",
  "时",
  "点",
  "秒",
  "届",
  "世",
  "周",
  "季",
  "代",
  "级",
  "星",
  "甲",
  "乙",
  "版",
  "号",
]);
export const isDateOrGradeWord = (ch: string | undefined): boolean => ch !== undefined && DATE_AFTER.has(ch);

/**
 * Nouns that label parts of a text or a plan rather than things in the world (NOTES-000 #1):
 * a count whose noun is one of these (以下四个方面, 五项制度, 17项工作任务, 十件民生实事) is not an item.
 */
const LABEL_NOUNS = [
  "方面",
  "制度",
  "任务",
  "行动",
  "工程",
  "措施",
  "一批",
  "提升",
  "意识",
  "自信",
  "维护",
  "允许",
  "规定",
  "全会",
  "实事",
  "工作",
  "指标",
  "环节",
  "原则",
  "着力点",
  "主题",
  "抓手",
  "基本点",
  "阶段",
  "会议",
  "步走",
  "篇",
];

/** Text after a count up to the end of its noun phrase (stops at punctuation and conjunctions). */
export function nounPhraseAfter(text: string, from: number, limit: number): string {
  let j = from;
  const stop = Math.min(limit, from + 24);
  while (j < stop) {
    const ch = text[j] as string;
    if (/[,，。；;:：、!?！？\n()（）和及与或]/.test(ch)) break;
    j++;
  }
  return text.slice(from, j).replace(/[“”"‘’《》]/g, "");
}

/**
 * True when the noun phrase after a count names a part of the text, not things counted: a label noun
 * ends within its first six characters as a whole word (四个方面, 十项重点工作入手, 16个具体工作指标), not
 * as the modifier of a later head noun (15项专项行动的工作方案, 14项制度性文件). A verb further on
 * ("11个镇落实…任务") does not make a label.
 */
export function isLabelCount(nounPhrase: string): boolean {
  if (nounPhrase.length === 0) return false;
  if (/^(三年行动|大行动|大工程|中全会)/.test(nounPhrase)) return true;
  for (const w of LABEL_NOUNS) {
    const i = nounPhrase.indexOf(w);
    // 的 inside the phrase does not count towards its six characters ("8条具体的策略措施").
    if (i < 0) continue;
    const des = (nounPhrase.slice(0, i).match(/的/g) ?? []).length;
    const next = nounPhrase[i + w.length];
    if (i + w.length > 6 && !(next === undefined && i + w.length - des <= 6)) continue;
    if (next === undefined || !/[的性化型类式组室公活馆]/.test(next)) return true;
  }
  return false;
}

/** Spans inside quotation marks or brackets: numbers there are names (“333”工程, 〔2019〕13号, 《健康2030》). */
const OPENING = /[“《〔【[‘「]/g;
const CLOSING: Record<string, string> = {
  "“": "”",
  "《": "》",
  "〔": "〕",
  "【": "】",
  "[": "]",
  "‘": "’",
  "「": "」",
};

/** The quoted spans [from, to] (inclusive) of text[start, end), in order; usually none. */
export function quotedRanges(text: string, start: number, end: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  // Search the sentence only: a search from `start` over the whole text would be quadratic.
  const part = text.slice(start, end);
  OPENING.lastIndex = 0;
  for (let m = OPENING.exec(part); m !== null; m = OPENING.exec(part)) {
    const i = start + m.index;
    const close = CLOSING[m[0]] as string;
    // Only a pair closed within a short distance counts: a stray mark must not hide a whole sentence,
    // and the bounded search keeps the scan linear.
    const found = text.slice(i + 1, Math.min(end, i + 41)).indexOf(close);
    if (found < 0) continue;
    let last = i + 1 + found;
    // “915”(就要5克): a parenthesis right after a quoted name explains the name.
    if (close === "”" && (text[last + 1] === "(" || text[last + 1] === "（")) {
      const p = text.slice(last + 2, Math.min(end, last + 20)).search(/[)）]/);
      if (p >= 0) last = last + 2 + p;
    }
    out.push([i, last]);
    OPENING.lastIndex = last + 1 - start;
  }
  return out;
}

/** Category thresholds: units that, followed by a noun, only say which people or places count. */
export const QUALIFIER_UNITS = new Set(["岁", "户", "种", "小时"]);

/** Words right before a number that make it no item: 为期4天, 近20年来, ¥0.01, 第七期 (ordinal). */
export function isExcludedByPrefix(before: string): boolean {
  return /(为期|¥|￥|\$|第|编号|电话|热线|传真|邮编|QQ|qq|微信|阅读|浏览|点击|共计?有?\d*字|字数)$/.test(
    before,
  );
}

/** Meeting attendance (100余人参加会议): a count of people followed by 参加/出席 in a meeting clause. */
export function isAttendance(after: string, clause: string): boolean {
  return /^(参加|出席|参会|与会|列席)/.test(after) && /会/.test(clause);
}
