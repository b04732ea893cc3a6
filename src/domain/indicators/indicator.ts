/**
 * The shape of a catalogue indicator (指标库): what a metric means, how it is counted and which way is
 * better, so targets and observations of many plans, years and regions can be followed as one series. Pure.
 */
import { z } from "zod";

/**
 * How a value is built, which decides how it rolls up:
 * - `count`, `amount`: additive (people, institutions, yuan) — summed;
 * - `percentage`, `permille`, `per_1000`, `per_10k`, `per_100k`, `ratio`: numerator / denominator × scale —
 *   recomputed from summed numerators and denominators, never averaged (`ratio` has scale 1: 人均, 次均);
 * - `number`: a value that neither adds nor divides (life expectancy, an index) — not aggregable.
 */
export const indicatorTypeSchema = z.enum([
  "count",
  "amount",
  "percentage",
  "permille",
  "per_1000",
  "per_10k",
  "per_100k",
  "ratio",
  "number",
]);
export type IndicatorType = z.infer<typeof indicatorTypeSchema>;

export const directionSchema = z.enum(["higher_is_better", "lower_is_better"]);
export type Direction = z.infer<typeof directionSchema>;

/** The factor a ratio type multiplies numerator / denominator by; null for additive and plain numbers. */
export function scaleOf(type: IndicatorType): number | null {
  switch (type) {
    case "percentage":
      return 100;
    case "permille":
    case "per_1000":
      return 1000;
    case "per_10k":
      return 10_000;
    case "per_100k":
      return 100_000;
    case "ratio":
      return 1;
    case "count":
    case "amount":
    case "number":
      return null;
  }
}

export const referenceTargetSchema = z.object({
  /** The document that sets it, e.g. 健康中国行动(2019—2030年). */
  source: z.string().min(1),
  year: z.number().int().min(2000).max(2100),
  comparator: z.enum([">=", ">", "<=", "<", "="]),
  value: z.number().finite(),
});
export type ReferenceTarget = z.infer<typeof referenceTargetSchema>;

export const indicatorSchema = z.object({
  code: z.string().regex(/^[A-Z][A-Z0-9_]{1,49}$/, "an upper-case code like MATERNAL_MORTALITY"),
  name: z.string().trim().min(2).max(100),
  aliases: z.array(z.string().trim().min(2).max(100)).max(50),
  /** The unit values are written in: %, ‰, /10万, 岁, 元, 人, 张/千人 … */
  unit: z.string().max(20),
  type: indicatorTypeSchema,
  direction: directionSchema,
  numerator: z.string().min(1).nullable(),
  denominator: z.string().min(1).nullable(),
  references: z.array(referenceTargetSchema),
});
export type Indicator = z.infer<typeof indicatorSchema>;
