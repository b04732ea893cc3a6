/**
 * The task register (任务分工台账) of a plan: every task with its section, lead and partner units,
 * deadline and latest progress, as JSON for the web app and as an .xlsx workbook with the headers a
 * commission's office uses (序号, 工作任务, 牵头单位, 配合单位, 完成时限, 进展情况). An edited workbook can
 * be read back: changed texts, units and deadlines become task edits (drafts), changed 进展情况 becomes a
 * progress report (published plans). Each row goes through the same services as an edit in the browser.
 */
import ExcelJS from "exceljs";
import type { Db } from "../db/database.js";
import { PlanItemRepository, type TaskUnitRef } from "../db/plan-item.repository.js";
import { PlanRepository } from "../db/plan.repository.js";
import { RegisterRepository } from "../db/register.repository.js";
import type { SectionRow, TaskRow } from "../db/schema.js";
import { UnitRepository } from "../db/unit.repository.js";
import type { Principal } from "./auth.service.js";
import { AppError, errors } from "./errors.js";
import { hasRole } from "./http.js";
import type { PlanService } from "./plan.service.js";
import type { progressStatuses } from "./progress.service.js";
import { type ProgressService } from "./progress.service.js";

export type ProgressStatus = (typeof progressStatuses)[number];

export const progressLabels: Record<ProgressStatus, string> = {
  not_started: "未开始",
  in_progress: "推进中",
  done: "已完成",
  blocked: "受阻",
};

export const registerHeaders = ["序号", "工作任务", "牵头单位", "配合单位", "完成时限", "进展情况"] as const;

export interface RegisterRow {
  no: number;
  taskId: string;
  version: number;
  text: string;
  sectionId: string | null;
  sectionTitle: string | null;
  leadUnits: Array<{ id: string; name: string }>;
  partnerUnits: Array<{ id: string; name: string }>;
  deadlineText: string | null;
  deadlineDue: string | null;
  reviewStatus: string;
  status: ProgressStatus;
  statusNote: string | null;
  statusAt: string | null;
  overdue: boolean;
}

export interface RegisterImportResult {
  rows: number;
  tasksUpdated: number;
  progressRecorded: number;
  unchanged: number;
  problems: Array<{ row: number; message: string }>;
}

const unitSeparators = /[、，,；;\s]+/;

function sectionPath(sections: Map<string, SectionRow>, id: string | null): string | null {
  const s = id ? sections.get(id) : undefined;
  if (!s) return null;
  return `${s.marker}${s.title}`;
}

export class RegisterService {
  constructor(
    private readonly db: Db,
    private readonly plans: PlanService,
    private readonly progress: ProgressService,
    private readonly today: () => string = () => new Date().toISOString().slice(0, 10),
  ) {}

  async text(planId: string): Promise<{ text: string; start: number; end: number }> {
    const repo = new PlanRepository(this.db);
    const plan = await repo.get(planId);
    if (!plan) throw errors.notFound("plan", planId);
    const text = (await repo.getDocumentText(plan.document_id)) ?? "";
    return { text, start: plan.start, end: plan.end };
  }

