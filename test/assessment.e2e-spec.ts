import ExcelJS from 'exceljs';
import request from 'supertest';
import type { CentreFigures, MonthlyReport, RankedCentre } from '#libs/assessment';
import { WorkingCalendar } from '#libs/calendar';
import { binary } from './support/binary.js';
import { CaseDesk, type CaseDetail, delivery, FOOD_LICENCE, type IntakeBody, person, TOWNSHIP_RELIEF, waitForDemoCatalog } from './support/cases.js';
import { TestClock } from './support/clock.js';
import { DEMO_ENV } from './support/staff.js';
import { eventually, TestNetwork } from './support/test-network.js';

const CITY = '640100000000';
const XQ = '640104000000';
const ZZ = '640104100000';
const YN = '640121000000';
const calendar = WorkingCalendar.official();

describe('the monthly assessment (效能考核): figures from what the city observed, the index and ranking, a month closed and recomputed from the event log', () => {
  const clock = new TestClock();
  const net = new TestNetwork(
    [
      { code: CITY, tier: 'city', name: '银川市民大厅' },
      { code: XQ, tier: 'county', parent: CITY, name: '兴庆区政务服务中心' },
      { code: ZZ, tier: 'township', parent: XQ, name: '掌政镇便民服务中心' },
      { code: YN, tier: 'county', parent: CITY, name: '永宁县政务服务中心' },
    ],
    { ...DEMO_ENV, ...clock.env() },
  );
  const desk = new CaseDesk(net);
  const post = async (node: string, login: string, path: string, body: Record<string, unknown> = {}) =>
    request(net.url(node)).post(path).set({ authorization: `Bearer ${(await desk.session(node, login)).accessToken}` }).send(body);
  const ok = async (res: request.Response, what: string) => {
    if (res.status >= 300) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as Record<string, unknown>;
  };
  const intake = async (node: string, login: string, body: IntakeBody): Promise<string> => ((await ok(await desk.intake(node, login, body), `intake at ${node}`)) as unknown as CaseDetail).caseNumber;
  const food = (tag: string): IntakeBody => ({ itemCode: FOOD_LICENCE.code, applicant: person(tag), channel: '1', materials: FOOD_LICENCE.materials });
  const relief = (tag: string): IntakeBody => ({ itemCode: TOWNSHIP_RELIEF.code, applicant: person(tag), channel: '1', materials: TOWNSHIP_RELIEF.materials });
  const steps = async (node: string, login: string, no: string, list: Array<[string, Record<string, unknown>, string?]>) => {
    for (const [path, body, who] of list) await ok(await desk.act(node, who ?? login, no, path, body), `${path} on ${no} at ${node}`);
  };
  const figuresOf = (r: MonthlyReport): Record<string, CentreFigures> =>
    Object.fromEntries([...r.counties, ...r.townships.flatMap((t) => t.ranked), ...(r.city ? [r.city] : [])].map((c: RankedCentre) => [c.figures.node, c.figures]));

  beforeAll(async () => {
    await clock.setLocal('2027-03-01T09:00'); // a Monday
    await net.init();
    await net.start();
    await waitForDemoCatalog(net, [
      { code: XQ, county: true },
      { code: ZZ, county: true },
      { code: YN, county: true },
    ]);
  });

  afterAll(async () => {
    await net.stop();
    clock.remove();
  });

  it('computes each centre\'s March figures as counted here, ranks them, closes March, and recomputes it from the event log exactly', async () => {
    // 掌政镇 decides three relief cases of its own: two rated (one very satisfied, one very dissatisfied), one left open.
    const a = await intake(ZZ, 'clerk', relief('甲'));
    const b = await intake(ZZ, 'clerk', relief('乙'));
    await intake(ZZ, 'clerk', relief('丙'));
    const decideRelief = [['take-up', {}], ['approve', { resultName: '临时救助金发放决定', resultNumber: 'LSJZ-2027-101' }], ['deliver', delivery()]] as Array<[string, Record<string, unknown>]>;
    await steps(ZZ, 'clerk', a, [...decideRelief, ['rating', { level: '1', channel: '1' }]]);
    await steps(ZZ, 'clerk', b, [...decideRelief, ['rating', { level: '5', channel: '1', comment: '态度差' }]]);

    // Two food licences taken in at 掌政镇 go to 兴庆区: one decided at once, one past its deadline after a supervision order.
    const d = await intake(ZZ, 'clerk', food('丁'));
    const e = await intake(ZZ, 'clerk', food('戊'));
    for (const no of [d, e]) await desk.waitForStatus(XQ, 'operator', no, 'accepted', XQ);
    const approve = { resultName: '食品经营许可证', resultNumber: 'JY16401040000101', validUntil: '2032-02-28' };
    await steps(XQ, 'operator', d, [['take-up', {}], ['approve', approve, 'operator-b']]);
    await steps(XQ, 'operator', e, [['take-up', {}]]);
    await desk.waitForStatus(CITY, 'coordinator', e, 'under_review', XQ);
    const order = await ok(await post(CITY, 'coordinator', '/supervision/orders', { caseNumber: e, content: '请尽快办结' }), 'order');
    await eventually(async () => (await desk.get(XQ, 'operator', `/supervision/orders/${order.id as string}`)).status, (s) => s === 200);
    await ok(await post(XQ, 'operator', `/supervision/orders/${order.id as string}/answer`, { content: '正在现场核查' }), 'answer');
    const due = ((await desk.detail(XQ, 'operator', e)) as CaseDetail & { dueDate: string }).dueDate;
    await clock.setLocal(`${calendar.addWorkingDays(due, 1)}T10:00`);
    await steps(XQ, 'operator', e, [['approve', { ...approve, resultNumber: 'JY16401040000102' }, 'operator-b']]);

    // Complaints: one against 掌政镇, taken at its own counter, upheld by 兴庆区; one against 兴庆区 from the public, not upheld by the city.
    const c1 = await ok(await post(ZZ, 'clerk', '/complaints', { againstNode: ZZ, caseNumber: b, channel: 'counter', complainant: { name: '乙', phone: '13995012345' }, content: '窗口态度生硬' }), 'complaint');
    await eventually(async () => (await desk.get(XQ, 'operator', `/complaints/${c1.id as string}`)).status, (st) => st === 200);
    await ok(await post(XQ, 'operator', `/complaints/${c1.id as string}/answer`, { content: '经核实属实，已批评教育', outcome: 'upheld' }), 'answer c1');
    const c2 = await ok(await request(net.url(ZZ)).post('/public/complaints').send({ againstNode: XQ, complainant: { name: '庚', phone: '13995012346' }, content: '审批太慢' }), 'public complaint');
    const c2id = await eventually(async () => ((await desk.get(CITY, 'coordinator', '/complaints', { number: c2.number })).body as { items: Array<{ id: string }> }).items[0]?.id, (id) => id !== undefined);
    await ok(await post(CITY, 'coordinator', `/complaints/${c2id!}/answer`, { content: '经核实在时限内，不属实', outcome: 'not_upheld' }), 'answer c2');
    await eventually(async () => ((await desk.get(CITY, 'coordinator', `/complaints/${c1.id as string}`)).body as { outcome: { code: string } | null }).outcome?.code, (o) => o === 'upheld');

    // 永宁县 takes one in at its own counter and decides it the same day.
    await clock.setLocal(`${clock.today()}T11:00`);
    const f = await intake(YN, 'operator', food('己'));
    await steps(YN, 'operator', f, [['take-up', {}], ['approve', { ...approve, resultNumber: 'JY16401210000101' }, 'operator-b']]);
    expect(clock.today() < '2027-04-01').toBe(true);

    // Everything has reached the city: its copy of each case is at the version the holder has.
    for (const [node, login, no] of [[ZZ, 'clerk', a], [ZZ, 'clerk', b], [XQ, 'operator', d], [XQ, 'operator', e], [YN, 'operator', f]] as const) {
      const there = await desk.detail(node, login, no);
      await desk.waitFor(CITY, 'coordinator', no, (c) => c.version >= there.version, 30000);
    }
    await eventually(async () => (await desk.get(CITY, 'coordinator', '/supervision/orders/' + (order.id as string))).body as { status: string }, (o) => o.status === 'answered');

    await clock.setLocal('2027-04-01T09:00');
    const march = (await ok(await desk.get(CITY, 'coordinator', '/assessment/months/2027-03'), 'report')) as unknown as MonthlyReport;
    expect(march.status).toBe('open');
    const fig = figuresOf(march);
    // The count made here, case by case.
    expect(fig[ZZ]).toMatchObject({ received: 5, decided: 2, onTime: 2, late: 0, onTimeRate: 1, ratingsTotal: 2, poorShare: 0.5, ratings: { '1': 1, '2': 0, '3': 0, '4': 0, '5': 1 }, rectificationsOpened: 1 });
    expect(fig[ZZ]).toMatchObject({ complaintsReceived: 1, complaintsUpheld: 1, rectificationsDue: 1, rectificationsAnsweredInTime: 0 });
    expect(fig[XQ]).toMatchObject({ received: 0, decided: 2, onTime: 1, late: 1, onTimeRate: 0.5, ordersReceived: 1, ordersDue: 1, ordersAnsweredInTime: 1, ordersFlagged: 0, complaintsReceived: 1, complaintsUpheld: 0 });
    expect(fig[YN]).toMatchObject({ received: 1, decided: 1, onTime: 1, late: 0, onTimeRate: 1 });
    expect(fig[CITY]).toMatchObject({ received: 0, decided: 0 });
    // 永宁县 was on time: it ranks above 兴庆区, whose breakdown shows why.
    expect(march.counties.map((c) => [c.figures.node, c.rank])).toEqual([
      [YN, 1],
      [XQ, 2],
    ]);
    const xq = march.counties[1]!;
    expect(xq.parts.find((p) => p.code === 'onTime')).toMatchObject({ value: 0.5, score: 50, weight: 35, points: 17.5 });
    expect(xq.index).toBe(Math.round(xq.parts.reduce((n, p) => n + p.points, 0) * 100) / 100);
    expect(march.townships.find((t) => t.county === XQ)!.ranked.map((r) => r.figures.node)).toEqual([ZZ]);
    expect(march.lateCases.map((c) => c.caseNumber)).toEqual([e]);

    // April is not over: it cannot be closed. March can, once.
    expect((await post(CITY, 'coordinator', '/assessment/months/2027-04/close')).body).toMatchObject({ code: 'ASSESSMENT_MONTH_NOT_OVER' });
    expect((await post(CITY, 'auditor', '/assessment/months/2027-03/close')).status).toBe(403);
    const closed = await ok(await post(CITY, 'coordinator', '/assessment/months/2027-03/close'), 'close');
    expect(closed).toMatchObject({ month: '2027-03', weightsVersion: 1, report: { status: 'closed' } });
    expect((await post(CITY, 'coordinator', '/assessment/months/2027-03/close')).body).toMatchObject({ code: 'ASSESSMENT_MONTH_CLOSED' });

    // New weights (with a reason) apply to the open months; the closed month keeps its figures, index and weights.
    const bad = await post(CITY, 'coordinator', '/assessment/weights', { weights: { onTime: 40, speed: 15, satisfaction: 25, supervision: 10, rectification: 5, complaints: 10 }, reason: '加重按时办结' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('weights');
    const w2 = await ok(await post(CITY, 'coordinator', '/assessment/weights', { weights: { onTime: 40, speed: 10, satisfaction: 25, supervision: 10, rectification: 5, complaints: 10 }, reason: '加重按时办结' }), 'weights');
    expect(w2).toMatchObject({ version: 2, changedByName: expect.any(String), reason: '加重按时办结' });
    const frozen = (await ok(await desk.get(CITY, 'auditor', '/assessment/months/2027-03'), 'frozen')) as unknown as MonthlyReport;
    expect(frozen).toMatchObject({ status: 'closed', weightsVersion: 1 });
    expect(frozen.counties).toEqual(march.counties);
    expect(((await ok(await desk.get(CITY, 'coordinator', '/assessment/months/2027-04'), 'april')) as unknown as MonthlyReport).weightsVersion).toBe(2);

    // The auditor recomputes March from the event log: the same figures, exactly.
    const again = await ok(await post(CITY, 'auditor', '/assessment/months/2027-03/recompute'), 'recompute');
    expect(again).toMatchObject({ month: '2027-03', comparedWith: 'frozen', equal: true, differences: [] });
    expect(again.read).toMatchObject({ caseSteps: expect.any(Number), complaints: 2 });
    expect((again.read as { caseSteps: number }).caseSteps).toBeGreaterThan(10);
    expect((await desk.get(CITY, 'coordinator', '/assessment/months/2027-13')).status).toBe(400);

    // The report (通报) as a PDF and as a workbook, read back: the frozen ranking and figures.
    const auth = { authorization: `Bearer ${(await desk.session(CITY, 'auditor')).accessToken}` };
    const pdf = await request(net.url(CITY)).get('/assessment/months/2027-03/report.pdf').set(auth).buffer(true).parse(binary);
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toContain('application/pdf');
    expect((pdf.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
    const xlsx = await request(net.url(CITY)).get('/assessment/months/2027-03/report.xlsx').set(auth).buffer(true).parse(binary);
    expect(xlsx.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.body as unknown as ArrayBuffer);
    expect(book.worksheets.map((w) => w.name)).toEqual(['排名', '指标', '超期办件', '说明']);
    const cells = (name: string) => book.getWorksheet(name)!.getSheetValues().flat().map((v) => (v && typeof v === 'object' && 'result' in v ? (v as { result: unknown }).result : v));
    expect(cells('排名')).toEqual(expect.arrayContaining(['兴庆区政务服务中心', '永宁县政务服务中心', xq.index]));
    expect(cells('超期办件')).toContain(e);
  });
});
