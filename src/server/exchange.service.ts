/**
 * DHIS2 dataValueSets exchange: export approved values in DHIS2's form, and import a file of them as one
 * batch — every row read, resolved (indicator by catalogue code or id, org unit by code or id) and checked
 * by the same per-value rules as a form (`checkObservation`); then either all rows are written in one
 * transaction, approved, as one audited import batch, or none is and the first 100 errors come back with
 * their row numbers.
 *
 * Re-importing a value for an (indicator, org unit, period) that already has one replaces it the way every
 * correction does in Mubiao: the new value is written with a later `created_at`, and every read (roll-up,
 * status, export) takes the latest approved value per key; the earlier value stays as history, its batch
 * intact. Within one file the last row for a key wins and earlier ones are counted `ignored`.
 */
import { randomBytes, randomUUID } from "node:crypto";
import type { AnalyticsRepository, RollupKey } from "../db/analytics.repository.js";
import type { AuditRepository } from "../db/audit.repository.js";
import type { IndicatorRepository } from "../db/indicator.repository.js";
import type { OrgUnitRepository } from "../db/org-unit.repository.js";
import type { ObservationColumns, ObservationImportRepository } from "../db/observation-import.repository.js";
import type { IndicatorRow, OrgUnitRow } from "../db/schema.js";
import type { UnitOfWork } from "../db/transaction.js";
import {
  readDataValue,
  rowError,
  fromDhis2Period,
  toDhis2DataValue,
  toCsvLine,
  csvHeader,
  type DataValue,
  type Dhis2DataValue,
  type ExportValue,
  type RowError,
} from "../exchange/index.js";
import { checkObservation, scaleOf } from "../domain/indicators/index.js";
import { parsePeriod } from "../domain/periods/index.js";
import type { Principal } from "./auth.service.js";
import { errors } from "./errors.js";
import { typeOf } from "./indicator-link.js";

export interface ExchangeRepos {
  imports: ObservationImportRepository;
  audit: AuditRepository;
  analytics: AnalyticsRepository;
  /** The catalogue and the org-unit tree, to resolve codes. */
  indicators: Pick<IndicatorRepository, "all">;
  orgUnits: Pick<OrgUnitRepository, "all">;
}

/** One row to import, as a format reader produced it: a JSON data value or a mapped CSV record. */
export interface IncomingRow {
  row: number;
  /** The data value's fields; null when the record could not be mapped (too many CSV fields). */
  value: unknown;
}

export interface ImportOptions {
  dryRun: boolean;
  source: "dhis2-json" | "dhis2-csv";
  fileName: string | null;
  /** Period and org unit of the set, for values that carry none (DHIS2 JSON allows them at the top). */
  defaults?: { period?: string | undefined; orgUnit?: string | undefined };
}

/** Modelled on DHIS2's importSummary. */
export interface ImportSummary {
  batchId: string | null;
  dryRun: boolean;
  status: "SUCCESS";
  rows: number;
  imported: number;
  replaced: number;
  ignored: number;
  importCount: { imported: number; updated: number; ignored: number; deleted: number };
}

export interface ExportQuery {
  period?: string | undefined;
  orgUnit?: string | undefined;
  indicator?: string | undefined;
  children?: boolean | undefined;
}

/** The most values one export returns (it is built in memory): a province-month fits, a province-year does not. */
export const MAX_EXPORT_ROWS = 1_000_000;

/** How many row errors an invalid import reports (all are counted). */
export const MAX_ROW_ERRORS = 100;

const ISSUE_EN: Record<string, string> = {
  not_finite: "not a valid number",
  negative: "cannot be negative",
  not_integer: "a count must be a whole number",
  above_ratio_limit: "a percentage (or per-mille) cannot exceed its limit",
  numerator_above_denominator: "the numerator cannot exceed the denominator",
  zero_denominator: "the denominator is 0 while the numerator is not",
  value_mismatch: "the value does not match numerator / denominator",
  missing_parts: "give both numerator and denominator",
  out_of_range: "outside the allowed range",
};

/** Lookup by code first, then by id (values exported from an org unit without a code carry its id). */
function byCodeOrId<T extends { id: string; code: string | null }>(rows: readonly T[]): Map<string, T> {
  const m = new Map<string, T>();
  for (const r of rows) m.set(r.id, r);
  for (const r of rows) if (r.code) m.set(r.code, r);
  return m;
}

