/**
 * Supervision in Chromium against the real server and database: a planner assigns (交办) a task, a
 * reporter of the lead unit is told by the bell, follows the notification, accepts (承办) and feeds back
 * asking for closure, the planner — told by the bell too — closes (办结) it on time, and the reporter's
 * bell shows the closure. States and lights are checked in the page and against the API.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type DatabaseHandle } from "../src/db/database.js";
import { buildApp, type Services } from "../src/server/app.js";
import { ImportService } from "../src/server/import.service.js";
import { handMadeDocument } from "../test/server/harness.js";
import { launch, screenshot } from "./browser.js";
import { LoginPage } from "./page-models/login.page.js";
import { SupervisionPage } from "./page-models/supervision.page.js";
import { ensureWebBuilt, password } from "./server.js";

describe("supervision in Chromium", () => {
  let handle: DatabaseHandle;
  let services: Services;
  let close: () => Promise<void>;
  let base = "";
  let dir = "";
  let browser: Browser;
  let planId = "";
  let taskId = "";

  const signedIn = async (username: string): Promise<{ page: Page; sv: SupervisionPage }> => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: "zh-CN" });
    const page = await context.newPage();
    const login = new LoginPage(page, base);
    await login.open();
    await login.signIn(username, password);
    return { page, sv: new SupervisionPage(page, base) };
  };

  beforeAll(async () => {
    ensureWebBuilt();
    dir = mkdtempSync(join(tmpdir(), "mubiao-sv-e2e-"));
    handle = await openDatabase({ sqliteFile: join(dir, "mubiao.db") });
    const built = await buildApp({ db: handle.db, secureCookies: false });
    services = built.services;
    base = await built.app.listen({ host: "127.0.0.1", port: 0 });
    close = () => built.app.close();
    const unitA = (await services.units.create("e2e", { name: "甲单位", aliases: [], status: "confirmed" }))
      .id;
    const unitB = (await services.units.create("e2e", { name: "乙单位", aliases: [], status: "confirmed" }))
      .id;
    const user = async (
      username: string,
      displayName: string,
      roles: Array<"planner" | "reporter">,
      unitIds: string[],
    ) => (await services.auth.createUser({ username, displayName, roles, unitIds, password }, null)).user.id;
    const plannerId = await user("zhang", "张科长", ["planner"], []);
    await user("li", "李填报", ["reporter"], [unitA]);
    await user("wang", "王填报", ["reporter"], [unitB]);
    const doc = handMadeDocument(2026);
    const imported = await new ImportService(handle.db, () => doc).importDocument({
      bytes: new TextEncoder().encode(doc.text),
      fileName: "plan.txt",
      userId: plannerId,
    });
    planId = imported.plans[0]?.id ?? "";
    await services.plans.publish(planId, plannerId, 1);
    const task = await handle.db
      .selectFrom("tasks")
      .select("id")
      .where("plan_id", "=", planId)
      .orderBy("position")
      .executeTakeFirstOrThrow();
    taskId = task.id;
    browser = await launch();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await close?.();
    await handle?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("a planner assigns, the lead unit accepts and feeds back, the planner closes; the bell tells each", async () => {
    // the planner assigns (交办) the task with a deadline
    const planner = await signedIn("zhang");
    await planner.sv.open(planId);
    await expect.poll(() => planner.sv.state(taskId).textContent()).toBe("未交办");
    await planner.sv.openTask(taskId);
    expect(await planner.sv.actions()).toEqual(["交办"]);
    await planner.sv.act("assign", { deadline: "2099-06-30", note: "请按月反馈进展" });
    await expect.poll(() => planner.sv.drawerState().textContent()).toBe("已交办");
    expect(await planner.sv.drawerLight(taskId).textContent()).toBe("绿灯");
    await expect.poll(() => planner.sv.state(taskId).textContent()).toBe("已交办");
    await screenshot(planner.page, "supervision-assigned");

    // the lead unit's reporter: the bell shows the 交办, and its link opens the task
    const reporter = await signedIn("li");
    await expect.poll(() => reporter.sv.unread(), { timeout: 10_000 }).toBe(1);
    const list = await reporter.sv.openBell();
    const item = list.getByTestId("notification-item").first();
    expect(await item.textContent()).toContain("【交办】推进健康城市建设");
    await item.click();
    await reporter.page.waitForURL((u) => u.pathname === `/plans/${planId}/supervision`);
    await reporter.sv.drawerState().waitFor();
    await expect.poll(() => reporter.sv.unread()).toBe(0);
    expect(await reporter.sv.actions()).toEqual(["承办"]);
    await reporter.sv.act("accept");
    await expect.poll(() => reporter.sv.drawerState().textContent()).toBe("已承办");
    await reporter.sv.act("feedback", {
      text: "已完成健康城市建设评估，全部指标达标",
      percent: "100",
      evidence: "评估报告.pdf",
      同时申请办结: true,
    });
    await expect.poll(() => reporter.sv.drawerState().textContent()).toBe("申请办结");
    expect(await reporter.sv.timeline().textContent()).toContain("已完成健康城市建设评估");
    // a reporter may not close
    expect(await reporter.sv.actions()).toEqual([]);

    // the planner is told (承办, then 申请办结) and closes it
    await planner.page.reload();
    await expect.poll(() => planner.sv.unread(), { timeout: 10_000 }).toBe(2);
    await planner.sv.drawerState().waitFor();
    expect(await planner.sv.actions()).toEqual(["退办", "办结"]);
    await planner.sv.act("close", { note: "材料齐全，同意办结" });
    await expect.poll(() => planner.sv.drawerState().textContent()).toBe("已办结");
    expect(await planner.sv.drawerLight(taskId).textContent()).toBe("按期办结");
    expect(await planner.sv.timeline().textContent()).toMatch(/交办.*承办.*反馈.*申请办结.*办结/s);
    await screenshot(planner.page, "supervision-closed");

    // the API agrees, and the reporter's bell shows the closure
    const api = (await planner.page.evaluate(
      (u) => fetch(u).then((r) => r.json()),
      `/api/tasks/${taskId}/supervision`,
    )) as { state: string; light: string; percent: number };
    expect(api).toMatchObject({ state: "closed", light: "closed_on_time", percent: 100 });
    await reporter.sv.open(planId);
    await expect.poll(() => reporter.sv.unread(), { timeout: 10_000 }).toBe(1);
    const after = await reporter.sv.openBell();
    expect(await after.getByTestId("notification-item").first().textContent()).toContain("【已办结】");
    await screenshot(reporter.page, "supervision-bell");
  }, 120_000);

  it("keeps a rectification ledger: a planner adds a problem, the unit reports progress, the planner closes it", async () => {
    const planner = await signedIn("zhang");
    await planner.page.goto(`${base}/rectification`);
    await planner.page.getByTestId("rect-new").click();
    const dialog = planner.page.locator(".ant-modal").last();
    await dialog.getByTestId("rect-field-problem").fill("家庭医生签约服务履约率偏低");
    await dialog.getByTestId("rect-field-measures").fill("开展签约居民随访，每季度通报履约情况");
    await dialog.getByTestId("rect-field-person").fill("李四");
    await dialog.getByTestId("rect-field-deadline").fill("2099-03-31");
    await dialog.getByLabel("责任单位").click();
    await planner.page.locator('.ant-select-item-option[title="甲单位"]').click();
    await planner.page.getByTestId("rect-save").click();
    await dialog.waitFor({ state: "hidden" });
    await expect
      .poll(() => planner.page.getByTestId("rect-summary").textContent())
      .toBe("共 1 项，已销号 0 项，超期未销号 0 项");

    // the unit's reporter is told, opens the item and reports progress
    const reporter = await signedIn("li");
    const list = await reporter.sv.openBell();
    await list.getByText("【整改任务】家庭医生签约服务履约率偏低").click();
    await reporter.page.waitForURL((u) => u.pathname === "/rectification");
    await reporter.page.getByTestId("rect-note").fill("已完成全部签约居民随访，履约率提升至92%");
    await reporter.page.getByTestId("rect-add-note").click();
    await expect
      .poll(() => reporter.page.locator(".ant-drawer .ant-timeline").textContent())
      .toContain("履约率提升至92%");
    expect(await reporter.page.getByTestId("rect-close").count()).toBe(0);

    // the planner closes it (销号)
    await planner.page.reload();
    await planner.page
      .getByRole("button", { name: /详\s*情/ })
      .first()
      .click();
    await planner.page.getByTestId("rect-close").click();
    await planner.page.getByTestId("rect-close-note").fill("经核查整改到位，同意销号");
    await planner.page.getByTestId("rect-close-ok").click();
    await expect
      .poll(() => planner.page.getByTestId("rect-status").textContent())
      .toBe("已销号：经核查整改到位，同意销号");
    await planner.page.locator(".ant-drawer-close").click();
    await expect
      .poll(() => planner.page.getByTestId("rect-summary").textContent())
      .toBe("共 1 项，已销号 1 项，超期未销号 0 项");
    await screenshot(planner.page, "rectification-ledger");
  }, 120_000);
});
