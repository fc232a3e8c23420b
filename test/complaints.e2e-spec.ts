import request from 'supertest';
import { v7 as uuidv7 } from 'uuid';
import { formatCaseNumber } from '#libs/cases';
import { IdempotentProducer } from '#libs/messaging';
import { CaseDesk, type CaseDetail, CHINESE, type ErrorBody, parkedAt, person, TOWNSHIP_RELIEF, waitForDemoCatalog } from './support/cases.js';
import { TestClock } from './support/clock.js';
import { clockedNetwork } from './support/networks.js';
import { eventually } from './support/test-network.js';

const CITY = '640100000000';
const COUNTY = '640104000000';
const TOWN = '640104100000';
/** A second county, and one of its townships (in the topology, never started: complained about, never sent to). */
const OTHER_COUNTY = '640121000000';
const OTHER_TOWN = '640121100000';

interface Labelled {
  code: string;
  zh: string;
  en: string;
}
interface Complaint {
  id: string;
  number: string;
  againstNode: string;
  caseNumber: string | null;
  takenAtNode: string;
  handlingNode: string;
  channel: Labelled;
  complainant: { name: string; phone: string; masked: boolean };
  content: string;
  receivedAt: string;
  dueOn: string;
  takenBy: { id: string; name: string };
  status: Labelled;
  overdue: boolean;
  outcome: Labelled | null;
  answer: { content: string; outcome: Labelled; by: { name: string } } | null;
  timeline?: Array<{ action: string; node: string; details: Record<string, unknown> }>;
}
interface PublicView {
  number: string;
  secret?: string;
  status: Labelled;
  dueOn: string;
  answer: { content: string; outcome: Labelled } | null;
}

const complainant = (tag: string) => ({ name: `投诉人${tag}`, phone: '13995012345' });