/** Collects the rows that pass into columns, and the errors of those that do not. */
class ImportCollector {
  readonly columns: ObservationColumns = {
    id: [],
    indicatorId: [],
    orgUnitId: [],
    periodId: [],
    value: [],
    numerator: [],
    denominator: [],
  };
  readonly errors: RowError[] = [];
  errorCount = 0;
  rows = 0;
  ignored = 0;
  private readonly slot = new Map<string, number>();
  readonly periods = new Set<string>();

  constructor(
    private readonly indicators: Map<string, IndicatorRow>,
    private readonly orgUnits: Map<string, OrgUnitRow>,
    private readonly defaults: ImportOptions["defaults"],
  ) {}

  private fail(errs: RowError[]): void {
    this.errorCount += errs.length;
    for (const e of errs) if (this.errors.length < MAX_ROW_ERRORS) this.errors.push(e);
  }

  add(incoming: IncomingRow): void {
    this.rows++;
    const { row } = incoming;
    if (incoming.value === null) {
      this.fail([rowError(row, "bad_row", "字段数多于列数", "more fields than columns")]);
      return;
    }
    const read = readDataValue(incoming.value, row, this.defaults ?? {});
    if (Array.isArray(read)) {
      this.fail(read);
      return;
    }
    this.addValue(read);
  }

  private addValue(v: DataValue): void {
    const { row } = v;
    const errs: RowError[] = [];
    const indicator = this.indicators.get(v.dataElement);
    const orgUnit = this.orgUnits.get(v.orgUnit);
    if (!indicator)
      errs.push(
        rowError(
          row,
          "unknown_indicator",
          `未知的指标编码 ${v.dataElement}`,
          `unknown indicator code ${v.dataElement}`,
        ),
      );
    if (!orgUnit)
      errs.push(
        rowError(
          row,
          "unknown_org_unit",
          `未知的组织机构编码 ${v.orgUnit}`,
          `unknown org unit code ${v.orgUnit}`,
        ),
      );
    if (!indicator || !orgUnit) return this.fail(errs);
    const type = typeOf(indicator);
    const scale = scaleOf(type);
    const hasParts = v.numerator !== null && v.denominator !== null;
    if (hasParts && scale === null) {
      // a count or plain number has no parts: keeping them would be silently wrong in roll-ups
      return this.fail([
        rowError(
          row,
          "not_aggregable_parts",
          `指标 ${v.dataElement} 不是比率，不能填写分子分母`,
          `${v.dataElement} is not a ratio: it takes no numerator and denominator`,
        ),
      ]);
    }
    for (const issue of checkObservation(
      { type, numerator: indicator.numerator, denominator: indicator.denominator },
      v,
    ))
      if (issue.severity === "error")
        errs.push(
          rowError(row, issue.code as RowError["code"], issue.message, ISSUE_EN[issue.code] ?? issue.code),
        );
    const value =
      v.value ??
      (hasParts && (v.denominator as number) > 0
        ? ((v.numerator as number) / (v.denominator as number)) * (scale ?? 1)
        : null);
    if (value === null && errs.length === 0)
      errs.push(
        rowError(row, "no_value", "分母为0，无法计算数值", "the denominator is 0: no value can be computed"),
      );
    if (errs.length > 0 || value === null) return this.fail(errs);
    if (this.errorCount > 0) return; // the import fails anyway: keep only counting errors
    const key = `${indicator.id}|${orgUnit.id}|${v.period}`;
    const c = this.columns;
    const at = this.slot.get(key);
    if (at !== undefined) {
      // the same value twice in one file: the later row wins
      this.ignored++;
      c.value[at] = value;
      c.numerator[at] = v.numerator;
      c.denominator[at] = v.denominator;
      return;
    }
    this.slot.set(key, c.id.length);
    this.periods.add(v.period);
    c.indicatorId.push(indicator.id);
    c.orgUnitId.push(orgUnit.id);
    c.periodId.push(v.period);
    c.value.push(value);
    c.numerator.push(v.numerator);
    c.denominator.push(v.denominator);
  }

  keys(): IterableIterator<string> {
    return this.slot.keys();
  }

  /** How many values the import writes (rows less errors and duplicates). */
  get size(): number {
    return this.slot.size;
  }

