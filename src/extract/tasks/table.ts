/**
 * Task tables (任务分解表) as the document readers print them: one row per line, cells separated by
 * "|" ("1|推进分级诊疗制度建设|市卫健委|市医保局、市财政局|2024年6月底前"). A header row names the
 * columns (重点任务, 牵头单位, 配合单位, 责任单位, 完成时限); without one, the cells are read by shape.
 */
import { hasActionVerb } from "./reading.js";
import { parseUnitList, type UnitAssignment } from "./units.js";

export interface Cell {
  /** Offsets within the line, trimmed of spaces. */
  start: number;
  end: number;
  text: string;
}

export interface TableHeader {
  task: number | null;
  lead: number | null;
  partner: number | null;
  duty: number | null;
}

/** The cells of a table row, or null for a line with fewer than three cells. */
export function splitCells(line: string): Cell[] | null {
  if (line.indexOf("|") < 0) return null;
  const cells: Cell[] = [];
  let depth = 0;
  let from = 0;
  const push = (end: number): void => {
    let s = from;
    let e = end;
    while (s < e && /\s/.test(line[s] as string)) s++;
    while (e > s && /\s/.test(line[e - 1] as string)) e--;
    cells.push({ start: s, end: e, text: line.slice(s, e) });
  };
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (ch === "(") depth++;
    else if (ch === ")") depth = Math.max(0, depth - 1);
    else if (ch === "|" && depth === 0) {
      push(i);
      from = i + 1;
    }
  }
  push(line.length);
  // A table printed with outer bars ("|a|b|c|") has empty first and last cells.
  let first = 0;
  let last = cells.length;
  if (cells[0]?.text === "") first++;
  if (last > first && cells[last - 1]?.text === "") last--;
  const inner = cells.slice(first, last);
  return inner.length >= 3 ? inner : null;
}

const HEADER_WORDS: Array<[keyof TableHeader, RegExp]> = [
  ["lead", /^(?:牵头(?:单位|部门|领导)?|主责(?:单位|部门))$/],
  ["partner", /^(?:配合|参与|协办|协同)(?:单位|部门)$/],
  ["duty", /^(?:责任(?:单位|部门)|实施主体|承办单位)$/],
  [
    "task",
    /^(?:重点)?(?:工作)?(?:任务|举措|措施|内容|事项)(?:内容|名称)?$|^(?:具体|主要|工作)(?:措施|举措|任务)$|^工作内容$/,
  ],
];

/** The column roles of a header row, or null if the row is not a header. */
export function readHeader(cells: Cell[]): TableHeader | null {
  const header: TableHeader = { task: null, lead: null, partner: null, duty: null };
  let named = 0;
  cells.forEach((cell, k) => {
    for (const [role, re] of HEADER_WORDS) {
      if (header[role] === null && re.test(cell.text)) {
        header[role] = k;
        named++;
        break;
      }
    }
  });
  const hasUnits = header.lead !== null || header.duty !== null;
  return named >= 2 && hasUnits ? header : null;
}

export interface TableTask {
  /** Offsets within the line: from the task cell to the end of the row. */
  start: number;
  end: number;
  units: UnitAssignment | null;
}

const everyoneLeads = (u: UnitAssignment | null): string[] => (u ? [...u.leadUnits, ...u.partnerUnits] : []);

/** A row read as a task, or null when it holds no work to do. */
export function readRow(cells: Cell[], header: TableHeader | null): TableTask | null {
  const taskIndex = header?.task ?? guessTaskColumn(cells);
  const taskCell = taskIndex === null ? undefined : cells[taskIndex];
  if (!taskCell) return null;
  // Under a header, the task column holds tasks whatever their verb ("新建…门诊15个"); by shape, a verb decides.
  const isTask = header ? /[\u4e00-\u9fff]{4}/.test(taskCell.text) : hasActionVerb(taskCell.text);
  if (!isTask) return null;
  const last = cells[cells.length - 1] as Cell;
  let units: UnitAssignment | null = null;
  if (header) {
    const cellUnits = (k: number | null) =>
      k === null || !cells[k] ? null : parseUnitList((cells[k] as Cell).text);
    const lead = everyoneLeads(cellUnits(header.lead));
    const partner = everyoneLeads(cellUnits(header.partner));
    const duty = cellUnits(header.duty);
    if (lead.length > 0) {
      // 责任单位 beside a 牵头单位 column take part.
      units = {
        leadUnits: lead,
        partnerUnits: [...partner, ...everyoneLeads(duty)].filter((u) => !lead.includes(u)),
      };
    } else if (duty) {
      units = { leadUnits: duty.leadUnits, partnerUnits: [...duty.partnerUnits, ...partner] };
    } else if (partner.length > 0) units = { leadUnits: [], partnerUnits: partner };
  } else {
    units = unitsByShape(cells.slice((taskIndex ?? 0) + 1));
  }
  return { start: taskCell.start, end: last.end, units };
}

/** By shape: the first unit cell after the task follows the list convention, later ones take part. */
function unitsByShape(cells: Cell[]): UnitAssignment | null {
  let units: UnitAssignment | null = null;
  for (const cell of cells) {
    const found = parseUnitList(cell.text);
    if (!found) continue;
    if (units === null) units = { leadUnits: [...found.leadUnits], partnerUnits: [...found.partnerUnits] };
    else units.partnerUnits.push(...everyoneLeads(found));
  }
  return units;
}

/** Without a header: the longest cell that names work. */
function guessTaskColumn(cells: Cell[]): number | null {
  let best: number | null = null;
  cells.forEach((cell, k) => {
    if (!hasActionVerb(cell.text) || parseUnitList(cell.text)) return;
    if (best === null || cell.text.length > (cells[best] as Cell).text.length) best = k;
  });
  return best;
}
