/**
 * What every route shares: who may call it (`access`), the request's session, page and id schemas, and
 * the role check. Routes declare `config: { access }`; one hook in `app.ts` enforces it for all of them.
 */
import type {} from "fastify";
import { z } from "zod";
import type { RoleName } from "../db/schema.js";
import type { Principal, SessionContext } from "./auth.service.js";
import { errors } from "./errors.js";

/** "public": anyone; "user": any signed-in user; a role list: those roles (admin always included). */
export type Access = "public" | "user" | readonly RoleName[];

declare module "fastify" {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    auth: SessionContext | null;
  }
}

export const roleNames = ["admin", "planner", "reporter", "viewer"] as const satisfies readonly RoleName[];
export const roleSchema = z.enum(roleNames);

export const pageQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export const idParam = z.object({ id: z.uuid() });
export const planParam = z.object({ planId: z.uuid() });
export const planItemParam = z.object({ planId: z.uuid(), id: z.uuid() });
export const versionBody = z.object({ version: z.number().int().positive() });

export function hasRole(user: Principal, roles: readonly RoleName[]): boolean {
  return user.roles.includes("admin") || roles.some((r) => user.roles.includes(r));
}

/** The signed-in user of a request whose route is not public (the access hook guarantees one). */
export function principal(auth: SessionContext | null): Principal {
  if (!auth) throw errors.unauthenticated();
  return auth.user;
}
