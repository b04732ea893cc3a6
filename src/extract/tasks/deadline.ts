/**
 * Finds the deadline phrase of a task (年底前, 9月25日前, 11月中旬, 到2025年, 每月10日前, 5个工作日内 …)
 * and resolves it against the plan's year. Runs on normalised text (simplified, ASCII digits).
 */
import type { DraftDeadline } from "../draft.js";
import { smallNumber } from "../small-numbers.js";

const pad = (n: number): string => String(n).padStart(2, "0");
const lastDay = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();
const iso = (year: number, month: number, day: number): string => `${year}-${pad(month)}-${pad(day)}`;

interface Candidate {
  deadline: DraftDeadline;
  /** Labelled by 完成时限/时间节点: preferred over a date met in passing. */
  labelled: boolean;
}

// A year as written before 年: "2024", or relative to the plan: 今年/本年/当年, 次年/明年/翌年.
const YEAR = String.raw`(?:(20\d\d)|(今|本|当|次|明|翌))年(?:度)?`;
// A time named as a status or a baseline (截至2023年底, 较2020年) is not a deadline.
const NOT_A_DEADLINE_BEFORE = /(?:截至|截止|截|较|比|与|从|自|去|上)$/;
const NUM = String.raw`(\d{1,2}|[一二三四五六七八九十]{1,3})`;
// Chinese-numeral months are only read before a marker (六月底, 十月份), never bare, so 统一月报 stays text.
const LABEL = /(?:完成时限|完成时间|时间节点|时限要求|时限|截止时间|完成期限)[::]?\s*$/;

function resolveYear(
  m: RegExpExecArray,
  digitsGroup: number,
  relGroup: number,
  planYear: number | null,
): number | null {
  const digits = m[digitsGroup];
  if (digits) return Number(digits);
  const rel = m[relGroup];
  if (rel === undefined) return planYear;
  if (planYear === null) return null;
  return rel === "次" || rel === "明" || rel === "翌" ? planYear + 1 : planYear;
}

interface Rule {
  /** A cheap test that starts with a literal, run first: most task texts name no time at all. */
  hint: RegExp;
  re: RegExp;
  build: (
    m: RegExpExecArray,
    planYear: number | null,
  ) => Omit<DraftDeadline, "text" | "start" | "end"> | null;
}

const QUARTER_START = [1, 4, 7, 10];

