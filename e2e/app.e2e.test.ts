/**
 * The web app in a real browser against the real server and database, on a real plan document: sign in,
 * import seed 003, review (accept, edit, a stale edit's conflict, click-through, add a missed target),
 * publish, the task register with its .xlsx export read back, the dashboard's counts against the API,
 * and a reporter who sees edit controls only on its own unit's tasks. Screens are saved for a look.
 */
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import ExcelJS from "exceljs";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launch, screenshot, screenshotDir } from "./browser.js";
import { DashboardPage } from "./page-models/dashboard.page.js";
import { LoginPage } from "./page-models/login.page.js";
import { PlansPage } from "./page-models/plans.page.js";
import { RegisterPage } from "./page-models/register.page.js";
import { ReviewPage } from "./page-models/review.page.js";
import { password, repoRoot, startServer, type TestServer } from "./server.js";

const seedDir = join(repoRoot, "../shared/seeds");
const seed003 = join(seedDir, readdirSync(seedDir).find((f) => f.startsWith("003_")) ?? "003");

interface RegisterRow {
  taskId: string;
  text: string;
  reviewStatus: string;
  status: string;
  overdue: boolean;
  leadUnits: Array<{ id: string; name: string }>;
  partnerUnits: Array<{ id: string; name: string }>;
}
interface ApiTask {
  id: string;
  text: string;
  version: number;
  reviewStatus: string;
  start: number;
  end: number;
  leadUnits: Array<{ id: string; name: string }>;
}

/** GET through the signed-in page, as the web app itself would. */
function get<T>(page: Page, url: string): Promise<T> {
  return page.evaluate((u) => fetch(u).then((r) => r.json()), url) as Promise<T>;
}

