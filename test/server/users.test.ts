import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { enginesToRun } from "../db/engines.js";
import { errorOf, login, startApi, type Api } from "./harness.js";

interface UserBody {
  id: string;
  username: string;
  roles: string[];
  unitIds: string[];
  disabled: boolean;
}

describe.each(enginesToRun())("users, roles and audit API on $name", (engine) => {
  let api: Api;
  beforeAll(async () => {
    api = await startApi(engine);
  });
  afterAll(async () => api.close());

  describe("POST /api/users", () => {
    it("creates a reporter bound to a unit with a one-time password that must be changed", async () => {
      const res = await api.as.admin.call("POST", "/api/users", {
        username: "zhang",
        displayName: "张三",
        roles: ["reporter"],
        unitIds: [api.unitB],
      });
      expect(res.statusCode).toBe(201);
      const body = res.json<{ user: UserBody & { mustChangePassword: boolean }; oneTimePassword: string }>();
      expect(body.user).toMatchObject({
        username: "zhang",
        roles: ["reporter"],
        unitIds: [api.unitB],
        mustChangePassword: true,
      });
      const zhang = await login(api.app, "reporter", "zhang", body.oneTimePassword);
      expect((await zhang.call("GET", "/api/auth/me")).statusCode).toBe(200);
    });
    it("answers 409 for a taken username, 400 for an unknown role, 404 for an unknown unit", async () => {
      expect(
        (
          await api.as.admin.call("POST", "/api/users", {
            username: "zhang",
            displayName: "z",
            roles: ["viewer"],
          })
        ).statusCode,
      ).toBe(409);
      expect(
        (await api.as.admin.call("POST", "/api/users", { username: "li", displayName: "l", roles: ["boss"] }))
          .statusCode,
      ).toBe(400);
      const res = await api.as.admin.call("POST", "/api/users", {
        username: "li",
        displayName: "l",
        roles: ["reporter"],
        unitIds: ["00000000-0000-4000-8000-000000000000"],
      });
      expect(res.statusCode).toBe(404);
    });
  });

  describe("GET /api/users", () => {
    it("lists users without password hashes", async () => {
      const res = await api.as.admin.call("GET", "/api/users?q=report");
      expect(res.statusCode).toBe(200);
      const { items } = res.json<{ items: UserBody[] }>();
      expect(items.map((u) => u.username)).toEqual(["reporter", "reporter2"]);
      expect(res.body).not.toContain("scrypt");
    });
    it("answers 400 for a bad page", async () => {
      expect((await api.as.admin.call("GET", "/api/users?page=0")).statusCode).toBe(400);
    });
  });

  describe("GET /api/users/:id", () => {
    it("reads a user; 404 unknown; 400 malformed", async () => {
      expect((await api.as.admin.call("GET", `/api/users/${api.as.viewer.userId}`)).json()).toMatchObject({
        username: "viewer",
      });
      expect(
        (await api.as.admin.call("GET", "/api/users/00000000-0000-4000-8000-000000000000")).statusCode,
      ).toBe(404);
      expect((await api.as.admin.call("GET", "/api/users/me")).statusCode).toBe(400);
    });
  });

  describe("PATCH /api/users/:id", () => {
    it("changes roles and unit bindings, and a disabled user's sessions end", async () => {
      const viewer = await login(api.app, "viewer", "viewer");
      const res = await api.as.admin.call("PATCH", `/api/users/${api.as.viewer.userId}`, {
        roles: ["viewer", "reporter"],
        unitIds: [api.unitA],
      });
      expect(res.json()).toMatchObject({ roles: ["reporter", "viewer"], unitIds: [api.unitA] });
      expect(
        (await api.as.admin.call("PATCH", `/api/users/${api.as.viewer.userId}`, { disabled: true })).json(),
      ).toMatchObject({ disabled: true });
      expect((await viewer.call("GET", "/api/auth/me")).statusCode).toBe(401);
      await expect(login(api.app, "viewer", "viewer")).rejects.toThrow(/401/);
    });
    it("refuses an admin dropping their own admin role with 422; 400 for an empty role list", async () => {
      const res = await api.as.admin.call("PATCH", `/api/users/${api.as.admin.userId}`, {
        roles: ["viewer"],
      });
      expect(res.statusCode).toBe(422);
      expect(
        (await api.as.admin.call("PATCH", `/api/users/${api.as.admin.userId}`, { roles: [] })).statusCode,
      ).toBe(400);
    });
  });

  describe("POST /api/users/:id/reset-password", () => {
    it("gives a new one-time password and ends the user's sessions", async () => {
      const planner = await login(api.app, "planner", "planner");
      const res = await api.as.admin.call("POST", `/api/users/${api.as.planner.userId}/reset-password`);
      const { oneTimePassword } = res.json<{ oneTimePassword: string }>();
      expect(oneTimePassword).toHaveLength(16);
      expect((await planner.call("GET", "/api/auth/me")).statusCode).toBe(401);
      expect((await login(api.app, "planner", "planner", oneTimePassword)).userId).toBe(
        api.as.planner.userId,
      );
    });
    it("answers 404 for an unknown user and 400 for a malformed id", async () => {
      expect(
        (await api.as.admin.call("POST", "/api/users/00000000-0000-4000-8000-000000000000/reset-password"))
          .statusCode,
      ).toBe(404);
      expect((await api.as.admin.call("POST", "/api/users/x/reset-password")).statusCode).toBe(400);
    });
  });

  describe("GET /api/roles", () => {
    it("lists the four roles", async () => {
      const { items } = (await api.as.reporter.call("GET", "/api/roles")).json<{
        items: Array<{ name: string }>;
      }>();
      expect(items.map((r) => r.name)).toEqual(["admin", "planner", "reporter", "viewer"]);
    });
  });

  describe("GET /api/audit", () => {
    it("shows who did what, newest first, filtered by entity and action", async () => {
      const res = await api.as.admin.call(
        "GET",
        `/api/audit?entity=user&entityId=${api.as.viewer.userId}&action=user.update`,
      );
      const { items } = res.json<{
        items: Array<{
          userId: string;
          action: string;
          before: { disabled: boolean };
          after: { disabled: boolean };
          at: string;
        }>;
      }>();
      expect(items[0]).toMatchObject({
        userId: api.as.admin.userId,
        action: "user.update",
        before: { disabled: false },
        after: { disabled: true },
      });
      expect(items.length).toBe(2);
      expect(items[0]!.at >= items[1]!.at).toBe(true);
      const failed = (await api.as.admin.call("GET", "/api/audit?action=auth.login_failed")).json<{
        total: number;
      }>();
      expect(failed.total).toBeGreaterThan(0);
    });
    it("answers 400 for a malformed user filter", async () => {
      const res = await api.as.admin.call("GET", "/api/audit?userId=nobody");
      expect(res.statusCode).toBe(400);
      expect(errorOf(res).code).toBe("VALIDATION_FAILED");
    });
  });
});
