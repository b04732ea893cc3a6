/**
 * Stored XSS, in the browser: a plan title and a task text holding script and event-handler payloads are
 * shown as text on the plan list and the review screen — no dialog opens, no handler runs.
 */
import { readFileSync, readdirSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launch, screenshot } from "./browser.js";
import { LoginPage } from "./page-models/login.page.js";
import { password, startServer, type TestServer } from "./server.js";

const seedDir = new URL("../../shared/seeds/", import.meta.url);
const seedFile = readdirSync(seedDir)
  .filter((f) => f.endsWith(".txt"))
  .sort()[0];

const titlePayload = `<img src=x onerror="window.__xss=1;alert('img')"><script>window.__xss=2;alert('script')</script>'; drop table plans;--`;
const taskPayload = `<svg onload="window.__xss=3;alert('svg')"></svg><a href="javascript:alert('a')">点我</a>`;

describe("stored XSS payloads render as text", () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let planId = "";
  const dialogs: string[] = [];

  beforeAll(async () => {
    server = await startServer();
    const planner = await server.addUser("planner", "计划员", ["planner"]);
    const result = await server.services.imports.importDocument({
      bytes: readFileSync(new URL(seedFile ?? "", seedDir)),
      fileName: seedFile ?? "plan.txt",
      userId: planner,
    });
    planId = result.plans[0]?.id ?? "";
    // Through the API, as a hostile planner would.
    const login = await fetch(`${server.url}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: "planner", password }),
    });
    const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const headers = { "content-type": "application/json", cookie, "x-csrf-token": csrfToken };
    const title = await fetch(`${server.url}/api/plans/${planId}`, {
      method: "PATCH",
      headers,
      body: JSON.stringify({ title: titlePayload, version: 1 }),
    });
    expect(title.status).toBe(200);
    const tasks = (await (await fetch(`${server.url}/api/plans/${planId}/tasks`, { headers })).json()) as {
      items: Array<{ id: string; version: number }>;
    };
    const task = tasks.items[0];
    const edit = await fetch(`${server.url}/api/plans/${planId}/tasks/${task?.id ?? ""}`, {
      method: "PATCH",
      headers,
      body: JSON.stringify({ text: taskPayload, version: task?.version ?? 1 }),
    });
    expect(edit.status).toBe(200);

    browser = await launch();
    page = await browser.newPage();
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    const login2 = new LoginPage(page, server.url);
    await login2.open();
    await login2.signIn("planner", password);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("shows the payload title as text on the plan list", async () => {
    await page.goto(`${server.url}/`);
    await page.getByText(titlePayload).first().waitFor({ timeout: 20_000 });
    await screenshot(page, "security-xss-plan-list");
    expect(dialogs).toEqual([]);
    expect(await page.evaluate(() => (globalThis as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(await page.locator("img[src='x'], script:text('__xss')").count()).toBe(0);
  });

  it("shows the payload title and task text as text on the review screen", async () => {
    await page.goto(`${server.url}/plans/${planId}/review`);
    await page.getByText(taskPayload).first().waitFor({ timeout: 20_000 });
    await expect(page.getByText(titlePayload).first().isVisible()).resolves.toBe(true);
    await screenshot(page, "security-xss-review");
    // Give any deferred handler (onerror of a broken image) its chance to fire.
    await page.waitForTimeout(500);
    expect(dialogs).toEqual([]);
    expect(await page.evaluate(() => (globalThis as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(await page.locator("svg[onload], a[href^='javascript:']").count()).toBe(0);
  });
});
