/**
 * The first schema: documents and their plans (sections, tasks, task units, quantities), the unit and org
 * unit registers, the indicator catalogue, periods, submissions, observations, task progress, accounts and
 * the audit log. Never edit a migration after it lands: add a new one.
 */
import { sql, type Kysely } from "kysely";
import { engineOf } from "../engine.js";

export async function up(db: Kysely<unknown>): Promise<void> {
  const postgres = engineOf(db) === "postgres";
  const bytes = postgres ? "bytea" : "blob";
  const text = "text";

  await db.schema
    .createTable("documents")
    .addColumn("id", text, (c) => c.primaryKey())
    .addColumn("file_name", text, (c) => c.notNull())
    .addColumn("format", text, (c) => c.notNull())
    .addColumn("sha256", text, (c) => c.notNull().unique())
    .addColumn("size", "integer", (c) => c.notNull())
    .addColumn("bytes", bytes, (c) => c.notNull())
    .addColumn("text", text, (c) => c.notNull())
    .addColumn("uploaded_by", text)
    .addColumn("uploaded_at", text, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("users")
    .addColumn("id", text, (c) => c.primaryKey())
    .addColumn("username", text, (c) => c.notNull().unique())
    .addColumn("display_name", text, (c) => c.notNull())
    .addColumn("password_hash", text, (c) => c.notNull())
    .addColumn("must_change_password", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("disabled", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("created_at", text, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("roles")
    .addColumn("name", text, (c) => c.primaryKey())
    .addColumn("description", text, (c) => c.notNull())
    .execute();
  await sql`insert into roles (name, description) values
    ('admin', '系统管理员 / administrator: everything'),
    ('planner', '计划管理员 / planner: import, review, publish, assign'),
    ('reporter', '填报员 / reporter: progress and values for its own units'),
    ('viewer', '查看者 / viewer: read only')`.execute(db);

  await db.schema
    .createTable("user_roles")
    .addColumn("user_id", text, (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("role", text, (c) => c.notNull().references("roles.name"))
    .addPrimaryKeyConstraint("user_roles_pk", ["user_id", "role"])
    .execute();

  await db.schema
    .createTable("sessions")
    .addColumn("id", text, (c) => c.primaryKey())
    .addColumn("user_id", text, (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("csrf_token", text, (c) => c.notNull())
    .addColumn("created_at", text, (c) => c.notNull())
    .addColumn("expires_at", text, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("units")
    .addColumn("id", text, (c) => c.primaryKey())
    .addColumn("name", text, (c) => c.notNull().unique())
    .addColumn("status", text, (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("created_at", text, (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("unit_aliases")
    .addColumn("alias", text, (c) => c.primaryKey())
    .addColumn("unit_id", text, (c) => c.notNull().references("units.id").onDelete("cascade"))
    .execute();

  await db.schema
    .createTable("reporter_units")
    .addColumn("user_id", text, (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("unit_id", text, (c) => c.notNull().references("units.id").onDelete("cascade"))
    .addPrimaryKeyConstraint("reporter_units_pk", ["user_id", "unit_id"])
    .execute();

  await db.schema
    .createTable("org_units")
    .addColumn("id", text, (c) => c.primaryKey())
    .addColumn("parent_id", text, (c) => c.references("org_units.id"))
    .addColumn("name", text, (c) => c.notNull())
    .addColumn("level", text, (c) => c.notNull())
    .addColumn("code", text)
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex("org_units_parent").on("org_units").column("parent_id").execute();

  await db.schema
    .createTable("indicators")
    .addColumn("id", text, (c) => c.primaryKey())
    .addColumn("name", text, (c) => c.notNull().unique())
    .addColumn("unit", text)
    .addColumn("direction", text)
    .addColumn("description", text)
    .execute();
  await db.schema
    .createTable("indicator_aliases")
    .addColumn("alias", text, (c) => c.primaryKey())
    .addColumn("indicator_id", text, (c) => c.notNull().references("indicators.id").onDelete("cascade"))
    .execute();

  await db.schema
    .createTable("periods")
    .addColumn("id", text, (c) => c.primaryKey())
    .addColumn("kind", text, (c) => c.notNull())
    .addColumn("starts_on", text, (c) => c.notNull())
    .addColumn("ends_on", text, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("plans")
    .addColumn("id", text, (c) => c.primaryKey())
    .addColumn("document_id", text, (c) => c.notNull().references("documents.id").onDelete("cascade"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("title", text)
    .addColumn("issuer", text)
    .addColumn("year", "integer")
    .addColumn("status", text, (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("start", "integer", (c) => c.notNull())
    .addColumn("end", "integer", (c) => c.notNull())
    .addColumn("quote", text, (c) => c.notNull())
    .addColumn("created_by", text, (c) => c.references("users.id"))
    .addColumn("created_at", text, (c) => c.notNull())
    .addColumn("updated_at", text, (c) => c.notNull())
    .addColumn("published_by", text, (c) => c.references("users.id"))
    .addColumn("published_at", text)
    .execute();
  await db.schema.createIndex("plans_document").on("plans").column("document_id").execute();

  await db.schema
    .createTable("sections")
    .addColumn("id", text, (c) => c.primaryKey())
    .addColumn("plan_id", text, (c) => c.notNull().references("plans.id").onDelete("cascade"))
    .addColumn("parent_id", text, (c) => c.references("sections.id").onDelete("cascade"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("level", "integer", (c) => c.notNull())
    .addColumn("marker", text, (c) => c.notNull())
    .addColumn("title", text, (c) => c.notNull())
    .addColumn("start", "integer", (c) => c.notNull())
    .addColumn("end", "integer", (c) => c.notNull())
    .addColumn("content_end", "integer", (c) => c.notNull())
    .addColumn("quote", text, (c) => c.notNull())
    .addColumn("review_status", text, (c) => c.notNull())
    .addColumn("origin", text, (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex("sections_plan").on("sections").columns(["plan_id", "position"]).execute();

  await db.schema
    .createTable("tasks")
    .addColumn("id", text, (c) => c.primaryKey())
    .addColumn("plan_id", text, (c) => c.notNull().references("plans.id").onDelete("cascade"))
    .addColumn("section_id", text, (c) => c.references("sections.id").onDelete("set null"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("text", text, (c) => c.notNull())
    .addColumn("deadline_json", text)
    .addColumn("deadline_due", text)
    .addColumn("start", "integer", (c) => c.notNull())
    .addColumn("end", "integer", (c) => c.notNull())
    .addColumn("quote", text, (c) => c.notNull())
    .addColumn("review_status", text, (c) => c.notNull())
    .addColumn("origin", text, (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex("tasks_plan").on("tasks").columns(["plan_id", "position"]).execute();

  await db.schema
    .createTable("task_units")
    .addColumn("task_id", text, (c) => c.notNull().references("tasks.id").onDelete("cascade"))
    .addColumn("unit_id", text, (c) => c.notNull().references("units.id"))
    .addColumn("role", text, (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("name_as_written", text, (c) => c.notNull())
    .addPrimaryKeyConstraint("task_units_pk", ["task_id", "role", "position"])
    .execute();
  await db.schema.createIndex("task_units_unit").on("task_units").column("unit_id").execute();

  await db.schema
    .createTable("quantities")
    .addColumn("id", text, (c) => c.primaryKey())
    .addColumn("plan_id", text, (c) => c.notNull().references("plans.id").onDelete("cascade"))
    .addColumn("section_id", text, (c) => c.references("sections.id").onDelete("set null"))
    .addColumn("kind", text, (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("metric", text, (c) => c.notNull())
    .addColumn("comparator", text, (c) => c.notNull())
    .addColumn("value", "double precision", (c) => c.notNull())
    .addColumn("unit", text, (c) => c.notNull())
    .addColumn("deadline", text)
    .addColumn("baseline_json", text)
    .addColumn("indicator_id", text, (c) => c.references("indicators.id"))
    .addColumn("start", "integer", (c) => c.notNull())
    .addColumn("end", "integer", (c) => c.notNull())
    .addColumn("quote", text, (c) => c.notNull())
    .addColumn("review_status", text, (c) => c.notNull())
    .addColumn("origin", text, (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createIndex("quantities_plan")
    .on("quantities")
    .columns(["plan_id", "kind", "position"])
    .execute();

  await db.schema
    .createTable("submissions")
    .addColumn("id", text, (c) => c.primaryKey())
    .addColumn("unit_id", text, (c) => c.notNull().references("units.id"))
    .addColumn("period_id", text, (c) => c.notNull().references("periods.id"))
    .addColumn("status", text, (c) => c.notNull())
    .addColumn("note", text)
    .addColumn("created_by", text, (c) => c.notNull().references("users.id"))
    .addColumn("created_at", text, (c) => c.notNull())
    .addColumn("decided_by", text, (c) => c.references("users.id"))
    .addColumn("decided_at", text)
    .execute();

  await db.schema
    .createTable("observations")
    .addColumn("id", text, (c) => c.primaryKey())
    .addColumn("indicator_id", text, (c) => c.references("indicators.id"))
    .addColumn("unit_id", text, (c) => c.references("units.id"))
    .addColumn("org_unit_id", text, (c) => c.references("org_units.id"))
    .addColumn("period_id", text, (c) => c.notNull().references("periods.id"))
    .addColumn("value", "double precision", (c) => c.notNull())
    .addColumn("submission_id", text, (c) => c.references("submissions.id"))
    .addColumn("created_by", text, (c) => c.notNull().references("users.id"))
    .addColumn("created_at", text, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("task_progress")
    .addColumn("id", text, (c) => c.primaryKey())
    .addColumn("task_id", text, (c) => c.notNull().references("tasks.id").onDelete("cascade"))
    .addColumn("unit_id", text, (c) => c.notNull().references("units.id"))
    .addColumn("period_id", text, (c) => c.references("periods.id"))
    .addColumn("status", text, (c) => c.notNull())
    .addColumn("note", text)
    .addColumn("submission_id", text, (c) => c.references("submissions.id"))
    .addColumn("created_by", text, (c) => c.notNull().references("users.id"))
    .addColumn("created_at", text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex("task_progress_task").on("task_progress").column("task_id").execute();

  // The audit log's id orders entries: an identity column on both engines.
  await db.schema
    .createTable("audit_log")
    .addColumn("id", postgres ? "serial" : "integer", (c) =>
      postgres ? c.primaryKey() : c.primaryKey().autoIncrement(),
    )
    .addColumn("at", text, (c) => c.notNull())
    .addColumn("user_id", text)
    .addColumn("action", text, (c) => c.notNull())
    .addColumn("entity", text, (c) => c.notNull())
    .addColumn("entity_id", text)
    .addColumn("before_json", text)
    .addColumn("after_json", text)
    .execute();
  await db.schema.createIndex("audit_log_entity").on("audit_log").columns(["entity", "entity_id"]).execute();

  // Append-only is a property of the table, not a promise of the code: updates and deletes are refused.
  if (postgres) {
    await sql`create function audit_log_append_only() returns trigger language plpgsql as $$
      begin raise exception 'audit_log is append-only'; end $$`.execute(db);
    await sql`create trigger audit_log_append_only before update or delete on audit_log
      for each row execute function audit_log_append_only()`.execute(db);
  } else {
    await sql`create trigger audit_log_no_update before update on audit_log
      begin select raise(abort, 'audit_log is append-only'); end`.execute(db);
    await sql`create trigger audit_log_no_delete before delete on audit_log
      begin select raise(abort, 'audit_log is append-only'); end`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (engineOf(db) === "postgres") await sql`drop function audit_log_append_only cascade`.execute(db);
  for (const table of [
    "audit_log",
    "task_progress",
    "observations",
    "submissions",
    "quantities",
    "task_units",
    "tasks",
    "sections",
    "plans",
    "periods",
    "indicator_aliases",
    "indicators",
    "org_units",
    "reporter_units",
    "unit_aliases",
    "units",
    "sessions",
    "user_roles",
    "roles",
    "users",
    "documents",
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
