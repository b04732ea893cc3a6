/**
 * Plans and their review: reading plans and their items with filters, editing, accepting or rejecting
 * items of a draft (each edit carries the version it was based on: a stale one is refused), adding what
 * the extractor missed, publishing and deleting drafts. Every change is audited with before and after.
 */
import { randomUUID } from "node:crypto";
import type { AuditRepository } from "../db/audit.repository.js";
import type { Page, PageRequest } from "../db/page.js";
import type { ItemFilter, PlanItemRepository, TaskFilter, TaskUnitRef } from "../db/plan-item.repository.js";
import type { PlanFilter, PlanRepository } from "../db/plan.repository.js";
import type { PlanRow, QuantityKind, QuantityRow, ReviewStatus, SectionRow, TaskRow } from "../db/schema.js";
import type { UnitOfWork } from "../db/transaction.js";
import type { UnitRepository } from "../db/unit.repository.js";
import { errors } from "./errors.js";

export interface PlanRepos {
  plans: PlanRepository;
  items: PlanItemRepository;
  units: UnitRepository;
  audit: AuditRepository;
}

export interface SpanInput {
  start?: number | undefined;
  end?: number | undefined;
}

export interface SectionEdit {
  version: number;
  title?: string | undefined;
  reviewStatus?: ReviewStatus | undefined;
}

export interface TaskEdit {
  version: number;
  text?: string | undefined;
  sectionId?: string | null | undefined;
  reviewStatus?: ReviewStatus | undefined;
  deadlineDue?: string | null | undefined;
  leadUnitIds?: string[] | undefined;
  partnerUnitIds?: string[] | undefined;
}

export interface ReviewDecision {
  type: "section" | "task" | QuantityKind;
  id: string;
  version: number;
  reviewStatus: ReviewStatus;
}

export interface QuantityEdit {
  version: number;
  metric?: string | undefined;
  comparator?: string | undefined;
  value?: number | undefined;
  unit?: string | undefined;
  deadline?: string | null | undefined;
  reviewStatus?: ReviewStatus | undefined;
}

export class PlanService {
  private readonly read: PlanRepos;

  constructor(
    repos: PlanRepos,
    private readonly transact: UnitOfWork<PlanRepos>,
  ) {
    this.read = repos;
  }

  list(filter: PlanFilter, page: PageRequest): Promise<Page<PlanRow>> {
    return this.read.plans.list(filter, page);
  }

  async get(id: string) {
    const plan = await this.read.plans.get(id);
    if (!plan) throw errors.notFound("plan", id);
    const [document, counts] = await Promise.all([
      this.read.plans.getDocumentMeta(plan.document_id),
      this.read.plans.counts(id),
    ]);
    return { plan, document, counts };
  }

  async document(id: string) {
    const plan = await this.read.plans.get(id);
    if (!plan) throw errors.notFound("plan", id);
    const [meta, bytes] = await Promise.all([
      this.read.plans.getDocumentMeta(plan.document_id),
      this.read.plans.getDocumentBytes(plan.document_id),
    ]);
    if (!meta || !bytes) throw errors.notFound("document", plan.document_id);
    return { meta, bytes };
  }

  async update(
    id: string,
    userId: string,
    edit: { version: number; title?: string | null; issuer?: string | null; year?: number | null },
  ) {
    return this.transact(async ({ plans, audit }) => {
      const before = await this.draft(plans, id);
      const { version, ...patch } = edit;
      if (!(await plans.update(id, version, patch))) throw errors.staleEdit("plan", id, before.version);
      const after = await plans.get(id);
      await audit.record({ userId, action: "plan.update", entity: "plan", entityId: id, before, after });
      return after as PlanRow;
    });
  }

  async publish(id: string, userId: string, version: number) {
    return this.transact(async ({ plans, audit }) => {
      const before = await this.draft(plans, id);
      await plans.acceptPending(id);
      const ok = await plans.update(id, version, {
        status: "published",
        published_by: userId,
        published_at: new Date().toISOString(),
      });
      if (!ok) throw errors.staleEdit("plan", id, before.version);
      const after = await plans.get(id);
      await audit.record({ userId, action: "plan.publish", entity: "plan", entityId: id, before, after });
      return after as PlanRow;
    });
  }

