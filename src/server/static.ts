/**
 * The web app, served by the same server as the API: files of the Vite build (`web/dist`) at `/`, the
 * hashed ones under /assets/ cached for a year, and index.html for every other GET that is not an API
 * path, so that a reload on /plans/…/review still lands in the single-page app. One public wildcard
 * route, so the route table stays the same whether or not the web app was built.
 */
import { existsSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { join, normalize } from "node:path";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance } from "fastify";
import { errors } from "./errors.js";

/** `web/dist` of the package: src/server and dist/server are both two levels below the root. */
export const defaultWebRoot = fileURLToPath(new URL("../../web/dist/", import.meta.url));

const yearSeconds = 365 * 24 * 3600;

export async function staticWeb(app: FastifyInstance, opts: { root?: string } = {}): Promise<void> {
  const root = opts.root ?? defaultWebRoot;
  const built = existsSync(join(root, "index.html"));
  if (built) await app.register(fastifyStatic, { root, serve: false });

  app.get("/*", { config: { access: "public" }, schema: { hide: true } }, async (req, reply) => {
    const path = decodeURIComponent(req.url.split("?")[0] ?? "/");
    if (path === "/api" || path.startsWith("/api/") || !built)
      throw errors.notFound("route", `GET ${req.url}`);
    const rel = normalize(path)
      .replace(/^(\.\.[/\\])+/, "")
      .replace(/^[/\\]+/, "");
    const file = join(root, rel);
    if (rel !== "" && file.startsWith(root) && existsSync(file) && statSync(file).isFile()) {
      const hashed = rel.startsWith("assets/");
      return reply.sendFile(rel, {
        maxAge: hashed ? yearSeconds * 1000 : 0,
        immutable: hashed,
        cacheControl: true,
      });
    }
    // Any other path is a route of the single-page app: never cache the shell, it names the hashed files.
    return reply.header("cache-control", "no-cache").sendFile("index.html", { cacheControl: false });
  });
}
