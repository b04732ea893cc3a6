/** Evidence routes: attach a file to a value, download it under its original name, remove it. */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Db } from "../db/database.js";
import { errors } from "./errors.js";
import { EVIDENCE_MAX_BYTES, EvidenceService, contentDisposition } from "./evidence.service.js";
import { idParam, principal } from "./http.js";
import { created, ok } from "./responses.js";

const tags = ["reporting"];
const reporters = ["planner", "reporter"] as const;

const evidenceResponse = z.object({
  id: z.string(),
  observationId: z.string(),
  fileName: z.string(),
  mime: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  uploadedBy: z.string(),
  uploadedAt: z.string(),
});

export const evidenceRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  const evidence = new EvidenceService(db);

  app.post(
    "/api/observations/:id/evidence",
    {
      config: { access: reporters },
      schema: {
        tags,
        summary: "Attach evidence to a value (pdf, images, docx, xlsx, txt; at most 10 MB)",
        consumes: ["multipart/form-data"],
        params: idParam,
        response: created(evidenceResponse),
      },
    },
    async (req, reply) => {
      const file = await req.file({ limits: { fileSize: EVIDENCE_MAX_BYTES, files: 1 } });
      if (!file) throw errors.validation([{ path: "body.file", message: "a file is required" }]);
      const bytes = await file.toBuffer();
      const row = await evidence.upload(principal(req.auth), req.params.id, file.filename, bytes);
      return reply.status(201).send({
        id: row.id,
        observationId: row.observation_id,
        fileName: row.file_name,
        mime: row.mime,
        size: row.size,
        sha256: row.sha256,
        uploadedBy: row.uploaded_by,
        uploadedAt: row.uploaded_at,
      });
    },
  );

  app.get(
    "/api/evidence/:id",
    {
      config: { access: "user" },
      schema: { tags, summary: "Download evidence under its original name", params: idParam },
    },
    async (req, reply) => {
      const row = await evidence.download(principal(req.auth), req.params.id);
      return reply
        .header("content-type", row.mime)
        .header("content-disposition", contentDisposition(row.file_name))
        .header("x-content-type-options", "nosniff")
        .send(Buffer.from(row.bytes));
    },
  );

  app.delete(
    "/api/evidence/:id",
    {
      config: { access: reporters },
      schema: {
        tags,
        summary: "Remove evidence (only while the form is editable)",
        params: idParam,
        response: ok(z.object({ deleted: z.literal(true) })),
      },
    },
    async (req) => {
      await evidence.remove(principal(req.auth), req.params.id);
      return { deleted: true as const };
    },
  );
};
