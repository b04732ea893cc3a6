/**
 * Assessment schemes (考核方案) of a plan: weighted targets and tasks, bonus and deduction adjustments per
 * assessed org unit, and the scores — computed on read from approved values through the domain scoring,
 * with the reason for every point and a ranking where ties share a rank. Weights are relative and
 * normalised to 100 points per unit (see assessment.rules.ts). A published scheme is frozen: set it back
 * to draft to change it.
 */
import { randomUUID } from "node:crypto";
import type { Db } from "../db/database.js";
import {
  AssessmentRepository,
  doneReports,
  startedTaskIds,
  supervisedTasks,
  periodsWithValuesOf,
  type AdjustmentRow,
  type SchemeItemRow,
  type SchemeRow,
} from "../db/assessment.repository.js";
import { AuditRepository } from "../db/audit.repository.js";
import { OrgUnitRepository } from "../db/org-unit.repository.js";
import { PlanItemRepository } from "../db/plan-item.repository.js";
import { PlanRepository } from "../db/plan.repository.js";
import type { OrgUnitRow, PlanRow, QuantityRow, TaskRow } from "../db/schema.js";
import { shanghaiDateOf } from "../domain/calendar/index.js";
import { periodOf } from "../domain/periods/index.js";
import type { TaskStatus } from "../domain/supervision/index.js";
import {
  rankUnits,
  scoreUnit,
  type RankedScore,
  type TargetResult,
  type TaskResult,
  type UnitScore,
} from "../domain/scoring/index.js";
import {
  asOfCandidates,
  asOfDay,
  duplicateItems,
  schemeForUnit,
  schemeRulesSchema,
  taskAsOf,
  taskDeadline,
  type SchemeRules,
  type TaskFacts,
  type StoredItem,
} from "./assessment.rules.js";
import { errors } from "./errors.js";
import { MonitoringService } from "./monitoring.service.js";

export type SchemeStatus = "draft" | "published";

export interface SchemeInput {
  name: string;
  periodId: string;
  rules?: RulesPatch | undefined;
}

export interface ItemInput {
  kind: "target" | "task";
  itemId: string;
  weight: number;
  unitId?: string | null | undefined;
}

export interface AdjustmentInput {
  unitId: string;
  kind: "bonus" | "deduction";
  points: number;
  reason: string;
  evidence?: string | null | undefined;
}

const ALL = { page: 1, pageSize: 100_000 };
/** Org units whose targets' status is read at once when scoring. */
const STATUS_CONCURRENCY = 4;
const LABEL_MAX = 60;
const shortLabel = (s: string) => (s.length > LABEL_MAX ? `${s.slice(0, LABEL_MAX)}……` : s);

const repos = (db: Db) => ({
  assessments: new AssessmentRepository(db),
  plans: new PlanRepository(db),
  items: new PlanItemRepository(db),
  orgUnits: new OrgUnitRepository(db),
  audit: new AuditRepository(db),
});

/** The top of the org-unit tree: the plan's area (the first root by name when there are several). */
export function topOrgUnit(tree: readonly OrgUnitRow[]): OrgUnitRow | undefined {
  return tree
    .filter((n) => n.parent_id === null)
    .sort((a, b) => a.name.localeCompare(b.name, "zh"))
    .at(0);
}

/** The plan's live targets and tasks (rejected ones are no longer part of it). */
export async function livePlanItems(db: Db, planId: string) {
  const items = new PlanItemRepository(db);
  const targets = (await items.listQuantities(planId, "target", {}, ALL)).items.filter(
    (q) => q.review_status !== "rejected",
  );
  const tasks = (await items.listTasks(planId, {}, ALL)).items.filter((t) => t.review_status !== "rejected");
  return { targets, tasks };
}