  async delete(id: string, userId: string, version: number) {
    await this.transact(async ({ plans, audit }) => {
      const before = await this.draft(plans, id);
      if (before.version !== version) throw errors.staleEdit("plan", id, before.version);
      await plans.delete(id);
      await plans.deleteDocumentIfOrphan(before.document_id);
      await audit.record({ userId, action: "plan.delete", entity: "plan", entityId: id, before });
    });
  }

  // Sections

  async listSections(planId: string, filter: ItemFilter, page: PageRequest) {
    await this.exists(planId);
    return this.read.items.listSections(planId, filter, page);
  }

  async getSection(planId: string, id: string): Promise<SectionRow> {
    const s = await this.read.items.getSection(planId, id);
    if (!s) throw errors.notFound("section", id);
    return s;
  }

  async editSection(planId: string, id: string, userId: string, edit: SectionEdit) {
    return this.transact(async ({ plans, items, audit }) => {
      await this.draft(plans, planId);
      const before = await items.getSection(planId, id);
      if (!before) throw errors.notFound("section", id);
      const ok = await items.updateSection(id, edit.version, {
        ...(edit.title !== undefined ? { title: edit.title } : {}),
        ...(edit.reviewStatus ? { review_status: edit.reviewStatus } : {}),
      });
      if (!ok) throw errors.staleEdit("section", id, before.version);
      const after = (await items.getSection(planId, id)) as SectionRow;
      await audit.record({
        userId,
        action: "section.update",
        entity: "section",
        entityId: id,
        before,
        after,
      });
      return after;
    });
  }

  async addSection(
    planId: string,
    userId: string,
    input: SpanInput & { title: string; marker: string; level: number; parentId: string | null },
  ) {
    return this.transact(async ({ plans, items, audit }) => {
      await this.draft(plans, planId);
      if (input.parentId && !(await items.getSection(planId, input.parentId)))
        throw errors.notFound("section", input.parentId);
      const span = await this.span(plans, planId, input);
      const row: SectionRow = {
        id: randomUUID(),
        plan_id: planId,
        parent_id: input.parentId,
        position: await items.nextPosition("sections", planId),
        level: input.level,
        marker: input.marker,
        title: input.title,
        ...span,
        content_end: span.end,
        review_status: "accepted",
        origin: "added",
        version: 1,
      };
      await items.insertSections([row]);
      await audit.record({ userId, action: "section.add", entity: "section", entityId: row.id, after: row });
      return row;
    });
  }

  // Tasks

  async listTasks(planId: string, filter: TaskFilter, page: PageRequest) {
    await this.exists(planId);
    const result = await this.read.items.listTasks(planId, filter, page);
    const units = await this.read.items.unitsOfTasks(result.items.map((t) => t.id));
    return { result, units };
  }

  async getTask(planId: string, id: string): Promise<{ task: TaskRow; units: TaskUnitRef[] }> {
    const task = await this.read.items.getTask(planId, id);
    if (!task) throw errors.notFound("task", id);
    return { task, units: await this.read.items.unitsOfTasks([id]) };
  }

  async editTask(planId: string, id: string, userId: string, edit: TaskEdit) {
    return this.transact(async (repos) => {
      const { plans, items, audit } = repos;
      await this.draft(plans, planId);
      const before = await items.getTask(planId, id);
      if (!before) throw errors.notFound("task", id);
      const unitsBefore = await items.unitsOfTasks([id]);
      if (edit.sectionId && !(await items.getSection(planId, edit.sectionId)))
        throw errors.notFound("section", edit.sectionId);
      const ok = await items.updateTask(id, edit.version, {
        ...(edit.text !== undefined ? { text: edit.text } : {}),
        ...(edit.sectionId !== undefined ? { section_id: edit.sectionId } : {}),
        ...(edit.reviewStatus ? { review_status: edit.reviewStatus } : {}),
        ...(edit.deadlineDue !== undefined ? { deadline_due: edit.deadlineDue } : {}),
      });
      if (!ok) throw errors.staleEdit("task", id, before.version);
      if (edit.leadUnitIds || edit.partnerUnitIds) await this.assignUnits(repos, id, unitsBefore, edit);
      const after = (await items.getTask(planId, id)) as TaskRow;
      const unitsAfter = await items.unitsOfTasks([id]);
      await audit.record({
        userId,
        action: "task.update",
        entity: "task",
        entityId: id,
        before: { ...before, units: unitsBefore },
        after: { ...after, units: unitsAfter },
      });
      return { task: after, units: unitsAfter };
    });
  }

