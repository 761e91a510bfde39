import type { Locator, Page } from 'playwright-core';
import { chooseOption } from '../antd';

/** One client: profile, tabs (个案, 服务时间线, 转介, 访问记录) and 接案. */
export class ClientPage {
  constructor(private readonly page: Page) {}

  get name(): Locator {
    return this.page.getByTestId('client-name');
  }

  get idNumber(): Locator {
    return this.page.getByTestId('client-idNumber');
  }

  async tab(label: '个案' | '服务时间线' | '转介' | '访问记录'): Promise<void> {
    await this.page.getByRole('tab', { name: label, exact: true }).click();
  }

  /** 接案 from the 个案 tab; the new case opens. */
  async openCase(intakeNote: string): Promise<void> {
    await this.page.getByTestId('client-cases').getByRole('button', { name: '接案' }).click();
    const dialog = this.page.getByRole('dialog', { name: /^接案/ });
    await dialog.getByLabel('接案记录', { exact: true }).fill(intakeNote);
    await dialog.getByRole('button', { name: '接案' }).click();
    await this.page.waitForURL(/\/cases\/[0-9a-f-]{36}$/, { waitUntil: 'commit' });
  }

  get phone(): Locator {
    return this.page.getByTestId('client-phone');
  }

  /** 编辑: the drawer, open. */
  async openEditor(): Promise<Locator> {
    await this.page.getByRole('button', { name: '编辑', exact: true }).click();
    const drawer = this.page.getByRole('dialog', { name: '编辑服务对象档案' });
    await drawer.waitFor();
    return drawer;
  }

  /**
   * 编辑 in the drawer: the risk level, and optionally one more household member; the phone
   * fields are left empty (they keep the stored numbers). Waits until the drawer has closed.
   */
  async edit(change: { risk: '低' | '中' | '高'; member?: { name: string; relation: string; phone: string } }): Promise<void> {
    const drawer = await this.openEditor();
    // A button-style radio: its input is hidden, the label is what a finger presses.
    await drawer.locator('label.ant-radio-button-wrapper').filter({ hasText: new RegExp(`^${change.risk}$`) }).click();
    await drawer.locator('label.ant-radio-button-wrapper-checked').filter({ hasText: new RegExp(`^${change.risk}$`) }).waitFor();
    if (change.member) {
      const n = await drawer.locator('[data-testid^="household-"]').count();
      await drawer.getByRole('button', { name: '添加家庭成员' }).click();
      await drawer.getByLabel(`家庭成员${n + 1}姓名`, { exact: true }).fill(change.member.name);
      await drawer.getByLabel(`家庭成员${n + 1}关系`, { exact: true }).fill(change.member.relation);
      await drawer.getByLabel(`家庭成员${n + 1}电话`, { exact: true }).fill(change.member.phone);
    }
    await drawer.getByRole('button', { name: '保存', exact: true }).click();
    await this.page.getByText('服务对象档案已保存').waitFor();
    await drawer.waitFor({ state: 'detached' });
  }

  /** 查看完整 on the ID number, confirmed (the view is recorded, 留痕). */
  async revealIdNumber(): Promise<string> {
    await this.page.getByRole('button', { name: '查看完整身份证号' }).click();
    const confirm = this.page.locator('.ant-modal-confirm');
    await confirm.getByText('留痕').waitFor();
    await confirm.getByRole('button', { name: '确定' }).click();
    await this.page.getByRole('button', { name: '隐藏' }).first().waitFor();
    return this.idNumber.innerText();
  }

  /** 转介 from the 转介 tab: a partner found by name, the reason; today's date. */
  async refer(partner: string, reason: string): Promise<void> {
    await this.page.getByTestId('client-referrals').getByRole('button', { name: '转介' }).click();
    const dialog = this.page.getByRole('dialog', { name: '转介到资源链接单位' });
    await chooseOption(this.page, dialog, '接收单位', partner);
    await dialog.getByLabel('转介原因', { exact: true }).fill(reason);
    await dialog.getByRole('button', { name: '转介' }).click();
    await dialog.waitFor({ state: 'detached' });
  }

  async setReferralStatus(status: string): Promise<void> {
    await this.page.getByTestId('client-referrals').getByRole('button', { name: '更新状态' }).first().click();
    const dialog = this.page.getByRole('dialog', { name: /^更新转介状态/ });
    await chooseOption(this.page, dialog, '状态', status);
    await dialog.getByRole('button', { name: '保存' }).click();
    await dialog.waitFor({ state: 'detached' });
  }
}
