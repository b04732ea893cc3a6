/** The `mubiao` command line: a thin adapter over the pure extractor. */
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { extractDocument } from "../extract/index.js";

// Placeholder CLI until the reader and the full CLI land: UTF-8 text files only.
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command !== "extract") {
    process.stdout.write("usage: mubiao extract [--json|--targets-json] FILE...\n");
    return command === "--help" || command === undefined ? 0 : 2;
  }
  const files = rest.filter((a) => !a.startsWith("--"));
  const out: Array<{ doc: string; items: unknown[] }> = [];
  for (const file of files) {
    const doc = extractDocument(readFileSync(file, "utf8"));
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
    out.push({ doc: basename(file), items });
  }
  process.stdout.write(JSON.stringify(out, null, 1) + "\n");
  return 0;
}
