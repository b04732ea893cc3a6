/**
 * Every route's access rule, route by route: without a session → 401; signed in with a role the route
 * does not admit → 403. A route added without a row here fails the coverage test.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { enginesToRun } from "../db/engines.js";
import { errorOf, startApi, type Api, type Who } from "./harness.js";

const id = randomUUID();
const signedIn: Who[] = ["admin", "planner", "reporter", "viewer"];
const planners: Who[] = ["admin", "planner"];
const admins: Who[] = ["admin"];

/** [method, url, who may pass the access check]. */
const table: Array<[string, string, Who[] | "public"]> = [
  ["GET", "/api/health", "public"],
  ["GET", "/api/openapi.json", "public"],
  ["POST", "/api/auth/login", "public"],
  ["POST", "/api/auth/logout", signedIn],
  ["GET", "/api/auth/me", signedIn],
  ["POST", "/api/auth/password", signedIn],
  ["POST", "/api/plans", planners],
  ["GET", "/api/plans", signedIn],
  ["GET", `/api/plans/${id}`, signedIn],
  ["GET", `/api/plans/${id}/document`, signedIn],
  ["PATCH", `/api/plans/${id}`, planners],
  ["POST", `/api/plans/${id}/publish`, planners],
  ["DELETE", `/api/plans/${id}`, planners],
  ["GET", `/api/plans/${id}/sections`, signedIn],
  ["GET", `/api/plans/${id}/sections/${id}`, signedIn],
  ["PATCH", `/api/plans/${id}/sections/${id}`, planners],
  ["POST", `/api/plans/${id}/sections`, planners],
  ["GET", `/api/plans/${id}/tasks`, signedIn],
  ["GET", `/api/plans/${id}/tasks/${id}`, signedIn],
  ["PATCH", `/api/plans/${id}/tasks/${id}`, planners],
  ["POST", `/api/plans/${id}/tasks`, planners],
  ["POST", `/api/plans/${id}/tasks/${id}/split`, planners],
  ["POST", `/api/plans/${id}/tasks/merge`, planners],
  ["POST", `/api/plans/${id}/review`, planners],
  ["POST", `/api/plans/${id}/targets/${id}/split`, planners],
  ["POST", `/api/plans/${id}/targets/merge`, planners],
  ["POST", `/api/plans/${id}/actuals/${id}/split`, planners],
  ["POST", `/api/plans/${id}/actuals/merge`, planners],
  ["GET", `/api/plans/${id}/targets`, signedIn],
  ["GET", `/api/plans/${id}/targets/${id}`, signedIn],
  ["PATCH", `/api/plans/${id}/targets/${id}`, planners],
  ["POST", `/api/plans/${id}/targets`, planners],
  ["GET", `/api/plans/${id}/actuals`, signedIn],
  ["GET", `/api/plans/${id}/actuals/${id}`, signedIn],
  ["PATCH", `/api/plans/${id}/actuals/${id}`, planners],
  ["POST", `/api/plans/${id}/actuals`, planners],
  ["GET", "/api/units", signedIn],
  ["GET", `/api/units/${id}`, signedIn],
  ["POST", "/api/units", planners],
  ["PATCH", `/api/units/${id}`, planners],
  ["POST", `/api/units/${id}/merge`, planners],
  ["DELETE", `/api/units/${id}`, planners],
  ["GET", "/api/org-units", signedIn],
  ["GET", `/api/org-units/${id}`, signedIn],
  ["POST", "/api/org-units", planners],
  ["PATCH", `/api/org-units/${id}`, planners],
  ["DELETE", `/api/org-units/${id}`, planners],
  ["GET", "/api/roles", signedIn],
  ["GET", "/api/users", admins],
  ["GET", `/api/users/${id}`, admins],
  ["POST", "/api/users", admins],
  ["PATCH", `/api/users/${id}`, admins],
  ["POST", `/api/users/${id}/reset-password`, admins],
  ["GET", "/api/audit", admins],
  ["GET", `/api/tasks/${id}/progress`, signedIn],
  ["POST", `/api/tasks/${id}/progress`, ["admin", "planner", "reporter"]],
  ["GET", "/api/indicators", signedIn],
  ["GET", `/api/indicators/${id}`, signedIn],
  ["POST", "/api/indicators", planners],
  ["PATCH", `/api/indicators/${id}`, planners],
  ["PATCH", `/api/indicators/${id}/reporting`, planners],
  ["GET", "/api/observations", signedIn],
  ["POST", "/api/observations", ["admin", "planner", "reporter"]],
  ["GET", "/api/observations/dataValueSets.json", signedIn],
  ["GET", "/api/observations/dataValueSets.csv", signedIn],
  ["POST", "/api/observations/dataValueSets", planners],
  ["GET", "/api/submissions", signedIn],
  ["GET", `/api/submissions/${id}`, signedIn],
  ["POST", "/api/submissions", ["admin", "planner", "reporter"]],
  ["POST", `/api/submissions/${id}/submit`, ["admin", "planner", "reporter"]],
  ["POST", `/api/submissions/${id}/approve`, planners],
  ["POST", `/api/submissions/${id}/return`, planners],
  ["GET", `/api/submissions/${id}/form`, signedIn],
  ["PUT", `/api/submissions/${id}/values`, ["admin", "planner", "reporter"]],
  ["GET", `/api/submissions/${id}/template.xlsx`, signedIn],
  ["POST", `/api/submissions/${id}/template.xlsx`, ["admin", "planner", "reporter"]],
  ["POST", `/api/submissions/${id}/reopen`, planners],
  ["POST", `/api/observations/${id}/return`, planners],
  ["POST", `/api/observations/${id}/evidence`, ["admin", "planner", "reporter"]],
  ["GET", `/api/evidence/${id}`, signedIn],
  ["DELETE", `/api/evidence/${id}`, ["admin", "planner", "reporter"]],
  ["GET", `/api/plans/${id}/text`, signedIn],
  ["GET", `/api/plans/${id}/register`, signedIn],
  ["GET", `/api/plans/${id}/register.xlsx`, signedIn],
  ["POST", `/api/plans/${id}/register.xlsx`, ["admin", "planner", "reporter"]],
  ["PUT", `/api/plans/${id}/targets/${id}/indicator`, planners],
  ["PUT", `/api/plans/${id}/actuals/${id}/indicator`, planners],
  ["GET", `/api/indicators/${id}/targets`, signedIn],
  ["GET", `/api/indicators/${id}/actuals`, signedIn],
  ["GET", `/api/users/${id}/org-units`, admins],
  ["PUT", `/api/users/${id}/org-units`, admins],
  ["POST", `/api/org-units/${id}/observations`, ["admin", "planner", "reporter"]],
  ["GET", `/api/indicators/${id}/rollup`, signedIn],
  ["GET", `/api/plans/${id}/targets/status`, signedIn],
  ["GET", "/api/reporting/completeness", signedIn],
  ["GET", "/api/notifications", signedIn],
  ["POST", `/api/notifications/${id}/read`, signedIn],
  ["POST", "/api/notifications/read-all", signedIn],
  ["GET", "/api/notifications/settings", signedIn],
  ["PUT", "/api/notifications/settings", signedIn],
  ["PUT", `/api/users/${id}/email`, admins],
  ["GET", `/api/plans/${id}/supervision`, signedIn],
  ["GET", `/api/tasks/${id}/supervision`, signedIn],
  ["POST", `/api/tasks/${id}/supervision/assign`, planners],
  ["POST", `/api/tasks/${id}/supervision/accept`, ["admin", "reporter"]],
  ["POST", `/api/tasks/${id}/supervision/feedback`, ["admin", "reporter"]],
  ["POST", `/api/tasks/${id}/supervision/remind`, planners],
  ["POST", `/api/tasks/${id}/supervision/chase`, planners],
  ["POST", `/api/tasks/${id}/supervision/extension-request`, ["admin", "reporter"]],
  ["POST", `/api/tasks/${id}/supervision/extension-decision`, planners],
  ["POST", `/api/tasks/${id}/supervision/request-closure`, ["admin", "reporter"]],
  ["POST", `/api/tasks/${id}/supervision/return`, planners],
  ["POST", `/api/tasks/${id}/supervision/close`, planners],
  ["POST", `/api/tasks/${id}/supervision/score`, planners],
  ["POST", "/api/supervision/scan", planners],
  ["GET", "/api/rectifications", signedIn],
  ["GET", "/api/rectifications.xlsx", signedIn],
  ["GET", `/api/rectifications/${id}`, signedIn],
  ["POST", "/api/rectifications", planners],
  ["PATCH", `/api/rectifications/${id}`, planners],
  ["DELETE", `/api/rectifications/${id}`, planners],
  ["POST", `/api/rectifications/${id}/updates`, ["admin", "planner", "reporter"]],
  ["POST", `/api/rectifications/${id}/close`, planners],
  ["GET", `/api/plans/${id}/assessments`, signedIn],
  ["POST", `/api/plans/${id}/assessments`, planners],
  ["GET", `/api/assessments/${id}`, signedIn],
  ["PATCH", `/api/assessments/${id}`, planners],
  ["DELETE", `/api/assessments/${id}`, planners],
  ["PUT", `/api/assessments/${id}/items`, planners],
  ["POST", `/api/assessments/${id}/items/from-plan`, planners],
  ["POST", `/api/assessments/${id}/adjustments`, planners],
  ["DELETE", `/api/assessments/${id}/adjustments/${id}`, planners],
  ["GET", `/api/assessments/${id}/scores`, signedIn],
  ["GET", `/api/plans/${id}/bulletin.docx`, signedIn],
  ["GET", `/api/plans/${id}/bulletin.xlsx`, signedIn],
  ["GET", `/api/plans/${id}/bulletin.html`, signedIn],
  ["GET", `/api/plans/${id}/public`, signedIn],
  ["PUT", `/api/plans/${id}/public`, planners],
  ["GET", "/api/public/plans", "public"],
  ["GET", `/api/public/plans/${id}`, "public"],
  ["GET", "/*", "public"],
];

