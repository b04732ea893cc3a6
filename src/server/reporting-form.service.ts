/**
 * The reporting form (填报表) of a submission: which indicator × org-unit cells a unit reports for a period,
 * the values entered so far with their review status and evidence, and entering values — from the web form
 * or from the Excel template — all at once or not at all.
 *
 * Which cells: the indicators assigned to the submission's unit (indicator_units) whose reporting frequency
 * matches the period (2025M03 → monthly, 2025Q1 → quarterly, 2025 → yearly; half-years have no indicators),
 * times the org units of the reporter who opened the submission (reporter_org_units). When a planner opened
 * it (a planner is bound to no org unit), the org units of every reporter bound to the unit are used. An
 * indicator with a report level is reported by each org unit of that level inside those org units (a
 * reporter bound to a county reports a township-level indicator once per township); without one, by the
 * bound org units themselves. Values already stored outside that grid stay visible as extra rows.
 */
import { randomUUID } from "node:crypto";
import type { Db } from "../db/database.js";
import { AnalyticsRepository } from "../db/analytics.repository.js";
import { AuditRepository } from "../db/audit.repository.js";
import { OrgUnitRepository } from "../db/org-unit.repository.js";
import { ProgressRepository } from "../db/progress.repository.js";
import type { ObservationRow, OrgUnitRow } from "../db/schema.js";
import {
  SubmissionRepository,
  type EvidenceMeta,
  type ReportedIndicator,
  type SubmissionRow,
} from "../db/submission.repository.js";
import { checkObservation, scaleOf } from "../domain/indicators/index.js";
import {
  deadlineRuleSchema,
  periodOf,
  previousPeriod,
  reportingDeadline,
  type DeadlineRule,
  type PeriodKind,
} from "../domain/periods/index.js";
import type { Principal } from "./auth.service.js";
import { errors } from "./errors.js";
import { hasRole } from "./http.js";
import { typeOf } from "./indicator-link.js";
import { DEFAULT_DEADLINE_RULE, issueOf } from "./monitoring.service.js";
import { cellError, HEADER_ROW, readTemplate, templateWorkbook } from "./reporting-template.js";
import { changedSinceApproval, checkUnit, isEditable } from "./submission.service.js";

export const frequencies = ["monthly", "quarterly", "yearly"] as const;
export type ReportingFrequency = (typeof frequencies)[number];

const frequencyOfKind: Record<PeriodKind, ReportingFrequency | null> = {
  month: "monthly",
  quarter: "quarterly",
  year: "yearly",
  half: null,
};

/** One value as entered: missing value/numerator/denominator are empty; a missing definition is kept. */
export interface ValueInput {
  indicatorId: string;
  orgUnitId: string;
  value?: number | null | undefined;
  numerator?: number | null | undefined;
  denominator?: number | null | undefined;
  definition?: string | null | undefined;
}

/** Why one entered value was refused, naming its place in the request (and in the workbook, if any). */
export interface ValueError {
  index: number;
  indicatorId: string;
  orgUnitId: string;
  field: "value" | "numerator" | "denominator" | "definition" | "indicatorId";
  code: string;
  message: string;
  messageEn: string;
}

export interface FormRow {
  indicator: ReportedIndicator;
  orgUnit: Pick<OrgUnitRow, "id" | "name" | "level">;
  observation: ObservationRow | null;
  evidence: EvidenceMeta[];
  warnings: ReturnType<typeof issueOf>[];
}

export interface Form {
  submission: SubmissionRow;
  unitName: string;
  deadline: string;
  editable: boolean;
  changedSinceApproval: number;
  rows: FormRow[];
}

const key = (indicatorId: string, orgUnitId: string) => `${indicatorId}|${orgUnitId}`;
const has = (x: number | null | undefined): x is number => typeof x === "number";

/** The stored deadline rule of an indicator, or the default. */
export function deadlineRuleOf(json: string | null): DeadlineRule {
  if (!json) return DEFAULT_DEADLINE_RULE;
  const r = deadlineRuleSchema.safeParse(JSON.parse(json));
  return r.success ? r.data : DEFAULT_DEADLINE_RULE;
}

