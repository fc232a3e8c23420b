import request from 'supertest';
import { WorkingCalendar } from '#libs/calendar';
import { CaseDesk, type CaseDetail, CHINESE, type ErrorBody, FOOD_LICENCE, parkedAt, person, waitForDemoCatalog } from './support/cases.js';
import { TestClock } from './support/clock.js';
import { clockedNetwork } from './support/networks.js';
import { monitorRow, monitorTables, rebuildMonitor } from './support/monitor.js';
import { bearer } from './support/staff.js';
import { eventually } from './support/test-network.js';

const CITY = '640100000000';
const COUNTY = '640104000000';
const TOWN = '640104100000';
/** A township that starts only after the amendment: it must find it on the compacted catalog topic. */
const LATE_TOWN = '640104200000';
const official = WorkingCalendar.official();
const ACCEPTED_ON = '2027-03-01'; // a Monday, no holiday in sight

interface Detail extends CaseDetail {
  dueDate: string | null;
  committedDays: number;
  timeLimit: { deadline: string; calendarVersion: string; nextCheckAt: string | null; storedLight: string | null };
}
interface CalendarView {
  version: string;
  amendments: number;
  years: Array<{ year: number; version: number; provisional: boolean; amended: boolean }>;
  localChanges: Array<{ id: string; date: string; kind: string; version: number }>;
}
interface AmendmentView {
  id: string;
  sequence: number;
  kind: string;
  calendarVersion: string;
  movedCases: { items: Array<{ caseNumber: string; oldDueDate: string; newDueDate: string }>; total: number };
}

