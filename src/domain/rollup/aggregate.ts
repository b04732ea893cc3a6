/**
 * Pre-aggregated roll-up: the sums an org unit's subtree keeps for one indicator and period, whatever the
 * indicator's type — every value's sum and count, and, for the values that carry both, the sums of
 * numerators and denominators. Sums combine by addition, so a parent's aggregate is its own value's plus its
 * children's, and the indicator's type decides only on read what the figure is (the same rules as `rollUp`:
 * counts add, ratios are recomputed from summed parts, a ratio without its parts is not aggregable, a plain
 * number does not roll up). Pure.
 */
import { scaleOf, type IndicatorType } from "../indicators/indicator.js";

export interface Aggregate {
  valueSum: number;
  valueCount: number;
  numeratorSum: number;
  denominatorSum: number;
  /** How many values carried both numerator and denominator. */
  ratioCount: number;
}

export const emptyAggregate: Readonly<Aggregate> = Object.freeze({
  valueSum: 0,
  valueCount: 0,
  numeratorSum: 0,
  denominatorSum: 0,
  ratioCount: 0,
});

const finite = (x: number | null | undefined): x is number => typeof x === "number" && Number.isFinite(x);

/** The aggregate of one stored value (`value` is always present; the parts only for ratios). */
export function aggregateOfValue(v: {
  value: number;
  numerator: number | null;
  denominator: number | null;
}): Aggregate {
  const parts = finite(v.numerator) && finite(v.denominator);
  return {
    valueSum: finite(v.value) ? v.value : 0,
    valueCount: finite(v.value) ? 1 : 0,
    numeratorSum: parts ? (v.numerator as number) : 0,
    denominatorSum: parts ? (v.denominator as number) : 0,
    ratioCount: parts ? 1 : 0,
  };
}

export function addAggregates(a: Aggregate, b: Aggregate): Aggregate {
  return {
    valueSum: a.valueSum + b.valueSum,
    valueCount: a.valueCount + b.valueCount,
    numeratorSum: a.numeratorSum + b.numeratorSum,
    denominatorSum: a.denominatorSum + b.denominatorSum,
    ratioCount: a.ratioCount + b.ratioCount,
  };
}

export interface AggregateFigure {
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  /** How many org units' values went into the figure. */
  contributorCount: number;
  /** How many values in the subtree could not be aggregated (a rate without its parts, a plain number). */
  notAggregableCount: number;
  /** Why `value` is null when it is. */
  note: string | null;
}

/** The figure an aggregate gives for an indicator of the given type, as `rollUp` would compute it. */
export function figureOf(type: IndicatorType, a: Aggregate): AggregateFigure {
  if (type === "number")
    return {
      value: null,
      numerator: null,
      denominator: null,
      contributorCount: 0,
      notAggregableCount: a.valueCount,
      note: "not aggregable",
    };
  const scale = scaleOf(type);
  if (scale === null)
    return {
      value: a.valueCount > 0 ? a.valueSum : null,
      numerator: null,
      denominator: null,
      contributorCount: a.valueCount,
      notAggregableCount: 0,
      note: a.valueCount > 0 ? null : "no data",
    };
  const notAggregableCount = a.valueCount - a.ratioCount;
  if (a.ratioCount === 0)
    return {
      value: null,
      numerator: null,
      denominator: null,
      contributorCount: 0,
      notAggregableCount,
      note: "no data",
    };
  return {
    value: a.denominatorSum === 0 ? null : (a.numeratorSum / a.denominatorSum) * scale,
    numerator: a.numeratorSum,
    denominator: a.denominatorSum,
    contributorCount: a.ratioCount,
    notAggregableCount,
    note: a.denominatorSum === 0 ? "zero denominator" : null,
  };
}

/** Why an org unit's aggregate has values that could not be aggregated, or null when it has none. */
export function notAggregableReason(type: IndicatorType, a: Aggregate): string | null {
  if (type === "number") return a.valueCount > 0 ? "a plain number does not add up or divide" : null;
  if (scaleOf(type) === null) return null;
  return a.valueCount > a.ratioCount ? "a rate without its numerator and denominator" : null;
}