const RULES: Rule[] = [
  // 次月5日前: a monthly report due early in the following month.
  {
    hint: /次月/,
    re: new RegExp(String.raw`次月${NUM}[日号](?:前|之前|以前)?`, "g"),
    build: (m) => {
      const day = smallNumber(m[1] as string);
      return day === null || day < 1 || day > 31
        ? null
        : { kind: "recurring", due: null, recurrence: "monthly", day, days: null };
    },
  },
  // 季后15日, 每季度结束后10个工作日内, 季度结束后15日内.
  {
    hint: /季/,
    re: /(?:每)?季(?:度)?(?:结束)?后(\d{1,2})(个工作日|日|天)(?:内|前)?/g,
    build: (m) => ({ kind: "recurring", due: null, recurrence: "quarterly", day: null, days: Number(m[1]) }),
  },
  // 5个工作日内.
  {
    hint: /工作日/,
    re: /(\d{1,3}|[一二三四五六七八九十]{1,3})个工作日(?:内|以内|之内)?/g,
    build: (m) => {
      const days = smallNumber(m[1] as string);
      return days === null ? null : { kind: "workdays", due: null, recurrence: null, day: null, days };
    },
  },
  // Recurring: 每月10日前, 每季度, 每半年, 每年, 每季度末, 次月5日前 (a monthly report due in the next month).
  {
    hint: /每[月季半年]/,
    re: new RegExp(
      String.raw`每(月|季度?|半年|年)(?:度)?(?:(?:第|的)?${NUM}[日号]|(末|底))?(?:前|之前|以前)?`,
      "g",
    ),
    build: (m) => {
      const unit = m[1] as string;
      const recurrence =
        unit === "月"
          ? "monthly"
          : unit.startsWith("季")
            ? "quarterly"
            : unit === "半年"
              ? "half-yearly"
              : "yearly";
      const day = m[2] ? smallNumber(m[2]) : null;
      if (day !== null && (day < 1 || day > 31)) return null;
      return { kind: "recurring", due: null, recurrence, day, days: null };
    },
  },
  // 2024年3月25日前, 9月25日前, 12月31日.
  {
    hint: /月[\d一二三四五六七八九十]{1,3}[日号]/,
    re: new RegExp(String.raw`(?:${YEAR})?${NUM}月${NUM}[日号](?:前|之前|以前)?`, "g"),
    build: (m, planYear) => {
      const month = smallNumber(m[3] as string);
      const day = smallNumber(m[4] as string);
      if (month === null || day === null || month < 1 || month > 12 || day < 1 || day > 31) return null;
      const year = resolveYear(m, 1, 2, planYear);
      if (year !== null && day > lastDay(year, month)) return null;
      return { kind: "date", due: year === null ? null : iso(year, month, day) };
    },
  },
  // 9月底前, 2024年6月末, 11月中旬, 5月上旬.
  {
    hint: /月份?[底末上中下]/,
    re: new RegExp(String.raw`(?:${YEAR})?${NUM}月(?:份)?(底|末|上旬|中旬|下旬)(?:前|之前|以前)?`, "g"),
    build: (m, planYear) => {
      const month = smallNumber(m[3] as string);
      if (month === null || month < 1 || month > 12) return null;
      const year = resolveYear(m, 1, 2, planYear);
      const mark = m[4] as string;
      if (mark === "底" || mark === "末") {
        return { kind: "date", due: year === null ? null : iso(year, month, lastDay(year, month)) };
      }
      const [from, to] = mark === "上旬" ? [1, 10] : mark === "中旬" ? [11, 20] : [21, 0];
      if (year === null) return { kind: "period", due: null, from: null };
      return {
        kind: "period",
        from: iso(year, month, from),
        due: iso(year, month, to === 0 ? lastDay(year, month) : to),
      };
    },
  },
  // 5月完成, 10月份, 次年1月, 6月前 (before June: by the end of May). Not 5月龄, not 3个月.
  {
    hint: /月/,
    re: new RegExp(
      String.raw`(?:${YEAR})?(\d{1,2}|[一二三四五六七八九十]{1,3}(?=月份))月(份)?(前|之前|以前)?(?![龄日号\d])`,
      "g",
    ),
    build: (m, planYear) => {
      let month = smallNumber(m[3] as string);
      if (month === null || month < 1 || month > 12) return null;
      let year = resolveYear(m, 1, 2, planYear);
      if (m[5]) {
        month -= 1;
        if (month === 0) {
          month = 12;
          year = year === null ? null : year - 1;
        }
      }
      return { kind: "date", due: year === null ? null : iso(year, month, lastDay(year, month)) };
    },
  },
  // 年底前, 年内, 2024年底, 今年年底, 年末.
  {
    hint: /年[度年]?[底末内]/,
    re: /(?:(20\d\d)|(今|本|当|次|明|翌))?年(?:度)?(?:年)?(底|末|内)(?:前|之前|以前)?/g,
    build: (m, planYear) => ({
      kind: "date",
      due: ((y) => (y === null ? null : iso(y, 12, 31)))(resolveYear(m, 1, 2, planYear)),
    }),
  },
  // 上半年, 下半年, 第三季度, 一季度末.
  {
    hint: /半年|季度/,
    re: new RegExp(
      String.raw`(?:${YEAR})?(?:(上|下)半年|(?:第)?([一二三四1-4])季度(末|底)?)(?:前|之前|以前)?`,
      "g",
    ),
    build: (m, planYear) => {
      const year = resolveYear(m, 1, 2, planYear);
      let fromMonth: number;
      let toMonth: number;
      if (m[3]) {
        [fromMonth, toMonth] = m[3] === "上" ? [1, 6] : [7, 12];
      } else {
        const quarter = smallNumber(m[4] as string) ?? 1;
        fromMonth = QUARTER_START[quarter - 1] ?? 1;
        toMonth = fromMonth + 2;
        if (m[5]) {
          return { kind: "date", due: year === null ? null : iso(year, toMonth, lastDay(year, toMonth)) };
        }
      }
      if (year === null) return { kind: "period", due: null, from: null };
      return {
        kind: "period",
        from: iso(year, fromMonth, 1),
        due: iso(year, toMonth, lastDay(year, toMonth)),
      };
    },
  },
  // 到2025年, 力争2025年前, 至2030年, 2025年以前; "到2020年和2025年" is due at the later year.
  {
    hint: /\d年/,
    re: /(?:(到|至|于|在)(20\d\d)年(?:[和及与、](20\d\d)年)?(前|之前|以前|底前)?|(20\d\d)年(前|之前|以前))(?![\d月度工])/g,
    build: (m) => ({ kind: "year", due: `${m[3] ?? m[2] ?? m[5]}-12-31` }),
  },
  // 力争今年新增…, 本年度完成…: within the plan year, as 年内.
  {
    hint: /今年|本年度/,
    re: /(?:今年|本年度)(?![年底末内度])/g,
    build: (_m, planYear) => ({ kind: "date", due: planYear === null ? null : iso(planYear, 12, 31) }),
  },
];