  async rows(planId: string): Promise<RegisterRow[]> {
    const { plan } = await this.plans.get(planId);
    const items = new PlanItemRepository(this.db);
    const tasks: TaskRow[] = [];
    const sections = new Map<string, SectionRow>();
    for (let page = 1; ; page++) {
      const p = await items.listTasks(planId, {}, { page, pageSize: 500 });
      tasks.push(...p.items);
      if (tasks.length >= p.total || p.items.length === 0) break;
    }
    for (let page = 1; ; page++) {
      const p = await items.listSections(planId, {}, { page, pageSize: 500 });
      for (const s of p.items) sections.set(s.id, s);
      if (sections.size >= p.total || p.items.length === 0) break;
    }
    const units: TaskUnitRef[] = [];
    for (let i = 0; i < tasks.length; i += 500)
      units.push(...(await items.unitsOfTasks(tasks.slice(i, i + 500).map((t) => t.id))));
    const latest = await new RegisterRepository(this.db).latestProgress(planId);
    const today = this.today();
    const visible = plan.status === "published" ? tasks.filter((t) => t.review_status !== "rejected") : tasks;
    return visible.map((t, i) => {
      const mine = units.filter((u) => u.taskId === t.id).sort((a, b) => a.position - b.position);
      const ref = (u: TaskUnitRef) => ({ id: u.unitId, name: u.unitName });
      const deadline = t.deadline_json ? (JSON.parse(t.deadline_json) as { text?: string }) : null;
      const p = latest.get(t.id);
      const status = (p?.status ?? "not_started") as ProgressStatus;
      return {
        no: i + 1,
        taskId: t.id,
        version: t.version,
        text: t.text,
        sectionId: t.section_id,
        sectionTitle: sectionPath(sections, t.section_id),
        leadUnits: mine.filter((u) => u.role === "lead").map(ref),
        partnerUnits: mine.filter((u) => u.role === "partner").map(ref),
        deadlineText: deadline?.text ?? null,
        deadlineDue: t.deadline_due,
        reviewStatus: t.review_status,
        status,
        statusNote: p?.note ?? null,
        statusAt: p?.created_at ?? null,
        overdue: t.deadline_due !== null && t.deadline_due < today && status !== "done",
      };
    });
  }

  async workbook(planId: string): Promise<{ bytes: Buffer; fileName: string }> {
    const { plan } = await this.plans.get(planId);
    const rows = await this.rows(planId);
    const wb = new ExcelJS.Workbook();
    wb.creator = "Mubiao 目标";
    const ws = wb.addWorksheet("任务分工台账", { views: [{ state: "frozen", ySplit: 1 }] });
    ws.columns = [
      { header: registerHeaders[0], key: "no", width: 6 },
      { header: registerHeaders[1], key: "text", width: 60 },
      { header: registerHeaders[2], key: "lead", width: 20 },
      { header: registerHeaders[3], key: "partner", width: 24 },
      { header: registerHeaders[4], key: "deadline", width: 14 },
      { header: registerHeaders[5], key: "status", width: 12 },
    ];
    ws.getRow(1).font = { bold: true };
    for (const r of rows)
      ws.addRow({
        no: r.no,
        text: r.text,
        lead: r.leadUnits.map((u) => u.name).join("、"),
        partner: r.partnerUnits.map((u) => u.name).join("、"),
        deadline: r.deadlineDue ?? r.deadlineText ?? "",
        status: progressLabels[r.status],
      });
    for (const col of [2, 3, 4]) ws.getColumn(col).alignment = { wrapText: true, vertical: "top" };
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    return { bytes, fileName: `${plan.title ?? "计划"}-任务分工台账.xlsx` };
  }

