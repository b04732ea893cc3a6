/**
 * Pre-aggregated roll-ups against the computed-on-read answer, on both engines: a random org-unit tree
 * (leaves at several depths, values at interior org units too), random values of a count, a ratio and a
 * plain-number indicator — then approvals, corrections (a later value for the same cell), returns and
 * reopenings (approved values that stop counting), each followed by the incremental refresh the workflow
 * calls. After every step every org unit's figure from the roll-ups must equal the domain's `rollUp` over
 * the approved values, the completeness firsts must equal the earliest approved value of each org unit, and a
 * full rebuild must give the same table as the incremental refreshes.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AnalyticsRepository, refreshRollups, type RollupKey } from "../../src/db/analytics.repository.js";
import type { DatabaseHandle } from "../../src/db/database.js";
import { MonitoringRepository, type ApprovedValue } from "../../src/db/monitoring.repository.js";
import type { IndicatorType } from "../../src/domain/indicators/index.js";
import { emptyAggregate, figureOf, rollUp } from "../../src/domain/rollup/index.js";
import { MonitoringService } from "../../src/server/monitoring.service.js";
import { enginesToRun } from "./engines.js";

/** mulberry32: a seeded PRNG, so a failure replays. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PERIODS = ["2025Q1", "2025Q2"];
const TYPES: IndicatorType[] = ["count", "percentage", "number"];

function latestPerUnit(values: readonly ApprovedValue[]): ApprovedValue[] {
  const m = new Map<string, ApprovedValue>();
  for (const v of values) m.set(`${v.org_unit_id}|${v.period_id}`, v);
  return [...m.values()];
}

for (const engine of enginesToRun()) {
  describe(`pre-aggregated roll-ups on '${engine.name}'`, () => {
    let handle: DatabaseHandle;
    const random = prng(20261123);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
    const tree: Array<{ id: string; parentId: string | null }> = [];
    const indicators: Array<{ id: string; type: IndicatorType }> = [];
    const user = randomUUID();
    const submission = randomUUID();
    let clock = Date.parse("2025-04-01T00:00:00.000Z");
    const tick = () => new Date((clock += 60_000)).toISOString();
    const rows: Array<{ id: string; key: RollupKey; status: string }> = [];
    const formCells = new Set<string>();

    beforeAll(async () => {
      handle = await engine.open();
      const { db } = handle;
      // province → 3 cities → 1–4 counties → 0–3 townships → 0–3 villages
      const add = async (parentId: string | null, level: string, depth: number) => {
        const id = randomUUID();
        tree.push({ id, parentId });
        await db
          .insertInto("org_units")
          .values({ id, parent_id: parentId, name: `${level}${tree.length}`, level, code: null, version: 1 })
          .execute();
        const fanout =
          depth === 0 ? 3 : depth === 1 ? 1 + Math.floor(random() * 4) : Math.floor(random() * 4);
        if (depth < 4) for (let k = 0; k < fanout; k++) await add(id, "unit", depth + 1);
      };
      await add(null, "province", 0);
      for (const type of TYPES) {
        const id = randomUUID();
        indicators.push({ id, type });
        await db
          .insertInto("indicators")
          .values({
            id,
            name: `指标${type}`,
            unit: type === "percentage" ? "%" : "个",
            direction: "higher",
            description: null,
            version: 1,
            code: null,
            type,
            numerator: null,
            denominator: null,
            references_json: null,
            report_level: null,
            deadline_rule_json: null,
          })
          .execute();
      }
      await db
        .insertInto("users")
        .values({
          id: user,
          username: `u${user.slice(0, 8)}`,
          display_name: "测试",
          password_hash: "!",
          must_change_password: 0,
          disabled: 0,
          version: 1,
          created_at: tick(),
        })
        .execute();
      for (const id of PERIODS)
        await db
          .insertInto("periods")
          .values({ id, kind: "quarter", starts_on: "2025-01-01", ends_on: "2025-06-30" })
          .execute();
      const unit = randomUUID();
      await db
        .insertInto("units")
        .values({ id: unit, name: "测试单位", status: "confirmed", version: 1, created_at: tick() })
        .execute();
      // a form submitted before its values were stored: completeness dates its values by submitted_at
      await db
        .insertInto("submissions")
        .values({
          id: submission,
          unit_id: unit,
          period_id: "2025Q1",
          status: "approved",
          note: null,
          created_by: user,
          created_at: "2025-03-30T00:00:00.000Z",
          decided_by: null,
          decided_at: null,
          submitted_at: "2025-03-31T00:00:00.000Z",
          reopened_at: null,
          reopened_by: null,
          reopen_reason: null,
        })
        .execute();
    });
    afterAll(async () => handle?.close());

    /** Stores random values (some at interior org units, ratios with and without parts); returns keys. */
    async function store(n: number, status: () => string): Promise<RollupKey[]> {
      const keys: RollupKey[] = [];
      for (let k = 0; k < n; k++) {
        const indicator = pick(indicators);
        const orgUnitId = pick(tree).id;
        const periodId = pick(PERIODS);
        const denominator = 100 + Math.floor(random() * 900);
        const numerator = Math.floor(random() * denominator);
        const withParts = indicator.type === "percentage" && random() < 0.85;
        const id = randomUUID();
        const key = { indicatorId: indicator.id, orgUnitId, periodId };
        const s = status();
        // one form cell per indicator × org unit in a submission
        const cell = `${indicator.id}|${orgUnitId}`;
        const inForm = periodId === "2025Q1" && random() < 0.3 && !formCells.has(cell);
        if (inForm) formCells.add(cell);
        await handle.db
          .insertInto("observations")
          .values({
            id,
            indicator_id: indicator.id,
            unit_id: null,
            org_unit_id: orgUnitId,
            period_id: periodId,
            value: withParts
              ? (numerator / denominator) * 100
              : indicator.type === "count"
                ? Math.floor(random() * 500)
                : Math.round(random() * 1000) / 10,
            numerator: withParts ? numerator : null,
            denominator: withParts ? denominator : null,
            submission_id: inForm ? submission : null,
            created_by: user,
            created_at: tick(),
            status: s as "approved",
            return_reason: null,
            definition: null,
            approved_json: null,
            updated_at: null,
            updated_by: null,
          })
          .execute();
        rows.push({ id, key, status: s });
        keys.push(key);
      }
      return keys;
    }

    async function setStatus(picked: typeof rows, status: string): Promise<RollupKey[]> {
      for (const r of picked) {
        await handle.db
          .updateTable("observations")
          .set({ status: status as "approved" })
          .where("id", "=", r.id)
          .execute();
        r.status = status;
      }
      return picked.map((r) => r.key);
    }

    /** Every org unit's figure, pre-aggregated and computed on read, for every indicator and period. */
    async function expectAgreement() {
      const analytics = new AnalyticsRepository(handle.db);
      const monitoring = new MonitoringRepository(handle.db);
      let compared = 0;
      for (const { id, type } of indicators)
        for (const periodId of PERIODS) {
          const onRead = rollUp(
            type,
            tree,
            latestPerUnit(await monitoring.approvedValues(id, [periodId])).map((v) => ({
              orgUnitId: v.org_unit_id,
              value: v.value,
              numerator: v.numerator,
              denominator: v.denominator,
            })),
          );
          const stored = await analytics.aggregates(
            id,
            tree.map((n) => n.id),
            [periodId],
          );
          for (const node of tree) {
            const want = onRead.get(node.id);
            const got = figureOf(type, stored.get(`${node.id}|${periodId}`) ?? emptyAggregate);
            expect(
              {
                value: got.value === null ? null : Number(got.value.toFixed(6)),
                contributors: got.contributorCount,
                notAggregable: got.notAggregableCount,
                note: got.note,
              },
              `${type} ${periodId} at ${node.id}`,
            ).toEqual({
              value: want?.value === null || want === undefined ? null : Number(want.value.toFixed(6)),
              contributors: want?.contributors.length,
              notAggregable: want?.notAggregable.length,
              note: want?.note,
            });
            compared++;
          }
        }
      // completeness: the earliest approved value of each org unit, by submitted_at for form values
      for (const periodId of PERIODS) {
        const firsts = new Map<string, string>();
        for (const v of await monitoring.reportedValues(periodId)) {
          const prev = firsts.get(v.org_unit_id);
          if (prev === undefined || v.created_at < prev) firsts.set(v.org_unit_id, v.created_at);
        }
        expect(await analytics.firstReports(periodId)).toEqual(firsts);
      }
      return compared;
    }

    async function rollupTable() {
      return (
        await handle.db
          .selectFrom("observation_rollups")
          .select([
            "indicator_id",
            "org_unit_id",
            "period_id",
            "value_count",
            "ratio_count",
            "value_sum",
            "numerator_sum",
            "denominator_sum",
          ])
          .orderBy("indicator_id")
          .orderBy("org_unit_id")
          .orderBy("period_id")
          .execute()
      ).map((r) => ({
        ...r,
        value_count: Number(r.value_count),
        ratio_count: Number(r.ratio_count),
        value_sum: Math.round(r.value_sum * 1e6),
      }));
    }

    it("agrees after values are stored approved and pending, on a random tree", async () => {
      expect(tree.length).toBeGreaterThan(15);
      const keys = await store(400, () => (random() < 0.6 ? "approved" : "pending"));
      expect(await refreshRollups(handle.db, keys)).toBeGreaterThan(0);
      expect(await expectAgreement()).toBe(tree.length * TYPES.length * PERIODS.length);
      // not a vacuous agreement: the root has data
      const root = tree[0]?.id ?? "";
      const stored = await new AnalyticsRepository(handle.db).aggregates(
        indicators[0]?.id ?? "",
        [root],
        PERIODS,
      );
      expect(stored.get(`${root}|2025Q1`)?.valueCount).toBeGreaterThan(10);
      expect(stored.get(`${root}|2025Q1`)?.refreshedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    });

    it("agrees after approvals of pending values", async () => {
      const pending = rows.filter((r) => r.status === "pending" && random() < 0.5);
      expect(pending.length).toBeGreaterThan(10);
      await refreshRollups(handle.db, await setStatus(pending, "approved"));
      await expectAgreement();
    });

    it("agrees after corrections: a later approved value replaces the earlier one", async () => {
      const corrected = rows.filter((r) => r.status === "approved" && random() < 0.2);
      const keys: RollupKey[] = [];
      for (const r of corrected) {
        const value = 1 + Math.floor(random() * 50);
        const id = randomUUID();
        await handle.db
          .insertInto("observations")
          .values({
            id,
            indicator_id: r.key.indicatorId,
            unit_id: null,
            org_unit_id: r.key.orgUnitId,
            period_id: r.key.periodId,
            value,
            numerator: random() < 0.5 ? value : null,
            denominator: random() < 0.5 ? value * 2 : null,
            submission_id: null,
            created_by: user,
            created_at: tick(),
            status: "approved",
            return_reason: null,
            definition: null,
            approved_json: null,
            updated_at: null,
            updated_by: null,
          })
          .execute();
        rows.push({ id, key: r.key, status: "approved" });
        keys.push(r.key);
      }
      expect(keys.length).toBeGreaterThan(5);
      await refreshRollups(handle.db, keys);
      await expectAgreement();
    });

    it("agrees after returns and reopenings: approved values that stop counting", async () => {
      const approved = rows.filter((r) => r.status === "approved");
      const returned = approved.filter(() => random() < 0.25);
      const reopened = approved.filter((r) => !returned.includes(r) && random() < 0.25);
      const keys = [...(await setStatus(returned, "returned")), ...(await setStatus(reopened, "pending"))];
      expect(keys.length).toBeGreaterThan(20);
      await refreshRollups(handle.db, keys);
      await expectAgreement();
    });

    it("removes a roll-up row when nothing in its subtree counts any more", async () => {
      const all = rows.filter((r) => r.status === "approved");
      await refreshRollups(handle.db, await setStatus(all, "pending"));
      expect(await rollupTable()).toEqual([]);
      await expectAgreement();
      await refreshRollups(handle.db, await setStatus(all, "approved"));
      await expectAgreement();
    });

    it("completeness counted in SQL (with depth) equals the domain's count over the whole tree", async () => {
      // late reports: leaves whose values are withdrawn, then reported again after the deadline
      const leaves = tree.filter((n) => !tree.some((c) => c.parentId === n.id)).slice(0, 8);
      const withdrawn = rows.filter((r) => leaves.some((l) => l.id === r.key.orgUnitId));
      await refreshRollups(handle.db, await setStatus(withdrawn, "pending"));
      clock = Date.parse("2025-08-20T00:00:00.000Z");
      const late = await setStatus(
        withdrawn.filter(() => random() < 0.5),
        "approved",
      );
      for (const r of withdrawn.filter((w) => late.includes(w.key)))
        await handle.db
          .updateTable("observations")
          .set({ created_at: tick(), submission_id: null })
          .where("id", "=", r.id)
          .execute();
      await refreshRollups(handle.db, late);
      const service = new MonitoringService(handle.db);
      const interior = tree.filter((n) => tree.some((c) => c.parentId === n.id));
      let late_ = 0;
      for (const periodId of PERIODS)
        for (const node of [tree[0], ...interior.slice(0, 4)]) {
          const id = node?.id ?? "";
          const full = await service.completeness(periodId, id);
          for (const depth of [0, 1, 2]) {
            const sql = await service.completeness(periodId, id, depth);
            expect(sql.overall, `${periodId} at ${id}, depth ${depth}`).toEqual(full.overall);
            const wanted = new Map(full.byOrgUnit.map((r) => [r.orgUnitId, r]));
            expect(sql.byOrgUnit.length).toBeGreaterThan(0);
            for (const r of sql.byOrgUnit) expect(r).toEqual(wanted.get(r.orgUnitId));
            const reports = new Map(full.reports.map((r) => [r.orgUnitId, r]));
            for (const r of sql.reports) expect(r).toEqual(reports.get(r.orgUnitId));
          }
          late_ += full.overall.received - full.overall.onTime;
        }
      expect(late_).toBeGreaterThan(0);
    });

    it("a full rebuild in SQL gives the same table as the incremental refreshes", async () => {
      const incremental = await rollupTable();
      expect(incremental.length).toBeGreaterThan(5);
      await new AnalyticsRepository(handle.db).rebuild();
      const rebuilt = await rollupTable();
      const rounded = (t: typeof rebuilt) =>
        t.map((r) => ({
          ...r,
          numerator_sum: Math.round(r.numerator_sum),
          denominator_sum: Math.round(r.denominator_sum),
        }));
      expect(rounded(rebuilt)).toEqual(rounded(incremental));
      await expectAgreement();
    });
  });
}
