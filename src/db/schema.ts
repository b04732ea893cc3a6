/**
 * The database's tables as TypeScript types: the one description Kysely checks every query against.
 * Portable choices, so one set of queries runs on SQLite and PostgreSQL alike: ids are text (UUIDs made by
 * the application), times are ISO-8601 text in UTC, JSON is text, flags are small text enums, and every
 * extracted row keeps `start`/`end` offsets into its document's text and the `quote` found there.
 */
import type { Generated, Insertable, Selectable, Updateable } from "kysely";

export type ReviewStatus = "pending" | "accepted" | "rejected";
/** Where a row came from: read by the extractor, or added by a reviewer ("add what was missed"). */
export type RowOrigin = "extracted" | "added";
export type PlanStatus = "draft" | "published";
export type RoleName = "admin" | "planner" | "reporter" | "viewer";
export type UnitStatus = "confirmed" | "proposed";
export type TaskUnitRole = "lead" | "partner";
export type QuantityKind = "target" | "actual";
export type ObservationStatus = "pending" | "approved" | "returned";

export interface DocumentTable {
  id: string;
  file_name: string;
  format: string;
  sha256: string;
  size: number;
  bytes: Uint8Array;
  /** The decoded text every offset of the document's plans points into. */
  text: string;
  uploaded_by: string | null;
  uploaded_at: string;
}

export interface PlanTable {
  id: string;
  document_id: string;
  /** Position of the plan within its document (a page may hold several plans). */
  position: number;
  title: string | null;
  issuer: string | null;
  year: number | null;
  status: PlanStatus;
  /** Optimistic lock: every change bumps it; a change sent with an older one is refused. */
  version: number;
  start: number;
  end: number;
  quote: string;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  published_by: string | null;
  published_at: string | null;
}

export interface SectionTable {
  id: string;
  plan_id: string;
  parent_id: string | null;
  position: number;
  level: number;
  marker: string;
  title: string;
  start: number;
  end: number;
  content_end: number;
  quote: string;
  review_status: ReviewStatus;
  origin: RowOrigin;
  version: number;
}

export interface TaskTable {
  id: string;
  plan_id: string;
  section_id: string | null;
  position: number;
  text: string;
  /** The deadline as the extractor read it (model `Deadline`), JSON; `deadline_due` repeats its date for filters. */
  deadline_json: string | null;
  deadline_due: string | null;
  start: number;
  end: number;
  quote: string;
  review_status: ReviewStatus;
  origin: RowOrigin;
  version: number;
}

export interface TaskUnitTable {
  task_id: string;
  unit_id: string;
  role: TaskUnitRole;
  position: number;
  /** The unit's name as the plan wrote it, kept when the unit is matched, renamed or merged. */
  name_as_written: string;
}

export interface QuantityTable {
  id: string;
  plan_id: string;
  section_id: string | null;
  kind: QuantityKind;
  position: number;
  metric: string;
  comparator: string;
  value: number;
  unit: string;
  deadline: string | null;
  baseline_json: string | null;
  indicator_id: string | null;
  /** suggested (linked by name/alias at import), confirmed (by a planner), candidates, unlinked. */
  link_status: string | null;
  /** The linker's result: score, reason and candidates for the reviewer, JSON. */
  link_json: string | null;
  start: number;
  end: number;
  quote: string;
  review_status: ReviewStatus;
  origin: RowOrigin;
  version: number;
}

export interface UnitTable {
  id: string;
  name: string;
  status: UnitStatus;
  version: number;
  created_at: string;
}

export interface UnitAliasTable {
  alias: string;
  unit_id: string;
}

export interface OrgUnitTable {
  id: string;
  parent_id: string | null;
  name: string;
  /** province, city, county, township, village or institution. */
  level: string;
  code: string | null;
  version: number;
}

export interface IndicatorTable {
  id: string;
  name: string;
  unit: string | null;
  /** "higher" when more is better, "lower" when less is better. */
  direction: string | null;
  description: string | null;
  version: number;
  /** Catalogue code (LIFE_EXPECTANCY); null for indicators a planner added by hand. */
  code: string | null;
  /** Domain `IndicatorType`: how values roll up; null reads as "number" (does not aggregate). */
  type: string | null;
  numerator: string | null;
  denominator: string | null;
  /** Reference targets (健康中国行动 …), JSON array. */
  references_json: string | null;
  /** How often it is reported: monthly | quarterly | yearly (default yearly). */
  frequency: Generated<string>;
  /** The org-unit level it is reported at (county, township, institution …); null = the reporter's own org units. */
  report_level: string | null;
  /** Reporting deadline (`DeadlineRule`), JSON; null = the default rule. */
  deadline_rule_json: string | null;
}

