// The acceptance for targets and actuals: the extractor, run on every seed and devset document,
// is scored by the shared scorer against the hand annotations, and must reach the agreed F1 bars.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { extractDocument } from "../src/extract/index.js";

const shared = join(import.meta.dirname, "../../shared");
const scorer = join(shared, "eval/score-targets.mjs");

interface Figures {
  precision: number;
  recall: number;
  f1: number;
}
interface ScoreReport {
  targets: Figures;
  actuals: Figures;
  /** Share of matched items whose gold deadline the extractor gives (targets and actuals). */
  deadlineAccuracy: number | null;
  misses: unknown[];
  alarms: unknown[];
}

/** Runs the extractor over a folder of documents and scores its items with the shared scorer. */
function score(docDir: string, goldPath: string): ScoreReport {
  const predictions = readdirSync(docDir)
    .filter((f) => f.endsWith(".txt"))
    .sort()
    .map((file) => {
      const doc = extractDocument(readFileSync(join(docDir, file), "utf8"));
      const items = doc.plans
        .flatMap((p) => [...p.targets, ...p.actuals])
        .map((q) => ({
          kind: q.kind,
          metric: q.metric,
          comparator: q.comparator,
          value: q.value,
          unit: q.unit,
          deadline: q.deadline,
          quote: q.quote,
        }));
      return { doc: file, items };
    });
  const out = join(mkdtempSync(join(tmpdir(), "mubiao-quality-")), "predictions.json");
  writeFileSync(out, JSON.stringify(predictions));
  const json = execFileSync(process.execPath, [scorer, goldPath, out, "--json"], { encoding: "utf8" });
  return JSON.parse(json) as ScoreReport;
}

describe("targets and actuals against the gold annotations", () => {
  it("reaches target F1 ≥ 0.95, actual F1 ≥ 0.85 and deadline accuracy ≥ 0.95 on the five seeds", () => {
    const r = score(join(shared, "seeds"), join(shared, "gold"));
    expect(r.targets.f1).toBeGreaterThanOrEqual(0.95);
    expect(r.actuals.f1).toBeGreaterThanOrEqual(0.85);
    expect(r.deadlineAccuracy).toBeGreaterThanOrEqual(0.95);
  });

  it("reaches target F1 ≥ 0.90, actual F1 ≥ 0.85 and deadline accuracy ≥ 0.95 on the devset", () => {
    const r = score(join(shared, "devset/docs"), join(shared, "devset/gold"));
    expect(r.targets.f1).toBeGreaterThanOrEqual(0.9);
    expect(r.actuals.f1).toBeGreaterThanOrEqual(0.85);
    expect(r.deadlineAccuracy).toBeGreaterThanOrEqual(0.95);
  });

  it("quotes every item exactly as the original document has it", () => {
    for (const dir of [join(shared, "seeds"), join(shared, "devset/docs")]) {
      for (const file of readdirSync(dir).filter((f) => f.endsWith(".txt"))) {
        const text = readFileSync(join(dir, file), "utf8");
        for (const plan of extractDocument(text).plans) {
          for (const q of [...plan.targets, ...plan.actuals]) {
            expect(text.slice(q.start, q.end)).toBe(q.quote);
            expect(q.start).toBeGreaterThanOrEqual(plan.start);
            expect(q.end).toBeLessThanOrEqual(plan.end);
          }
        }
      }
    }
  });
});