/**
 * The org units an indicator is reported for: with a level, every org unit of that level in the subtrees of
 * the bound org units (the bound one included); without, the bound org units themselves. Linear in the tree.
 */
export function cellOrgUnits(
  tree: readonly OrgUnitRow[],
  bound: readonly string[],
  level: string | null,
): OrgUnitRow[] {
  const byId = new Map(tree.map((n) => [n.id, n]));
  if (!level) return [...new Set(bound)].flatMap((id) => byId.get(id) ?? []);
  const children = new Map<string, OrgUnitRow[]>();
  for (const n of tree) {
    if (!n.parent_id) continue;
    const list = children.get(n.parent_id);
    if (list) list.push(n);
    else children.set(n.parent_id, [n]);
  }
  const out = new Map<string, OrgUnitRow>();
  const stack = [...bound].reverse().flatMap((id) => byId.get(id) ?? []);
  const seen = new Set<string>();
  while (stack.length > 0) {
    const n = stack.pop() as OrgUnitRow;
    if (seen.has(n.id)) continue;
    seen.add(n.id);
    if (n.level === level) out.set(n.id, n);
    stack.push(...[...(children.get(n.id) ?? [])].reverse());
  }
  return [...out.values()];
}

const valueErrorEn: Record<string, string> = {
  not_in_form: "this indicator and org unit are not in the form",
  duplicate: "the same cell is given twice",
  approved_locked: "an approved value is locked until the form is reopened",
  definition_too_long: "the definition is longer than 500 characters",
};

export class ReportingFormService {
  constructor(private readonly db: Db) {}

  private repos(db: Db) {
    return {
      submissions: new SubmissionRepository(db),
      orgUnits: new OrgUnitRepository(db),
      periods: new ProgressRepository(db),
      audit: new AuditRepository(db),
    };
  }

  /** The submission, checked for the user: reporters only for their own units. */
  private async submissionFor(db: Db, user: Principal, id: string): Promise<SubmissionRow> {
    const submission = await new SubmissionRepository(db).get(id);
    if (!submission) throw errors.notFound("submission", id);
    if (user.roles.includes("reporter") && !hasRole(user, ["planner"])) checkUnit(user, submission.unit_id);
    return submission;
  }

  /** The form as the user sees it: `editable` only when the form is open AND this user may enter values. */
  async form(user: Principal, id: string): Promise<Form> {
    const submission = await this.submissionFor(this.db, user, id);
    const form = await this.build(this.db, submission);
    const mayEnter =
      hasRole(user, ["planner"]) ||
      (user.roles.includes("reporter") && user.unitIds.includes(submission.unit_id));
    return { ...form, editable: form.editable && mayEnter };
  }

