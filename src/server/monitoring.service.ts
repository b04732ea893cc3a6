/**
 * Monitoring over the stored data, computed on read (no batch, so a figure is as fresh as the request that
 * asks for it and says when it was computed): indicator links of targets and actuals, org-unit values with
 * per-value checks, roll-up over the org-unit tree, attainment of a plan's targets, and completeness of
 * reporting. A value counts in figures once its submission is approved.
 */
import { randomUUID } from "node:crypto";
import type { Db } from "../db/database.js";
import { AnalyticsRepository } from "../db/analytics.repository.js";
import { AuditRepository } from "../db/audit.repository.js";
import { IndicatorRepository, type IndicatorWithAliases } from "../db/indicator.repository.js";
import { MonitoringRepository } from "../db/monitoring.repository.js";
import { OrgUnitRepository } from "../db/org-unit.repository.js";
import type { PageRequest } from "../db/page.js";
import { PlanItemRepository } from "../db/plan-item.repository.js";
import { PlanRepository } from "../db/plan.repository.js";
import { ProgressRepository } from "../db/progress.repository.js";
import type { ObservationRow, OrgUnitRow, QuantityKind, QuantityRow } from "../db/schema.js";
import { SubmissionRepository } from "../db/submission.repository.js";
import { UserRepository } from "../db/user.repository.js";
import { assessAttainment, attainmentTargetSchema, type Attainment } from "../domain/attainment/index.js";
import { shanghaiDateOf } from "../domain/calendar/index.js";
import { checkObservation, scaleOf, type ObservationIssue } from "../domain/indicators/index.js";
import {
  formatPeriodId,
  parsePeriod,
  periodIdSchema,
  periodOf,
  periodRange,
  previousPeriod,
  reportingDeadline,
  type DeadlineRule,
} from "../domain/periods/index.js";
import {
  aggregateOfValue,
  emptyAggregate,
  figureOf,
  notAggregableReason,
  reportingSummary,
  subtreeReportingRates,
  type Aggregate,
} from "../domain/rollup/index.js";
import type { Principal } from "./auth.service.js";
import { errors } from "./errors.js";
import { hasRole } from "./http.js";
import { typeOf } from "./indicator-link.js";
import { checkUnit, editableStatuses } from "./submission.service.js";

/** The reporting deadline used for completeness until indicators carry their own rule: 10 working days. */
export const DEFAULT_DEADLINE_RULE = { kind: "workdays_after_end", days: 10 } as const satisfies DeadlineRule;
const noReports = { expected: 0, received: 0, onTime: 0, completeness: null, timeliness: null };
/** Years of history before the asked period that a target's series draws on. */
const HISTORY_YEARS = 2;

const ISSUE_EN: Record<ObservationIssue["code"], string> = {
  not_finite: "not a valid number",
  negative: "cannot be negative",
  not_integer: "a count must be a whole number",
  above_ratio_limit: "a percentage (or per-mille) cannot exceed its limit",
  numerator_above_denominator: "the numerator cannot exceed the denominator",
  zero_denominator: "the denominator is 0 while the numerator is not",
  value_mismatch: "the value does not match numerator / denominator",
  missing_parts: "give both numerator and denominator",
  out_of_range: "outside the allowed range",
  sudden_jump: "a sudden change against the previous period: please check",
};

export interface ObservationInput {
  indicatorId: string;
  periodId: string;
  submissionId: string;
  value?: number | null | undefined;
  numerator?: number | null | undefined;
  denominator?: number | null | undefined;
}

const repos = (db: Db) => ({
  monitoring: new MonitoringRepository(db),
  indicators: new IndicatorRepository(db),
  orgUnits: new OrgUnitRepository(db),
  items: new PlanItemRepository(db),
  plans: new PlanRepository(db),
  submissions: new SubmissionRepository(db),
  periods: new ProgressRepository(db),
  users: new UserRepository(db),
  audit: new AuditRepository(db),
});

export const issueOf = (i: ObservationIssue) => ({
  field: i.field,
  severity: i.severity,
  code: i.code,
  message: i.message,
  messageEn: ISSUE_EN[i.code],
});

export class MonitoringService {
  constructor(private readonly db: Db) {}

  private async indicator(id: string): Promise<IndicatorWithAliases> {
    const i = await new IndicatorRepository(this.db).get(id);
    if (!i) throw errors.notFound("indicator", id);
    return i;
  }