const MAX_CANDIDATES = 64;
const CHANGE_VERB_END = /[降升高加长少增大小达提缩扩减]/;

function collect(text: string, planYear: number | null): Candidate[] {
  const out: Candidate[] = [];
  const taken: Array<[number, number]> = [];
  for (const rule of RULES) {
    if (!rule.hint.test(text)) continue;
    rule.re.lastIndex = 0;
    for (let m = rule.re.exec(text); m !== null; m = rule.re.exec(text)) {
      if (m[0].length === 0) {
        rule.re.lastIndex++;
        continue;
      }
      const start = m.index;
      const end = start + m[0].length;
      // Earlier rules are more specific: a later match inside an earlier one is a part of it.
      if (taken.some(([s, e]) => start < e && end > s)) continue;
      if (NOT_A_DEADLINE_BEFORE.test(text.slice(Math.max(0, start - 2), start))) continue;
      // "下降到2014年的31.99%": 到 ends a verb of change, the year is when a value was reached.
      if (/^[到至]/.test(m[0]) && CHANGE_VERB_END.test(text[start - 1] ?? "")) continue;
      if (start > 0 && /[\d.]/.test(text[start - 1] as string) && /^\d/.test(m[0])) continue;
      const built = rule.build(m, planYear);
      if (!built) continue;
      taken.push([start, end]);
      const labelled = LABEL.test(text.slice(Math.max(0, start - 8), start));
      out.push({ deadline: { ...built, text: m[0], start, end }, labelled });
      // A text naming dozens of times is not one task's deadline; stop before the overlap check grows.
      if (taken.length >= MAX_CANDIDATES) return out.sort((a, b) => a.deadline.start - b.deadline.start);
    }
  }
  return out.sort((a, b) => a.deadline.start - b.deadline.start);
}

/**
 * The deadline of a task's text, offsets relative to `text` (plus `offset`). A labelled deadline
 * (完成时限:…) wins; otherwise the latest dated one, since a task is done when its last step is;
 * otherwise the first recurring or working-day rule. Null when the text names no time.
 *
 * @example parseDeadline("年底前完成改造", 2024) // { kind: "date", due: "2024-12-31", text: "年底前", start: 0, end: 3 }
 */
export function parseDeadline(text: string, planYear: number | null, offset = 0): DraftDeadline | null {
  const candidates = collect(text, planYear);
  if (candidates.length === 0) return null;
  const labelled = candidates.find((c) => c.labelled);
  let best = labelled;
  if (!best) {
    const dated = candidates.filter((c) => c.deadline.kind !== "recurring" && c.deadline.kind !== "workdays");
    best =
      dated.length > 0
        ? dated.reduce((a, b) => ((b.deadline.due ?? "") > (a.deadline.due ?? "") ? b : a))
        : // A rule with its day ("季后15日", "每月10日前") says more than one without ("每季度").
          (candidates.find((c) => c.deadline.day != null || c.deadline.days != null) ?? candidates[0]);
  }
  if (!best) return null;
  const d = best.deadline;
  return { ...d, start: d.start + offset, end: d.end + offset };
}
