/**
 * Responsible units of a task: the parentheses after it ("(市爱卫办、市卫健委)", "(X牵头,Y参与)",
 * "(X按职责分工负责)") and labelled lines ("牵头单位:X;配合单位:Y", "责任单位:X"). The genre's
 * convention: in a plain list the unit named first leads (列第一位的为牵头单位) and the others take part.
 */

export interface UnitAssignment {
  leadUnits: string[];
  partnerUnits: string[];
}

// Endings of organisation names: bodies (委, 办, 局 …), places that act as units (各区, 街道, 乡镇) and
// institutions (医院, 中心, 公司 …). Checked against the end of each listed name.
const ORG_SUFFIX =
  /(?:委员会|委|办公室|办|总局|分局|局|厅|部|院|中心|所|站|总会|协会|学会|联合会|工会|会|支队|大队|队|处|科|室|组|司|署|馆|社|联|中央|集团|公司|政府|党委|党组|街道|乡镇|镇|乡|团|校|银行|单位|部门|机构|机关|各地|县区|区县|街道办|电视台|电台)$/;
// Ordinary words with an organisation ending.
const NOT_ORG =
  /(?:场所|网站|平台|全部|内部|外部|局部|之处|好处|学科|关联|社会|机会|大会|体会|运动会|博览会|研讨会|座谈会|推进会|现场会|培训班)$/;
// Generic unit expressions that carry no organisation suffix of their own.
const GENERIC_UNIT =
  /^(?:各|有关|相关|其他|全市|全县|全区|市直|县直|区直)?(?:[县市区乡镇]|县\(市、区\)|县\(市\)|区\(县\)|县市区|区县|乡镇|乡\(镇\)|镇\(街道\)|街道|村\(社区\)|成员单位|单位|部门|地|级|各级|医疗机构|医疗卫生机构|医疗卫生单位)+(?:\([^()]{1,8}\))?$/;
// Words that turn a name into a role statement.
const LEAD_SUFFIX = /(?:牵头负责|牵头落实|牵头|主责|主办|负总责)$/;
const ALL_LEAD_SUFFIX =
  /(?:按职责分工负责|按照职责分工负责|按职责分工落实|按职责负责|分别负责|共同负责|负责落实|负责)$/;
const PARTNER_SUFFIX = /(?:配合落实|按职责配合|配合|参与|协助|协办|参加|协同)$/;
const LEAD_LABEL = /^(?:牵头单位|牵头部门|主责单位|主责部门|主办单位|负责单位|牵头)[::]/;
const DUTY_LABEL = /^(?:责任单位|责任部门|实施单位|承办单位)[::]/;
const PARTNER_LABEL = /^(?:配合单位|配合部门|参与单位|参与部门|协办单位|协同单位|协助单位)[::]/;
// Labels whose value is not a unit (a leader, a time limit): such clauses are skipped.
const OTHER_LABEL = /^(?:责任领导|分管领导|责任人|联系人|完成时限|完成时间|时间节点|时限)[::]/;
// Things that never appear in a unit list: sentences, numbers with units, quotes of documents.
const NOT_A_LIST = /[。!?《》“”"%]|\d/;
// A parenthesis that qualifies or abbreviates the word before it: "(含民营医院)", "(以下简称市卫健委)".
const QUALIFIER = /^(?:含|不含|包括|包含|其中|即|如|指|除|不包括|以下简称|简称|下称|原)/;
// A bare place type after a list head ("各区、镇、街道"): part of the head's expression, not a unit.
const BARE_PLACE = /^(?:[县市区乡镇村]|街道|乡镇|社区|村\(社区\))$/;

/** True when `name` reads as the name of an organisation or a generic group of units. */
export function isUnitName(name: string): boolean {
  const s = name.trim();
  if (s.length < 2 || s.length > 30) return false;
  if (NOT_A_LIST.test(s) || /[,;、]/.test(s.replace(/\([^()]*\)/g, ""))) return false;
  if (GENERIC_UNIT.test(s)) return true;
  // "健康" or "改、扩" are not units; a suffix alone ("局") is not a name.
  const bare = s.replace(/\([^()]*\)$/, "");
  return ORG_SUFFIX.test(bare) && !NOT_ORG.test(bare);
}

/** Splits on a separator outside nested parentheses ("各县(市、区)卫健局、市疾控中心"). */
function splitTop(s: string, sep: RegExp): string[] {
  const out: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i] as string;
    if (ch === "(") depth++;
    else if (ch === ")") depth = Math.max(0, depth - 1);
    else if (depth === 0 && sep.test(ch)) {
      out.push(s.slice(from, i));
      from = i + 1;
    }
  }
  out.push(s.slice(from));
  return out.map((x) => x.trim()).filter((x) => x.length > 0);
}

