/**
 * Reporting routes: a submission's form (cells, values, review status, evidence, warnings), entering values
 * from the web form or the Excel template, returning a single value, and reopening an approved form.
 */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Db } from "../db/database.js";
import type { Services } from "./app.js";
import { errors } from "./errors.js";
import { contentDisposition } from "./evidence.service.js";
import { idParam, principal } from "./http.js";
import { presentSubmission } from "./presenters.js";
import { ReportingFormService, type Form } from "./reporting-form.service.js";
import { ok, submissionResponse } from "./responses.js";
import { changedSinceApproval } from "./submission.service.js";

const tags = ["reporting"];
const reporters = ["planner", "reporter"] as const;
const planners = ["planner"] as const;
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

const issue = z.object({
  field: z.string(),
  severity: z.enum(["error", "warning"]),
  code: z.string(),
  message: z.string(),
  messageEn: z.string(),
});

export const formResponse = z.object({
  submission: submissionResponse,
  unitName: z.string(),
  /** When the form is due: the earliest deadline of its indicators. */
  deadline: z.string(),
  editable: z.boolean(),
  changedSinceApproval: z.number().int(),
  rows: z.array(
    z.object({
      indicator: z.object({
        id: z.string(),
        code: z.string().nullable(),
        name: z.string(),
        unit: z.string().nullable(),
        type: z.string().nullable(),
        frequency: z.string(),
        numerator: z.string().nullable(),
        denominator: z.string().nullable(),
      }),
      orgUnit: z.object({ id: z.string(), name: z.string(), level: z.string() }),
      observation: z
        .object({
          id: z.string(),
          value: z.number(),
          numerator: z.number().nullable(),
          denominator: z.number().nullable(),
          definition: z.string().nullable(),
          status: z.string(),
          returnReason: z.string().nullable(),
          changedSinceApproval: z.boolean(),
          evidence: z.array(
            z.object({ id: z.string(), fileName: z.string(), size: z.number().int(), mime: z.string() }),
          ),
        })
        .nullable(),
      warnings: z.array(issue),
    }),
  ),
});

export function presentForm(form: Form): z.infer<typeof formResponse> {
  return {
    submission: presentSubmission(form.submission),
    unitName: form.unitName,
    deadline: form.deadline,
    editable: form.editable,
    changedSinceApproval: form.changedSinceApproval,
    rows: form.rows.map((r) => ({
      indicator: {
        id: r.indicator.id,
        code: r.indicator.code,
        name: r.indicator.name,
        unit: r.indicator.unit,
        type: r.indicator.type,
        frequency: r.indicator.frequency,
        numerator: r.indicator.numerator,
        denominator: r.indicator.denominator,
      },
      orgUnit: r.orgUnit,
      observation: r.observation && {
        id: r.observation.id,
        value: r.observation.value,
        numerator: r.observation.numerator,
        denominator: r.observation.denominator,
        definition: r.observation.definition,
        status: r.observation.status,
        returnReason: r.observation.return_reason,
        changedSinceApproval: changedSinceApproval(r.observation),
        evidence: r.evidence.map((e) => ({ id: e.id, fileName: e.file_name, size: e.size, mime: e.mime })),
      },
      warnings: r.warnings,
    })),
  };
}

const optionalNumber = z.number().finite().nullable().optional();

export const reportingFormRoutes: FastifyPluginAsyncZod<{ services: Services; db: Db }> = async (
  app,
  { services, db },
) => {
  const forms = new ReportingFormService(db);

  app.get(
    "/api/submissions/:id/form",
    {
      config: { access: "user" },
      schema: {
        tags,
        summary: "The submission's form: every indicator × org unit cell with its value, status and evidence",
        params: idParam,
        response: ok(formResponse),
      },
    },
    async (req) => presentForm(await forms.form(principal(req.auth), req.params.id)),
  );

  app.put(
    "/api/submissions/:id/values",
    {
      config: { access: reporters },
      schema: {
        tags,
        summary: "Enter values into a draft or returned form: all or nothing (422 names each refused value)",
        params: idParam,
        body: z.object({
          values: z
            .array(
              z.object({
                indicatorId: z.uuid(),
                orgUnitId: z.uuid(),
                value: optionalNumber,
                numerator: optionalNumber,
                denominator: optionalNumber,
                definition: z.string().max(2000).nullable().optional(),
              }),
            )
            .max(5000),
        }),
        response: ok(formResponse),
      },
    },
    async (req) => presentForm(await forms.putValues(principal(req.auth), req.params.id, req.body.values)),
  );

  app.get(
    "/api/submissions/:id/template.xlsx",
    {
      config: { access: "user" },
      schema: {
        tags,
        summary: "The form as an Excel template to fill in and upload",
        params: idParam,
      },
    },
    async (req, reply) => {
      const { bytes, fileName } = await forms.template(principal(req.auth), req.params.id);
      return reply
        .header("content-type", XLSX)
        .header("content-disposition", contentDisposition(fileName))
        .send(bytes);
    },
  );

  app.post(
    "/api/submissions/:id/template.xlsx",
    {
      config: { access: reporters },
      schema: {
        tags,
        summary: "Upload a filled template: same rules as PUT values; errors name their cell",
        consumes: ["multipart/form-data"],
        params: idParam,
        response: ok(formResponse),
      },
    },
    async (req) => {
      const file = await req.file();
      if (!file) throw errors.validation([{ path: "body.file", message: "a file is required" }]);
      const bytes = await file.toBuffer();
      return presentForm(
        await forms.uploadTemplate(principal(req.auth), req.params.id, bytes, file.filename),
      );
    },
  );

  app.post(
    "/api/submissions/:id/reopen",
    {
      config: { access: planners },
      schema: {
        tags,
        summary: "Reopen an approved form (recorded with the reason): it becomes a draft again",
        params: idParam,
        body: z.object({ reason: z.string().trim().min(1).max(500) }),
        response: ok(submissionResponse),
      },
    },
    async (req) =>
      presentSubmission(
        await services.submissions.reopen(req.params.id, principal(req.auth), req.body.reason),
      ),
  );

  app.post(
    "/api/observations/:id/return",
    {
      config: { access: planners },
      schema: {
        tags,
        summary: "Return a single value with a reason; its form goes back to the reporter",
        params: idParam,
        body: z.object({ reason: z.string().trim().min(1).max(500) }),
        response: ok(
          z.object({
            id: z.string(),
            status: z.string(),
            returnReason: z.string().nullable(),
            submissionId: z.string().nullable(),
          }),
        ),
      },
    },
    async (req) => {
      const o = await services.submissions.returnValue(req.params.id, principal(req.auth), req.body.reason);
      return { id: o.id, status: o.status, returnReason: o.return_reason, submissionId: o.submission_id };
    },
  );
};
