import type { Download, Locator, Page } from "playwright-core";

export class RegisterPage {
  constructor(
    private readonly page: Page,
    private readonly base: string,
  ) {}

  async open(planId: string): Promise<void> {
    await this.page.goto(`${this.base}/plans/${planId}/register`);
    await this.ready();
  }

  async ready(): Promise<void> {
    await this.page.locator("[data-testid=register-table] tr[data-row-key]").first().waitFor();
  }

  row(taskId: string): Locator {
    return this.page.locator(`[data-testid=register-table] tr[data-row-key="${taskId}"]`);
  }

  /** Long task texts are folded to three lines: open one to read it whole. */
  async expand(row: Locator): Promise<void> {
    const more = row.getByText("展开");
    if ((await more.count()) > 0) await more.first().click();
  }

  rows(): Locator {
    return this.page.locator("[data-testid=register-table] tr[data-row-key]");
  }

  async export(): Promise<Download> {
    const [download] = await Promise.all([
      this.page.waitForEvent("download"),
      this.page.getByTestId("export-xlsx").click(),
    ]);
    return download;
  }
}
