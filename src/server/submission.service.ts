/**
 * The reporting workflow: a reporter opens a submission for one of its units and a period, enters values
 * into its form, and submits it; a planner approves it (every pending value becomes approved and is
 * locked), returns the whole form with a note, or returns a single value with a reason — the reporter
 * fixes and resubmits. An approved form is reopened only by a planner, with a reason, which is recorded.
 * Values of a submitted or approved submission are frozen.
 */
import { randomUUID } from "node:crypto";
import { parsePeriod } from "../domain/periods/index.js";
import type { AnalyticsRepository } from "../db/analytics.repository.js";
import type { AuditRepository } from "../db/audit.repository.js";
import type { PageRequest } from "../db/page.js";
import type { ProgressRepository } from "../db/progress.repository.js";
import type { ObservationRow } from "../db/schema.js";
import type { SubmissionFilter, SubmissionRepository, SubmissionRow } from "../db/submission.repository.js";
import type { UnitOfWork } from "../db/transaction.js";
import type { UnitRepository } from "../db/unit.repository.js";
import type { Principal } from "./auth.service.js";
import { errors } from "./errors.js";
import { hasRole } from "./http.js";

/** What the workflow tells people (in-app notifications); optional so the service runs without them. */
export interface WorkflowNotice {
  kind: string;
  title: string;
  body: string;
  link: string | null;
  /** Users told directly. */
  userIds?: readonly string[];
  /** Every planner is told (a form awaits review). */
  planners?: boolean;
  exceptUserId?: string | null;
}

export interface SubmissionRepos {
  submissions: SubmissionRepository;
  units: UnitRepository;
  periods: ProgressRepository;
  audit: AuditRepository;
  notify?: (notice: WorkflowNotice) => Promise<unknown>;
  /** Pre-aggregated roll-ups: refreshed in the same transaction whenever values may start or stop counting. */
  analytics?: AnalyticsRepository;
}

/** Statuses in which the reporter may still enter values. */
export const editableStatuses = ["draft", "returned"] as const;

export const isEditable = (status: string) => (editableStatuses as readonly string[]).includes(status);

/** The part of a value a reviewer approves; compared with the stored value to tell "changed since approval". */
export function approvedSnapshot(
  o: Pick<ObservationRow, "value" | "numerator" | "denominator" | "definition">,
) {
  return JSON.stringify({
    value: o.value,
    numerator: o.numerator,
    denominator: o.denominator,
    definition: o.definition,
  });
}

/** True when an observation once approved now differs from what was approved. */
export function changedSinceApproval(o: ObservationRow): boolean {
  return o.approved_json !== null && o.approved_json !== approvedSnapshot(o);
}

/** Where the web app opens a form: the reporter's 数据填报 page, or the planner's 填报审核 page. */
const formLink = (id: string) => `/reporting?submission=${id}`;
const reviewLink = (id: string) => `/submissions?submission=${id}`;

export class SubmissionService {
  constructor(
    private readonly repos: SubmissionRepos,
    private readonly transact: UnitOfWork<SubmissionRepos>,
  ) {}

  list(filter: SubmissionFilter, page: PageRequest) {
    return this.repos.submissions.list(filter, page);
  }

  async get(id: string) {
    const submission = await this.repos.submissions.get(id);
    if (!submission) throw errors.notFound("submission", id);
    return { submission, observations: await this.repos.submissions.observationsOf(id) };
  }

