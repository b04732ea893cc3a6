import { readFileSync, readdirSync } from "node:fs";
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { extractDocument, type ExtractedDocument, type Plan } from "../../src/extract/index.js";
import type { DatabaseHandle } from "../../src/db/database.js";
import { UnitRepository } from "../../src/db/unit.repository.js";
import { ImportService } from "../../src/server/import.service.js";
import { AppError } from "../../src/server/errors.js";
import { engines } from "./engines.js";

const seedDir = new URL("../../../shared/seeds/", import.meta.url);
const seeds = readdirSync(seedDir)
  .filter((f) => f.endsWith(".txt"))
  .sort();

/** A document as the extractor would return it, built by hand so the storage rules are tested whatever
 * the extractor finds today. */
function handMadeDocument(): ExtractedDocument {
  const text =
    "2025年工作要点\n一、重点任务\n1.推进健康城市建设（甲市衛健委牵头，虚构的协作单位配合）。\n人均预期寿命达到80岁。";
  const at = (s: string) => ({ start: text.indexOf(s), end: text.indexOf(s) + s.length, quote: s });
  const taskText = "推进健康城市建设（甲市衛健委牵头，虚构的协作单位配合）。";
  const plan: Plan = {
    ...at(text),
    title: "2025年工作要点",
    issuer: null,
    year: 2025,
    sections: [
      {
        id: "s1",
        parentId: null,
        level: 1,
        marker: "一、",
        title: "重点任务",
        contentEnd: text.length,
        ...at("一、重点任务"),
      },
    ],
    tasks: [
      {
        id: "t1",
        sectionId: "s1",
        text: taskText,
        leadUnits: ["甲市衛健委"],
        partnerUnits: ["虚构的协作单位", "虚构的协作单位"],
        deadline: null,
        ...at(taskText),
      },
    ],
    targets: [
      {
        kind: "target",
        metric: "人均预期寿命",
        comparator: ">=",
        value: 80,
        unit: "岁",
        deadline: "2025",
        baseline: null,
        sectionId: "s1",
        ...at("人均预期寿命达到80岁"),
      },
    ],
    actuals: [],
  };
  return { text, plans: [plan], dropped: [] };
}

