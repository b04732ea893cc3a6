/** The 考核与通报 page and the public page, as a user drives them. */
import type { Locator, Page } from "playwright-core";

/** Picks an option of an Ant Design select by its exact text (optionally typing it to filter first). */
async function pick(page: Page, select: Locator, label: string, type = false): Promise<void> {
  await select.click();
  if (type) await page.keyboard.type(label);
  await page
    .locator(".ant-select-dropdown:visible .ant-select-item-option")
    .filter({ hasText: new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\（）]/g, "\\$&")}$`) })
    .first()
    .click();
}

export class AssessmentPage {
  constructor(
    private readonly page: Page,
    private readonly base: string,
  ) {}

  async open(planId: string): Promise<void> {
    await this.page.goto(`${this.base}/plans/${planId}/assessment`);
    await this.page.getByRole("button", { name: "下载通报（Word）" }).waitFor();
  }

  /** By the option's label, as the user reads it: 2025年第1季度. */
  async choosePeriod(label: string): Promise<void> {
    await pick(this.page, this.page.getByTestId("period-select"), label);
  }

  async createScheme(name: string): Promise<void> {
    await this.page.getByTestId("new-scheme").click();
    const dialog = this.page.getByRole("dialog");
    await dialog.getByTestId("scheme-name").fill(name);
    await dialog.getByRole("button", { name: /新\s*建/ }).click();
    await dialog.waitFor({ state: "hidden" });
    await this.page.getByTestId("seed-items").waitFor();
  }

  async seedItems(): Promise<void> {
    await this.page.getByTestId("seed-items").click();
    await this.page.locator("[data-testid=scheme-items] tbody tr.ant-table-row").first().waitFor();
  }

  itemRows(): Locator {
    return this.page.locator("[data-testid=scheme-items] tbody tr.ant-table-row");
  }

  /** The units' rows of the scores table (not the rows of an opened point detail). */
  scoreRows(): Locator {
    return this.page.locator(
      "[data-testid=scores-table] tr.ant-table-row-level-0:not([data-testid=score-lines] tr)",
    );
  }

  /** Opens a unit's point detail; returns its lines' rows. */
  async expand(unitName: string): Promise<Locator> {
    const row = this.scoreRows().filter({ hasText: unitName });
    await row.locator(".ant-table-row-expand-icon").click();
    const lines = this.page.locator("[data-testid=score-lines] tbody tr.ant-table-row");
    await lines.first().waitFor();
    return lines;
  }

  /** Adds a bonus (加分) for an org unit with the form under the adjustments table. */
  async addBonus(unitName: string, points: number, reason: string): Promise<void> {
    const form = this.page.getByTestId("adjustment-form");
    await form.locator(".ant-select").first().click();
    await this.page
      .locator(".ant-select-dropdown:visible .ant-select-tree-node-content-wrapper")
      .filter({ hasText: new RegExp(`^${unitName}$`) })
      .first()
      .click();
    await form.getByPlaceholder("分值").fill(String(points));
    await form.getByPlaceholder("事由").fill(reason);
    await form.getByRole("button", { name: /添\s*加/ }).click();
    await this.page.locator("tr").filter({ hasText: reason }).first().waitFor();
  }

  /** A unit's total as the scores table shows it. */
  async total(unitName: string): Promise<number> {
    const cells = await this.scoreRows().filter({ hasText: unitName }).locator("td").allInnerTexts();
    return Number(cells.at(-2));
  }

  rankingChart(): Locator {
    return this.page.getByTestId("ranking-chart");
  }

  /** Clicks 下载通报（Word） and returns the downloaded file's path. */
  async downloadWord(): Promise<string> {
    const [download] = await Promise.all([
      this.page.waitForEvent("download"),
      this.page.getByRole("button", { name: "下载通报（Word）" }).click(),
    ]);
    return (await download.path()) ?? "";
  }

  async publish(metrics: readonly string[]): Promise<void> {
    const select = this.page.getByTestId("public-targets");
    for (const m of metrics) await pick(this.page, select, m, true);
    await this.page.keyboard.press("Escape");
    await this.page.getByTestId("public-save").click();
    await this.page.getByTestId("public-link").waitFor();
  }
}

export class PublicPlanPage {
  constructor(
    private readonly page: Page,
    private readonly base: string,
  ) {}

  async open(planId: string): Promise<void> {
    await this.page.goto(`${this.base}/public/plans/${planId}`);
    await this.page.locator("[data-testid=public-items], .public-note").first().waitFor();
  }

  items(): Locator {
    return this.page.getByTestId("public-item");
  }
}
