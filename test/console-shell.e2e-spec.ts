import type { Browser, BrowserContext, Page } from 'playwright-core';
import request from 'supertest';
import { launchChromium, newStaffContext, PageProblems, signInThroughPage, signOutThroughPage } from './support/browser.js';
import { XINGQING_PATH } from './support/networks.js';
import { bearer, DEMO_ENV, signIn } from './support/staff.js';
import { TestNetwork } from './support/test-network.js';

// The console's frame in a real Chromium against a real township node: sign-in, a refused password,
// the forced first password change, the English switch, a session ended elsewhere, sign-out.
const TOWN = '640104100000';

describe('the staff console shell (Chromium against a township node)', () => {
  // Access tokens live 5 s here, so the page must refresh them as it goes (one refresh at a time: a refresh
  // token presented twice ends the session).
  const net = new TestNetwork(XINGQING_PATH, { ...DEMO_ENV, TONGBAN_ACCESS_TOKEN_TTL_SECONDS: '5' });
  const problems = new PageProblems();
  let browser: Browser;
  let ctx: BrowserContext;
  let page: Page;
  let url: string;

  beforeAll(async () => {
    await net.init();
    await net.start([TOWN]);
    url = net.url(TOWN);
    browser = await launchChromium();
    ctx = await newStaffContext(browser, problems);
    page = await ctx.newPage();
  }, 240000);

  afterAll(async () => {
    await browser?.close();
    await net.stop();
  });

  it('serves the console at / with the node named on the sign-in page, before anyone signs in', async () => {
    await page.goto(`${url}/`);
    await page.getByTestId('sign-in-node').getByText('掌政镇便民服务中心').waitFor();
    expect(page.url()).toContain('#/sign-in');
  });

  it('refuses a wrong password with the node\'s message, and signs a clerk in to the township menu', async () => {
    await page.getByLabel('账号').fill('clerk');
    await page.getByLabel('密码').fill('not-the-password-1');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await expect(page.getByTestId('sign-in-error').textContent()).resolves.toMatch(/登录名或密码错误/);

    await signInThroughPage(page, url, 'clerk');
    await expect(page.getByTestId('node-name').textContent()).resolves.toBe('掌政镇便民服务中心');
    await expect(page.getByTestId('user-menu').textContent()).resolves.toContain('乡镇窗口人员');
  });

  it('switches to English and back, and keeps the choice across a reload', async () => {
    await page.getByTestId('lang-switch').click();
    await expect(page.getByTestId('lang-switch').textContent()).resolves.toContain('中文');
    await expect(page.getByTestId('user-menu').textContent()).resolves.toContain('township clerk');
    await page.reload();
    await page.getByTestId('node-name').waitFor();
    await expect(page.getByTestId('user-menu').textContent()).resolves.toContain('township clerk');
    await page.getByTestId('lang-switch').click();
    await expect(page.getByTestId('user-menu').textContent()).resolves.toContain('乡镇窗口人员');
  });

  it('keeps the person signed in past the access token\'s life: the page refreshes it', async () => {
    await page.waitForTimeout(6000);
    await page.reload();
    await page.getByTestId('node-name').waitFor();
    await page.waitForTimeout(6000);
    await page.getByTestId('lang-switch').click();
    await page.reload();
    await expect(page.getByTestId('user-menu').textContent()).resolves.toContain('township clerk');
    await page.getByTestId('lang-switch').click();
    expect(page.url()).not.toContain('sign-in');
  });

  it('shows the sign-in page with an expiry notice when the session is ended elsewhere (a password reset)', async () => {
    const admin = await signIn(url, 'admin');
    const list = await request(url).get('/staff').query({ q: 'clerk' }).set(bearer(admin));
    const clerk = (list.body.items as Array<{ id: string; login: string }>).find((s) => s.login === 'clerk')!;
    const reset = await request(url).post(`/staff/${clerk.id}/password-reset`).set(bearer(admin)).send({ newPassword: 'Temporary-Pass-42' });
    expect(reset.status).toBe(200);

    await page.reload();
    await page.getByLabel('账号').waitFor();
    await page.getByText('登录已过期，请重新登录').waitFor();
  });

  it('makes a person whose password an administrator set change it first, then lets them in', async () => {
    await signInOnly(page, 'clerk', 'Temporary-Pass-42');
    await page.getByText('管理员为您设置了初始密码').waitFor();
    expect(page.url()).toContain('#/password');
    await page.getByLabel('当前密码').fill('Temporary-Pass-42');
    await page.getByLabel('新密码', { exact: true }).fill('Counter-Own-Pass-2026');
    await page.getByLabel('再次输入新密码').fill('Counter-Own-Pass-2026');
    await page.getByRole('button', { name: '修改密码' }).click();
    await page.getByTestId('node-name').waitFor();
    await expect(request(url).post('/auth/sign-in').send({ login: 'clerk', password: 'Counter-Own-Pass-2026' }).then((r) => r.status)).resolves.toBe(200);
  });

  it('signs out: the page returns to sign-in and the old session no longer opens the frame', async () => {
    await signOutThroughPage(page);
    await page.goto(`${url}/#/`);
    await page.getByLabel('账号').waitFor();
    expect(page.url()).toContain('#/sign-in');
  });

  it('raised no console errors, uncaught exceptions or server errors in any page', () => {
    expect(problems.errors).toEqual([]);
  });
});

/** Fills the sign-in form and submits, without waiting for the frame (the forced change comes first). */
async function signInOnly(page: Page, login: string, password: string): Promise<void> {
  await page.getByLabel('账号').fill(login);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
}
