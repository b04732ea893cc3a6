/**
 * The public page (公开): the targets a planner publishes of a plan, readable without signing in. Only
 * what is published leaves: each target's metric, target, latest approved value at the top of the org-unit
 * tree, status and a series for a chart — no quote of the document, no user, no org unit other than the
 * area's name, no note. An unpublished plan is not found (404), as if it did not exist.
 */
import type { Db } from "../db/database.js";
import { AssessmentRepository, periodsWithValues } from "../db/assessment.repository.js";
import { AuditRepository } from "../db/audit.repository.js";
import { OrgUnitRepository } from "../db/org-unit.repository.js";
import { PlanRepository } from "../db/plan.repository.js";
import { ATTAINMENT_LABELS } from "../domain/attainment/index.js";
import { formatTarget } from "../domain/bulletin/index.js";
import { shanghaiDateOf } from "../domain/calendar/index.js";
import { comparePeriods, parsePeriod, periodContaining, periodOf } from "../domain/periods/index.js";
import { livePlanItems, topOrgUnit } from "./assessment.service.js";
import { errors } from "./errors.js";
import { MonitoringService } from "./monitoring.service.js";

const COMPARATORS = new Set([">=", ">", "<=", "<", "=", "~", "increase_by", "decrease_by"]);
/** Points a public chart shows at most: the latest ones. */
const SERIES_MAX = 12;

export class PublicService {
  constructor(private readonly db: Db) {}

  /** What a planner has published of a plan (the editor's state). */
  async setting(planId: string) {
    if (!(await new PlanRepository(this.db).get(planId))) throw errors.notFound("plan", planId);
    const r = new AssessmentRepository(this.db);
    const row = await r.publicPlan(planId);
    return { planId, published: row?.published === 1, targetIds: await r.publicTargetIds(planId) };
  }

  async publish(planId: string, userId: string, input: { targetIds: string[]; published: boolean }) {
    const ids = [...new Set(input.targetIds)];
    await this.db.transaction().execute(async (trx) => {
      const plan = await new PlanRepository(trx).get(planId);
      if (!plan) throw errors.notFound("plan", planId);
      const { targets } = await livePlanItems(trx, planId);
      const known = new Set(targets.map((q) => q.id));
      const unknown = ids.filter((id) => !known.has(id));
      if (unknown.length > 0)
        throw errors.unprocessable(
          "UNKNOWN_TARGET",
          "所选指标不是本计划的目标",
          "A target is not one of this plan's",
          {
            targetIds: unknown,
          },
        );
      if (input.published && ids.length === 0)
        throw errors.unprocessable(
          "NOTHING_TO_PUBLISH",
          "请至少选择一项指标再公开",
          "Choose at least one target to publish",
          {},
        );
      const r = new AssessmentRepository(trx);
      const before = {
        published: (await r.publicPlan(planId))?.published === 1,
        targetIds: await r.publicTargetIds(planId),
      };
      await r.setPublic(planId, input.published, ids, userId);
      await new AuditRepository(trx).record({
        userId,
        action: "plan.public",
        entity: "plan",
        entityId: planId,
        before,
        after: { published: input.published, targetIds: ids },
      });
    });
    return this.setting(planId);
  }

  async plans() {
    const r = new AssessmentRepository(this.db);
    const plans = new PlanRepository(this.db);
    const out = [];
    for (const p of await r.publishedPlans()) {
      const plan = await plans.get(p.plan_id);
      if (!plan) continue;
      out.push({
        id: plan.id,
        title: plan.title ?? "",
        year: plan.year,
        issuer: plan.issuer,
        targetCount: (await r.publicTargetIds(plan.id)).length,
        updatedAt: p.updated_at,
      });
    }
    return out.sort((a, b) => (b.year ?? 0) - (a.year ?? 0) || a.title.localeCompare(b.title, "zh"));
  }

  async plan(planId: string) {
    const computedAt = new Date().toISOString();
    const r = new AssessmentRepository(this.db);
    const plan = await new PlanRepository(this.db).get(planId);
    if (!plan || (await r.publicPlan(planId))?.published !== 1) throw errors.notFound("plan", planId);
    const ids = await r.publicTargetIds(planId);
    const { targets } = await livePlanItems(this.db, planId);
    const byId = new Map(targets.map((q) => [q.id, q]));
    const top = topOrgUnit(await new OrgUnitRepository(this.db).all());
    const monitoring = new MonitoringService(this.db);
    const statusAt = new Map<string, Awaited<ReturnType<MonitoringService["targetStatus"]>>>();
    const items = [];
    for (const id of ids) {
      const q = byId.get(id);
      if (!q) continue;
      const series: Array<{ periodId: string; value: number }> = [];
      let status: keyof typeof ATTAINMENT_LABELS = "no_data";
      if (q.indicator_id && top) {
        const periods = (await periodsWithValues(this.db, q.indicator_id))
          .filter((p) => parsePeriod(p) !== null)
          .sort(comparePeriods);
        // the kind the latest value was reported at (quarters, years…) carries the chart
        const kind = periods.length > 0 ? periodOf(periods[periods.length - 1] as string).kind : null;
        for (const p of periods.filter((x) => periodOf(x).kind === kind)) {
          const f = await monitoring.rollup(q.indicator_id, top.id, p);
          if (f.value !== null) series.push({ periodId: p, value: f.value });
        }
        const asOf = series.at(-1)?.periodId ?? periodContaining(shanghaiDateOf(new Date()), "quarter").id;
        if (!statusAt.has(asOf)) statusAt.set(asOf, await monitoring.targetStatus(planId, top.id, asOf));
        status = statusAt.get(asOf)?.items.find((t) => t.targetId === id)?.status ?? "no_data";
      }
      const shown = series.slice(-SERIES_MAX);
      items.push({
        id: q.id,
        metric: q.metric,
        target: COMPARATORS.has(q.comparator)
          ? formatTarget({ comparator: q.comparator as ">=", value: q.value, unit: q.unit })
          : `${q.value}${q.unit}`,
        unit: q.unit,
        deadline: q.deadline,
        latest: shown.at(-1) ?? null,
        status,
        statusLabel: ATTAINMENT_LABELS[status],
        series: shown,
      });
    }
    return {
      id: plan.id,
      title: plan.title ?? "",
      year: plan.year,
      issuer: plan.issuer,
      area: top?.name ?? null,
      items,
      computedAt,
    };
  }
}
