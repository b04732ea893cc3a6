/** Page models of the reporting screens: 指标库 (links and settings), 数据填报, 填报审核. */
import type { Locator, Page } from "playwright-core";

/** Picks an option of an Ant Design select by its visible label (typing first when it searches). */
export async function choose(page: Page, select: Locator, label: string, search = false): Promise<void> {
  await select.click();
  if (search) await page.keyboard.type(label);
  await page
    .locator(".ant-select-dropdown:visible .ant-select-item-option")
    .filter({ hasText: new RegExp(`^${label.replace(/[()（）[\]]/g, "\\$&")}$`) })
    .first()
    .click();
}

/** An InputNumber or Input found by its test id, whichever element carries it. */
export function field(scope: Locator, testId: string): Locator {
  return scope.locator(`input[data-testid=${testId}], [data-testid=${testId}] input`).first();
}

export class IndicatorsPage {
  constructor(
    private readonly page: Page,
    private readonly base: string,
  ) {}

  async openLinks(planId: string): Promise<void> {
    await this.page.goto(`${this.base}/plans/${planId}/indicators`);
    await this.page.getByTestId("links-confirmed").waitFor();
    await this.page.locator('[data-testid^="target-link-"]').first().waitFor();
  }

  linkRow(targetId: string): Locator {
    return this.page.getByTestId(`target-link-${targetId}`);
  }

  /** Confirms the suggested indicator of a target (or picks `indicatorName` first). */
  async confirmLink(targetId: string, indicatorName?: string): Promise<void> {
    const row = this.linkRow(targetId);
    if (indicatorName) await choose(this.page, row.getByTestId("link-select"), indicatorName, true);
    await row.getByTestId("link-confirm").click();
    await row.getByTestId("link-status").filter({ hasText: "已确认" }).waitFor();
  }

  async openCatalogue(): Promise<void> {
    await this.page.getByTestId("tab-catalogue").click();
    await this.page.getByTestId("indicator-search").waitFor();
  }

  /** Searches the catalogue and sets an indicator's reporting frequency, level and units. */
  async configure(
    code: string,
    name: string,
    settings: { frequency: string; level: string; units: string[]; rule?: { kind: string; n: number } },
  ): Promise<void> {
    const search = this.page.locator(
      "[data-testid=indicator-search] input, input[data-testid=indicator-search]",
    );
    await search.first().fill(name);
    await search.first().press("Enter");
    const row = this.page.getByTestId(`indicator-row-${code}`);
    await row.waitFor();
    await row.getByTestId("indicator-configure").click();
    const modal = this.page.locator(".ant-modal:visible");
    await modal.getByTestId("field-frequency").waitFor();
    await choose(this.page, modal.getByTestId("field-frequency"), settings.frequency);
    await choose(this.page, modal.getByTestId("field-level"), settings.level);
    if (settings.rule) {
      await choose(this.page, modal.getByTestId("field-rule-kind"), settings.rule.kind);
      await field(modal, "field-rule-number").fill(String(settings.rule.n));
    }
    for (const unit of settings.units) await choose(this.page, modal.getByTestId("field-units"), unit, true);
    await modal.locator(".ant-modal-title").click();
    await modal.getByTestId("reporting-save").click();
    await modal.waitFor({ state: "hidden" });
    await row.getByTestId("indicator-units").waitFor();
  }
}

export class ReportingPage {
  constructor(
    private readonly page: Page,
    private readonly base: string,
  ) {}

  async open(): Promise<void> {
    await this.page.goto(`${this.base}/reporting`);
    await this.page.getByTestId("open-form").waitFor();
  }

  /** Opens (or creates) the unit's form for a period, e.g. "2025年第1季度". */
  async openForm(periodLabel: string): Promise<void> {
    await choose(this.page, this.page.getByTestId("period-select"), periodLabel, true);
    await this.page.getByTestId("open-form").click();
    await this.page.getByTestId("reporting-form").waitFor();
    await this.page.getByTestId("form-row").first().waitFor();
  }

  /** The grid row of an indicator (by catalogue code) at an org unit. */
  row(code: string, orgUnit: string): Locator {
    return this.page.locator(`[data-testid=form-row][data-indicator="${code}"][data-org-unit="${orgUnit}"]`);
  }

  async fillRatio(
    code: string,
    orgUnit: string,
    numerator: number,
    denominator: number,
    definition?: string,
  ) {
    const row = this.row(code, orgUnit);
    await field(row, "cell-numerator").fill(String(numerator));
    await field(row, "cell-denominator").fill(String(denominator));
    if (definition !== undefined) await field(row, "cell-definition").fill(definition);
    // InputNumber commits on blur.
    await row.locator("td").first().click();
  }

  async save(): Promise<void> {
    await this.page.getByTestId("save").click();
  }

  status(): Promise<string> {
    return this.page.getByTestId("form-status").innerText();
  }

  async submit(): Promise<void> {
    await this.page.getByTestId("submit").click();
    await this.page.getByTestId("submit-confirm").click();
    await this.page.getByTestId("form-status").filter({ hasText: "已提交" }).waitFor();
  }
}

export class SubmissionsPage {
  constructor(
    private readonly page: Page,
    private readonly base: string,
  ) {}

  async open(): Promise<void> {
    await this.page.goto(`${this.base}/submissions`);
    await this.page.getByTestId("submissions-page").waitFor();
  }

  /** Opens the submitted form of a unit. */
  async review(unitName: string): Promise<void> {
    const row = this.page.locator(`[data-testid=submission-row][data-unit="${unitName}"]`).first();
    await row.waitFor();
    await row.getByTestId("submission-open").click();
    await this.page.getByTestId("review-form").waitFor();
    await this.page.getByTestId("review-row").first().waitFor();
  }

  row(code: string, orgUnit: string): Locator {
    return this.page.locator(
      `[data-testid=review-row][data-indicator="${code}"][data-org-unit="${orgUnit}"]`,
    );
  }

  async returnValue(code: string, orgUnit: string, reason: string): Promise<void> {
    await this.row(code, orgUnit).getByTestId("return-value").click();
    await this.page.getByTestId("reason-input").fill(reason);
    await this.page.getByTestId("reason-ok").click();
    await this.row(code, orgUnit).getByTestId("review-value-status").filter({ hasText: "已退回" }).waitFor();
  }

  async approve(): Promise<void> {
    await this.page.getByTestId("approve").click();
    await this.page.getByTestId("review-status").filter({ hasText: "已通过" }).waitFor();
  }
}
