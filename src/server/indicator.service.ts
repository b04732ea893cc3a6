/**
 * The indicator catalogue and the values reported against it. Planners curate indicators; a reporter
 * reports values only for the units it is bound to (planners and admins for any unit).
 */
import { randomUUID } from "node:crypto";
import { parsePeriod, type DeadlineRule } from "../domain/periods/index.js";
import type { IndicatorType } from "../domain/indicators/index.js";
import type { AuditRepository } from "../db/audit.repository.js";
import type {
  IndicatorRepository,
  IndicatorWithAliases,
  ObservationFilter,
} from "../db/indicator.repository.js";
import type { PageRequest } from "../db/page.js";
import type { ProgressRepository } from "../db/progress.repository.js";
import type { SubmissionRepository } from "../db/submission.repository.js";
import type { IndicatorRow, ObservationRow } from "../db/schema.js";
import type { UnitOfWork } from "../db/transaction.js";
import type { UnitRepository } from "../db/unit.repository.js";
import type { Principal } from "./auth.service.js";
import { errors } from "./errors.js";
import { hasRole } from "./http.js";
import { editableStatuses } from "./submission.service.js";

export interface IndicatorRepos {
  indicators: IndicatorRepository;
  submissions: SubmissionRepository;
  units: UnitRepository;
  periods: ProgressRepository;
  audit: AuditRepository;
}

export interface IndicatorInput {
  name: string;
  unit: string | null;
  direction: "higher" | "lower" | null;
  description: string | null;
  aliases: string[];
  type: IndicatorType | null;
  numerator: string | null;
  denominator: string | null;
}

export interface ReportingConfig {
  frequency: "monthly" | "quarterly" | "yearly";
  level: string | null;
  deadlineRule: DeadlineRule;
  unitIds: string[];
}

export class IndicatorService {
  constructor(
    private readonly repos: IndicatorRepos,
    private readonly transact: UnitOfWork<IndicatorRepos>,
  ) {}

  list(q: string | undefined, page: PageRequest) {
    return this.repos.indicators.list(q, page);
  }

  async get(id: string): Promise<IndicatorWithAliases> {
    const row = await this.repos.indicators.get(id);
    if (!row) throw errors.notFound("indicator", id);
    return row;
  }

  async create(userId: string, input: IndicatorInput) {
    return this.transact(async ({ indicators, audit }) => {
      await this.checkNamesFree(indicators, [input.name, ...input.aliases], null);
      const row: IndicatorRow = {
        id: randomUUID(),
        name: input.name,
        unit: input.unit,
        direction: input.direction,
        description: input.description,
        version: 1,
        code: null,
        type: input.type,
        numerator: input.numerator,
        denominator: input.denominator,
        references_json: null,
        frequency: "yearly",
        report_level: null,
        deadline_rule_json: null,
      };
      await indicators.insert(row, [...new Set(input.aliases)]);
      const after = (await indicators.get(row.id)) as IndicatorWithAliases;
      await audit.record({
        userId,
        action: "indicator.create",
        entity: "indicator",
        entityId: row.id,
        after,
      });
      return after;
    });
  }

  async update(id: string, userId: string, edit: Partial<IndicatorInput> & { version: number }) {
    return this.transact(async ({ indicators, audit }) => {
      const before = await indicators.get(id);
      if (!before) throw errors.notFound("indicator", id);
      await this.checkNamesFree(indicators, [...(edit.name ? [edit.name] : []), ...(edit.aliases ?? [])], id);
      const { version, aliases, ...fields } = edit;
      const patch = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
      if (!(await indicators.update(id, version, patch)))
        throw errors.staleEdit("indicator", id, before.version);
      if (aliases) await indicators.setAliases(id, [...new Set(aliases)]);
      const after = (await indicators.get(id)) as IndicatorWithAliases;
      await audit.record({
        userId,
        action: "indicator.update",
        entity: "indicator",
        entityId: id,
        before,
        after,
      });
      return after;
    });
  }

