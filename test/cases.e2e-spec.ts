import request from 'supertest';
import { formatCaseNumber } from '#libs/cases';
import {
  type CaseDetail,
  CaseDesk,
  CHINESE,
  cityHasWholeTimeline,
  delivery,
  type ErrorBody,
  FOOD_LICENCE,
  type IntakeBody,
  newKey,
  organisation,
  parkedAt,
  person,
  PHARMACY_LICENCE,
  TOWNSHIP_RELIEF,
  waitForDemoCatalog,
  withWrongCheck,
} from './support/cases.js';
import { DEMO_ENV } from './support/staff.js';
import { eventually, TestNetwork } from './support/test-network.js';

// 银川市, 兴庆区 and 掌政镇: a township, its county and the city.
const CITY = '640100000000';
const COUNTY = '640104000000';
const TOWN = '640104100000';

const relief = (applicant: Record<string, unknown>): IntakeBody => ({ itemCode: TOWNSHIP_RELIEF.code, applicant, channel: '1', materials: TOWNSHIP_RELIEF.materials });
const foodLicence = (applicant: Record<string, unknown>, materials = FOOD_LICENCE.materials): IntakeBody => ({ itemCode: FOOD_LICENCE.code, applicant, channel: '1', materials });
const approval = (n: string) => ({ resultName: '食品经营许可证', resultNumber: `JY1640104${n}`, validUntil: '2031-12-31' });
const steps = (c: CaseDetail) => c.timeline.map((t) => t.action.code);