/** Splits "市卫健委和市教育局" at 和/及/与/会同 only when both sides are unit names ("文化和旅游部" stays whole). */
function splitJoined(name: string): string[] {
  const m = /^(.+?)(?:和|及|与|以及|会同|同)(.+)$/.exec(name);
  if (!m) return [name];
  const left = m[1] as string;
  const right = m[2] as string;
  if (isUnitName(left) && isUnitName(right)) return [left, ...splitJoined(right)];
  return [name];
}

/** The unit names of one clause ("市卫健委、市教育局等有关部门"), or null if any part is not a unit. */
function splitNames(clause: string): string[] | null {
  const parts = splitTop(clause.replace(/^(?:由|请|以)/, ""), /[、/]/);
  const names: string[] = [];
  for (const raw of parts) {
    // "全国总工会等有关成员单位" → 全国总工会, 有关成员单位; a trailing 等 is dropped.
    const pieces = raw
      .split(/等(?=(?:有关|相关|其他|各)|$)/)
      .map((p) => p.trim())
      .filter((p) => p.length > 0);
    for (const piece of pieces) {
      if (BARE_PLACE.test(piece) && names.length > 0) {
        names[names.length - 1] = `${names[names.length - 1] as string}、${piece}`;
        continue;
      }
      for (const name of splitJoined(piece)) {
        if (!isUnitName(name)) return null;
        names.push(name);
      }
    }
  }
  return names.length > 0 ? names : null;
}

const LEAD_MARK = /\((?:牵头|牵头单位|主责|负责)\)$/;

type Role = "lead" | "allLead" | "partner" | "duty" | "plain";

/**
 * Reads the inside of a unit parenthesis or a unit line. Null when it is not a list of units, so
 * "(助理)", "(含民营医院)", "(2024-2026年)" and "(试行)" are left alone.
 *
 * @example parseUnitList("全国爱卫办牵头,有关成员单位参与") // { leadUnits: ["全国爱卫办"], partnerUnits: ["有关成员单位"] }
 */
export function parseUnitList(inner: string): UnitAssignment | null {
  const s = inner.trim().replace(/[。.]$/, "");
  if (s.length < 2 || s.length > 200 || QUALIFIER.test(s)) return null;
  const clauses = splitTop(s, /[,;，；\n]/);
  const parsed: Array<{ role: Role; names: string[] }> = [];
  for (let clause of clauses) {
    if (OTHER_LABEL.test(clause)) continue;
    let role: Role = "plain";
    if (LEAD_LABEL.test(clause)) role = "lead";
    else if (DUTY_LABEL.test(clause)) role = "duty";
    else if (PARTNER_LABEL.test(clause)) role = "partner";
    clause = clause.replace(/^[^::]{2,6}[::]/, (label) =>
      LEAD_LABEL.test(label) || DUTY_LABEL.test(label) || PARTNER_LABEL.test(label) ? "" : label,
    );
    const lead = LEAD_SUFFIX.exec(clause);
    const allLead = lead ? null : ALL_LEAD_SUFFIX.exec(clause);
    const partner = lead || allLead ? null : PARTNER_SUFFIX.exec(clause);
    const suffix = lead ?? allLead ?? partner;
    if (suffix) {
      clause = clause.slice(0, suffix.index);
      if (role === "plain" || role === "duty") role = lead ? "lead" : allLead ? "allLead" : "partner";
    }
    clause = clause.replace(/等(?:部门|单位)?$/, "").trim();
    if (clause.length === 0) continue;
    const names = splitNames(clause);
    if (!names) return null;
    // "市卫健委(牵头)、市财政局": a name marked as lead inside a list leads, the others take part.
    const marked = names.filter((n) => LEAD_MARK.test(n));
    if (marked.length > 0 && role !== "partner") {
      parsed.push({ role: "lead", names: marked.map((n) => n.replace(LEAD_MARK, "")) });
      const rest = names.filter((n) => !LEAD_MARK.test(n));
      if (rest.length > 0) parsed.push({ role: "partner", names: rest });
    } else {
      parsed.push({ role, names: names.map((n) => n.replace(LEAD_MARK, "")) });
    }
  }
  if (parsed.length === 0) return null;
  return assignRoles(parsed);
}

