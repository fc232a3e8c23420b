import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { DEMO_PASSWORD } from '#libs/identity';

/**
 * Debian's Chromium (package chromium), driven by playwright-core: nothing is downloaded at run time.
 * `npm test` installs the package when it is missing (scripts/ensure-setup.mjs --browser).
 */
export const CHROMIUM = process.env.TONGBAN_CHROMIUM ?? '/usr/bin/chromium';

/** Headless Chromium as this machine runs it: no sandbox as root, no calls home (the network is closed). */
export function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: install the Debian package chromium (npm test does it as root), or set TONGBAN_CHROMIUM`);
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}

/**
 * What went wrong in the pages of one browser context: console errors, uncaught exceptions, failed
 * requests and answers of 500 or more. 4xx answers a page handles (a refused action it shows) are not errors
 * by themselves; the browser logs them as console errors ("Failed to load resource"), so those are kept apart
 * and a test names the ones it expects.
 */
export class PageProblems {
  readonly errors: string[] = [];
  readonly refused: string[] = [];

  watch(page: Page): Page {
    page.on('console', (m) => {
      if (m.type() !== 'error') return;
      if (/Failed to load resource: the server responded with a status of 4\d\d/.test(m.text())) return;
      this.errors.push(`${page.url()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => this.errors.push(`${page.url()}: uncaught ${e.message}`));
    page.on('requestfailed', (r) => {
      // A printed document opens as a blob: URL in Chromium's own PDF viewer (an extension page).
      if (r.url().startsWith('blob:') || r.url().startsWith('chrome-extension:')) return;
      this.errors.push(`${r.method()} ${r.url()} failed: ${r.failure()?.errorText}`);
    });
    page.on('response', (r) => {
      if (r.status() >= 500) this.errors.push(`${r.request().method()} ${r.url()} answered ${r.status()}`);
      else if (r.status() >= 400) this.refused.push(`${r.request().method()} ${new URL(r.url()).pathname} ${r.status()}`);
    });
    return page;
  }

  watchContext(ctx: BrowserContext): BrowserContext {
    ctx.on('page', (p) => this.watch(p));
    return ctx;
  }
}

/** A 1366×768 counter screen (or any size), Chinese, Beijing time, its pages watched. */
export async function newStaffContext(browser: Browser, problems: PageProblems, viewport = { width: 1366, height: 768 }): Promise<BrowserContext> {
  const ctx = await browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', acceptDownloads: true });
  return problems.watchContext(ctx);
}

/** Signs in through the console's own page at `url` and waits for the frame (the node's name in the header). */
export async function signInThroughPage(page: Page, url: string, login: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto(`${url}/#/sign-in`);
  await page.getByLabel('账号').fill(login);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.getByTestId('node-name').waitFor();
}

/** Signs out through the user menu and waits for the sign-in page. */
export async function signOutThroughPage(page: Page): Promise<void> {
  await page.getByTestId('user-menu').click();
  await page.getByText('退出登录').click();
  await page.getByLabel('账号').waitFor();
}

/** Where screenshots of a test run go (.tongban/test/screenshots), for a person to look at after a failure. */
export function screenshotDir(): string {
  const dir = join(process.cwd(), '.tongban', 'test', 'screenshots');
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** A whole resident ID anywhere in a text: 17 digits and a digit or X (a masked one has asterisks). */
export const WHOLE_RESIDENT_ID = /\b\d{17}[\dX]\b/;
