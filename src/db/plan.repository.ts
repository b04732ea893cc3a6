/** Documents as uploaded and the plans read from them. */
import type { Kysely } from "kysely";
import { offsetOf, type Page, type PageRequest } from "./page.js";
import type { Database, DocumentRow, PlanRow, PlanStatus, PlanUpdate } from "./schema.js";

export interface PlanFilter {
  status?: PlanStatus | undefined;
  year?: number | undefined;
  q?: string | undefined;
  documentId?: string | undefined;
}

export interface PlanCounts {
  sections: number;
  tasks: number;
  targets: number;
  actuals: number;
  pending: number;
}

export type DocumentMeta = Omit<DocumentRow, "bytes" | "text">;

export class PlanRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insertDocument(doc: DocumentRow): Promise<void> {
    await this.db.insertInto("documents").values(doc).execute();
  }

  async findDocumentBySha256(sha256: string): Promise<DocumentMeta | undefined> {
    return this.db
      .selectFrom("documents")
      .select(["id", "file_name", "format", "sha256", "size", "uploaded_by", "uploaded_at"])
      .where("sha256", "=", sha256)
      .executeTakeFirst();
  }

  async getDocumentMeta(id: string): Promise<DocumentMeta | undefined> {
    return this.db
      .selectFrom("documents")
      .select(["id", "file_name", "format", "sha256", "size", "uploaded_by", "uploaded_at"])
      .where("id", "=", id)
      .executeTakeFirst();
  }

  async getDocumentBytes(id: string): Promise<Uint8Array | undefined> {
    const r = await this.db.selectFrom("documents").select("bytes").where("id", "=", id).executeTakeFirst();
    return r?.bytes;
  }

  async getDocumentText(id: string): Promise<string | undefined> {
    const r = await this.db.selectFrom("documents").select("text").where("id", "=", id).executeTakeFirst();
    return r?.text;
  }

  async insertPlan(plan: PlanRow): Promise<void> {
    await this.db.insertInto("plans").values(plan).execute();
  }

  async get(id: string): Promise<PlanRow | undefined> {
    return this.db.selectFrom("plans").selectAll().where("id", "=", id).executeTakeFirst();
  }

  async plansOfDocument(documentId: string): Promise<PlanRow[]> {
    return this.db
      .selectFrom("plans")
      .selectAll()
      .where("document_id", "=", documentId)
      .orderBy("position")
      .execute();
  }

  async list(filter: PlanFilter, page: PageRequest): Promise<Page<PlanRow>> {
    let q = this.db.selectFrom("plans");
    if (filter.status) q = q.where("status", "=", filter.status);
    if (filter.year !== undefined) q = q.where("year", "=", filter.year);
    if (filter.documentId) q = q.where("document_id", "=", filter.documentId);
    if (filter.q) {
      const like = `%${filter.q}%`;
      q = q.where((eb) => eb.or([eb("title", "like", like), eb("issuer", "like", like)]));
    }
    const [items, count] = await Promise.all([
      q
        .selectAll()
        .orderBy("created_at", "desc")
        .orderBy("position")
        .limit(page.pageSize)
        .offset(offsetOf(page))
        .execute(),
      q.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
    ]);
    return { items, total: Number(count.n), ...page };
  }

  /** Applies `patch` when `version` is current, bumping it; false when stale (or the plan is gone). */
  async update(id: string, version: number, patch: PlanUpdate): Promise<boolean> {
    const r = await this.db
      .updateTable("plans")
      .set({ ...patch, version: version + 1, updated_at: new Date().toISOString() })
      .where("id", "=", id)
      .where("version", "=", version)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /** Bumps the plan's version when one of its items changes, so a plan-level edit sees the change. */
  async touch(id: string): Promise<void> {
    await this.db
      .updateTable("plans")
      .set((eb) => ({ version: eb("version", "+", 1), updated_at: new Date().toISOString() }))
      .where("id", "=", id)
      .execute();
  }

  async delete(id: string): Promise<void> {
    await this.db.deleteFrom("plans").where("id", "=", id).execute();
  }

  async deleteDocumentIfOrphan(documentId: string): Promise<void> {
    const left = await this.db
      .selectFrom("plans")
      .select("id")
      .where("document_id", "=", documentId)
      .executeTakeFirst();
    if (!left) await this.db.deleteFrom("documents").where("id", "=", documentId).execute();
  }

  async counts(planId: string): Promise<PlanCounts> {
    const n = (q: Promise<{ n: number }>) => q.then((r) => Number(r.n));
    const [sections, tasks, targets, actuals, ps, pt, pq] = await Promise.all([
      n(
        this.db
          .selectFrom("sections")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .where("plan_id", "=", planId)
          .executeTakeFirstOrThrow(),
      ),
      n(
        this.db
          .selectFrom("tasks")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .where("plan_id", "=", planId)
          .executeTakeFirstOrThrow(),
      ),
      n(
        this.db
          .selectFrom("quantities")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .where("plan_id", "=", planId)
          .where("kind", "=", "target")
          .executeTakeFirstOrThrow(),
      ),
      n(
        this.db
          .selectFrom("quantities")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .where("plan_id", "=", planId)
          .where("kind", "=", "actual")
          .executeTakeFirstOrThrow(),
      ),
      n(
        this.db
          .selectFrom("sections")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .where("plan_id", "=", planId)
          .where("review_status", "=", "pending")
          .executeTakeFirstOrThrow(),
      ),
      n(
        this.db
          .selectFrom("tasks")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .where("plan_id", "=", planId)
          .where("review_status", "=", "pending")
          .executeTakeFirstOrThrow(),
      ),
      n(
        this.db
          .selectFrom("quantities")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .where("plan_id", "=", planId)
          .where("review_status", "=", "pending")
          .executeTakeFirstOrThrow(),
      ),
    ]);
    return { sections, tasks, targets, actuals, pending: ps + pt + pq };
  }

  /** At publication, what the reviewer left pending is taken as accepted. */
  async acceptPending(planId: string): Promise<void> {
    await this.db
      .updateTable("sections")
      .set({ review_status: "accepted" })
      .where("plan_id", "=", planId)
      .where("review_status", "=", "pending")
      .execute();
    await this.db
      .updateTable("tasks")
      .set({ review_status: "accepted" })
      .where("plan_id", "=", planId)
      .where("review_status", "=", "pending")
      .execute();
    await this.db
      .updateTable("quantities")
      .set({ review_status: "accepted" })
      .where("plan_id", "=", planId)
      .where("review_status", "=", "pending")
      .execute();
  }
}
