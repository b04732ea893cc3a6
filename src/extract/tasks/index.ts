/** Finds the tasks of a plan: the commitments under its outline, with their units and deadlines. */
import type { NormalizedText } from "../normalize.js";
import type { DraftPlan, DraftTask } from "../draft.js";

// Placeholder until the task extractor lands.
export function extractTasks(_norm: NormalizedText, _plan: DraftPlan): DraftTask[] {
  return [];
}