  async addTask(
    planId: string,
    userId: string,
    input: SpanInput & {
      text: string;
      sectionId: string | null;
      leadUnitIds: string[];
      partnerUnitIds: string[];
      deadlineDue: string | null;
    },
  ) {
    return this.transact(async (repos) => {
      const { plans, items, audit } = repos;
      await this.draft(plans, planId);
      if (input.sectionId && !(await items.getSection(planId, input.sectionId)))
        throw errors.notFound("section", input.sectionId);
      const row: TaskRow = {
        id: randomUUID(),
        plan_id: planId,
        section_id: input.sectionId,
        position: await items.nextPosition("tasks", planId),
        text: input.text,
        deadline_json: null,
        deadline_due: input.deadlineDue,
        ...(await this.span(plans, planId, input)),
        review_status: "accepted",
        origin: "added",
        version: 1,
      };
      await items.insertTasks([row]);
      await this.assignUnits(repos, row.id, [], {
        leadUnitIds: input.leadUnitIds,
        partnerUnitIds: input.partnerUnitIds,
      });
      const units = await items.unitsOfTasks([row.id]);
      await audit.record({
        userId,
        action: "task.add",
        entity: "task",
        entityId: row.id,
        after: { ...row, units },
      });
      return { task: row, units };
    });
  }

  /**
   * Splits a task where the reviewer cut its quote: each part is an exact sub-span of the document. A unit
   * goes to the part that names it, a deadline to the part holding its words; what no part names (units or
   * a deadline set by hand) goes to the last part, where plans write 牵头单位 and 完成时限. The original
   * is kept, rejected, so the audit log and progress history still point at something.
   */
  async splitTask(planId: string, id: string, userId: string, input: { version: number; at: number[] }) {
    return this.transact(async (repos) => {
      const { plans, items, audit } = repos;
      const plan = await this.draft(plans, planId);
      const before = await items.getTask(planId, id);
      if (!before) throw errors.notFound("task", id);
      if (before.version !== input.version) throw errors.staleEdit("task", id, before.version);
      if (before.review_status === "rejected") throw replacedItem("task", id);
      const text = (await plans.getDocumentText(plan.document_id)) ?? "";
      const spans = cutSpan(text, before, input.at);
      const unitsBefore = await items.unitsOfTasks([id]);
      const deadline = before.deadline_json ? (JSON.parse(before.deadline_json) as { start?: number }) : null;
      const last = spans.length - 1;
      const owns = (i: number, at: number | undefined) => {
        const sp = spans[i] as { start: number; end: number };
        return at === undefined || at < 0 ? i === last : at >= sp.start && at < sp.end;
      };
      const deadlinePart = spans.findIndex((_, i) => owns(i, deadline?.start ?? -1));
      await items.shiftPositions("tasks", planId, before.position, spans.length);
      const parts: TaskRow[] = spans.map((sp, i) => ({
        id: randomUUID(),
        plan_id: planId,
        section_id: before.section_id,
        position: before.position + 1 + i,
        text: text.slice(sp.start, sp.end),
        deadline_json: i === (deadlinePart < 0 ? last : deadlinePart) ? before.deadline_json : null,
        deadline_due: i === (deadlinePart < 0 ? last : deadlinePart) ? before.deadline_due : null,
        start: sp.start,
        end: sp.end,
        quote: text.slice(sp.start, sp.end),
        review_status: "accepted",
        origin: "added",
        version: 1,
      }));
      await items.insertTasks(parts);
      for (const [i, part] of parts.entries()) {
        const named = unitsBefore.filter((u) => part.quote.includes(u.nameAsWritten));
        const nowhere = unitsBefore.filter((u) => !parts.some((p) => p.quote.includes(u.nameAsWritten)));
        const mine = i === last ? [...named, ...nowhere] : named;
        await items.setTaskUnits(part.id, renumber(mine));
      }
      if (!(await items.updateTask(id, before.version, { review_status: "rejected" })))
        throw errors.staleEdit("task", id, before.version);
      const units = await items.unitsOfTasks(parts.map((p) => p.id));
      await audit.record({
        userId,
        action: "task.split",
        entity: "task",
        entityId: id,
        before: { ...before, units: unitsBefore },
        after: { replacedBy: parts.map((p) => ({ ...p, units: units.filter((u) => u.taskId === p.id) })) },
      });
      return { tasks: parts, units };
    });
  }

