import type { Page } from "playwright-core";

export class LoginPage {
  constructor(
    private readonly page: Page,
    private readonly base: string,
  ) {}

  async open(): Promise<void> {
    await this.page.goto(`${this.base}/login`);
    await this.page.getByLabel("用户名").waitFor();
  }

  async signIn(username: string, password: string): Promise<void> {
    await this.page.getByLabel("用户名").fill(username);
    await this.page.getByLabel("密码").fill(password);
    await this.page.getByRole("button", { name: /登\s*录/ }).click();
    await this.page.waitForURL((u) => !u.pathname.startsWith("/login"));
  }

  error() {
    return this.page.getByTestId("login-error");
  }
}
