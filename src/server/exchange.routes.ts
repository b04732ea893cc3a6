/**
 * DHIS2 dataValueSets exchange: export approved values as JSON or CSV (any signed-in user), import a
 * dataValueSet as a JSON body or a .json/.csv file (planners), all or nothing, with `dryRun=true` to only
 * validate. CSV files are read as they stream in.
 */
import type { Readable } from "node:stream";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Db } from "../db/database.js";
import { AnalyticsRepository } from "../db/analytics.repository.js";
import { AuditRepository } from "../db/audit.repository.js";
import { IndicatorRepository } from "../db/indicator.repository.js";
import { ObservationImportRepository } from "../db/observation-import.repository.js";
import { OrgUnitRepository } from "../db/org-unit.repository.js";
import { unitOfWork } from "../db/transaction.js";
import { CsvDataValueReader, dataValueSetSchema } from "../exchange/index.js";
import type { Services } from "./app.js";
import { errors } from "./errors.js";
import { ExchangeService, type ExchangeRepos, type IncomingRow } from "./exchange.service.js";
import { principal } from "./http.js";
import { ok } from "./responses.js";

/** A dataValueSet upload, JSON body or file: the same ceiling as every other upload. */
const MAX_IMPORT_BYTES = 50 * 1024 * 1024;
const planners = ["planner"] as const;
const tags = ["exchange"];

const exportQuery = z.object({
  period: z.string().trim().min(4).max(20).optional(),
  orgUnit: z.string().trim().min(1).max(200).optional(),
  indicator: z.string().trim().min(1).max(200).optional(),
  children: z.enum(["true", "false"]).optional(),
});
const importQuery = z.object({ dryRun: z.enum(["true", "false"]).optional() });
const dataValueResponse = z.object({
  dataElement: z.string(),
  period: z.string(),
  orgUnit: z.string(),
  value: z.string(),
  storedBy: z.string().optional(),
  lastUpdated: z.string(),
  comment: z.string().optional(),
  followup: z.boolean(),
});
const summaryResponse = z.object({
  batchId: z.string().nullable(),
  dryRun: z.boolean(),
  status: z.literal("SUCCESS"),
  rows: z.number().int(),
  imported: z.number().int(),
  replaced: z.number().int(),
  ignored: z.number().int(),
  importCount: z.object({
    imported: z.number().int(),
    updated: z.number().int(),
    ignored: z.number().int(),
    deleted: z.number().int(),
  }),
});

const repos = (d: Db): ExchangeRepos => ({
  imports: new ObservationImportRepository(d),
  audit: new AuditRepository(d),
  analytics: new AnalyticsRepository(d),
  indicators: new IndicatorRepository(d),
  orgUnits: new OrgUnitRepository(d),
});

/** The rows of a CSV file as it streams in (UTF-8; a BOM is dropped). */
async function* csvRows(stream: Readable): AsyncGenerator<IncomingRow> {
  const decoder = new TextDecoder("utf-8");
  const reader = new CsvDataValueReader();
  for await (const chunk of stream as AsyncIterable<Buffer>)
    for (const r of reader.push(decoder.decode(chunk, { stream: true }))) yield r;
  for (const r of reader.push(decoder.decode())) yield r;
  for (const r of reader.end()) yield r;
}

/** The rows of a dataValueSet object, numbered from 1; its top-level period and org unit as defaults. */
function setRows(body: unknown) {
  const set = dataValueSetSchema.safeParse(body);
  if (!set.success)
    throw errors.validation(
      set.error.issues.map((i) => ({ path: `body.${i.path.join(".")}`, message: i.message })),
    );
  const rows = set.data.dataValues.map((value, i) => ({ row: i + 1, value }));
  return {
    rows,
    defaults: { period: set.data.period ?? undefined, orgUnit: set.data.orgUnit ?? undefined },
  };
}

export const exchangeRoutes: FastifyPluginAsyncZod<{ services: Services; db: Db }> = async (app, { db }) => {
  const exchange = new ExchangeService(repos(db), unitOfWork(db, repos));
  const query = (q: z.infer<typeof exportQuery>) => ({ ...q, children: q.children === "true" });

  app.get(
    "/api/observations/dataValueSets.json",
    {
      config: { access: "user" },
      schema: {
        tags,
        summary:
          "Approved values as a DHIS2 dataValueSet: dataElement = indicator code, orgUnit = org-unit code (or id), period in DHIS2 form, numerator/denominator in the comment",
        querystring: exportQuery,
        response: ok(z.object({ dataValues: z.array(dataValueResponse) })),
      },
    },
    async (req) => exchange.exportJson(query(req.query)),
  );

  app.get(
    "/api/observations/dataValueSets.csv",
    {
      config: { access: "user" },
      schema: { tags, summary: "Approved values as DHIS2 dataValueSets CSV", querystring: exportQuery },
    },
    async (req, reply) =>
      reply
        .header("content-type", "text/csv; charset=utf-8")
        .header("content-disposition", 'attachment; filename="dataValueSets.csv"')
        .send(await exchange.exportCsv(query(req.query))),
  );

  app.post(
    "/api/observations/dataValueSets",
    {
      config: { access: planners },
      bodyLimit: MAX_IMPORT_BYTES,
      schema: {
        tags,
        summary:
          "Import a DHIS2 dataValueSet (JSON body, or a .json/.csv file): all rows in one batch or none (422 with row-numbered errors); dryRun=true only validates",
        consumes: ["application/json", "multipart/form-data"],
        querystring: importQuery,
        response: ok(summaryResponse),
      },
    },
    async (req) => {
      const user = principal(req.auth);
      const dryRun = req.query.dryRun === "true";
      if (!req.isMultipart()) {
        const { rows, defaults } = setRows(req.body);
        return exchange.import(user, rows, { dryRun, source: "dhis2-json", fileName: null, defaults });
      }
      const file = await req.file({ limits: { fileSize: MAX_IMPORT_BYTES } });
      if (!file) throw errors.validation([{ path: "body.file", message: "a file is required" }]);
      const name = file.filename;
      if (/\.csv$/i.test(name) || file.mimetype === "text/csv")
        return exchange.import(user, csvRows(file.file), { dryRun, source: "dhis2-csv", fileName: name });
      if (/\.json$/i.test(name) || file.mimetype === "application/json") {
        const bytes = await file.toBuffer();
        let body: unknown;
        try {
          body = JSON.parse(new TextDecoder("utf-8").decode(bytes));
        } catch (e) {
          throw errors.unprocessable(
            "IMPORT_UNREADABLE",
            "JSON文件无法解析",
            "The JSON file cannot be parsed",
            {
              fileName: name,
              reason: e instanceof Error ? e.message : String(e),
            },
          );
        }
        const { rows, defaults } = setRows(body);
        return exchange.import(user, rows, { dryRun, source: "dhis2-json", fileName: name, defaults });
      }
      throw errors.unsupportedType(name, [".json", ".csv"]);
    },
  );
};