  /** The cells of a submission's form with the values stored in them. */
  async build(db: Db, submission: SubmissionRow): Promise<Form> {
    const r = this.repos(db);
    const period = periodOf(submission.period_id);
    const frequency = frequencyOfKind[period.kind];
    const indicators = frequency ? await r.submissions.indicatorsOfUnit(submission.unit_id, frequency) : [];
    let bound = await r.submissions.orgUnitsOfUser(submission.created_by);
    if (bound.length === 0) bound = await r.submissions.orgUnitsOfUnitReporters(submission.unit_id);
    const tree = await r.orgUnits.all();
    const observations = await r.submissions.observationsOf(submission.id);
    const stored = new Map(observations.map((o) => [key(o.indicator_id ?? "", o.org_unit_id ?? ""), o]));
    const rows: Array<Omit<FormRow, "evidence" | "warnings">> = [];
    const seen = new Set<string>();
    for (const indicator of indicators)
      for (const org of cellOrgUnits(tree, bound, indicator.report_level)) {
        const k = key(indicator.id, org.id);
        seen.add(k);
        rows.push({
          indicator,
          orgUnit: { id: org.id, name: org.name, level: org.level },
          observation: stored.get(k) ?? null,
        });
      }
    // values stored outside the grid (an indicator unassigned since, a value reported another way) stay visible
    const extra = observations.filter(
      (o) => o.org_unit_id && !seen.has(key(o.indicator_id ?? "", o.org_unit_id)),
    );
    if (extra.length > 0) {
      const all = await db.selectFrom("indicators").selectAll().execute();
      for (const o of extra) {
        const indicator = all.find((i) => i.id === o.indicator_id);
        const org = tree.find((n) => n.id === o.org_unit_id);
        if (!indicator || !org) continue;
        rows.push({ indicator, orgUnit: { id: org.id, name: org.name, level: org.level }, observation: o });
      }
    }
    const evidence = new Map<string, EvidenceMeta[]>();
    for (const e of await r.submissions.evidenceOf(observations.map((o) => o.id)))
      evidence.set(e.observation_id, [...(evidence.get(e.observation_id) ?? []), e]);
    const previous = await this.previousValues(
      db,
      rows.map((x) => x.indicator.id),
      submission.period_id,
    );
    const unit = await db
      .selectFrom("units")
      .select("name")
      .where("id", "=", submission.unit_id)
      .executeTakeFirst();
    // the form is due when its earliest indicator is due
    const deadlines = (indicators.length > 0 ? indicators : [null])
      .map((i) => reportingDeadline(submission.period_id, deadlineRuleOf(i?.deadline_rule_json ?? null)))
      .sort();
    return {
      submission,
      unitName: unit?.name ?? "",
      deadline: deadlines[0] as string,
      editable: isEditable(submission.status),
      changedSinceApproval: observations.filter(changedSinceApproval).length,
      rows: rows.map((row) => ({
        ...row,
        evidence: (row.observation && evidence.get(row.observation.id)) ?? [],
        warnings: row.observation ? warningsOf(row.indicator, row.observation, previous) : [],
      })),
    };
  }

  /** The latest approved value of the previous period per indicator × org unit. */
  private async previousValues(
    db: Db,
    indicatorIds: string[],
    periodId: string,
  ): Promise<Map<string, number>> {
    const prev = previousPeriod(periodId).id;
    const values = await new SubmissionRepository(db).approvedIn([...new Set(indicatorIds)], prev);
    return new Map(values.map((v) => [key(v.indicator_id, v.org_unit_id), v.value]));
  }

  /**
   * Enters values into a draft or returned form, all in one transaction: any refused value refuses them all
   * (422, one entry per refused field with its index in the request). Warnings (a sudden jump) do not block:
   * they come back on the form's rows. Every change is audited.
   */
  async putValues(
    user: Principal,
    id: string,
    values: readonly ValueInput[],
    describe: (e: ValueError) => ValueError = (e) => e,
    unreadable: readonly ValueError[] = [],
  ): Promise<Form> {
    try {
      return await this.writeValues(user, id, values, describe, unreadable);
    } catch (e) {
      // two saves creating the same cell at once: the form's unique index refuses the second
      if (isUniqueViolation(e))
        throw errors.conflict(
          "CONCURRENT_EDIT",
          "数值刚被他人同时修改，请刷新后重试",
          "The values were changed by someone else at the same time: reload and retry",
        );
      throw e;
    }
  }

