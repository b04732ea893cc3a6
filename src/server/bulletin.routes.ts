/**
 * Bulletin downloads (通报): Word, Excel and printable HTML of a plan for a period at an org unit, from
 * the stored data, with the scheme's ranking when one is named. Chinese file names (RFC 5987).
 */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Db } from "../db/database.js";
import { periodIdSchema } from "../domain/periods/index.js";
import { BulletinService, type BulletinFormat } from "./bulletin.service.js";

const query = z.object({ period: periodIdSchema, orgUnit: z.uuid(), scheme: z.uuid().optional() });
const params = z.object({ planId: z.uuid() });

/** RFC 5987: an ASCII name for old clients, the UTF-8 (Chinese) name for the rest. */
export function attachment(fileName: string, asciiName: string, inline = false): string {
  const ascii = asciiName.replace(/[^\x20-\x7e]|["\\]/g, "_");
  return `${inline ? "inline" : "attachment"}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

export const bulletinRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  const bulletins = new BulletinService(db);
  for (const format of ["docx", "xlsx", "html"] as const satisfies readonly BulletinFormat[])
    app.get(
      `/api/plans/:planId/bulletin.${format}`,
      {
        config: { access: "user" },
        schema: {
          tags: ["bulletin"],
          summary: `The bulletin as ${format === "docx" ? "Word" : format === "xlsx" ? "Excel (its data)" : "printable HTML"}`,
          params,
          querystring: query,
        },
      },
      async (req, reply) => {
        const { period, orgUnit, scheme } = req.query;
        const out = await bulletins.render(format, req.params.planId, orgUnit, period, scheme);
        return reply
          .header("content-type", out.contentType)
          .header(
            "content-disposition",
            attachment(out.fileName, `bulletin-${period}.${format}`, format === "html"),
          )
          .header("cache-control", "no-store")
          .send(out.bytes);
      },
    );
};
