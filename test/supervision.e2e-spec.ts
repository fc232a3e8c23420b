import request from 'supertest';
import { CaseDesk, CHINESE, type CaseDetail, type ErrorBody, FOOD_LICENCE, type IntakeBody, parkedAt, person, TOWNSHIP_RELIEF, waitForDemoCatalog, delivery } from './support/cases.js';
import { TestClock } from './support/clock.js';
import { clockedNetwork } from './support/networks.js';
import { eventually } from './support/test-network.js';

const CITY = '640100000000';
const COUNTY = '640104000000';
const TOWN = '640104100000';

interface OrderStep {
  action: string;
  node: string;
  actorName: string;
}
interface Order {
  id: string;
  caseNumber: string;
  round: number;
  previousId?: string;
  holder: string;
  status: string;
  flagged: boolean;
  answerBy: string;
  issuedAt: string;
  answer?: { content: string; byName: string };
  steps?: OrderStep[];
}
interface Accountability {
  id: string;
  orderId: string;
  caseNumber: string;
  level: { code: string; zh: string };
  node: string;
  person: { id: string; name: string; role: string } | null;
  daysByLevel: Record<string, number>;
  status: { code: string };
  decision: { decision: { code: string; zh: string }; content: string; decidedOn: string; decidedBy: string; recordedBy: { name: string } } | null;
}
interface Item {
  id: string;
  caseNumber: string;
  node: string;
  ratingLevel: string;
  status: string;
  dueOn: string;
  answer?: { content: string };
  rerating?: { level: string };
}

