/** The 督查督办 page, its task drawer and action forms, and the header's notification bell. */
import type { Page } from "playwright-core";

export class SupervisionPage {
  constructor(
    private readonly page: Page,
    private readonly base: string,
  ) {}

  async open(planId: string): Promise<void> {
    await this.page.goto(`${this.base}/plans/${planId}/supervision`);
    await this.page.getByTestId("sv-counts").waitFor();
  }

  state(taskId: string) {
    return this.page.getByTestId(`sv-state-${taskId}`);
  }

  light(taskId: string) {
    return this.page.locator(`.ant-table [data-testid="sv-light-${taskId}"]`);
  }

  async openTask(taskId: string): Promise<void> {
    await this.page.getByTestId(`sv-open-${taskId}`).click();
    await this.drawerState().waitFor();
  }

  drawerState() {
    return this.page.getByTestId("sv-drawer-state");
  }

  drawerLight(taskId: string) {
    return this.page.locator(`.ant-drawer [data-testid="sv-light-${taskId}"]`);
  }

  /** The action buttons' labels (Ant Design spaces two-character labels: 办 结 → 办结). */
  async actions(): Promise<string[]> {
    const texts = await this.page.getByTestId("sv-actions").getByRole("button").allTextContents();
    return texts.map((t) => t.replace(/\s+/g, ""));
  }

  timeline() {
    return this.page.getByTestId("sv-timeline");
  }

  /** Clicks an action, fills its form (field name → value; true ticks a checkbox label) and submits it. */
  async act(action: string, fields: Record<string, string | true> = {}): Promise<void> {
    await this.page.getByTestId(`sv-action-${action}`).click();
    const dialog = this.page.locator(".ant-modal").last();
    await dialog.waitFor();
    for (const [name, value] of Object.entries(fields)) {
      if (value === true) await dialog.getByText(name).click();
      else await dialog.getByTestId(`sv-field-${name}`).fill(value);
    }
    await this.page.getByTestId("sv-submit").click();
    await dialog.waitFor({ state: "hidden" });
  }

  /** The bell's unread count (0 when no badge is shown). */
  async unread(): Promise<number> {
    const badge = this.page.getByTestId("notifications-count").locator(".ant-badge-count");
    if ((await badge.count()) === 0) return 0;
    return Number(await badge.getAttribute("title"));
  }

  async openBell() {
    await this.page.getByTestId("notifications-bell").click();
    const list = this.page.getByTestId("notifications-list");
    await list.waitFor();
    return list;
  }
}