  /**
   * Sets how an indicator is reported: how often, at which org-unit level (null: by the reporter's own org
   * units), by when (a deadline rule) and by which plan units. Audited.
   */
  async setReporting(id: string, userId: string, config: ReportingConfig) {
    return this.transact(async ({ indicators, units, audit }) => {
      const before = await indicators.get(id);
      if (!before) throw errors.notFound("indicator", id);
      for (const unitId of config.unitIds)
        if (!(await units.get(unitId))) throw errors.notFound("unit", unitId);
      const ok = await indicators.setReporting(
        id,
        before.version,
        {
          frequency: config.frequency,
          report_level: config.level,
          deadline_rule_json: JSON.stringify(config.deadlineRule),
        },
        config.unitIds,
      );
      if (!ok) throw errors.staleEdit("indicator", id, before.version);
      const after = (await indicators.get(id)) as IndicatorWithAliases;
      const view = (i: IndicatorWithAliases) => ({
        frequency: i.frequency,
        level: i.report_level,
        deadlineRule: i.deadline_rule_json,
        unitIds: i.unit_ids,
      });
      await audit.record({
        userId,
        action: "indicator.reporting",
        entity: "indicator",
        entityId: id,
        before: view(before),
        after: view(after),
      });
      return after;
    });
  }

  listObservations(filter: ObservationFilter, page: PageRequest) {
    return this.repos.indicators.listObservations(filter, page);
  }

  async report(
    user: Principal,
    input: {
      indicatorId: string;
      unitId: string;
      periodId: string;
      value: number;
      submissionId?: string | null | undefined;
    },
  ) {
    if (!hasRole(user, ["planner"]) && !user.unitIds.includes(input.unitId))
      throw errors.forbidden({ reason: "unit not bound to this reporter", unitId: input.unitId });
    const period = parsePeriod(input.periodId);
    if (!period) throw errors.validation([{ path: "body.periodId", message: "not a period id" }]);
    return this.transact(async ({ indicators, submissions, units, periods, audit }) => {
      if (!(await indicators.get(input.indicatorId))) throw errors.notFound("indicator", input.indicatorId);
      if (!(await units.get(input.unitId))) throw errors.notFound("unit", input.unitId);
      if (input.submissionId) {
        const submission = await submissions.get(input.submissionId);
        if (!submission) throw errors.notFound("submission", input.submissionId);
        if (submission.unit_id !== input.unitId || submission.period_id !== period.id)
          throw errors.unprocessable(
            "SUBMISSION_MISMATCH",
            "填报的单位或报告期不一致",
            "The submission is for another unit or period",
            {
              submissionId: submission.id,
            },
          );
        if (!(editableStatuses as readonly string[]).includes(submission.status))
          throw errors.conflict(
            "SUBMISSION_STATE",
            "填报已提交或已审核，不能再添加数值",
            `A ${submission.status} submission takes no more values`,
            {
              status: submission.status,
            },
          );
      }
      await periods.ensurePeriod(period.id, period.kind, period.startsOn, period.endsOn);
      const row: ObservationRow = {
        id: randomUUID(),
        indicator_id: input.indicatorId,
        unit_id: input.unitId,
        org_unit_id: null,
        period_id: period.id,
        value: input.value,
        numerator: null,
        denominator: null,
        submission_id: input.submissionId ?? null,
        created_by: user.id,
        created_at: new Date().toISOString(),
        status: "pending",
        return_reason: null,
        definition: null,
        approved_json: null,
        updated_at: null,
        updated_by: null,
      };
      await indicators.insertObservation(row);
      await audit.record({
        userId: user.id,
        action: "observation.report",
        entity: "observation",
        entityId: row.id,
        after: row,
      });
      return row;
    });
  }

  private async checkNamesFree(indicators: IndicatorRepository, names: string[], self: string | null) {
    for (const name of names) {
      const owner = await indicators.ownerOf(name);
      if (owner && owner !== self)
        throw errors.conflict(
          "INDICATOR_NAME_TAKEN",
          "指标名称或别名已被使用",
          "The name or alias belongs to another indicator",
          {
            name,
            indicatorId: owner,
          },
        );
    }
  }
}
