/**
 * Importing a document: bytes → text → extracted plans → draft plans stored in ONE transaction (a failed
 * import writes nothing). Unit names from the tasks are matched to the unit register by name or alias;
 * names not found there are stored as proposed units for the reviewer to confirm or merge.
 */
import { createHash, randomUUID } from "node:crypto";
import { extractDocument, type ExtractedDocument, type Plan } from "../extract/index.js";
import { matchUnits, unitKey } from "../domain/unit-match.js";
import type { Db } from "../db/database.js";
import { AuditRepository } from "../db/audit.repository.js";
import { PlanItemRepository, type TaskUnitRef } from "../db/plan-item.repository.js";
import { PlanRepository } from "../db/plan.repository.js";
import type { QuantityRow, SectionRow, TaskRow } from "../db/schema.js";
import { UnitRepository } from "../db/unit.repository.js";
import { IndicatorRepository } from "../db/indicator.repository.js";
import { catalogueOf, suggestLink, type CatalogueEntry } from "./indicator-link.js";
import { decodeDocument } from "./document-reader.js";
import { errors } from "./errors.js";
import { plainFileName } from "./file-name.js";

export interface ImportedPlan {
  id: string;
  title: string | null;
  year: number | null;
  sections: number;
  tasks: number;
  targets: number;
  actuals: number;
}

export interface ImportResult {
  documentId: string;
  fileName: string;
  sha256: string;
  plans: ImportedPlan[];
  /** Units named in the plan that were not in the register: stored as `proposed`. */
  proposedUnits: Array<{ id: string; name: string }>;
}

export interface ImportInput {
  bytes: Uint8Array;
  fileName: string;
  userId: string | null;
}

export class ImportService {
  constructor(
    private readonly db: Db,
    private readonly extract: (text: string) => ExtractedDocument = extractDocument,
  ) {}

  async importDocument(upload: ImportInput): Promise<ImportResult> {
    const input = { ...upload, fileName: plainFileName(upload.fileName) };
    const { text, format } = await decodeDocument(input.bytes, input.fileName);
    const sha256 = createHash("sha256").update(input.bytes).digest("hex");
    const existing = await new PlanRepository(this.db).findDocumentBySha256(sha256);
    if (existing) throw alreadyImported(existing.id, existing.file_name);
    const extracted = this.extract(text);
    if (extracted.plans.length === 0)
      throw errors.unprocessable("NO_PLAN_FOUND", "文档中未识别到计划", "No plan was found in the document", {
        fileName: input.fileName,
      });
    try {
      return await this.db
        .transaction()
        .execute((trx) => new ImportWriter(trx).write({ ...input, text, format, sha256 }, extracted));
    } catch (error) {
      // Two uploads of the same bytes at once: the unique hash lets only one in.
      if (await new PlanRepository(this.db).findDocumentBySha256(sha256))
        throw alreadyImported(null, input.fileName);
      throw error;
    }
  }
}

function alreadyImported(documentId: string | null, fileName: string) {
  return errors.conflict("DOCUMENT_ALREADY_IMPORTED", "该文档已导入", "This document was already imported", {
    documentId,
    fileName,
  });
}

/** Writes one extracted document inside a transaction. */
class ImportWriter {
  private readonly plans: PlanRepository;
  private readonly items: PlanItemRepository;
  private readonly units: UnitRepository;
  private readonly audit: AuditRepository;
  private readonly indicators: IndicatorRepository;
  private catalogue: CatalogueEntry[] = [];
  private readonly proposed: Array<{ id: string; name: string }> = [];

  constructor(trx: Db) {
    this.plans = new PlanRepository(trx);
    this.items = new PlanItemRepository(trx);
    this.units = new UnitRepository(trx);
    this.audit = new AuditRepository(trx);
    this.indicators = new IndicatorRepository(trx);
  }