  private async writeValues(
    user: Principal,
    id: string,
    values: readonly ValueInput[],
    describe: (e: ValueError) => ValueError,
    unreadable: readonly ValueError[],
  ): Promise<Form> {
    return this.db.transaction().execute(async (trx) => {
      const db = trx as Db;
      const r = this.repos(db);
      const submission = await this.submissionFor(db, user, id);
      // approved values (of a reopened form) that this edit changes or clears stop counting: refreshed below
      const counted = await new AnalyticsRepository(db).keysOfSubmission(submission.id, true);
      checkUnit(user, submission.unit_id);
      if (!isEditable(submission.status))
        throw errors.conflict(
          "SUBMISSION_STATE",
          `填报状态为"${submission.status}"，不能再修改数值`,
          `A ${submission.status} submission takes no more changes`,
          { status: submission.status, allowed: ["draft", "returned"] },
        );
      const form = await this.build(db, submission);
      const cells = new Map(form.rows.map((row) => [key(row.indicator.id, row.orgUnit.id), row]));
      const failures: ValueError[] = [...unreadable];
      const fail = (
        index: number,
        v: ValueInput,
        field: ValueError["field"],
        code: string,
        message: string,
        messageEn?: string,
      ) =>
        failures.push(
          describe({
            index,
            indicatorId: v.indicatorId,
            orgUnitId: v.orgUnitId,
            field,
            code,
            message,
            messageEn: messageEn ?? valueErrorEn[code] ?? code,
          }),
        );
      const previous = await this.previousValues(
        db,
        [...new Set(values.map((v) => v.indicatorId))],
        submission.period_id,
      );
      const seen = new Set<string>();
      type Plan = {
        row: FormRow;
        next: Pick<ObservationRow, "value" | "numerator" | "denominator" | "definition"> | null;
      };
      const plans: Plan[] = [];
      values.forEach((v, index) => {
        const k = key(v.indicatorId, v.orgUnitId);
        const row = cells.get(k);
        if (!row) return fail(index, v, "indicatorId", "not_in_form", "该指标和机构不在本填报表中");
        if (seen.has(k)) return fail(index, v, "indicatorId", "duplicate", "同一单元格重复填写");
        seen.add(k);
        const current = row.observation;
        const definition =
          v.definition === undefined
            ? (current?.definition ?? null)
            : v.definition?.trim()
              ? v.definition.trim()
              : null;
        if (definition && definition.length > 500)
          return fail(index, v, "definition", "definition_too_long", "统计口径不能超过500字");
        const parts = {
          value: v.value ?? null,
          numerator: v.numerator ?? null,
          denominator: v.denominator ?? null,
        };
        const empty = !has(parts.value) && !has(parts.numerator) && !has(parts.denominator);
        const locked = current?.status === "approved" && submission.status !== "draft";
        if (empty) {
          if (!current) {
            if (definition)
              fail(
                index,
                v,
                "value",
                "missing_parts",
                "请填写数值，或同时填写分子和分母",
                "give a value, or both numerator and denominator",
              );
            return;
          }
          if (locked) return fail(index, v, "value", "approved_locked", "该数值已审核通过并锁定");
          plans.push({ row, next: null });
          return;
        }
        const type = typeOf(row.indicator);
        const issues = checkObservation(
          { type, numerator: row.indicator.numerator, denominator: row.indicator.denominator },
          parts,
          { previous: previous.get(k) ?? null },
        );
        const failed = issues.filter((i) => i.severity === "error");
        for (const i of failed) fail(index, v, i.field, i.code, i.message, issueOf(i).messageEn);
        if (failed.length > 0) return;
        const value = has(parts.value)
          ? parts.value
          : has(parts.numerator) && has(parts.denominator) && parts.denominator > 0
            ? (parts.numerator / parts.denominator) * (scaleOf(type) ?? 1)
            : null;
        if (value === null)
          return fail(
            index,
            v,
            "value",
            "missing_parts",
            "请填写数值，或同时填写分子和分母",
            "give a value, or both numerator and denominator",
          );
        const next = { value, numerator: parts.numerator, denominator: parts.denominator, definition };
        const same =
          current !== null &&
          current.value === next.value &&
          current.numerator === next.numerator &&
          current.denominator === next.denominator &&
          current.definition === next.definition;
        if (same) return;
        if (locked) return fail(index, v, "value", "approved_locked", "该数值已审核通过并锁定");
        plans.push({ row, next });
      });
      if (failures.length > 0)
        throw errors.unprocessable(
          "VALUES_INVALID",
          `有${failures.length}处数值未通过校验，未保存任何数值`,
          `${failures.length} value(s) failed their checks: nothing was saved`,
          failures,
        );
      const now = new Date().toISOString();
      const period = periodOf(submission.period_id);
      if (plans.length > 0)
        await r.periods.ensurePeriod(period.id, period.kind, period.startsOn, period.endsOn);
      const fresh: ObservationRow[] = [];
      for (const { row, next } of plans) {
        const current = row.observation;
        if (next === null && current) {
          await r.submissions.deleteObservation(current.id);
          await r.audit.record({
            userId: user.id,
            action: "observation.clear",
            entity: "observation",
            entityId: current.id,
            before: current,
          });
          continue;
        }
        if (!next) continue;
        if (current) {
          await r.submissions.updateObservation(current.id, {
            ...next,
            status: "pending",
            updated_at: now,
            updated_by: user.id,
          });
          await r.audit.record({
            userId: user.id,
            action: "observation.update",
            entity: "observation",
            entityId: current.id,
            before: pick(current),
            after: { ...next, status: "pending" },
          });
        } else {
          const created: ObservationRow = {
            id: randomUUID(),
            indicator_id: row.indicator.id,
            unit_id: submission.unit_id,
            org_unit_id: row.orgUnit.id,
            period_id: submission.period_id,
            ...next,
            submission_id: submission.id,
            created_by: user.id,
            created_at: now,
            status: "pending",
            return_reason: null,
            approved_json: null,
            updated_at: now,
            updated_by: user.id,
          };
          fresh.push(created);
        }
      }
      // new cells go in a few multi-row inserts (a first save of a large form is mostly new cells)
      await r.submissions.insertObservations(fresh);
      for (const created of fresh)
        await r.audit.record({
          userId: user.id,
          action: "observation.report",
          entity: "observation",
          entityId: created.id,
          after: created,
        });
      await new AnalyticsRepository(db).refresh(counted);
      return this.build(db, submission);
    });
  }

