import type { Browser, Page } from 'playwright-core';
import { CaseDesk, FOOD_LICENCE, person, waitForDemoCatalog } from './support/cases.js';
import { launchChromium, newStaffContext, PageProblems, signInThroughPage, WHOLE_RESIDENT_ID } from './support/browser.js';
import { XINGQING_PATH } from './support/networks.js';
import { DEMO_ENV } from './support/staff.js';
import { TestNetwork } from './support/test-network.js';

// Every page of every demo account's menu, at each tier, opened in Chromium: each must render without a console
// error, an uncaught exception or a server error, and show no whole resident ID (one case is live, so lists
// have a row to mask).
const CITY = '640100000000';
const COUNTY = '640104000000';
const TOWN = '640104100000';

const ACCOUNTS: Array<[node: string, login: string]> = [
  [TOWN, 'clerk'],
  [TOWN, 'admin'],
  [COUNTY, 'operator'],
  [COUNTY, 'catalog'],
  [COUNTY, 'auditor'],
  [COUNTY, 'admin'],
  [CITY, 'coordinator'],
  [CITY, 'approver'],
  [CITY, 'catalog'],
  [CITY, 'auditor'],
  [CITY, 'admin'],
];

describe('every page of the console, for each demo account at each tier (Chromium)', () => {
  const net = new TestNetwork(XINGQING_PATH, DEMO_ENV);
  const desk = new CaseDesk(net);
  let browser: Browser;

  beforeAll(async () => {
    await net.init();
    await net.start();
    await waitForDemoCatalog(net, [{ code: TOWN, county: true }, { code: COUNTY, county: true }]);
    const taken = await desk.intake(TOWN, 'clerk', { itemCode: FOOD_LICENCE.code, applicant: person('巡检'), channel: '1', materials: FOOD_LICENCE.materials });
    if (taken.status !== 201) throw new Error(`intake refused: ${JSON.stringify(taken.body)}`);
    await desk.waitForStatus(COUNTY, 'operator', taken.body.caseNumber as string, 'accepted', COUNTY);
    browser = await launchChromium();
  }, 300000);

  afterAll(async () => {
    await browser?.close();
    await net.stop();
  });

  /** Opens `#/path`, waits until the page has stopped loading (a poll may go on) and returns its text. */
  const visit = async (page: Page, url: string, path: string): Promise<string> => {
    await page.goto(`${url}/#/${path}`);
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(300);
    return (await page.locator('body').textContent()) ?? '';
  };

  it.each(ACCOUNTS)('at %s, %s: every page of the menu opens cleanly', async (node, login) => {
    const problems = new PageProblems();
    const ctx = await newStaffContext(browser, problems);
    try {
      const page = await ctx.newPage();
      await signInThroughPage(page, net.url(node), login);
      const paths = await page.getByTestId('home-page-link').evaluateAll((els) => els.map((e) => e.getAttribute('data-path') ?? ''));
      expect(paths.length).toBeGreaterThan(0);
      const leaks: string[] = [];
      for (const path of paths) {
        const text = await visit(page, net.url(node), path);
        if (/无权访问此页面|页面不存在/.test(text)) throw new Error(`${login} at ${node}: #/${path} refused its own menu entry`);
        const whole = WHOLE_RESIDENT_ID.exec(text);
        if (whole) leaks.push(`#/${path}: ${whole[0]}`);
      }
      expect(leaks).toEqual([]);
      expect(problems.errors).toEqual([]);
    } finally {
      await ctx.close();
    }
  });
});
