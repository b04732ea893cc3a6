/**
 * Supervision (督查督办): one supervision row per assigned task (its state in the chain, deadline in force,
 * timeliness and score) with an append-only event log; the marks that keep the reminder scan to one
 * notice per task and day; rectification ledgers (整改台账) with their progress notes; in-app
 * notifications and the e-mail outbox (a failed send stays queued and is retried); users get an e-mail.
 */
import type { Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  const text = "text";
  await db.schema.alterTable("users").addColumn("email", text).execute();

  await db.schema
    .createTable("supervision")
    .addColumn("task_id", text, (c) => c.primaryKey().references("tasks.id").onDelete("cascade"))
    .addColumn("plan_id", text, (c) => c.notNull().references("plans.id").onDelete("cascade"))
    // domain TaskStatus: assigned, accepted, in_progress, extension_requested, closure_requested, …
    .addColumn("status", text, (c) => c.notNull())
    .addColumn("deadline", text, (c) => c.notNull())
    .addColumn("original_deadline", text, (c) => c.notNull())
    // the whole domain TaskState, JSON: the columns above repeat what lists filter on
    .addColumn("state_json", text, (c) => c.notNull())
    .addColumn("assigned_at", text, (c) => c.notNull())
    .addColumn("assigned_by", text, (c) => c.notNull())
    .addColumn("accepted_at", text)
    .addColumn("closed_at", text)
    .addColumn("closed_on", text)
    // working days late at closing: > 0 is 超期办结
    .addColumn("late", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("score", "double precision")
    .addColumn("last_feedback_at", text)
    .addColumn("last_feedback_text", text)
    .addColumn("percent", "double precision", (c) => c.notNull().defaultTo(0))
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("updated_at", text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex("supervision_plan").on("supervision").column("plan_id").execute();

  await db.schema
    .createTable("supervision_events")
    .addColumn("id", text, (c) => c.primaryKey())
    .addColumn("task_id", text, (c) => c.notNull().references("tasks.id").onDelete("cascade"))
    .addColumn("seq", "integer", (c) => c.notNull())
    .addColumn("kind", text, (c) => c.notNull())
    // the working day the event counts on (Asia/Shanghai), and the instant it was recorded
    .addColumn("on_day", text, (c) => c.notNull())
    .addColumn("at", text, (c) => c.notNull())
    .addColumn("user_id", text)
    .addColumn("unit_id", text)
    .addColumn("data_json", text, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("supervision_events_task")
    .on("supervision_events")
    .columns(["task_id", "seq"])
    .unique()
    .execute();

  // One 临近提醒 / 催办 per task, kind and day, however often the scan runs.
  await db.schema
    .createTable("supervision_notices")
    .addColumn("task_id", text, (c) => c.notNull().references("tasks.id").onDelete("cascade"))
    .addColumn("on_day", text, (c) => c.notNull())
    .addColumn("kind", text, (c) => c.notNull())
    .addColumn("at", text, (c) => c.notNull())
    .addPrimaryKeyConstraint("supervision_notices_pk", ["task_id", "on_day", "kind"])
    .execute();

  await db.schema
    .createTable("rectification_items")
    .addColumn("id", text, (c) => c.primaryKey())
    .addColumn("plan_id", text, (c) => c.references("plans.id").onDelete("set null"))
    .addColumn("task_id", text, (c) => c.references("tasks.id").onDelete("set null"))
    .addColumn("source", text, (c) => c.notNull())
    .addColumn("problem", text, (c) => c.notNull())
    .addColumn("measures", text, (c) => c.notNull())
    .addColumn("leader", text)
    .addColumn("unit_id", text, (c) => c.references("units.id").onDelete("set null"))
    .addColumn("person", text)
    .addColumn("deadline", text)
    .addColumn("status", text, (c) => c.notNull())
    .addColumn("closed_at", text)
    .addColumn("closed_by", text)
    .addColumn("close_note", text)
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("created_by", text, (c) => c.notNull())
    .addColumn("created_at", text, (c) => c.notNull())
    .addColumn("updated_at", text, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("rectification_items_status")
    .on("rectification_items")
    .columns(["status", "deadline"])
    .execute();

  await db.schema
    .createTable("rectification_updates")
    .addColumn("id", text, (c) => c.primaryKey())
    .addColumn("item_id", text, (c) => c.notNull().references("rectification_items.id").onDelete("cascade"))
    .addColumn("note", text, (c) => c.notNull())
    .addColumn("created_by", text, (c) => c.notNull())
    .addColumn("created_at", text, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("rectification_updates_item")
    .on("rectification_updates")
    .column("item_id")
    .execute();

  await db.schema
    .createTable("notifications")
    .addColumn("id", text, (c) => c.primaryKey())
    .addColumn("user_id", text, (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("kind", text, (c) => c.notNull())
    .addColumn("title", text, (c) => c.notNull())
    .addColumn("body", text, (c) => c.notNull())
    .addColumn("link", text)
    .addColumn("created_at", text, (c) => c.notNull())
    .addColumn("read_at", text)
    .execute();
  await db.schema
    .createIndex("notifications_user")
    .on("notifications")
    .columns(["user_id", "read_at"])
    .execute();

  await db.schema
    .createTable("outbox")
    .addColumn("id", text, (c) => c.primaryKey())
    .addColumn("notification_id", text)
    .addColumn("to_address", text, (c) => c.notNull())
    .addColumn("subject", text, (c) => c.notNull())
    .addColumn("body", text, (c) => c.notNull())
    // pending until sent; failed after too many attempts (kept, never deleted)
    .addColumn("status", text, (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("last_error", text)
    .addColumn("next_attempt_at", text, (c) => c.notNull())
    .addColumn("created_at", text, (c) => c.notNull())
    .addColumn("sent_at", text)
    .execute();
  await db.schema.createIndex("outbox_due").on("outbox").columns(["status", "next_attempt_at"]).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    "outbox",
    "notifications",
    "rectification_updates",
    "rectification_items",
    "supervision_notices",
    "supervision_events",
    "supervision",
  ])
    await db.schema.dropTable(t).execute();
  await db.schema.alterTable("users").dropColumn("email").execute();
}
