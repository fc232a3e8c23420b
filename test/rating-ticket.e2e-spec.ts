import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { CaseDesk, type CaseDetail, CHINESE, delivery, type ErrorBody, FOOD_LICENCE, parkedAt, person, TOWNSHIP_RELIEF, waitForDemoCatalog } from './support/cases.js';
import { TestClock } from './support/clock.js';
import { clockedNetwork } from './support/networks.js';

const CITY = '640100000000';
const COUNTY = '640104000000';
const TOWN = '640104100000';

interface Ticket {
  ticket: string;
  expiresAt: string;
}
interface Screen {
  centre: { code: string; name: string };
  matter: { name: string };
  servedBy: { name: string };
  levels: Array<{ code: string; zh: string; en: string }>;
  expiresAt: string;
}

describe('电子评价器: a one-time rating ticket for the applicant’s screen, spent by one rating that travels like any other', () => {
  const clock = new TestClock();
  const net = clockedNetwork(clock);
  const desk = new CaseDesk(net);

  const ok = <T = CaseDetail>(res: { status: number; body: unknown }, status = 200): T => {
    if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body as T;
  };
  const refused = (res: { status: number; body: unknown }, status: number, code: string): ErrorBody => {
    expect({ status: res.status, code: (res.body as ErrorBody).code }).toEqual({ status, code });
    expect((res.body as ErrorBody).message).toMatch(CHINESE);
    return res.body as ErrorBody;
  };
  const ticketFor = (no: string, node = TOWN, login = 'clerk') => desk.act(node, login, no, 'rating-ticket');
  const screen = (ticket: string) => request(net.url(TOWN)).get(`/public/rating/${ticket}`);
  const rate = (ticket: string, body: Record<string, unknown>) => request(net.url(TOWN)).post(`/public/rating/${ticket}`).send(body);
  const junkTicket = () => randomBytes(32).toString('base64url');

  /** A township matter decided and delivered at 掌政镇. */
  const deliveredRelief = async (tag: string): Promise<string> => {
    const taken = ok(await desk.intake(TOWN, 'clerk', { itemCode: TOWNSHIP_RELIEF.code, applicant: person(tag), channel: '1', materials: TOWNSHIP_RELIEF.materials }), 201);
    const no = taken.caseNumber;
    ok(await desk.act(TOWN, 'clerk', no, 'take-up'));
    ok(await desk.act(TOWN, 'clerk', no, 'approve', { resultName: '临时救助金发放通知', resultNumber: `LSJZ-${tag}` }));
    ok(await desk.act(TOWN, 'clerk', no, 'deliver', delivery()));
    return no;
  };

  let licence = '';
  let spent = '';

  beforeAll(async () => {
    await clock.setLocal('2027-03-02T09:00'); // a Tuesday
    await net.init();
    await net.start();
    await waitForDemoCatalog(net, [{ code: COUNTY, county: true }, { code: TOWN, county: true }]);
  });

  afterAll(async () => {
    await net.stop();
    clock.remove();
  });

  it('gives no ticket before delivery, nor away from the intake counter', async () => {
    const taken = ok(await desk.intake(TOWN, 'clerk', { itemCode: FOOD_LICENCE.code, applicant: person('评价码'), channel: '1', materials: FOOD_LICENCE.materials }), 201);
    licence = taken.caseNumber;
    refused(await ticketFor(licence), 403, 'CASE_NOT_HOLDER'); // handed up to the county at once

    await desk.waitForStatus(COUNTY, 'operator', licence, 'accepted', COUNTY);
    // The counter's list shows each case's light (红黄绿灯).
    const listed = (await desk.list(TOWN, 'clerk', { item: FOOD_LICENCE.code, limit: 500 })).items.find((c) => c.caseNumber === licence) as unknown as { light: { code: string } | null };
    expect(listed.light?.code).toBe('green');
    expect((await desk.list(TOWN, 'clerk', { number: licence.slice(-9) })).items.map((c) => c.caseNumber)).toEqual([licence]);
    refused(await ticketFor(licence, COUNTY, 'operator'), 409, 'CASE_ACTION_NOT_ALLOWED');
    ok(await desk.act(COUNTY, 'operator', licence, 'take-up'));
    ok(await desk.act(COUNTY, 'operator-b', licence, 'approve', { resultName: '食品经营许可证', resultNumber: 'JY16401040000077', validUntil: '2032-03-01' }));
    await desk.waitForStatus(TOWN, 'clerk', licence, 'awaiting_delivery', TOWN);
    refused(await ticketFor(licence), 409, 'CASE_ACTION_NOT_ALLOWED');
    ok(await desk.act(TOWN, 'clerk', licence, 'deliver', delivery()));
    refused(await ticketFor(licence, COUNTY, 'operator'), 403, 'CASE_NOT_HOLDER');
  });

  it('issues a ticket for 30 minutes that the next one replaces; the screen shows the centre, the matter and who served, nothing of the applicant', async () => {
    const first = ok<Ticket>(await ticketFor(licence), 201);
    expect(first.ticket).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Date.parse(first.expiresAt) - clock.now().getTime()).toBeGreaterThan(29 * 60_000);
    expect(Date.parse(first.expiresAt) - clock.now().getTime()).toBeLessThanOrEqual(30 * 60_000);
    ok<Screen>(await screen(first.ticket));

    const second = ok<Ticket>(await ticketFor(licence), 201);
    expect(second.ticket).not.toBe(first.ticket);
    refused(await screen(first.ticket), 404, 'RATING_TICKET_INVALID');

    const shown = ok<Screen>(await screen(second.ticket));
    expect(shown).toMatchObject({ centre: { code: TOWN, name: '掌政镇便民服务中心' }, matter: { name: FOOD_LICENCE.name } });
    expect(shown.servedBy.name).toBeTruthy();
    expect(shown.levels.map((l) => `${l.code}${l.zh}`)).toEqual(['1非常满意', '2满意', '3基本满意', '4不满意', '5非常不满意']);
    const c = await desk.detail(TOWN, 'clerk', licence);
    const text = JSON.stringify(shown);
    for (const secret of [c.applicant.name, c.applicant.idNumber, c.applicant.phone, licence]) expect(text).not.toContain(secret);
    spent = second.ticket;
  });

  it('rates the case with the ticket as the counter would (same validation, the clerk as actor, given by the applicant); the rating reaches the county and the city', async () => {
    refused(await rate(spent, { level: '9' }), 400, 'VALIDATION_FAILED');
    refused(await rate(spent, { level: '2', channel: '3' }), 400, 'VALIDATION_FAILED');
    const thanks = ok<{ rated: boolean; level: { code: string; zh: string }; thanks: string }>(await rate(spent, { level: '2', comment: '窗口服务热情' }));
    expect(thanks).toMatchObject({ rated: true, level: { code: '2', zh: '满意' }, thanks: '谢谢您的评价' });

    const rated = await desk.detail(TOWN, 'clerk', licence);
    expect(rated).toMatchObject({ status: { code: 'rated' }, rating: { level: '2', channel: '1', comment: '窗口服务热情', followUp: false, givenBy: 'applicant' } });
    const last = rated.timeline.at(-1)!;
    expect(last).toMatchObject({ action: { code: 'rate' }, node: TOWN, actor: { id: await desk.staffId(TOWN, 'clerk') }, details: { level: '2', channel: '1', givenBy: 'applicant' } });

    for (const [node, login] of [
      [COUNTY, 'operator'],
      [CITY, 'coordinator'],
    ] as const) {
      const there = await desk.waitFor(node, login, licence, (c) => c.status.code === 'rated');
      expect(there).toMatchObject({ version: rated.version, rating: { level: '2', givenBy: 'applicant' } });
      expect(there.timeline.map((t) => t.id)).toContain(last.id);
    }
  });

  it('refuses a spent ticket, a wrong one, and a new ticket for a rated case', async () => {
    refused(await screen(spent), 404, 'RATING_TICKET_INVALID');
    refused(await rate(spent, { level: '1' }), 404, 'RATING_TICKET_INVALID');
    refused(await screen(junkTicket()), 404, 'RATING_TICKET_INVALID');
    refused(await rate(junkTicket(), { level: '1' }), 404, 'RATING_TICKET_INVALID');
    refused(await screen('not-a-ticket'), 404, 'RATING_TICKET_INVALID');
    refused(await ticketFor(licence), 409, 'CASE_ALREADY_RATED');
    expect((await desk.detail(TOWN, 'clerk', licence)).rating).toMatchObject({ level: '2' });
  });

  it('refuses a ticket once the case was rated at the desk meanwhile', async () => {
    const no = await deliveredRelief('桌面');
    const t = ok<Ticket>(await ticketFor(no), 201);
    ok(await desk.act(TOWN, 'clerk', no, 'rating', { level: '1', channel: '1' }));
    refused(await screen(t.ticket), 404, 'RATING_TICKET_INVALID');
    refused(await rate(t.ticket, { level: '5' }), 404, 'RATING_TICKET_INVALID');
    expect((await desk.detail(TOWN, 'clerk', no)).rating).toMatchObject({ level: '1' });
  });

  it('limits the screen’s requests per ticket like the progress lookup', async () => {
    const ticket = junkTicket();
    const answers: number[] = [];
    for (let i = 0; i < 12; i++) answers.push((await screen(ticket)).status);
    expect(answers.slice(0, 10).every((s) => s === 404)).toBe(true);
    const limited = await screen(ticket);
    refused(limited, 429, 'TOO_MANY_REQUESTS');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('refuses a ticket after its 30 minutes', async () => {
    const no = await deliveredRelief('过期');
    const t = ok<Ticket>(await ticketFor(no), 201);
    ok<Screen>(await screen(t.ticket));
    const later = new Date(clock.now().getTime() + (8 * 60 + 31) * 60_000).toISOString().slice(0, 16);
    await clock.setLocal(later);
    refused(await screen(t.ticket), 404, 'RATING_TICKET_INVALID');
    refused(await rate(t.ticket, { level: '1' }), 404, 'RATING_TICKET_INVALID');
    expect((await desk.detail(TOWN, 'clerk', no)).status.code).toBe('delivered');
    // The counter asks again, and the applicant rates.
    const again = ok<Ticket>(await ticketFor(no), 201);
    ok(await rate(again.ticket, { level: '1' }));
    expect((await desk.detail(TOWN, 'clerk', no)).status.code).toBe('rated');
  });

  it('parks no case event anywhere', async () => {
    for (const node of [TOWN, COUNTY, CITY]) expect((await parkedAt(net, node)).filter((d) => d.type?.startsWith('case.'))).toEqual([]);
  });
});