function assignRoles(parsed: Array<{ role: Role; names: string[] }>): UnitAssignment {
  const hasLead = parsed.some((p) => p.role === "lead" || p.role === "allLead");
  const hasPartner = parsed.some((p) => p.role === "partner");
  const leadUnits: string[] = [];
  const partnerUnits: string[] = [];
  let first = true;
  for (const { role, names } of parsed) {
    switch (role) {
      case "lead":
      case "allLead":
        leadUnits.push(...names);
        break;
      case "partner":
        partnerUnits.push(...names);
        break;
      case "duty":
      case "plain":
        if (hasLead) partnerUnits.push(...names);
        else if (hasPartner && role === "duty") leadUnits.push(...names);
        else if (first) {
          // The first-named unit leads; the rest of an unmarked list takes part.
          leadUnits.push(...names.slice(0, 1));
          partnerUnits.push(...names.slice(1));
        } else partnerUnits.push(...names);
        break;
    }
    first = false;
  }
  return {
    leadUnits: dedupe(leadUnits),
    partnerUnits: dedupe(partnerUnits).filter((u) => !leadUnits.includes(u)),
  };
}

const dedupe = (xs: string[]): string[] => [...new Set(xs)];

/** Both assignments together ("牵头单位:X" on one line, "配合单位:Y" on the next). */
export function mergeUnits(a: UnitAssignment | null, b: UnitAssignment | null): UnitAssignment | null {
  if (!a || !b) return a ?? b;
  const leadUnits = dedupe([...a.leadUnits, ...b.leadUnits]);
  return {
    leadUnits,
    partnerUnits: dedupe([...a.partnerUnits, ...b.partnerUnits]).filter((u) => !leadUnits.includes(u)),
  };
}

export interface UnitMention extends UnitAssignment {
  /** Span of the whole parenthesis or line (including the brackets). */
  start: number;
  end: number;
}

const SENTENCE_END = /[。;;!?!?:]/;

/**
 * Every unit parenthesis in `text` that stands after a task: right after the end of a sentence, or
 * closing one (followed by 。, ; or the end of the line). A parenthesis inside a phrase
 * ("乡镇卫生院(社区卫生服务中心)建设") qualifies a word and is not a unit list.
 */
export function findUnitParentheses(text: string): UnitMention[] {
  const out: UnitMention[] = [];
  // Normalised text has only ASCII brackets; jumping between them keeps long paragraphs cheap.
  for (let i = text.indexOf("("); i >= 0 && i < text.length; i = text.indexOf("(", i)) {
    const close = matchClose(text, i);
    if (close < 0) {
      i++;
      continue;
    }
    let k = i - 1;
    while (k >= 0 && (text[k] === " " || text[k] === "\t")) k--;
    const prev = k >= 0 ? (text[k] as string) : "\n";
    const next = text[close + 1] ?? "\n";
    const afterSentence = SENTENCE_END.test(prev) || prev === "\n" || prev === ",";
    const endsSentence = SENTENCE_END.test(next) || next === "\n" || next === ",";
    if (afterSentence || endsSentence) {
      const parsed = parseUnitList(text.slice(i + 1, close));
      // A list that closes a clause without explicit roles must be preceded by sentence punctuation or
      // name at least two units; a lone "(市健康促进委员会)" after a noun is an alias.
      if (parsed && (afterSentence || hasRoleWord(text.slice(i + 1, close)) || countUnits(parsed) >= 2)) {
        out.push({ ...parsed, start: i, end: close + 1 });
        i = close + 1;
        continue;
      }
    }
    i++;
  }
  return out;
}

const hasRoleWord = (s: string): boolean => /牵头|负责|配合|参与|协助|协办|责任单位|主责/.test(s);
const countUnits = (a: UnitAssignment): number => a.leadUnits.length + a.partnerUnits.length;

/** Index of the bracket closing the one at `open`, or -1 (looks at most 200 characters ahead). */
function matchClose(text: string, open: number): number {
  let depth = 0;
  const limit = Math.min(text.length, open + 202);
  for (let j = open; j < limit; j++) {
    const code = text.charCodeAt(j);
    if (code === 40) depth++;
    else if (code === 41) {
      depth--;
      if (depth === 0) return j;
    } else if (code === 10) return -1;
  }
  return -1;
}

const UNIT_LINE =
  /^(?:(?:牵头|主责|主办|负责|责任|配合|参与|协办|协同|协助|实施|承办)(?:单位|部门)|牵头)[::]/;

/**
 * A line (or clause) that assigns units by label: "牵头单位:市卫健委;配合单位:市教育局" or
 * "责任单位:各区". Null for any other line.
 */
export function parseUnitLine(line: string): UnitAssignment | null {
  let s = line.trim();
  if (s.startsWith("(")) s = s.slice(1);
  if (!UNIT_LINE.test(s)) return null;
  // Drop the closing bracket of a bracketed line, not one that closes "各县(市、区)".
  if (s.endsWith(")") && s.split(")").length > s.split("(").length) s = s.slice(0, -1);
  // A time limit often shares the line ("责任单位:X;完成时限:年底前"); parseUnitList skips that clause.
  return parseUnitList(s.replace(/\s+(?=(?:配合|参与|协办|完成|时间|时限|责任))/g, ";"));
}