/** What is known of each task (see TaskFacts): supervision first, progress reports else. */
export async function taskFacts(
  db: Db,
  plan: PlanRow,
  tasks: readonly TaskRow[],
  periodEndsOn: string,
): Promise<Map<string, TaskFacts>> {
  const [done, started, supervised] = await Promise.all([
    doneDays(db, plan.id),
    startedTaskIds(db, plan.id),
    supervisedTasks(db, plan.id),
  ]);
  const bySupervision = new Map(supervised.map((s) => [s.taskId, s]));
  const out = new Map<string, TaskFacts>();
  for (const t of tasks) {
    const s = bySupervision.get(t.id);
    out.set(
      t.id,
      s
        ? {
            deadline: s.deadline,
            doneOn: s.closedOn,
            percent: s.percent,
            supervisedStatus: s.status as TaskStatus,
            started: true,
          }
        : {
            deadline: taskDeadline(t.deadline_due, plan.year, periodEndsOn),
            doneOn: done.get(t.id) ?? null,
            percent: null,
            supervisedStatus: null,
            started: started.has(t.id),
          },
    );
  }
  return out;
}

/** The day each task was first reported done. */
export async function doneDays(db: Db, planId: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const r of await doneReports(db, planId))
    if (!out.has(r.taskId)) out.set(r.taskId, shanghaiDateOf(new Date(r.createdAt)));
  return out;
}

/** New rules over the old: a key given replaces the old one; a cap given as null is removed. */
export function mergeRules(old: SchemeRules, patch: RulesPatch): SchemeRules {
  const merged: Record<string, unknown> = { ...old };
  for (const [k, v] of Object.entries(patch))
    if (v === null) delete merged[k];
    else if (v !== undefined) merged[k] = v;
  return schemeRulesSchema.parse(merged);
}

/** What a caller may change of the rules (a cap set to null is removed). */
export type RulesPatch = {
  [K in keyof SchemeRules]?: SchemeRules[K] | null | undefined;
};

type TargetStatusItem = Awaited<ReturnType<MonitoringService["targetStatus"]>>["items"][number];

/**
 * The targets' status at an org unit as of the first of `candidates` (see asOfCandidates) that has data for
 * each target: a yearly assessment over quarterly figures reads the last quarter.
 */
export async function targetStatusAsOf(
  monitoring: MonitoringService,
  planId: string,
  orgUnitId: string,
  candidates: readonly string[],
): Promise<TargetStatusItem[]> {
  let items: TargetStatusItem[] = [];
  for (const [n, periodId] of candidates.entries()) {
    if (n > 0 && !items.some((i) => i.latest === null)) break;
    const read = (await monitoring.targetStatus(planId, orgUnitId, periodId)).items;
    if (n === 0) items = read;
    else {
      const better = new Map(read.filter((i) => i.latest !== null).map((i) => [i.targetId, i]));
      items = items.map((i) => (i.latest === null ? (better.get(i.targetId) ?? i) : i));
    }
  }
  return items;
}

/** Where to read a plan's targets as of a period, given the kinds of period its figures come in. */
export async function asOfPeriods(db: Db, targets: readonly QuantityRow[], periodId: string) {
  const indicators = [...new Set(targets.flatMap((q) => (q.indicator_id ? [q.indicator_id] : [])))];
  return asOfCandidates(periodId, await periodsWithValuesOf(db, indicators));
}

export function rulesOf(scheme: SchemeRow): SchemeRules {
  return schemeRulesSchema.parse(JSON.parse(scheme.rules_json));
}

export class AssessmentService {
  constructor(private readonly db: Db) {}

  private async plan(planId: string): Promise<PlanRow> {
    const plan = await new PlanRepository(this.db).get(planId);
    if (!plan) throw errors.notFound("plan", planId);
    return plan;
  }

  async scheme(id: string): Promise<SchemeRow> {
    const s = await new AssessmentRepository(this.db).getScheme(id);
    if (!s) throw errors.notFound("assessment", id);
    return s;
  }