describe('cases (办件) across a township, its county and the city, each a separate process', () => {
  const net = new TestNetwork(
    [
      { code: CITY, tier: 'city', name: '银川市民大厅' },
      { code: COUNTY, tier: 'county', parent: CITY, name: '兴庆区政务服务中心' },
      { code: TOWN, tier: 'township', parent: COUNTY, name: '掌政镇便民服务中心' },
    ],
    DEMO_ENV,
  );
  const desk = new CaseDesk(net);
  /** Every case this file made, for the check of the city's timelines at the end. */
  const made: string[] = [];

  /** Takes a case in at the township; fails unless it was created. */
  const takeIn = async (body: IntakeBody, login = 'clerk'): Promise<CaseDetail> => {
    const res = await desk.intake(TOWN, login, body);
    if (res.status !== 201) throw new Error(`intake refused: ${res.status} ${JSON.stringify(res.body)}`);
    made.push(res.body.caseNumber);
    return res.body as CaseDetail;
  };

  /** A complete food-licence application at the township, acknowledged by the county. */
  const licenceAtCounty = async (tag: string): Promise<CaseDetail> => {
    const c = await takeIn(foodLicence(person(tag)));
    return desk.waitForStatus(COUNTY, 'operator', c.caseNumber, 'accepted', COUNTY);
  };

  const expectOk = (res: { status: number; body: unknown }, status = 200) => {
    if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body as CaseDetail;
  };

  const expectRefused = (res: { status: number; body: unknown }, status: number, code: string): ErrorBody => {
    expect({ status: res.status, code: (res.body as ErrorBody).code }).toEqual({ status, code });
    const body = res.body as ErrorBody;
    expect(body.message).toMatch(CHINESE);
    expect(body.messageEn).toMatch(/[a-z]/);
    return body;
  };

  beforeAll(async () => {
    await net.init();
    await net.start();
    await waitForDemoCatalog(net, [{ code: COUNTY, county: true }, { code: TOWN, county: true }]);
  });

  afterAll(async () => {
    await net.stop();
  });

  it('decides a township matter at the township: intake, take-up, approval, delivery and rating; the city keeps a copy', async () => {
    const applicant = person('救助');
    const taken = await takeIn(relief(applicant));
    const no = taken.caseNumber;
    expect(no).toMatch(new RegExp(`^${TOWN}\\d{14}[\\dX]$`));
    expect(taken).toMatchObject({ status: { code: 'accepted', zh: '已受理' }, holder: TOWN, intakeNode: TOWN, decidingNode: TOWN, version: 3 });
    expect(taken.documents).toEqual([expect.objectContaining({ kind: 'acceptance_notice', number: `SL-${no}`, issuedBy: TOWN })]);
    expect(steps(taken)).toEqual(['intake_complete', 'accept']);
    const notice = await desk.get(TOWN, 'clerk', `/cases/${no}/documents/SL-${no}`);
    expect(notice.status).toBe(200);
    expect(notice.body).toMatchObject({ kind: 'acceptance_notice', number: `SL-${no}`, body: { caseNumber: no, itemName: TOWNSHIP_RELIEF.name, applicantName: applicant.name } });

    const clerk = await desk.staffId(TOWN, 'clerk');
    const reviewing = expectOk(await desk.act(TOWN, 'clerk', no, 'take-up'));
    expect(reviewing).toMatchObject({ status: { code: 'under_review' }, handler: clerk, reviewer: clerk, holder: TOWN });
    // Not a licence (kind 05): the reviewer may decide it himself.
    const approved = expectOk(await desk.act(TOWN, 'clerk', no, 'approve', { resultName: '临时救助金发放决定', resultNumber: 'LSJZ-2026-001' }));
    expect(approved).toMatchObject({ status: { code: 'approved' }, holder: TOWN, outcome: 'approved', result: { outcome: 'approved', resultNumber: 'LSJZ-2026-001' } });
    const delivered = expectOk(await desk.act(TOWN, 'clerk', no, 'deliver', delivery()));
    expect(delivered.status.code).toBe('delivered');
    expect(delivered.documents.map((d) => d.number)).toEqual([`SL-${no}`, `SD-${no}`]);
    const rated = expectOk(await desk.act(TOWN, 'clerk', no, 'rating', { level: '1', channel: '1', comment: '办事快' }));
    expect(rated).toMatchObject({ status: { code: 'rated' }, rating: { level: '1', labelZh: '非常满意', channel: '1', comment: '办事快', followUp: false } });
    expect(steps(rated)).toEqual(['intake_complete', 'accept', 'take_up_for_review', 'approve', 'deliver', 'rate']);

    // The city keeps every case, this one too; the county, not on its path, never had it.
    const atCity = await desk.waitFor(CITY, 'coordinator', no, (c) => c.status.code === 'rated');
    expect(atCity).toMatchObject({ version: rated.version, rating: { level: '1' }, outcome: 'approved' });
    expect((await desk.get(COUNTY, 'operator', `/cases/${no}`)).status).toBe(404);
  });

  it('takes a county licence in with missing materials (one notice), completes it, and runs review, correction, 一审一核, result, delivery and rating', async () => {
    const [form, licence, equipment, rules] = FOOD_LICENCE.materials;
    const applicant = person('食品');
    // 1. Two of four materials: the one-time notice lists both missing ones; the case waits at the township.
    const waiting = await takeIn(foodLicence(applicant, [form!, equipment!]));
    const no = waiting.caseNumber;
    expect(waiting).toMatchObject({ status: { code: 'awaiting_materials' }, holder: TOWN, decidingNode: COUNTY });
    expect([...waiting.oneTimeNotice!].sort()).toEqual([licence!.name, rules!.name].sort());
    expect(waiting.documents).toEqual([expect.objectContaining({ kind: 'one_time_notice', number: `GZ-${no}` })]);

    // 2. Only one of the two brought: refused, the case keeps waiting on the same notice.
    const partly = expectRefused(await desk.act(TOWN, 'clerk', no, 'materials', { materials: [licence] }), 409, 'CASE_MATERIALS_INCOMPLETE');
    expect(partly.missing).toEqual([rules!.name]);
    const still = await desk.detail(TOWN, 'clerk', no);
    expect(still).toMatchObject({ version: waiting.version, status: { code: 'awaiting_materials' } });
    expect(still.documents).toHaveLength(1);

    // 3. Both brought: the same case is accepted and handed up to the county at once.
    const complete = expectOk(await desk.act(TOWN, 'clerk', no, 'materials', { materials: [licence, rules] }));
    expect(complete).toMatchObject({ caseNumber: no, status: { code: 'in_transit_up' }, holder: COUNTY });
    expect(complete.documents.map((d) => d.number)).toEqual([`GZ-${no}`, `SL-${no}`]);
    expect(steps(complete)).toEqual(['intake_incomplete', 'complete_materials', 'accept', 'hand_up']);

    // 4. The county acknowledges it on arrival; it waits in the county's inbox.
    await desk.waitForStatus(COUNTY, 'operator', no, 'accepted', COUNTY);
    const inbox = await desk.get(COUNTY, 'operator', '/cases/inbox');
    expect(inbox.status).toBe(200);
    expect((inbox.body.items as CaseDetail[]).map((c) => c.caseNumber)).toContain(no);

    // 5. 审查 by operator; one correction notice, and no second one.
    const operator = await desk.staffId(COUNTY, 'operator');
    expect(expectOk(await desk.act(COUNTY, 'operator', no, 'take-up'))).toMatchObject({ status: { code: 'under_review' }, handler: operator, reviewer: operator });
    const corrected = expectOk(await desk.act(COUNTY, 'operator', no, 'request-correction', { items: ['营业执照经营范围须含食品销售', '经营布局图须标明面积'], note: '一次性告知' }));
    expect(corrected).toMatchObject({ status: { code: 'awaiting_correction' }, correction: ['营业执照经营范围须含食品销售', '经营布局图须标明面积'] });
    expect(corrected.documents.map((d) => d.number)).toContain(`BZ-${no}`);
    expectRefused(await desk.act(COUNTY, 'operator', no, 'request-correction', { items: ['再补一项'] }), 409, 'CASE_SECOND_CORRECTION_NOTICE');

    // 6. The correction is brought to the township counter and travels to the county; review resumes there.
    await desk.waitForStatus(TOWN, 'clerk', no, 'awaiting_correction', COUNTY);
    const sent = expectOk(await desk.act(TOWN, 'clerk', no, 'correction-received', { note: '已补正营业执照和布局图' }));
    expect(sent.request).toMatchObject({ action: 'correction_received', sentTo: COUNTY });
    const resumed = await desk.waitForStatus(COUNTY, 'operator', no, 'under_review', COUNTY);
    expect(steps(resumed).slice(-2)).toEqual(['request_sent', 'correction_received']);
    // The correction was brought by the clerk at the township's counter; the county applied it.
    expect(resumed.timeline.at(-1)).toMatchObject({ node: TOWN, actor: { id: await desk.staffId(TOWN, 'clerk') } });
    // Still one correction per case, after it came back too.
    expectRefused(await desk.act(COUNTY, 'operator', no, 'request-correction', { items: ['第二次补正'] }), 409, 'CASE_SECOND_CORRECTION_NOTICE');

    // 7. 一审一核: the reviewer may not decide; his A/B backup does.
    expectRefused(await desk.act(COUNTY, 'operator', no, 'approve', approval('001')), 403, 'CASE_SAME_PERSON_REVIEW_AND_APPROVAL');
    const approved = expectOk(await desk.act(COUNTY, 'operator-b', no, 'approve', approval('001')));
    expect(approved).toMatchObject({ outcome: 'approved', status: { code: 'result_in_transit_down' }, holder: TOWN, result: { resultNumber: 'JY1640104001', by: { id: await desk.staffId(COUNTY, 'operator-b') } } });

    // 8. The result comes down to the township counter: delivered and rated there.
    const arrived = await desk.waitForStatus(TOWN, 'clerk', no, 'awaiting_delivery', TOWN);
    expect(arrived).toMatchObject({ outcome: 'approved', result: { resultNumber: 'JY1640104001' } });
    expect(expectOk(await desk.act(TOWN, 'clerk', no, 'deliver', delivery())).documents.map((d) => d.number)).toContain(`SD-${no}`);
    const rated = expectOk(await desk.act(TOWN, 'clerk', no, 'rating', { level: '2', channel: '3' }));
    expect(rated).toMatchObject({ status: { code: 'rated' }, rating: { level: '2', labelZh: '满意' } });

    // 9. The rating reaches the county and the city's copy.
    for (const [node, login] of [[COUNTY, 'operator'], [CITY, 'coordinator']] as const) {
      const there = await desk.waitFor(node, login, no, (c) => c.status.code === 'rated');
      expect(there).toMatchObject({ version: rated.version, rating: { level: '2', channel: '3' }, outcome: 'approved' });
    }
  });

  it('takes a city matter in at the township, passes it through the county to the city, and brings the result back', async () => {
    const org = organisation('甲');
    const taken = await takeIn({ itemCode: PHARMACY_LICENCE.code, applicant: org, channel: '1', materials: PHARMACY_LICENCE.materials });
    const no = taken.caseNumber;
    expect(taken).toMatchObject({ status: { code: 'in_transit_up' }, holder: COUNTY, decidingNode: CITY, applicant: { kind: 'organisation', name: org.name } });

    // The county acknowledges and passes it on by itself; the city acknowledges it.
    const passed = await desk.waitFor(COUNTY, 'operator', no, (c) => c.holder === CITY);
    expect(passed.timeline.filter((t) => t.node === COUNTY).map((t) => [t.action.code, t.actor.role])).toEqual([
      ['acknowledge', 'system'],
      ['hand_up', 'system'],
    ]);
    // The county only passes a city matter on: it cannot take it up.
    await desk.waitForStatus(CITY, 'approver', no, 'accepted', CITY);
    expect((await desk.act(COUNTY, 'operator', no, 'take-up')).status).toBe(403);

    expect(expectOk(await desk.act(CITY, 'approver', no, 'take-up')).status.code).toBe('under_review');
    expectRefused(await desk.act(CITY, 'approver', no, 'approve', { resultName: '药品经营许可证', resultNumber: '宁AA9510001' }), 403, 'CASE_SAME_PERSON_REVIEW_AND_APPROVAL');
    const approved = expectOk(await desk.act(CITY, 'approver-b', no, 'approve', { resultName: '药品经营许可证', resultNumber: '宁AA9510001', validUntil: '2031-06-30' }));
    expect(approved).toMatchObject({ status: { code: 'result_in_transit_down' }, holder: TOWN, outcome: 'approved' });

    await desk.waitForStatus(TOWN, 'clerk', no, 'awaiting_delivery', TOWN);
    // The county in between learns the result too.
    await desk.waitFor(COUNTY, 'operator', no, (c) => c.outcome === 'approved' && c.holder === TOWN);
    expectOk(await desk.act(TOWN, 'clerk', no, 'deliver', { ...delivery(), recipient: org.contactName }));
    const rated = expectOk(await desk.act(TOWN, 'clerk', no, 'rating', { level: '1', channel: '2' }));
    for (const [node, login] of [[COUNTY, 'operator'], [CITY, 'approver']] as const) {
      expect(await desk.waitFor(node, login, no, (c) => c.status.code === 'rated')).toMatchObject({ version: rated.version, rating: { level: '1' } });
    }
  });

  it('does not accept a handed-up case at the county, with reason and legal basis; the decision (BY-) goes down to the township', async () => {
    const { caseNumber: no } = await licenceAtCounty('不受理');
    const refusedCase = expectOk(
      await desk.act(COUNTY, 'operator', no, 'not-accept', { reason: '申请事项依法不需要取得行政许可', legalBasis: '《中华人民共和国行政许可法》第三十二条第一款第（一）项' }),
    );
    expect(refusedCase).toMatchObject({ outcome: 'not_accepted', status: { code: 'result_in_transit_down' }, holder: TOWN });
    expect(refusedCase.documents).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'non_acceptance_decision', number: `BY-${no}`, issuedBy: COUNTY })]));

    const down = await desk.waitForStatus(TOWN, 'clerk', no, 'awaiting_delivery', TOWN);
    expect(down.outcome).toBe('not_accepted');
    const decision = await desk.get(TOWN, 'clerk', `/cases/${no}/documents/BY-${no}`);
    expect(decision.status).toBe(200);
    expect(decision.body).toMatchObject({ kind: 'non_acceptance_decision', body: { reason: '申请事项依法不需要取得行政许可', legalBasis: expect.stringContaining('行政许可法') } });
    expect(expectOk(await desk.act(TOWN, 'clerk', no, 'deliver', delivery())).status.code).toBe('delivered');
  });

  it('sends a withdrawal asked at the township to the county that holds the case; allowed there, "withdrawn" travels down', async () => {
    const { caseNumber: no } = await licenceAtCounty('撤回');
    await desk.waitForStatus(TOWN, 'clerk', no, 'accepted', COUNTY);
    const asked = expectOk(await desk.act(TOWN, 'clerk', no, 'withdrawal', { reason: '申请人决定暂不开业' }));
    expect(asked.request).toMatchObject({ action: 'request_withdrawal', sentTo: COUNTY });

    const pending = await desk.waitFor(COUNTY, 'operator', no, (c) => c.withdrawalRequested);
    expect(steps(pending).slice(-2)).toEqual(['request_sent', 'request_withdrawal']);
    await desk.waitFor(TOWN, 'clerk', no, (c) => c.withdrawalRequested);
    const allowed = expectOk(await desk.act(COUNTY, 'operator', no, 'withdrawal/allow'));
    expect(allowed).toMatchObject({ outcome: 'withdrawn', status: { code: 'result_in_transit_down' }, holder: TOWN, withdrawalRequested: false });

    const down = await desk.waitForStatus(TOWN, 'clerk', no, 'awaiting_delivery', TOWN);
    expect(down.outcome).toBe('withdrawn');
    expect(steps(down)).toEqual(expect.arrayContaining(['allow_withdrawal', 'send_result_down', 'acknowledge']));
    await desk.waitFor(CITY, 'coordinator', no, (c) => c.outcome === 'withdrawn' && c.status.code === 'awaiting_delivery');
  });

  it('refuses a withdrawal with a reason; a special procedure pauses the case, and no decision is made until it ends', async () => {
    const { caseNumber: no } = await licenceAtCounty('特别程序');
    await desk.waitForStatus(TOWN, 'clerk', no, 'accepted', COUNTY);
    // Asked by the clerk's A/B backup at the counter; refused at the county with the reason.
    expect(expectOk(await desk.act(TOWN, 'clerk-b', no, 'withdrawal', {})).request).toMatchObject({ sentTo: COUNTY });
    await desk.waitFor(COUNTY, 'operator', no, (c) => c.withdrawalRequested);
    expectRefused(await desk.act(COUNTY, 'operator', no, 'withdrawal/refuse', {}), 400, 'VALIDATION_FAILED');
    expect(expectOk(await desk.act(COUNTY, 'operator', no, 'withdrawal/refuse', { reason: '现场核查已完成，申请人同意继续办理' })).withdrawalRequested).toBe(false);
    await desk.waitFor(TOWN, 'clerk', no, (c) => !c.withdrawalRequested && steps(c).includes('refuse_withdrawal'));

    expectOk(await desk.act(COUNTY, 'operator', no, 'take-up'));
    const inspecting = expectOk(await desk.act(COUNTY, 'operator', no, 'special-procedure/start', { kind: 'inspection', reason: '需现场核查经营场所' }));
    expect(inspecting).toMatchObject({ status: { code: 'special_procedure' }, specialProcedure: 'inspection' });
    expectRefused(await desk.act(COUNTY, 'operator-b', no, 'approve', approval('321')), 409, 'CASE_SPECIAL_PROCEDURE_RUNNING');
    expectRefused(await desk.act(COUNTY, 'operator', no, 'special-procedure/start', { kind: 'hearing', reason: '再来一个' }), 409, 'CASE_SPECIAL_PROCEDURE_RUNNING');
    expect(expectOk(await desk.act(COUNTY, 'operator', no, 'special-procedure/end', { result: '现场核查合格' }))).toMatchObject({ status: { code: 'under_review' }, specialProcedure: null });
    expectOk(await desk.act(COUNTY, 'operator-b', no, 'deny', { reason: '经营场所与申请不符' }));
    expect(await desk.waitForStatus(TOWN, 'clerk', no, 'awaiting_delivery', TOWN)).toMatchObject({ outcome: 'denied', result: { reason: '经营场所与申请不符' } });
  });

  it('takes a county licence in at the county counter itself: decided there, the city keeping a copy', async () => {
    const applicant = person('县窗口');
    const res = await desk.intake(COUNTY, 'operator', foodLicence(applicant));
    const taken = expectOk(res, 201);
    made.push(taken.caseNumber);
    const no = taken.caseNumber;
    expect(no.startsWith(COUNTY)).toBe(true);
    expect(taken).toMatchObject({ status: { code: 'accepted' }, holder: COUNTY, intakeNode: COUNTY, decidingNode: COUNTY });
    expectOk(await desk.act(COUNTY, 'operator-b', no, 'take-up'));
    // Here operator-b reviews, so operator (his backup) decides.
    expectRefused(await desk.act(COUNTY, 'operator-b', no, 'approve', approval('402')), 403, 'CASE_SAME_PERSON_REVIEW_AND_APPROVAL');
    expect(expectOk(await desk.act(COUNTY, 'operator', no, 'approve', approval('402')))).toMatchObject({ status: { code: 'approved' }, holder: COUNTY });
    expectOk(await desk.act(COUNTY, 'operator', no, 'deliver', delivery()));
    await desk.waitFor(CITY, 'coordinator', no, (c) => c.status.code === 'delivered' && c.outcome === 'approved');
    // The township never sees a case it is not on the path of.
    expect((await desk.get(TOWN, 'clerk', `/cases/${no}`)).status).toBe(404);
  });

  it("refuses a decision from a node that does not hold the case (the township clerk approving the county's case)", async () => {
    const { caseNumber: no } = await licenceAtCounty('非承办');
    await desk.waitForStatus(TOWN, 'clerk', no, 'accepted', COUNTY);
    const before = await desk.detail(TOWN, 'clerk', no);
    const refused = expectRefused(await desk.act(TOWN, 'clerk', no, 'approve', approval('900')), 403, 'CASE_NOT_HOLDER');
    expect(refused.holder).toBe(COUNTY);
    expectRefused(await desk.act(TOWN, 'clerk', no, 'not-accept', { reason: '越权', legalBasis: '无' }), 403, 'CASE_NOT_HOLDER');
    // Nothing changed, here or at the holder.
    expect((await desk.detail(TOWN, 'clerk', no)).version).toBe(before.version);
    expect(await desk.detail(COUNTY, 'operator', no)).toMatchObject({ status: { code: 'accepted' }, outcome: null });
  });

  it('lets exactly one of two simultaneous decisions win, and the case follows the winner everywhere', async () => {
    for (const round of ['with expectedVersion', 'without expectedVersion'] as const) {
      const { caseNumber: no } = await licenceAtCounty(round === 'with expectedVersion' ? '并发甲' : '并发乙');
      const reviewing = expectOk(await desk.act(COUNTY, 'operator', no, 'take-up'));
      const version = round === 'with expectedVersion' ? { expectedVersion: reviewing.version } : {};
      const [approve, deny] = await Promise.all([
        desk.act(COUNTY, 'operator-b', no, 'approve', { ...approval('777'), ...version }),
        desk.act(COUNTY, 'operator-b', no, 'deny', { reason: '现场核查不符合要求', ...version }),
      ]);
      expect([approve.status, deny.status].sort()).toEqual([200, 409]);
      const loser = approve.status === 409 ? approve : deny;
      expect(['CASE_VERSION_CONFLICT', 'CASE_ALREADY_DECIDED']).toContain((loser.body as ErrorBody).code);
      const winner = approve.status === 200 ? 'approved' : 'denied';

      const atCounty = await desk.detail(COUNTY, 'operator', no);
      expect(atCounty.outcome).toBe(winner);
      // One decision, on the version both saw (the township's acknowledgement may follow it by now).
      const decisions = atCounty.timeline.filter((t) => t.action.code === 'approve' || t.action.code === 'deny');
      expect(decisions.map((t) => [t.action.code, t.versionAfter])).toEqual([[winner === 'approved' ? 'approve' : 'deny', reviewing.version + 1]]);
      expect(atCounty.result).toMatchObject({ outcome: winner });
      // Deciding again later is refused as already decided (the result has gone down meanwhile).
      expectRefused(await desk.act(COUNTY, 'operator-b', no, winner === 'approved' ? 'deny' : 'approve', winner === 'approved' ? { reason: '再次决定' } : approval('778')), 409, 'CASE_ALREADY_DECIDED');
      const down = await desk.waitForStatus(TOWN, 'clerk', no, 'awaiting_delivery', TOWN);
      expect(down).toMatchObject({ outcome: winner, result: { outcome: winner } });
    }
  });

  it('takes cases in while the county is stopped: accepted and handed up at once, decided after the county returns; a request sent meanwhile is passed on', async () => {
    await net.node(COUNTY).stop();
    let food: CaseDetail, pharmacy: CaseDetail;
    try {
      food = await takeIn(foodLicence(person('停机')));
      expect(food).toMatchObject({ status: { code: 'in_transit_up' }, holder: COUNTY });
      expect(food.documents.map((d) => d.kind)).toEqual(['acceptance_notice']);
      expect((await desk.detail(TOWN, 'clerk', food.caseNumber)).status.code).toBe('in_transit_up');
      // A city matter, and its withdrawal asked at once: sent to the county, which the township's copy names as holder.
      pharmacy = await takeIn({ itemCode: PHARMACY_LICENCE.code, applicant: organisation('乙'), channel: '1', materials: PHARMACY_LICENCE.materials });
      expect(pharmacy).toMatchObject({ status: { code: 'in_transit_up' }, holder: COUNTY });
      const asked = expectOk(await desk.act(TOWN, 'clerk', pharmacy.caseNumber, 'withdrawal', { reason: '材料需重新准备' }));
      expect(asked.request).toMatchObject({ action: 'request_withdrawal', sentTo: COUNTY });
    } finally {
      // The county back, whatever happened above: the later tests need it.
      if (!net.node(COUNTY).running) await net.start([COUNTY]);
    }

    // The county acknowledges the licence, which is decided there as usual.
    const no = food.caseNumber;
    await desk.waitForStatus(COUNTY, 'operator', no, 'accepted', COUNTY, 90000);
    expectOk(await desk.act(COUNTY, 'operator', no, 'take-up'));
    expectOk(await desk.act(COUNTY, 'operator-b', no, 'approve', approval('555')));
    expect(await desk.waitForStatus(TOWN, 'clerk', no, 'awaiting_delivery', TOWN)).toMatchObject({ outcome: 'approved' });

    // The county had passed the city matter on before the request reached it: it passes the request on too.
    const atCity = await desk.waitFor(CITY, 'approver', pharmacy.caseNumber, (c) => c.holder === CITY && c.withdrawalRequested);
    expect(steps(atCity).filter((s) => s === 'request_sent')).toHaveLength(1);
    const allowed = expectOk(await desk.act(CITY, 'approver', pharmacy.caseNumber, 'withdrawal/allow'));
    expect(allowed).toMatchObject({ outcome: 'withdrawn', status: { code: 'result_in_transit_down' }, holder: TOWN });
    await desk.waitFor(TOWN, 'clerk', pharmacy.caseNumber, (c) => c.status.code === 'awaiting_delivery' && c.outcome === 'withdrawn');
    const between = await desk.waitFor(COUNTY, 'operator', pharmacy.caseNumber, (c) => c.outcome === 'withdrawn');
    expect(steps(between)).toEqual(expect.arrayContaining(['request_sent', 'request_withdrawal', 'allow_withdrawal']));
  });

  it('makes one case of a double-clicked intake, and refuses the same key for a different application', async () => {
    const applicant = person('双击');
    const body = relief(applicant);
    const key = newKey();
    const [a, b] = await Promise.all([desk.intake(TOWN, 'clerk', body, key), desk.intake(TOWN, 'clerk', body, key)]);
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    expect(a.body.caseNumber).toBe(b.body.caseNumber);
    made.push(a.body.caseNumber);
    expect((await desk.list(TOWN, 'clerk', { applicant: applicant.name })).total).toBe(1);
    expect((await desk.list(TOWN, 'clerk', { applicant: applicant.idNumber.slice(-6) })).total).toBe(1);

    // Sent again later: the same case, not a new one.
    const again = await desk.intake(TOWN, 'clerk', body, key);
    expect(again.status).toBe(200);
    expect(again.body.caseNumber).toBe(a.body.caseNumber);

    const reused = expectRefused(await desk.intake(TOWN, 'clerk', { ...body, channel: '2' }, key), 409, 'IDEMPOTENCY_KEY_REUSED');
    expect(reused.errors).toEqual([expect.objectContaining({ field: 'Idempotency-Key', rule: 'unusedKey' })]);
    // Another clerk with the same key: the key is not theirs.
    expectRefused(await desk.intake(TOWN, 'clerk-b', body, key), 409, 'IDEMPOTENCY_KEY_REUSED');
    expect((await desk.list(TOWN, 'clerk', { applicant: applicant.name })).total).toBe(1);
  });

  it('refuses invalid input with field-level errors in Chinese and English, and creates nothing', async () => {
    const totals = async () => [(await desk.list(TOWN, 'clerk')).total, (await desk.list(COUNTY, 'operator')).total];
    const before = await totals();
    const field = (res: { body: unknown }) => (res.body as ErrorBody).errors!.map((e) => [e.field, e.rule]);
    const bilingual = (res: { body: unknown }) => {
      for (const e of (res.body as ErrorBody).errors!) {
        expect(e.message).toMatch(CHINESE);
        expect(e.messageEn).toMatch(/[a-z]{3,} [a-z]{2,}/);
      }
    };

    // A resident ID with a wrong check character.
    const applicant = person('校验');
    const badId = await desk.intake(TOWN, 'clerk', relief({ ...applicant, idNumber: withWrongCheck(applicant.idNumber) }));
    expectRefused(badId, 400, 'VALIDATION_FAILED');
    expect(field(badId)).toEqual([['applicant.idNumber', 'isApplicantId']]);
    bilingual(badId);

    // A matter not in the catalog.
    const unknown = await desk.intake(TOWN, 'clerk', { ...relief(person('未知')), itemCode: '01099990004640100001' });
    expectRefused(unknown, 400, 'VALIDATION_FAILED');
    expect(field(unknown)).toEqual([['itemCode', 'activeInCatalog']]);
    bilingual(unknown);

    // A township matter at the county, and a matter taken in only from the county up at the township.
    const atCounty = await desk.intake(COUNTY, 'operator', relief(person('越级')));
    expectRefused(atCounty, 400, 'VALIDATION_FAILED');
    expect(field(atCounty)).toEqual([['itemCode', 'intakeLevelAllowed']]);
    bilingual(atCounty);
    const notAtTownship = await desk.intake(TOWN, 'clerk', { ...relief(organisation('特设')), itemCode: '01010060003640100001', materials: [] });
    expectRefused(notAtTownship, 400, 'VALIDATION_FAILED');
    expect(field(notAtTownship)).toEqual([['itemCode', 'intakeLevelAllowed']]);

    // An organisations-only matter for a person.
    const personForPharmacy = await desk.intake(TOWN, 'clerk', { itemCode: PHARMACY_LICENCE.code, applicant: person('药店'), channel: '1', materials: PHARMACY_LICENCE.materials });
    expectRefused(personForPharmacy, 400, 'VALIDATION_FAILED');
    expect(field(personForPharmacy)).toEqual([['applicant.kind', 'servedParty']]);

    // Missing fields.
    const empty = await desk.intake(TOWN, 'clerk', {});
    expectRefused(empty, 400, 'VALIDATION_FAILED');
    expect(field(empty).map(([f]) => f)).toEqual(expect.arrayContaining(['itemCode', 'applicant', 'channel', 'materials']));
    bilingual(empty);
    const noPhone = await desk.intake(TOWN, 'clerk', relief({ ...person('无电话'), phone: undefined, address: '' }));
    expect(field(noPhone).map(([f]) => f).sort()).toEqual(['applicant.address', 'applicant.phone']);

    // No Idempotency-Key, or one too short.
    for (const key of [null, 'short']) {
      const noKey = await desk.intake(TOWN, 'clerk', relief(person('无键')), key);
      expectRefused(noKey, 400, 'VALIDATION_FAILED');
      expect(field(noKey)).toEqual([['Idempotency-Key', 'idempotencyKey']]);
      bilingual(noKey);
    }
    expect(await totals()).toEqual(before);

    // An action the case's status does not allow, a stale version, and an action missing its input.
    const c = await takeIn(relief(person('状态')));
    expectRefused(await desk.act(TOWN, 'clerk', c.caseNumber, 'deliver', delivery()), 409, 'CASE_ACTION_NOT_ALLOWED');
    expectRefused(await desk.act(TOWN, 'clerk', c.caseNumber, 'rating', { level: '1', channel: '1' }), 409, 'CASE_ACTION_NOT_ALLOWED');
    expectRefused(await desk.act(TOWN, 'clerk', c.caseNumber, 'take-up', { expectedVersion: c.version - 1 }), 409, 'CASE_VERSION_CONFLICT');
    expectOk(await desk.act(TOWN, 'clerk', c.caseNumber, 'take-up', { expectedVersion: c.version }));
    const noNumber = await desk.act(TOWN, 'clerk', c.caseNumber, 'approve', { resultName: '临时救助金发放决定' });
    expectRefused(noNumber, 400, 'VALIDATION_FAILED');
    expect([...new Set(field(noNumber).map(([f]) => f))]).toEqual(['resultNumber']);
    const badRating = await desk.act(TOWN, 'clerk', c.caseNumber, 'rating', { level: '6', channel: '1' });
    expect(field(badRating)).toEqual([['level', 'isIn']]);
    expect(await desk.detail(TOWN, 'clerk', c.caseNumber)).toMatchObject({ status: { code: 'under_review' }, version: c.version + 1 });
    expect(await totals()).toEqual([before[0]! + 1, before[1]]);
  });

  it('answers the public progress lookup only with the right ID ending, says nothing otherwise, and limits the rate', async () => {
    const applicant = person('查询');
    const c = await takeIn(foodLicence(applicant, FOOD_LICENCE.materials.slice(0, 3)));
    const tail = applicant.idNumber.slice(-6);
    const right = await desk.progress(TOWN, c.caseNumber, tail);
    expect(right.status).toBe(200);
    expect(right.body).toMatchObject({ caseNumber: c.caseNumber, itemName: FOOD_LICENCE.name, status: { code: 'awaiting_materials', zh: expect.stringMatching(CHINESE) }, missingMaterials: [FOOD_LICENCE.materials[3]!.name] });
    // Nothing about the applicant.
    expect(JSON.stringify(right.body)).not.toContain(applicant.name);
    expect(JSON.stringify(right.body)).not.toContain(tail);

    const wrongTail = `${tail.slice(0, 5)}${tail[5] === '0' ? '1' : '0'}`;
    const wrong = await desk.progress(TOWN, c.caseNumber, wrongTail);
    expect(wrong.status).toBe(404);
    expect(Object.keys(wrong.body).sort()).toEqual(['code', 'message', 'messageEn']);
    expect(JSON.stringify(wrong.body)).not.toMatch(/awaiting|食品|申请人/);
    // A number no case has answers exactly the same.
    const nobody = await desk.progress(TOWN, formatCaseNumber({ nodeCode: TOWN, date: '2020-01-01', sequence: 1 }), tail);
    expect({ status: nobody.status, body: nobody.body }).toEqual({ status: 404, body: wrong.body });

    // Guessing the six characters: the case number is limited to ten lookups a minute.
    const answers: number[] = [];
    for (let i = 0; i < 12; i++) answers.push((await desk.progress(TOWN, c.caseNumber, wrongTail)).status);
    expect(answers.slice(0, 8)).toEqual(Array(8).fill(404));
    expect(answers.slice(8)).toEqual(Array(4).fill(429));
    const limited = await desk.progress(TOWN, c.caseNumber, tail);
    expect(limited.status).toBe(429);
    expect(limited.body.code).toBe('TOO_MANY_REQUESTS');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Guessing case numbers instead: one address gets twenty lookups a minute (sixteen used above).
    const others: number[] = [];
    for (let i = 2; i < 8; i++) others.push((await desk.progress(TOWN, formatCaseNumber({ nodeCode: TOWN, date: '2020-01-01', sequence: i }), tail)).status);
    expect(others).toEqual([404, 404, 404, 404, 429, 429]);
  });

  it('masks the applicant in lists and for readers not acting on the case, and shows it whole to the holder', async () => {
    const applicant = person('脱敏');
    const c = await takeIn(foodLicence(applicant));
    await desk.waitForStatus(COUNTY, 'operator', c.caseNumber, 'accepted', COUNTY);
    const maskedId = `${applicant.idNumber.slice(0, 4)}**********${applicant.idNumber.slice(-4)}`;
    const masked = { idNumber: maskedId, phone: '139****2345', address: null, masked: true };

    for (const [node, login] of [[TOWN, 'clerk'], [COUNTY, 'operator'], [COUNTY, 'auditor'], [CITY, 'coordinator']] as const) {
      const list = await eventually(() => desk.list(node, login, { applicant: applicant.name }), (l) => l.total === 1);
      expect(list.items[0]!.applicant).toMatchObject(masked);
      expect(JSON.stringify(list)).not.toContain(applicant.idNumber);
      expect(JSON.stringify(list)).not.toContain(applicant.phone);
    }
    // Readers not acting on it: the county's auditor, the city's coordinator.
    for (const [node, login] of [[COUNTY, 'auditor'], [CITY, 'coordinator']] as const) {
      const d = await desk.detail(node, login, c.caseNumber);
      expect(d.applicant).toMatchObject(masked);
      expect(JSON.stringify(d)).not.toContain(applicant.idNumber);
    }
    // An auditor reads, never acts; nobody reads without signing in.
    expect((await desk.act(COUNTY, 'auditor', c.caseNumber, 'take-up')).status).toBe(403);
    expect((await request(net.url(COUNTY)).get(`/cases/${c.caseNumber}`)).status).toBe(401);
    // The holder's operator and the intake counter see it whole.
    for (const [node, login] of [[COUNTY, 'operator'], [TOWN, 'clerk']] as const) {
      expect((await desk.detail(node, login, c.caseNumber)).applicant).toMatchObject({ idNumber: applicant.idNumber, phone: applicant.phone, address: applicant.address, masked: false });
    }
  });

  it('lists the cases at a node by status, holder, matter, applicant and date, sorted and paged', async () => {
    const all = await desk.list(CITY, 'coordinator', { limit: 500 });
    expect(all.total).toBeGreaterThanOrEqual(made.length);
    const awaiting = await desk.list(TOWN, 'clerk', { status: 'awaiting_delivery,awaiting_materials', limit: 500 });
    expect(awaiting.total).toBeGreaterThan(0);
    expect(awaiting.items.every((c) => ['awaiting_delivery', 'awaiting_materials'].includes(c.status.code))).toBe(true);
    const heldByCounty = await desk.list(CITY, 'coordinator', { holder: COUNTY, limit: 500 });
    expect(heldByCounty.items.every((c) => c.holder === COUNTY)).toBe(true);
    const licences = await desk.list(TOWN, 'clerk', { item: FOOD_LICENCE.code, limit: 500 });
    expect(licences.total).toBeGreaterThan(0);
    expect(licences.items.every((c) => (c as unknown as { item: { code: string } }).item.code === FOOD_LICENCE.code)).toBe(true);
    // Dates are the city's calendar days (Asia/Shanghai), as in the case numbers: from the first day to the last, every case.
    const days = made.filter((n) => n.startsWith(TOWN)).map((n) => n.slice(12, 20).replace(/(\d{4})(\d{2})(\d{2})/, '$1-$2-$3')).sort();
    expect((await desk.list(TOWN, 'clerk', { from: days[0], to: days.at(-1), limit: 1 })).total).toBe((await desk.list(TOWN, 'clerk')).total);
    expect((await desk.list(TOWN, 'clerk', { to: '2020-01-01' })).total).toBe(0);
    const page1 = await desk.list(TOWN, 'clerk', { sort: 'receivedAt', order: 'asc', limit: 2, offset: 0 });
    const page2 = await desk.list(TOWN, 'clerk', { sort: 'receivedAt', order: 'asc', limit: 2, offset: 2 });
    expect(page1.items).toHaveLength(2);
    expect(page1.items.map((c) => c.caseNumber)).not.toEqual(expect.arrayContaining(page2.items.map((c) => c.caseNumber)));
    expect(page1.items[0]!.caseNumber).toBe(made[0]);
    const bad = await desk.get(TOWN, 'clerk', '/cases', { status: 'lost', holder: '64', limit: 0 });
    expectRefused(bad, 400, 'VALIDATION_FAILED');
    expect((bad.body as ErrorBody).errors!.map((e) => e.field).sort()).toEqual(['holder', 'limit', 'status']);
  });

  it("keeps at the city each case's whole timeline: the union of what every node recorded; no node parked a case event", async () => {
    expect(made.length).toBeGreaterThan(0);
    for (const no of made) {
      const seen = await cityHasWholeTimeline(desk, no, [[TOWN, 'clerk'], [COUNTY, 'operator']], [CITY, 'coordinator']);
      // Each entry once, and the intake node has some of them.
      expect(new Set(seen.city.ids).size).toBe(seen.city.ids.length);
      expect(seen.nodes[no.startsWith(TOWN) ? 0 : 1]!.ids.length).toBeGreaterThan(0);
    }
    for (const node of [TOWN, COUNTY, CITY]) expect((await parkedAt(net, node)).filter((d) => d.type?.startsWith('case.'))).toEqual([]);
  });
});