export interface IndicatorAliasTable {
  alias: string;
  indicator_id: string;
}

export interface PeriodTable {
  /** ISO-like id: 2024, 2024H1, 2024Q1, 2024M03. */
  id: string;
  kind: string;
  starts_on: string;
  ends_on: string;
}

export interface SubmissionTable {
  id: string;
  unit_id: string;
  period_id: string;
  status: string;
  note: string | null;
  created_by: string;
  created_at: string;
  decided_by: string | null;
  decided_at: string | null;
  /** When it was last submitted: timeliness is measured from this, not from created_at. */
  submitted_at: string | null;
  reopened_at: string | null;
  reopened_by: string | null;
  reopen_reason: string | null;
}

/** Which plan units (departments) report an indicator. */
export interface IndicatorUnitTable {
  indicator_id: string;
  unit_id: string;
}

/** A file backing one reported value (台账), kept in the database like documents. */
export interface EvidenceTable {
  id: string;
  observation_id: string;
  file_name: string;
  mime: string;
  size: number;
  sha256: string;
  bytes: Uint8Array;
  uploaded_by: string;
  uploaded_at: string;
}

export interface ObservationTable {
  id: string;
  indicator_id: string | null;
  unit_id: string | null;
  org_unit_id: string | null;
  period_id: string;
  value: number;
  numerator: number | null;
  denominator: number | null;
  submission_id: string | null;
  created_by: string;
  created_at: string;
  /** pending | approved | returned: only approved values count in roll-ups, statuses and completeness. */
  status: ObservationStatus;
  /** Why a reviewer returned this single value. */
  return_reason: string | null;
  /** The definition (统计口径) the value was counted by. */
  definition: string | null;
  /** {value, numerator, denominator, definition} as last approved, JSON: "changed since approval". */
  approved_json: string | null;
  updated_at: string | null;
  updated_by: string | null;
}

/**
 * `observations.batch_id` (exchange migration): the import batch that wrote a value, null for values of a
 * form. Kept out of ObservationTable so code building whole observation rows need not know it; the
 * exchange repository adds it with `db.withTables<ObservationBatchColumn>()`.
 */
export type ObservationBatchColumn = {
  observations: { batch_id: string | null };
};

/** One bulk import (DHIS2 dataValueSets): its source, size and outcome; its values point to it. */
export interface ImportBatchTable {
  id: string;
  source: string;
  file_name: string | null;
  rows: number;
  imported: number;
  replaced: number;
  ignored: number;
  created_by: string;
  created_at: string;
}

export interface TaskProgressTable {
  id: string;
  task_id: string;
  unit_id: string;
  period_id: string | null;
  status: string;
  note: string | null;
  submission_id: string | null;
  created_by: string;
  created_at: string;
}

export interface UserTable {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  /** "1" until the user replaces a generated one-time password. */
  must_change_password: number;
  disabled: number;
  version: number;
  created_at: string;
}

export interface RoleTable {
  name: RoleName;
  description: string;
}

export interface UserRoleTable {
  user_id: string;
  role: RoleName;
}

export interface ReporterUnitTable {
  user_id: string;
  unit_id: string;
}

export interface ReporterOrgUnitTable {
  user_id: string;
  org_unit_id: string;
}

export interface SessionTable {
  /** sha256 of the cookie's token: a leaked table does not leak live sessions. */
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  expires_at: string;
}

export interface AuditLogTable {
  /** Monotonic within one database (serial / autoincrement), so entries keep their order within a millisecond. */
  id: Generated<number>;
  at: string;
  user_id: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  before_json: string | null;
  after_json: string | null;
}