  /**
   * Merges adjacent tasks of one section into one whose span covers them all; lead and partner units are
   * united (a unit leading any part leads the whole), the latest deadline is kept. The originals stay, rejected.
   */
  async mergeTasks(planId: string, userId: string, refs: Array<{ id: string; version: number }>) {
    return this.transact(async (repos) => {
      const { plans, items, audit } = repos;
      const plan = await this.draft(plans, planId);
      const found: TaskRow[] = [];
      for (const ref of refs) {
        const t = await items.getTask(planId, ref.id);
        if (!t) throw errors.notFound("task", ref.id);
        if (t.version !== ref.version) throw errors.staleEdit("task", ref.id, t.version);
        if (t.review_status === "rejected") throw replacedItem("task", ref.id);
        found.push(t);
      }
      const tasks = [...new Map(found.map((t) => [t.id, t])).values()].sort(
        (a, b) => a.position - b.position,
      );
      const first = tasks[0] as TaskRow;
      const lastTask = tasks[tasks.length - 1] as TaskRow;
      if (tasks.length < 2 || tasks.some((t) => t.section_id !== first.section_id))
        throw errors.unprocessable(
          "MERGE_NOT_ONE_SECTION",
          "只能合并同一章节下的两个以上任务",
          "Only two or more tasks of one section can be merged",
          { ids: refs.map((r) => r.id) },
        );
      const between = await items.tasksBetween(planId, first.section_id, first.position, lastTask.position);
      const chosen = new Set(tasks.map((t) => t.id));
      const gap = between.find((t) => !chosen.has(t.id) && t.review_status !== "rejected");
      if (gap)
        throw errors.unprocessable(
          "MERGE_NOT_ADJACENT",
          "只能合并相邻的任务",
          "Only adjacent tasks can be merged",
          { between: gap.id },
        );
      const text = (await plans.getDocumentText(plan.document_id)) ?? "";
      const spanned = tasks.filter((t) => t.quote !== "");
      const start = spanned.length ? Math.min(...spanned.map((t) => t.start)) : 0;
      const end = spanned.length ? Math.max(...spanned.map((t) => t.end)) : 0;
      const latest = tasks.reduce<TaskRow | null>(
        (a, t) => (t.deadline_due && (!a?.deadline_due || t.deadline_due > a.deadline_due) ? t : a),
        null,
      );
      await items.shiftPositions("tasks", planId, lastTask.position, 1);
      const row: TaskRow = {
        id: randomUUID(),
        plan_id: planId,
        section_id: first.section_id,
        position: lastTask.position + 1,
        text: tasks.map((t) => t.text).join(""),
        deadline_json: latest?.deadline_json ?? null,
        deadline_due: latest?.deadline_due ?? null,
        start,
        end,
        quote: text.slice(start, end),
        review_status: "accepted",
        origin: "added",
        version: 1,
      };
      await items.insertTasks([row]);
      const unitsBefore = await items.unitsOfTasks(tasks.map((t) => t.id));
      const ordered = tasks.flatMap((t) => unitsBefore.filter((u) => u.taskId === t.id));
      const leads = dedupe(ordered.filter((u) => u.role === "lead"));
      const leadIds = new Set(leads.map((u) => u.unitId));
      const partners = dedupe(ordered.filter((u) => u.role === "partner" && !leadIds.has(u.unitId)));
      await items.setTaskUnits(row.id, renumber([...leads, ...partners]));
      for (const t of tasks)
        if (!(await items.updateTask(t.id, t.version, { review_status: "rejected" })))
          throw errors.staleEdit("task", t.id, t.version);
      const units = await items.unitsOfTasks([row.id]);
      await audit.record({
        userId,
        action: "task.merge",
        entity: "task",
        entityId: row.id,
        before: { merged: tasks.map((t) => ({ ...t, units: unitsBefore.filter((u) => u.taskId === t.id) })) },
        after: { ...row, units },
      });
      return { task: row, units };
    });
  }