  async open(user: Principal, input: { unitId: string; periodId: string; note: string | null }) {
    checkUnit(user, input.unitId);
    const period = parsePeriod(input.periodId);
    if (!period) throw errors.validation([{ path: "body.periodId", message: "not a period id" }]);
    return this.transact(async ({ submissions, units, periods, audit }) => {
      if (!(await units.get(input.unitId))) throw errors.notFound("unit", input.unitId);
      const existing = await submissions.find(input.unitId, period.id);
      if (existing)
        throw errors.conflict(
          "SUBMISSION_EXISTS",
          "该单位本期已有填报",
          "This unit already has a submission for the period",
          {
            submissionId: existing.id,
          },
        );
      await periods.ensurePeriod(period.id, period.kind, period.startsOn, period.endsOn);
      const row: SubmissionRow = {
        id: randomUUID(),
        unit_id: input.unitId,
        period_id: period.id,
        status: "draft",
        note: input.note,
        created_by: user.id,
        created_at: new Date().toISOString(),
        decided_by: null,
        decided_at: null,
        submitted_at: null,
        reopened_at: null,
        reopened_by: null,
        reopen_reason: null,
      };
      await submissions.insert(row);
      await audit.record({
        userId: user.id,
        action: "submission.open",
        entity: "submission",
        entityId: row.id,
        after: row,
      });
      return row;
    });
  }

  /**
   * Submits (or resubmits) a form. Values a reviewer returned go back to pending for the next review. The
   * first submission time is kept: a form returned for a fix and resubmitted is not late because of it.
   */
  submit(id: string, user: Principal) {
    const now = new Date().toISOString();
    return this.move(
      id,
      user,
      "submit",
      editableStatuses,
      (before) => ({ status: "submitted", submitted_at: before.submitted_at ?? now }),
      true,
      async ({ submissions, notify }, before) => {
        const back = (await submissions.observationsOf(id))
          .filter((o) => o.status === "returned")
          .map((o) => o.id);
        await submissions.setObservationStatus(id, "returned", { status: "pending" });
        await notify?.({
          kind: "submission.submit",
          title: `填报待审核：${before.period_id}`,
          body: `有一份${before.period_id}的填报已提交，请审核。${back.length > 0 ? `其中${back.length}项为退回后重新提交。` : ""}`,
          link: reviewLink(id),
          planners: true,
          exceptUserId: user.id,
        });
        return { resubmittedValues: back };
      },
    );
  }

  /** Approves a submitted form: every pending value becomes approved (and counted), with its snapshot. */
  approve(id: string, user: Principal) {
    const now = new Date().toISOString();
    return this.move(
      id,
      user,
      "approve",
      ["submitted"],
      () => ({ status: "approved", decided_by: user.id, decided_at: now }),
      false,
      async ({ submissions, notify }, before) => {
        const values = (await submissions.observationsOf(id)).filter((o) => o.status === "pending");
        for (const o of values)
          await submissions.updateObservation(o.id, {
            status: "approved",
            return_reason: null,
            approved_json: approvedSnapshot(o),
          });
        await notify?.({
          kind: "submission.approve",
          title: `填报已审核通过：${before.period_id}`,
          body: `您提交的${before.period_id}填报已审核通过（${values.length}项数值）。`,
          link: formLink(id),
          userIds: [before.created_by],
          exceptUserId: user.id,
        });
        // the audit entry names every value this approval locked
        return { approvedValues: values.map((o) => o.id) };
      },
    );
  }

  /** Returns the whole form with a note: every pending value is returned with it. */
  return(id: string, user: Principal, note: string) {
    const now = new Date().toISOString();
    return this.move(
      id,
      user,
      "return",
      ["submitted"],
      () => ({ status: "returned", note, decided_by: user.id, decided_at: now }),
      false,
      async ({ submissions, notify }, before) => {
        const pending = (await submissions.observationsOf(id)).filter((o) => o.status === "pending");
        await submissions.setObservationStatus(id, "pending", { status: "returned", return_reason: note });
        await notify?.({
          kind: "submission.return",
          title: `填报被退回：${before.period_id}`,
          body: `您提交的${before.period_id}填报被退回：${note}`,
          link: formLink(id),
          userIds: [before.created_by],
          exceptUserId: user.id,
        });
        return { returnedValues: pending.map((o) => o.id) };
      },
    );
  }

  /**
   * Reopens an approved form (planners, with a reason): it becomes a draft again. Its values stay approved —
   * and keep counting — until the reporter changes one, which then awaits review again.
   */
  reopen(id: string, user: Principal, reason: string) {
    const now = new Date().toISOString();
    return this.move(id, user, "reopen", ["approved"], () => ({
      status: "draft",
      reopened_at: now,
      reopened_by: user.id,
      reopen_reason: reason,
    }));
  }

