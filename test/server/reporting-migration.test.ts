/**
 * The reporting migration on data written before it, on both engines: a value of an approved submission
 * stays counted (approved), other values await review (pending), a submission already sent keeps its
 * opening time as its submission time, indicators report yearly by default; and it undoes cleanly.
 */
import { sql, type Kysely } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../src/db/database.js";
import * as reporting from "../../src/db/migrations/2026-11-23T2300_reporting.js";
import { enginesToRun } from "../db/engines.js";

describe.each(enginesToRun())("reporting migration on $name", (engine) => {
  let handle: DatabaseHandle | undefined;
  afterEach(async () => {
    await handle?.close();
    handle = undefined;
  });

  it("backfills statuses and submission times of earlier rows", async () => {
    handle = await engine.open();
    const db = handle.db as unknown as Kysely<unknown>;
    await reporting.down(db);
    const at = "2025-04-03T02:00:00.000Z";
    await sql`insert into users (id, username, display_name, password_hash, created_at)
      values ('u1', 'old', 'old', 'x', ${at})`.execute(db);
    await sql`insert into units (id, name, status, created_at) values ('unit1', '甲', 'confirmed', ${at})`.execute(
      db,
    );
    await sql`insert into periods (id, kind, starts_on, ends_on) values ('2025Q1', 'quarter', '2025-01-01', '2025-03-31')`.execute(
      db,
    );
    await sql`insert into indicators (id, name) values ('i1', '旧指标')`.execute(db);
    for (const [id, status] of [
      ["s-approved", "approved"],
      ["s-draft", "draft"],
      ["s-returned", "returned"],
    ])
      await sql`insert into submissions (id, unit_id, period_id, status, created_by, created_at)
        values (${id}, 'unit1', '2025Q1', ${status}, 'u1', ${at})`.execute(db);
    for (const [id, submission] of [
      ["o-approved", "s-approved"],
      ["o-draft", "s-draft"],
      ["o-returned", "s-returned"],
      ["o-loose", null],
    ])
      await sql`insert into observations (id, indicator_id, period_id, value, submission_id, created_by, created_at)
        values (${id}, 'i1', '2025Q1', 1, ${submission}, 'u1', ${at})`.execute(db);

    await reporting.up(db);

    const observations = await sql<{ id: string; status: string; updated_at: string | null }>`
      select id, status, updated_at from observations order by id`.execute(db);
    expect(observations.rows.map((r) => [r.id, r.status])).toEqual([
      ["o-approved", "approved"],
      ["o-draft", "pending"],
      ["o-loose", "pending"],
      ["o-returned", "pending"],
    ]);
    expect(observations.rows.every((r) => r.updated_at === at)).toBe(true);
    const submissions = await sql<{ id: string; submitted_at: string | null }>`
      select id, submitted_at from submissions order by id`.execute(db);
    expect(submissions.rows).toEqual([
      { id: "s-approved", submitted_at: at },
      { id: "s-draft", submitted_at: null },
      { id: "s-returned", submitted_at: at },
    ]);
    const indicator = await sql<{ frequency: string; report_level: string | null }>`
      select frequency, report_level from indicators where id = 'i1'`.execute(db);
    expect(indicator.rows[0]).toEqual({ frequency: "yearly", report_level: null });
    // one cell per submission × indicator × org unit
    await sql`insert into org_units (id, name, level) values ('org1', '县', 'county')`.execute(db);
    await sql`update observations set org_unit_id = 'org1' where id = 'o-draft'`.execute(db);
    await expect(
      sql`insert into observations (id, indicator_id, org_unit_id, period_id, value, submission_id, created_by, created_at)
        values ('o-twice', 'i1', 'org1', '2025Q1', 2, 's-draft', 'u1', ${at})`.execute(db),
    ).rejects.toThrow();
  });
});