describe('complaints (投诉), through the real broker', () => {
  const clock = new TestClock();
  const net = clockedNetwork(clock, [
    { code: OTHER_COUNTY, tier: 'county', parent: CITY, name: '永宁县政务服务中心' },
    { code: OTHER_TOWN, tier: 'township', parent: OTHER_COUNTY, name: '杨和镇便民服务中心' },
  ]);
  const desk = new CaseDesk(net);

  const post = async (node: string, login: string, path: string, body: Record<string, unknown>) =>
    request(net.url(node)).post(path).set({ authorization: `Bearer ${(await desk.session(node, login)).accessToken}` }).send(body);

  const file = async (node: string, login: string, body: Record<string, unknown>): Promise<Complaint> => {
    const res = await post(node, login, '/complaints', body);
    if (res.status !== 201) throw new Error(`POST /complaints at ${node}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as Complaint;
  };

  /** The complaint with `number` at `node`, once it got there (a list filtered by number). */
  const listed = async (node: string, login: string, query: Record<string, unknown>): Promise<Complaint[]> => {
    const res = await desk.get(node, login, '/complaints', query);
    if (res.status !== 200) throw new Error(`GET /complaints at ${node}: ${res.status} ${JSON.stringify(res.body)}`);
    return (res.body as { items: Complaint[] }).items;
  };
  const arrives = (node: string, login: string, number: string, done: (c: Complaint) => boolean = () => true, timeoutMs = 30000) =>
    eventually(() => listed(node, login, { number }), (l) => l.length === 1 && done(l[0]!), timeoutMs).then((l) => l[0]!);

  const detail = async (node: string, login: string, id: string): Promise<Complaint> => {
    const res = await desk.get(node, login, `/complaints/${id}`);
    if (res.status !== 200) throw new Error(`GET /complaints/${id} at ${node}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as Complaint;
  };
  const actions = (c: Complaint) => c.timeline!.map((s) => s.action);

  const lookup = (node: string, number: string, secret: string) => request(net.url(node)).get(`/public/complaints/${number}`).query({ secret });

  beforeAll(async () => {
    await clock.setLocal('2027-03-01T09:00'); // a Monday
    await net.init();
    await net.start([CITY, COUNTY, TOWN, OTHER_COUNTY]);
    await waitForDemoCatalog(net, [{ code: COUNTY, county: true }, { code: TOWN, county: true }]);
  });

  const producers: IdempotentProducer[] = [];
  afterAll(async () => {
    await Promise.all(producers.map((p) => p.disconnect().catch(() => undefined)));
    await net.stop();
    clock.remove();
  });

  it('takes a complaint against the township at its counter; the county handles it and upholds it; the city counts the outcome and the township sees the answer', async () => {
    const c = await file(TOWN, 'clerk', { againstNode: TOWN, channel: 'counter', complainant: complainant('甲'), content: '窗口人员态度生硬，材料一次没有讲清楚' });
    expect(c).toMatchObject({ againstNode: TOWN, takenAtNode: TOWN, handlingNode: COUNTY, channel: { code: 'counter', zh: '窗口现场投诉' }, status: { code: 'open' }, dueOn: '2027-03-15', outcome: null });
    expect(c.number).toMatch(/^TS-640104100000-20270301-\d{4}$/);
    expect(c.complainant).toEqual({ name: '投诉人甲', phone: '13995012345', masked: false });

    // The county, its supervising level, has it; so has the city, which observed the link.
    const atCounty = await arrives(COUNTY, 'operator', c.number);
    expect(atCounty).toMatchObject({ id: c.id, handlingNode: COUNTY, status: { code: 'open' }, dueOn: '2027-03-15' });
    expect(atCounty.complainant.masked).toBe(true); // lists mask the phone
    expect((await detail(COUNTY, 'operator', c.id)).complainant.phone).toBe('13995012345');
    await arrives(CITY, 'coordinator', c.number);

    // The city reads it, but it is not the handler: it cannot answer (403), nor can the township (its clerks do not answer complaints).
    const notHandler = await post(CITY, 'coordinator', `/complaints/${c.id}/answer`, { content: '市级代为答复', outcome: 'upheld' });
    expect({ status: notHandler.status, code: (notHandler.body as ErrorBody).code }).toEqual({ status: 403, code: 'COMPLAINT_NOT_HANDLER' });
    expect((await post(TOWN, 'clerk', `/complaints/${c.id}/answer`, { content: '自己答复', outcome: 'not_upheld' })).status).toBe(403);

    const answered = await post(COUNTY, 'operator', `/complaints/${c.id}/answer`, { content: '经核查属实，已对窗口人员批评教育并组织业务培训', outcome: 'upheld' });
    expect(answered.status).toBe(200);
    expect(answered.body).toMatchObject({ status: { code: 'answered' }, outcome: { code: 'upheld', zh: '投诉属实（成立）' }, answer: { content: '经核查属实，已对窗口人员批评教育并组织业务培训' } });
    const twice = await post(COUNTY, 'operator', `/complaints/${c.id}/answer`, { content: '再答一次', outcome: 'not_upheld' });
    expect({ status: twice.status, code: (twice.body as ErrorBody).code }).toEqual({ status: 409, code: 'COMPLAINT_ALREADY_ANSWERED' });

    // The city has the outcome, in the table the monthly figures read.
    await arrives(CITY, 'coordinator', c.number, (x) => x.status.code === 'answered');
    const [row] = await net.query<Record<string, unknown>>(
      CITY,
      `select against_node, case_number, taken_at_node, handling_node, channel, status, outcome, to_char(due_on, 'YYYY-MM-DD') as due_on, answered_at is not null as answered, version
       from complaint where number = $1`,
      [c.number],
    );
    expect(row).toMatchObject({ against_node: TOWN, case_number: null, taken_at_node: TOWN, handling_node: COUNTY, channel: 'counter', status: 'answered', outcome: 'upheld', due_on: '2027-03-15', answered: true });
    expect(actions(await detail(CITY, 'coordinator', c.id))).toEqual(['received', 'answered']);
    expect((await listed(CITY, 'auditor', { number: c.number, outcome: 'upheld' })).map((x) => x.id)).toEqual([c.id]);

    // The township, which took it, sees the answer; the county's timeline is its own.
    const atTown = await eventually(() => detail(TOWN, 'clerk', c.id), (x) => x.status.code === 'answered');
    expect(atTown.answer).toMatchObject({ content: '经核查属实，已对窗口人员批评教育并组织业务培训', outcome: { code: 'upheld' }, by: { name: expect.stringMatching(CHINESE) } });
    expect(actions(atTown)).toEqual(['filed', 'answered']);
    expect(actions(await detail(COUNTY, 'operator', c.id))).toEqual(['received', 'answered']);
  });

  it('takes a complaint about a case where the case can be checked, and refuses one about a case that does not exist or never passed the centre', async () => {
    const res = await desk.intake(TOWN, 'clerk', { itemCode: TOWNSHIP_RELIEF.code, applicant: person('投诉'), channel: '1', materials: TOWNSHIP_RELIEF.materials });
    expect(res.status).toBe(201);
    const no = (res.body as CaseDetail).caseNumber;
    const c = await file(TOWN, 'clerk', { againstNode: TOWN, caseNumber: no, channel: 'phone', complainant: complainant('乙'), content: '临时救助迟迟没有结果' });
    expect(c).toMatchObject({ caseNumber: no, channel: { code: 'phone' } });
    expect((await arrives(COUNTY, 'operator', c.number)).caseNumber).toBe(no);

    const missing = formatCaseNumber({ nodeCode: TOWN, date: '2027-03-01', sequence: 999 });
    const none = await post(TOWN, 'clerk', '/complaints', { againstNode: TOWN, caseNumber: missing, channel: 'counter', complainant: complainant('丙'), content: '没有这个办件' });
    expect(none.status).toBe(400);
    expect((none.body as ErrorBody).errors).toEqual([expect.objectContaining({ field: 'caseNumber', rule: 'caseExists' })]);
    const elsewhere = await post(TOWN, 'clerk', '/complaints', { againstNode: COUNTY, caseNumber: no, channel: 'counter', complainant: complainant('丁'), content: '乡镇办件投诉到县' });
    expect(elsewhere.status).toBe(400);
    expect((elsewhere.body as ErrorBody).errors).toEqual([expect.objectContaining({ field: 'againstNode', rule: 'handledTheCase' })]);
  });

  it('refuses a bad body with 400, naming the field and the rule', async () => {
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [{ againstNode: TOWN, channel: 'fax', complainant: complainant('戊'), content: '传真投诉' }, 'channel', 'isIn'],
      [{ againstNode: TOWN, channel: 'counter', complainant: { name: '投诉人', phone: '12' }, content: '电话不对' }, 'complainant.phone', 'isPhoneNumber'],
      [{ againstNode: TOWN, channel: 'counter', complainant: complainant('己'), content: '   ' }, 'content', 'isNotBlank'],
      [{ againstNode: '6401', channel: 'counter', complainant: complainant('庚'), content: '节点不对' }, 'againstNode', 'matches'],
      [{ againstNode: '640199000000', channel: 'counter', complainant: complainant('辛'), content: '不在本市网络' }, 'againstNode', 'isKnownCentre'],
      [{ againstNode: TOWN, channel: 'counter', content: '没有投诉人' }, 'complainant', 'isDefined'],
    ];
    for (const [body, field, rule] of cases) {
      const res = await post(TOWN, 'clerk', '/complaints', body);
      expect({ status: res.status, field, errors: (res.body as ErrorBody).errors?.map((e) => `${e.field}:${e.rule}`) }).toEqual({ status: 400, field, errors: expect.arrayContaining([`${field}:${rule}`]) });
    }
    // The public form takes no channel (it is online), and no unknown field.
    const publicBad = await request(net.url(TOWN)).post('/public/complaints').send({ againstNode: COUNTY, channel: 'counter', complainant: complainant('壬'), content: '网上投诉' });
    expect(publicBad.status).toBe(400);
    expect((publicBad.body as ErrorBody).errors).toEqual([expect.objectContaining({ field: 'channel', rule: 'whitelistValidation' })]);
    // Nothing was taken.
    expect(await listed(TOWN, 'clerk', { againstNode: '640199000000' })).toEqual([]);
  });

  it('takes a public complaint online against the county; it reaches the city, which answers it, and the complainant reads the answer with the secret', async () => {
    const res = await request(net.url(TOWN)).post('/public/complaints').send({ againstNode: COUNTY, complainant: complainant('癸'), content: '县政务服务中心办事推诿，多次往返' });
    expect(res.status).toBe(201);
    const filed = res.body as PublicView;
    expect(filed.number).toMatch(/^TS-640104100000-20270301-\d{4}$/);
    expect(filed.secret).toMatch(/^[A-Z2-9]{8}$/);
    expect(filed).toMatchObject({ status: { code: 'open' }, dueOn: '2027-03-15', answer: null });

    // The complainant's own lookup: the same 404 for a wrong secret, an unknown number, or a complaint taken by staff.
    expect((await lookup(TOWN, filed.number, filed.secret!)).body).toMatchObject({ number: filed.number, status: { code: 'open' }, channel: { code: 'online' } });
    const wrong = await lookup(TOWN, filed.number, 'WRONGSEC');
    const unknown = await lookup(TOWN, 'TS-640104100000-20270301-9999', filed.secret!);
    const staffTaken = (await listed(TOWN, 'clerk', { channel: 'counter' }))[0]!;
    const noSecret = await lookup(TOWN, staffTaken.number, filed.secret!);
    for (const r of [wrong, unknown, noSecret]) expect({ status: r.status, body: r.body }).toEqual({ status: 404, body: wrong.body });

    // Handled by the city (against a county); the county complained about never receives it and cannot answer it.
    const atCity = await arrives(CITY, 'coordinator', filed.number);
    expect(atCity).toMatchObject({ againstNode: COUNTY, takenAtNode: TOWN, handlingNode: CITY, channel: { code: 'online' } });
    expect(await listed(COUNTY, 'operator', { number: filed.number })).toEqual([]);
    const byCounty = await post(COUNTY, 'operator', `/complaints/${atCity.id}/answer`, { content: '县里自己答复', outcome: 'not_upheld' });
    expect(byCounty.status).toBe(404);

    const answered = await post(CITY, 'coordinator', `/complaints/${atCity.id}/answer`, { content: '经调阅办件记录，县中心已按规定一次性告知，投诉不属实', outcome: 'not_upheld' });
    expect(answered.status).toBe(200);
    const progress = await eventually(async () => (await lookup(TOWN, filed.number, filed.secret!)).body as PublicView, (p) => p.status?.code === 'answered');
    expect(progress.answer).toMatchObject({ content: '经调阅办件记录，县中心已按规定一次性告知，投诉不属实', outcome: { code: 'not_upheld', zh: '投诉不属实（不成立）' } });
    expect(actions(await detail(CITY, 'coordinator', atCity.id))).toEqual(['received', 'answered']);
  });

  it('sends a complaint with no channel to its handler through the city, and the answer back the same way', async () => {
    // Taken at one county against another county's township: the two counties have no link.
    const c = await file(COUNTY, 'operator', { againstNode: OTHER_TOWN, channel: 'letter', complainant: complainant('子'), content: '杨和镇便民服务中心午休期间无人值守' });
    expect(c).toMatchObject({ takenAtNode: COUNTY, handlingNode: OTHER_COUNTY });
    const atHandler = await arrives(OTHER_COUNTY, 'operator', c.number);
    expect(actions(await detail(OTHER_COUNTY, 'operator', atHandler.id))).toEqual(['received']);
    expect((await post(OTHER_COUNTY, 'operator', `/complaints/${c.id}/answer`, { content: '已调整午间值班安排', outcome: 'upheld' })).status).toBe(200);

    const atTaker = await eventually(() => detail(COUNTY, 'operator', c.id), (x) => x.status.code === 'answered');
    expect(atTaker.outcome).toMatchObject({ code: 'upheld' });
    const atCity = await eventually(() => detail(CITY, 'coordinator', c.id), (x) => actions(x).length === 4);
    expect(atCity.timeline!.map((s) => `${s.action}${s.details.to ? `>${String(s.details.to)}` : ''}`)).toEqual(['received', `forwarded>${OTHER_COUNTY}`, 'answered', `forwarded>${COUNTY}`]);
  });

  let forgedId = '';
  it('parks an answer sent by a node that does not handle the complaint, and the complaint stays open', async () => {
    const c = await file(TOWN, 'clerk', { againstNode: TOWN, channel: 'counter', complainant: complainant('寅'), content: '叫号系统长时间故障' });
    await arrives(CITY, 'coordinator', c.number);
    // 永宁县 is a county, which may send answers, but this complaint is 兴庆区's to answer: a compromised node writes on its own link to the city.
    const forger = new IdempotentProducer(net.kafkaClient({ node: OTHER_COUNTY }, `forger-${OTHER_COUNTY}`));
    await forger.connect();
    producers.push(forger);
    forgedId = uuidv7();
    const complaint = {
      id: c.id,
      number: c.number,
      againstNode: c.againstNode,
      takenAtNode: c.takenAtNode,
      handlingNode: c.handlingNode,
      channel: c.channel.code,
      complainant: { name: c.complainant.name, phone: c.complainant.phone },
      content: c.content,
      receivedAt: c.receivedAt,
      dueOn: c.dueOn,
      takenBy: c.takenBy.id,
      takenByName: c.takenBy.name,
    };
    const envelope = {
      id: forgedId,
      type: 'complaint.answered',
      schemaVersion: 1,
      source: OTHER_COUNTY,
      target: CITY,
      key: c.number,
      occurredAt: new Date().toISOString(),
      actor: { kind: 'staff', id: 'forger', role: 'county_operator' },
      correlationId: forgedId,
      payload: { complaint, answer: { content: '伪造的答复', outcome: 'not_upheld', at: new Date().toISOString(), by: 'forger', byName: '伪造者' } },
    };
    await forger.send([{ topic: `${net.topicPrefix}.link.${OTHER_COUNTY}.${CITY}`, key: c.number, value: JSON.stringify(envelope) }]);

    const parked = await eventually(() => parkedAt(net, CITY), (l) => l.some((d) => d.type === 'complaint.answered'));
    expect(parked.filter((d) => d.type === 'complaint.answered')).toEqual([expect.objectContaining({ errorCode: 'COMPLAINT_EVENT_REFUSED', source: OTHER_COUNTY })]);
    expect(await arrives(CITY, 'coordinator', c.number)).toMatchObject({ status: { code: 'open' }, answer: null });
  });

  it('lets an unanswered complaint go overdue at the city past its due date; a late answer still closes it', async () => {
    // Taken at the county against its own township: the county handles it itself, and the city keeps a copy.
    const c = await file(COUNTY, 'operator', { againstNode: TOWN, channel: 'phone', complainant: complainant('丑'), content: '掌政镇窗口未执行首问负责制' });
    expect(c).toMatchObject({ takenAtNode: COUNTY, handlingNode: COUNTY, dueOn: '2027-03-15' });
    await arrives(CITY, 'coordinator', c.number);
    expect(await listed(CITY, 'coordinator', { number: c.number, overdue: 'true' })).toEqual([]);

    await clock.setLocal('2027-03-16T09:00'); // the day after the due date
    const overdue = await arrives(CITY, 'coordinator', c.number, (x) => x.status.code === 'overdue', 30000);
    expect(overdue).toMatchObject({ overdue: true, status: { zh: '逾期未答复' } });
    expect(actions(await detail(CITY, 'coordinator', c.id))).toEqual(['received', 'overdue']);
    expect((await listed(CITY, 'coordinator', { overdue: 'true', handlingNode: COUNTY })).map((x) => x.id)).toContain(c.id);
    // The handler sees it overdue in its own list too.
    expect((await listed(COUNTY, 'operator', { overdue: 'true' })).map((x) => x.id)).toContain(c.id);

    expect((await post(COUNTY, 'operator', `/complaints/${c.id}/answer`, { content: '已约谈窗口负责人', outcome: 'upheld' })).status).toBe(200);
    const closed = await arrives(CITY, 'coordinator', c.number, (x) => x.status.code === 'answered');
    expect(closed).toMatchObject({ overdue: false, outcome: { code: 'upheld' } });
    const answeredStep = (await detail(CITY, 'coordinator', c.id)).timeline!.find((s) => s.action === 'answered')!;
    expect(answeredStep.details).toMatchObject({ late: true, outcome: 'upheld' });
  });

  it('parks nothing else at any node', async () => {
    expect(forgedId).not.toBe('');
    for (const node of [COUNTY, TOWN, OTHER_COUNTY]) expect((await parkedAt(net, node)).filter((d) => d.type?.startsWith('complaint'))).toEqual([]);
    expect((await parkedAt(net, CITY)).filter((d) => d.type?.startsWith('complaint'))).toEqual([expect.objectContaining({ type: 'complaint.answered', source: OTHER_COUNTY })]);
  });
});