  /**
   * Splits a target or actual at offsets in its quote (one sentence read as one figure that holds two).
   * Each part keeps the original's reading — metric, comparator, value, unit, deadline, indicator link —
   * and is left pending, for the reviewer to correct what differs; the original is kept, rejected.
   */
  async splitQuantity(
    planId: string,
    kind: QuantityKind,
    id: string,
    userId: string,
    input: { version: number; at: number[] },
  ) {
    return this.transact(async ({ plans, items, audit }) => {
      const plan = await this.draft(plans, planId);
      const before = await items.getQuantity(planId, kind, id);
      if (!before) throw errors.notFound(kind, id);
      if (before.version !== input.version) throw errors.staleEdit(kind, id, before.version);
      if (before.review_status === "rejected") throw replacedItem(kind, id);
      const text = (await plans.getDocumentText(plan.document_id)) ?? "";
      const spans = cutSpan(text, before, input.at);
      await items.shiftPositions("quantities", planId, before.position, spans.length);
      const parts: QuantityRow[] = spans.map((sp, i) => ({
        ...before,
        id: randomUUID(),
        position: before.position + 1 + i,
        start: sp.start,
        end: sp.end,
        quote: text.slice(sp.start, sp.end),
        review_status: "pending",
        origin: "added",
        version: 1,
      }));
      await items.insertQuantities(parts);
      if (!(await items.updateQuantity(id, before.version, { review_status: "rejected" })))
        throw errors.staleEdit(kind, id, before.version);
      await audit.record({
        userId,
        action: `${kind}.split`,
        entity: kind,
        entityId: id,
        before,
        after: { replacedBy: parts },
      });
      return parts;
    });
  }

  /**
   * Merges adjacent targets (or actuals) of one section into one whose span covers them all, keeping the
   * first one's reading (a figure the extractor cut in two): left pending for the reviewer to correct.
   */
  async mergeQuantities(
    planId: string,
    kind: QuantityKind,
    userId: string,
    refs: Array<{ id: string; version: number }>,
  ) {
    return this.transact(async ({ plans, items, audit }) => {
      const plan = await this.draft(plans, planId);
      const found: QuantityRow[] = [];
      for (const ref of refs) {
        const q = await items.getQuantity(planId, kind, ref.id);
        if (!q) throw errors.notFound(kind, ref.id);
        if (q.version !== ref.version) throw errors.staleEdit(kind, ref.id, q.version);
        if (q.review_status === "rejected") throw replacedItem(kind, ref.id);
        found.push(q);
      }
      const list = [...new Map(found.map((q) => [q.id, q])).values()].sort((a, b) => a.position - b.position);
      const first = list[0] as QuantityRow;
      const last = list[list.length - 1] as QuantityRow;
      if (list.length < 2 || list.some((q) => q.section_id !== first.section_id))
        throw errors.unprocessable(
          "MERGE_NOT_ONE_SECTION",
          "只能合并同一章节下的两个以上条目",
          "Only two or more items of one section can be merged",
          { ids: refs.map((r) => r.id) },
        );
      const chosen = new Set(list.map((q) => q.id));
      const between = await items.quantitiesBetween(
        planId,
        kind,
        first.section_id,
        first.position,
        last.position,
      );
      const gap = between.find((q) => !chosen.has(q.id) && q.review_status !== "rejected");
      if (gap)
        throw errors.unprocessable(
          "MERGE_NOT_ADJACENT",
          "只能合并相邻的条目",
          "Only adjacent items can be merged",
          {
            between: gap.id,
          },
        );
      const text = (await plans.getDocumentText(plan.document_id)) ?? "";
      const start = Math.min(...list.map((q) => q.start));
      const end = Math.max(...list.map((q) => q.end));
      await items.shiftPositions("quantities", planId, last.position, 1);
      const row: QuantityRow = {
        ...first,
        id: randomUUID(),
        position: last.position + 1,
        start,
        end,
        quote: text.slice(start, end),
        review_status: "pending",
        origin: "added",
        version: 1,
      };
      await items.insertQuantities([row]);
      for (const q of list)
        if (!(await items.updateQuantity(q.id, q.version, { review_status: "rejected" })))
          throw errors.staleEdit(kind, q.id, q.version);
      await audit.record({
        userId,
        action: `${kind}.merge`,
        entity: kind,
        entityId: row.id,
        before: { merged: list },
        after: row,
      });
      return row;
    });
  }

