import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generate } from 'otplib';
import type { Page } from 'playwright-core';

export const DEMO_PASSWORD = process.env.SGZ_DEMO_PASSWORD ?? 'Sgz@demo2026';

/**
 * The journeys' authenticator app: the secret read from the enrolment page, kept in a file per
 * server so that later journeys (another test file) can log the same administrator in again.
 * A code is never accepted twice, so a login in the same 30 seconds uses the next step's code
 * (within the server's tolerance) or waits for it.
 */
class Authenticator {
  constructor(private readonly baseUrl: string) {}

  private file(username: string): string {
    const dir = path.join(os.tmpdir(), 'sgz-e2e-totp', encodeURIComponent(this.baseUrl));
    fs.mkdirSync(dir, { recursive: true });
    return path.join(dir, `${username}.json`);
  }

  remember(username: string, secret: string): void {
    fs.writeFileSync(this.file(username), JSON.stringify({ secret, lastStep: 0 }));
  }

  async code(username: string): Promise<string> {
    const file = this.file(username);
    if (!fs.existsSync(file)) throw new Error(`no TOTP secret recorded for ${username} on ${this.baseUrl}`);
    const saved = JSON.parse(fs.readFileSync(file, 'utf8')) as { secret: string; lastStep: number };
    let step = Math.floor(Date.now() / 30_000);
    if (step <= saved.lastStep) step = saved.lastStep + 1;
    // More than one step ahead is outside the server's window: wait until it is not.
    while (step > Math.floor(Date.now() / 30_000) + 1) await new Promise((r) => setTimeout(r, 1000));
    fs.writeFileSync(file, JSON.stringify({ ...saved, lastStep: step }));
    return generate({ secret: saved.secret, epoch: step * 30 + 1 });
  }
}

export class LoginPage {
  constructor(private readonly page: Page) {}

  async goto(): Promise<void> {
    await this.page.goto('/login');
    await this.page.getByRole('button', { name: '登录', exact: true }).waitFor();
  }

  async fill(username: string, password: string): Promise<void> {
    await this.page.getByLabel('用户名', { exact: true }).fill(username);
    await this.page.getByLabel('密码', { exact: true }).fill(password);
  }

  /** Sends the form without waiting for where it leads (a forced password change, an error …). */
  async submit(username: string, password = DEMO_PASSWORD): Promise<void> {
    await this.fill(username, password);
    // A loading button (an earlier attempt still answering) ignores clicks and is named differently.
    await this.page.locator('form button[type="submit"]:not(.ant-btn-loading)').click();
  }

  /** Logs in (with the second factor where one is asked for) and waits until the signed-in frame is shown. */
  async login(username: string, password = DEMO_PASSWORD): Promise<void> {
    await this.submit(username, password);
    await this.secondFactor(username);
    await this.page.getByTestId('user-menu').waitFor();
  }

  /**
   * Enrols (first login: QR code, first code, recovery codes) or enters a code, if asked;
   * `shot` is called on the enrolment's two screens (for the journeys' screenshots).
   */
  async secondFactor(username: string, shot?: (step: 'totp-enrol' | 'totp-recovery-codes') => Promise<void>): Promise<void> {
    const menu = this.page.getByTestId('user-menu');
    const code = this.page.getByLabel('动态口令', { exact: true });
    await menu.or(code).first().waitFor();
    if (await menu.isVisible()) return;
    const authenticator = new Authenticator(new URL(this.page.url()).origin);
    const secret = this.page.getByTestId('totp-secret');
    if ((await secret.count()) > 0) {
      const text = (await secret.textContent()) ?? '';
      const found = /[A-Z2-7]{16,}/.exec(text)?.[0];
      if (!found) throw new Error(`no secret on the enrolment page: ${text}`);
      authenticator.remember(username, found);
      await this.page.getByRole('img', { name: '动态口令二维码' }).waitFor();
      await shot?.('totp-enrol');
      await code.fill(await authenticator.code(username));
      await this.page.getByRole('button', { name: '绑定并登录' }).click();
      await this.page.getByTestId('recovery-codes').waitFor();
      await shot?.('totp-recovery-codes');
      await this.page.getByRole('button', { name: '我已妥善保存，继续' }).click();
      return;
    }
    await code.fill(await authenticator.code(username));
    await this.page.getByRole('button', { name: '验证并登录' }).click();
  }
}
