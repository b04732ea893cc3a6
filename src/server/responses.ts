/**
 * The shapes the API answers with, as zod schemas: presenters are typed against them, routes declare
 * them (so the OpenAPI document shows them and a response that drifts from them fails loudly in tests).
 */
import { z } from "zod";
import { baselineSchema, comparatorSchema, deadlineSchema } from "../extract/model.js";

const reviewStatus = z.enum(["pending", "accepted", "rejected"]);
const origin = z.enum(["extracted", "added"]);
const span = { start: z.number().int(), end: z.number().int(), quote: z.string() };

export const errorResponse = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown() }),
});

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });
}

export const documentResponse = z.object({
  id: z.string(),
  fileName: z.string(),
  format: z.string(),
  sha256: z.string(),
  size: z.number().int(),
  uploadedAt: z.string(),
});

export const planCounts = z.object({
  sections: z.number().int(),
  tasks: z.number().int(),
  targets: z.number().int(),
  actuals: z.number().int(),
  pending: z.number().int(),
});

export const planResponse = z.object({
  id: z.string(),
  documentId: z.string(),
  position: z.number().int(),
  title: z.string().nullable(),
  issuer: z.string().nullable(),
  year: z.number().int().nullable(),
  status: z.enum(["draft", "published"]),
  version: z.number().int(),
  ...span,
  createdAt: z.string(),
  updatedAt: z.string(),
  publishedAt: z.string().nullable(),
  document: documentResponse.optional(),
  counts: planCounts.optional(),
});

export const importResponse = z.object({
  documentId: z.string(),
  fileName: z.string(),
  sha256: z.string(),
  plans: z.array(
    z.object({
      id: z.string(),
      title: z.string().nullable(),
      year: z.number().int().nullable(),
      sections: z.number().int(),
      tasks: z.number().int(),
      targets: z.number().int(),
      actuals: z.number().int(),
    }),
  ),
  proposedUnits: z.array(z.object({ id: z.string(), name: z.string() })),
});

export const sectionResponse = z.object({
  id: z.string(),
  planId: z.string(),
  parentId: z.string().nullable(),
  position: z.number().int(),
  level: z.number().int(),
  marker: z.string(),
  title: z.string(),
  ...span,
  contentEnd: z.number().int(),
  reviewStatus: reviewStatus,
  origin,
  version: z.number().int(),
});

const taskUnitRef = z.object({ id: z.string(), name: z.string(), nameAsWritten: z.string() });

export const taskResponse = z.object({
  id: z.string(),
  planId: z.string(),
  sectionId: z.string().nullable(),
  position: z.number().int(),
  text: z.string(),
  leadUnits: z.array(taskUnitRef),
  partnerUnits: z.array(taskUnitRef),
  deadline: deadlineSchema.nullable(),
  deadlineDue: z.string().nullable(),
  ...span,
  reviewStatus: reviewStatus,
  origin,
  version: z.number().int(),
});

export const quantityResponse = z.object({
  id: z.string(),
  planId: z.string(),
  sectionId: z.string().nullable(),
  kind: z.enum(["target", "actual"]),
  position: z.number().int(),
  metric: z.string(),
  comparator: comparatorSchema,
  value: z.number(),
  unit: z.string(),
  deadline: z.string().nullable(),
  baseline: baselineSchema.nullable(),
  indicatorId: z.string().nullable(),
  /** The indicator link: suggested at import by name/alias, confirmed or corrected by a planner. */
  link: z
    .object({
      status: z.enum(["suggested", "confirmed", "candidates", "unlinked"]),
      score: z.number().nullable(),
      reason: z.string().nullable(),
      candidates: z.array(
        z.object({
          indicatorId: z.string().nullable(),
          code: z.string(),
          name: z.string(),
          score: z.number(),
        }),
      ),
    })
    .nullable(),
  ...span,
  reviewStatus: reviewStatus,
  origin,
  version: z.number().int(),
});

export const unitResponse = z.object({
  id: z.string(),
  name: z.string(),
  aliases: z.array(z.string()),
  status: z.enum(["confirmed", "proposed"]),
  version: z.number().int(),
  createdAt: z.string(),
});

export const auditResponse = z.object({
  id: z.number().int(),
  at: z.string(),
  userId: z.string().nullable(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
});

export type PlanResponse = z.infer<typeof planResponse>;
export type SectionResponse = z.infer<typeof sectionResponse>;
export type TaskResponse = z.infer<typeof taskResponse>;
export type QuantityResponse = z.infer<typeof quantityResponse>;
export type UnitResponse = z.infer<typeof unitResponse>;
export type AuditResponse = z.infer<typeof auditResponse>;

/** A route's documented answers: its success shape, and the one error shape for every 4xx. */
export function ok<T extends z.ZodType>(schema: T) {
  return { 200: schema, "4xx": errorResponse };
}

/** As `ok`, for a route that creates something (201). */
export function created<T extends z.ZodType>(schema: T) {
  return { 201: schema, "4xx": errorResponse };
}

export const indicatorResponse = z.object({
  id: z.string(),
  name: z.string(),
  aliases: z.array(z.string()),
  unit: z.string().nullable(),
  direction: z.string().nullable(),
  description: z.string().nullable(),
  version: z.number().int(),
  code: z.string().nullable(),
  type: z.string().nullable(),
  numerator: z.string().nullable(),
  denominator: z.string().nullable(),
  /** Reporting: monthly | quarterly | yearly, the org-unit level, the deadline rule, the reporting units. */
  frequency: z.string(),
  level: z.string().nullable(),
  deadlineRule: z.object({ kind: z.string(), days: z.number().optional(), day: z.number().optional() }),
  unitIds: z.array(z.string()),
});

export const observationResponse = z.object({
  id: z.string(),
  indicatorId: z.string().nullable(),
  unitId: z.string().nullable(),
  orgUnitId: z.string().nullable(),
  periodId: z.string(),
  value: z.number(),
  numerator: z.number().nullable(),
  denominator: z.number().nullable(),
  submissionId: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  /** pending | approved | returned: only approved values count. */
  status: z.string(),
  definition: z.string().nullable(),
});

export const submissionResponse = z.object({
  id: z.string(),
  unitId: z.string(),
  periodId: z.string(),
  status: z.string(),
  note: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  submittedAt: z.string().nullable(),
  reopenedAt: z.string().nullable(),
  reopenedBy: z.string().nullable(),
  reopenReason: z.string().nullable(),
});

export const progressResponse = z.object({
  id: z.string(),
  taskId: z.string(),
  unitId: z.string(),
  periodId: z.string().nullable(),
  status: z.string(),
  note: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
});

export const userResponse = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(z.enum(["admin", "planner", "reporter", "viewer"])),
  unitIds: z.array(z.string()),
  mustChangePassword: z.boolean(),
  disabled: z.boolean(),
  createdAt: z.string(),
});
