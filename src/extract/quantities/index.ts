/** Finds the numeric targets and actuals of a plan (see ../shared/eval/targets-spec.md). */
import type { NormalizedText } from "../normalize.js";
import type { DraftPlan, DraftQuantity } from "../draft.js";

// Placeholder until the quantity extractor lands.
export function extractQuantities(_norm: NormalizedText, _plan: DraftPlan): DraftQuantity[] {
  return [];
}
