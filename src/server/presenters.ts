/** Shapes rows into API objects in one place: camelCase, parsed JSON, no password hashes or bytes. */
import type {
  AuditLogRow,
  ObservationRow,
  OrgUnitRow,
  PlanRow,
  QuantityRow,
  SectionRow,
  TaskRow,
} from "../db/schema.js";
import type { IndicatorWithAliases } from "../db/indicator.repository.js";
import type { SubmissionRow } from "../db/submission.repository.js";
import { baselineSchema, comparatorSchema, deadlineSchema } from "../extract/model.js";
import type {
  AuditResponse,
  PlanResponse,
  QuantityResponse,
  SectionResponse,
  TaskResponse,
  UnitResponse,
} from "./responses.js";
import { quantityResponse } from "./responses.js";
import type { DocumentMeta, PlanCounts } from "../db/plan.repository.js";
import type { TaskUnitRef } from "../db/plan-item.repository.js";
import type { UnitWithAliases } from "../db/unit.repository.js";
import type { TaskProgressRow } from "../db/progress.repository.js";
import type { Page } from "../db/page.js";
import { deadlineRuleOf } from "./reporting-form.service.js";

const parse = (json: string | null): unknown => (json === null ? null : JSON.parse(json));
// Stored JSON was written from the extractor's validated model, so it is read back as that model.
const parseDeadline = (json: string | null) =>
  json === null ? null : deadlineSchema.parse(JSON.parse(json));
const parseBaseline = (json: string | null) =>
  json === null ? null : baselineSchema.parse(JSON.parse(json));

export function presentPage<R, T>(page: Page<R>, present: (row: R) => T) {
  return { items: page.items.map(present), total: page.total, page: page.page, pageSize: page.pageSize };
}

export function presentDocument(d: DocumentMeta) {
  return {
    id: d.id,
    fileName: d.file_name,
    format: d.format,
    sha256: d.sha256,
    size: d.size,
    uploadedAt: d.uploaded_at,
  };
}

export function presentPlan(
  p: PlanRow,
  extra: { document?: DocumentMeta; counts?: PlanCounts } = {},
): PlanResponse {
  return {
    id: p.id,
    documentId: p.document_id,
    position: p.position,
    title: p.title,
    issuer: p.issuer,
    year: p.year,
    status: p.status,
    version: p.version,
    start: p.start,
    end: p.end,
    quote: p.quote,
    createdAt: p.created_at,
    updatedAt: p.updated_at,
    publishedAt: p.published_at,
    ...(extra.document ? { document: presentDocument(extra.document) } : {}),
    ...(extra.counts ? { counts: extra.counts } : {}),
  };
}

export function presentSection(s: SectionRow): SectionResponse {
  return {
    id: s.id,
    planId: s.plan_id,
    parentId: s.parent_id,
    position: s.position,
    level: s.level,
    marker: s.marker,
    title: s.title,
    start: s.start,
    end: s.end,
    contentEnd: s.content_end,
    quote: s.quote,
    reviewStatus: s.review_status,
    origin: s.origin,
    version: s.version,
  };
}

export function presentTask(t: TaskRow, units: readonly TaskUnitRef[]): TaskResponse {
  const mine = units.filter((u) => u.taskId === t.id);
  const ref = (u: TaskUnitRef) => ({ id: u.unitId, name: u.unitName, nameAsWritten: u.nameAsWritten });
  return {
    id: t.id,
    planId: t.plan_id,
    sectionId: t.section_id,
    position: t.position,
    text: t.text,
    leadUnits: mine.filter((u) => u.role === "lead").map(ref),
    partnerUnits: mine.filter((u) => u.role === "partner").map(ref),
    deadline: parseDeadline(t.deadline_json),
    deadlineDue: t.deadline_due,
    start: t.start,
    end: t.end,
    quote: t.quote,
    reviewStatus: t.review_status,
    origin: t.origin,
    version: t.version,
  };
}

