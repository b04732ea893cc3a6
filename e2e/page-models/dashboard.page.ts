import type { Page } from "playwright-core";

export class DashboardPage {
  constructor(
    private readonly page: Page,
    private readonly base: string,
  ) {}

  async open(planId: string): Promise<void> {
    await this.page.goto(`${this.base}/plans/${planId}/dashboard`);
    await this.page.getByTestId("chart-status").waitFor();
    await this.page.waitForFunction(
      `document.querySelector("[data-testid=stat-tasks] .ant-statistic-content-value")?.textContent !== "0"`,
    );
  }

  async stat(name: string): Promise<number> {
    const text = await this.page
      .locator(`[data-testid=stat-${name}] .ant-statistic-content-value`)
      .innerText();
    return Number(text.replace(/[^\d]/g, ""));
  }
}
