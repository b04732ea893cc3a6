/**
 * The database's catalogue in the domain's shape, and the link `linkIndicator` suggests for an extracted
 * target or actual: linked → `suggested` with the indicator id; otherwise `candidates` (or `unlinked`) with
 * the candidates for the reviewer, and no indicator.
 */
import type { IndicatorWithAliases } from "../db/indicator.repository.js";
import type { QuantityRow } from "../db/schema.js";
import {
  indicatorTypeSchema,
  linkIndicator,
  type Indicator,
  type IndicatorType,
} from "../domain/indicators/index.js";

export interface CatalogueEntry extends Indicator {
  id: string;
}

/** Stored type, or "number" (does not aggregate) for an indicator a planner added without one. */
export function typeOf(row: { type: string | null }): IndicatorType {
  const t = indicatorTypeSchema.safeParse(row.type);
  return t.success ? t.data : "number";
}

export function catalogueOf(rows: readonly IndicatorWithAliases[]): CatalogueEntry[] {
  return rows.map((r) => ({
    id: r.id,
    // hand-added indicators have no code: their id stands in, so the linker can still name them
    code: r.code ?? r.id,
    name: r.name,
    aliases: r.aliases,
    unit: r.unit ?? "",
    type: typeOf(r),
    direction: r.direction === "lower" ? "lower_is_better" : "higher_is_better",
    numerator: r.numerator,
    denominator: r.denominator,
    references: [],
  }));
}

export function suggestLink(
  q: { metric: string; unit: string; comparator: string },
  catalogue: readonly CatalogueEntry[],
): Pick<QuantityRow, "indicator_id" | "link_status" | "link_json"> {
  const r = linkIndicator(q.metric, q.unit, catalogue, { comparator: q.comparator });
  const byCode = new Map(catalogue.map((c) => [c.code, c.id]));
  const detail = {
    score: r.score,
    reason: r.reason,
    candidates: r.candidates.map((c) => ({
      indicatorId: byCode.get(c.code) ?? null,
      code: c.code,
      name: c.name,
      score: c.score,
      reason: c.reason,
    })),
  };
  return {
    indicator_id: r.status === "linked" ? (byCode.get(r.code) ?? null) : null,
    link_status: r.status === "linked" ? "suggested" : r.status,
    link_json: JSON.stringify(detail),
  };
}
