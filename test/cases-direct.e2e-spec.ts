import {
  type CaseDetail,
  CaseDesk,
  cityHasWholeTimeline,
  delivery,
  FOOD_LICENCE,
  type IntakeBody,
  organisation,
  parkedAt,
  person,
  PHARMACY_LICENCE,
  TOWNSHIP_RELIEF,
  waitForDemoCatalog,
} from './support/cases.js';
import { DEMO_ENV } from './support/staff.js';
import { TestNetwork } from './support/test-network.js';

// 东莞市 and one of its towns: a city with no counties, its townships directly under it (see libs/cases routing.spec.ts).
const CITY = '441900000000';
const TOWN = '441900100000';

const steps = (c: CaseDetail) => c.timeline.map((t) => t.action.code);

describe('cases at a township directly under the city (no county between)', () => {
  const net = new TestNetwork(
    [
      { code: CITY, tier: 'city', name: '东莞市民服务中心' },
      { code: TOWN, tier: 'township', parent: CITY, name: '测试镇便民服务中心' },
    ],
    DEMO_ENV,
  );
  const desk = new CaseDesk(net);
  const made: string[] = [];

  const takeIn = async (body: IntakeBody): Promise<CaseDetail> => {
    const res = await desk.intake(TOWN, 'clerk', body);
    if (res.status !== 201) throw new Error(`intake refused: ${res.status} ${JSON.stringify(res.body)}`);
    made.push(res.body.caseNumber);
    return res.body as CaseDetail;
  };
  const ok = (res: { status: number; body: unknown }) => {
    if (res.status !== 200) throw new Error(`expected 200, got ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body as CaseDetail;
  };

  beforeAll(async () => {
    await net.init();
    await net.start();
    await waitForDemoCatalog(net, [{ code: TOWN }]);
  });

  afterAll(async () => {
    await net.stop();
  });

  it('sends a county-level licence straight up to the city, which decides it as the county would (一审一核), with one correction on the way', async () => {
    const taken = await takeIn({ itemCode: FOOD_LICENCE.code, applicant: person('直管'), channel: '1', materials: FOOD_LICENCE.materials });
    const no = taken.caseNumber;
    expect(taken).toMatchObject({ status: { code: 'in_transit_up' }, holder: CITY, intakeNode: TOWN, decidingNode: CITY });
    expect(steps(taken)).toEqual(['intake_complete', 'accept', 'hand_up']);

    await desk.waitForStatus(CITY, 'approver', no, 'accepted', CITY);
    const inbox = await desk.get(CITY, 'approver', '/cases/inbox');
    expect((inbox.body.items as CaseDetail[]).map((c) => c.caseNumber)).toContain(no);
    ok(await desk.act(CITY, 'approver', no, 'take-up'));
    ok(await desk.act(CITY, 'approver', no, 'request-correction', { items: ['营业执照须为最新版本'] }));

    // The correction taken in at the township travels straight to the city.
    await desk.waitForStatus(TOWN, 'clerk', no, 'awaiting_correction', CITY);
    expect(ok(await desk.act(TOWN, 'clerk', no, 'correction-received', { note: '已换发营业执照' })).request).toMatchObject({ sentTo: CITY });
    await desk.waitForStatus(CITY, 'approver', no, 'under_review', CITY);

    const same = await desk.act(CITY, 'approver', no, 'approve', { resultName: '食品经营许可证', resultNumber: 'JY1441900001' });
    expect({ status: same.status, code: same.body.code }).toEqual({ status: 403, code: 'CASE_SAME_PERSON_REVIEW_AND_APPROVAL' });
    const approved = ok(await desk.act(CITY, 'approver-b', no, 'approve', { resultName: '食品经营许可证', resultNumber: 'JY1441900001', validUntil: '2031-12-31' }));
    expect(approved).toMatchObject({ outcome: 'approved', status: { code: 'result_in_transit_down' }, holder: TOWN });

    await desk.waitForStatus(TOWN, 'clerk', no, 'awaiting_delivery', TOWN);
    expect(ok(await desk.act(TOWN, 'clerk', no, 'deliver', delivery())).documents.map((d) => d.number)).toEqual([`SL-${no}`, `BZ-${no}`, `SD-${no}`]);
    const rated = ok(await desk.act(TOWN, 'clerk', no, 'rating', { level: '5', channel: '1', comment: '等待时间太长' }));
    expect(rated.rating).toMatchObject({ level: '5', followUp: true });
    expect(await desk.waitFor(CITY, 'coordinator', no, (c) => c.status.code === 'rated')).toMatchObject({ version: rated.version, rating: { level: '5', followUp: true } });
  });

  it('takes a city matter in and lets the city allow its withdrawal; "withdrawn" comes straight down', async () => {
    const taken = await takeIn({ itemCode: PHARMACY_LICENCE.code, applicant: organisation('直管'), channel: '2', materials: PHARMACY_LICENCE.materials });
    const no = taken.caseNumber;
    expect(taken).toMatchObject({ holder: CITY, decidingNode: CITY });
    await desk.waitForStatus(TOWN, 'clerk', no, 'accepted', CITY);
    expect(ok(await desk.act(TOWN, 'clerk', no, 'withdrawal', { reason: '暂不开办' })).request).toMatchObject({ sentTo: CITY });
    await desk.waitFor(CITY, 'approver', no, (c) => c.withdrawalRequested);
    expect(ok(await desk.act(CITY, 'approver-b', no, 'withdrawal/allow'))).toMatchObject({ outcome: 'withdrawn', holder: TOWN });
    expect(await desk.waitForStatus(TOWN, 'clerk', no, 'awaiting_delivery', TOWN)).toMatchObject({ outcome: 'withdrawn', withdrawalRequested: false });
  });

  it('decides a township matter at the township, the city keeping a copy', async () => {
    const taken = await takeIn({ itemCode: TOWNSHIP_RELIEF.code, applicant: person('直管救助'), channel: '1', materials: TOWNSHIP_RELIEF.materials });
    const no = taken.caseNumber;
    expect(taken).toMatchObject({ status: { code: 'accepted' }, holder: TOWN, decidingNode: TOWN });
    ok(await desk.act(TOWN, 'clerk', no, 'take-up'));
    ok(await desk.act(TOWN, 'clerk-b', no, 'deny', { reason: '家庭收入超过救助标准' }));
    ok(await desk.act(TOWN, 'clerk', no, 'deliver', delivery()));
    expect(await desk.waitFor(CITY, 'coordinator', no, (c) => c.status.code === 'delivered')).toMatchObject({ outcome: 'denied', result: { reason: '家庭收入超过救助标准' } });
  });

  it("keeps at the city each case's whole timeline, and nothing parked", async () => {
    expect(made).toHaveLength(3);
    for (const no of made) {
      const seen = await cityHasWholeTimeline(desk, no, [[TOWN, 'clerk']], [CITY, 'coordinator']);
      expect(seen.city.ids.length).toBeGreaterThan(0);
    }
    for (const node of [TOWN, CITY]) expect((await parkedAt(net, node)).filter((d) => d.type?.startsWith('case.'))).toEqual([]);
  });
});
