import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { FOOD_LICENCE, residentId, waitForDemoCatalog, withWrongCheck } from './support/cases.js';
import { launchChromium, newStaffContext, PageProblems, screenshotDir, signInThroughPage, signOutThroughPage, WHOLE_RESIDENT_ID } from './support/browser.js';
import { XINGQING_PATH } from './support/networks.js';
import { DEMO_ENV } from './support/staff.js';
import { TestNetwork } from './support/test-network.js';

// One county matter from the township counter to the applicant's rating, done only through the console's
// pages in a real Chromium against real node processes (city, 兴庆区, 掌政镇) on the real broker and database:
// a clerk takes in 食品经营许可 with one material missing and prints the one-time notice, completes it, the
// county's operator takes it up and (一审一核) the B post decides, the clerk delivers, the applicant rates it on
// the rating screen, and the city's supervision screen shows the case's light and timeline.
const CITY = '640100000000';
const COUNTY = '640104000000';
const TOWN = '640104100000';
const CASE_NUMBER = /\b\d{26}[\dX]\b/;

describe('a county matter through the consoles, in Chromium (counter → county hall → counter → rating screen → city screen)', () => {
  const net = new TestNetwork(XINGQING_PATH, DEMO_ENV);
  const problems = new PageProblems();
  const shots = screenshotDir();
  const idNumber = residentId();
  const applicant = `张${idNumber.slice(-4)}`;
  let browser: Browser;
  let counterCtx: BrowserContext;
  let countyCtx: BrowserContext;
  let cityCtx: BrowserContext;
  let deskCtx: BrowserContext;
  let desk: Page;
  let counter: Page;
  let county: Page;
  let wall: Page;
  let caseNumber = '';

  /** Reloads `page` until `testId` shows (a case crossing Kafka reaches the next node a moment later). */
  const reloadUntil = async (page: Page, testId: string, timeoutMs = 60000): Promise<void> => {
    const until = Date.now() + timeoutMs;
    for (;;) {
      try {
        await page.getByTestId(testId).first().waitFor({ timeout: 3000 });
        return;
      } catch (e) {
        if (Date.now() > until) throw e;
        await page.reload();
      }
    }
  };

  const statusOf = async (page: Page): Promise<string | null> => page.getByTestId('case-status').getAttribute('data-status');

  /** Reloads the case page until its status is `status`. */
  const reloadUntilStatus = async (page: Page, status: string | string[], timeoutMs = 60000): Promise<void> => {
    const until = Date.now() + timeoutMs;
    const wanted = ([] as string[]).concat(status);
    for (;;) {
      await page.getByTestId('case-status').waitFor();
      if (wanted.includes((await statusOf(page)) ?? '')) return;
      if (Date.now() > until) throw new Error(`case ${caseNumber} never reached ${status} in the page (last: ${await statusOf(page)})`);
      await page.waitForTimeout(500);
      await page.reload();
    }
  };

  beforeAll(async () => {
    await net.init();
    await net.start();
    await waitForDemoCatalog(net, [{ code: TOWN, county: true }, { code: COUNTY, county: true }]);
    browser = await launchChromium();
    counterCtx = await newStaffContext(browser, problems);
    countyCtx = await newStaffContext(browser, problems);
    cityCtx = await newStaffContext(browser, problems, { width: 1920, height: 1080 });
    // A coordinator's desk beside the wall: each browser tab is its own session.
    deskCtx = await newStaffContext(browser, problems);
    counter = await counterCtx.newPage();
    county = await countyCtx.newPage();
  }, 300000);

  afterAll(async () => {
    writeFileSync(join(shots, 'console-flow-problems.json'), JSON.stringify(problems, null, 2));
    await browser?.close();
    await net.stop();
  });

  /** The live (green) cases the wall screen shows for a centre, as it shows them now. */
  const greenOnWall = async (code: string): Promise<number> => Number(await wall.getByTestId(`screen-node-${code}`).locator('[data-light=green]').getAttribute('data-count'));

  it('the city\'s supervision screen is up on the wall (1920×1080) before the case starts, 兴庆区 with no live case', async () => {
    wall = await cityCtx.newPage();
    await signInThroughPage(wall, net.url(CITY), 'coordinator');
    await wall.goto(`${net.url(CITY)}/#/city/screen`);
    await wall.getByTestId('screen-grid').waitFor();
    await wall.getByTestId(`screen-node-${TOWN}`).waitFor();
    await wall.getByTestId('screen-today').waitFor();
    await wall.getByTestId('screen-overdue').waitFor();
    expect(await greenOnWall(COUNTY)).toBe(0);
  });

  it('the clerk finds the matter as they type and sees its checklist (一次性告知)', async () => {
    await signInThroughPage(counter, net.url(TOWN), 'clerk');
    await counter.goto(`${net.url(TOWN)}/#/counter/matters`);
    await counter.getByTestId('matter-search').fill('食品经营');
    await counter.getByTestId(`matter-result-${FOOD_LICENCE.code}`).click();
    const checklist = counter.getByTestId('checklist');
    for (const m of FOOD_LICENCE.materials) await checklist.getByText(m.name).first().waitFor();
  });

  it('takes the application in with one material missing; the ID is checked as typed; the one-time notice is printed', async () => {
    await counter.getByTestId('start-intake').click();
    await counter.getByTestId('applicant-name').fill(applicant);
    await counter.getByTestId('applicant-id').fill(withWrongCheck(idNumber));
    await counter.getByText('身份证号校验位不正确').waitFor();
    await counter.getByTestId('applicant-id').fill(idNumber);
    await counter.getByText('身份证号校验位不正确').waitFor({ state: 'hidden' });
    await counter.getByTestId('applicant-phone').fill('13995012345');
    await counter.getByTestId('applicant-address').fill('银川市兴庆区掌政镇掌政村 8 号');
    // Everything on the checklist but the last material (the rules and records list).
    const last = FOOD_LICENCE.materials.length - 1;
    for (let i = 0; i < last; i += 1) await counter.getByTestId(`material-${i}`).check();
    await counter.getByTestId('intake-submit').click();

    const result = counter.getByTestId('intake-result');
    await result.waitFor();
    await expect(result.getAttribute('data-status')).resolves.toBe('awaiting_materials');
    await counter.getByTestId('intake-missing').getByText(FOOD_LICENCE.materials[last]!.name).waitFor();
    caseNumber = CASE_NUMBER.exec((await counter.getByTestId('intake-case-number').textContent()) ?? '')![0];
    await counter.screenshot({ path: join(shots, 'counter-one-time-notice.png') });

    // One click: the node renders the notice and it opens in a window of its own, for the print dialog.
    const [pdf, printWindow] = await Promise.all([
      counter.waitForResponse((r) => r.url().includes(`/cases/${caseNumber}/documents/`) && r.url().endsWith('/pdf')),
      counterCtx.waitForEvent('page'),
      counter.getByTestId('print-GZ').click(),
    ]);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toContain('application/pdf');
    expect(new URL(pdf.url()).pathname).toBe(`/cases/${caseNumber}/documents/GZ-${caseNumber}/pdf`);
    expect(printWindow.url()).toMatch(/^blob:/);
    await printWindow.close();
  });

  it('lists the case with the applicant\'s ID masked, and completes the materials from the case page: accepted and sent up', async () => {
    await counter.goto(`${net.url(TOWN)}/#/counter/cases`);
    const table = counter.getByTestId('case-table');
    await table.getByTestId(`case-row-${caseNumber}`).waitFor();
    expect(await table.textContent()).not.toMatch(WHOLE_RESIDENT_ID);
    await counter.screenshot({ path: join(shots, 'counter-cases.png') });

    await table.getByTestId(`case-row-${caseNumber}`).click();
    await counter.getByTestId('complete-materials').click();
    await counter.getByTestId('complete-material-0').check(); // the one material the notice listed
    await counter.getByTestId('complete-materials-confirm').click();
    await reloadUntilStatus(counter, ['in_transit_up', 'accepted']);
    await counter.getByTestId('print-SL').waitFor();
  });

  it('appears on the wall screen at 兴庆区 without a reload, green, and at the city with its light', async () => {
    const until = Date.now() + 60000;
    while ((await greenOnWall(COUNTY)) !== 1) {
      if (Date.now() > until) throw new Error(`the wall screen never showed the case live at ${COUNTY}`);
      await wall.waitForTimeout(1000);
    }
    await wall.screenshot({ path: join(shots, 'city-screen.png') });
    desk = await deskCtx.newPage();
    await signInThroughPage(desk, net.url(CITY), 'coordinator');
    await desk.goto(`${net.url(CITY)}/#/city/cases/${caseNumber}`);
    await desk.getByTestId('case-light').waitFor();
    await expect(desk.getByTestId('case-light').getAttribute('data-light')).resolves.toBe('green');
  });

  it('reaches the county\'s inbox, where the operator takes it up but (一审一核) may not decide it', async () => {
    await signInThroughPage(county, net.url(COUNTY), 'operator');
    await county.goto(`${net.url(COUNTY)}/#/county/inbox`);
    await reloadUntil(county, `inbox-row-${caseNumber}`);
    expect(await county.getByTestId('inbox-table').textContent()).not.toMatch(WHOLE_RESIDENT_ID);
    await county.screenshot({ path: join(shots, 'county-inbox.png') });

    await county.getByTestId(`inbox-row-${caseNumber}`).click();
    await county.getByTestId('action-take-up').click();
    await county.getByTestId('modal-submit').click();
    await reloadUntilStatus(county, 'under_review');

    await county.getByTestId('action-approve').click();
    await county.getByTestId('approve-result-name').fill('食品经营许可证');
    await county.getByTestId('approve-result-number').fill(`JY1640104${caseNumber.slice(-8)}`);
    await county.getByTestId('modal-submit').click();
    await county.getByText('一审一核').first().waitFor();
    await county.getByRole('dialog').getByRole('button', { name: /取\s*消/ }).click();
    await county.getByRole('dialog').waitFor({ state: 'hidden' });
    await expect(statusOf(county)).resolves.toBe('under_review');
  });

  it('is approved by the second operator (the B post)', async () => {
    await signOutThroughPage(county);
    await signInThroughPage(county, net.url(COUNTY), 'operator-b');
    await county.goto(`${net.url(COUNTY)}/#/county/cases/${caseNumber}`);
    await county.getByTestId('action-approve').click();
    await county.getByTestId('approve-result-name').fill('食品经营许可证');
    await county.getByTestId('approve-result-number').fill(`JY1640104${caseNumber.slice(-8)}`);
    await county.getByTestId('modal-submit').click();
    // Approved, and the result on its way down (the county's copy follows the case).
    await reloadUntilStatus(county, ['approved', 'result_in_transit_down', 'awaiting_delivery']);
    await county.screenshot({ path: join(shots, 'county-case.png') });
  });

  it('comes back to the counter, where the clerk delivers it and the applicant rates it on the rating screen', async () => {
    await counter.goto(`${net.url(TOWN)}/#/counter/cases/${caseNumber}`);
    await reloadUntilStatus(counter, 'awaiting_delivery');
    await counter.getByTestId('deliver').click();
    await counter.getByTestId('deliver-recipient').fill(applicant);
    await counter.getByTestId('deliver-confirm').click();
    await reloadUntilStatus(counter, 'delivered');

    const [screen] = await Promise.all([counterCtx.waitForEvent('page'), counter.getByTestId('request-rating').click()]);
    await screen.waitForLoadState();
    expect(screen.url()).toMatch(/#\/rate\/[A-Za-z0-9_-]+$/);
    await screen.getByTestId('rating-level-1').waitFor();
    // Nothing of the console is reachable from the rating screen: no menu, no user, no links.
    await expect(screen.getByTestId('user-menu').count()).resolves.toBe(0);
    await expect(screen.locator('a[href]').count()).resolves.toBe(0);
    await screen.screenshot({ path: join(shots, 'rating-screen.png') });
    await screen.getByTestId('rating-level-1').click();
    await screen.getByTestId('rating-done').waitFor();

    await reloadUntilStatus(counter, 'rated');
    await expect(counter.getByTestId('case-rating').getAttribute('data-level')).resolves.toBe('1');
  });

  it('leaves the wall screen\'s live count, and shows the whole timeline at the city', async () => {
    const until = Date.now() + 60000;
    while ((await greenOnWall(COUNTY)) !== 0) {
      if (Date.now() > until) throw new Error(`the wall screen still shows the case live at ${COUNTY}`);
      await wall.waitForTimeout(1000);
    }
    const city = desk;
    await city.reload();
    const timeline = city.getByTestId('case-timeline');
    await timeline.waitFor();
    for (;;) {
      const actions = await timeline.getByTestId('timeline-step').evaluateAll((els) => els.map((e) => e.getAttribute('data-action')));
      if (['intake_incomplete', 'complete_materials', 'take_up_for_review', 'approve', 'deliver', 'rate'].every((a) => actions.includes(a))) break;
      if (Date.now() > until) throw new Error(`the city's timeline of ${caseNumber} lacks steps: ${actions.join(', ')}`);
      await city.waitForTimeout(1000);
      await city.reload();
      await timeline.waitFor();
    }
    await city.screenshot({ path: join(shots, 'city-case.png') });
  });

  it('raised no console error, uncaught exception or server error on any page; the only refusal was the reviewer\'s approval', () => {
    expect(problems.errors).toEqual([]);
    expect(problems.refused).toEqual([`POST /cases/${caseNumber}/approve 403`]);
  });
});