  async write(
    source: ImportInput & { text: string; format: string; sha256: string },
    extracted: ExtractedDocument,
  ): Promise<ImportResult> {
    const now = new Date().toISOString();
    const documentId = randomUUID();
    await this.plans.insertDocument({
      id: documentId,
      file_name: source.fileName,
      format: source.format,
      sha256: source.sha256,
      size: source.bytes.length,
      bytes: source.bytes,
      text: source.text,
      uploaded_by: source.userId,
      uploaded_at: now,
    });
    const register = await this.units.all();
    const known = register.map((u) => ({ id: u.id, name: u.name, aliases: u.aliases }));
    this.catalogue = catalogueOf(await this.indicators.all());
    const out: ImportedPlan[] = [];
    for (const [position, plan] of extracted.plans.entries()) {
      const planId = randomUUID();
      await this.plans.insertPlan({
        id: planId,
        document_id: documentId,
        position,
        title: plan.title,
        issuer: plan.issuer,
        year: plan.year,
        status: "draft",
        version: 1,
        start: plan.start,
        end: plan.end,
        quote: plan.quote,
        created_by: source.userId,
        created_at: now,
        updated_at: now,
        published_by: null,
        published_at: null,
      });
      await this.writeItems(planId, plan, known);
      const summary = {
        id: planId,
        title: plan.title,
        year: plan.year,
        sections: plan.sections.length,
        tasks: plan.tasks.length,
        targets: plan.targets.length,
        actuals: plan.actuals.length,
      };
      await this.audit.record({
        userId: source.userId,
        action: "plan.import",
        entity: "plan",
        entityId: planId,
        after: { ...summary, fileName: source.fileName, sha256: source.sha256 },
      });
      out.push(summary);
    }
    return {
      documentId,
      fileName: source.fileName,
      sha256: source.sha256,
      plans: out,
      proposedUnits: this.proposed,
    };
  }

  private async writeItems(
    planId: string,
    plan: Plan,
    known: Array<{ id: string; name: string; aliases: string[] }>,
  ) {
    const sectionIds = new Map(plan.sections.map((s) => [s.id, randomUUID()]));
    const sectionOf = (id: string | null) => (id === null ? null : (sectionIds.get(id) ?? null));
    const sections: SectionRow[] = plan.sections.map((s, position) => ({
      id: sectionIds.get(s.id) ?? randomUUID(),
      plan_id: planId,
      parent_id: sectionOf(s.parentId),
      position,
      level: s.level,
      marker: s.marker,
      title: s.title,
      start: s.start,
      end: s.end,
      content_end: s.contentEnd,
      quote: s.quote,
      review_status: "pending",
      origin: "extracted",
      version: 1,
    }));
    const tasks: TaskRow[] = plan.tasks.map((t, position) => ({
      id: randomUUID(),
      plan_id: planId,
      section_id: sectionOf(t.sectionId),
      position,
      text: t.text,
      deadline_json: t.deadline ? JSON.stringify(t.deadline) : null,
      deadline_due: t.deadline?.due ?? null,
      start: t.start,
      end: t.end,
      quote: t.quote,
      review_status: "pending",
      origin: "extracted",
      version: 1,
    }));
    const quantities: QuantityRow[] = [...plan.targets, ...plan.actuals].map((q, position) => ({
      ...suggestLink(q, this.catalogue),
      id: randomUUID(),
      plan_id: planId,
      section_id: sectionOf(q.sectionId),
      kind: q.kind,
      position,
      metric: q.metric,
      comparator: q.comparator,
      value: q.value,
      unit: q.unit,
      deadline: q.deadline,
      baseline_json: q.baseline ? JSON.stringify(q.baseline) : null,
      start: q.start,
      end: q.end,
      quote: q.quote,
      review_status: "pending",
      origin: "extracted",
      version: 1,
    }));
    await this.items.insertSections(sections);
    await this.items.insertTasks(tasks);
    await this.items.insertQuantities(quantities);

    const taskUnits: Array<Omit<TaskUnitRef, "unitName">> = [];
    for (const [i, t] of plan.tasks.entries()) {
      const taskId = tasks[i]?.id ?? "";
      const written = [
        ...t.leadUnits.map((name) => ({ name, role: "lead" as const })),
        ...t.partnerUnits.map((name) => ({ name, role: "partner" as const })),
      ];
      const matches = matchUnits(
        written.map((w) => w.name),
        known,
      );
      const seen = new Set<string>();
      for (const [j, m] of matches.entries()) {
        const w = written[j];
        if (!w) continue;
        const unitId = m.unitId ?? (await this.propose(m.proposedName, known));
        // One unit once per role per task, even when the plan names it twice.
        if (seen.has(`${w.role}:${unitId}`)) continue;
        seen.add(`${w.role}:${unitId}`);
        taskUnits.push({ taskId, unitId, role: w.role, position: j, nameAsWritten: w.name });
      }
    }
    await this.items.insertTaskUnits(taskUnits);
  }

  /** Stores an unknown unit as proposed, once per import, and adds it to the register being matched. */
  private async propose(name: string, known: Array<{ id: string; name: string; aliases: string[] }>) {
    const key = unitKey(name);
    const hit = known.find((u) => unitKey(u.name) === key);
    if (hit) return hit.id;
    const unit = await this.units.create(name, "proposed");
    known.push({ id: unit.id, name: unit.name, aliases: [] });
    this.proposed.push({ id: unit.id, name: unit.name });
    return unit.id;
  }
}
