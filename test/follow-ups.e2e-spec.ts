import request from 'supertest';
import { drawFollowUps } from '#libs/assessment';
import { CaseDesk, CHINESE, type CaseDetail, type ErrorBody, FOOD_LICENCE, organisation, parkedAt, person, PHARMACY_LICENCE, TOWNSHIP_RELIEF, waitForDemoCatalog } from './support/cases.js';
import { TestClock } from './support/clock.js';
import { clockedNetwork } from './support/networks.js';
import { eventually } from './support/test-network.js';

const CITY = '640100000000';
const COUNTY = '640104000000';
const TOWN = '640104100000';
const MONTH = '2027-03';
const SEED = 'e2e-抽查-2027-03';

interface FollowUp {
  id: string;
  caseNumber: string;
  stratum: string;
  decidingNode: string;
  intakeNode: string;
  itemName: string;
  closedOn: string;
  status: string;
  calls: Array<{ reached: boolean; byName: string }>;
  result?: { reached: boolean; satisfied?: boolean; problems?: string };
  problemFound: boolean;
  rectificationId?: string;
  rectification?: Item;
}
interface Draw {
  id: string;
  month: string;
  seed: string;
  size: number;
  candidateCount: number;
  candidatesDigest: string;
  strata: Array<{ stratum: string; name: string; candidates: number; drawn: number }>;
  items: FollowUp[];
}
interface Item {
  id: string;
  caseNumber: string;
  node: string;
  source: string;
  followUpId?: string;
  problem?: string;
  ratingLevel?: string;
  status: string;
  answer?: { content: string };
}

