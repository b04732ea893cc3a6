/**
 * Pre-aggregated roll-ups (`observation_rollups`): for each indicator, period and org unit WITH children, the
 * sums of the latest approved value of every org unit in its subtree (see domain `Aggregate`). A leaf's
 * figure is its own latest approved value, read from `observations`. Kept current incrementally: whatever
 * makes a value count or stop counting (approval, import, reopening, correction) calls `refresh` with the
 * (indicator, org unit, period) keys it touched, inside its own transaction, and each ancestor of those org
 * units is recomputed from its own value plus its children's rows — a handful of small reads, whatever the
 * size of the province. `rebuild` recomputes everything (or some indicators/periods) in one SQL statement,
 * for bulk loads and after the tree changes shape.
 *
 * "Counts" mirrors `MonitoringRepository.approvedValues`: status approved, an org unit set, the latest value
 * per org unit and period winning (by `created_at`). The analytics test holds the two paths equal.
 */
import { sql, type Kysely } from "kysely";
import {
  addAggregates,
  aggregateOfValue,
  emptyAggregate,
  type Aggregate,
} from "../domain/rollup/aggregate.js";
import { chunks } from "./page.js";
import type { Database } from "./schema.js";

export interface RollupKey {
  indicatorId: string;
  orgUnitId: string;
  periodId: string;
}

export interface StoredAggregate extends Aggregate {
  /** When the roll-up row was refreshed; null when the figure was read from the org unit's own value. */
  refreshedAt: string | null;
}

/** Above this many touched org units a refresh recomputes the touched indicators and periods wholesale. */
const BULK_ORG_UNITS = 2_000;
const IN_LIST = 500;

const pairKey = (orgUnitId: string, periodId: string) => `${orgUnitId}|${periodId}`;
const unique = <T>(xs: Iterable<T>) => [...new Set(xs)];
const approved = sql<boolean>`observations.status = 'approved'`;

interface OwnValue {
  org_unit_id: string;
  period_id: string;
  value: number;
  numerator: number | null;
  denominator: number | null;
}