  /**
   * The values to write, sorted by indicator, org unit and period, with time-ordered ids: every index of
   * `observations` then takes the batch in runs of neighbouring keys (and the primary key at its right
   * edge) instead of at random pages — the difference between a bulk insert that streams and one that
   * thrashes once the table outgrows memory.
   */
  ordered(): ObservationColumns {
    const c = this.columns;
    const keys = [...this.slot.keys()];
    const order = keys.map((_, i) => i);
    order.sort((a, b) => ((keys[a] as string) < (keys[b] as string) ? -1 : 1));
    const ids = timeOrderedIds(order.length);
    const pick = <T>(a: T[]) => order.map((i) => a[i] as T);
    return {
      id: ids,
      indicatorId: pick(c.indicatorId),
      orgUnitId: pick(c.orgUnitId),
      periodId: pick(c.periodId),
      value: pick(c.value),
      numerator: pick(c.numerator),
      denominator: pick(c.denominator),
    };
  }
}

export class ExchangeService {
  constructor(
    private readonly repos: ExchangeRepos,
    private readonly transact: UnitOfWork<ExchangeRepos>,
  ) {}

  /**
   * Imports data values (any iterable, sync or async: a parsed JSON array, a CSV stream). Throws 422 with
   * row-numbered errors when any row fails; nothing is written then, nor on a dry run.
   */
  async import(
    user: Principal,
    rows: AsyncIterable<IncomingRow> | Iterable<IncomingRow>,
    options: ImportOptions,
  ): Promise<ImportSummary> {
    const [indicators, orgUnits] = await Promise.all([
      this.repos.indicators.all(),
      this.repos.orgUnits.all(),
    ]);
    const collect = new ImportCollector(byCodeOrId(indicators), byCodeOrId(orgUnits), options.defaults);
    for await (const r of rows) collect.add(r);
    if (collect.errorCount > 0)
      throw errors.unprocessable(
        "IMPORT_INVALID",
        `导入数据有${collect.errorCount}处错误，未写入任何数据`,
        `The import has ${collect.errorCount} errors: nothing was written`,
        {
          rows: collect.rows,
          errorCount: collect.errorCount,
          errors: collect.errors,
          messages: collect.errors.map((e) => e.message),
        },
      );
    if (collect.rows === 0)
      throw errors.unprocessable("IMPORT_EMPTY", "文件中没有数据", "The file holds no data values", {
        rows: 0,
      });

    const summary = (batchId: string | null, replaced: number): ImportSummary => {
      const written = collect.size;
      return {
        batchId,
        dryRun: options.dryRun,
        status: "SUCCESS",
        rows: collect.rows,
        imported: written - replaced,
        replaced,
        ignored: collect.ignored,
        importCount: {
          imported: written - replaced,
          updated: replaced,
          ignored: collect.ignored,
          deleted: 0,
        },
      };
    };
    if (options.dryRun) return summary(null, (await this.repos.imports.approvedKeys(collect.keys())).size);

    const periods = [...collect.periods].map((id) => {
      const p = parsePeriod(id);
      if (!p) throw new RangeError(`not a period id: ${id}`); // readDataValue only lets valid ones through
      return p;
    });
    return this.transact(async ({ imports, audit, analytics }) => {
      const batchId = randomUUID();
      const at = new Date().toISOString();
      const replaced = (await imports.approvedKeys(collect.keys())).size;
      const result = summary(batchId, replaced);
      await imports.insertBatch({
        id: batchId,
        source: options.source,
        file_name: options.fileName,
        rows: collect.rows,
        imported: result.imported,
        replaced,
        ignored: collect.ignored,
        created_by: user.id,
        created_at: at,
      });
      await imports.ensurePeriods(periods);
      const columns = collect.ordered();
      await imports.insertObservations(columns, { batchId, userId: user.id, at });
      await refreshRollups(analytics, columns);
      await audit.record({
        userId: user.id,
        action: "observation.import",
        entity: "import_batch",
        entityId: batchId,
        after: { source: options.source, fileName: options.fileName, ...result },
      });
      return result;
    });
  }

