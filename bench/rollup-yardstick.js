// The yardstick of bench:rollup: each dashboard answer computed the plain way — one GROUP BY over the raw
// observations table (the subtree found by a recursive query), no roll-up table — plus small helpers.
// Values are "counted" as the application counts them: approved, with an org unit. The generated data has
// one value per org unit, indicator and period, so no "latest value wins" step is needed here.
import { sql } from "kysely";
import pg from "pg";
import { typeOf } from "../dist/server/indicator-link.js";

/** Nearest-rank percentiles of a list of milliseconds. */
export function percentiles(ms) {
  const s = [...ms].sort((a, b) => a - b);
  const at = (q) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] ?? NaN;
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99), n: s.length };
}

/** Creates the PostgreSQL database of a URL when missing; true when it was created (so it needs loading). */
export async function postgresDatabase(url) {
  const u = new URL(url);
  const name = u.pathname.slice(1);
  const admin = new pg.Client({ connectionString: `${u.protocol}//${u.username}@${u.host}/postgres` });
  await admin.connect();
  try {
    const exists = await admin.query("select 1 from pg_database where datname = $1", [name]);
    if (exists.rowCount > 0) return false;
    await admin.query(`create database "${name.replace(/"/g, "")}"`);
    return true;
  } finally {
    await admin.end();
  }
}

const both = (col) =>
  sql.raw(`case when o.numerator is not null and o.denominator is not null then o.${col} else 0 end`);
const sums = sql`sum(o.value) as "valueSum", count(*) as "valueCount",
  sum(${both("numerator")}) as "numeratorSum", sum(${both("denominator")}) as "denominatorSum",
  sum(case when o.numerator is not null and o.denominator is not null then 1 else 0 end) as "ratioCount"`;
const numbers = (r) => ({
  ...r,
  valueSum: Number(r.valueSum),
  valueCount: Number(r.valueCount),
  numeratorSum: Number(r.numeratorSum),
  denominatorSum: Number(r.denominatorSum),
  ratioCount: Number(r.ratioCount),
});

export function plainSql(db) {
  return {
    async count(table) {
      const r = await sql`select count(*) as n from ${sql.table(table)}`.execute(db);
      return Number(r.rows[0].n);
    },

    /** Sums per county of a city and month: the subtree of each county by a recursive query. */
    async countiesByMonth(indicatorId, cityId, months) {
      const r = await sql`
        with recursive sub (id, county) as (
          select id, id from org_units where parent_id = ${cityId}
          union all
          select org_units.id, sub.county from org_units join sub on org_units.parent_id = sub.id
        )
        select sub.county as county, o.period_id as period_id, ${sums}
        from observations o join sub on sub.id = o.org_unit_id
        where o.indicator_id = ${indicatorId} and o.status = 'approved'
          -- (|| '' keeps SQLite from scanning a whole month by the period index instead of the subtree)
          and o.period_id || '' in (${sql.join(months)})
        group by sub.county, o.period_id`.execute(db);
      return r.rows.map(numbers);
    },

    /** The indicators the plan's targets are linked to, with their roll-up type. */
    async linkedIndicators(planId) {
      const r = await sql`
        select distinct i.id as id, i.type as type from quantities q join indicators i on i.id = q.indicator_id
        where q.plan_id = ${planId} and q.kind = 'target'`.execute(db);
      return r.rows.map((row) => ({ id: row.id, type: typeOf(row) }));
    },

    /** Sums per period over the whole province (the root's subtree is every org unit); or one org unit's own. */
    async rootByPeriod(indicatorId, periods, ownAt) {
      const r = ownAt
        ? await sql`
            select o.period_id as period_id, max(o.value) as own, ${sums} from observations o
            where o.indicator_id = ${indicatorId} and o.period_id || '' in (${sql.join(periods)})
              and o.status = 'approved' and o.org_unit_id = ${ownAt}
            group by o.period_id`.execute(db)
        : await sql`
            select o.period_id as period_id, ${sums} from observations o
            where o.indicator_id = ${indicatorId} and o.period_id || '' in (${sql.join(periods)})
              and o.status = 'approved' and o.org_unit_id is not null
            group by o.period_id`.execute(db);
      return r.rows.map(numbers);
    },

    /** How many leaf org units there are, and when each leaf first reported for the month. */
    async leafReports(month) {
      const leaves = await sql`
        select count(*) as n from org_units u
        where not exists (select 1 from org_units c where c.parent_id = u.id)`.execute(db);
      const firsts = await sql`
        select o.org_unit_id as org_unit_id, min(coalesce(s.submitted_at, o.created_at)) as first_at
        from observations o left join submissions s on s.id = o.submission_id
        where o.period_id = ${month} and o.status = 'approved'
          and not exists (select 1 from org_units c where c.parent_id = o.org_unit_id)
        group by o.org_unit_id`.execute(db);
      return { leaves: Number(leaves.rows[0].n), firsts: firsts.rows };
    },
  };
}