  private async orgUnitTree(id: string | undefined): Promise<OrgUnitRow[]> {
    const tree = await new OrgUnitRepository(this.db).all();
    if (id !== undefined && !tree.some((n) => n.id === id)) throw errors.notFound("org unit", id);
    return tree;
  }

  async linkedQuantities(
    indicatorId: string,
    kind: QuantityKind,
    year: number | undefined,
    page: PageRequest,
  ) {
    await this.indicator(indicatorId);
    return new MonitoringRepository(this.db).linkedQuantities(indicatorId, kind, year, page);
  }

  /** Confirms, corrects (another indicator) or clears (null) a target's or actual's indicator link. */
  async setLink(
    planId: string,
    kind: QuantityKind,
    id: string,
    userId: string,
    input: { version: number; indicatorId: string | null },
  ): Promise<QuantityRow> {
    return this.db.transaction().execute(async (trx) => {
      const r = repos(trx as Db);
      const before = await r.items.getQuantity(planId, kind, id);
      if (!before) throw errors.notFound(kind, id);
      if (input.indicatorId && !(await r.indicators.get(input.indicatorId)))
        throw errors.notFound("indicator", input.indicatorId);
      const link = {
        indicator_id: input.indicatorId,
        link_status: input.indicatorId ? "confirmed" : "unlinked",
      };
      if (!(await r.monitoring.setLink(id, input.version, link)))
        throw errors.staleEdit(kind, id, before.version);
      const after = (await r.items.getQuantity(planId, kind, id)) as QuantityRow;
      await r.audit.record({
        userId,
        action: `${kind}.link`,
        entity: kind,
        entityId: id,
        before: { indicatorId: before.indicator_id, linkStatus: before.link_status },
        after: { indicatorId: after.indicator_id, linkStatus: after.link_status },
      });
      return after;
    });
  }

  async orgUnitsOf(userId: string): Promise<string[]> {
    if (!(await new UserRepository(this.db).get(userId))) throw errors.notFound("user", userId);
    return new MonitoringRepository(this.db).orgUnitsOf(userId);
  }

  /** Binds a reporter to the org units it reports for (a unit covers its whole subtree). */
  async bindOrgUnits(adminId: string, userId: string, orgUnitIds: string[]): Promise<string[]> {
    return this.db.transaction().execute(async (trx) => {
      const r = repos(trx as Db);
      if (!(await r.users.get(userId))) throw errors.notFound("user", userId);
      for (const o of orgUnitIds) if (!(await r.orgUnits.get(o))) throw errors.notFound("org unit", o);
      const before = await r.monitoring.orgUnitsOf(userId);
      const ids = [...new Set(orgUnitIds)];
      await r.monitoring.setOrgUnits(userId, ids);
      await r.audit.record({
        userId: adminId,
        action: "user.org-units",
        entity: "user",
        entityId: userId,
        before: { orgUnitIds: before },
        after: { orgUnitIds: ids },
      });
      return ids;
    });
  }