  /** Replaces the lead and/or partner units of a task; a role not given keeps its units. */
  private async assignUnits(
    repos: PlanRepos,
    taskId: string,
    current: TaskUnitRef[],
    edit: { leadUnitIds?: string[] | undefined; partnerUnitIds?: string[] | undefined },
  ) {
    const next: Array<Omit<TaskUnitRef, "taskId" | "unitName">> = [];
    for (const role of ["lead", "partner"] as const) {
      const ids = role === "lead" ? edit.leadUnitIds : edit.partnerUnitIds;
      if (ids === undefined) {
        next.push(
          ...current
            .filter((u) => u.role === role)
            .map((u) => ({ unitId: u.unitId, role, position: u.position, nameAsWritten: u.nameAsWritten })),
        );
        continue;
      }
      for (const [position, unitId] of [...new Set(ids)].entries()) {
        const unit = await repos.units.get(unitId);
        if (!unit) throw errors.notFound("unit", unitId);
        const kept = current.find((u) => u.unitId === unitId);
        next.push({ unitId, role, position, nameAsWritten: kept?.nameAsWritten ?? unit.name });
      }
    }
    await repos.items.setTaskUnits(taskId, next);
  }

  /**
   * Accepts or rejects many items at once, all or nothing: one stale version refuses the whole batch,
   * so a reviewer never half-applies decisions made on an outdated screen.
   */
  async review(planId: string, userId: string, decisions: ReviewDecision[]) {
    return this.transact(async ({ plans, items, audit }) => {
      await this.draft(plans, planId);
      for (const d of decisions) {
        const current =
          d.type === "section"
            ? await items.getSection(planId, d.id)
            : d.type === "task"
              ? await items.getTask(planId, d.id)
              : await items.getQuantity(planId, d.type, d.id);
        if (!current) throw errors.notFound(d.type, d.id);
        const patch = { review_status: d.reviewStatus };
        const ok =
          d.type === "section"
            ? await items.updateSection(d.id, d.version, patch)
            : d.type === "task"
              ? await items.updateTask(d.id, d.version, patch)
              : await items.updateQuantity(d.id, d.version, patch);
        if (!ok) throw errors.staleEdit(d.type, d.id, current.version);
      }
      await audit.record({
        userId,
        action: "plan.review",
        entity: "plan",
        entityId: planId,
        after: decisions,
      });
      return { updated: decisions.length };
    });
  }

  // Targets and actuals

  async listQuantities(planId: string, kind: QuantityKind, filter: ItemFilter, page: PageRequest) {
    await this.exists(planId);
    return this.read.items.listQuantities(planId, kind, filter, page);
  }

  async getQuantity(planId: string, kind: QuantityKind, id: string): Promise<QuantityRow> {
    const q = await this.read.items.getQuantity(planId, kind, id);
    if (!q) throw errors.notFound(kind, id);
    return q;
  }

  async editQuantity(planId: string, kind: QuantityKind, id: string, userId: string, edit: QuantityEdit) {
    return this.transact(async ({ plans, items, audit }) => {
      await this.draft(plans, planId);
      const before = await items.getQuantity(planId, kind, id);
      if (!before) throw errors.notFound(kind, id);
      const { version, reviewStatus, ...fields } = edit;
      const patch = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
      const ok = await items.updateQuantity(id, version, {
        ...patch,
        ...(reviewStatus ? { review_status: reviewStatus } : {}),
      });
      if (!ok) throw errors.staleEdit(kind, id, before.version);
      const after = (await items.getQuantity(planId, kind, id)) as QuantityRow;
      await audit.record({ userId, action: `${kind}.update`, entity: kind, entityId: id, before, after });
      return after;
    });
  }

