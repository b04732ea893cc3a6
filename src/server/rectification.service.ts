/**
 * Rectification ledgers (整改台账): each problem found by a 督查, 考核 or 审计 with its measures, responsible
 * leader, unit, person and deadline, updated with progress notes until a planner closes it item by item
 * (销号, with a note; never without at least one progress note). Overdue = still open after its deadline
 * (an Asia/Shanghai day). Planners keep the ledger; the responsible unit's reporters add progress notes.
 * Every write is audited and tells the unit's reporters.
 */
import { randomUUID } from "node:crypto";
import ExcelJS from "exceljs";
import type { Db } from "../db/database.js";
import { AuditRepository } from "../db/audit.repository.js";
import {
  RectificationRepository,
  type RectificationFilter,
  type RectificationRow,
  type RectificationUpdateRow,
} from "../db/rectification.repository.js";
import { shanghaiDateOf, type IsoDate } from "../domain/calendar/index.js";
import type { Principal } from "./auth.service.js";
import { errors } from "./errors.js";
import { hasRole } from "./http.js";
import { NotificationService } from "./notification.service.js";

export const rectificationHeaders = [
  "序号",
  "问题",
  "整改措施",
  "责任领导",
  "责任单位",
  "责任人",
  "整改时限",
  "进展情况",
  "是否销号",
] as const;

export interface RectificationInput {
  planId?: string | null | undefined;
  taskId?: string | null | undefined;
  source: string;
  problem: string;
  measures: string;
  leader?: string | null | undefined;
  unitId?: string | null | undefined;
  person?: string | null | undefined;
  deadline?: IsoDate | null | undefined;
}

export interface RectificationView {
  id: string;
  planId: string | null;
  taskId: string | null;
  source: string;
  problem: string;
  measures: string;
  leader: string | null;
  unitId: string | null;
  unitName: string | null;
  person: string | null;
  deadline: string | null;
  status: "open" | "closed";
  overdue: boolean;
  closedAt: string | null;
  closedBy: string | null;
  closeNote: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  updates: Array<{ id: string; note: string; createdBy: string; createdAt: string }>;
}

export class RectificationService {
  constructor(
    private readonly db: Db,
    private readonly now: () => Date = () => new Date(),
  ) {}

  today(): IsoDate {
    return shanghaiDateOf(this.now());
  }

  async list(filter: Omit<RectificationFilter, "overdueOn"> & { overdue?: boolean | undefined }) {
    const repo = new RectificationRepository(this.db);
    const today = this.today();
    const rows = await repo.list({ ...filter, ...(filter.overdue ? { overdueOn: today } : {}) });
    const items = await this.present(repo, rows, today);
    const counts = {
      total: items.length,
      open: items.filter((i) => i.status === "open").length,
      closed: items.filter((i) => i.status === "closed").length,
      overdue: items.filter((i) => i.overdue).length,
    };
    return { on: today, counts, items };
  }

  async get(id: string): Promise<RectificationView> {
    const repo = new RectificationRepository(this.db);
    const row = await repo.get(id);
    if (!row) throw errors.notFound("rectification", id);
    return (await this.present(repo, [row], this.today()))[0] as RectificationView;
  }

  async create(user: Principal, input: RectificationInput): Promise<RectificationView> {
    const id = randomUUID();
    await this.db.transaction().execute(async (trx) => {
      const at = this.now().toISOString();
      const row: RectificationRow = {
        id,
        plan_id: input.planId ?? null,
        task_id: input.taskId ?? null,
        source: input.source,
        problem: input.problem,
        measures: input.measures,
        leader: input.leader ?? null,
        unit_id: input.unitId ?? null,
        person: input.person ?? null,
        deadline: input.deadline ?? null,
        status: "open",
        closed_at: null,
        closed_by: null,
        close_note: null,
        version: 1,
        created_by: user.id,
        created_at: at,
        updated_at: at,
      };
      await this.checkRefs(trx, row);
      await new RectificationRepository(trx).insert(row);
      await new AuditRepository(trx).record({
        userId: user.id,
        action: "rectification.create",
        entity: "rectification",
        entityId: id,
        after: row,
      });
      if (row.unit_id)
        await NotificationService.notify(trx, {
          unitId: row.unit_id,
          kind: "rectification.create",
          title: `【整改任务】${short(row.problem)}`,
          body: `整改措施：${row.measures}${row.deadline ? `；整改时限：${row.deadline}` : ""}`,
          link: `/rectification?item=${id}`,
          exceptUserId: user.id,
        });
    });
    return this.get(id);
  }

