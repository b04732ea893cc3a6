/**
 * Bulk exchange (DHIS2 dataValueSets): every import is one batch — where it came from, how many rows, who
 * and when — and each value it wrote points to it (`observations.batch_id`). The column carries no
 * foreign key and no index on purpose: a batch row and its values are written in one transaction (so the
 * reference cannot dangle), and a per-row key check and index entry would cost bulk imports a good share
 * of their speed for a lookup (the values of one batch) that is seldom made.
 *
 * Two indexes of `observations` become partial, for the same reason: `observations_form_cell` (one cell per
 * submission × indicator × org unit) and `observations_lookup` (by plan unit) only ever serve rows that
 * have a submission / a plan unit — every query on them says `submission_id = …` / `unit_id = …`, and NULLs
 * never collided in the unique index — so imported values (neither) no longer pay for an entry in them.
 */
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("import_batches")
    .addColumn("id", "text", (c) => c.primaryKey())
    // dhis2-json | dhis2-csv | bench:generate …
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("file_name", "text")
    .addColumn("rows", "integer", (c) => c.notNull())
    .addColumn("imported", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("replaced", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("ignored", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_by", "text", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.alterTable("observations").addColumn("batch_id", "text").execute();
  await db.schema.dropIndex("observations_form_cell").execute();
  await db.schema
    .createIndex("observations_form_cell")
    .on("observations")
    .columns(["submission_id", "indicator_id", "org_unit_id"])
    .unique()
    .where(sql.ref("submission_id"), "is not", null)
    .execute();
  await db.schema.dropIndex("observations_lookup").execute();
  await db.schema
    .createIndex("observations_lookup")
    .on("observations")
    .columns(["indicator_id", "unit_id", "period_id"])
    .where(sql.ref("unit_id"), "is not", null)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("observations_lookup").execute();
  await db.schema
    .createIndex("observations_lookup")
    .on("observations")
    .columns(["indicator_id", "unit_id", "period_id"])
    .execute();
  await db.schema.dropIndex("observations_form_cell").execute();
  await db.schema
    .createIndex("observations_form_cell")
    .on("observations")
    .columns(["submission_id", "indicator_id", "org_unit_id"])
    .unique()
    .execute();
  await db.schema.alterTable("observations").dropColumn("batch_id").execute();
  await db.schema.dropTable("import_batches").execute();
}
