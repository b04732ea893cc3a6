/**
 * The bulletin (通报) of a plan for a period at an org unit, from stored data: the linked targets' attainment
 * as of the period, the tasks with their lead units and lateness (as the assessment reads them), the
 * completeness and timeliness of reporting over the org unit's subtree, and the ranking of a scheme when
 * one is named. Rendered by src/reports as Word, Excel or printable HTML.
 */
import ExcelJS from "exceljs";
import type { Db } from "../db/database.js";
import { IndicatorRepository } from "../db/indicator.repository.js";
import { OrgUnitRepository } from "../db/org-unit.repository.js";
import { PlanItemRepository } from "../db/plan-item.repository.js";
import { PlanRepository } from "../db/plan.repository.js";
import { shanghaiDateOf } from "../domain/calendar/index.js";
import {
  bulletinUnitsFrom,
  type BulletinInputData,
  type BulletinTarget,
  type BulletinTask,
} from "../domain/bulletin/index.js";
import { periodIdSchema, periodLabel, periodOf } from "../domain/periods/index.js";
import { renderBulletinDocx, renderBulletinHtml, renderBulletinXlsx } from "../reports/index.js";
import { asOfDay, responsibleUnitsOf, taskAsOf, type TaskFacts } from "./assessment.rules.js";
import {
  AssessmentService,
  asOfPeriods,
  livePlanItems,
  targetStatusAsOf,
  taskFacts,
} from "./assessment.service.js";
import { errors } from "./errors.js";
import { MonitoringService } from "./monitoring.service.js";

export type BulletinFormat = "docx" | "xlsx" | "html";

const CONTENT_TYPES: Record<BulletinFormat, string> = {
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  html: "text/html; charset=utf-8",
};

/** 甲市 → 甲市卫生健康委员会: the issuing body when the plan does not name one. */
export function issuerFor(planIssuer: string | null, orgUnitName: string): string {
  if (planIssuer?.trim()) return planIssuer.trim();
  return /卫生|卫健/.test(orgUnitName) ? orgUnitName : `${orgUnitName}卫生健康委员会`;
}

/** 甲市卫生健康委员会 → 甲市卫生健康委: the short form titles use. */
const shortIssuer = (issuer: string) => issuer.replace(/卫生健康委员会$/, "卫生健康委");

export function bulletinFileName(orgUnitName: string, periodId: string, format: BulletinFormat): string {
  const what = format === "xlsx" ? "重点工作目标完成情况数据" : "重点工作目标完成情况通报";
  return `${orgUnitName}${periodLabel(periodId)}${what}.${format}`;
}

export const REPORTING_SHEET = "数据报送";

type Completeness = Awaited<ReturnType<MonitoringService["completeness"]>>;

/**
 * The workbook with one more sheet: completeness and timeliness of reporting for each org unit of the
 * subtree (the renderer's sheets are the bulletin's own; this one is the data behind its reporting line).
 */
