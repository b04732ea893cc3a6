/**
 * Roll-up of one indicator's observations for one period up the org-unit tree. Counts and amounts are
 * summed; ratios and rates (%, ‰, per 1,000 / 10,000 / 100,000, per capita) are recomputed from the summed
 * numerators and denominators — never averaged, since an average of rates weights a village like a city —
 * and a ratio value reported without its numerator and denominator cannot be rolled up, so it is listed as
 * not aggregable instead of being guessed. Plain numbers (life expectancy, an index) do not roll up. Pure.
 *
 * Observations are expected at the indicator's reporting level; a node's figure sums every observation in
 * its subtree, its own included.
 */
import { scaleOf, type IndicatorType } from "../indicators/indicator.js";

export interface OrgUnitNode {
  id: string;
  parentId: string | null;
}

export interface RollupObservation {
  orgUnitId: string;
  value?: number | null;
  numerator?: number | null;
  denominator?: number | null;
}

export interface RollupFigure {
  orgUnitId: string;
  /** The aggregated value, null when nothing could be aggregated (or the denominator sums to zero). */
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  /** Org units whose observations went into the figure. */
  contributors: string[];
  /** Org units in the subtree whose observation could not be aggregated, with why. */
  notAggregable: { orgUnitId: string; reason: string }[];
  /** Why `value` is null when it is. */
  note: string | null;
}

const finite = (x: number | null | undefined): x is number => typeof x === "number" && Number.isFinite(x);

/** Rolls observations up the tree; returns a figure for every node, keyed by org-unit id. */
export function rollUp(
  type: IndicatorType,
  tree: readonly OrgUnitNode[],
  observations: readonly RollupObservation[],
): Map<string, RollupFigure> {
  const children = new Map<string, string[]>();
  for (const n of tree) {
    if (n.parentId !== null) children.set(n.parentId, [...(children.get(n.parentId) ?? []), n.id]);
  }
  const own = new Map<string, RollupObservation[]>();
  for (const o of observations) own.set(o.orgUnitId, [...(own.get(o.orgUnitId) ?? []), o]);

  const scale = scaleOf(type);
  const out = new Map<string, RollupFigure>();
  const visiting = new Set<string>();

  const figure = (id: string): RollupFigure => {
    const done = out.get(id);
    if (done) return done;
    if (visiting.has(id)) throw new RangeError(`the org-unit tree has a cycle through ${id}`);
    visiting.add(id);
    let num = 0;
    let den = 0;
    let sum = 0;
    let any = false;
    const contributors: string[] = [];
    const notAggregable: RollupFigure["notAggregable"] = [];

    for (const o of own.get(id) ?? []) {
      if (type === "number") {
        notAggregable.push({ orgUnitId: id, reason: "a plain number does not add up or divide" });
      } else if (scale === null) {
        if (finite(o.value)) {
          sum += o.value;
          any = true;
          contributors.push(id);
        } else if (finite(o.numerator) || finite(o.denominator)) {
          notAggregable.push({ orgUnitId: id, reason: "no value" });
        }
      } else if (finite(o.numerator) && finite(o.denominator)) {
        num += o.numerator;
        den += o.denominator;
        any = true;
        contributors.push(id);
      } else if (finite(o.value)) {
        notAggregable.push({ orgUnitId: id, reason: "a rate without its numerator and denominator" });
      }
    }
    for (const child of children.get(id) ?? []) {
      const f = figure(child);
      notAggregable.push(...f.notAggregable);
      if (f.contributors.length === 0) continue;
      contributors.push(...f.contributors);
      any = true;
      if (scale === null) sum += f.value ?? 0;
      else {
        num += f.numerator ?? 0;
        den += f.denominator ?? 0;
      }
    }
    visiting.delete(id);

    let result: RollupFigure;
    if (!any) {
      result = {
        orgUnitId: id,
        value: null,
        numerator: null,
        denominator: null,
        contributors,
        notAggregable,
        note: type === "number" ? "not aggregable" : "no data",
      };
    } else if (scale === null) {
      result = {
        orgUnitId: id,
        value: sum,
        numerator: null,
        denominator: null,
        contributors,
        notAggregable,
        note: null,
      };
    } else {
      result = {
        orgUnitId: id,
        value: den === 0 ? null : (num / den) * scale,
        numerator: num,
        denominator: den,
        contributors,
        notAggregable,
        note: den === 0 ? "zero denominator" : null,
      };
    }
    out.set(id, result);
    return result;
  };

  for (const n of tree) figure(n.id);
  return out;
}
