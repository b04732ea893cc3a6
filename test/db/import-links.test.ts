/**
 * Linking at import on the real seed documents, through the real extractor: every extracted target and
 * actual is stored with the linker's verdict, a suggested link always names a catalogue indicator whose
 * name or alias the metric contains (or nearly), and a metric written exactly as a catalogue name is linked
 * to that indicator unless its unit does not fit.
 */
import { readFileSync, readdirSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../src/db/database.js";
import { metricKey } from "../../src/domain/indicators/index.js";
import { ImportService } from "../../src/server/import.service.js";
import { enginesToRun } from "./engines.js";

const seedDir = new URL("../../../shared/seeds/", import.meta.url);
const seeds = readdirSync(seedDir)
  .filter((f) => f.endsWith(".txt"))
  .sort();

describe.each(enginesToRun())("indicator links of the seed imports on $name", (engine) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await engine.open();
    const service = new ImportService(handle.db);
    for (const f of seeds)
      await service.importDocument({
        bytes: new Uint8Array(readFileSync(new URL(f, seedDir))),
        fileName: f,
        userId: null,
      });
  }, 60_000);
  afterAll(async () => handle.close());

  it("gives every extracted quantity a link verdict, and links a fair share", async () => {
    const rows = await handle.db.selectFrom("quantities").select(["link_status", "indicator_id"]).execute();
    expect(rows.length).toBeGreaterThan(50);
    const by = (s: string) => rows.filter((r) => r.link_status === s).length;
    const counts = {
      total: rows.length,
      suggested: by("suggested"),
      candidates: by("candidates"),
      unlinked: by("unlinked"),
    };
    console.log(`[import links] ${JSON.stringify(counts)}`);
    expect(counts.suggested + counts.candidates + counts.unlinked).toBe(rows.length);
    expect(counts.suggested).toBeGreaterThan(rows.length * 0.15);
    for (const r of rows) expect(r.indicator_id !== null).toBe(r.link_status === "suggested");
  });

  it("links a metric written as a catalogue name or alias to that indicator", async () => {
    const rows = await handle.db
      .selectFrom("quantities")
      .select(["metric", "unit", "indicator_id", "link_status", "link_json"])
      .execute();
    const labels = await handle.db
      .selectFrom("indicators")
      .select(["id", "name as label"])
      .unionAll(handle.db.selectFrom("indicator_aliases").select(["indicator_id as id", "alias as label"]))
      .execute();
    const owner = new Map(labels.map((l) => [metricKey(l.label), l.id]));
    const exact = rows.filter((r) => owner.has(metricKey(r.metric)) && !/[、和及与]/.test(r.metric));
    expect(exact.length).toBeGreaterThan(5);
    // …unless its unit does not fit the indicator ("门急诊均次费用…控制在5%以下" is a growth rate, not 元)
    const fits = exact.filter((r) => !(r.link_json ?? "").includes("does not fit"));
    expect(fits.length).toBeGreaterThan(5);
    for (const r of fits)
      expect([r.metric, r.indicator_id]).toEqual([r.metric, owner.get(metricKey(r.metric))]);
  });
});
