/**
 * 考核与通报 in Chromium against the real server: seed 003's 要点三 plan (imported with the real extractor),
 * a city with two counties whose reporters' 2025Q1 figures are approved (set up through the API), then on
 * the screens a planner creates a scheme, seeds it from the plan, sees the two counties' scores, ranking
 * chart and point detail, downloads the Word bulletin (opened here) and publishes two targets; an anonymous
 * browser opens the public page and sees those two, and not a target left unpublished.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { strFromU8, unzipSync } from "fflate";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launch, screenshot } from "./browser.js";
import { AssessmentPage, PublicPlanPage } from "./page-models/assessment.page.js";
import { LoginPage } from "./page-models/login.page.js";
import { password, repoRoot, startServer, type TestServer } from "./server.js";

const seedDir = join(repoRoot, "../shared/seeds");
const seed003 = join(seedDir, readdirSync(seedDir).find((f) => f.startsWith("003_")) ?? "003");
const PERIOD = "2025Q1";

interface Target {
  id: string;
  metric: string;
  indicatorId: string | null;
}

/** A signed-in JSON client for the fixture. */
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

describe("考核与通报 and the public page in Chromium", () => {
  let server: TestServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let planner: Page;
  let planId = "";
  let literacy: Target | undefined;
  let tb: Target | undefined;
  let unpublished: Target | undefined;

  beforeAll(async () => {
    server = await startServer();
    const plannerId = await server.addUser("zhang", "张科长", ["planner"]);
    await server.addUser("admin", "系统管理员", ["admin"]);

    // the plan: seed 003 through the real extractor; 要点三 is the plan whose span holds that heading
    const imported = await server.services.imports.importDocument({
      bytes: readFileSync(seed003),
      fileName: "003.txt",
      userId: plannerId,
    });
    const admin = await client(server.url, "admin");
    for (const p of imported.plans) {
      const text = (await admin<{ text: string }>("GET", `/api/plans/${p.id}/text`)).text;
      const heading = text.indexOf("工作要点三");
      const plan = await admin<{ start: number; end: number }>("GET", `/api/plans/${p.id}`);
      if (heading >= plan.start && heading < plan.end) planId = p.id;
    }
    expect(planId).not.toBe("");
    const targets = (await admin<{ items: Target[] }>("GET", `/api/plans/${planId}/targets?pageSize=200`))
      .items;
    literacy = targets.find((t) => t.metric === "居民健康素养水平" && t.indicatorId);
    tb = targets.find((t) => t.metric.includes("结核病报告发病率") && t.indicatorId);
    unpublished = targets.find(
      (t) =>
        t.metric !== literacy?.metric &&
        !(tb?.metric ?? "").includes(t.metric) &&
        !t.metric.includes("结核") &&
        t.metric.length >= 4,
    );
    expect(literacy && tb && unpublished).toBeTruthy();

    // a city, two counties, a reporter for each; their 2025Q1 figures approved
    const org = (name: string, level: string, parentId: string | null) =>
      admin<{ id: string }>("POST", "/api/org-units", { name, level, parentId }).then((o) => o.id);
    const city = await org("xx市", "city", null);
    const counties = [
      { org: "东城区", unit: "东城区卫生健康局", user: "li", literacy: [428, 1000], tb: [19, 612_000] },
      { org: "西林县", unit: "西林县卫生健康局", user: "wang", literacy: [371, 960], tb: [24, 455_000] },
    ];
    for (const c of counties) {
      const orgId = await org(c.org, "county", city);
      const unit = await admin<{ id: string }>("POST", "/api/units", { name: c.unit });
      const userId = await server.addUser(c.user, c.user, ["reporter"], [unit.id]);
      await admin("PUT", `/api/users/${userId}/org-units`, { orgUnitIds: [orgId] });
      const reporter = await client(server.url, c.user);
      const sub = await reporter<{ id: string }>("POST", "/api/submissions", {
        unitId: unit.id,
        periodId: PERIOD,
      });
      for (const [t, [numerator, denominator]] of [
        [literacy, c.literacy],
        [tb, c.tb],
      ] as const)
        await reporter("POST", `/api/org-units/${orgId}/observations`, {
          indicatorId: t?.indicatorId,
          periodId: PERIOD,
          submissionId: sub.id,
          numerator,
          denominator,
        });
      await reporter("POST", `/api/submissions/${sub.id}/submit`, {});
      const plannerApi = await client(server.url, "zhang");
      await plannerApi("POST", `/api/submissions/${sub.id}/approve`, {});
    }

    browser = await launch();
    const context = await browser.newContext({
      viewport: { width: 1440, height: 900 },
      locale: "zh-CN",
      acceptDownloads: true,
    });
    contexts.push(context);
    planner = await context.newPage();
    const login = new LoginPage(planner, server.url);
    await login.open();
    await login.signIn("zhang", password);
  }, 180_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
  });

  it("reaches 考核与通报 from the plan's menu", async () => {
    await planner.goto(`${server.url}/plans/${planId}/targets`);
    await planner.getByRole("menuitem", { name: "考核与通报" }).click();
    await planner.waitForURL(new RegExp(`/plans/${planId}/assessment$`));
    for (const label of ["下载通报（Word）", "下载数据（Excel）", "打印版"])
      await planner.getByRole("button", { name: label }).waitFor();
  });

  it("creates a scheme, seeds it from the plan and shows the counties' scores, ranking and point detail", async () => {
    const page = new AssessmentPage(planner, server.url);
    await page.choosePeriod("2025年第1季度");
    await page.createScheme("2025年第一季度重点工作考核");
    await page.seedItems();
    expect(await page.itemRows().count()).toBeGreaterThan(2);
    const api = await client(server.url, "zhang");
    const schemes = await api<{ items: { id: string }[] }>("GET", `/api/plans/${planId}/assessments`);
    const scheme = await api<{ items: { itemId: string; weight: number }[] }>(
      "GET",
      `/api/assessments/${schemes.items[0]?.id}`,
    );
    // every linked target and every task, equal weights
    expect(scheme.items.map((i) => i.itemId)).toEqual(expect.arrayContaining([literacy?.id, tb?.id]));
    expect(new Set(scheme.items.map((i) => i.weight)).size).toBe(1);
    const items = scheme.items.length;

    await expect.poll(() => page.scoreRows().count()).toBe(2);
    const rows = (await page.scoreRows().allInnerTexts()).map((r) => r.trim());
    expect(rows.join("\n")).toContain("东城区");
    expect(rows.join("\n")).toContain("西林县");
    // rank first: 1 then 1 or 2 (ties share a rank)
    expect(rows[0]).toMatch(/^1\s/);
    expect(rows[1]).toMatch(/^[12]\s/);
    await page.rankingChart().locator("canvas").first().waitFor();
    const lines = await page.expand("东城区");
    expect(await lines.count()).toBe(items);
    // 东城区's literacy 428/1000 = 42.8% against 达40%以上: full marks, with the reason said
    expect(
      (await lines.filter({ hasText: "居民健康素养水平" }).first().innerText()).replace(/\s+/g, " "),
    ).toContain("已达标，得满分");
    await screenshot(planner, "d01-assessment-scores");

    // a bonus for 西林县 with its reason: its total rises by the points, and the reason is listed
    const before = await page.total("西林县");
    await page.addBonus("西林县", 5, "承办全市慢病管理现场会");
    await expect.poll(() => page.total("西林县")).toBeCloseTo(before + 5, 2);
  });

  it("downloads the Word bulletin with the approved figures, the narrative and the ranking", async () => {
    const page = new AssessmentPage(planner, server.url);
    const file = await page.downloadWord();
    const xml = strFromU8(unzipSync(readFileSync(file))["word/document.xml"] ?? new Uint8Array());
    const text = xml.replace(/<[^>]+>/g, "");
    expect(text).toContain("xx市卫生健康委关于2025年第一季度重点工作目标完成情况的通报");
    // (428 + 371) / (1000 + 960) = 40.77% at the city
    expect(text).toContain("40.77%");
    expect(text).toMatch(/\d+项指标中/);
    expect(text).toContain("综合考评情况");
    expect(text).toMatch(/东城区（\d+(\.\d+)?分）/);
  });

  it("publishes two targets; an anonymous browser sees them on the public page, and not the others", async () => {
    const page = new AssessmentPage(planner, server.url);
    await page.publish([literacy?.metric ?? "", tb?.metric ?? ""]);
    await screenshot(planner, "d02-public-published");

    const anonymous = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "zh-CN" });
    contexts.push(anonymous);
    const visitor = await anonymous.newPage();
    const scripts: Array<{ name: string; bytes: number }> = [];
    visitor.on("response", (r) => {
      if (r.url().endsWith(".js"))
        void r
          .body()
          .then((b) => scripts.push({ name: new URL(r.url()).pathname, bytes: b.length }))
          .catch(() => undefined);
    });
    const list = await visitor.goto(`${server.url}/public`);
    expect(list?.status()).toBe(200);
    await visitor.getByTestId("public-plans").locator("a").first().click();
    await visitor.waitForURL(new RegExp(`/public/plans/${planId}$`));
    const pub = new PublicPlanPage(visitor, server.url);
    await expect.poll(() => pub.items().count()).toBe(2);
    const texts = (await pub.items().allInnerTexts()).join("\n");
    expect(texts).toContain("居民健康素养水平");
    expect(texts).toContain("40.77%");
    expect(texts).toContain(tb?.metric ?? "—");
    expect(texts).not.toContain(unpublished?.metric ?? "—");
    await visitor.getByTestId("public-chart").first().locator("canvas").waitFor();
    // no sign-in screen and no app menu
    expect(visitor.url()).not.toContain("/login");
    expect(await visitor.locator(".ant-layout-sider").count()).toBe(0);
    await screenshot(visitor, "d03-public-page");
    // light: the app shell and the signed-in pages are not loaded
    const names = scripts.map((x) => x.name).join(" ");
    expect(names).not.toMatch(/\/(Shell|Assessment|Review|Plans|Login)-/);
    console.log(
      `public page scripts: ${scripts.length} files, ${Math.round(scripts.reduce((t, x) => t + x.bytes, 0) / 1024)} KiB`,
    );
  });
});
