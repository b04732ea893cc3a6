/**
 * The extractor's intermediate results, in NORMALISED text coordinates (see normalize.ts). The stages
 * (segment → outline → tasks, quantities) produce these; `extractDocument` maps them to the original text.
 */
import type { Comparator, Baseline } from "./model.js";

export interface DraftSection {
  id: string;
  parentId: string | null;
  level: number;
  marker: string;
  title: string;
  /** The heading's span. */
  start: number;
  end: number;
  /** Where the section's content ends (next heading of the same or a higher level, or the plan's end). */
  contentEnd: number;
}

export interface DraftPlan {
  start: number;
  end: number;
  title: string | null;
  issuer: string | null;
  year: number | null;
  /** The year a summary or speech reviews ("回顾总结2017年…" → 2017), when it names one. */
  reviewYear?: number | null;
  /** Spans inside the plan that were dropped (page noise, repeats): stages should not read them. */
  gaps?: Array<{ start: number; end: number }>;
  sections: DraftSection[];
}

export interface DroppedSpan {
  start: number;
  end: number;
  reason: "noise" | "duplicate";
}

export interface Segmentation {
  plans: DraftPlan[];
  /** Spans that belong to no plan: page noise and word-for-word repeats. */
  dropped: DroppedSpan[];
}

export interface DraftDeadline {
  text: string;
  kind: "date" | "period" | "year" | "recurring" | "workdays";
  due: string | null;
  from?: string | null;
  recurrence?: "monthly" | "quarterly" | "half-yearly" | "yearly" | null;
  day?: number | null;
  days?: number | null;
  start: number;
  end: number;
}

export interface DraftTask {
  id: string;
  sectionId: string | null;
  text: string;
  leadUnits: string[];
  partnerUnits: string[];
  deadline: DraftDeadline | null;
  start: number;
  end: number;
}

export interface DraftQuantity {
  kind: "target" | "actual";
  metric: string;
  comparator: Comparator;
  value: number;
  unit: string;
  deadline: string | null;
  baseline?: Baseline | null;
  sectionId: string | null;
  /** The quote's span. */
  start: number;
  end: number;
}