describe("the web app in Chromium", () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let planId = "";
  let editedTaskId = "";
  let leadUnitId = "";
  const editedText = "（经审核修订）";

  beforeAll(async () => {
    server = await startServer();
    await server.addUser("admin", "系统管理员", ["admin"]);
    await server.addUser("zhang", "张科长", ["planner"]);
    browser = await launch();
    context = await browser.newContext({
      viewport: { width: 1440, height: 900 },
      locale: "zh-CN",
      acceptDownloads: true,
    });
    page = await context.newPage();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("signs in in Chinese and refuses a wrong password with a Chinese message", async () => {
    const scripts: string[] = [];
    page.on("response", (r) => {
      if (r.url().endsWith(".js")) scripts.push(new URL(r.url()).pathname);
    });
    const login = new LoginPage(page, server.url);
    await login.open();
    // The first page loads only what it needs: the charts and the review screen come later, by route.
    const gzip = scripts.reduce(
      (n, p) => n + gzipSync(readFileSync(join(repoRoot, "web/dist", p))).length,
      0,
    );
    writeFileSync(
      join(screenshotDir, "first-load.json"),
      JSON.stringify({ scripts, gzipBytes: gzip }, null, 2),
    );
    expect(scripts.some((p) => /Dashboard|Review|Register/.test(p))).toBe(false);
    expect(gzip).toBeLessThan(300_000);
    await screenshot(page, "01-login");
    await page.getByLabel("用户名").fill("zhang");
    await page.getByLabel("密码").fill("wrong-password");
    await page.getByRole("button", { name: /登\s*录/ }).click();
    await expect.poll(() => login.error().innerText()).toContain("用户名或密码错误");
    await login.signIn("zhang", password);
    await page.getByRole("heading", { name: "工作计划" }).waitFor();
    expect(await page.getByTestId("current-user").innerText()).toContain("张科长");
  });

  it("imports seed 003 by drag-and-drop upload and lands on the review screen", async () => {
    const plans = new PlansPage(page, server.url);
    await plans.open();
    await screenshot(page, "02-plans-empty");
    planId = await plans.importDocument(seed003);
    expect(planId).toMatch(/^[0-9a-f-]{36}$/);
    const review = new ReviewPage(page);
    await review.ready();
    const tasks = await get<{ total: number }>(page, `/api/plans/${planId}/tasks?pageSize=1`);
    expect(tasks.total).toBeGreaterThan(3);
    expect(await page.getByTestId("tab-task").innerText()).toContain(String(tasks.total));
    // Every task is marked in the document at its offsets: the mark's text is the task's source text.
    const first = (await get<{ items: ApiTask[] }>(page, `/api/plans/${planId}/tasks?pageSize=5`))
      .items[0] as ApiTask;
    const text = (await get<{ text: string }>(page, `/api/plans/${planId}/text`)).text;
    const markText = await page
      .locator(`mark[data-key="task:${first.id}"][data-kind=task]`)
      .evaluateAll((els) => els.map((e) => e.textContent ?? "").join(""));
    expect(markText).toBe(text.slice(first.start, first.end));
    await screenshot(page, "03-review");
  });

  it("accepts a task, edits another, and jumps between highlight and item", async () => {
    const review = new ReviewPage(page);
    const tasks = (await get<{ items: ApiTask[] }>(page, `/api/plans/${planId}/tasks?pageSize=200`)).items;
    const [a, b] = tasks as [ApiTask, ApiTask];
    await review.accept(review.card(a.id));
    const accepted = await get<ApiTask>(page, `/api/plans/${planId}/tasks/${a.id}`);
    expect(accepted).toMatchObject({ reviewStatus: "accepted", version: a.version + 1 });

    const dialog = await review.openEdit(review.card(b.id));
    await dialog.getByTestId("field-text").fill(`${b.text}${editedText}`);
    await dialog.getByTestId("field-deadline").fill("2024-06-30");
    // Seed 003's first plan names no units: the planner assigns one from the register the import filled.
    const lead = dialog.getByTestId("field-lead");
    await expect
      .poll(async () => {
        await lead.click();
        await page.locator(".ant-select-dropdown:visible .ant-select-item-option").first().click();
        await dialog.locator(".ant-modal-title").click();
        return lead.locator(".ant-select-selection-item").count();
      })
      .toBeGreaterThan(0);
    await dialog.getByTestId("save").click();
    await dialog.waitFor({ state: "hidden" });
    await review.card(b.id).getByText(editedText).waitFor();
    const edited = await get<ApiTask & { deadlineDue: string }>(page, `/api/plans/${planId}/tasks/${b.id}`);
    expect(edited).toMatchObject({
      text: `${b.text}${editedText}`,
      deadlineDue: "2024-06-30",
      reviewStatus: "accepted",
    });
    expect(edited.leadUnits).toHaveLength(1);
    editedTaskId = b.id;
    leadUnitId = edited.leadUnits[0]?.id ?? "";

    // From the document to the item: a click on a highlight makes its card the active one.
    const c = tasks[2] as ApiTask;
    await page.locator(`mark[data-key="task:${c.id}"]`).first().click();
    await expect.poll(() => review.card(c.id).getAttribute("class")).toContain("active");
    await screenshot(page, "04-review-selected");
  });

  it("shows a clear conflict when someone else saved the item first, keeping the user's edit", async () => {
    const review = new ReviewPage(page);
    const tasks = (await get<{ items: ApiTask[] }>(page, `/api/plans/${planId}/tasks?pageSize=200`)).items;
    const t = tasks[3] as ApiTask;
    const dialog = await review.openEdit(review.card(t.id));
    await dialog.getByTestId("field-text").fill(`${t.text}（我的修改）`);
    // Meanwhile another planner changes the same task.
    const other = (await server.services.users.list({ page: 1, pageSize: 10 }, "zhang")).items[0];
    await server.services.plans.editTask(planId, t.id, other?.id ?? "", {
      version: t.version,
      text: `${t.text}（他人修改）`,
    });
    await dialog.getByTestId("save").click();
    const conflict = dialog.getByTestId("conflict");
    await conflict.waitFor();
    expect(await conflict.innerText()).toContain("保存冲突");
    expect(await conflict.innerText()).toContain("他人修改");
    expect(await dialog.getByTestId("field-text").inputValue()).toContain("（我的修改）");
    await screenshot(page, "05-review-conflict");
    await dialog.getByTestId("overwrite").click();
    await dialog.waitFor({ state: "hidden" });
    expect((await get<ApiTask>(page, `/api/plans/${planId}/tasks/${t.id}`)).text).toBe(
      `${t.text}（我的修改）`,
    );
  });

  it("adds a target the extractor missed from selected text", async () => {
    const review = new ReviewPage(page);
    const plan = await get<{ start: number; end: number }>(page, `/api/plans/${planId}`);
    const text = (await get<{ text: string }>(page, `/api/plans/${planId}/text`)).text;
    const slice = text.slice(plan.start, plan.end);
    const local = slice.search(/[\u4e00-\u9fa5]{4,}\d+(\.\d+)?%/);
    expect(local).toBeGreaterThanOrEqual(0);
    const match = /[\u4e00-\u9fa5]{4,}\d+(\.\d+)?%/.exec(slice.slice(local))?.[0] ?? "";
    const start = plan.start + local;
    await review.selectText(start, start + match.length);
    await page.getByTestId("selection-bar").waitFor();
    await page.getByTestId("add-target").click();
    const dialog = page.getByRole("dialog");
    await dialog.getByTestId("save").click();
    await dialog.waitFor({ state: "hidden" });
    const targets = (
      await get<{ items: Array<{ origin: string; start: number; end: number; quote: string }> }>(
        page,
        `/api/plans/${planId}/targets?pageSize=200`,
      )
    ).items;
    expect(targets.find((q) => q.origin === "added")).toMatchObject({
      start,
      end: start + match.length,
      quote: match,
    });

    // The rest of the targets at once: one batch, all or nothing.
    await review.tab("target");
    await page.getByTestId("accept-all").click();
    await page
      .locator(".ant-popconfirm")
      .getByRole("button", { name: /确\s*定|OK/ })
      .click();
    await page.getByTestId("accept-all").waitFor({ state: "detached" });
    const pending = await get<{ total: number }>(
      page,
      `/api/plans/${planId}/targets?reviewStatus=pending&pageSize=1`,
    );
    expect(pending.total).toBe(0);
  });

  it("warns before leaving with unsaved edits, and before discarding them", async () => {
    const review = new ReviewPage(page);
    await review.tab("task");
    const dialog = await review.openEdit(review.cards().first());
    await dialog.getByTestId("field-text").fill("尚未保存的修改");
    // The browser's back button (the modal covers the app's own links).
    await page.evaluate("history.back()");
    const leave = page.getByRole("dialog").filter({ hasText: "有未保存的修改" });
    await leave.waitFor();
    await leave.getByRole("button", { name: "继续编辑" }).click();
    expect(page.url()).toMatch(/\/review$/);
    expect(await dialog.getByTestId("field-text").inputValue()).toBe("尚未保存的修改");
    await dialog.getByRole("button", { name: /取\s*消/ }).click();
    const discard = page.getByRole("dialog").filter({ hasText: "放弃未保存的修改" });
    await discard.getByRole("button", { name: /^放\s*弃$/ }).click();
    await dialog.waitFor({ state: "hidden" });
  });

  it("merges two adjacent tasks and splits the merged one back at the same point", async () => {
    const review = new ReviewPage(page);
    await review.tab("task");
    const text = (await get<{ text: string }>(page, `/api/plans/${planId}/text`)).text;
    const listTasks = async () =>
      (
        await get<{ items: Array<ApiTask & { sectionId: string | null; quote: string }> }>(
          page,
          `/api/plans/${planId}/tasks?pageSize=200`,
        )
      ).items;
    const before = await listTasks();
    // The last two tasks of one section, away from the tasks the other steps use.
    const i = before.findLastIndex(
      (t, k) => k > 5 && before[k - 1]?.sectionId === t.sectionId && t.reviewStatus !== "rejected",
    );
    const [x, y] = [before[i - 1], before[i]] as [ApiTask, ApiTask];
    await review.merge([review.card(x.id), review.card(y.id)]);
    const afterMerge = await listTasks();
    const merged = afterMerge.find(
      (t) => t.reviewStatus === "accepted" && t.start === x.start && t.end === y.end,
    );
    expect(merged?.quote).toBe(text.slice(x.start, y.end));
    expect(afterMerge.filter((t) => t.id === x.id || t.id === y.id).map((t) => t.reviewStatus)).toEqual([
      "rejected",
      "rejected",
    ]);
    await review.card(merged?.id ?? "").waitFor();
    await review.card(merged?.id ?? "").scrollIntoViewIfNeeded();
    await screenshot(page, "05b-review-merged");

    await review
      .card(merged?.id ?? "")
      .getByTestId("split")
      .click();
    const dialog = page.getByRole("dialog");
    await dialog.locator(`.split-gap[data-at="${y.start - x.start}"]`).click();
    await dialog.getByTestId("split-preview").waitFor();
    await screenshot(page, "05c-review-split");
    await dialog.getByTestId("split-save").click();
    await dialog.waitFor({ state: "hidden" });
    const afterSplit = await listTasks();
    const parts = afterSplit.filter(
      (t) => t.reviewStatus === "accepted" && t.start >= x.start && t.end <= y.end && t.id !== merged?.id,
    );
    expect(parts.map((t) => t.quote)).toEqual([
      text.slice(x.start, y.start).trim(),
      text.slice(y.start, y.end).trim(),
    ]);
    for (const p of parts) {
      expect(text.slice(p.start, p.end)).toBe(p.quote);
      await review.card(p.id).waitFor();
    }

    // A target splits the same way; its parts keep the reading and wait for review.
    await review.tab("target");
    const targets = (
      await get<{ items: Array<{ id: string; quote: string; start: number; reviewStatus: string }> }>(
        page,
        `/api/plans/${planId}/targets?pageSize=200`,
      )
    ).items;
    const last = targets.filter((q) => q.reviewStatus !== "rejected" && q.quote.length > 3).at(-1);
    const at = Math.floor((last?.quote.length ?? 0) / 2);
    await review.split(review.card(last?.id ?? ""), [at]);
    const split = (
      await get<{
        items: Array<{ id: string; quote: string; start: number; end: number; reviewStatus: string }>;
      }>(page, `/api/plans/${planId}/targets?pageSize=200`)
    ).items.filter(
      (q) =>
        q.start >= (last?.start ?? 0) &&
        q.id !== last?.id &&
        q.end <= (last?.start ?? 0) + (last?.quote.length ?? 0),
    );
    expect(split.map((q) => [q.quote, q.reviewStatus])).toEqual([
      [last?.quote.slice(0, at).trim(), "pending"],
      [last?.quote.slice(at).trim(), "pending"],
    ]);
    await review.card(split[0]?.id ?? "").waitFor();
  });

  it("gives another task to another unit (as a second planner would) before publishing", async () => {
    const tasks = (await get<{ items: ApiTask[] }>(page, `/api/plans/${planId}/tasks?pageSize=200`)).items;
    const units = (await server.services.units.list({}, { page: 1, pageSize: 200 })).items;
    const other = units.find((u) => u.id !== leadUnitId);
    expect(other).toBeDefined();
    const t = tasks[4] as ApiTask;
    const planner = (await server.services.users.list({ page: 1, pageSize: 10 }, "zhang")).items[0];
    await server.services.plans.editTask(planId, t.id, planner?.id ?? "", {
      version: t.version,
      leadUnitIds: [other?.id ?? ""],
    });
  });

  it("publishes and shows the edited task in the register, exported to .xlsx with the Chinese headers", async () => {
    await new ReviewPage(page).publish();
    const register = new RegisterPage(page, server.url);
    await register.ready();
    const row = register.row(editedTaskId);
    await register.expand(row);
    expect(await row.innerText()).toContain(editedText);
    expect(await row.innerText()).toContain("2024-06-30");
    await screenshot(page, "06-register");

    const download = await register.export();
    expect(download.suggestedFilename()).toMatch(/任务分工台账\.xlsx$/);
    const file = join(server.dir, "register.xlsx");
    await download.saveAs(file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.worksheets[0];
    expect(ws?.getRow(1).values).toEqual([
      undefined,
      "序号",
      "工作任务",
      "牵头单位",
      "配合单位",
      "完成时限",
      "进展情况",
    ]);
    const rows: unknown[][] = [];
    ws?.eachRow((r, i) => {
      if (i > 1) rows.push((r.values as unknown[]).slice(1));
    });
    const registerRows = (await get<{ items: RegisterRow[] }>(page, `/api/plans/${planId}/register`)).items;
    expect(rows.length).toBe(registerRows.length);
    const editedRow = rows.find((r) => String(r[1]).endsWith(editedText));
    expect(editedRow?.[4]).toBe("2024-06-30");
    expect(editedRow?.[5]).toBe("未开始");

    // The office edits the sheet (marks the task done) and imports it back: progress is recorded.
    const line = rows.indexOf(editedRow as unknown[]) + 2;
    if (ws) ws.getRow(line).getCell(6).value = "已完成";
    const edited = join(server.dir, "register-edited.xlsx");
    await wb.xlsx.writeFile(edited);
    await page.locator('input[type="file"][accept=".xlsx"]').setInputFiles(edited);
    await page.getByText("登记进展 1 项").waitFor();
    await register.expand(row);
    await expect.poll(() => row.innerText()).toContain("已完成");
    const after = (await get<{ items: RegisterRow[] }>(page, `/api/plans/${planId}/register`)).items;
    expect(after.find((r) => r.taskId === editedTaskId)).toMatchObject({ status: "done", overdue: false });
  });

  it("shows dashboard counts that match the API", async () => {
    const dashboard = new DashboardPage(page, server.url);
    await dashboard.open(planId);
    const rows = (await get<{ items: RegisterRow[] }>(page, `/api/plans/${planId}/register`)).items.filter(
      (r) => r.reviewStatus !== "rejected",
    );
    expect(await dashboard.stat("tasks")).toBe(rows.length);
    expect(await dashboard.stat("not_started")).toBe(rows.filter((r) => r.status === "not_started").length);
    expect(await dashboard.stat("overdue")).toBe(rows.filter((r) => r.overdue).length);
    await page.getByTestId("chart-gantt").waitFor();
    await page.waitForTimeout(600);
    await screenshot(page, "07-dashboard");
    await page.getByTestId("chart-gantt").scrollIntoViewIfNeeded();
    await page.waitForTimeout(300);
    await screenshot(page, "08-dashboard-gantt");
    await page.goto(`${server.url}/plans/${planId}/targets`);
    await page.getByTestId("targets-table").locator("tr[data-row-key]").first().waitFor();
    await screenshot(page, "09-targets");
  });

  it("shows each target's linked indicator and its attainment at an org unit, as the monitoring API computes it", async () => {
    // An org unit to measure at (as a planner would create one); the status is computed on read.
    const planner = (await server.services.users.list({ page: 1, pageSize: 10 }, "zhang")).items[0];
    const created = await server.services.orgUnits.create(planner?.id ?? "", {
      name: "某某市",
      level: "city",
      parentId: null,
      code: null,
    });
    // A planner confirms one target's indicator (the seed's targets match none of the starter catalogue).
    const [indicator] = (
      await get<{ items: Array<{ id: string; name: string }> }>(page, "/api/indicators?pageSize=1")
    ).items;
    const [target] = (await get<{ items: ApiTask[] }>(page, `/api/plans/${planId}/targets?pageSize=1`)).items;
    const linked = await page.evaluate(
      async ([url, body]) => {
        const me = (await fetch("/api/auth/me").then((r) => r.json())) as { csrfToken: string };
        const res = await fetch(url, {
          method: "PUT",
          headers: { "content-type": "application/json", "x-csrf-token": me.csrfToken },
          body,
        });
        return res.status;
      },
      [
        `/api/plans/${planId}/targets/${target?.id}/indicator`,
        JSON.stringify({ version: target?.version, indicatorId: indicator?.id }),
      ] as const,
    );
    expect(linked).toBe(200);
    const plan = await get<{ year: number }>(page, `/api/plans/${planId}`);
    const status = (
      await get<{ items: Array<{ targetId: string; indicatorName: string; label: string }> }>(
        page,
        `/api/plans/${planId}/targets/status?orgUnit=${created.id}&period=${plan.year}`,
      )
    ).items;
    await page.goto(`${server.url}/plans/${planId}/targets`);
    const table = page.getByTestId("targets-table");
    await table.locator("tr[data-row-key]").first().waitFor();
    expect(status.map((x) => [x.targetId, x.indicatorName])).toEqual([[target?.id, indicator?.name]]);
    await expect.poll(() => table.getByTestId("attainment").count()).toBe(status.length);
    for (const s of status) {
      const row = table.locator(`tr[data-row-key="${s.targetId}"]`);
      expect(await row.getByTestId("attainment").innerText()).toBe(s.label);
      expect(await row.getByTestId("indicator-cell").innerText()).toContain(s.indicatorName);
    }
    await screenshot(page, "09b-targets-attainment");
    // The dashboard counts the same attainment for the plan's area and says when it was computed.
    const dashboard = new DashboardPage(page, server.url);
    await dashboard.open(planId);
    await page.getByTestId("chart-attainment").waitFor();
    expect(await page.getByTestId("attainment-computed-at").innerText()).toMatch(/计算于/);
    await screenshot(page, "09c-dashboard-attainment");
  });

  it("lets a reporter report only on its own unit's tasks, with no import or review controls", async () => {
    const rows = (await get<{ items: RegisterRow[] }>(page, `/api/plans/${planId}/register`)).items;
    const mine = rows.find((r) => r.taskId === editedTaskId)?.leadUnits[0];
    expect(mine?.id).toBe(leadUnitId);
    expect(rows.some((r) => r.leadUnits.length > 0 && r.leadUnits.every((u) => u.id !== leadUnitId))).toBe(
      true,
    );
    await server.addUser("li", "李填报", ["reporter"], [mine?.id ?? ""]);
    const reporterContext = await browser.newContext({
      viewport: { width: 1440, height: 900 },
      locale: "zh-CN",
    });
    const rp = await reporterContext.newPage();
    const login = new LoginPage(rp, server.url);
    await login.open();
    await login.signIn("li", password);
    await rp.getByRole("heading", { name: "工作计划" }).waitFor();
    expect(await rp.getByTestId("import-card").count()).toBe(0);
    await rp.locator("tr[data-row-key]").first().waitFor();
    await screenshot(rp, "10-plans-reporter");

    const register = new RegisterPage(rp, server.url);
    await register.open(planId);
    expect(await rp.getByRole("menuitem", { name: "审核" }).count()).toBe(0);
    const shown = await register.rows().evaluateAll((trs) =>
      trs.map((tr) => ({
        id: tr.getAttribute("data-row-key") ?? "",
        canReport: !!tr.querySelector("[data-testid=report-progress]"),
      })),
    );
    expect(shown.length).toBeGreaterThan(0);
    const ours = (id: string) => {
      const r = rows.find((x) => x.taskId === id);
      return !!r && [...r.leadUnits, ...r.partnerUnits].some((u) => u.id === mine?.id);
    };
    for (const s of shown) expect(s.canReport, s.id).toBe(ours(s.id));
    expect(shown.some((s) => s.canReport)).toBe(true);
    expect(shown.some((s) => !s.canReport)).toBe(true);

    // Report progress on one of ours: the register shows it.
    const target = shown.find((s) => s.canReport)?.id ?? "";
    await register.row(target).getByTestId("report-progress").click();
    const dialog = rp.getByRole("dialog");
    const statusSelect = dialog.locator(".ant-select").nth(1);
    await expect
      .poll(async () => {
        await statusSelect.click();
        await rp.locator(".ant-select-dropdown:visible").getByText("推进中", { exact: true }).click();
        return statusSelect.innerText();
      })
      .toBe("推进中");
    await dialog.getByRole("textbox").fill("已完成方案制定，正在推进");
    await dialog.getByRole("button", { name: /提\s*交/ }).click();
    await dialog.waitFor({ state: "hidden" });
    await expect.poll(() => register.row(target).innerText()).toContain("推进中");
    await screenshot(rp, "11-register-reporter");
    // The review route is closed to reporters by the API as well.
    const denied = await rp.evaluate(
      (u) =>
        fetch(u, { method: "PATCH", headers: { "content-type": "application/json" }, body: "{}" }).then(
          (r) => r.status,
        ),
      `/api/plans/${planId}/tasks/${target}`,
    );
    expect(denied).toBe(403);
    await reporterContext.close();
  });

  it("lets admins manage units and users", async () => {
    const admin = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: "zh-CN" });
    const ap = await admin.newPage();
    const login = new LoginPage(ap, server.url);
    await login.open();
    await login.signIn("admin", password);
    await ap.goto(`${server.url}/admin/units`);
    await ap.locator("tr[data-row-key]").first().waitFor();
    await screenshot(ap, "12-units");
    // Two spellings of one unit: merge the first into the second; its name lives on as an alias.
    const [from, into] = (await server.services.units.list({}, { page: 1, pageSize: 2 })).items;
    await ap.locator(`tr[data-row-key="${from?.id}"]`).getByRole("button", { name: "合并到…" }).click();
    const mergeDialog = ap.getByRole("dialog");
    await expect
      .poll(async () => {
        await mergeDialog.locator(".ant-select").click();
        await ap
          .locator(".ant-select-dropdown:visible")
          .getByText(into?.name ?? "", { exact: true })
          .click();
        return mergeDialog.locator(".ant-select").innerText();
      })
      .toBe(into?.name);
    await mergeDialog.getByRole("button", { name: /确\s*定|OK/ }).click();
    await ap.locator(`tr[data-row-key="${from?.id}"]`).waitFor({ state: "detached" });
    expect((await server.services.units.get(into?.id ?? "")).aliases).toContain(from?.name);
    await ap.goto(`${server.url}/admin/users`);
    await ap.getByText("李填报").waitFor();
    // A new account gets a one-time password, shown once, and must set its own at first sign-in.
    await ap.getByRole("button", { name: "新增用户" }).click();
    const dialog = ap.getByRole("dialog");
    await dialog.getByLabel("用户名").fill("wang");
    await dialog.getByLabel("姓名").fill("王查看");
    await dialog.getByRole("button", { name: /确\s*定|OK/ }).click();
    const otp = (await ap.locator(".ant-modal-confirm code").innerText()).trim();
    expect(otp).toMatch(/^\S{12,}$/);
    await ap.locator(".ant-modal-confirm").getByRole("button", { name: "知道了" }).click();
    await ap.getByText("王查看").waitFor();
    await screenshot(ap, "13-users");

    const viewer = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: "zh-CN" });
    const vp = await viewer.newPage();
    const viewerLogin = new LoginPage(vp, server.url);
    await viewerLogin.open();
    await viewerLogin.signIn("wang", otp);
    const change = vp.getByRole("dialog");
    await change.getByText("一次性密码").waitFor();
    await change.getByLabel("当前密码").fill(otp);
    await change.getByLabel(/^新密码/).fill("a-new-password-1");
    await change.getByLabel("再次输入新密码").fill("a-new-password-1");
    await change.getByRole("button", { name: /确\s*定|OK/ }).click();
    await change.waitFor({ state: "hidden" });
    expect(await vp.getByTestId("import-card").count()).toBe(0);
    await viewer.close();
    await ap.getByTestId("lang-switch").click();
    await ap.getByRole("heading", { name: "Users" }).waitFor();
    await screenshot(ap, "14-users-en");
    await admin.close();
  });

  it("lets an admin build the org unit tree and read the audit log with its before/after; a planner sees neither", async () => {
    const admin = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: "zh-CN" });
    const ap = await admin.newPage();
    const login = new LoginPage(ap, server.url);
    await login.open();
    await login.signIn("admin", password);
    await ap.getByRole("link", { name: "组织机构" }).click();
    await ap.getByTestId("org-tree").waitFor();
    const addNode = async (name: string, code: string) => {
      const dialog = ap.getByRole("dialog");
      await dialog.getByTestId("org-name").fill(name);
      await dialog.getByLabel(/代码/).fill(code);
      await dialog.getByRole("button", { name: /确\s*定|OK/ }).click();
      await dialog.waitFor({ state: "hidden" });
      await ap.getByTestId("org-node").filter({ hasText: name }).waitFor();
    };
    await ap.getByTestId("org-add-root").click();
    await addNode("某某市卫生健康委员会", "3301");
    // The new node is selected: add a county under it.
    await ap.getByTestId("org-add-child").click();
    await addNode("某某区卫生健康局", "330102");
    const tree = (
      await get<{ items: Array<{ name: string; children: Array<{ name: string; level: string }> }> }>(
        ap,
        "/api/org-units",
      )
    ).items;
    const city = tree.find((n) => n.name === "某某市卫生健康委员会");
    expect(city?.children).toEqual([expect.objectContaining({ name: "某某区卫生健康局", level: "county" })]);
    // Rename the county: the audit log shows the change field by field.
    await ap.getByTestId("org-edit").click();
    const dialog = ap.getByRole("dialog");
    await dialog.getByTestId("org-name").fill("某某区卫生健康局（更名）");
    await dialog.getByRole("button", { name: /确\s*定|OK/ }).click();
    await dialog.waitFor({ state: "hidden" });
    await screenshot(ap, "15-org-units");

    await ap.getByRole("link", { name: "审计日志" }).click();
    await ap.getByTestId("audit-table").locator("tr[data-row-key]").first().waitFor();
    await ap.getByTestId("audit-entity").click();
    await ap.locator(".ant-select-dropdown:visible").getByText("组织机构", { exact: true }).click();
    const rows = ap.getByTestId("audit-table").locator("tr[data-row-key]");
    // Three changes here, and the org unit the targets step created.
    await expect.poll(() => rows.count()).toBe(4);
    expect(await rows.first().innerText()).toContain("orgUnit.update");
    await rows.first().locator(".ant-table-row-expand-icon").click();
    const diff = ap.getByTestId("audit-diff");
    await diff.waitFor();
    const changed = diff.locator("tr.diff-changed");
    expect(await changed.first().innerText()).toContain("某某区卫生健康局（更名）");
    await screenshot(ap, "16-audit-log");
    await admin.close();

    // A planner has neither screen in the menu, and a typed address leads home.
    const planner = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: "zh-CN" });
    const pp = await planner.newPage();
    const plannerLogin = new LoginPage(pp, server.url);
    await plannerLogin.open();
    await plannerLogin.signIn("zhang", password);
    await pp.getByRole("link", { name: "单位管理" }).waitFor();
    expect(await pp.getByRole("link", { name: "组织机构" }).count()).toBe(0);
    expect(await pp.getByRole("link", { name: "审计日志" }).count()).toBe(0);
    await pp.goto(`${server.url}/admin/audit`);
    await pp.waitForURL(`${server.url}/`);
    expect(await pp.getByTestId("audit-table").count()).toBe(0);
    await planner.close();
  });
});
