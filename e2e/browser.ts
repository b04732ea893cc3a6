/** Debian's Chromium driven by playwright-core: no browser download, no sandbox (CI runs as root). */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { repoRoot } from "./server.js";

export const executablePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const screenshotDir = join(repoRoot, "test-output/screenshots");

export function launch(): Promise<Browser> {
  mkdirSync(screenshotDir, { recursive: true });
  return chromium.launch({
    executablePath,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-quic",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--lang=zh-CN",
    ],
  });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true });
  // A screen as the user sees it once settled: no loading overlay, charts drawn.
  await page
    .locator(".ant-spin-spinning")
    .first()
    .waitFor({ state: "detached", timeout: 10_000 })
    .catch(() => undefined);
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: false });
}
