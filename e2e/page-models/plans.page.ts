import type { Page } from "playwright-core";

export class PlansPage {
  constructor(
    private readonly page: Page,
    private readonly base: string,
  ) {}

  async open(): Promise<void> {
    await this.page.goto(`${this.base}/`);
    await this.page.getByRole("heading", { name: "工作计划" }).waitFor();
  }

  importCard() {
    return this.page.getByTestId("import-card");
  }

  /** Drops a file on the drag-and-drop area (its hidden file input) and waits for the review screen. */
  async importDocument(path: string): Promise<string> {
    await this.page.locator('[data-testid="import-card"] input[type="file"]').setInputFiles(path);
    await this.page.waitForURL(/\/plans\/[0-9a-f-]+\/review$/, { timeout: 60_000 });
    return /\/plans\/([0-9a-f-]+)\/review/.exec(this.page.url())?.[1] ?? "";
  }
}
