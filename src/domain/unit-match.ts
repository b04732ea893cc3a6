/**
 * Matching the units a plan names ("市卫健委", "各区", "有关成员单位") to the known register of units, by
 * name or alias. Pure: the register comes in as plain data. Names are compared after the extractor's own
 * normalisation (traditional → simplified, full-width → ASCII, layout spaces dropped) and with brackets
 * and trailing "等" removed, so "市衛健委" and "市卫健委 " meet; anything else is a new unit to propose.
 */
import { normalizeText } from "../extract/normalize.js";

export interface KnownUnit {
  id: string;
  name: string;
  aliases: readonly string[];
}

export type UnitMatch =
  | { written: string; key: string; unitId: string; via: "name" | "alias" }
  | { written: string; key: string; unitId: null; proposedName: string };

/** The comparison key of a unit name: equal keys are the same unit. */
export function unitKey(name: string): string {
  return normalizeText(name)
    .text.replace(/[\s()[\]【】<>《》"'“”‘’]/g, "")
    .replace(/等$/, "")
    .trim();
}

/** Builds a lookup from key to unit id; a name wins over an alias that happens to share its key. */
export function indexUnits(
  units: readonly KnownUnit[],
): Map<string, { unitId: string; via: "name" | "alias" }> {
  const index = new Map<string, { unitId: string; via: "name" | "alias" }>();
  for (const u of units)
    for (const a of u.aliases) {
      const key = unitKey(a);
      if (key && !index.has(key)) index.set(key, { unitId: u.id, via: "alias" });
    }
  for (const u of units) {
    const key = unitKey(u.name);
    if (key) index.set(key, { unitId: u.id, via: "name" });
  }
  return index;
}

/** Matches each written name; unknown names become proposals named by their cleaned-up form. */
export function matchUnits(written: readonly string[], units: readonly KnownUnit[]): UnitMatch[] {
  const index = indexUnits(units);
  return written.map((w) => {
    const key = unitKey(w);
    const hit = index.get(key);
    if (hit) return { written: w, key, unitId: hit.unitId, via: hit.via };
    return { written: w, key, unitId: null, proposedName: key || w.trim() };
  });
}