async function withReportingSheet(xlsx: Buffer, c: Completeness): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(xlsx as unknown as ArrayBuffer);
  const ws = wb.addWorksheet(REPORTING_SHEET, { views: [{ state: "frozen", ySplit: 1 }] });
  ws.columns = [
    { header: "单位", key: "name", width: 24 },
    { header: "应报", key: "expected", width: 8 },
    { header: "已报", key: "received", width: 8 },
    { header: "按时报送", key: "onTime", width: 10 },
    { header: "报送率", key: "completeness", width: 10, style: { numFmt: "0.0%" } },
    { header: "及时率", key: "timeliness", width: 10, style: { numFmt: "0.0%" } },
  ];
  ws.getRow(1).font = { bold: true };
  for (const r of c.byOrgUnit)
    ws.addRow({
      name: r.name,
      expected: r.expected,
      received: r.received,
      onTime: r.onTime,
      completeness: r.completeness ?? undefined,
      timeliness: r.timeliness ?? undefined,
    });
  ws.addRow({});
  ws.addRow({ name: `报送截止日期：${c.deadline}` });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export class BulletinService {
  constructor(private readonly db: Db) {}

  async input(
    planId: string,
    orgUnitId: string,
    periodId: string,
    schemeId?: string,
  ): Promise<BulletinInputData> {
    const generatedAt = new Date().toISOString();
    const plan = await new PlanRepository(this.db).get(planId);
    if (!plan) throw errors.notFound("plan", planId);
    const orgUnit = await new OrgUnitRepository(this.db).get(orgUnitId);
    if (!orgUnit) throw errors.notFound("org unit", orgUnitId);
    const period = periodOf(periodId);
    const monitoring = new MonitoringService(this.db);
    const live = await livePlanItems(this.db, planId);
    const liveTargets = new Set(live.targets.map((q) => q.id));

    const status = {
      items: await targetStatusAsOf(
        monitoring,
        planId,
        orgUnitId,
        await asOfPeriods(this.db, live.targets, periodId),
      ),
    };
    const fallbackDeadline = String(plan.year ?? period.startsOn.slice(0, 4));
    const units = await new PlanItemRepository(this.db).unitsOfTasks(live.tasks.map((t) => t.id));
    const leadsOf = (taskId: string) =>
      units.filter((u) => u.taskId === taskId && u.role === "lead").map((u) => u.unitName);
    const spans = new Map(live.targets.map((q) => [q.id, { start: q.start, end: q.end }]));
    const taskSpans = live.tasks.map((t) => ({ start: t.start, end: t.end, leadUnits: leadsOf(t.id) }));
    const indicatorUnits = new Map<string, string | null>();
    for (const t of status.items)
      if (!indicatorUnits.has(t.indicatorId))
        indicatorUnits.set(
          t.indicatorId,
          (await new IndicatorRepository(this.db).get(t.indicatorId))?.unit ?? null,
        );
    const targets: BulletinTarget[] = status.items
      .filter((t) => liveTargets.has(t.targetId))
      .map((t) => ({
        metric: t.metric,
        comparator: t.comparator as BulletinTarget["comparator"],
        value: t.value,
        unit: t.unit,
        // "提高10%" of a figure not itself in % is a relative change (as the attainment reads it)
        relative:
          (t.comparator === "increase_by" || t.comparator === "decrease_by") &&
          t.unit === "%" &&
          indicatorUnits.get(t.indicatorId) !== "%",
        deadline: periodIdSchema.safeParse(t.deadline).success ? (t.deadline as string) : fallbackDeadline,
        latestValue: t.latest?.value ?? null,
        latestPeriod: t.latest?.periodId ?? null,
        status: t.status,
        responsibleUnit: responsibleUnitsOf(spans.get(t.targetId) ?? { start: -1, end: -1 }, taskSpans).join(
          "、",
        ),
      }));

    const asOf = asOfDay(period.endsOn, shanghaiDateOf(new Date()));
    const facts = await taskFacts(this.db, plan, live.tasks, period.endsOn);
    const tasks: BulletinTask[] = live.tasks.map((t) => {
      const f = facts.get(t.id) as TaskFacts;
      const now = taskAsOf(f, asOf);
      return {
        text: t.text,
        leadUnits: leadsOf(t.id),
        deadline: f.deadline,
        status: now.status,
        overdueDays: now.light.workdaysLate,
        closedLate: now.light.light === "closed_late",
      };
    });

    const completeness = await monitoring.completeness(periodId, orgUnitId);
    let ranking: BulletinInputData["units"] = [];
    if (schemeId) {
      const scheme = await new AssessmentService(this.db).scheme(schemeId);
      if (scheme.plan_id !== planId)
        throw errors.unprocessable(
          "SCHEME_OF_OTHER_PLAN",
          "考核方案不属于该计划",
          "The scheme belongs to another plan",
          {
            schemeId,
          },
        );
      const scores = await new AssessmentService(this.db).scores(schemeId, orgUnitId, periodId);
      const names = new Map(scores.units.map((u) => [u.unitId, u.name]));
      ranking = bulletinUnitsFrom(scores.units, (id) => names.get(id) ?? id);
    }
    const issuer = issuerFor(plan.issuer, orgUnit.name);
    return {
      planTitle: plan.title ?? `${plan.year ?? ""}年工作要点`,
      issuer,
      periodId,
      title: `${shortIssuer(issuer)}关于${periodLabel(periodId)}重点工作目标完成情况的通报`,
      generatedAt,
      targets,
      tasks,
      units: ranking,
      reporting: {
        expected: completeness.overall.expected,
        received: completeness.overall.received,
        onTime: completeness.overall.onTime,
      },
    };
  }

  async render(
    format: BulletinFormat,
    planId: string,
    orgUnitId: string,
    periodId: string,
    schemeId?: string,
  ): Promise<{ bytes: Buffer | string; contentType: string; fileName: string }> {
    const input = await this.input(planId, orgUnitId, periodId, schemeId);
    const orgUnit = await new OrgUnitRepository(this.db).get(orgUnitId);
    const bytes =
      format === "docx"
        ? await renderBulletinDocx(input)
        : format === "xlsx"
          ? await withReportingSheet(
              await renderBulletinXlsx(input),
              await new MonitoringService(this.db).completeness(periodId, orgUnitId),
            )
          : renderBulletinHtml(input);
    return {
      bytes,
      contentType: CONTENT_TYPES[format],
      fileName: bulletinFileName(orgUnit?.name ?? "", periodId, format),
    };
  }
}