  /**
   * Records an org unit's value into an open submission, after the domain's checks: errors refuse it
   * (422, one message per field in Chinese and English); warnings (a sudden jump) come back with it.
   */
  async report(user: Principal, orgUnitId: string, input: ObservationInput) {
    const period = parsePeriod(input.periodId);
    if (!period) throw errors.validation([{ path: "body.periodId", message: "not a period id" }]);
    if (![input.value, input.numerator, input.denominator].some((x) => typeof x === "number"))
      throw errors.validation([
        { path: "body.value", message: "give a value, or numerator and denominator" },
      ]);
    return this.db.transaction().execute(async (trx) => {
      const r = repos(trx as Db);
      const orgUnit = await r.orgUnits.get(orgUnitId);
      if (!orgUnit) throw errors.notFound("org unit", orgUnitId);
      if (!hasRole(user, ["planner"])) {
        // a bound org unit covers its subtree: walk up from the org unit (≤ 6 reads, not the whole tree)
        const bound = new Set(await r.monitoring.orgUnitsOf(user.id));
        let covered = false;
        const seen = new Set<string>();
        for (let at: OrgUnitRow | undefined = orgUnit; at && !seen.has(at.id);) {
          seen.add(at.id);
          if (bound.has(at.id)) {
            covered = true;
            break;
          }
          at = at.parent_id ? await r.orgUnits.get(at.parent_id) : undefined;
        }
        if (!covered) throw errors.forbidden({ reason: "org unit not bound to this reporter", orgUnitId });
      }
      const indicator = await r.indicators.get(input.indicatorId);
      if (!indicator) throw errors.notFound("indicator", input.indicatorId);
      const submission = await r.submissions.get(input.submissionId);
      if (!submission) throw errors.notFound("submission", input.submissionId);
      checkUnit(user, submission.unit_id);
      if (submission.period_id !== period.id)
        throw errors.unprocessable(
          "SUBMISSION_MISMATCH",
          "填报的报告期不一致",
          "The submission is for another period",
          { submissionId: submission.id },
        );
      if (!(editableStatuses as readonly string[]).includes(submission.status))
        throw errors.conflict(
          "SUBMISSION_STATE",
          "填报已提交或已审核，不能再添加数值",
          `A ${submission.status} submission takes no more values`,
          { status: submission.status },
        );
      const prev = previousPeriod(period.id).id;
      // the org unit's own latest approved value of the previous period (not the whole province's)
      const previous = (
        await new AnalyticsRepository(trx as Db).ownValues(indicator.id, [orgUnitId], [prev])
      ).get(`${orgUnitId}|${prev}`);
      const type = typeOf(indicator);
      const issues = checkObservation(
        { type, numerator: indicator.numerator, denominator: indicator.denominator },
        input,
        {
          previous: previous?.value ?? null,
        },
      );
      const failed = issues.filter((i) => i.severity === "error");
      if (failed.length > 0)
        throw errors.unprocessable("OBSERVATION_INVALID", "数值未通过校验", "The value failed its checks", {
          issues: failed.map(issueOf),
        });
      const value =
        typeof input.value === "number"
          ? input.value
          : typeof input.numerator === "number" &&
              typeof input.denominator === "number" &&
              input.denominator > 0
            ? (input.numerator / input.denominator) * (scaleOf(type) ?? 1)
            : null;
      if (value === null)
        throw errors.unprocessable("OBSERVATION_INVALID", "数值未通过校验", "The value failed its checks", {
          issues: [
            {
              field: "value",
              severity: "error",
              code: "missing_parts",
              message: "请填写数值，或同时填写分子和分母",
              messageEn: "give a value, or both numerator and denominator",
            },
          ],
        });
      await r.periods.ensurePeriod(period.id, period.kind, period.startsOn, period.endsOn);
      const row: ObservationRow = {
        id: randomUUID(),
        indicator_id: indicator.id,
        unit_id: submission.unit_id,
        org_unit_id: orgUnitId,
        period_id: period.id,
        value,
        numerator: input.numerator ?? null,
        denominator: input.denominator ?? null,
        submission_id: submission.id,
        created_by: user.id,
        created_at: new Date().toISOString(),
        status: "pending",
        return_reason: null,
        definition: null,
        approved_json: null,
        updated_at: null,
        updated_by: null,
      };
      // one cell per indicator × org unit in a submission: a second report corrects the first
      const existing = (await r.submissions.observationsOf(submission.id)).find(
        (o) => o.indicator_id === indicator.id && o.org_unit_id === orgUnitId,
      );
      if (existing) {
        const patch = { value: row.value, numerator: row.numerator, denominator: row.denominator };
        await r.submissions.updateObservation(existing.id, {
          ...patch,
          status: "pending",
          updated_at: row.created_at,
          updated_by: user.id,
        });
        await r.audit.record({
          userId: user.id,
          action: "observation.update",
          entity: "observation",
          entityId: existing.id,
          before: { value: existing.value, numerator: existing.numerator, denominator: existing.denominator },
          after: patch,
        });
        return {
          row: { ...existing, ...patch, status: "pending" as const },
          warnings: issues.filter((i) => i.severity === "warning").map(issueOf),
        };
      }
      await r.indicators.insertObservation(row);
      await r.audit.record({
        userId: user.id,
        action: "observation.report",
        entity: "observation",
        entityId: row.id,
        after: row,
      });
      return { row, warnings: issues.filter((i) => i.severity === "warning").map(issueOf) };
    });
  }