export interface AssessmentSchemeTable {
  id: string;
  plan_id: string;
  name: string;
  /** The period assessed: 2025 for a 年考核, 2025Q1 for a quarter. */
  period_id: string;
  /** Scoring rules (partial credit, late penalty, caps), JSON. */
  rules_json: string;
  /** draft | published */
  status: string;
  version: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface AssessmentItemTable {
  id: string;
  scheme_id: string;
  /** target | task */
  kind: string;
  item_id: string;
  /** Relative weight (≥ 0); scores are normalised to 100 points per assessed unit. */
  weight: number;
  /** The only org unit scored on the item, or null for every assessed org unit. */
  unit_id: string | null;
  position: number;
}

export interface AssessmentAdjustmentTable {
  id: string;
  scheme_id: string;
  unit_id: string;
  /** bonus | deduction */
  kind: string;
  points: number;
  reason: string;
  evidence: string | null;
  created_by: string | null;
  created_at: string;
}

export interface PublicPlanTable {
  plan_id: string;
  published: number;
  updated_by: string | null;
  updated_at: string;
}

export interface PublicTargetTable {
  plan_id: string;
  target_id: string;
  position: number;
}

export interface SupervisionTable {
  task_id: string;
  plan_id: string;
  /** Domain `TaskStatus`. */
  status: string;
  deadline: string;
  original_deadline: string;
  /** The domain `TaskState`, JSON. */
  state_json: string;
  assigned_at: string;
  assigned_by: string;
  accepted_at: string | null;
  closed_at: string | null;
  closed_on: string | null;
  /** Working days late at closing (> 0: 超期办结). */
  late: number;
  score: number | null;
  last_feedback_at: string | null;
  last_feedback_text: string | null;
  percent: number;
  version: number;
  updated_at: string;
}

export interface SupervisionEventTable {
  id: string;
  task_id: string;
  seq: number;
  kind: string;
  on_day: string;
  at: string;
  user_id: string | null;
  unit_id: string | null;
  data_json: string;
}

export interface SupervisionNoticeTable {
  task_id: string;
  on_day: string;
  kind: string;
  at: string;
}

export interface RectificationItemTable {
  id: string;
  plan_id: string | null;
  task_id: string | null;
  source: string;
  problem: string;
  measures: string;
  leader: string | null;
  unit_id: string | null;
  person: string | null;
  deadline: string | null;
  /** open | closed (销号). */
  status: string;
  closed_at: string | null;
  closed_by: string | null;
  close_note: string | null;
  version: number;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface RectificationUpdateTable {
  id: string;
  item_id: string;
  note: string;
  created_by: string;
  created_at: string;
}

export interface NotificationTable {
  id: string;
  user_id: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  created_at: string;
  read_at: string | null;
}

export interface OutboxTable {
  id: string;
  notification_id: string | null;
  to_address: string;
  subject: string;
  body: string;
  /** pending | sent | failed. */
  status: string;
  attempts: number;
  last_error: string | null;
  next_attempt_at: string;
  created_at: string;
  sent_at: string | null;
}

/** When an org unit first reported for a period (analytics migration), for completeness. */
export interface ReportingFirstTable {
  period_id: string;
  org_unit_id: string;
  first_at: string;
  refreshed_at: string;
}

/** Approved values pre-aggregated over an org unit's subtree (analytics migration); rows only for org units with children. */
export interface ObservationRollupTable {
  indicator_id: string;
  org_unit_id: string;
  period_id: string;
  value_sum: number;
  value_count: number;
  numerator_sum: number;
  denominator_sum: number;
  ratio_count: number;
  refreshed_at: string;
}

export interface Database {
  documents: DocumentTable;
  plans: PlanTable;
  sections: SectionTable;
  tasks: TaskTable;
  task_units: TaskUnitTable;
  quantities: QuantityTable;
  units: UnitTable;
  unit_aliases: UnitAliasTable;
  org_units: OrgUnitTable;
  indicators: IndicatorTable;
  indicator_aliases: IndicatorAliasTable;
  periods: PeriodTable;
  submissions: SubmissionTable;
  observations: ObservationTable;
  task_progress: TaskProgressTable;
  users: UserTable;
  roles: RoleTable;
  user_roles: UserRoleTable;
  reporter_units: ReporterUnitTable;
  reporter_org_units: ReporterOrgUnitTable;
  sessions: SessionTable;
  audit_log: AuditLogTable;
  observation_rollups: ObservationRollupTable;
  reporting_firsts: ReportingFirstTable;
  indicator_units: IndicatorUnitTable;
  evidence: EvidenceTable;
  assessment_schemes: AssessmentSchemeTable;
  assessment_items: AssessmentItemTable;
  assessment_adjustments: AssessmentAdjustmentTable;
  public_plans: PublicPlanTable;
  public_targets: PublicTargetTable;
  supervision: SupervisionTable;
  supervision_events: SupervisionEventTable;
  supervision_notices: SupervisionNoticeTable;
  rectification_items: RectificationItemTable;
  rectification_updates: RectificationUpdateTable;
  notifications: NotificationTable;
  outbox: OutboxTable;
  import_batches: ImportBatchTable;
}

export type PlanRow = Selectable<PlanTable>;
export type NewPlan = Insertable<PlanTable>;
export type PlanUpdate = Updateable<PlanTable>;
export type SectionRow = Selectable<SectionTable>;
export type TaskRow = Selectable<TaskTable>;
export type QuantityRow = Selectable<QuantityTable>;
export type UnitRow = Selectable<UnitTable>;
export type OrgUnitRow = Selectable<OrgUnitTable>;
export type UserRow = Selectable<UserTable>;
export type AuditLogRow = Selectable<AuditLogTable>;
export type DocumentRow = Selectable<DocumentTable>;
export type IndicatorRow = Selectable<IndicatorTable>;
export type ObservationRow = Selectable<ObservationTable>;
