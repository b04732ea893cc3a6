/**
 * Issue 5's "done when", in Chromium against the real server: a planner imports seed 003, opens its
 * 要点三 plan, confirms the indicators two of its targets are linked to, makes them quarterly and assigns
 * them to two county health bureaus; the two counties' reporters (each its own browser session) fill the
 * 2025Q1 form — one in the grid (a cell the API rejects, its Chinese message read), the other through the
 * Excel template (filled here with exceljs) — and submit; the planner returns one value with a reason, the
 * reporter corrects and resubmits, the planner approves both; the targets page shows the city's rolled-up
 * figures and status; the Word bulletin for 2025Q1 carries the entered figures and the narrative.
 * Accounts, org units and the reporters' org-unit bindings are set up through the API (no screen binds a
 * reporter to an org unit); everything else goes through the screens. Each screen is saved for a look.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { unzipSync, strFromU8 } from "fflate";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launch, screenshot } from "./browser.js";
import { AssessmentPage } from "./page-models/assessment.page.js";
import { LoginPage } from "./page-models/login.page.js";
import { PlansPage } from "./page-models/plans.page.js";
import {
  choose,
  field,
  IndicatorsPage,
  ReportingPage,
  SubmissionsPage,
} from "./page-models/reporting.page.js";
import { password, repoRoot, startServer, type TestServer } from "./server.js";

const seedDir = join(repoRoot, "../shared/seeds");
const seed003 = join(seedDir, readdirSync(seedDir).find((f) => f.startsWith("003_")) ?? "003");
const PERIOD = "2025Q1";
const PERIOD_LABEL = "2025年第1季度";
const LITERACY = "HEALTH_LITERACY";
const TB = "TB_INCIDENCE";
const east = { unit: "东城区卫生健康局", org: "东城区", user: "li", name: "李晓梅" };
const west = { unit: "西林县卫生健康局", org: "西林县", user: "wang", name: "王建国" };

/** Figures the two counties report for 2025Q1 (numerator / denominator). */
const figures = {
  // East first reports a registered-population denominator for TB; the reviewer sends it back.
  east: { literacy: [428, 1000], tb: [19, 598_000], tbFirstDenominator: 612_000 },
  west: { literacy: [371, 960], tb: [24, 455_000] },
} as const;

interface Target {
  id: string;
  metric: string;
  indicatorId: string | null;
  link: { status: string; candidates: Array<{ indicatorId: string | null; name: string }> } | null;
}