describe('supervision orders (督办) and rectification after poor ratings (差评整改), through the real broker', () => {
  const clock = new TestClock();
  const net = clockedNetwork(clock);
  const desk = new CaseDesk(net);

  const foodLicence = (tag: string): IntakeBody => ({ itemCode: FOOD_LICENCE.code, applicant: person(tag), channel: '1', materials: FOOD_LICENCE.materials });

  /** A food licence taken in at the township and acknowledged by the county, which now holds it. */
  const caseAtCounty = async (tag: string): Promise<string> => {
    const res = await desk.intake(TOWN, 'clerk', foodLicence(tag));
    if (res.status !== 201) throw new Error(`intake refused: ${res.status} ${JSON.stringify(res.body)}`);
    const no = (res.body as CaseDetail).caseNumber;
    await desk.waitForStatus(COUNTY, 'operator', no, 'accepted', COUNTY);
    await desk.waitForStatus(CITY, 'coordinator', no, 'accepted', COUNTY);
    return no;
  };

  const post = async (node: string, login: string, path: string, body: Record<string, unknown>) =>
    request(net.url(node)).post(path).set({ authorization: `Bearer ${(await desk.session(node, login)).accessToken}` }).send(body);

  const order = async (node: string, login: string, id: string): Promise<Order> => {
    const res = await desk.get(node, login, `/supervision/orders/${id}`);
    if (res.status !== 200) throw new Error(`GET order ${id} at ${node}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as Order;
  };

  const ordersAt = async (node: string, login: string, query: Record<string, unknown>): Promise<Order[]> => {
    const res = await desk.get(node, login, '/supervision/orders', query);
    if (res.status !== 200) throw new Error(`GET orders at ${node}: ${res.status} ${JSON.stringify(res.body)}`);
    return (res.body as { items: Order[] }).items;
  };

  beforeAll(async () => {
    await clock.setLocal('2027-03-01T09:00'); // a Monday
    await net.init();
    await net.start();
    await waitForDemoCatalog(net, [{ code: COUNTY, county: true }, { code: TOWN, county: true }]);
  });

  afterAll(async () => {
    await net.stop();
    clock.remove();
  });

  it('delivers a coordinator\'s order to the county holding the case; the county answers and the order closes at the city', async () => {
    const no = await caseAtCounty('督办答复');
    const issued = await post(CITY, 'coordinator', '/supervision/orders', { caseNumber: no, content: '请于三个工作日内办结并反馈', answerDays: 3 });
    expect(issued.status).toBe(201);
    const o = issued.body as Order;
    expect(o).toMatchObject({ caseNumber: no, round: 1, holder: COUNTY, status: 'open', flagged: false, answerBy: '2027-03-04' });

    // A second order while the first is open is refused; so is an order from someone not a coordinator.
    const again = await post(CITY, 'coordinator', '/supervision/orders', { caseNumber: no, content: '再次督办' });
    expect({ status: again.status, code: (again.body as ErrorBody).code }).toEqual({ status: 409, code: 'SUPERVISION_ORDER_OPEN' });
    expect((await post(CITY, 'approver', '/supervision/orders', { caseNumber: no, content: '督办' })).status).toBe(403);

    const atCounty = await eventually(() => ordersAt(COUNTY, 'operator', { caseNumber: no }), (l) => l.length === 1);
    expect(atCounty[0]).toMatchObject({ id: o.id, status: 'open', answerBy: '2027-03-04' });
    // The township never hears of an order addressed to its county.
    expect(await ordersAt(TOWN, 'clerk', { caseNumber: no })).toEqual([]);

    const answered = await post(COUNTY, 'operator', `/supervision/orders/${o.id}/answer`, { content: '已组织现场核查，明日作出决定' });
    expect(answered.status).toBe(200);
    expect(answered.body).toMatchObject({ status: 'answered', answer: { content: '已组织现场核查，明日作出决定' } });
    const twice = await post(COUNTY, 'operator', `/supervision/orders/${o.id}/answer`, { content: '再答一次' });
    expect({ status: twice.status, code: (twice.body as ErrorBody).code }).toEqual({ status: 409, code: 'SUPERVISION_ORDER_NOT_OPEN' });

    const atCity = await eventually(() => order(CITY, 'coordinator', o.id), (x) => x.status === 'answered');
    expect(atCity.answer).toMatchObject({ content: '已组织现场核查，明日作出决定', byName: expect.stringMatching(CHINESE) });
    expect(atCity.steps!.map((s) => s.action)).toEqual(['issued', 'answered']);
    expect((await order(COUNTY, 'operator', o.id)).steps!.map((s) => s.action)).toEqual(['received', 'answered']);
  });

  it('refuses an order with a blank content or a bad case number, naming the field, and changes nothing', async () => {
    const blank = await post(CITY, 'coordinator', '/supervision/orders', { caseNumber: '640104100000202703010000011', content: '   ' });
    expect(blank.status).toBe(400);
    expect(JSON.stringify(blank.body)).toContain('content');
    const bad = await post(CITY, 'coordinator', '/supervision/orders', { caseNumber: '12345', content: '督办' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('caseNumber');
  });

  it('issues an unanswered order again as a second round, flags the case after the second goes unanswered, and holds the county to account', async () => {
    const no = await caseAtCounty('督办未复');
    // The county's operator takes the case up, then lets it lie: the last person to act on it there.
    expect((await desk.act(COUNTY, 'operator', no, 'take-up', {})).status).toBe(200);
    await desk.waitForStatus(CITY, 'coordinator', no, 'under_review', COUNTY);
    const first = (await post(CITY, 'coordinator', '/supervision/orders', { caseNumber: no, content: '请立即办理', answerDays: 1 })).body as Order;
    expect(first.answerBy).toBe('2027-03-02');
    await eventually(() => ordersAt(COUNTY, 'operator', { caseNumber: no }), (l) => l.length === 1);

    // Past the answer date: the city's sweep marks it overdue and issues the second round by itself.
    await clock.advanceDays(14);
    const rounds = await eventually(() => ordersAt(CITY, 'coordinator', { caseNumber: no }), (l) => l.length === 2, 30000);
    const second = rounds.find((r) => r.round === 2)!;
    expect(second).toMatchObject({ previousId: first.id, holder: COUNTY, status: 'open', flagged: false });
    expect((await order(CITY, 'coordinator', first.id)).steps!.map((s) => s.action)).toEqual(['issued', 'overdue', 'reissued']);
    const atCounty = await eventually(() => ordersAt(COUNTY, 'operator', { caseNumber: no }), (l) => l.length === 2 && l.some((x) => x.id === first.id && x.status === 'overdue'));
    expect(atCounty.find((x) => x.round === 2)).toMatchObject({ status: 'open' });
    // An overdue order takes no answer any more: the second round does.
    const late = await post(COUNTY, 'operator', `/supervision/orders/${first.id}/answer`, { content: '迟到的答复' });
    expect((late.body as ErrorBody).code).toBe('SUPERVISION_ORDER_NOT_OPEN');

    await clock.advanceDays(14);
    const flagged = await eventually(() => order(CITY, 'coordinator', second.id), (x) => x.flagged, 30000);
    expect(flagged).toMatchObject({ status: 'overdue', flagged: true });
    expect(flagged.steps!.map((s) => s.action)).toEqual(['issued', 'overdue', 'flagged']);
    expect((await ordersAt(CITY, 'coordinator', { flagged: 'true' })).map((x) => x.caseNumber)).toContain(no);
    await eventually(() => order(COUNTY, 'operator', second.id), (x) => x.flagged && x.status === 'overdue');

    // 问责: the flag made an accountability record at the city, naming the county, which spent the most days on the case, and its operator.
    const records = ((await desk.get(CITY, 'auditor', '/accountability', { caseNumber: no })).body as { items: Accountability[] }).items;
    expect(records).toHaveLength(1);
    const record = records[0]!;
    expect(record).toMatchObject({
      orderId: second.id,
      caseNumber: no,
      level: { code: 'county', zh: '县（区）' },
      node: COUNTY,
      person: { id: await desk.staffId(COUNTY, 'operator'), role: 'county_operator', name: expect.stringMatching(CHINESE) },
      status: { code: 'pending' },
      decision: null,
    });
    expect(record.daysByLevel.county).toBeGreaterThan(record.daysByLevel.township ?? 0);
    expect((await order(CITY, 'coordinator', second.id)).steps!.find((s) => s.action === 'flagged')).toMatchObject({ details: { accountabilityId: record.id } });

    // The decision: recorded by a coordinator only, validated, once.
    const decision = { decision: 'admonishment_talk', content: '对县级窗口经办人进行诫勉谈话', decidedOn: clock.today(), decidedBy: '市纪委监委驻市政务服务中心纪检组' };
    expect((await post(CITY, 'auditor', `/accountability/${record.id}/decision`, decision)).status).toBe(403);
    const badCode = await post(CITY, 'coordinator', `/accountability/${record.id}/decision`, { ...decision, decision: '罚款' });
    expect({ status: badCode.status, fields: (badCode.body as ErrorBody).errors?.map((e) => e.field) }).toEqual({ status: 400, fields: ['decision'] });
    const future = await post(CITY, 'coordinator', `/accountability/${record.id}/decision`, { ...decision, decidedOn: '2099-01-01' });
    expect({ status: future.status, rule: (future.body as ErrorBody).errors?.[0]?.rule }).toEqual({ status: 400, rule: 'notInFuture' });
    const decided = await post(CITY, 'coordinator', `/accountability/${record.id}/decision`, decision);
    expect(decided.status).toBe(200);
    expect(decided.body).toMatchObject({ status: { code: 'decided' }, decision: { decision: { code: 'admonishment_talk', zh: '诫勉谈话' }, decidedOn: clock.today(), decidedBy: decision.decidedBy } });
    const again = await post(CITY, 'coordinator', `/accountability/${record.id}/decision`, { ...decision, decision: 'reassignment' });
    expect({ status: again.status, code: (again.body as ErrorBody).code }).toEqual({ status: 409, code: 'ACCOUNTABILITY_ALREADY_DECIDED' });
    const read = await desk.get(CITY, 'auditor', `/accountability/${record.id}`);
    expect(read.body).toMatchObject({ status: { code: 'decided' }, decision: { decision: { code: 'admonishment_talk' }, recordedBy: { name: expect.stringMatching(CHINESE) } } });
    // Only the city keeps them.
    expect((await desk.get(COUNTY, 'auditor', '/accountability')).status).toBe(404);

    // The weekly summary counts the first round in the week it was issued.
    const week = await desk.get(CITY, 'coordinator', '/supervision/summary', { week: '2027-W09' });
    expect(week.status).toBe(200);
    const county = (week.body as { nodes: Array<{ node: string; issued: number; overdue: number; answered: number; flagged: number }> }).nodes.find((n) => n.node === COUNTY)!;
    expect(county.issued).toBeGreaterThanOrEqual(2);
    expect(county.overdue).toBeGreaterThanOrEqual(1);
    expect(county.answered).toBeGreaterThanOrEqual(1);
    const badWeek = await desk.get(CITY, 'coordinator', '/supervision/summary', { week: '2027-9' });
    expect(badWeek.status).toBe(400);
  });

  it('opens a rectification item after a poor rating, takes the answer, closes it with the second rating, and the city sees each change', async () => {
    const res = await desk.intake(TOWN, 'clerk', { itemCode: TOWNSHIP_RELIEF.code, applicant: person('差评'), channel: '1', materials: TOWNSHIP_RELIEF.materials });
    expect(res.status).toBe(201);
    const no = (res.body as CaseDetail).caseNumber;
    for (const [path, body] of [
      ['take-up', {}],
      ['approve', { resultName: '临时救助金发放决定', resultNumber: 'LSJZ-2027-009' }],
      ['deliver', delivery()],
      ['rating', { level: '5', channel: '1', comment: '等了很久' }],
    ] as const) {
      const r = await desk.act(TOWN, 'clerk', no, path, body);
      if (r.status !== 200) throw new Error(`${path}: ${r.status} ${JSON.stringify(r.body)}`);
    }
    const items = (await desk.get(TOWN, 'clerk', '/rectifications', { caseNumber: no })).body as { items: Item[] };
    expect(items.items).toHaveLength(1);
    const item = items.items[0]!;
    expect(item).toMatchObject({ node: TOWN, ratingLevel: '5', status: 'open' });
    expect(item.dueOn > clock.today()).toBe(true);
    const atCity = await eventually(async () => ((await desk.get(CITY, 'coordinator', '/rectifications', { caseNumber: no })).body as { items: Item[] }).items, (l) => l.length === 1);
    expect(atCity[0]).toMatchObject({ id: item.id, status: 'open' });

    const early = await post(TOWN, 'clerk', `/rectifications/${item.id}/rerating`, { level: '2', channel: '5' });
    expect({ status: early.status, code: (early.body as ErrorBody).code }).toEqual({ status: 409, code: 'RECTIFICATION_NOT_ANSWERED' });
    expect((await post(TOWN, 'clerk', `/rectifications/${item.id}/answer`, { content: '' })).status).toBe(400);
    expect((await post(TOWN, 'clerk', `/rectifications/${item.id}/answer`, { content: '已向申请人致歉，并将救助审批压缩至一个工作日' })).status).toBe(200);
    await eventually(async () => ((await desk.get(CITY, 'coordinator', '/rectifications', { caseNumber: no })).body as { items: Item[] }).items, (l) => l[0]?.status === 'answered');
    const closed = await post(TOWN, 'clerk', `/rectifications/${item.id}/rerating`, { level: '2', channel: '5', comment: '回访满意' });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ status: 'closed', rerating: { level: '2' } });
    const final = await eventually(async () => ((await desk.get(CITY, 'coordinator', '/rectifications', { caseNumber: no })).body as { items: Item[] }).items, (l) => l[0]?.status === 'closed');
    expect(final[0]).toMatchObject({ answer: { content: '已向申请人致歉，并将救助审批压缩至一个工作日' }, rerating: { level: '2' } });
    // A good rating opens nothing; the county, which did not decide the case, has no item.
    expect(((await desk.get(COUNTY, 'operator', '/rectifications', { caseNumber: no })).body as { items: Item[] }).items).toEqual([]);
  });

  it('parks nothing at any node', async () => {
    for (const node of [CITY, COUNTY, TOWN]) expect((await parkedAt(net, node)).filter((d) => d.type?.startsWith('supervision') || d.type?.startsWith('rectification'))).toEqual([]);
  });
});