export function presentQuantity(q: QuantityRow): QuantityResponse {
  return {
    id: q.id,
    planId: q.plan_id,
    sectionId: q.section_id,
    kind: q.kind,
    position: q.position,
    metric: q.metric,
    comparator: comparatorSchema.parse(q.comparator),
    value: q.value,
    unit: q.unit,
    deadline: q.deadline,
    baseline: parseBaseline(q.baseline_json),
    indicatorId: q.indicator_id,
    link: parseLink(q.link_status, q.link_json),
    start: q.start,
    end: q.end,
    quote: q.quote,
    reviewStatus: q.review_status,
    origin: q.origin,
    version: q.version,
  };
}

export function presentUnit(u: UnitWithAliases): UnitResponse {
  return {
    id: u.id,
    name: u.name,
    aliases: u.aliases,
    status: u.status,
    version: u.version,
    createdAt: u.created_at,
  };
}

export interface OrgUnitNode {
  id: string;
  parentId: string | null;
  name: string;
  level: string;
  code: string | null;
  version: number;
  children: OrgUnitNode[];
}

export function presentOrgUnit(o: OrgUnitRow): OrgUnitNode {
  return {
    id: o.id,
    parentId: o.parent_id,
    name: o.name,
    level: o.level,
    code: o.code,
    version: o.version,
    children: [],
  };
}

/** The org unit tree: roots first, children nested, siblings by name. */
export function orgUnitTree(rows: readonly OrgUnitRow[]): OrgUnitNode[] {
  const nodes = new Map(rows.map((r) => [r.id, presentOrgUnit(r)]));
  const roots: OrgUnitNode[] = [];
  for (const n of nodes.values()) {
    const parent = n.parentId ? nodes.get(n.parentId) : undefined;
    (parent ? parent.children : roots).push(n);
  }
  return roots;
}

export function presentAudit(a: AuditLogRow): AuditResponse {
  return {
    id: a.id,
    at: a.at,
    userId: a.user_id,
    action: a.action,
    entity: a.entity,
    entityId: a.entity_id,
    before: parse(a.before_json),
    after: parse(a.after_json),
  };
}

export function presentProgress(p: TaskProgressRow) {
  return {
    id: p.id,
    taskId: p.task_id,
    unitId: p.unit_id,
    periodId: p.period_id,
    status: p.status,
    note: p.note,
    createdBy: p.created_by,
    createdAt: p.created_at,
  };
}

export function presentIndicator(i: IndicatorWithAliases) {
  return {
    id: i.id,
    name: i.name,
    aliases: i.aliases,
    unit: i.unit,
    direction: i.direction,
    description: i.description,
    version: i.version,
    code: i.code,
    type: i.type,
    numerator: i.numerator,
    denominator: i.denominator,
    frequency: i.frequency,
    level: i.report_level,
    deadlineRule: deadlineRuleOf(i.deadline_rule_json),
    unitIds: i.unit_ids,
  };
}

export function presentObservation(o: ObservationRow) {
  return {
    id: o.id,
    indicatorId: o.indicator_id,
    unitId: o.unit_id,
    orgUnitId: o.org_unit_id,
    periodId: o.period_id,
    value: o.value,
    numerator: o.numerator,
    denominator: o.denominator,
    submissionId: o.submission_id,
    createdBy: o.created_by,
    createdAt: o.created_at,
    status: o.status,
    definition: o.definition,
  };
}

export function presentSubmission(s: SubmissionRow) {
  return {
    id: s.id,
    unitId: s.unit_id,
    periodId: s.period_id,
    status: s.status,
    note: s.note,
    createdBy: s.created_by,
    createdAt: s.created_at,
    decidedBy: s.decided_by,
    decidedAt: s.decided_at,
    submittedAt: s.submitted_at,
    reopenedAt: s.reopened_at,
    reopenedBy: s.reopened_by,
    reopenReason: s.reopen_reason,
  };
}

const linkShape = quantityResponse.shape.link.unwrap();
const linkJson = linkShape.omit({ status: true });
const linkStatus = linkShape.shape.status;

/** A quantity's stored indicator link; rows imported before linking existed have none. */
function parseLink(status: string | null, json: string | null): QuantityResponse["link"] {
  const s = linkStatus.safeParse(status);
  if (!s.success) return null;
  const detail = linkJson.safeParse(parse(json));
  return {
    status: s.data,
    ...(detail.success ? detail.data : { score: null, reason: null, candidates: [] }),
  };
}