  async addQuantity(
    planId: string,
    kind: QuantityKind,
    userId: string,
    input: SpanInput & {
      metric: string;
      comparator: string;
      value: number;
      unit: string;
      deadline: string | null;
      sectionId: string | null;
    },
  ) {
    return this.transact(async ({ plans, items, audit }) => {
      await this.draft(plans, planId);
      if (input.sectionId && !(await items.getSection(planId, input.sectionId)))
        throw errors.notFound("section", input.sectionId);
      const row: QuantityRow = {
        id: randomUUID(),
        plan_id: planId,
        section_id: input.sectionId,
        kind,
        position: await items.nextPosition("quantities", planId),
        metric: input.metric,
        comparator: input.comparator,
        value: input.value,
        unit: input.unit,
        deadline: input.deadline,
        baseline_json: null,
        indicator_id: null,
        link_status: null,
        link_json: null,
        ...(await this.span(plans, planId, input)),
        review_status: "accepted",
        origin: "added",
        version: 1,
      };
      await items.insertQuantities([row]);
      await audit.record({ userId, action: `${kind}.add`, entity: kind, entityId: row.id, after: row });
      return row;
    });
  }

  private async exists(planId: string): Promise<void> {
    if (!(await this.read.plans.get(planId))) throw errors.notFound("plan", planId);
  }

  /** The plan, which must exist and still be a draft: a published plan is no longer reviewed. */
  private async draft(plans: PlanRepository, planId: string): Promise<PlanRow> {
    const plan = await plans.get(planId);
    if (!plan) throw errors.notFound("plan", planId);
    if (plan.status !== "draft")
      throw errors.conflict(
        "PLAN_PUBLISHED",
        "计划已发布，不能再修改",
        "The plan is published and can no longer be edited",
        { planId },
      );
    return plan;
  }

  /** Offsets of an added item, checked against the plan's document; the quote is read from it. */
  private async span(plans: PlanRepository, planId: string, input: SpanInput) {
    if (input.start === undefined || input.end === undefined) return { start: 0, end: 0, quote: "" };
    const plan = (await plans.get(planId)) as PlanRow;
    const text = (await plans.getDocumentText(plan.document_id)) ?? "";
    if (input.end < input.start || input.end > text.length)
      throw errors.unprocessable(
        "SPAN_OUT_OF_DOCUMENT",
        "位置超出文档范围",
        "The offsets are outside the document",
        {
          start: input.start,
          end: input.end,
          length: text.length,
        },
      );
    return { start: input.start, end: input.end, quote: text.slice(input.start, input.end) };
  }
}

/** A split or merged item is kept, rejected: it can no longer be split or merged again. */
function replacedItem(entity: string, id: string) {
  return errors.unprocessable(
    "ITEM_REJECTED",
    "该条目已被驳回或替换",
    "The item is rejected or was replaced",
    {
      entity,
      id,
    },
  );
}

/** The span without the blanks at its edges, so a cut after a line break does not start a part with it. */
function trimSpan(text: string, start: number, end: number) {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(text[s] ?? "")) s++;
  while (e > s && /\s/.test(text[e - 1] ?? "")) e--;
  return { start: s, end: e };
}

/** One entry per unit and role, first mention first. */
function dedupe(units: TaskUnitRef[]): TaskUnitRef[] {
  const seen = new Set<string>();
  return units.filter(
    (u) => !seen.has(`${u.role}:${u.unitId}`) && Boolean(seen.add(`${u.role}:${u.unitId}`)),
  );
}

/** Positions 0.. within each role, in the given order. */
function renumber(units: TaskUnitRef[]) {
  const next = { lead: 0, partner: 0 };
  return units.map((u) => ({
    unitId: u.unitId,
    role: u.role,
    position: next[u.role]++,
    nameAsWritten: u.nameAsWritten,
  }));
}

/**
 * The parts of an item's span cut at offsets within its quote, each without blanks at its edges; a cut
 * outside the quote or a part left empty is refused.
 */
function cutSpan(text: string, item: { start: number; end: number; quote: string }, at: number[]) {
  const cuts = [...new Set(at)].sort((a, b) => a - b);
  const length = item.end - item.start;
  if (item.quote === "" || cuts.some((c) => c <= 0 || c >= length))
    throw errors.unprocessable(
      "SPLIT_OUTSIDE_QUOTE",
      "拆分位置须在原文引文之内",
      "Split offsets must fall inside the item's quote",
      { at, length },
    );
  const bounds = [0, ...cuts, length];
  const spans = bounds
    .slice(1)
    .map((end, i) => trimSpan(text, item.start + (bounds[i] ?? 0), item.start + end));
  if (spans.some((sp) => sp.end <= sp.start))
    throw errors.unprocessable("SPLIT_EMPTY_PART", "拆分后不能有空白部分", "A split part would be empty", {
      at,
    });
  return spans;
}
