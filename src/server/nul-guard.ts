/**
 * U+0000 in request text. PostgreSQL cannot store it in text (the insert fails: a 500) while SQLite stores
 * it silently, so the engines would disagree; no user types it. A request carrying one in its body, query
 * or path is refused up front as invalid, naming where.
 */
import { errors } from "./errors.js";

/** Paths (`body.items.0.name`) of the strings under `value` that contain U+0000. */
export function nulPaths(value: unknown, path: string, out: string[] = []): string[] {
  if (typeof value === "string") {
    if (value.includes("\u0000")) out.push(path);
  } else if (ArrayBuffer.isView(value)) {
    // Raw bytes (a file body) are not text.
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => nulPaths(v, `${path}.${i}`, out));
  } else if (value !== null && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      if (k.includes("\u0000")) out.push(`${path}.${k.replaceAll("\u0000", "\\0")}`);
      nulPaths(v, `${path}.${k}`, out);
    }
  }
  return out;
}

/** A Fastify preValidation hook: 400 VALIDATION_FAILED when any request text holds U+0000. */
export async function refuseNul(request: {
  body?: unknown;
  query?: unknown;
  params?: unknown;
}): Promise<void> {
  const paths = [
    ...nulPaths(request.params, "params"),
    ...nulPaths(request.query, "querystring"),
    ...nulPaths(request.body, "body"),
  ];
  if (paths.length > 0)
    throw errors.validation(
      paths.slice(0, 20).map((path) => ({ path, message: "contains a NUL character (U+0000)" })),
    );
}
