/**
 * The plan extractor: document text → structured plans. Pure: strings in, typed values out, no IO.
 *
 * @example
 *   const doc = extractDocument("2024年工作要点\n一、总体目标\n居民健康素养水平达40%以上。");
 *   doc.plans[0].targets[0]; // { metric: "居民健康素养水平", comparator: ">=", value: 40, unit: "%", quote: "…" }
 */
import { normalizeText, toOriginalSpan, type NormalizedText } from "./normalize.js";
import { segmentDocument } from "./segment/index.js";
import { extractTasks } from "./tasks/index.js";
import { extractQuantities } from "./quantities/index.js";
import type { DraftPlan, DraftQuantity } from "./draft.js";
import type { ExtractedDocument, Plan, Quantity, Section, Task } from "./model.js";

export * from "./model.js";

function mapSpan(norm: NormalizedText, start: number, end: number) {
  return toOriginalSpan(norm, start, end);
}

function mapQuantity(norm: NormalizedText, q: DraftQuantity): Quantity {
  return {
    kind: q.kind,
    metric: q.metric,
    comparator: q.comparator,
    value: q.value,
    unit: q.unit,
    deadline: q.deadline,
    baseline: q.baseline ?? null,
    sectionId: q.sectionId,
    ...mapSpan(norm, q.start, q.end),
  };
}

function mapPlan(norm: NormalizedText, draft: DraftPlan): Plan {
  const sections: Section[] = draft.sections.map((s) => ({
    id: s.id,
    parentId: s.parentId,
    level: s.level,
    marker: s.marker,
    title: s.title,
    contentEnd: mapSpan(norm, s.start, s.contentEnd).end,
    ...mapSpan(norm, s.start, s.end),
  }));
  const tasks: Task[] = extractTasks(norm, draft).map((t) => ({
    id: t.id,
    sectionId: t.sectionId,
    text: t.text,
    leadUnits: t.leadUnits,
    partnerUnits: t.partnerUnits,
    deadline: t.deadline
      ? {
          text: t.deadline.text,
          kind: t.deadline.kind,
          due: t.deadline.due,
          from: t.deadline.from ?? null,
          recurrence: t.deadline.recurrence ?? null,
          day: t.deadline.day ?? null,
          days: t.deadline.days ?? null,
          ...(({ start, end }) => ({ start, end }))(mapSpan(norm, t.deadline.start, t.deadline.end)),
        }
      : null,
    ...mapSpan(norm, t.start, t.end),
  }));
  const quantities = extractQuantities(norm, draft).map((q) => mapQuantity(norm, q));
  return {
    title: draft.title,
    issuer: draft.issuer,
    year: draft.year,
    sections,
    tasks,
    targets: quantities.filter((q) => q.kind === "target"),
    actuals: quantities.filter((q) => q.kind === "actual"),
    ...mapSpan(norm, draft.start, draft.end),
  };
}

/** Extracts every plan of a document's text. Never throws on text input. */
export function extractDocument(text: string): ExtractedDocument {
  const norm = normalizeText(text);
  const segmentation = segmentDocument(norm);
  return {
    text,
    plans: segmentation.plans.map((p) => mapPlan(norm, p)),
    dropped: segmentation.dropped.map((d) => ({
      ...(({ start, end }) => ({ start, end }))(mapSpan(norm, d.start, d.end)),
      reason: d.reason,
    })),
  };
}
