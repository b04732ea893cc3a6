/**
 * Metric names: the words of the clause around a value, in simplified characters, without the scope
 * words that only say where (全市, 我县), without the verb and comparator (达到, 控制在, 不低于) and
 * without the time (2017年, 年内). Coordinated subjects ("孕产妇、婴儿死亡率") split into conjuncts.
 */

const YEAR_WORDS =
  /(到|至|截至|截止|在|于)?(19\d\d|20\d\d|xx|XX|\*\*)年(底|末|初|度|上半年|下半年)?(前|以来|内)?(的)?|(今年|去年|上年|明年|全年|年内|年底前|年底|当年|本年度|今年以来|今年来|上半年|下半年)/g;
const SCOPE_ANYWHERE = /(全市|全县|全区|全镇|全乡|全州|我市|我县|我区|我省|本市|本县|本区)/g;
const COMPARE_WITH =
  /(同比|环比|(比|较)(上年|去年|同期|上一年|(19|20)\d\d年|“[^”]{1,8}”|十二五|十三五)(同期)?)/g;

/** Modal verbs, distributives, comparators and change verbs inside a clause's subject ("体检标准将提高至每人"). */
const INNER_NOISE =
  /((?<![主重需纪提概摘简只])要(?![求素点闻害件])|(?<![即])将(?=[提降增减达])|分别|不少于|不低于|不高于|不超过|(提高|提升|降低|下降|增加|减少)(到|至))/g;
const FROM_ASPECTS = /从[^,，。]{1,30}?方面/g;

const LEADING = [
  // Pronoun subjects and intent words are the speaker's, not the metric's ("我们将力争…水平").
  "我们",
  "咱们",
  "务必",
  "必须",
  "力求",
  "其中",
  "同时",
  "此外",
  "另外",
  "并且",
  "以及",
  "已经",
  "累计",
  "共计",
  "合计",
  "预计",
  "力争",
  "确保",
  "争取",
  "努力",
  "目前",
  "当前",
  "现在",
  "同比",
  "分别",
  "持续",
  "继续",
  "逐步",
  "进一步",
  "全省",
  "全国",
  "先后",
  "共有",
  "要",
  "将",
  "已",
  "共",
  "并",
  "且",
  "还",
  "均",
  "都",
  "各",
  "和",
  "及",
  "与",
  "、",
  "由",
  "从",
  "对",
  "为",
  "在",
  "的",
  "(",
  "（",
  "再",
];

const TRAILING = [
  "控制在",
  "控制到",
  "保持在",
  "巩固在",
  "稳定在",
  "维持在",
  "提高到",
  "提高至",
  "提升到",
  "提升至",
  "下降到",
  "下降至",
  "降低到",
  "降低至",
  "增长到",
  "增加到",
  "减少到",
  "不低于",
  "不少于",
  "不小于",
  "不高于",
  "不超过",
  "不多于",
  "达到了",
  "由目前的",
  "目前的",
  "达到",
  "保持",
  "提高",
  "提升",
  "增长",
  "增加",
  "下降",
  "降低",
  "减少",
  "下调",
  "上升",
  "降至",
  "降到",
  "降为",
  "超过",
  "至少",
  "低于",
  "高于",
  "大于",
  "小于",
  "突破",
  "分别",
  "仅有",
  "高达",
  "只有",
  "平均",
  "年均",
  "预计",
  "力争",
  "确保",
  "持续",
  "累计",
  "共计",
  "总计",
  "已经",
  "可达",
  "约为",
  "达",
  "为",
  "是",
  "约",
  "近",
  "均",
  "都",
  "各",
  "的",
  "在",
  "至",
  "到",
  "了",
  "已",
  "将",
  "要",
  "再",
  "共",
  "仅",
  "和",
  "与",
  "、",
  "等",
  "降",
  "有",
  "超",
  "由",
  "从",
  "(",
  "（",
  "即",
];

