import type { Locator, Page } from "playwright-core";

export class ReviewPage {
  constructor(private readonly page: Page) {}

  async ready(): Promise<void> {
    await this.page.getByTestId("doc-pane").waitFor();
    await this.cards().first().waitFor();
  }

  cards(): Locator {
    return this.page.getByTestId("item-card");
  }

  card(id: string): Locator {
    return this.page.locator(`[id$=":${id}"][data-testid="item-card"]`);
  }

  mark(key: string): Locator {
    return this.page.locator(`#m-${key.replace(":", "\\:")}`);
  }

  async tab(kind: "task" | "target" | "actual" | "section"): Promise<void> {
    await this.page.getByTestId(`tab-${kind}`).click();
  }

  async accept(card: Locator): Promise<void> {
    await card.getByTestId("accept").click();
    await card.getByText("已确认").waitFor();
  }

  async openEdit(card: Locator): Promise<Locator> {
    await card.getByTestId("edit").click();
    const dialog = this.page.getByRole("dialog");
    await dialog.waitFor();
    return dialog;
  }

  /** Selects the document text [start, end) as a user dragging the mouse would, then releases. */
  async selectText(start: number, end: number): Promise<void> {
    // Runs in the page (a string, so this file needs no DOM types): the text nodes carry their offsets.
    await this.page.evaluate(`(() => {
      const spans = [...document.querySelectorAll("[data-testid=doc-pane] span[data-o]")];
      const locate = (o) => {
        const span = spans.filter((x) => Number(x.dataset.o) <= o).at(-1);
        return { node: span.firstChild, offset: o - Number(span.dataset.o) };
      };
      const a = locate(${start});
      const b = locate(${end});
      const range = document.createRange();
      range.setStart(a.node, a.offset);
      range.setEnd(b.node, b.offset);
      const sel = window.getSelection();
      sel.removeAllRanges();
      sel.addRange(range);
      document.querySelector("[data-testid=doc-pane]").dispatchEvent(new MouseEvent("mouseup", { bubbles: true }));
    })()`);
  }

  /** Splits a task card at offsets within its quote, clicking the gaps as a user would. */
  async split(card: Locator, at: number[]): Promise<void> {
    await card.getByTestId("split").click();
    const dialog = this.page.getByRole("dialog");
    await dialog.getByTestId("split-text").waitFor();
    for (const o of at) await dialog.locator(`.split-gap[data-at="${o}"]`).click();
    await dialog.getByTestId("split-preview").waitFor();
    await dialog.getByTestId("split-save").click();
    await dialog.waitFor({ state: "hidden" });
  }

  /** Ticks the given task cards in merge mode and merges them. */
  async merge(cards: Locator[]): Promise<void> {
    await this.page.getByTestId("merge-mode").click();
    for (const c of cards) await c.locator(".ant-checkbox-input").check();
    await this.page.getByTestId("merge-selected").click();
    await this.page.getByTestId("merge-selected").waitFor({ state: "detached" });
  }

  async publish(): Promise<void> {
    await this.page.getByTestId("publish").click();
    await this.page.getByRole("button", { name: /确\s*定|OK/ }).click();
    await this.page.waitForURL(/\/register$/);
  }
}