describe('calendar amendments (日历调整): the city changes a day, every node reads its live deadlines again', () => {
  const clock = new TestClock();
  const net = clockedNetwork(clock, [
    { code: LATE_TOWN, tier: 'township', parent: COUNTY, name: '通贵乡便民服务中心' },
  ]);
  const desk = new CaseDesk(net);
  const amend = async (node: string, login: string, body: Record<string, unknown>) =>
    request(net.url(node)).post('/calendar/amendments').set(bearer(await desk.session(node, login))).send(body);
  const getOk = async (node: string, login: string, path: string) => {
    const res = await desk.get(node, login, path);
    if (res.status !== 200) throw new Error(`GET ${path} at ${node}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as unknown;
  };
  const calendarAt = async (node: string, login: string) => (await getOk(node, login, '/calendar')) as CalendarView;
  const detail = async (node: string, login: string, no: string) => (await desk.detail(node, login, no)) as Detail;

  // Tuesday 2027-03-02, the first day the case's clock counts: every later counted day, and so the next moment its lights change, moves by one.
  const festivalDay = official.addWorkingDays(ACCEPTED_ON, 1);
  const festival = official.withLocalChanges([{ id: 'x', date: festivalDay, kind: 'off', nameZh: '本地节庆', reason: '市政府决定', version: 1 }]);
  let amendmentId = '';

  beforeAll(async () => {
    await clock.setLocal(`${ACCEPTED_ON}T09:00`);
    await net.init();
    await net.start([CITY, COUNTY, TOWN]);
    await waitForDemoCatalog(net, [{ code: COUNTY, county: true }, { code: TOWN, county: true }]);
  });

  afterAll(async () => {
    await net.stop();
    clock.remove();
  });

  it('moves a live case\'s deadline by exactly one working day at the county holding it, at the city and at the township, and lists it with the amendment', async () => {
    const res = await desk.intake(TOWN, 'clerk', { itemCode: FOOD_LICENCE.code, applicant: person('节庆'), channel: '1', materials: FOOD_LICENCE.materials });
    expect(res.status).toBe(201);
    const no = (res.body as CaseDetail).caseNumber;
    await desk.waitForStatus(COUNTY, 'operator', no, 'accepted', COUNTY);
    const before = await detail(COUNTY, 'operator', no);
    const n = before.committedDays;
    const oldDue = official.addWorkingDays(ACCEPTED_ON, n);
    const newDue = official.addWorkingDays(oldDue, 1);
    expect(festival.addWorkingDays(ACCEPTED_ON, n)).toBe(newDue);
    expect(before).toMatchObject({ dueDate: oldDue, timeLimit: { deadline: oldDue, calendarVersion: official.version } });
    await desk.waitFor(CITY, 'coordinator', no, (c) => (c as Detail).dueDate === oldDue && c.holder === COUNTY);
    await desk.waitFor(TOWN, 'clerk', no, (c) => (c as Detail).dueDate === oldDue && c.holder === COUNTY);
    expect((await calendarAt(COUNTY, 'operator')).version).toBe(official.version);

    const posted = await amend(CITY, 'coordinator', { localChanges: [{ date: festivalDay, kind: 'off', nameZh: '本地节庆', version: 1 }], reason: '市政府决定本地节庆放假一天' });
    expect(posted.status).toBe(201);
    const atCity = posted.body as AmendmentView;
    amendmentId = atCity.id;
    expect(atCity).toMatchObject({ sequence: 1, kind: 'local', calendarVersion: festival.version });
    expect(atCity.movedCases.items).toContainEqual({ caseNumber: no, oldDueDate: oldDue, newDueDate: newDue });
    expect((await detail(CITY, 'coordinator', no)).timeLimit).toMatchObject({ deadline: newDue, calendarVersion: festival.version });
    expect((await calendarAt(CITY, 'coordinator')).localChanges).toEqual([expect.objectContaining({ date: festivalDay, kind: 'off', version: 1 })]);
    // The city monitor reads the same deadline on the amended calendar.
    expect(await monitorRow(desk, CITY, no, (r) => r.dueOn === newDue)).toMatchObject({ calendarVersion: festival.version, live: true });

    // The county holding the case gets the amendment from the catalog topic and reads the deadline again,
    // without a step: same state version, same timeline; its stored lights are re-evaluated on the new calendar.
    await eventually(() => calendarAt(COUNTY, 'operator'), (c) => c.version === festival.version, 30000, 300);
    const after = await detail(COUNTY, 'operator', no);
    expect(after).toMatchObject({ dueDate: newDue, version: before.version, timeLimit: { deadline: newDue, calendarVersion: festival.version } });
    expect(after.timeline).toHaveLength(before.timeline.length);
    expect(after.timeLimit.nextCheckAt! > before.timeLimit.nextCheckAt!).toBe(true);
    const atCounty = (await getOk(COUNTY, 'operator', `/calendar/amendments/${amendmentId}`)) as AmendmentView;
    expect(atCounty).toMatchObject({ id: amendmentId, sequence: 1, calendarVersion: festival.version });
    expect(atCounty.movedCases).toMatchObject({ items: [{ caseNumber: no, oldDueDate: oldDue, newDueDate: newDue }], total: 1 });
    expect((await desk.list(COUNTY, 'operator', { sort: 'dueDate' })).items.find((c) => c.caseNumber === no)).toMatchObject({ dueDate: newDue });

    // The intake township keeps a copy too, and reads it on the same amended calendar.
    await eventually(() => calendarAt(TOWN, 'clerk'), (c) => c.version === festival.version, 30000, 300);
    expect(await detail(TOWN, 'clerk', no)).toMatchObject({ dueDate: newDue, timeLimit: { deadline: newDue } });
    expect((await parkedAt(net, COUNTY)).filter((p) => p.type === 'calendar.amended')).toEqual([]);
    expect((await parkedAt(net, TOWN)).filter((p) => p.type === 'calendar.amended')).toEqual([]);
  });

  it('refuses a bad body with a 400 that names the field and the rule, and changes nothing', async () => {
    const expectRefused = async (body: Record<string, unknown>, field: string, rule: string) => {
      const res = await amend(CITY, 'coordinator', body);
      expect(res.status).toBe(400);
      const err = res.body as ErrorBody;
      expect(err.code).toBe('VALIDATION_FAILED');
      const named = err.errors?.find((e) => e.field === field && e.rule === rule);
      expect({ errors: err.errors, named }).toMatchObject({ named: { field, rule } });
      expect(named!.message).toMatch(CHINESE);
    };
    const change = { date: official.addWorkingDays(festivalDay, 5), kind: 'off', nameZh: '本地节庆', version: 2 };
    await expectRefused({ localChanges: [{ ...change, date: '2027-02-30' }], reason: '测试' }, 'localChanges.0.date', 'isCalendarDate');
    await expectRefused({ localChanges: [{ ...change, version: 1 }], reason: '测试' }, 'localChanges.0.version', 'versionIncreases');
    await expectRefused({ localChanges: [change, { ...change, version: 3 }], reason: '测试' }, 'localChanges.1.date', 'unique');
    await expectRefused({ localChanges: [{ ...change, kind: 'sometimes' }], reason: '测试' }, 'localChanges.0.kind', 'isIn');
    await expectRefused({ localChanges: [change] }, 'reason', 'isNotBlank');
    const year2027 = {
      year: 2027,
      version: 2,
      provisional: false,
      notice: { titleZh: '国务院办公厅关于2027年部分节假日安排的通知', number: '国办发明电〔2026〕1号', issuedOn: '2026-11-05', url: 'https://www.gov.cn/example' },
      statementZh: '依据通知。',
      statementEn: 'From the notice.',
      exceptions: [{ date: '2026-12-31', kind: 'off', holiday: 'new_year', nameZh: '元旦' }],
    };
    await expectRefused({ year: year2027, reason: '测试' }, 'year.exceptions.0.date', 'inYear');
    await expectRefused({ year: { ...year2027, version: 1, exceptions: [] }, reason: '测试' }, 'year.version', 'versionIncreases');
    await expectRefused({ year: { ...year2027, exceptions: [] }, localChanges: [change], reason: '测试' }, 'localChanges', 'yearOrLocalChanges');

    const calendar = await calendarAt(CITY, 'coordinator');
    expect(calendar).toMatchObject({ version: festival.version, amendments: 1 });
    expect(await getOk(CITY, 'coordinator', '/calendar/amendments')).toMatchObject({ total: 1, items: [{ id: amendmentId, movedCases: 1 }] });
  });

  it('refuses the amendment anywhere but at the city', async () => {
    const body = { localChanges: [{ date: official.addWorkingDays(festivalDay, 5), kind: 'off', nameZh: '本地节庆', version: 2 }], reason: '县里想放假' };
    const asAdmin = await amend(COUNTY, 'admin', body);
    expect(asAdmin.status).toBe(403);
    expect(asAdmin.body as ErrorBody).toMatchObject({ code: 'CALENDAR_AMENDED_AT_CITY_ONLY', message: expect.stringMatching(CHINESE) });
    // Refused before the body is read: a bad one gets the same answer.
    expect((await amend(COUNTY, 'admin', { reason: '' })).body as ErrorBody).toMatchObject({ code: 'CALENDAR_AMENDED_AT_CITY_ONLY' });
    expect((await amend(COUNTY, 'operator', body)).status).toBe(403);
    expect((await amend(TOWN, 'admin', body)).status).toBe(403);
    expect((await calendarAt(COUNTY, 'operator')).version).toBe(festival.version);
  });

  it('reaches a node started after it from the compacted catalog topic, and stays after a restart (loaded from the database)', async () => {
    await net.start([LATE_TOWN]);
    expect(await eventually(() => calendarAt(LATE_TOWN, 'clerk'), (c) => c.version === festival.version, 60000, 300)).toMatchObject({ amendments: 1 });
    expect((await getOk(LATE_TOWN, 'clerk', `/calendar/amendments/${amendmentId}`)) as AmendmentView).toMatchObject({ sequence: 1, movedCases: { total: 0 } });

    await net.node(COUNTY).stop();
    await net.start([COUNTY]);
    const session = await desk.session(COUNTY, 'operator', true);
    expect(session.accessToken).toBeTruthy();
    expect(await calendarAt(COUNTY, 'operator')).toMatchObject({ version: festival.version, amendments: 1 });
    expect(await net.query(COUNTY, 'select count(*)::int as n from calendar_amendment')).toEqual([{ n: 1 }]);
  });

  it('rebuilds the city monitor from Kafka after the amendment: the result equals the live one', async () => {
    await new Promise((r) => setTimeout(r, 1500)); // the sweeps have nothing left to do
    const live = await monitorTables(net, CITY);
    expect(live.cases.length).toBeGreaterThanOrEqual(1);
    const done = await rebuildMonitor(net, desk, CITY);
    expect(done).toMatchObject({ phase: 'done', error: null, fromCopies: 0, comparison: { differing: 0, drift: { counts: 0, areas: 0, nodes: 0, days: 0 } } });
    expect(await monitorTables(net, CITY)).toEqual(live);
  });
});
