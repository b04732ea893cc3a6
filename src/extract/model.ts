/**
 * The structured plan the extractor produces: the contract between the pure core and every adapter
 * (CLI, database, API, web). Every extracted element carries `start`/`end` offsets into the ORIGINAL
 * document text (JS string indices, i.e. UTF-16 code units) and `quote` = original.slice(start, end).
 */
import { z } from "zod";

export const sourceSpanSchema = z.object({
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  quote: z.string(),
});
export type SourceSpan = z.infer<typeof sourceSpanSchema>;

export const comparatorSchema = z.enum(["=", ">=", ">", "<=", "<", "~", "increase_by", "decrease_by"]);
export type Comparator = z.infer<typeof comparatorSchema>;

/**
 * When something is due. `due` is the last day (ISO date) by which it must be done, resolved against the
 * plan's year; `from` opens a period ("上半年" → from 01-01). Recurring deadlines ("每月10日前",
 * "季后15日") carry their rule instead of one date; working-day deadlines ("5个工作日内") count days.
 */
export const deadlineSchema = z.object({
  text: z.string(),
  kind: z.enum(["date", "period", "year", "recurring", "workdays"]),
  due: z.string().nullable(),
  from: z.string().nullable().optional(),
  recurrence: z.enum(["monthly", "quarterly", "half-yearly", "yearly"]).nullable().optional(),
  /** Day of month (or of the period's following month, for 季后N日) for recurring deadlines. */
  day: z.number().int().nullable().optional(),
  /** For 季后15日: days after the period ends. For N个工作日内: the number of working days. */
  days: z.number().int().nullable().optional(),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
});
export type Deadline = z.infer<typeof deadlineSchema>;

/** The baseline a change is measured from ("较2019年下降10个百分点" → year 2019). */
export const baselineSchema = z.object({
  year: z.number().int().nullable(),
  value: z.number().nullable(),
  unit: z.string().nullable(),
});
export type Baseline = z.infer<typeof baselineSchema>;

/** A numeric statement: a target (commitment) or an actual (a result already reached). */
export const quantitySchema = sourceSpanSchema.extend({
  kind: z.enum(["target", "actual"]),
  metric: z.string(),
  comparator: comparatorSchema,
  value: z.number(),
  unit: z.string(),
  /** The year it is due (targets) or refers to (actuals), as the targets spec defines it. */
  deadline: z.string().nullable(),
  baseline: baselineSchema.nullable().optional(),
  sectionId: z.string().nullable(),
});
export type Quantity = z.infer<typeof quantitySchema>;

export const sectionSchema = sourceSpanSchema.extend({
  id: z.string(),
  parentId: z.string().nullable(),
  level: z.number().int().positive(),
  /** The heading's numbering as written: "一、", "(三)", "1.", "①", "【篇一】", "一是". */
  marker: z.string(),
  title: z.string(),
  /** Original offset where the section's content ends (its span `start`..`end` is the heading). */
  contentEnd: z.number().int().nonnegative(),
});
export type Section = z.infer<typeof sectionSchema>;

export const taskSchema = sourceSpanSchema.extend({
  id: z.string(),
  sectionId: z.string().nullable(),
  text: z.string(),
  leadUnits: z.array(z.string()),
  partnerUnits: z.array(z.string()),
  deadline: deadlineSchema.nullable(),
});
export type Task = z.infer<typeof taskSchema>;

export const planSchema = sourceSpanSchema.extend({
  title: z.string().nullable(),
  issuer: z.string().nullable(),
  year: z.number().int().nullable(),
  /** Flat list in document order; the tree is given by parentId (see `sectionTree`). */
  sections: z.array(sectionSchema),
  tasks: z.array(taskSchema),
  targets: z.array(quantitySchema),
  actuals: z.array(quantitySchema),
});
export type Plan = z.infer<typeof planSchema>;

export interface ExtractedDocument {
  /** The original text the offsets point into. */
  text: string;
  plans: Plan[];
  /** Spans dropped as page noise or as word-for-word repeats, for the reviewer to see what was skipped. */
  dropped: Array<{ start: number; end: number; reason: "noise" | "duplicate" }>;
}