  /** An org unit and its children; 404 when the org unit does not exist. */
  private async nodeAndChildren(orgUnitId: string): Promise<{ node: OrgUnitRow; children: OrgUnitRow[] }> {
    const node = await new OrgUnitRepository(this.db).get(orgUnitId);
    if (!node) throw errors.notFound("org unit", orgUnitId);
    const children = await this.db
      .selectFrom("org_units")
      .selectAll()
      .where("parent_id", "=", orgUnitId)
      .orderBy("name")
      .execute();
    return { node, children };
  }

  /**
   * One indicator for one period at an org unit, rolled up from its subtree, with its children's figures.
   * Figures come from the pre-aggregated roll-ups (`refreshedAt` says when each row was last refreshed; null
   * when the figure is an org unit's own value, read now). `contributors` and `notAggregable` name the org
   * units one level down (the org unit itself for its own value, else its children) whose subtree
   * contributed or holds values that could not be aggregated; the counts cover the whole subtree.
   */
  async rollup(indicatorId: string, orgUnitId: string, periodId: string) {
    const computedAt = new Date().toISOString();
    const indicator = await this.indicator(indicatorId);
    const type = typeOf(indicator);
    const { node, children } = await this.nodeAndChildren(orgUnitId);
    const grandchildren =
      children.length === 0
        ? []
        : await this.db
            .selectFrom("org_units")
            .select(["id", "parent_id"])
            .where(
              "parent_id",
              "in",
              children.map((c) => c.id),
            )
            .execute();
    const analytics = new AnalyticsRepository(this.db);
    const members = [node, ...children];
    const aggregates = await analytics.aggregates(
      indicatorId,
      [...members.map((n) => n.id), ...grandchildren.map((g) => g.id)],
      [periodId],
    );
    const own = await analytics.ownValues(
      indicatorId,
      members.map((n) => n.id),
      [periodId],
    );
    const below = new Map<string, string[]>([[node.id, children.map((c) => c.id)]]);
    for (const g of grandchildren)
      below.set(g.parent_id ?? "", [...(below.get(g.parent_id ?? "") ?? []), g.id]);
    const aggregateOf = (id: string) => aggregates.get(`${id}|${periodId}`) ?? emptyAggregate;
    const present = (n: OrgUnitRow) => {
      const subtreeAggregate = aggregates.get(`${n.id}|${periodId}`);
      const f = figureOf(type, subtreeAggregate ?? emptyAggregate);
      const mine = own.get(`${n.id}|${periodId}`);
      const parts: Array<[string, Aggregate]> = [
        ...(mine ? [[n.id, aggregateOfValue(mine)] as [string, Aggregate]] : []),
        ...(below.get(n.id) ?? []).map((id) => [id, aggregateOf(id)] as [string, Aggregate]),
      ];
      const figure = {
        orgUnitId: n.id,
        name: n.name,
        value: f.value,
        numerator: f.numerator,
        denominator: f.denominator,
        contributors: parts.filter(([, a]) => figureOf(type, a).contributorCount > 0).map(([id]) => id),
        contributorCount: f.contributorCount,
        notAggregable: parts.flatMap(([id, a]) => {
          const reason = notAggregableReason(type, a);
          return reason ? [{ orgUnitId: id, reason }] : [];
        }),
        notAggregableCount: f.notAggregableCount,
        note: f.note,
        refreshedAt: subtreeAggregate?.refreshedAt ?? null,
      };
      // a plain number does not roll up, but the value an org unit reported for itself is its figure
      return type === "number" && mine
        ? { ...figure, value: mine.value, contributors: [n.id], contributorCount: 1, note: null }
        : figure;
    };
    return {
      indicatorId,
      type,
      unit: indicator.unit,
      periodId,
      ...present(node),
      children: children.map(present),
      computedAt,
    };
  }

