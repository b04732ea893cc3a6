import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { enginesToRun } from "../db/engines.js";
import { errorOf, login, password, startApi, type Api } from "./harness.js";

describe.each(enginesToRun())("auth API on $name", (engine) => {
  let api: Api;
  beforeAll(async () => {
    api = await startApi(engine);
  });
  afterAll(async () => api.close());

  describe("POST /api/auth/login", () => {
    it("signs in with an HTTP-only, same-site session cookie and returns a CSRF token", async () => {
      const res = await api.app.inject({
        method: "POST",
        url: "/api/auth/login",
        payload: { username: "viewer", password },
      });
      expect(res.statusCode).toBe(200);
      const cookie = res.cookies.find((c) => c.name === "mubiao_session");
      expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Strict", path: "/" });
      expect(res.json()).toMatchObject({
        user: { username: "viewer", roles: ["viewer"] },
        csrfToken: expect.any(String),
      });
    });

    it("rejects a wrong password with 401 and a bilingual message", async () => {
      const res = await api.app.inject({
        method: "POST",
        url: "/api/auth/login",
        payload: { username: "viewer", password: "nope" },
      });
      expect(res.statusCode).toBe(401);
      expect(errorOf(res)).toMatchObject({
        code: "BAD_CREDENTIALS",
        message: "用户名或密码错误 / Wrong username or password",
      });
    });

    it("rejects a body without a password with 400 naming the field", async () => {
      const res = await api.app.inject({
        method: "POST",
        url: "/api/auth/login",
        payload: { username: "viewer" },
      });
      expect(res.statusCode).toBe(400);
      expect(errorOf(res)).toMatchObject({ code: "VALIDATION_FAILED", details: [{ path: "body.password" }] });
    });

    it("rate-limits repeated failures for one user and address with 429", async () => {
      const attempt = () =>
        api.app.inject({
          method: "POST",
          url: "/api/auth/login",
          payload: { username: "planner", password: "wrong" },
        });
      for (let i = 0; i < 3; i++) expect((await attempt()).statusCode).toBe(401);
      const blocked = await attempt();
      expect(blocked.statusCode).toBe(429);
      expect(Number(blocked.headers["retry-after"])).toBeGreaterThan(0);
      // Even the right password waits until the window ends.
      const right = await api.app.inject({
        method: "POST",
        url: "/api/auth/login",
        payload: { username: "planner", password },
      });
      expect(right.statusCode).toBe(429);
    });
  });

  describe("GET /api/auth/me", () => {
    it("returns the signed-in user", async () => {
      const res = await api.as.reporter.call("GET", "/api/auth/me");
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        user: { username: "reporter", roles: ["reporter"], unitIds: [api.unitA] },
      });
    });

    it("answers 401 without a session", async () => {
      expect((await api.as.anonymous.call("GET", "/api/auth/me")).statusCode).toBe(401);
    });
  });

  describe("CSRF", () => {
    it("refuses a state-changing request without the session's CSRF token", async () => {
      const res = await api.as.viewer.call(
        "POST",
        "/api/auth/password",
        { currentPassword: password, newPassword: "0123456789ab" },
        { "x-csrf-token": "forged" },
      );
      expect(res.statusCode).toBe(403);
      expect(errorOf(res).code).toBe("CSRF_TOKEN_INVALID");
    });
  });

  describe("POST /api/auth/password", () => {
    it("changes the password: the old one stops working, the new one signs in", async () => {
      const { user } = await api.services.auth.createUser(
        { username: "changer", displayName: "c", roles: ["viewer"], unitIds: [] },
        null,
      );
      expect(user.mustChangePassword).toBe(true);
      const otp = (await api.services.users.resetPassword(
        user.id,
        (await api.services.users.get(user.id)) as never,
      )) as string;
      const me = await login(api.app, "viewer", "changer", otp);
      // A one-time password opens nothing but the way to replace it.
      const blocked = await me.call("GET", "/api/plans");
      expect(blocked.statusCode).toBe(403);
      expect(errorOf(blocked).code).toBe("PASSWORD_CHANGE_REQUIRED");
      expect((await me.call("GET", "/api/auth/me")).json()).toMatchObject({
        user: { mustChangePassword: true },
      });
      const res = await me.call("POST", "/api/auth/password", {
        currentPassword: otp,
        newPassword: "a new long password",
      });
      expect(res.statusCode).toBe(204);
      await expect(login(api.app, "viewer", "changer", otp)).rejects.toThrow(/401/);
      const again = await login(api.app, "viewer", "changer", "a new long password");
      expect((await again.call("GET", "/api/plans")).statusCode).toBe(200);
      expect((await again.call("GET", "/api/auth/me")).json()).toMatchObject({
        user: { mustChangePassword: false },
      });
    });

    it("rejects a new password shorter than 10 characters with 400", async () => {
      const res = await api.as.viewer.call("POST", "/api/auth/password", {
        currentPassword: password,
        newPassword: "short",
      });
      expect(res.statusCode).toBe(400);
    });

    it("answers 401 without a session", async () => {
      const res = await api.as.anonymous.call("POST", "/api/auth/password", {
        currentPassword: password,
        newPassword: "0123456789ab",
      });
      expect(res.statusCode).toBe(401);
    });
  });

  describe("POST /api/auth/logout", () => {
    it("ends the session: its cookie no longer opens anything", async () => {
      const me = await login(api.app, "viewer", "viewer");
      expect((await me.call("POST", "/api/auth/logout")).statusCode).toBe(204);
      expect((await me.call("GET", "/api/auth/me")).statusCode).toBe(401);
    });

    it("answers 401 without a session", async () => {
      expect((await api.as.anonymous.call("POST", "/api/auth/logout")).statusCode).toBe(401);
    });
  });
});