const pattern = (url: string) => url.replaceAll(id, ":x");

describe.each(enginesToRun())("access rules on $name", (engine) => {
  let api: Api;
  beforeAll(async () => {
    api = await startApi(engine);
  });
  afterAll(async () => api.close());

  it("has a row for every route of the API", () => {
    const declared = new Set(table.map(([m, u]) => `${m} ${pattern(u)}`));
    const actual = api.routes.map((r) => `${r.method} ${r.url.replace(/:[A-Za-z]+/g, ":x")}`);
    expect(actual.filter((r) => !declared.has(r))).toEqual([]);
    expect([...declared].filter((r) => !actual.includes(r))).toEqual([]);
  });

  it.each(table.filter(([, , who]) => who !== "public"))(
    "%s %s → 401 without a session",
    async (method, url) => {
      const res = await api.as.anonymous.call(
        method as "GET",
        url,
        method === "GET" || method === "DELETE" ? undefined : {},
      );
      expect(res.statusCode).toBe(401);
      expect(errorOf(res).code).toBe("UNAUTHENTICATED");
    },
  );

  const denied = table.flatMap(([method, url, who]) =>
    who === "public" ? [] : signedIn.filter((w) => !who.includes(w)).map((w) => [method, url, w] as const),
  );
  it.each(denied)("%s %s → 403 for %s", async (method, url, who) => {
    const res = await api.as[who].call(
      method as "GET",
      url,
      method === "GET" || method === "DELETE" ? undefined : {},
    );
    expect(res.statusCode).toBe(403);
    expect(errorOf(res)).toMatchObject({
      code: "FORBIDDEN",
      message: "无权执行此操作 / You are not allowed to do this",
    });
  });
});