  /** Attainment of each linked target of a plan at an org unit, as of a period. */
  async targetStatus(planId: string, orgUnitId: string, periodId: string) {
    const computedAt = new Date().toISOString();
    const plan = await new PlanRepository(this.db).get(planId);
    if (!plan) throw errors.notFound("plan", planId);
    if (!(await new OrgUnitRepository(this.db).get(orgUnitId))) throw errors.notFound("org unit", orgUnitId);
    const asOf = periodOf(periodId);
    const firstYear = Number(asOf.startsOn.slice(0, 4)) - HISTORY_YEARS;
    const periods = periodRange(formatPeriodId({ year: firstYear, kind: asOf.kind, index: 1 }), periodId).map(
      (p) => p.id,
    );
    const targets = await new PlanItemRepository(this.db).listQuantities(
      planId,
      "target",
      {},
      { page: 1, pageSize: 10_000 },
    );
    const analytics = new AnalyticsRepository(this.db);
    const indicators = new Map<string, IndicatorWithAliases>();
    const seriesOf = new Map<string, Array<{ periodId: string; value: number | null }>>();
    const items = [];
    for (const q of targets.items) {
      if (!q.indicator_id) continue;
      const indicator = indicators.get(q.indicator_id) ?? (await this.indicator(q.indicator_id));
      indicators.set(indicator.id, indicator);
      const type = typeOf(indicator);
      let series = seriesOf.get(indicator.id);
      if (!series) {
        // a plain number (life expectancy) does not roll up: the org unit's own value is its figure
        const own = type === "number" ? await analytics.ownValues(indicator.id, [orgUnitId], periods) : null;
        const rolled = own ? null : await analytics.aggregates(indicator.id, [orgUnitId], periods);
        series = periods.map((p) => {
          const key = `${orgUnitId}|${p}`;
          const aggregate = rolled?.get(key);
          return {
            periodId: p,
            value: own ? (own.get(key)?.value ?? null) : aggregate ? figureOf(type, aggregate).value : null,
          };
        });
        seriesOf.set(indicator.id, series);
      }
      const attainment = assess(q, indicator, plan.year, series);
      items.push({
        targetId: q.id,
        metric: q.metric,
        quote: q.quote,
        indicatorId: indicator.id,
        indicatorName: indicator.name,
        comparator: q.comparator,
        value: q.value,
        unit: q.unit,
        deadline: q.deadline,
        status: attainment.status,
        label: attainment.label,
        latest: attainment.latest,
        threshold: attainment.threshold,
        gap: attainment.gap,
        projection: attainment.projection,
        final: attainment.final,
        explanation: attainment.explanation,
      });
    }
    return { planId, orgUnitId, periodId, items, unlinked: targets.total - items.length, computedAt };
  }

  /**
   * Completeness and timeliness for a period over an org unit's subtree: each leaf org unit is expected
   * to report; it has reported when a value of it sits in a submitted or approved submission (the day of
   * its first such value counts), on time by DEFAULT_DEADLINE_RULE on the working-day calendar.
   */
  async completeness(periodId: string, orgUnitId: string, depth?: number) {
    const computedAt = new Date().toISOString();
    if (depth !== undefined) return this.completenessByDepth(periodId, orgUnitId, depth, computedAt);
    const tree = await this.orgUnitTree(orgUnitId);
    const children = new Map<string, OrgUnitRow[]>();
    for (const n of tree)
      if (n.parent_id) children.set(n.parent_id, [...(children.get(n.parent_id) ?? []), n]);
    // the subtree, breadth first, with each org unit's depth below the asked one
    const scope: Array<OrgUnitRow & { depth: number }> = [];
    const root = tree.find((n) => n.id === orgUnitId) as OrgUnitRow;
    for (let level = [{ ...root, depth: 0 }]; level.length > 0;) {
      scope.push(...level);
      level = level.flatMap((n) => (children.get(n.id) ?? []).map((c) => ({ ...c, depth: n.depth + 1 })));
    }
    const leaves = scope.filter((n) => !children.has(n.id));
    const deadline = reportingDeadline(periodId, DEFAULT_DEADLINE_RULE);
    // pre-aggregated: one row per org unit that reported (see AnalyticsRepository.firstReports)
    const firsts = await new AnalyticsRepository(this.db).firstReports(periodId);
    const summary = reportingSummary(
      leaves.map((n) => ({ orgUnitId: n.id, periodId, deadline })),
      leaves.flatMap((n) => {
        const at = firsts.get(n.id);
        return at ? [{ orgUnitId: n.id, periodId, submittedOn: shanghaiDateOf(new Date(at)) }] : [];
      }),
    );
    const rates = subtreeReportingRates(
      summary,
      scope.map((n) => ({ id: n.id, parentId: n.id === orgUnitId ? null : n.parent_id })),
    );
    const shown = new Set(scope.filter((n) => depth === undefined || n.depth <= depth).map((n) => n.id));
    return {
      periodId,
      orgUnitId,
      deadline,
      deadlineRule: DEFAULT_DEADLINE_RULE,
      overall: rates.get(orgUnitId) ?? noReports,
      byOrgUnit: scope
        .filter((n) => shown.has(n.id))
        .map((n) => ({ orgUnitId: n.id, name: n.name, ...(rates.get(n.id) ?? noReports) })),
      reports: [...summary.byReport.values()]
        .filter((r) => shown.has(r.expected.orgUnitId))
        .map((r) => ({
          orgUnitId: r.expected.orgUnitId,
          submittedOn: r.submittedOn,
          onTime: r.onTime,
        })),
      computedAt,
    };
  }