  async list(planId: string): Promise<SchemeRow[]> {
    await this.plan(planId);
    return new AssessmentRepository(this.db).schemesOfPlan(planId);
  }

  /** A scheme with its items (named by the plan's metric or task text) and adjustments. */
  async detail(id: string) {
    const scheme = await this.scheme(id);
    const r = new AssessmentRepository(this.db);
    const [items, adjustments, labels] = await Promise.all([
      r.items(id),
      r.adjustments(id),
      this.labels(scheme.plan_id),
    ]);
    return {
      scheme,
      rules: rulesOf(scheme),
      items: items.map((i) => ({ ...i, label: labels.get(i.item_id) ?? "" })),
      adjustments,
    };
  }

  private async labels(planId: string): Promise<Map<string, string>> {
    const { targets, tasks } = await livePlanItems(this.db, planId);
    return new Map([
      ...targets.map((q) => [q.id, shortLabel(q.metric)] as const),
      ...tasks.map((t) => [t.id, shortLabel(t.text)] as const),
    ]);
  }

  async create(planId: string, userId: string, input: SchemeInput): Promise<SchemeRow> {
    periodOf(input.periodId);
    return this.db.transaction().execute(async (trx) => {
      const r = repos(trx as Db);
      if (!(await r.plans.get(planId))) throw errors.notFound("plan", planId);
      const now = new Date().toISOString();
      const row: SchemeRow = {
        id: randomUUID(),
        plan_id: planId,
        name: input.name,
        period_id: input.periodId,
        rules_json: JSON.stringify(mergeRules(schemeRulesSchema.parse({}), input.rules ?? {})),
        status: "draft",
        version: 1,
        created_by: userId,
        created_at: now,
        updated_at: now,
      };
      await r.assessments.insertScheme(row);
      await r.audit.record({
        userId,
        action: "assessment.create",
        entity: "assessment",
        entityId: row.id,
        after: row,
      });
      return row;
    });
  }

  async update(
    id: string,
    userId: string,
    input: {
      version: number;
      name?: string | undefined;
      periodId?: string | undefined;
      rules?: RulesPatch | undefined;
      status?: SchemeStatus | undefined;
    },
  ): Promise<SchemeRow> {
    if (input.periodId) periodOf(input.periodId);
    return this.db.transaction().execute(async (trx) => {
      const r = repos(trx as Db);
      const before = await r.assessments.getScheme(id);
      if (!before) throw errors.notFound("assessment", id);
      if (
        before.status === "published" &&
        input.status !== "draft" &&
        (input.name || input.periodId || input.rules)
      )
        throw published(id);
      if (input.status === "published") {
        const items = await r.assessments.items(id);
        if (!items.some((i) => i.weight > 0))
          throw errors.unprocessable(
            "SCHEME_EMPTY",
            "考核方案没有权重大于0的考核项，不能发布",
            "A scheme needs an item with a weight above 0 to be published",
            { schemeId: id },
          );
      }
      const patch = {
        ...(input.name === undefined ? {} : { name: input.name }),
        ...(input.periodId === undefined ? {} : { period_id: input.periodId }),
        ...(input.rules === undefined
          ? {}
          : { rules_json: JSON.stringify(mergeRules(rulesOf(before), input.rules)) }),
        ...(input.status === undefined ? {} : { status: input.status }),
      };
      if (!(await r.assessments.updateScheme(id, input.version, patch)))
        throw errors.staleEdit("assessment", id, before.version);
      const after = (await r.assessments.getScheme(id)) as SchemeRow;
      await r.audit.record({
        userId,
        action: "assessment.update",
        entity: "assessment",
        entityId: id,
        before,
        after,
      });
      return after;
    });
  }