  async update(
    id: string,
    user: Principal,
    input: Partial<RectificationInput> & { version: number },
  ): Promise<RectificationView> {
    await this.db.transaction().execute(async (trx) => {
      const repo = new RectificationRepository(trx);
      const before = await repo.get(id);
      if (!before) throw errors.notFound("rectification", id);
      if (before.status === "closed")
        throw errors.conflict("RECTIFICATION_CLOSED", "该事项已销号，不能修改", "The item is closed", { id });
      const patch: Partial<RectificationRow> = { updated_at: this.now().toISOString() };
      if (input.planId !== undefined) patch.plan_id = input.planId;
      if (input.taskId !== undefined) patch.task_id = input.taskId;
      if (input.source !== undefined) patch.source = input.source;
      if (input.problem !== undefined) patch.problem = input.problem;
      if (input.measures !== undefined) patch.measures = input.measures;
      if (input.leader !== undefined) patch.leader = input.leader;
      if (input.unitId !== undefined) patch.unit_id = input.unitId;
      if (input.person !== undefined) patch.person = input.person;
      if (input.deadline !== undefined) patch.deadline = input.deadline;
      await this.checkRefs(trx, { ...before, ...patch });
      if (!(await repo.update(id, input.version, patch)))
        throw errors.staleEdit("rectification", id, before.version);
      await new AuditRepository(trx).record({
        userId: user.id,
        action: "rectification.update",
        entity: "rectification",
        entityId: id,
        before,
        after: { ...before, ...patch, version: input.version + 1 },
      });
    });
    return this.get(id);
  }

