/**
 * Evidence (佐证材料): files attached to a reported value so an assessment can be checked against its ledger
 * (台账). Accepted are the kinds a commission's ledgers are made of — PDF, images, Word and Excel files, plain
 * text — recognised by their extension and confirmed by their first bytes (a renamed executable is not a
 * PDF); at most 10 MB each. Reporters attach and remove evidence only for their own units and only while
 * the form is editable; everyone signed in who may read the form may download it.
 */
import { createHash, randomUUID } from "node:crypto";
import type { Db } from "../db/database.js";
import { AuditRepository } from "../db/audit.repository.js";
import { SubmissionRepository, type EvidenceRow } from "../db/submission.repository.js";
import type { ObservationRow } from "../db/schema.js";
import type { Principal } from "./auth.service.js";
import { errors } from "./errors.js";
import { hasRole } from "./http.js";
import { checkUnit, isEditable } from "./submission.service.js";
import { plainFileName } from "./file-name.js";

export const EVIDENCE_MAX_BYTES = 10 * 1024 * 1024;

const startsWith = (bytes: Uint8Array, magic: readonly number[], at = 0) =>
  bytes.length >= at + magic.length && magic.every((b, i) => bytes[at + i] === b);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));
const zip = (b: Uint8Array) => startsWith(b, [0x50, 0x4b, 0x03, 0x04]);

/** Accepted kinds: extensions, the MIME type stored and served, and the check of the first bytes. */
const kinds: Array<{ ext: string[]; mime: string; looksRight: (b: Uint8Array) => boolean }> = [
  { ext: [".pdf"], mime: "application/pdf", looksRight: (b) => startsWith(b, ascii("%PDF")) },
  { ext: [".png"], mime: "image/png", looksRight: (b) => startsWith(b, [0x89, 0x50, 0x4e, 0x47]) },
  { ext: [".jpg", ".jpeg"], mime: "image/jpeg", looksRight: (b) => startsWith(b, [0xff, 0xd8, 0xff]) },
  { ext: [".gif"], mime: "image/gif", looksRight: (b) => startsWith(b, ascii("GIF8")) },
  {
    ext: [".webp"],
    mime: "image/webp",
    looksRight: (b) => startsWith(b, ascii("RIFF")) && startsWith(b, ascii("WEBP"), 8),
  },
  {
    ext: [".docx"],
    mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    looksRight: zip,
  },
  {
    ext: [".xlsx"],
    mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    looksRight: zip,
  },
  {
    ext: [".txt"],
    mime: "text/plain; charset=utf-8",
    // text: no NUL bytes and valid UTF-8 (GBK text is stored too, but must not pretend to be UTF-8)
    looksRight: (b) => !b.includes(0) && isUtf8(b),
  },
];

function isUtf8(b: Uint8Array): boolean {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(b);
    return true;
  } catch {
    return false;
  }
}

export const evidenceExtensions = kinds.flatMap((k) => k.ext);

/** The MIME type of an accepted file, or null when its name or its bytes are not of an accepted kind. */
export function evidenceMime(fileName: string, bytes: Uint8Array): string | null {
  const lower = fileName.toLowerCase();
  const kind = kinds.find((k) => k.ext.some((e) => lower.endsWith(e)));
  return kind && kind.looksRight(bytes) ? kind.mime : null;
}

/**
 * A Content-Disposition header that keeps a Chinese file name: an ASCII fallback for old clients and the
 * UTF-8 name per RFC 5987 / RFC 6266 (`filename*=UTF-8''…`).
 */
export function contentDisposition(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]|["\\]/g, "_");
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/** A file name as given by the browser, without any path and with a bounded length. */
function baseName(fileName: string): string {
  // No path and no control characters: a NUL in the name was a 500 on PostgreSQL.
  return [...plainFileName(fileName)].slice(-200).join("");
}

export class EvidenceService {
  constructor(private readonly db: Db) {}

  /** The value and its submission, checked for the user (reporters: own units only). */
  private async valueFor(db: Db, user: Principal, observationId: string) {
    const repo = new SubmissionRepository(db);
    const observation = await repo.observation(observationId);
    if (!observation) throw errors.notFound("observation", observationId);
    const submission = observation.submission_id ? await repo.get(observation.submission_id) : undefined;
    const unitId = submission?.unit_id ?? observation.unit_id;
    if (user.roles.includes("reporter") && !hasRole(user, ["planner"])) {
      if (!unitId) throw errors.forbidden({ reason: "value of no unit" });
      checkUnit(user, unitId);
    }
    return { observation, submission };
  }

  private checkEditable(submission: { status: string } | undefined, observation: ObservationRow) {
    if (!submission || !isEditable(submission.status))
      throw errors.conflict(
        "SUBMISSION_STATE",
        `填报状态为"${submission?.status ?? "无"}"，不能修改佐证材料`,
        `Evidence can change only while the form is a draft or returned (it is ${submission?.status ?? "none"})`,
        { status: submission?.status ?? null, observationId: observation.id },
      );
  }

  async upload(user: Principal, observationId: string, fileName: string, bytes: Uint8Array) {
    const name = baseName(fileName);
    if (bytes.length > EVIDENCE_MAX_BYTES) throw errors.tooLarge(EVIDENCE_MAX_BYTES);
    const mime = evidenceMime(name, bytes);
    if (!mime) throw errors.unsupportedType(name, evidenceExtensions);
    if (bytes.length === 0)
      throw errors.unprocessable("EMPTY_FILE", "文件为空", "The file is empty", { fileName: name });
    return this.db.transaction().execute(async (trx) => {
      const db = trx as Db;
      const { observation, submission } = await this.valueFor(db, user, observationId);
      this.checkEditable(submission, observation);
      const row: EvidenceRow = {
        id: randomUUID(),
        observation_id: observation.id,
        file_name: name,
        mime,
        size: bytes.length,
        sha256: createHash("sha256").update(bytes).digest("hex"),
        bytes,
        uploaded_by: user.id,
        uploaded_at: new Date().toISOString(),
      };
      await new SubmissionRepository(db).insertEvidence(row);
      const { bytes: _bytes, ...meta } = row;
      await new AuditRepository(db).record({
        userId: user.id,
        action: "evidence.upload",
        entity: "evidence",
        entityId: row.id,
        after: meta,
      });
      return meta;
    });
  }

  async download(user: Principal, id: string): Promise<EvidenceRow> {
    const row = await new SubmissionRepository(this.db).evidence(id);
    if (!row) throw errors.notFound("evidence", id);
    await this.valueFor(this.db, user, row.observation_id);
    return row;
  }

  async remove(user: Principal, id: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const db = trx as Db;
      const repo = new SubmissionRepository(db);
      const row = await repo.evidence(id);
      if (!row) throw errors.notFound("evidence", id);
      const { observation, submission } = await this.valueFor(db, user, row.observation_id);
      this.checkEditable(submission, observation);
      await repo.deleteEvidence(id);
      const { bytes: _bytes, ...meta } = row;
      await new AuditRepository(db).record({
        userId: user.id,
        action: "evidence.delete",
        entity: "evidence",
        entityId: id,
        before: meta,
      });
    });
  }
}