  /**
   * Completeness with `depth`: the same figures as `completeness` (the domain's rules: each leaf expected,
   * reported by its first approved value, on time when that day is at most the deadline), counted in SQL
   * over the pre-aggregated first reports, for the org unit and the org units at most `depth` levels below.
   */
  private async completenessByDepth(periodId: string, orgUnitId: string, depth: number, computedAt: string) {
    if (!(await new OrgUnitRepository(this.db).get(orgUnitId))) throw errors.notFound("org unit", orgUnitId);
    const deadline = reportingDeadline(periodId, DEFAULT_DEADLINE_RULE);
    // on time: submitted on or before the deadline day in Beijing time (UTC+8), i.e. before 16:00 UTC that day
    const cutoff = `${deadline}T16:00:00.000Z`;
    const rows = await new AnalyticsRepository(this.db).completenessByDepth(
      orgUnitId,
      periodId,
      depth,
      cutoff,
    );
    const rate = (r: (typeof rows)[number]) => ({
      expected: r.expected,
      received: r.received,
      onTime: r.on_time,
      completeness: r.expected === 0 ? null : r.received / r.expected,
      timeliness: r.expected === 0 ? null : r.on_time / r.expected,
    });
    const root = rows.find((r) => r.org_unit_id === orgUnitId);
    return {
      periodId,
      orgUnitId,
      deadline,
      deadlineRule: DEFAULT_DEADLINE_RULE,
      overall: root ? rate(root) : noReports,
      byOrgUnit: rows.map((r) => ({ orgUnitId: r.org_unit_id, name: r.name, ...rate(r) })),
      reports: rows
        .filter((r) => r.leaf)
        .map((r) => {
          const submittedOn = r.first_at ? shanghaiDateOf(new Date(r.first_at)) : null;
          return {
            orgUnitId: r.org_unit_id,
            submittedOn,
            onTime: submittedOn !== null && submittedOn <= deadline,
          };
        }),
      computedAt,
    };
  }
}

/** A stored target read as the domain's attainment target; an unreadable one has no data, with why. */
function assess(
  q: QuantityRow,
  indicator: IndicatorWithAliases,
  planYear: number | null,
  series: Array<{ periodId: string; value: number | null }>,
): Attainment {
  const deadline = periodIdSchema.safeParse(q.deadline).success
    ? q.deadline
    : planYear
      ? String(planYear)
      : null;
  const baseline = q.baseline_json
    ? (JSON.parse(q.baseline_json) as { year: number | null; value: number | null })
    : null;
  const relativeChange = q.comparator === "increase_by" || q.comparator === "decrease_by";
  const target = attainmentTargetSchema.safeParse({
    comparator: q.comparator,
    value: q.value,
    unit: q.unit,
    deadline,
    baseline:
      baseline && typeof baseline.value === "number"
        ? { value: baseline.value, ...(baseline.year ? { periodId: String(baseline.year) } : {}) }
        : null,
    // "提高10%" of a figure not itself in % is a relative change
    relative: relativeChange && q.unit === "%" && indicator.unit !== "%",
    maintain: /保持|稳定在|维持/.test(q.quote),
    direction: indicator.direction === "lower" ? "lower_is_better" : "higher_is_better",
  });
  if (!target.success)
    return {
      status: "no_data",
      label: "无数据",
      threshold: null,
      sense: null,
      latest: null,
      gap: null,
      projection: null,
      final: false,
      explanation: "目标缺少可用的时限，无法评估",
    };
  return assessAttainment(target.data, series);
}