  async remove(id: string, user: Principal, version: number): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const repo = new RectificationRepository(trx);
      const before = await repo.get(id);
      if (!before) throw errors.notFound("rectification", id);
      if (!(await repo.remove(id, version))) throw errors.staleEdit("rectification", id, before.version);
      await new AuditRepository(trx).record({
        userId: user.id,
        action: "rectification.delete",
        entity: "rectification",
        entityId: id,
        before,
      });
    });
  }

  /** A progress note (进展情况): by planners, or by reporters of the responsible unit. */
  async addUpdate(id: string, user: Principal, note: string): Promise<RectificationView> {
    await this.db.transaction().execute(async (trx) => {
      const repo = new RectificationRepository(trx);
      const item = await repo.get(id);
      if (!item) throw errors.notFound("rectification", id);
      if (!hasRole(user, ["planner"]) && !(item.unit_id && user.unitIds.includes(item.unit_id)))
        throw errors.forbidden({ reason: "only the responsible unit's reporters", unitId: item.unit_id });
      if (item.status === "closed")
        throw errors.conflict("RECTIFICATION_CLOSED", "该事项已销号", "The item is already closed", { id });
      const at = this.now().toISOString();
      const row: RectificationUpdateRow = {
        id: randomUUID(),
        item_id: id,
        note,
        created_by: user.id,
        created_at: at,
      };
      await repo.addUpdate(row);
      if (!(await repo.update(id, item.version, { updated_at: at })))
        throw errors.staleEdit("rectification", id, item.version);
      await new AuditRepository(trx).record({
        userId: user.id,
        action: "rectification.progress",
        entity: "rectification",
        entityId: id,
        after: row,
      });
    });
    return this.get(id);
  }

  /** 销号: closes the item with a note; refused while it has no progress note, or when already closed. */
  async close(id: string, user: Principal, note: string): Promise<RectificationView> {
    await this.db.transaction().execute(async (trx) => {
      const repo = new RectificationRepository(trx);
      const item = await repo.get(id);
      if (!item) throw errors.notFound("rectification", id);
      if (item.status === "closed")
        throw errors.conflict("RECTIFICATION_CLOSED", "该事项已销号", "The item is already closed", { id });
      if ((await repo.updatesOf([id])).length === 0)
        throw errors.conflict(
          "RECTIFICATION_NO_PROGRESS",
          "尚无整改进展，不能销号",
          "An item without any progress note cannot be closed",
          { id },
        );
      const at = this.now().toISOString();
      const patch = { status: "closed", closed_at: at, closed_by: user.id, close_note: note, updated_at: at };
      if (!(await repo.update(id, item.version, patch)))
        throw errors.staleEdit("rectification", id, item.version);
      await new AuditRepository(trx).record({
        userId: user.id,
        action: "rectification.close",
        entity: "rectification",
        entityId: id,
        before: item,
        after: { ...item, ...patch, version: item.version + 1 },
      });
      if (item.unit_id)
        await NotificationService.notify(trx, {
          unitId: item.unit_id,
          kind: "rectification.close",
          title: `【已销号】${short(item.problem)}`,
          body: note,
          link: `/rectification?item=${id}`,
          exceptUserId: user.id,
        });
    });
    return this.get(id);
  }

  /** The ledger as an .xlsx workbook with the columns a commission's office uses. */
  async workbook(
    filter: Parameters<RectificationService["list"]>[0],
  ): Promise<{ bytes: Buffer; fileName: string }> {
    const { items } = await this.list(filter);
    const wb = new ExcelJS.Workbook();
    wb.creator = "Mubiao 目标";
    const ws = wb.addWorksheet("整改台账", { views: [{ state: "frozen", ySplit: 1 }] });
    const widths = [6, 40, 40, 12, 18, 12, 14, 50, 10];
    ws.columns = rectificationHeaders.map((header, i) => ({
      header,
      key: String(i),
      width: widths[i] ?? 12,
    }));
    ws.getRow(1).font = { bold: true };
    items.forEach((r, i) =>
      ws.addRow([
        i + 1,
        r.problem,
        r.measures,
        r.leader ?? "",
        r.unitName ?? "",
        r.person ?? "",
        r.deadline ?? "",
        // each note dated as the commission's day (Asia/Shanghai), not the UTC one
        r.updates.map((u) => `${shanghaiDateOf(new Date(u.createdAt))} ${u.note}`).join("\n"),
        r.status === "closed" ? "是" : r.overdue ? "否（超期）" : "否",
      ]),
    );
    for (const col of [2, 3, 8]) ws.getColumn(col).alignment = { wrapText: true, vertical: "top" };
    return { bytes: Buffer.from(await wb.xlsx.writeBuffer()), fileName: "整改台账.xlsx" };
  }

  private async checkRefs(trx: Db, row: RectificationRow): Promise<void> {
    if (
      row.unit_id &&
      !(await trx.selectFrom("units").select("id").where("id", "=", row.unit_id).executeTakeFirst())
    )
      throw errors.notFound("unit", row.unit_id);
    if (
      row.plan_id &&
      !(await trx.selectFrom("plans").select("id").where("id", "=", row.plan_id).executeTakeFirst())
    )
      throw errors.notFound("plan", row.plan_id);
    if (row.task_id) {
      const task = await trx
        .selectFrom("tasks")
        .select(["id", "plan_id"])
        .where("id", "=", row.task_id)
        .executeTakeFirst();
      if (!task) throw errors.notFound("task", row.task_id);
      if (row.plan_id && task.plan_id !== row.plan_id)
        throw errors.unprocessable("TASK_NOT_IN_PLAN", "任务不属于该计划", "The task is not in this plan", {
          taskId: row.task_id,
          planId: row.plan_id,
        });
    }
  }

  private async present(
    repo: RectificationRepository,
    rows: readonly RectificationRow[],
    today: IsoDate,
  ): Promise<RectificationView[]> {
    const updates = await repo.updatesOf(rows.map((r) => r.id));
    const units = await repo.unitNames([...new Set(rows.flatMap((r) => (r.unit_id ? [r.unit_id] : [])))]);
    return rows.map((r) => ({
      id: r.id,
      planId: r.plan_id,
      taskId: r.task_id,
      source: r.source,
      problem: r.problem,
      measures: r.measures,
      leader: r.leader,
      unitId: r.unit_id,
      unitName: r.unit_id ? (units.get(r.unit_id) ?? null) : null,
      person: r.person,
      deadline: r.deadline,
      status: r.status === "closed" ? "closed" : "open",
      overdue: r.status !== "closed" && r.deadline !== null && r.deadline < today,
      closedAt: r.closed_at,
      closedBy: r.closed_by,
      closeNote: r.close_note,
      version: r.version,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      updates: updates
        .filter((u) => u.item_id === r.id)
        .map((u) => ({ id: u.id, note: u.note, createdBy: u.created_by, createdAt: u.created_at })),
    }));
  }
}

const short = (text: string) => (text.length > 40 ? `${text.slice(0, 40)}…` : text);