  /** The Excel template of a form, filled with what was entered so far. */
  async template(user: Principal, id: string): Promise<{ bytes: Buffer; fileName: string }> {
    const form = await this.form(user, id);
    const bytes = await templateWorkbook(form);
    return { bytes, fileName: `${form.unitName}-${form.submission.period_id}-填报模板.xlsx` };
  }

  /**
   * Enters the values of an uploaded template, with the same rules as the web form; errors name their cell
   * (第7行 F列（数值）：不是有效数字). Nothing is saved unless every cell passes.
   */
  async uploadTemplate(user: Principal, id: string, bytes: Uint8Array, fileName: string): Promise<Form> {
    await this.submissionFor(this.db, user, id);
    const contents = await readTemplate(bytes, fileName);
    if (contents.submissionId !== null && contents.submissionId !== id)
      throw errors.unprocessable(
        "TEMPLATE_MISMATCH",
        "该模板属于另一份填报，请下载本填报的模板",
        "The template belongs to another submission: download this submission's template",
        { templateSubmissionId: contents.submissionId },
      );
    const rowOf = (e: ValueError) => contents.entries[e.index]?.row ?? HEADER_ROW;
    return this.putValues(
      user,
      id,
      contents.entries.map(({ row: _row, ...v }) => v),
      (e) => cellError(e, rowOf(e)),
      contents.errors,
    );
  }
}

/** A unique-constraint violation, as SQLite and PostgreSQL report it. */
function isUniqueViolation(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === "SQLITE_CONSTRAINT_UNIQUE" || code === "23505";
}

/** The warnings (a sudden jump against the previous period's approved value) of a stored value. */
function warningsOf(indicator: ReportedIndicator, o: ObservationRow, previous: Map<string, number>) {
  return checkObservation(
    { type: typeOf(indicator), numerator: indicator.numerator, denominator: indicator.denominator },
    o,
    { previous: previous.get(key(indicator.id, o.org_unit_id ?? "")) ?? null },
  )
    .filter((i) => i.severity === "warning")
    .map(issueOf);
}

const pick = (o: ObservationRow) => ({
  value: o.value,
  numerator: o.numerator,
  denominator: o.denominator,
  definition: o.definition,
  status: o.status,
});
