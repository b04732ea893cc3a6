/**
 * Checks on a reported value before it is saved, per cell, with messages a reporter can act on: values
 * that cannot be (a negative count, a rate above 100%, a numerator above its denominator, a value that
 * contradicts its own numerator and denominator) are errors; a sudden jump against the previous period is a
 * warning to confirm. Pure.
 */
import type { Indicator } from "./indicator.js";
import { scaleOf } from "./indicator.js";

export interface ObservationInput {
  value?: number | null;
  numerator?: number | null;
  denominator?: number | null;
}

export interface CheckOptions {
  /** The same indicator's value for the same org unit in the previous period. */
  previous?: number | null;
  /** A change against `previous` above this share is flagged. Default 0.5 (50%). */
  jumpShare?: number;
  /** Bounds set by the admin for this indicator (e.g. life expectancy 60..95). */
  min?: number;
  max?: number;
}

export interface ObservationIssue {
  field: "value" | "numerator" | "denominator";
  severity: "error" | "warning";
  code:
    | "not_finite"
    | "negative"
    | "not_integer"
    | "above_ratio_limit"
    | "numerator_above_denominator"
    | "zero_denominator"
    | "value_mismatch"
    | "missing_parts"
    | "out_of_range"
    | "sudden_jump";
  message: string;
}

const has = (x: number | null | undefined): x is number => x !== null && x !== undefined;
const fmt = (x: number) => String(Math.round(x * 100) / 100);

/** The issues of one reported value; an empty list means it can be saved. */
export function checkObservation(
  indicator: Pick<Indicator, "type" | "numerator" | "denominator">,
  input: ObservationInput,
  options: CheckOptions = {},
): ObservationIssue[] {
  const issues: ObservationIssue[] = [];
  const fields = ["value", "numerator", "denominator"] as const;
  for (const f of fields) {
    const x = input[f];
    if (has(x) && !Number.isFinite(x))
      issues.push({ field: f, severity: "error", code: "not_finite", message: "不是有效数字" });
  }
  if (issues.length > 0) return issues;
  const { value, numerator, denominator } = input;
  const scale = scaleOf(indicator.type);
  const signed = indicator.type === "number";

  if (!signed) {
    for (const f of fields) {
      const x = input[f];
      if (has(x) && x < 0)
        issues.push({ field: f, severity: "error", code: "negative", message: "不能为负数" });
    }
  }
  if (indicator.type === "count") {
    if (has(value) && !Number.isInteger(value)) {
      issues.push({ field: "value", severity: "error", code: "not_integer", message: "计数应为整数" });
    }
  }
  const limit = indicator.type === "percentage" ? 100 : indicator.type === "permille" ? 1000 : null;
  if (limit !== null && has(value) && value > limit) {
    issues.push({
      field: "value",
      severity: "error",
      code: "above_ratio_limit",
      message: `${indicator.type === "percentage" ? "百分比" : "千分比"}不能超过${limit}`,
    });
  }
  if (scale !== null) {
    const bounded = indicator.type === "percentage" || indicator.type === "permille";
    if (has(numerator) && has(denominator)) {
      if (denominator === 0 && numerator > 0) {
        issues.push({
          field: "denominator",
          severity: "error",
          code: "zero_denominator",
          message: "分母为0而分子不为0",
        });
      } else if (bounded && numerator > denominator) {
        issues.push({
          field: "numerator",
          severity: "error",
          code: "numerator_above_denominator",
          message: `分子（${fmt(numerator)}）不能大于分母（${fmt(denominator)}）`,
        });
      } else if (denominator > 0 && has(value)) {
        const computed = (numerator / denominator) * scale;
        // reporters round to two decimals; allow that and a relative 0.5%
        if (Math.abs(computed - value) > Math.max(0.01, Math.abs(computed) * 0.005)) {
          issues.push({
            field: "value",
            severity: "error",
            code: "value_mismatch",
            message: `数值${fmt(value)}与分子分母计算结果${fmt(computed)}不符`,
          });
        }
      }
    } else if (indicator.numerator && indicator.denominator && (has(numerator) || has(denominator))) {
      issues.push({
        field: has(numerator) ? "denominator" : "numerator",
        severity: "error",
        code: "missing_parts",
        message: `请同时填写分子（${indicator.numerator}）和分母（${indicator.denominator}）`,
      });
    }
  }
  const v = has(value)
    ? value
    : has(numerator) && has(denominator) && denominator > 0 && scale !== null
      ? (numerator / denominator) * scale
      : null;
  if (v !== null) {
    if ((has(options.min) && v < options.min) || (has(options.max) && v > options.max)) {
      issues.push({
        field: "value",
        severity: "error",
        code: "out_of_range",
        message: `数值${fmt(v)}超出允许范围${options.min ?? "-∞"}～${options.max ?? "+∞"}`,
      });
    }
    const prev = options.previous;
    const share = options.jumpShare ?? 0.5;
    if (has(prev) && Number.isFinite(prev)) {
      const change = prev === 0 ? (v === 0 ? 0 : Infinity) : (v - prev) / Math.abs(prev);
      if (Math.abs(change) > share) {
        const how = Number.isFinite(change)
          ? `${change > 0 ? "增长" : "下降"}${fmt(Math.abs(change) * 100)}%`
          : "由0变为非0";
        issues.push({
          field: "value",
          severity: "warning",
          code: "sudden_jump",
          message: `较上期（${fmt(prev)}）${how}，请核实`,
        });
      }
    }
  }
  return issues;
}
