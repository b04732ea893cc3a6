/**
 * Units after a number, normalised as the targets spec asks: 名/位 → 人, the document's own
 * classifier kept otherwise (号次, 个点, 管/日). Rates (7/10万, 10万分之58) and percentages in words
 * (百分之九十五, 8成) are read in mentions.ts; this module only knows the words that follow a number.
 */

/** Raw unit as written → normalised unit. Longest first, so 个百分点 wins over 个. */
const UNITS: Array<[string, string]> = [
  ["个百分点", "个百分点"],
  ["百分点", "个百分点"],
  ["个点", "个点"],
  ["%", "%"],
  ["‰", "‰"],
  ["人次", "人次"],
  ["号次", "号次"],
  ["剂次", "剂次"],
  ["场次", "场次"],
  ["批次", "批次"],
  ["例次", "例次"],
  ["户次", "户次"],
  ["周岁", "岁"],
  ["岁", "岁"],
  ["元", "元"],
  ["人", "人"],
  ["名", "人"],
  ["位", "人"],
  ["例", "例"],
  ["个", "个"],
  ["家", "家"],
  ["张", "张"],
  ["所", "所"],
  ["支", "支"],
  ["项", "项"],
  ["次", "次"],
  ["场", "场"],
  ["户", "户"],
  ["条", "条"],
  ["座", "座"],
  ["批", "批"],
  ["公顷", "公顷"],
  ["亩", "亩"],
  ["平方米", "平方米"],
  ["公里", "公里"],
  ["千米", "公里"],
  ["小时", "小时"],
  ["天", "天"],
  ["吨", "吨"],
  ["千克", "千克"],
  ["公斤", "千克"],
  ["克", "克"],
  ["辆", "辆"],
  ["台", "台"],
  ["件", "件"],
  ["期", "期"],
  ["间", "间"],
  ["种", "种"],
  ["大类", "类"],
  ["类", "类"],
  ["起", "起"],
  ["轮", "轮"],
  ["套", "套"],
  ["份", "份"],
  ["册", "册"],
  ["部", "部"],
  ["队", "支"],
  ["管", "管"],
];

/** Units that only make sense as counts of things: a range or a rank never takes these. */
export const RELATIVE_UNITS = new Set(["%", "‰", "个百分点", "个点", "/10万", "/万", "岁", "人"]);

const UNIT_START = new Set(UNITS.map(([raw]) => raw[0] as string));
/** Whether a unit can start with this character (a cheap test before scanning). */
export const mayStartUnit = (ch: string | undefined): boolean => ch !== undefined && UNIT_START.has(ch);

export interface ScannedUnit {
  /** Normalised unit. */
  unit: string;
  raw: string;
  end: number;
}

/** Characters that, right after a classifier, show it is part of a word, not a unit (一次性, 个人, 名单). */
const GLUED_AFTER: Record<string, string> = {
  次: "性",
  个: "人体案性",
  名: "单称额义誉牌",
  位: "于置列居次一",
  人: "员口民才群均士",
  家: "庭属长",
  台: "账阶",
  期: "间限",
  间: "隔断",
  部: "门署分位",
  类: "别型似",
  种: "类植子",
  起: "来草到步",
  所: "有在属以得谓",
  件: "事",
  场: "所景地合",
  条: "件例款",
  元: "素旦",
  天: "然",
  批: "准示复",
  份: "额",
  管: "理控护",
  队: "伍员",
  张: "贴",
};

/** Reads the unit that starts at `i`, or null. A unit glued into a longer word is refused. */
export function scanUnit(text: string, i: number): ScannedUnit | null {
  for (const [raw, unit] of UNITS) {
    if (!text.startsWith(raw, i)) continue;
    let end = i + raw.length;
    const after = text[end] ?? "";
    const comparatorFollows = /^(以上|以下|以内|及以上|左右)/.test(text.slice(end, end + 3));
    if (raw.length === 1 && after !== "" && !comparatorFollows && (GLUED_AFTER[raw] ?? "").includes(after))
      return null;
    let u = unit;
    // A capacity per day or year keeps its period: 580吨/日, 2000管/日.
    const per = /^\/(日|天|年|月)/.exec(text.slice(end, end + 2));
    if (per && !RELATIVE_UNITS.has(unit)) {
      u = `${unit}/${per[1] === "天" ? "日" : (per[1] as string)}`;
      end += 2;
    }
    return { unit: u, raw, end };
  }
  return null;
}