  /** Approved values (the latest per indicator, org unit and period) as DHIS2 export values. */
  async exportValues(query: ExportQuery): Promise<ExportValue[]> {
    let periodIds: string[] | undefined;
    if (query.period !== undefined) {
      const p = fromDhis2Period(query.period);
      if (!p)
        throw errors.validation([{ path: "querystring.period", message: `unknown period ${query.period}` }]);
      periodIds = [p];
    }
    const tree = await this.repos.orgUnits.all();
    let orgUnitIds: string[] | undefined;
    if (query.orgUnit !== undefined) {
      const root = byCodeOrId(tree).get(query.orgUnit);
      if (!root) throw errors.notFound("orgUnit", query.orgUnit);
      orgUnitIds = query.children ? subtreeOf(tree, root.id) : [root.id];
    }
    let indicatorId: string | undefined;
    if (query.indicator !== undefined) {
      const ind = byCodeOrId(await this.repos.indicators.all()).get(query.indicator);
      if (!ind) throw errors.notFound("indicator", query.indicator);
      indicatorId = ind.id;
    }
    const rows = await this.repos.imports.approvedForExport({
      periodIds,
      orgUnitIds,
      indicatorId,
      limit: MAX_EXPORT_ROWS + 1,
    });
    if (rows.length > MAX_EXPORT_ROWS)
      throw errors.unprocessable(
        "EXPORT_TOO_LARGE",
        `导出数据超过${MAX_EXPORT_ROWS}条，请按报告期、组织机构或指标缩小范围`,
        `More than ${MAX_EXPORT_ROWS} values: narrow the export by period, org unit or indicator`,
        { limit: MAX_EXPORT_ROWS },
      );
    const latest = new Map<string, ExportValue>();
    for (const r of rows)
      latest.set(`${r.indicator_id}|${r.org_unit_id}|${r.period_id}`, {
        dataElement: r.indicator_code ?? r.indicator_id,
        period: r.period_id,
        orgUnit: r.org_unit_code ?? r.org_unit_id,
        value: r.value,
        numerator: r.numerator,
        denominator: r.denominator,
        storedBy: r.stored_by,
        lastUpdated: r.last_updated,
      });
    return [...latest.values()];
  }

  async exportJson(query: ExportQuery): Promise<{ dataValues: Dhis2DataValue[] }> {
    return { dataValues: (await this.exportValues(query)).map(toDhis2DataValue) };
  }

  async exportCsv(query: ExportQuery): Promise<string> {
    const values = await this.exportValues(query);
    return [csvHeader, ...values.map(toCsvLine)].join("\n") + "\n";
  }
}

/**
 * Brings the pre-aggregated roll-ups up to date with the batch, in its transaction. A small batch refreshes
 * the ancestors of each key it touched; a large one recomputes its indicators and periods in one statement,
 * which costs the same whatever the row count (per-key refreshes would take minutes for a big file).
 */
export const BULK_REFRESH_ROWS = 2_000;

async function refreshRollups(analytics: AnalyticsRepository, c: ObservationColumns): Promise<void> {
  if (c.id.length > BULK_REFRESH_ROWS) {
    await analytics.rebuild({
      indicatorIds: [...new Set(c.indicatorId)],
      periodIds: [...new Set(c.periodId)],
    });
    return;
  }
  const keys: RollupKey[] = c.id.map((_, i) => ({
    indicatorId: c.indicatorId[i] as string,
    orgUnitId: c.orgUnitId[i] as string,
    periodId: c.periodId[i] as string,
  }));
  await analytics.refresh(keys);
}

/**
 * `n` UUIDv7-style ids (RFC 9562: 48-bit Unix milliseconds, version 7, then a counter and random bits),
 * increasing in the order given, so a batch appends to the primary-key index.
 */
export function timeOrderedIds(n: number, now = Date.now()): string[] {
  const hex = (x: number, w: number) => x.toString(16).padStart(w, "0");
  const ms = hex(now, 12);
  const head = `${ms.slice(0, 8)}-${ms.slice(8, 12)}`;
  const tail = randomBytes(6).toString("hex");
  const out = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    // 12 bits of version-7 "rand_a" and 14 bits after the variant: a 26-bit counter per millisecond-batch
    const hi = (i >>> 14) & 0xfff;
    const lo = i & 0x3fff;
    out[i] = `${head}-7${hex(hi, 3)}-${hex(0x8000 | lo, 4)}-${tail}`;
  }
  return out;
}

/** Ids of an org unit and all its descendants. */
function subtreeOf(tree: readonly OrgUnitRow[], rootId: string): string[] {
  const children = new Map<string, string[]>();
  for (const n of tree)
    if (n.parent_id) {
      const list = children.get(n.parent_id);
      if (list) list.push(n.id);
      else children.set(n.parent_id, [n.id]);
    }
  const out: string[] = [];
  for (const stack = [rootId]; stack.length > 0;) {
    const id = stack.pop() as string;
    out.push(id);
    stack.push(...(children.get(id) ?? []));
  }
  return out;
}