describe('random follow-ups (抽查回访): the month\'s draw at the city and the rectification a problem opens, through the real broker', () => {
  const clock = new TestClock();
  const net = clockedNetwork(clock);
  const desk = new CaseDesk(net);
  /** The cases closed in March, with the node that decided each. */
  const closed: Array<{ caseNumber: string; decidingNode: string }> = [];
  let live = '';

  const ok = async (res: Promise<request.Response> | request.Response, status = 200): Promise<CaseDetail> => {
    const r = await res;
    if (r.status !== status) throw new Error(`expected ${status}, got ${r.status}: ${JSON.stringify(r.body)}`);
    return r.body as CaseDetail;
  };
  const post = async (node: string, login: string, path: string, body: Record<string, unknown>) =>
    request(net.url(node)).post(path).set({ authorization: `Bearer ${(await desk.session(node, login)).accessToken}` }).send(body);
  const rectificationsAt = async (node: string, login: string, query: Record<string, unknown>): Promise<Item[]> => {
    const res = await desk.get(node, login, '/rectifications', query);
    if (res.status !== 200) throw new Error(`GET /rectifications at ${node}: ${res.status} ${JSON.stringify(res.body)}`);
    return (res.body as { items: Item[] }).items;
  };

  /** A food licence taken in at the township and approved at the county (一审一核: the B post approves). */
  const foodLicenceClosed = async (tag: string): Promise<void> => {
    const no = (await ok(desk.intake(TOWN, 'clerk', { itemCode: FOOD_LICENCE.code, applicant: person(tag), channel: '1', materials: FOOD_LICENCE.materials }), 201)).caseNumber;
    await desk.waitForStatus(COUNTY, 'operator', no, 'accepted', COUNTY);
    await ok(desk.act(COUNTY, 'operator', no, 'take-up'));
    await ok(desk.act(COUNTY, 'operator-b', no, 'approve', { resultName: '食品经营许可证', resultNumber: `JY1640104${tag}`, validUntil: '2031-12-31' }));
    closed.push({ caseNumber: no, decidingNode: COUNTY });
  };

  /** A pharmacy licence taken in at the township, passed up by the county and approved at the city. */
  const pharmacyLicenceClosed = async (tag: string): Promise<void> => {
    const no = (await ok(desk.intake(TOWN, 'clerk', { itemCode: PHARMACY_LICENCE.code, applicant: organisation(tag), channel: '1', materials: PHARMACY_LICENCE.materials }), 201)).caseNumber;
    await desk.waitForStatus(CITY, 'approver', no, 'accepted', CITY);
    await ok(desk.act(CITY, 'approver', no, 'take-up'));
    await ok(desk.act(CITY, 'approver-b', no, 'approve', { resultName: '药品经营许可证', resultNumber: `宁AA95${tag}`, validUntil: '2031-06-30' }));
    closed.push({ caseNumber: no, decidingNode: CITY });
  };

  /** A relief the township decides itself. */
  const reliefClosed = async (tag: string): Promise<void> => {
    const no = (await ok(desk.intake(TOWN, 'clerk', { itemCode: TOWNSHIP_RELIEF.code, applicant: person(tag), channel: '1', materials: TOWNSHIP_RELIEF.materials }), 201)).caseNumber;
    await ok(desk.act(TOWN, 'clerk', no, 'take-up'));
    await ok(desk.act(TOWN, 'clerk', no, 'approve', { resultName: '临时救助金发放决定', resultNumber: `LSJZ-2027-${tag}` }));
    closed.push({ caseNumber: no, decidingNode: TOWN });
  };

  const drawOf = async (login = 'coordinator'): Promise<Draw> => {
    const res = await desk.get(CITY, login, `/follow-ups/draws/${MONTH}`);
    if (res.status !== 200) throw new Error(`GET draw: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as Draw;
  };

  beforeAll(async () => {
    await clock.setLocal('2027-03-01T09:00'); // a Monday
    await net.init();
    await net.start();
    await waitForDemoCatalog(net, [{ code: COUNTY, county: true }, { code: TOWN, county: true }]);
    // March: three licences decided by the county, a relief by the township (the county's area), two licences by the city.
    for (const tag of ['301', '302', '303']) await foodLicenceClosed(tag);
    await reliefClosed('304');
    for (const tag of ['10305', '10306']) await pharmacyLicenceClosed(tag);
    // One case still open at the county: not a candidate.
    live = (await ok(desk.intake(TOWN, 'clerk', { itemCode: FOOD_LICENCE.code, applicant: person('在办'), channel: '1', materials: FOOD_LICENCE.materials }), 201)).caseNumber;
    // The city's monitor has seen them all close, in March.
    for (const c of closed) {
      await eventually(
        async () => (await desk.get(CITY, 'coordinator', `/monitor/cases/${c.caseNumber}`)).body as { live: boolean; closedOn: string | null },
        (row) => row.live === false && row.closedOn?.startsWith(MONTH) === true,
      );
    }
    await clock.setLocal('2027-04-01T09:00');
  });

  afterAll(async () => {
    await net.stop();
    clock.remove();
  });

  it('draws the month\'s closed cases stratified by county-level area, and a redraw from the recorded seed gives the same cases', async () => {
    // Not before the month is over, and not a month with nothing closed.
    const early = await post(CITY, 'coordinator', '/follow-ups/draws', { month: '2027-04' });
    expect({ status: early.status, code: (early.body as ErrorBody).code }).toEqual({ status: 409, code: 'FOLLOW_UP_MONTH_NOT_OVER' });
    const empty = await post(CITY, 'coordinator', '/follow-ups/draws', { month: '2027-02' });
    expect({ status: empty.status, code: (empty.body as ErrorBody).code }).toEqual({ status: 409, code: 'FOLLOW_UP_NO_CANDIDATES' });
    expect((await post(CITY, 'auditor', '/follow-ups/draws', { month: MONTH })).status).toBe(403);

    const res = await post(CITY, 'coordinator', '/follow-ups/draws', { month: MONTH, size: 3, seed: SEED });
    expect(res.status).toBe(201);
    const draw = res.body as Draw;
    // Six closed, the open one left out; one case each, and the third seat to the larger area (4 × 1/6 against 2 × 1/6).
    expect(draw).toMatchObject({ month: MONTH, seed: SEED, size: 3, candidateCount: 6 });
    expect(draw.strata).toEqual([
      { stratum: CITY, name: '银川市民大厅', candidates: 2, drawn: 1 },
      { stratum: COUNTY, name: '兴庆区政务服务中心', candidates: 4, drawn: 2 },
    ]);
    expect(draw.items).toHaveLength(3);
    for (const item of draw.items) {
      const source = closed.find((c) => c.caseNumber === item.caseNumber);
      expect(source).toBeDefined();
      expect(item).toMatchObject({ decidingNode: source!.decidingNode, stratum: source!.decidingNode === CITY ? CITY : COUNTY, intakeNode: TOWN, status: 'pending', calls: [], problemFound: false });
      expect(item.itemName).toMatch(CHINESE);
      expect(item.closedOn.startsWith(MONTH)).toBe(true);
    }
    expect(draw.items.map((i) => i.caseNumber)).not.toContain(live);

    // Anyone can redo it from the seed and the list of the month's closed cases.
    expect(draw.items.map((i) => i.caseNumber)).toEqual(drawFollowUps(closed, 3, SEED).cases.map((c) => c.caseNumber));

    // Once a month: the second draw is refused with the first.
    const again = await post(CITY, 'coordinator', '/follow-ups/draws', { month: MONTH, seed: 'another' });
    expect({ status: again.status, code: (again.body as ErrorBody).code }).toEqual({ status: 409, code: 'FOLLOW_UP_DRAW_EXISTS' });
    expect((again.body as { draw: Draw }).draw).toMatchObject({ id: draw.id, seed: SEED });

    // The auditor reads it and has it redrawn.
    expect((await drawOf('auditor')).items.map((i) => i.id)).toEqual(draw.items.map((i) => i.id));
    const verified = await post(CITY, 'auditor', `/follow-ups/draws/${MONTH}/verify`, {});
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({
      month: MONTH,
      seed: SEED,
      same: true,
      recorded: { candidateCount: 6, candidatesDigest: draw.candidatesDigest, intact: true },
      redrawn: { candidateCount: 6, cases: draw.items.map((i) => i.caseNumber) },
      current: { candidateCount: 6, sameAsRecorded: true },
    });
  });

  it('opens a rectification item at the county that decided a case when the call finds a problem, and the city sees it', async () => {
    const draw = await drawOf();
    const item = draw.items.find((i) => i.decidingNode === COUNTY)!;
    const calledAt = () => clock.now().toISOString();

    // The first call does not reach the applicant: recorded, and the follow-up stays open.
    const missed = await post(CITY, 'coordinator', `/follow-ups/${item.id}/result`, { reached: false, note: '无人接听', calledAt: calledAt() });
    expect(missed.status).toBe(200);
    expect(missed.body).toMatchObject({ status: 'unreached', problemFound: false, calls: [{ reached: false }] });

    const problem = '申请人反映窗口要求重复提交营业执照复印件，往返两次';
    const found = await post(CITY, 'coordinator', `/follow-ups/${item.id}/result`, { reached: true, satisfied: false, problems: problem, calledAt: calledAt() });
    expect(found.status).toBe(200);
    const done = found.body as FollowUp;
    expect(done).toMatchObject({ status: 'completed', problemFound: true, result: { reached: true, satisfied: false, problems: problem } });
    expect(done.calls).toHaveLength(2);
    expect(done.calls[1]!.byName).toMatch(CHINESE);

    // The county opens the item (the city wrote nothing of the county's) and reports it to the city.
    const atCounty = await eventually(() => rectificationsAt(COUNTY, 'operator', { caseNumber: item.caseNumber }), (l) => l.length === 1);
    expect(atCounty[0]).toMatchObject({ id: done.rectificationId, node: COUNTY, source: 'follow_up', followUpId: item.id, problem, status: 'open' });
    expect(atCounty[0]!.ratingLevel).toBeUndefined();
    const atCity = await eventually(() => rectificationsAt(CITY, 'coordinator', { caseNumber: item.caseNumber, source: 'follow_up' }), (l) => l.length === 1);
    expect(atCity[0]).toMatchObject({ id: done.rectificationId, node: COUNTY, source: 'follow_up', problem });
    expect(await rectificationsAt(TOWN, 'clerk', { caseNumber: item.caseNumber })).toEqual([]);

    // The county answers it as it would a poor rating's item; the city's follow-up shows the item as it goes.
    expect((await post(COUNTY, 'operator', `/rectifications/${done.rectificationId}/answer`, { content: '已取消重复提交要求，向申请人致歉' })).status).toBe(200);
    const followed = await eventually(async () => (await desk.get(CITY, 'coordinator', `/follow-ups/${item.id}`)).body as FollowUp, (f) => f.rectification?.status === 'answered');
    expect(followed.rectification).toMatchObject({ id: done.rectificationId, answer: { content: '已取消重复提交要求，向申请人致歉' } });

    // The result is final.
    const twice = await post(CITY, 'coordinator', `/follow-ups/${item.id}/result`, { reached: true, satisfied: true, calledAt: calledAt() });
    expect({ status: twice.status, code: (twice.body as ErrorBody).code }).toEqual({ status: 409, code: 'FOLLOW_UP_COMPLETED' });
    const completed = await desk.get(CITY, 'auditor', '/follow-ups', { month: MONTH, status: 'completed' });
    expect((completed.body as { items: FollowUp[] }).items.map((f) => f.id)).toEqual([item.id]);
  });

  it('opens the item at the city at once for a case the city decided itself', async () => {
    const item = (await drawOf()).items.find((i) => i.decidingNode === CITY)!;
    const res = await post(CITY, 'coordinator', `/follow-ups/${item.id}/result`, { reached: true, satisfied: false, problems: '审批结果未按承诺告知', calledAt: clock.now().toISOString() });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'completed', rectification: { node: CITY, source: 'follow_up', followUpId: item.id, status: 'open' } });
    expect(await rectificationsAt(CITY, 'coordinator', { caseNumber: item.caseNumber })).toHaveLength(1);
  });

  it('refuses a bad body with a 400 naming the field', async () => {
    const field = (body: unknown) => ((body as ErrorBody).errors ?? []).map((e) => e.field);
    const month = await post(CITY, 'coordinator', '/follow-ups/draws', { month: '2027-13' });
    expect(month.status).toBe(400);
    expect(field(month.body)).toEqual(['month']);
    const size = await post(CITY, 'coordinator', '/follow-ups/draws', { month: MONTH, size: 0 });
    expect(size.status).toBe(400);
    expect(field(size.body)).toEqual(['size']);

    const pending = (await drawOf()).items.find((i) => i.status === 'pending')!;
    const unreachedButSatisfied = await post(CITY, 'coordinator', `/follow-ups/${pending.id}/result`, { reached: false, satisfied: true, problems: '无', calledAt: clock.now().toISOString() });
    expect(unreachedButSatisfied.status).toBe(400);
    expect(field(unreachedButSatisfied.body)).toEqual(['satisfied', 'problems']);
    expect((unreachedButSatisfied.body as ErrorBody).errors![0]).toMatchObject({ rule: 'onlyWhenReached', message: expect.stringMatching(CHINESE) });
    const noTime = await post(CITY, 'coordinator', `/follow-ups/${pending.id}/result`, { reached: true });
    expect(noTime.status).toBe(400);
    expect(field(noTime.body)).toEqual(['calledAt']);
    const future = await post(CITY, 'coordinator', `/follow-ups/${pending.id}/result`, { reached: true, calledAt: new Date(clock.now().getTime() + 86_400_000).toISOString() });
    expect(future.status).toBe(400);
    expect(field(future.body)).toEqual(['calledAt']);
    // Nothing was recorded.
    expect((await desk.get(CITY, 'coordinator', `/follow-ups/${pending.id}`)).body).toMatchObject({ status: 'pending', calls: [] });
  });

  it('parks nothing at any node', async () => {
    for (const node of [CITY, COUNTY, TOWN]) expect((await parkedAt(net, node)).filter((d) => d.type?.startsWith('rectification') || d.type?.startsWith('case.'))).toEqual([]);
  });
});