describe.each(engines)("import on $name", (engine) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    if (!engine.skip) handle = await engine.open();
  });
  afterAll(async () => {
    if (!engine.skip) await handle.close();
  });

  it.skipIf(engine.skip)(
    "stores every seed as draft plans with the extractor's rows, offsets and quotes",
    async () => {
      const service = new ImportService(handle.db);
      const started = performance.now();
      for (const file of seeds) {
        const bytes = readFileSync(new URL(file, seedDir));
        const result = await service.importDocument({ bytes, fileName: file, userId: null });
        const extracted = extractDocument(bytes.toString("utf8"));
        expect(result.sha256).toBe(createHash("sha256").update(bytes).digest("hex"));
        expect(result.plans.map((p) => [p.sections, p.tasks, p.targets, p.actuals])).toEqual(
          extracted.plans.map((p) => [p.sections.length, p.tasks.length, p.targets.length, p.actuals.length]),
        );
        const doc = await handle.db
          .selectFrom("documents")
          .selectAll()
          .where("id", "=", result.documentId)
          .executeTakeFirstOrThrow();
        expect(Buffer.from(doc.bytes).equals(bytes)).toBe(true);
        const plans = await handle.db
          .selectFrom("plans")
          .selectAll()
          .where("document_id", "=", doc.id)
          .execute();
        expect(plans.every((p) => p.status === "draft" && p.quote === doc.text.slice(p.start, p.end))).toBe(
          true,
        );
      }
      console.log(
        `[import] ${seeds.length} seeds on ${engine.name}: ${(performance.now() - started).toFixed(0)} ms`,
      );
      const quotes = await handle.db
        .selectFrom("quantities")
        .innerJoin("plans", "plans.id", "quantities.plan_id")
        .innerJoin("documents", "documents.id", "plans.document_id")
        .select(["quantities.start", "quantities.end", "quantities.quote", "documents.text"])
        .execute();
      for (const q of quotes) expect(q.text.slice(q.start, q.end)).toBe(q.quote);
    },
  );

  it.skipIf(engine.skip)("refuses the same bytes twice with a conflict and writes nothing more", async () => {
    const service = new ImportService(handle.db);
    const before = await handle.db.selectFrom("plans").select("id").execute();
    const bytes = readFileSync(new URL(seeds[0] ?? "", seedDir));
    const error = await service
      .importDocument({ bytes, fileName: "again.txt", userId: null })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).status).toBe(409);
    expect(await handle.db.selectFrom("plans").select("id").execute()).toHaveLength(before.length);
  });

  it.skipIf(engine.skip)("matches named units to the register and proposes unknown ones once", async () => {
    const units = new UnitRepository(handle.db);
    const health = await units.create("甲市卫生健康委", "confirmed", ["甲市卫健委"]);
    const service = new ImportService(handle.db, () => handMadeDocument());
    const result = await service.importDocument({
      bytes: new TextEncoder().encode("any text"),
      fileName: "plan.txt",
      userId: null,
    });
    expect(result.proposedUnits.map((u) => u.name)).toEqual(["虚构的协作单位"]);
    const planId = result.plans[0]?.id ?? "";
    const links = await handle.db
      .selectFrom("task_units")
      .innerJoin("tasks", "tasks.id", "task_units.task_id")
      .select(["task_units.unit_id", "task_units.role", "task_units.name_as_written"])
      .where("tasks.plan_id", "=", planId)
      .orderBy("task_units.role")
      .execute();
    expect(links).toEqual([
      { unit_id: health.id, role: "lead", name_as_written: "甲市衛健委" },
      { unit_id: result.proposedUnits[0]?.id, role: "partner", name_as_written: "虚构的协作单位" },
    ]);
    const proposed = await units.get(result.proposedUnits[0]?.id ?? "");
    expect(proposed?.status).toBe("proposed");
    const task = await handle.db
      .selectFrom("tasks")
      .innerJoin("sections", "sections.id", "tasks.section_id")
      .select(["sections.title", "tasks.quote"])
      .where("tasks.plan_id", "=", planId)
      .executeTakeFirstOrThrow();
    expect(task.title).toBe("重点任务");
  });

  it.skipIf(engine.skip)("writes nothing when the import fails half-way", async () => {
    const count = async () => (await handle.db.selectFrom("documents").select("id").execute()).length;
    const before = await count();
    const unitsBefore = (await handle.db.selectFrom("units").select("id").execute()).length;
    // Two sections with one id collide on the primary key after the plan and units are written.
    const broken = handMadeDocument();
    const plan = broken.plans[0] as Plan;
    plan.tasks[0]!.partnerUnits = ["新的单位"];
    plan.sections.push({ ...plan.sections[0]! });
    const service = new ImportService(handle.db, () => broken);
    await expect(
      service.importDocument({
        bytes: new TextEncoder().encode("other text"),
        fileName: "broken.txt",
        userId: null,
      }),
    ).rejects.toThrow();
    expect(await count()).toBe(before);
    expect((await handle.db.selectFrom("units").select("id").execute()).length).toBe(unitsBefore);
  });

  it.skipIf(engine.skip)("refuses an unknown file type and undecodable bytes before writing", async () => {
    const service = new ImportService(handle.db);
    const e1 = await service
      .importDocument({ bytes: new Uint8Array([1]), fileName: "x.exe", userId: null })
      .catch((e: unknown) => e);
    expect((e1 as AppError).status).toBe(415);
    const e2 = await service
      .importDocument({
        bytes: new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]),
        fileName: "x.docx",
        userId: null,
      })
      .catch((e: unknown) => e);
    expect((e2 as AppError).status).toBe(422);
  });
});
