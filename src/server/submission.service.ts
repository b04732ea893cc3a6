/**
 * The reporting workflow: a reporter opens a submission for one of its units and a period, reports
 * values into it, and submits it; a planner approves it or returns it with a note, after which the
 * reporter may correct and submit again. Values of a submitted or approved submission are frozen.
 */
import { randomUUID } from "node:crypto";
import { parsePeriod } from "../domain/periods/index.js";
import type { AuditRepository } from "../db/audit.repository.js";
import type { PageRequest } from "../db/page.js";
import type { ProgressRepository } from "../db/progress.repository.js";
import type { SubmissionFilter, SubmissionRepository, SubmissionRow } from "../db/submission.repository.js";
import type { UnitOfWork } from "../db/transaction.js";
import type { UnitRepository } from "../db/unit.repository.js";
import type { Principal } from "./auth.service.js";
import { errors } from "./errors.js";
import { hasRole } from "./http.js";

export interface SubmissionRepos {
  submissions: SubmissionRepository;
  units: UnitRepository;
  periods: ProgressRepository;
  audit: AuditRepository;
}

/** Statuses in which the reporter may still add values. */
export const editableStatuses = ["draft", "returned"] as const;

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

  submit(id: string, user: Principal) {
    return this.move(id, user, "submit", editableStatuses, { status: "submitted" }, true);
  }

  approve(id: string, user: Principal) {
    return this.move(id, user, "approve", ["submitted"], {
      status: "approved",
      decided_by: user.id,
      decided_at: new Date().toISOString(),
    });
  }

  return(id: string, user: Principal, note: string) {
    return this.move(id, user, "return", ["submitted"], {
      status: "returned",
      note,
      decided_by: user.id,
      decided_at: new Date().toISOString(),
    });
  }

  private async move(
    id: string,
    user: Principal,
    action: string,
    from: readonly string[],
    patch: Parameters<SubmissionRepository["transition"]>[2],
    byReporter = false,
  ): Promise<SubmissionRow> {
    return this.transact(async ({ submissions, audit }) => {
      const before = await submissions.get(id);
      if (!before) throw errors.notFound("submission", id);
      if (byReporter) checkUnit(user, before.unit_id);
      if (!(await submissions.transition(id, from, patch)))
        throw errors.conflict(
          "SUBMISSION_STATE",
          `填报状态为"${before.status}"，不能执行此操作`,
          `A ${before.status} submission cannot be ${action}ed`,
          {
            status: before.status,
            allowed: from,
          },
        );
      const after = (await submissions.get(id)) as SubmissionRow;
      await audit.record({
        userId: user.id,
        action: `submission.${action}`,
        entity: "submission",
        entityId: id,
        before,
        after,
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