export class AnalyticsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /**
   * Aggregates of an indicator at org units for periods, keyed `${orgUnitId}|${periodId}`; a pair with no
   * data in its subtree is absent. Org units with children read their roll-up row; others their own value.
   */
  async aggregates(
    indicatorId: string,
    orgUnitIds: readonly string[],
    periodIds: readonly string[],
  ): Promise<Map<string, StoredAggregate>> {
    const out = new Map<string, StoredAggregate>();
    if (orgUnitIds.length === 0 || periodIds.length === 0) return out;
    for (const ids of chunks(unique(orgUnitIds), IN_LIST)) {
      const rows = await this.db
        .selectFrom("observation_rollups")
        .selectAll()
        .where("indicator_id", "=", indicatorId)
        .where("org_unit_id", "in", ids)
        .where("period_id", "in", [...periodIds])
        .execute();
      for (const r of rows)
        out.set(pairKey(r.org_unit_id, r.period_id), {
          valueSum: r.value_sum,
          valueCount: Number(r.value_count),
          numeratorSum: r.numerator_sum,
          denominatorSum: r.denominator_sum,
          ratioCount: Number(r.ratio_count),
          refreshedAt: r.refreshed_at,
        });
    }
    const missing = orgUnitIds.filter((o) => periodIds.some((p) => !out.has(pairKey(o, p))));
    const own = await this.ownValues(indicatorId, missing, periodIds);
    for (const [k, v] of own) if (!out.has(k)) out.set(k, { ...aggregateOfValue(v), refreshedAt: null });
    return out;
  }

  /** The latest approved value of each org unit and period, keyed `${orgUnitId}|${periodId}`. */
  async ownValues(
    indicatorId: string,
    orgUnitIds: readonly string[],
    periodIds: readonly string[],
  ): Promise<Map<string, OwnValue>> {
    const out = new Map<string, OwnValue>();
    if (periodIds.length === 0) return out;
    for (const ids of chunks(unique(orgUnitIds), IN_LIST)) {
      const rows = await this.db
        .selectFrom("observations")
        .select(["org_unit_id", "period_id", "value", "numerator", "denominator"])
        .where("indicator_id", "=", indicatorId)
        .where("org_unit_id", "in", ids)
        .where("period_id", "in", [...periodIds])
        .where(approved)
        .orderBy("created_at")
        .execute();
      // sorted by created_at: a corrected value replaces the earlier one
      for (const r of rows)
        out.set(pairKey(r.org_unit_id ?? "", r.period_id), { ...r, org_unit_id: r.org_unit_id ?? "" });
    }
    return out;
  }

  /**
   * The (indicator, org unit, period) keys of a submission's values (only the approved ones: those whose
   * change can move a figure), for `refresh` after it changes state.
   */
  async keysOfSubmission(submissionId: string, onlyApproved = false): Promise<RollupKey[]> {
    const rows = await this.db
      .selectFrom("observations")
      .select(["indicator_id", "org_unit_id", "period_id"])
      .where("submission_id", "=", submissionId)
      .where(onlyApproved ? approved : sql<boolean>`1 = 1`)
      .where("org_unit_id", "is not", null)
      .where("indicator_id", "is not", null)
      .execute();
    return rows.map((r) => ({
      indicatorId: r.indicator_id ?? "",
      orgUnitId: r.org_unit_id ?? "",
      periodId: r.period_id,
    }));
  }

  /** Refreshes the roll-ups a submission's values feed (after approval, reopening, a returned value). */
  async refreshSubmission(submissionId: string): Promise<number> {
    return this.refresh(await this.keysOfSubmission(submissionId));
  }

  /**
   * Recomputes the roll-up rows of every ancestor (and the org unit itself when it has children) of the
   * given keys; returns how many rows were written or removed. Call it inside the transaction that changed
   * the values, after the change.
   */
  async refresh(keys: readonly RollupKey[]): Promise<number> {
    if (keys.length === 0) return 0;
    const touched = unique(keys.map((k) => k.orgUnitId));
    if (touched.length > BULK_ORG_UNITS)
      return this.rebuild({
        indicatorIds: unique(keys.map((k) => k.indicatorId)),
        periodIds: unique(keys.map((k) => k.periodId)),
      });
    const now = new Date().toISOString();
    let written = await this.refreshFirsts(keys, now);

    // the ancestors of every touched org unit
    const parent = new Map<string, string | null>();
    for (let frontier = touched; frontier.length > 0;) {
      const next: string[] = [];
      for (const ids of chunks(frontier, IN_LIST)) {
        const rows = await this.db
          .selectFrom("org_units")
          .select(["id", "parent_id"])
          .where("id", "in", ids)
          .execute();
        for (const r of rows) {
          parent.set(r.id, r.parent_id);
          if (r.parent_id && !parent.has(r.parent_id)) next.push(r.parent_id);
        }
      }
      frontier = unique(next).filter((id) => !parent.has(id));
    }
    const chainOf = (id: string): string[] => {
      const chain: string[] = [];
      for (let at: string | null | undefined = id; at && !chain.includes(at); at = parent.get(at))
        chain.push(at);
      return chain;
    };
    const depth = new Map<string, number>();
    for (const id of parent.keys()) depth.set(id, chainOf(id).length);

    // the children of every affected org unit (who has children gets a row)
    const children = new Map<string, string[]>();
    for (const ids of chunks([...parent.keys()], IN_LIST)) {
      const rows = await this.db
        .selectFrom("org_units")
        .select(["id", "parent_id"])
        .where("parent_id", "in", ids)
        .execute();
      for (const r of rows)
        children.set(r.parent_id ?? "", [...(children.get(r.parent_id ?? "") ?? []), r.id]);
    }

    // affected org units per (indicator, period)
    const groups = new Map<string, { indicatorId: string; periodId: string; nodes: Set<string> }>();
    for (const k of keys) {
      const g = `${k.indicatorId}|${k.periodId}`;
      const group = groups.get(g) ?? { indicatorId: k.indicatorId, periodId: k.periodId, nodes: new Set() };
      for (const id of chainOf(k.orgUnitId)) group.nodes.add(id);
      groups.set(g, group);
    }

    for (const { indicatorId, periodId, nodes } of groups.values()) {
      const interior = [...nodes].filter((id) => children.has(id));
      if (interior.length === 0) continue;
      const around = unique(interior.flatMap((id) => [id, ...(children.get(id) ?? [])]));
      const own = await this.ownValues(indicatorId, around, [periodId]);
      const stored = await this.storedRows(
        indicatorId,
        periodId,
        around.filter((id) => !nodes.has(id)),
      );
      const computed = new Map<string, Aggregate>();
      const ownOf = (id: string): Aggregate => {
        const v = own.get(pairKey(id, periodId));
        return v ? aggregateOfValue(v) : emptyAggregate;
      };
      const subtreeOf = (id: string): Aggregate => computed.get(id) ?? stored.get(id) ?? ownOf(id);
      interior.sort((a, b) => (depth.get(b) ?? 0) - (depth.get(a) ?? 0));
      const upserts = [];
      const removals: string[] = [];
      for (const id of interior) {
        let agg = ownOf(id);
        for (const c of children.get(id) ?? []) agg = addAggregates(agg, subtreeOf(c));
        computed.set(id, agg);
        if (agg.valueCount > 0)
          upserts.push({
            indicator_id: indicatorId,
            org_unit_id: id,
            period_id: periodId,
            value_sum: agg.valueSum,
            value_count: agg.valueCount,
            numerator_sum: agg.numeratorSum,
            denominator_sum: agg.denominatorSum,
            ratio_count: agg.ratioCount,
            refreshed_at: now,
          });
        else removals.push(id);
      }
      for (const rows of chunks(upserts, 100))
        await this.db
          .insertInto("observation_rollups")
          .values(rows)
          .onConflict((oc) =>
            oc.columns(["indicator_id", "org_unit_id", "period_id"]).doUpdateSet((eb) => ({
              value_sum: eb.ref("excluded.value_sum"),
              value_count: eb.ref("excluded.value_count"),
              numerator_sum: eb.ref("excluded.numerator_sum"),
              denominator_sum: eb.ref("excluded.denominator_sum"),
              ratio_count: eb.ref("excluded.ratio_count"),
              refreshed_at: eb.ref("excluded.refreshed_at"),
            })),
          )
          .execute();
      for (const ids of chunks(removals, IN_LIST))
        await this.db
          .deleteFrom("observation_rollups")
          .where("indicator_id", "=", indicatorId)
          .where("period_id", "=", periodId)
          .where("org_unit_id", "in", ids)
          .execute();
      written += upserts.length + removals.length;
    }
    return written;
  }

  /** When each org unit of a period first reported (ISO time), for completeness; keyed by org unit. */
  async firstReports(periodId: string): Promise<Map<string, string>> {
    const rows = await this.db
      .selectFrom("reporting_firsts")
      .select(["org_unit_id", "first_at"])
      .where("period_id", "=", periodId)
      .execute();
    return new Map(rows.map((r) => [r.org_unit_id, r.first_at]));
  }

  /**
   * Completeness over an org unit's subtree counted in SQL, for the org unit and each org unit at most
   * `depth` levels below it: leaves expected, leaves that reported (a `reporting_firsts` row), and leaves
   * that reported before `cutoff` (an ISO instant: the end of the deadline day). One recursive walk pairs
   * every org unit with its ancestors within that depth, so no tree is loaded into the application.
   */
  async completenessByDepth(
    rootId: string,
    periodId: string,
    depth: number,
    cutoff: string,
  ): Promise<
    Array<{
      org_unit_id: string;
      name: string;
      depth: number;
      expected: number;
      received: number;
      on_time: number;
      leaf: boolean;
      first_at: string | null;
    }>
  > {
    const r = await sql<{
      org_unit_id: string;
      name: string;
      depth: number;
      expected: number;
      received: number;
      on_time: number;
      leaf: number;
      first_at: string | null;
    }>`
      with recursive pairs (id, anchor, anchor_depth, d) as (
        select id, id, 0, 0 from org_units where id = ${rootId}
        union all
        select o.id, case when f.self = 1 then o.id else p.anchor end,
          case when f.self = 1 then p.d + 1 else p.anchor_depth end, p.d + 1
        from pairs p
        join org_units o on o.parent_id = p.id
        cross join (select 0 as self union all select 1 as self) f
        where f.self = 0 or (p.anchor = p.id and p.d + 1 <= ${depth})
      ),
      counts as (
        select pairs.anchor, pairs.anchor_depth, count(*) as expected, count(rf.org_unit_id) as received,
          sum(case when rf.first_at < ${cutoff} then 1 else 0 end) as on_time
        from pairs
        left join reporting_firsts rf on rf.org_unit_id = pairs.id and rf.period_id = ${periodId}
        where not exists (select 1 from org_units c where c.parent_id = pairs.id)
        group by pairs.anchor, pairs.anchor_depth
      )
      select a.id as org_unit_id, a.name as name, p.anchor_depth as depth,
        coalesce(counts.expected, 0) as expected, coalesce(counts.received, 0) as received,
        coalesce(counts.on_time, 0) as on_time,
        case when exists (select 1 from org_units c where c.parent_id = a.id) then 0 else 1 end as leaf,
        (select rf.first_at from reporting_firsts rf where rf.org_unit_id = a.id and rf.period_id = ${periodId})
          as first_at
      from pairs p
      join org_units a on a.id = p.anchor
      left join counts on counts.anchor = p.anchor
      where p.id = p.anchor
      order by p.anchor_depth, a.name`.execute(this.db);
    return r.rows.map((row) => ({
      ...row,
      depth: Number(row.depth),
      expected: Number(row.expected),
      received: Number(row.received),
      on_time: Number(row.on_time),
      leaf: Number(row.leaf) === 1,
    }));
  }

  /** Recomputes `reporting_firsts` of the keys' org units and periods from their approved values. */
  private async refreshFirsts(keys: readonly RollupKey[], now: string): Promise<number> {
    const byPeriod = new Map<string, Set<string>>();
    for (const k of keys) byPeriod.set(k.periodId, (byPeriod.get(k.periodId) ?? new Set()).add(k.orgUnitId));
    let written = 0;
    for (const [periodId, orgUnits] of byPeriod)
      for (const ids of chunks([...orgUnits], IN_LIST)) {
        const firsts = await this.db
          .selectFrom("observations")
          .leftJoin("submissions", "submissions.id", "observations.submission_id")
          .select([
            "observations.org_unit_id",
            sql<string>`min(coalesce(submissions.submitted_at, observations.created_at))`.as("first_at"),
          ])
          .where("observations.period_id", "=", periodId)
          .where("observations.org_unit_id", "in", ids)
          .where(approved)
          .groupBy("observations.org_unit_id")
          .execute();
        await this.db
          .deleteFrom("reporting_firsts")
          .where("period_id", "=", periodId)
          .where("org_unit_id", "in", ids)
          .execute();
        if (firsts.length > 0)
          await this.db
            .insertInto("reporting_firsts")
            .values(
              firsts.map((f) => ({
                period_id: periodId,
                org_unit_id: f.org_unit_id ?? "",
                first_at: f.first_at,
                refreshed_at: now,
              })),
            )
            .execute();
        written += firsts.length;
      }
    return written;
  }

  private async storedRows(
    indicatorId: string,
    periodId: string,
    orgUnitIds: readonly string[],
  ): Promise<Map<string, Aggregate>> {
    const out = new Map<string, Aggregate>();
    for (const ids of chunks(unique(orgUnitIds), IN_LIST)) {
      const rows = await this.db
        .selectFrom("observation_rollups")
        .selectAll()
        .where("indicator_id", "=", indicatorId)
        .where("period_id", "=", periodId)
        .where("org_unit_id", "in", ids)
        .execute();
      for (const r of rows)
        out.set(r.org_unit_id, {
          valueSum: r.value_sum,
          valueCount: Number(r.value_count),
          numeratorSum: r.numerator_sum,
          denominatorSum: r.denominator_sum,
          ratioCount: Number(r.ratio_count),
        });
    }
    return out;
  }

  /**
   * Recomputes roll-up rows from the raw values in one statement (the org-unit tree walked by a recursive
   * query, the latest approved value per org unit and period picked by a window function): everything, or
   * only some indicators and/or periods. Returns the number of rows written.
   */
  async rebuild(
    scope: { indicatorIds?: readonly string[]; periodIds?: readonly string[] } = {},
  ): Promise<number> {
    const now = new Date().toISOString();
    const inList = (column: string, ids: readonly string[] | undefined) =>
      ids === undefined
        ? sql<boolean>`1 = 1`
        : ids.length === 0
          ? sql<boolean>`1 = 0`
          : sql<boolean>`${sql.ref(column)} in (${sql.join(ids)})`;
    if (scope.indicatorIds?.length === 0 || scope.periodIds?.length === 0) return 0;
    await this.db.deleteFrom("reporting_firsts").where(inList("period_id", scope.periodIds)).execute();
    const firsts = await sql`
      insert into reporting_firsts (period_id, org_unit_id, first_at, refreshed_at)
      select observations.period_id, observations.org_unit_id,
        min(coalesce(submissions.submitted_at, observations.created_at)), ${now}
      from observations left join submissions on submissions.id = observations.submission_id
      where observations.org_unit_id is not null and observations.status = 'approved'
        and ${inList("observations.period_id", scope.periodIds)}
      group by observations.period_id, observations.org_unit_id`.execute(this.db);
    let written = Number(firsts.numAffectedRows ?? 0);
    // indicators in groups: one walk of the tree per group, and bounded IN lists
    const indicatorIds =
      scope.indicatorIds ?? (await this.db.selectFrom("indicators").select("id").execute()).map((r) => r.id);
    for (const group of chunks(indicatorIds, 100)) {
      await this.db
        .deleteFrom("observation_rollups")
        .where("indicator_id", "in", group)
        .where(inList("period_id", scope.periodIds))
        .execute();
      const r = await sql`
        with recursive chain (descendant_id, ancestor_id) as (
          select id, id from org_units
          union all
          select chain.descendant_id, org_units.parent_id from chain
          join org_units on org_units.id = chain.ancestor_id
          where org_units.parent_id is not null
        ),
        ranked as (
          select indicator_id, org_unit_id, period_id, value, numerator, denominator,
            row_number() over (partition by indicator_id, org_unit_id, period_id order by created_at desc) as rn
          from observations
          where indicator_id in (${sql.join(group)}) and org_unit_id is not null and status = 'approved'
            and ${inList("period_id", scope.periodIds)}
        )
        insert into observation_rollups (indicator_id, org_unit_id, period_id, value_sum, value_count,
          numerator_sum, denominator_sum, ratio_count, refreshed_at)
        select ranked.indicator_id, chain.ancestor_id, ranked.period_id, sum(ranked.value), count(*),
          sum(case when ranked.numerator is not null and ranked.denominator is not null then ranked.numerator else 0 end),
          sum(case when ranked.numerator is not null and ranked.denominator is not null then ranked.denominator else 0 end),
          sum(case when ranked.numerator is not null and ranked.denominator is not null then 1 else 0 end),
          ${now}
        from ranked join chain on chain.descendant_id = ranked.org_unit_id
        where ranked.rn = 1
          and chain.ancestor_id in (select parent_id from org_units where parent_id is not null)
        group by ranked.indicator_id, chain.ancestor_id, ranked.period_id`.execute(this.db);
      written += Number(r.numAffectedRows ?? 0);
    }
    // fresh statistics, or the planner reads millions of new rows as an empty table
    await sql`analyze observation_rollups`.execute(this.db);
    await sql`analyze reporting_firsts`.execute(this.db);
    return written;
  }
}

/** The incremental refresh, for the approval and import paths: call inside their transaction. */
export function refreshRollups(db: Kysely<Database>, keys: readonly RollupKey[]): Promise<number> {
  return new AnalyticsRepository(db).refresh(keys);
}