/** A signed-in JSON client for the fixture (accounts and org units only). */
async function client(base: string, username: string) {
  const res = await fetch(`${base}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password }),
  });
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return async <T>(method: string, url: string, body?: unknown): Promise<T> => {
    const r = await fetch(`${base}${url}`, {
      method,
      headers: {
        cookie,
        "x-csrf-token": csrfToken,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const data = (await r.json().catch(() => null)) as T;
    if (!r.ok) throw new Error(`${method} ${url}: ${r.status} ${JSON.stringify(data)}`);
    return data;
  };
}

/** GET through a signed-in page, as the web app itself would. */
function get<T>(page: Page, url: string): Promise<T> {
  return page.evaluate((u) => fetch(u).then((r) => r.json()), url) as Promise<T>;
}

describe("reporting in the browser: seed 003 要点三 from import to the 2025Q1 bulletin", () => {
  let server: TestServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const pages = new Map<string, Page>();
  let planner: Page;
  let planId = "";
  let cityId = "";
  const linked: Record<string, Target> = {};

  async function signedIn(username: string): Promise<Page> {
    const context = await browser.newContext({
      viewport: { width: 1440, height: 900 },
      locale: "zh-CN",
      acceptDownloads: true,
    });
    contexts.push(context);
    const page = await context.newPage();
    const login = new LoginPage(page, server.url);
    await login.open();
    await login.signIn(username, password);
    pages.set(username, page);
    return page;
  }

  beforeAll(async () => {
    server = await startServer();
    await server.addUser("admin", "系统管理员", ["admin"]);
    await server.addUser("zhang", "张科长", ["planner"]);
    browser = await launch();
    planner = await signedIn("zhang");
  }, 120_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
  });

  it("an admin builds the city and its two counties in 组织机构; reporters are bound to them", async () => {
    const ap = await signedIn("admin");
    await ap.getByRole("link", { name: "组织机构" }).click();
    await ap.getByTestId("org-tree").waitFor();
    const addNode = async (name: string) => {
      const dialog = ap.getByRole("dialog");
      await dialog.getByTestId("org-name").fill(name);
      await dialog.getByRole("button", { name: /确\s*定|OK/ }).click();
      await dialog.waitFor({ state: "hidden" });
      await ap.getByTestId("org-node").filter({ hasText: name }).first().waitFor();
    };
    await ap.getByTestId("org-add-root").click();
    await addNode("xx市");
    // Counties go under the city (the level defaults to county).
    for (const r of [east, west]) {
      // A node is selected once added (a click on the selected one would unselect it).
      if (r === west) await ap.getByTestId("org-node").filter({ hasText: "xx市" }).first().click();
      await ap.getByTestId("org-add-child").click();
      await addNode(r.org);
    }
    const tree = (
      await get<{
        items: Array<{
          id: string;
          name: string;
          children: Array<{ id: string; name: string; level: string }>;
        }>;
      }>(ap, "/api/org-units")
    ).items;
    const city = tree.find((n) => n.name === "xx市");
    expect(city?.children.map((c) => [c.name, c.level])).toEqual([
      [east.org, "county"],
      [west.org, "county"],
    ]);
    cityId = city?.id ?? "";
    await screenshot(ap, "r00-org-units");

    // No screen binds a reporter to its org units: the accounts are set up through the API.
    const admin = await client(server.url, "admin");
    for (const r of [east, west]) {
      const unit = await admin<{ id: string }>("POST", "/api/units", { name: r.unit });
      const userId = await server.addUser(r.user, r.name, ["reporter"], [unit.id]);
      const org = city?.children.find((c) => c.name === r.org);
      await admin("PUT", `/api/users/${userId}/org-units`, { orgUnitIds: [org?.id] });
    }
  });

  it("imports seed 003 and opens its 要点三 plan from the plan list", async () => {
    const plans = new PlansPage(planner, server.url);
    await plans.open();
    await plans.importDocument(seed003);
    // The document holds five plans of one title; 要点三 is the one whose text holds that heading.
    const list = (
      await get<{ items: Array<{ id: string; start: number; end: number }> }>(
        planner,
        "/api/plans?pageSize=50",
      )
    ).items;
    const text = (await get<{ text: string }>(planner, `/api/plans/${list[0]?.id}/text`)).text;
    const heading = text.indexOf("工作要点三");
    expect(heading).toBeGreaterThan(0);
    const third = list.find((p) => p.start <= heading && heading < p.end);
    planId = third?.id ?? "";
    expect(planId).toMatch(/^[0-9a-f-]{36}$/);
    await plans.open();
    await planner.locator(`tr[data-row-key="${planId}"] a`).first().click();
    await planner.waitForURL(new RegExp(`/plans/${planId}/`));
    await screenshot(planner, "r01-plan-opened");
  });

  it("confirms the indicators of two targets with real figures and sets them to quarterly reporting", async () => {
    const page = planner;
    const indicators = new IndicatorsPage(page, server.url);
    await page.getByRole("menuitem", { name: "指标关联" }).click();
    await page.getByTestId("links-confirmed").waitFor();
    await page.locator('[data-testid^="target-link-"]').first().waitFor();
    const targets = (await get<{ items: Target[] }>(page, `/api/plans/${planId}/targets?pageSize=200`)).items;
    const literacy = targets.find((t) => t.metric === "居民健康素养水平");
    const tb = targets.find((t) => t.metric.includes("结核病报告发病率"));
    expect(literacy?.link?.status).toBe("suggested");
    expect(tb?.link?.candidates[0]?.name).toBe("肺结核报告发病率");
    await screenshot(page, "r02-target-links");
    await indicators.confirmLink(literacy?.id ?? "");
    await indicators.confirmLink(tb?.id ?? "");
    expect(await page.getByTestId("links-confirmed").innerText()).toMatch(/已确认 2 \//);
    const after = (await get<{ items: Target[] }>(page, `/api/plans/${planId}/targets?pageSize=200`)).items;
    for (const t of after.filter((x) => x.id === literacy?.id || x.id === tb?.id)) {
      expect(t.link?.status).toBe("confirmed");
      linked[t.id === literacy?.id ? LITERACY : TB] = t;
    }
    expect(Object.keys(linked).sort()).toEqual([LITERACY, TB]);

    await indicators.openCatalogue();
    await indicators.configure(LITERACY, "居民健康素养水平", {
      frequency: "季报",
      level: "县（市、区）",
      units: [east.unit, west.unit],
    });
    // TB figures come from the notifiable-disease system: due by the 20th of the next month.
    await indicators.configure(TB, "肺结核报告发病率", {
      frequency: "季报",
      level: "县（市、区）",
      units: [east.unit, west.unit],
      rule: { kind: "次月N日前", n: 20 },
    });
    expect(await page.getByTestId(`indicator-row-${TB}`).innerText()).toContain("次月20日前");
    const tbIndicator = await get<{ deadlineRule?: unknown; reporting?: { deadlineRule: unknown } }>(
      page,
      `/api/indicators/${linked[TB]?.indicatorId}`,
    );
    expect(tbIndicator.reporting?.deadlineRule ?? tbIndicator.deadlineRule).toEqual({
      kind: "day_of_next_month",
      day: 20,
    });
    const ind = await get<{ frequency?: string; reporting?: { frequency: string; unitIds: string[] } }>(
      page,
      `/api/indicators/${linked[LITERACY]?.indicatorId}`,
    );
    expect(ind.reporting?.frequency ?? ind.frequency).toBe("quarterly");
    const assigned = await page.getByTestId(`indicator-row-${TB}`).getByTestId("indicator-units").innerText();
    expect(assigned.split("、").sort()).toEqual([east.unit, west.unit].sort());
    await screenshot(page, "r03-catalogue-settings");
  });

  it("the first county enters its figures in the grid; a rejected cell shows the API's Chinese message", async () => {
    const page = await signedIn(east.user);
    const form = new ReportingPage(page, server.url);
    await page.getByRole("menuitem", { name: "数据填报" }).click();
    await page.getByTestId("open-form").waitFor();
    await form.openForm(PERIOD_LABEL);
    expect(await page.getByTestId("form-row").count()).toBe(2);
    // A literacy numerator above its denominator is refused, with the reason under the cell.
    await form.fillRatio(LITERACY, east.org, 1428, 1000, "国家居民健康素养监测问卷，常住人口15–69岁");
    await form.fillRatio(
      TB,
      east.org,
      figures.east.tb[0],
      figures.east.tbFirstDenominator,
      "传染病报告信息管理系统，按现住址",
    );
    await form.save();
    const error = form.row(LITERACY, east.org).getByTestId("cell-error");
    await error.waitFor();
    expect(await error.innerText()).toContain("分子（1428）不能大于分母（1000）");
    await screenshot(page, "r04-grid-rejected-cell");
    await form.fillRatio(LITERACY, east.org, figures.east.literacy[0], figures.east.literacy[1]);
    await form.save();
    await error.waitFor({ state: "detached" });
    await form.row(LITERACY, east.org).getByTestId("value-status").waitFor();
    // Evidence for the literacy value: the survey's summary sheet.
    await form
      .row(LITERACY, east.org)
      .locator('input[type="file"]')
      .setInputFiles({
        name: "健康素养监测汇总表.pdf",
        mimeType: "application/pdf",
        buffer: Buffer.from("%PDF-1.4 e2e"),
      });
    await form.row(LITERACY, east.org).getByTestId("evidence-link").waitFor();
    await screenshot(page, "r05-grid-saved");
    await form.submit();
    expect(await form.status()).toBe("已提交");
  });

  it("the second county fills the downloaded Excel template; a bad cell is named, the good file imported", async () => {
    const page = await signedIn(west.user);
    const form = new ReportingPage(page, server.url);
    await form.open();
    await form.openForm(PERIOD_LABEL);
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByTestId("template-download").click(),
    ]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile((await download.path()) ?? "");
    const sheet = workbook.worksheets[0];
    if (!sheet) throw new Error("the template has no sheet");
    // The template's own headers say where each figure goes.
    let header = 0;
    const col: Record<string, number> = {};
    sheet.eachRow((row, n) => {
      if (header) return;
      row.eachCell((cell, c) => {
        const h = String(cell.value ?? "");
        if (/分子/.test(h)) col.numerator = c;
        else if (/分母/.test(h)) col.denominator = c;
        else if (/口径/.test(h)) col.definition = c;
        else if (/编码|代码/.test(h) && /指标/.test(h)) col.code = c;
      });
      if (col.numerator && col.denominator) header = n;
    });
    expect(header).toBeGreaterThan(0);
    let filled = 0;
    let literacyRow = 0;
    sheet.eachRow((row, n) => {
      if (n <= header) return;
      const text = (row.values as unknown[]).map((v) => String(v ?? "")).join("|");
      const f =
        text.includes(LITERACY) || text.includes("居民健康素养水平")
          ? figures.west.literacy
          : text.includes(TB) || text.includes("肺结核报告发病率")
            ? figures.west.tb
            : null;
      if (!f) return;
      if (f === figures.west.literacy) literacyRow = n;
      row.getCell(col.numerator ?? 0).value = f[0];
      row.getCell(col.denominator ?? 0).value = f[1];
      if (col.definition) row.getCell(col.definition).value = "县疾控中心季度汇总";
      filled++;
    });
    expect(filled).toBe(2);
    const input = page.locator('[data-testid=reporting-form] .ant-card-extra input[type="file"]');
    const send = async () =>
      input.setInputFiles({
        name: "西林县-2025Q1.xlsx",
        mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        buffer: Buffer.from(await workbook.xlsx.writeBuffer()),
      });

    // A mistyped numerator (1371 of 960 surveyed): nothing is imported and the message names its cell.
    const numeratorCell = sheet.getRow(literacyRow).getCell(col.numerator ?? 0);
    numeratorCell.value = 1371;
    await send();
    const fileErrors = page.getByTestId("template-errors");
    await fileErrors.waitFor();
    expect(await fileErrors.innerText()).toContain(`第${literacyRow}行`);
    expect(await fileErrors.innerText()).toContain("分子（1371）不能大于分母（960）");
    expect(await page.getByTestId("value-status").count()).toBe(0);
    await screenshot(page, "r06a-template-rejected");

    numeratorCell.value = figures.west.literacy[0];
    await send();
    await fileErrors.waitFor({ state: "detached" });
    await expect.poll(() => form.row(LITERACY, west.org).getByTestId("value-status").count()).toBe(1);
    expect(await form.row(TB, west.org).getByTestId("cell-computed").innerText()).toContain(
      String(Number(((figures.west.tb[0] / figures.west.tb[1]) * 100_000).toFixed(4))).slice(0, 4),
    );
    await screenshot(page, "r06-template-uploaded");
    await form.submit();
  });

  it("the planner returns one value with a reason; the county corrects it and resubmits", async () => {
    const review = new SubmissionsPage(planner, server.url);
    await planner.getByRole("menuitem", { name: "填报审核" }).click();
    await planner.getByTestId("submissions-page").waitFor();
    await review.review(east.unit);
    await screenshot(planner, "r07-review-submitted");
    const reason = "肺结核报告发病率的分母应为辖区常住人口数，请核对后重报";
    await review.returnValue(TB, east.org, reason);
    expect(await planner.getByTestId("stat-returned").innerText()).toContain("1");
    await screenshot(planner, "r08-review-value-returned");

    const page = pages.get(east.user) as Page;
    const form = new ReportingPage(page, server.url);
    await page.reload();
    await page.getByTestId("reporting-form").waitFor();
    const returned = form.row(TB, east.org);
    // After a reload the choosers show the form on screen.
    await expect.poll(() => page.getByTestId("period-select").innerText()).toContain(PERIOD_LABEL);
    expect(await returned.getByTestId("return-reason").innerText()).toContain(reason);
    // The approved-in-waiting literacy value stays as it was; the returned one is open again.
    await screenshot(page, "r09-grid-returned");
    await form.fillRatio(TB, east.org, figures.east.tb[0], figures.east.tb[1]);
    await form.save();
    await returned.getByTestId("value-status").filter({ hasText: "待审核" }).waitFor();
    await form.submit();
  });

  it("the planner approves both forms and the targets page shows the city's rolled-up status", async () => {
    const review = new SubmissionsPage(planner, server.url);
    await review.open();
    for (const unit of [east.unit, west.unit]) {
      await review.review(unit);
      await review.approve();
    }
    await screenshot(planner, "r10-review-approved");

    // Roll-up of the two counties: ratios from summed numerators and denominators, never averaged.
    const literacy =
      ((figures.east.literacy[0] + figures.west.literacy[0]) /
        (figures.east.literacy[1] + figures.west.literacy[1])) *
      100;
    const rollup = await get<{ value: number; children: Array<{ value: number | null }> }>(
      planner,
      `/api/indicators/${linked[LITERACY]?.indicatorId}/rollup?orgUnit=${cityId}&period=${PERIOD}`,
    );
    expect(rollup.value).toBeCloseTo(literacy, 6);

    await planner.goto(`${server.url}/plans/${planId}/targets`);
    await planner.getByTestId("targets-table").waitFor();
    const scope = planner.getByTestId("status-scope");
    await choose(planner, scope.locator(".ant-select").last(), PERIOD);
    const row = planner.locator(`[data-testid=targets-table] tr[data-row-key="${linked[LITERACY]?.id}"]`);
    await expect.poll(() => row.innerText()).toContain(String(Number(literacy.toFixed(2))).slice(0, 4));
    const status = await get<{
      items: Array<{ targetId: string; status: string; latest: { value: number } | null }>;
    }>(planner, `/api/plans/${planId}/targets/status?orgUnit=${cityId}&period=${PERIOD}`);
    const lit = status.items.find((s) => s.targetId === linked[LITERACY]?.id);
    expect(lit?.latest?.value).toBeCloseTo(literacy, 6);
    // 799 / 1960 = 40.77% against 达40%以上, the plan's year over: achieved.
    expect(literacy).toBeGreaterThan(40);
    expect(lit?.status).toBe("achieved");
    expect(await row.getByTestId("attainment").innerText()).toBe("已达标");
    await row.scrollIntoViewIfNeeded();
    await planner.locator(".ant-select-dropdown:visible").waitFor({ state: "hidden" });
    await screenshot(planner, "r11-targets-status");
  });

  it("downloads the 2025Q1 Word bulletin; it carries the entered figures and the narrative", async () => {
    const assessment = new AssessmentPage(planner, server.url);
    await planner.getByRole("menuitem", { name: /考核与通报/ }).click();
    await assessment.open(planId);
    await assessment.choosePeriod(PERIOD_LABEL);
    await planner.locator(".ant-select-dropdown:visible").waitFor({ state: "hidden" });
    await screenshot(planner, "r12-assessment");
    const path = await assessment.downloadWord();
    const docx = unzipSync(readFileSync(path));
    const xml = strFromU8(docx["word/document.xml"] ?? new Uint8Array());
    const text = xml.replace(/<[^>]+>/g, "");
    // The entered figures, rolled up to the city as the bulletin's table shows them.
    const tb =
      ((figures.east.tb[0] + figures.west.tb[0]) / (figures.east.tb[1] + figures.west.tb[1])) * 100_000;
    const literacy =
      ((figures.east.literacy[0] + figures.west.literacy[0]) /
        (figures.east.literacy[1] + figures.west.literacy[1])) *
      100;
    expect(text).toContain(`居民健康素养水平不低于40%${literacy.toFixed(2)}%（2025年第一季度）已达标`);
    expect(text).toContain(`结核病报告发病率不高于32/10万${tb.toFixed(2)}/10万（2025年第一季度）已达标`);
    // The narrative written from those numbers.
    expect(text).toContain("关于2025年第一季度重点工作目标完成情况的通报");
    expect(text).toMatch(/纳入监测的\d+项指标中，2项已达标/);
    expect(text).toContain("已达标的指标是：居民健康素养水平、结核病报告发病率");
    expect(text).toContain("本期应报送2个单位，已报送2个");
  });
  it("reopening an approved form is recorded; the form then says how many values changed since approval", async () => {
    // Approved, the county's values are locked.
    const page = pages.get(east.user) as Page;
    const form = new ReportingPage(page, server.url);
    await page.reload();
    await page.getByTestId("reporting-form").waitFor();
    expect(await form.status()).toBe("已通过");
    expect(await field(form.row(LITERACY, east.org), "cell-numerator").isDisabled()).toBe(true);
    expect(await form.row(LITERACY, east.org).getByTestId("value-status").innerText()).toContain("已通过");

    const review = new SubmissionsPage(planner, server.url);
    await review.open();
    await choose(planner, planner.getByTestId("filter-status"), "已通过");
    await review.review(east.unit);
    await planner.getByTestId("reopen").click();
    await planner.getByTestId("reason-input").fill("市级复核发现健康素养监测样本量录入有误，重新打开更正");
    await planner.getByTestId("reason-ok").click();
    await planner
      .getByTestId("review-status")
      .filter({ hasText: /填报中|已退回/ })
      .waitFor();

    // The county sees why, corrects the literacy numerator; its screen also reads in English.
    await page.reload();
    await page.getByTestId("reporting-form").waitFor();
    expect(await page.getByTestId("reopen-note").innerText()).toContain("样本量录入有误");
    await form.fillRatio(LITERACY, east.org, 436, figures.east.literacy[1]);
    await form.save();
    await expect
      .poll(() => form.row(LITERACY, east.org).getByTestId("cell-computed").innerText())
      .toContain("43.6");
    await page.getByTestId("lang-switch").click();
    await page.getByRole("heading", { name: "Data reporting" }).waitFor();
    expect(await page.getByTestId("reporting-form").innerText()).toContain("Definition");
    await screenshot(page, "r13-grid-english");
    await page.getByTestId("lang-switch").click();
    await page.getByRole("heading", { name: "数据填报" }).waitFor();
    await form.submit();

    await review.open();
    await review.review(east.unit);
    expect(await planner.getByTestId("stat-changed").innerText()).toContain("1");
    expect(await planner.getByTestId("reopen-note").innerText()).toContain("样本量录入有误");
    await review.row(LITERACY, east.org).getByText("审核后修改").waitFor();
    expect(await review.row(TB, east.org).getByText("审核后修改").count()).toBe(0);
    await screenshot(planner, "r14-review-changed-since-approval");
    await review.approve();
    // The unlocking is in the audit log, with its reason.
    const audit = await get<{ items: Array<{ after: unknown }> }>(
      pages.get("admin") as Page,
      "/api/audit?action=submission.reopen&pageSize=10",
    );
    expect(JSON.stringify(audit.items)).toContain("样本量录入有误");
  });
  it("a sudden jump against the approved previous quarter is saved with a warning under its cell", async () => {
    const page = pages.get(east.user) as Page;
    const form = new ReportingPage(page, server.url);
    await form.open();
    await form.openForm("2025年第2季度");
    // 61 cases in 598,000 (10.2/10万) after 3.18/10万 in 2025Q1: more than a 50% change.
    await form.fillRatio(TB, east.org, 61, figures.east.tb[1]);
    await form.save();
    const warning = form.row(TB, east.org).getByTestId("cell-warning");
    await warning.waitFor();
    expect(await warning.innerText()).toMatch(/较上期（3\.1\d*）增长\d+(\.\d+)?%，请核实/);
    expect(await form.row(TB, east.org).getByTestId("value-status").innerText()).toContain("待审核");
    expect(await form.row(LITERACY, east.org).getByTestId("cell-warning").count()).toBe(0);
    await screenshot(page, "r15-grid-jump-warning");
  });
  it("the planner returns a whole form with a note, which the county reads on its form", async () => {
    const page = pages.get(east.user) as Page;
    const form = new ReportingPage(page, server.url);
    await form.fillRatio(LITERACY, east.org, 441, 1000);
    await form.submit();

    const review = new SubmissionsPage(planner, server.url);
    await review.open();
    await choose(planner, planner.getByTestId("filter-period"), "2025年第2季度", true);
    await review.review(east.unit);
    const note = "二季度数据尚未经县疾控中心审核，请审核盖章后重新报送";
    await planner.getByTestId("return-all").click();
    await planner.getByTestId("reason-input").fill(note);
    await planner.getByTestId("reason-ok").click();
    await planner.getByTestId("review-status").filter({ hasText: "已退回" }).waitFor();

    await page.reload();
    await page.getByTestId("reporting-form").waitFor();
    expect(await form.status()).toBe("已退回");
    expect(await page.getByTestId("returned-alert").innerText()).toContain(note);
    // Both values are open again.
    expect(await field(form.row(TB, east.org), "cell-numerator").isDisabled()).toBe(false);
    await screenshot(page, "r16-grid-form-returned");
  });
});