  async importWorkbook(planId: string, bytes: Uint8Array, user: Principal): Promise<RegisterImportResult> {
    await this.plans.get(planId);
    const wb = new ExcelJS.Workbook();
    try {
      await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    } catch {
      // Not an .xlsx workbook (or a corrupt one): the parser's own message would only leak internals.
      throw errors.undecodable("register.xlsx", "not_xlsx");
    }
    const ws = wb.worksheets[0];
    if (!ws) throw errors.unprocessable("NO_SHEET", "工作簿中没有工作表", "The workbook has no sheet");
    const header = registerHeaders.map((_, i) => cellText(ws.getRow(1).getCell(i + 1).value));
    if (header.join("|") !== registerHeaders.join("|"))
      throw errors.unprocessable(
        "BAD_HEADERS",
        "表头与台账模板不一致",
        "The headers differ from the register's",
        {
          expected: registerHeaders,
          found: header,
        },
      );
    const rows = await this.rows(planId);
    const byNo = new Map(rows.map((r) => [r.no, r]));
    const unitRepo = new UnitRepository(this.db);
    const result: RegisterImportResult = {
      rows: 0,
      tasksUpdated: 0,
      progressRecorded: 0,
      unchanged: 0,
      problems: [],
    };
    const resolveUnits = async (names: string, line: number): Promise<string[] | null> => {
      const ids: string[] = [];
      for (const name of names.split(unitSeparators).filter(Boolean)) {
        const id = (await unitRepo.findByName(name))?.id ?? (await unitRepo.findAliasOwner(name));
        if (!id) {
          result.problems.push({ row: line, message: `未知单位：${name}` });
          return null;
        }
        ids.push(id);
      }
      return ids;
    };
    for (let line = 2; line <= ws.rowCount; line++) {
      const row = ws.getRow(line);
      const cells = registerHeaders.map((_, i) => cellText(row.getCell(i + 1).value));
      if (cells.every((c) => c === "")) continue;
      result.rows++;
      const current = byNo.get(Number(cells[0]));
      if (!current) {
        result.problems.push({ row: line, message: `序号 ${cells[0]} 不在台账中` });
        continue;
      }
      const [, text = "", lead = "", partner = "", deadline = "", status = ""] = cells;
      const names = (us: Array<{ name: string }>) => us.map((u) => u.name).join("、");
      const taskChanged =
        text !== current.text ||
        lead !== names(current.leadUnits) ||
        partner !== names(current.partnerUnits) ||
        deadline !== (current.deadlineDue ?? current.deadlineText ?? "");
      const wanted = (Object.entries(progressLabels).find(([, l]) => l === status)?.[0] ??
        null) as ProgressStatus | null;
      if (status !== "" && !wanted) {
        result.problems.push({
          row: line,
          message: `进展情况应为：${Object.values(progressLabels).join("、")}`,
        });
        continue;
      }
      const statusChanged = wanted !== null && wanted !== current.status;
      if (!taskChanged && !statusChanged) {
        result.unchanged++;
        continue;
      }
      try {
        if (taskChanged) {
          if (!hasRole(user, ["planner"])) throw errors.forbidden({ reason: "only planners edit tasks" });
          if (deadline !== "" && !/^\d{4}-\d{2}-\d{2}$/.test(deadline) && deadline !== current.deadlineText) {
            result.problems.push({ row: line, message: "完成时限应为 YYYY-MM-DD 格式的日期" });
            continue;
          }
          const leadIds = await resolveUnits(lead, line);
          const partnerIds = await resolveUnits(partner, line);
          if (!leadIds || !partnerIds) continue;
          await this.plans.editTask(planId, current.taskId, user.id, {
            version: current.version,
            text,
            leadUnitIds: leadIds,
            partnerUnitIds: partnerIds,
            ...(/^\d{4}-\d{2}-\d{2}$/.test(deadline) ? { deadlineDue: deadline } : {}),
            ...(deadline === "" ? { deadlineDue: null } : {}),
          });
          result.tasksUpdated++;
        }
        if (statusChanged && wanted) {
          const unitId =
            current.leadUnits.find((u) => hasRole(user, ["planner"]) || user.unitIds.includes(u.id))?.id ??
            current.partnerUnits.find((u) => user.unitIds.includes(u.id))?.id;
          if (!unitId) throw errors.forbidden({ reason: "no unit of this task is yours" });
          await this.progress.record(current.taskId, user, {
            unitId,
            periodId: null,
            status: wanted,
            note: "由台账导入",
          });
          result.progressRecorded++;
        }
      } catch (e) {
        if (!(e instanceof AppError)) throw e;
        result.problems.push({ row: line, message: e.zh });
      }
    }
    return result;
  }
}

/** A cell as plain text: rich text joined, numbers and dates written out, formulas by their result. */
function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return "";
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === "object") {
    if ("richText" in v)
      return v.richText
        .map((t) => t.text)
        .join("")
        .trim();
    if ("result" in v) return cellText(v.result as ExcelJS.CellValue);
    if ("text" in v) return String(v.text).trim();
    return "";
  }
  return String(v).trim();
}