const SCOPE_KEY = /[全我本]/;
const MARKER_KEY = /^\s*[\d(（一二三四五六七八九十]/;
const LIST_MARKER =
  /^\s*(?:\d{1,2}[.．、](?![\d.])|[(（](?:[一二三四五六七八九十]{1,3}|\d{1,2})[)）]|[一二三四五六七八九十]{1,3}[、.．])\s*/;
/** Where a quote starts once an item's list marker ("2.", "(二)", "三、") is left out of it. */
export function afterListMarker(text: string, at: number): number {
  if (!MARKER_KEY.test(text.slice(at, at + 1))) return at;
  const m = LIST_MARKER.exec(text.slice(at, at + 8));
  return m ? at + m[0].length : at;
}

const QUOTES = /[\s“”"‘’《》〈〉【】]/g;
const QUOTES_KEY = /[\s“”"‘’《》〈〉【】]/;
const LEADING_SET = new Set(LEADING);
const LEADING_FIRST = new Set(LEADING.map((w) => w[0] as string));
const TRAILING_LAST = new Set(TRAILING.map((w) => w[w.length - 1] as string));
const TRAILING_SET = new Set(TRAILING);
const MAX_EDGE = Math.max(...LEADING.map((w) => w.length), ...TRAILING.map((w) => w.length));

/** Strips edge words until none is left; looks up prefixes and suffixes by length (longest first). */
function stripEdges(s: string): string {
  let t = s;
  for (let changed = true; changed && t.length > 0;) {
    changed = false;
    for (let k = LEADING_FIRST.has(t[0] as string) ? Math.min(MAX_EDGE, t.length - 1) : 0; k >= 1; k--) {
      if (LEADING_SET.has(t.slice(0, k))) {
        t = t.slice(k);
        changed = true;
        break;
      }
    }
    for (
      let k = TRAILING_LAST.has(t[t.length - 1] as string) ? Math.min(MAX_EDGE, t.length) : 0;
      k >= 1;
      k--
    ) {
      if (TRAILING_SET.has(t.slice(t.length - k))) {
        t = t.slice(0, t.length - k);
        changed = true;
        break;
      }
    }
    // Unbalanced parentheses at the edges are leftovers of a cut.
    if (t.endsWith("(") || t.endsWith("（")) {
      t = t.slice(0, -1);
      changed = true;
    }
    if ((t.startsWith(")") || t.startsWith("）")) && t.length > 1) {
      t = t.slice(1);
      changed = true;
    }
  }
  return t;
}

/** Cleans a piece of clause text into (part of) a metric name. */
export function cleanMetric(s: string): string {
  // Each replace runs only when its key character is there (most pieces have none of them).
  let t = s;
  // A list marker at the head of an item ("2.全省…", "(二)艾滋病…") is no part of the name.
  if (MARKER_KEY.test(t)) t = t.replace(LIST_MARKER, "");
  if (t.includes("比") || t.includes("较")) t = t.replace(COMPARE_WITH, "");
  if (t.includes("年")) t = t.replace(YEAR_WORDS, "");
  if (SCOPE_KEY.test(t)) t = t.replace(SCOPE_ANYWHERE, "");
  if (QUOTES_KEY.test(t)) t = t.replace(QUOTES, "");
  // Words that belong to the statement, not to the name of what is measured.
  if (/[要将分不到至]/.test(t)) t = t.replace(INNER_NOISE, "");
  if (t.includes("方面")) t = t.replace(FROM_ASPECTS, "");
  // "因心脑血管疾病、癌症…和糖尿病等重大慢性病导致的": the examples before 等 are no part of the name.
  if (t.includes("等")) t = t.replace(/(因|如|包括)[^等]{0,40}、[^等]{0,40}等/, "");
  t = stripEdges(t);
  // A closing parenthesis without its opening one (the value sat inside: "(其中普惠性托位480个)").
  if (/^[^(（]*[)）]$/.test(t)) t = stripEdges(t.slice(0, -1));
  return t;
}

/** Words whose presence marks a measured quantity (a rate, a ratio, a count, an amount). */
const MEASURE = /(率|比|比例|占比|数|量|额|费用?|水平|指数|寿命|标准|收入|支出|成本|覆盖|人次|面积|床位)$/;
export const hasMeasureWord = (s: string): boolean => MEASURE.test(s);

/** Words that open the noun phrase a coordinated list of modifiers shares (患者, 人群, 规范管理率). */
const SHARED_HEAD = /(患者|病人|人群|儿童|老人|家庭|规范|系统|健康|综合|报告)/;

/**
 * The noun phrase a bare conjunct borrows from the last one: from a head word after the last one's
 * modifier ("糖尿病患者规范管理率" → 患者规范管理率), else its measure word ("婴儿死亡率" → 死亡率).
 */
function sharedHead(last: string): string | null {
  const shared = hasMeasureWord(last) ? SHARED_HEAD.exec(last.slice(2)) : null;
  if (shared && shared.index + 2 + shared[0].length < last.length) return last.slice(shared.index + 2);
  const m = MEASURE_HEAD.exec(last.slice(-6));
  return m ? (m[1] as string) : null;
}
const MEASURE_HEAD =
  /(死亡率|发病率|[\u4e00-\u9fff]{2}率|占比|比例|[\u4e00-\u9fff]{1}数|[\u4e00-\u9fff]{1}量|[\u4e00-\u9fff]{1}额)$/;

/** Splits at top-level 、 (and ",、"), or also at 和/及/与/以及 when `withAnd`. */
function splitTop(subject: string, withAnd: boolean): string[] {
  const parts: string[] = [];
  let depth = 0;
  let cur = "";
  for (let i = 0; i < subject.length; i++) {
    const ch = subject[i] as string;
    if (ch === "(" || ch === "（") depth++;
    if (ch === ")" || ch === "）") depth = Math.max(0, depth - 1);
    if (depth === 0 && (ch === "、" || (ch === "," && subject[i + 1] === "、"))) {
      parts.push(cur);
      cur = "";
      if (ch === ",") i++;
      continue;
    }
    if (withAnd && depth === 0 && subject.slice(i, i + 2) === "以及") {
      parts.push(cur);
      cur = "";
      i++;
      continue;
    }
    if (
      withAnd &&
      depth === 0 &&
      /[和及与]/.test(ch) &&
      !/^(及以|及时|和谐|与会)/.test(subject.slice(i, i + 2))
    ) {
      parts.push(cur);
      cur = "";
      continue;
    }
    cur += ch;
  }
  parts.push(cur);
  return parts.map((p) => stripEdges(p)).filter((p) => p.length > 0);
}

/**
 * Splits a coordinated subject into its conjuncts: "孕产妇、婴儿死亡率" → 孕产妇死亡率, 婴儿死亡率;
 * "使用量和销售额" → 使用量, 销售额. Refuses to split a list of examples (…等慢病), a list of single
 * characters (甲、乙类) or text in parentheses. With 、 in the subject, 和 splits a conjunct only
 * between two full metrics ("…比例和人员薪酬中固定部分比例"), not between two modifiers of one noun
 * ("危重儿童和新生儿救治中心"). `n` values to pair with favour a split of that many parts. A conjunct
 * without a measure word borrows the head of the last one ("孕产妇" + "死亡率").
 */
export function splitConjuncts(subject: string, n = 1): string[] {
  // A long run of text is no list of metric names; the check also keeps the cost bounded.
  if (subject.length > 120 || subject.includes("等")) return [subject];
  if (!/[、和及与]/.test(subject)) return [subject];
  let clean: string[];
  if (/、/.test(subject)) {
    const byComma = splitTop(subject, false);
    if (n > 1 && byComma.length === n) clean = byComma;
    else
      clean = byComma.flatMap((part) => {
        const sub = splitTop(part, true);
        return sub.length > 1 && sub.slice(0, -1).every((x) => hasMeasureWord(x)) ? sub : [part];
      });
  } else clean = splitTop(subject, true);
  if (clean.length < 2 || clean.some((p) => p.length < 2)) return [subject];
  const last = clean[clean.length - 1] as string;
  const head = sharedHead(last);
  return clean.map((p) => {
    // "市级和县级妇幼保健机构": a bare modifier borrows the noun that follows the last one's modifier.
    const mod = /^[\u4e00-\u9fff]{1,3}[级类型]$/.exec(p);
    if (mod && p !== last) {
      const k = last.indexOf(p[p.length - 1] as string);
      if (k >= 0 && k < 4 && k + 1 < last.length) return p + last.slice(k + 1);
    }
    return head !== null && !hasMeasureWord(p) ? p + head : p;
  });
}