  /**
   * Returns a single value with a reason: the value is returned (it no longer counts if it was approved),
   * its form goes back to the reporter; every other value keeps its status (approved ones stay locked).
   */
  async returnValue(observationId: string, user: Principal, reason: string) {
    return this.transact(async ({ submissions, audit, notify, analytics }) => {
      const before = await submissions.observation(observationId);
      if (!before) throw errors.notFound("observation", observationId);
      const submission = before.submission_id ? await submissions.get(before.submission_id) : undefined;
      if (!submission)
        throw errors.conflict(
          "OBSERVATION_NOT_IN_FORM",
          "该数值不属于任何填报，不能退回",
          "The value is not part of a submission and cannot be returned",
        );
      if (!["submitted", "approved"].includes(submission.status) || before.status === "returned")
        throw errors.conflict(
          "OBSERVATION_STATE",
          `填报状态为"${submission.status}"，数值状态为"${before.status}"，不能退回`,
          `A ${before.status} value of a ${submission.status} submission cannot be returned`,
          { status: before.status, submissionStatus: submission.status },
        );
      const now = new Date().toISOString();
      await submissions.updateObservation(observationId, { status: "returned", return_reason: reason });
      if (before.indicator_id && before.org_unit_id)
        await analytics?.refresh([
          { indicatorId: before.indicator_id, orgUnitId: before.org_unit_id, periodId: before.period_id },
        ]);
      await submissions.transition(submission.id, ["submitted", "approved"], {
        status: "returned",
        decided_by: user.id,
        decided_at: now,
      });
      const after = (await submissions.observation(observationId)) as ObservationRow;
      await audit.record({
        userId: user.id,
        action: "observation.return",
        entity: "observation",
        entityId: observationId,
        before: { status: before.status, returnReason: before.return_reason },
        after: { status: after.status, returnReason: reason, submissionId: submission.id },
      });
      await audit.record({
        userId: user.id,
        action: "submission.return-value",
        entity: "submission",
        entityId: submission.id,
        before: { status: submission.status },
        after: { status: "returned", observationId },
      });
      await notify?.({
        kind: "observation.return",
        title: `数值被退回：${submission.period_id}`,
        body: `您填报的一项数值（${before.value}）被退回：${reason}`,
        link: formLink(submission.id),
        userIds: [submission.created_by],
        exceptUserId: user.id,
      });
      return after;
    });
  }

  private async move(
    id: string,
    user: Principal,
    action: string,
    from: readonly string[],
    patch: (before: SubmissionRow) => Parameters<SubmissionRepository["transition"]>[2],
    byReporter = false,
    alsoDo?: (repos: SubmissionRepos, before: SubmissionRow) => Promise<Record<string, unknown>>,
  ): Promise<SubmissionRow> {
    return this.transact(async (repos) => {
      const { submissions, audit } = repos;
      const before = await submissions.get(id);
      if (!before) throw errors.notFound("submission", id);
      if (byReporter) checkUnit(user, before.unit_id);
      if (!(await submissions.transition(id, from, patch(before))))
        throw errors.conflict(
          "SUBMISSION_STATE",
          `填报状态为"${before.status}"，不能执行此操作`,
          `A ${before.status} submission cannot be ${action}ed`,
          {
            status: before.status,
            allowed: from,
          },
        );
      const effects = alsoDo ? await alsoDo(repos, before) : {};
      await repos.analytics?.refreshSubmission(id);
      const after = (await submissions.get(id)) as SubmissionRow;
      await audit.record({
        userId: user.id,
        action: `submission.${action}`,
        entity: "submission",
        entityId: id,
        before,
        after: { ...after, ...effects },
      });
      return after;
    });
  }
}

/** A reporter acts only for its own units; planners and admins for any. */
export function checkUnit(user: Principal, unitId: string): void {
  if (!hasRole(user, ["planner"]) && !user.unitIds.includes(unitId))
    throw errors.forbidden({ reason: "unit not bound to this reporter", unitId });
}