  async remove(id: string, userId: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const r = repos(trx as Db);
      const before = await r.assessments.getScheme(id);
      if (!before) throw errors.notFound("assessment", id);
      await r.assessments.deleteScheme(id);
      await r.audit.record({
        userId,
        action: "assessment.delete",
        entity: "assessment",
        entityId: id,
        before,
      });
    });
  }

  /** Replaces the scheme's items; every item must be a live target or task of the plan (else 422). */
  async setItems(
    id: string,
    userId: string,
    version: number,
    input: readonly ItemInput[],
  ): Promise<SchemeItemRow[]> {
    return this.db.transaction().execute(async (trx) => {
      const r = repos(trx as Db);
      const scheme = await r.assessments.getScheme(id);
      if (!scheme) throw errors.notFound("assessment", id);
      if (scheme.status === "published") throw published(id);
      const { targets, tasks } = await livePlanItems(trx as Db, scheme.plan_id);
      const known = { target: new Set(targets.map((q) => q.id)), task: new Set(tasks.map((t) => t.id)) };
      const orgUnits = new Set((await r.orgUnits.all()).map((o) => o.id));
      const unknown = input
        .map((i, n) => ({ i, n }))
        .filter(({ i }) => !known[i.kind].has(i.itemId) || (i.unitId && !orgUnits.has(i.unitId)));
      if (unknown.length > 0)
        throw errors.unprocessable(
          "UNKNOWN_ITEM",
          "考核项不是本计划的指标或任务，或单位不存在",
          "An item is not a target or task of this plan, or its org unit does not exist",
          {
            items: unknown.map(({ i, n }) => ({
              index: n,
              kind: i.kind,
              itemId: i.itemId,
              unitId: i.unitId ?? null,
            })),
          },
        );
      const dup = duplicateItems(
        input.map((i) => ({ kind: i.kind, itemId: i.itemId, unitId: i.unitId ?? null })),
      );
      if (dup.length > 0)
        throw errors.unprocessable(
          "DUPLICATE_ITEM",
          "同一考核项对同一单位重复列出",
          "An item is listed twice for one org unit",
          {
            itemIds: dup,
          },
        );
      if (input.length > 0 && input.reduce((s, i) => s + i.weight, 0) <= 0)
        throw errors.unprocessable(
          "WEIGHTS_ZERO",
          "考核项权重之和必须大于0",
          "The weights must sum to more than 0",
          {},
        );
      const rows: SchemeItemRow[] = input.map((i, position) => ({
        id: randomUUID(),
        scheme_id: id,
        kind: i.kind,
        item_id: i.itemId,
        weight: i.weight,
        unit_id: i.unitId ?? null,
        position,
      }));
      const before = await r.assessments.items(id);
      if (!(await r.assessments.updateScheme(id, version, {})))
        throw errors.staleEdit("assessment", id, scheme.version);
      await r.assessments.replaceItems(id, rows);
      await r.audit.record({
        userId,
        action: "assessment.items",
        entity: "assessment",
        entityId: id,
        before: before.map(itemAudit),
        after: rows.map(itemAudit),
      });
      return rows;
    });
  }

  /**
   * Items from the plan: each linked target and each task. Equal weights (100 / n each) by default; with
   * `targetShare` (0–100) the targets share that many points equally and the tasks the rest, so a plan with
   * many tasks and few indicators can still weigh its indicators as the commission decides.
   */
  async seedFromPlan(id: string, userId: string, version: number, targetShare?: number) {
    const scheme = await this.scheme(id);
    const { targets, tasks } = await livePlanItems(this.db, scheme.plan_id);
    const linked = targets.filter((q) => q.indicator_id !== null);
    const n = linked.length + tasks.length;
    if (n === 0)
      throw errors.unprocessable(
        "PLAN_HAS_NO_ITEMS",
        "计划没有已关联指标的目标或任务，无法生成考核项",
        "The plan has no linked target and no task to assess",
        { planId: scheme.plan_id },
      );
    const round = (x: number) => Math.round(x * 10_000) / 10_000;
    const each = (share: number, count: number) => (count === 0 ? 0 : round(share / count));
    const split =
      targetShare === undefined || linked.length === 0 || tasks.length === 0
        ? { target: each(100, n), task: each(100, n) }
        : { target: each(targetShare, linked.length), task: each(100 - targetShare, tasks.length) };
    const items: ItemInput[] = [
      ...linked.map((q) => ({ kind: "target" as const, itemId: q.id, weight: split.target })),
      ...tasks.map((t) => ({ kind: "task" as const, itemId: t.id, weight: split.task })),
    ];
    const rows = await this.setItems(id, userId, version, items);
    return { items: rows, skippedUnlinkedTargets: targets.length - linked.length };
  }

  async addAdjustment(id: string, userId: string, input: AdjustmentInput): Promise<AdjustmentRow> {
    return this.db.transaction().execute(async (trx) => {
      const r = repos(trx as Db);
      const scheme = await r.assessments.getScheme(id);
      if (!scheme) throw errors.notFound("assessment", id);
      if (scheme.status === "published") throw published(id);
      if (!(await r.orgUnits.get(input.unitId))) throw errors.notFound("org unit", input.unitId);
      const row: AdjustmentRow = {
        id: randomUUID(),
        scheme_id: id,
        unit_id: input.unitId,
        kind: input.kind,
        points: input.points,
        reason: input.reason,
        evidence: input.evidence ?? null,
        created_by: userId,
        created_at: new Date().toISOString(),
      };
      await r.assessments.insertAdjustment(row);
      await r.audit.record({
        userId,
        action: "assessment.adjustment.add",
        entity: "assessment",
        entityId: id,
        after: row,
      });
      return row;
    });
  }

  async removeAdjustment(id: string, adjustmentId: string, userId: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const r = repos(trx as Db);
      const scheme = await r.assessments.getScheme(id);
      if (!scheme) throw errors.notFound("assessment", id);
      if (scheme.status === "published") throw published(id);
      const before = await r.assessments.getAdjustment(id, adjustmentId);
      if (!before) throw errors.notFound("adjustment", adjustmentId);
      await r.assessments.deleteAdjustment(adjustmentId);
      await r.audit.record({
        userId,
        action: "assessment.adjustment.delete",
        entity: "assessment",
        entityId: id,
        before,
      });
    });
  }

  /**
   * Scores of the org units directly under `orgUnitId` (the org unit itself when it has none; the top of
   * the tree when not given), as of the scheme's period or `periodId`, ranked.
   */
  async scores(id: string, orgUnitId?: string, periodId?: string) {
    const computedAt = new Date().toISOString();
    const scheme = await this.scheme(id);
    const period = periodOf(periodId ?? scheme.period_id);
    const plan = await this.plan(scheme.plan_id);
    const tree = await new OrgUnitRepository(this.db).all();
    const parent = orgUnitId ? tree.find((o) => o.id === orgUnitId) : topOrgUnit(tree);
    if (!parent) {
      if (orgUnitId) throw errors.notFound("org unit", orgUnitId);
      throw errors.unprocessable(
        "NO_ORG_UNITS",
        "尚未建立组织机构，无法计算得分",
        "There is no org unit to score",
        {},
      );
    }
    const children = tree.filter((o) => o.parent_id === parent.id);
    const assessed = children.length > 0 ? children : [parent];
    const r = new AssessmentRepository(this.db);
    const [stored, adjustments, labels, live] = await Promise.all([
      r.items(id),
      r.adjustments(id),
      this.labels(plan.id),
      livePlanItems(this.db, plan.id),
    ]);
    const items: StoredItem[] = stored
      .filter((i) => labels.has(i.item_id)) // an item rejected since it was listed is dropped
      .map((i) => ({
        kind: i.kind as StoredItem["kind"],
        itemId: i.item_id,
        weight: i.weight,
        unitId: i.unit_id,
        label: labels.get(i.item_id) ?? "",
      }));
    if (stored.length > 0 && !items.some((i) => i.weight > 0))
      throw errors.unprocessable(
        "WEIGHTS_ZERO",
        "考核项权重之和必须大于0",
        "The weights must sum to more than 0",
        {},
      );
    const rules = rulesOf(scheme);
    const tasks = await this.taskResults(plan, live.tasks, period.endsOn);
    const baselines = new Map(live.targets.map((q) => [q.id, baselineOf(q)]));
    const monitoring = new MonitoringService(this.db);
    const scored: Array<UnitScore & { name: string }> = [];
    // the targets' status of every assessed unit, a few at a time (PostgreSQL runs them side by side);
    // a unit scored on no target needs none
    const statuses = new Map<string, TargetStatusItem[]>();
    const candidates = await asOfPeriods(this.db, live.targets, period.id);
    const needing = assessed.filter((u) =>
      schemeForUnit(items, rules, u.id)?.items.some((i) => i.kind === "target"),
    );
    for (let i = 0; i < needing.length; i += STATUS_CONCURRENCY)
      await Promise.all(
        needing.slice(i, i + STATUS_CONCURRENCY).map(async (u) => {
          statuses.set(u.id, await targetStatusAsOf(monitoring, plan.id, u.id, candidates));
        }),
      );
    for (const unit of assessed) {
      const domainScheme = schemeForUnit(items, rules, unit.id);
      const status = { items: statuses.get(unit.id) ?? [] };
      const targets: Record<string, TargetResult> = {};
      for (const t of status.items)
        targets[t.targetId] = {
          status: t.status,
          latest: t.latest?.value ?? null,
          baseline: baselines.get(t.targetId) ?? null,
          threshold: t.threshold,
        };
      const adj = adjustments
        .filter((a) => a.unit_id === unit.id)
        .map((a) => ({
          label: a.kind === "bonus" ? "加分" : "扣分",
          points: a.kind === "bonus" ? a.points : -a.points,
          reason: a.reason,
        }));
      const score: UnitScore = domainScheme
        ? scoreUnit(domainScheme, { unitId: unit.id, targets, tasks, adjustments: adj })
        : scoreUnit({ items: [] }, { unitId: unit.id, targets, tasks, adjustments: adj });
      scored.push({ ...score, name: unit.name });
    }
    const names = new Map(scored.map((s) => [s.unitId, s.name]));
    const ranked: RankedScore[] = rankUnits(scored);
    return {
      schemeId: id,
      planId: plan.id,
      periodId: period.id,
      orgUnitId: parent.id,
      units: ranked.map((s) => ({ ...s, name: names.get(s.unitId) ?? "" })),
      computedAt,
    };
  }

  /** Every task's result as of the period (see assessment.rules.ts). */
  private async taskResults(plan: PlanRow, tasks: readonly TaskRow[], periodEndsOn: string) {
    const asOf = asOfDay(periodEndsOn, shanghaiDateOf(new Date()));
    const facts = await taskFacts(this.db, plan, tasks, periodEndsOn);
    const out: Record<string, TaskResult> = {};
    for (const [id, f] of facts) out[id] = taskAsOf(f, asOf).result;
    return out;
  }
}

function baselineOf(q: QuantityRow): number | null {
  if (!q.baseline_json) return null;
  const b = JSON.parse(q.baseline_json) as { value?: unknown };
  return typeof b.value === "number" ? b.value : null;
}

const itemAudit = (i: SchemeItemRow) => ({
  kind: i.kind,
  itemId: i.item_id,
  weight: i.weight,
  unitId: i.unit_id,
});

function published(id: string) {
  return errors.conflict(
    "SCHEME_PUBLISHED",
    "考核方案已发布，请先撤回为草稿再修改",
    "The scheme is published: set it back to draft to change it",
    { schemeId: id },
  );
}
