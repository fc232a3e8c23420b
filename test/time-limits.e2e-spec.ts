import { WorkingCalendar } from '#libs/calendar';
import { CaseDesk, type CaseDetail, FOOD_LICENCE, type IntakeBody, person, waitForDemoCatalog } from './support/cases.js';
import { TestClock } from './support/clock.js';
import { clockedNetwork } from './support/networks.js';
import { monitorRow, monitorTables, rebuildMonitor } from './support/monitor.js';
import { eventually } from './support/test-network.js';

const CITY = '640100000000';
const COUNTY = '640104000000';
const TOWN = '640104100000';
const calendar = WorkingCalendar.official();

interface TimeLimit {
  light: { code: string } | null;
  stepLight: { code: string } | null;
  stepDeadline: string | null;
  storedLight: string | null;
  storedStepLight: string | null;
  deadline: string;
  budgetDays: number;
  usedDays: number;
  pausedDays: number;
  paused: boolean;
  byLevel: Record<string, number>;
  calendarVersion: string;
}
type Detail = CaseDetail & { timeLimit: TimeLimit; committedDays: number };

/** The first day on or after `from` that is a working day. */
const nextWorkingDay = (from: string): string => (calendar.isWorkingDay(from) ? from : calendar.addWorkingDays(from, 1));

describe('time limits (限时办结): lights that change by themselves, pauses that move the deadline, on a shared test clock', () => {
  const clock = new TestClock();
  const net = clockedNetwork(clock);
  const desk = new CaseDesk(net);
  const foodLicence = (tag: string): IntakeBody => ({ itemCode: FOOD_LICENCE.code, applicant: person(tag), channel: '1', materials: FOOD_LICENCE.materials });

  const detail = async (node: string, login: string, no: string) => (await desk.detail(node, login, no)) as Detail;
  /** The light the node's sweep stored, as a list filtered by light finds it (nobody asked for the case itself). */
  const listedLight = async (node: string, login: string, no: string): Promise<string | null> => {
    for (const light of ['green', 'yellow', 'red']) if ((await desk.list(node, login, { light, limit: 500 })).items.some((c) => c.caseNumber === no)) return light;
    return null;
  };
  const waitLight = (node: string, login: string, no: string, light: string) => eventually(() => listedLight(node, login, no), (l) => l === light, 20000, 300);
  const monitorRowLit = (no: string, light: string) => monitorRow(desk, CITY, no, (r) => r.light === light);

  beforeAll(async () => {
    await clock.setLocal('2027-03-01T09:00'); // a Monday, no holiday in sight
    await net.init();
    await net.start();
    await waitForDemoCatalog(net, [{ code: COUNTY, county: true }, { code: TOWN, county: true }]);
  });

  afterAll(async () => {
    await net.stop();
    clock.remove();
  });

  it('turns a case yellow, then red, at the right working-day moments, at the county holding it and at the city, by itself', async () => {
    const res = await desk.intake(TOWN, 'clerk', foodLicence('亮灯'));
    expect(res.status).toBe(201);
    const no = (res.body as CaseDetail).caseNumber;
    await desk.waitForStatus(COUNTY, 'operator', no, 'accepted', COUNTY);
    const taken = await desk.act(COUNTY, 'operator', no, 'take-up');
    expect(taken.status).toBe(200);
    const d = await detail(COUNTY, 'operator', no);
    const n = d.committedDays;
    expect(n).toBeGreaterThanOrEqual(3);
    const deadline = calendar.addWorkingDays('2027-03-01', n);
    expect(d.timeLimit).toMatchObject({ deadline, budgetDays: n, usedDays: 0, light: { code: 'green' }, calendarVersion: calendar.version });
    await waitLight(COUNTY, 'operator', no, 'green');
    await waitLight(CITY, 'coordinator', no, 'green');

    // Yellow from the day two working days are left (or 80% of the budget is used), whichever comes first.
    const yellowByDays = calendar.subtractWorkingDays(deadline, 2);
    const yellowByShare = calendar.addWorkingDays('2027-03-01', Math.ceil(0.8 * n));
    const yellowDay = yellowByDays < yellowByShare ? yellowByDays : yellowByShare;
    const dayBefore = calendar.subtractWorkingDays(yellowDay, 1);
    await clock.setLocal(`${dayBefore}T23:50`);
    await new Promise((r) => setTimeout(r, 1500));
    expect(await listedLight(COUNTY, 'operator', no)).toBe('green');

    await clock.setLocal(`${yellowDay}T00:05`);
    await waitLight(COUNTY, 'operator', no, 'yellow');
    await waitLight(CITY, 'coordinator', no, 'yellow');
    expect(await monitorRowLit(no, 'yellow')).toMatchObject({ holder: COUNTY, live: true, dueOn: deadline, overdueDays: 0 });

    // Still yellow on the deadline day itself; red the day after.
    await clock.setLocal(`${deadline}T17:00`);
    await new Promise((r) => setTimeout(r, 1500));
    expect(await listedLight(COUNTY, 'operator', no)).toBe('yellow');
    const dayAfter = calendar.addWorkingDays(deadline, 1);
    await clock.setLocal(`${dayAfter}T00:05`);
    await waitLight(COUNTY, 'operator', no, 'red');
    await waitLight(CITY, 'coordinator', no, 'red');
    // The city monitor: red, one working day overdue, on the overdue list and in the county's count.
    expect(await monitorRowLit(no, 'red')).toMatchObject({ holder: COUNTY, overdueDays: 1 });
    expect(((await desk.get(CITY, 'coordinator', '/monitor/overdue')).body as { items: Array<{ caseNumber: string }> }).items.map((r) => r.caseNumber)).toContain(no);
    const counts = (await desk.get(CITY, 'coordinator', '/monitor/counts', { node: COUNTY })).body as { totals: { red: number; live: number } };
    expect(counts.totals.red).toBeGreaterThanOrEqual(1);
    const late = await detail(COUNTY, 'operator', no);
    expect(late.timeLimit).toMatchObject({ light: { code: 'red' }, storedLight: 'red', usedDays: n + 1 });
    // The days used are split between the levels and sum to the whole.
    const byLevel = Object.values(late.timeLimit.byLevel).reduce((a, b) => a + b, 0);
    expect(byLevel).toBeCloseTo(n + 1, 9);
    expect(late.timeLimit.byLevel.county).toBeGreaterThan(n - 1);
    // A working day later it is two days overdue, with nobody asking.
    await clock.setLocal(`${calendar.addWorkingDays(dayAfter, 1)}T00:05`);
    await monitorRow(desk, CITY, no, (r) => r.overdueDays === 2);
  });

  it("answers the wall screen's grid: every centre named, with the monitor's live cases by light, and the city's day", async () => {
    type Line = { code: string; name: string; tier: string | null; parent: string | null; live: number; closed: number; green: number; yellow: number; red: number; unlit: number };
    const res = await desk.get(CITY, 'coordinator', '/monitor/grid');
    expect(res.status).toBe(200);
    const grid = res.body as { at: string; today: string; totals: Omit<Line, 'code' | 'name' | 'tier' | 'parent'>; nodes: Line[] };
    expect(grid.today).toBe(clock.today());
    expect(Math.abs(Date.parse(grid.at) - clock.now().getTime())).toBeLessThan(60_000);
    // The topology's centres in tree order, names from it, those holding nothing at zero.
    expect(grid.nodes.map((n) => [n.code, n.tier, n.parent])).toEqual([
      [CITY, 'city', null],
      [COUNTY, 'county', CITY],
      [TOWN, 'township', COUNTY],
    ]);
    expect(grid.nodes.map((n) => n.name)).toEqual(['银川市民大厅', '兴庆区政务服务中心', '掌政镇便民服务中心']);
    // Each line is the monitor's own for that node, and the totals are the network's.
    const counts = (await desk.get(CITY, 'coordinator', '/monitor/counts')).body as { totals: Record<string, number>; byNode: Array<Record<string, number | string>> };
    for (const n of grid.nodes) {
      const line = counts.byNode.find((l) => l.node === n.code) ?? { live: 0, closed: 0, green: 0, yellow: 0, red: 0 };
      expect({ live: n.live, closed: n.closed, green: n.green, yellow: n.yellow, red: n.red }).toEqual({ live: line.live, closed: line.closed, green: line.green, yellow: line.yellow, red: line.red });
      expect(n.unlit).toBe(n.live - n.green - n.yellow - n.red);
    }
    expect(grid.nodes.find((n) => n.code === COUNTY)!.red).toBeGreaterThanOrEqual(1);
    expect(grid.totals).toMatchObject(counts.totals);
    // The auditor reads it too; the approval section does not.
    expect((await desk.get(CITY, 'auditor', '/monitor/grid')).status).toBe(200);
    expect((await desk.get(CITY, 'approver', '/monitor/grid')).status).toBe(403);
  });

  it('turns the step red when a case handed up waits too long to be taken up, while the case itself is in time', async () => {
    const start = nextWorkingDay(clock.today());
    await clock.setLocal(`${start}T09:00`);
    const res = await desk.intake(TOWN, 'clerk', foodLicence('待审'));
    const no = (res.body as CaseDetail).caseNumber;
    await desk.waitForStatus(COUNTY, 'operator', no, 'accepted', COUNTY);
    // Accepted and waiting to be taken up: 2 working days for that step.
    await clock.setLocal(`${calendar.addWorkingDays(start, 3)}T00:05`);
    const d = await eventually(() => detail(COUNTY, 'operator', no), (c) => c.timeLimit.storedStepLight === 'red', 20000, 300);
    // The case itself is in time: its deadline is still ahead, its light is not red.
    expect(d.timeLimit.deadline >= clock.today()).toBe(true);
    expect(d.timeLimit.light?.code).not.toBe('red');
    expect((await desk.list(COUNTY, 'operator', { stepLight: 'red' })).items.map((c) => c.caseNumber)).toContain(no);
    // The inbox row carries the same reading, so the worklist shows it without opening the case.
    const inbox = (await desk.get(COUNTY, 'operator', '/cases/inbox', { limit: 500 })).body as { items: Array<Record<string, unknown>> };
    expect(inbox.items.find((c) => c.caseNumber === no)).toMatchObject({
      light: { code: d.timeLimit.light!.code },
      stepLight: { code: 'red', labelZh: '红灯（超期）' },
      stepDeadline: d.timeLimit.stepDeadline,
      deadline: d.timeLimit.deadline,
    });
  });

  it('pauses the clock for a correction: the deadline moves by exactly the working days paused', async () => {
    const start = nextWorkingDay(calendar.addWorkingDays(clock.today(), 1));
    await clock.setLocal(`${start}T09:00`);
    const res = await desk.intake(TOWN, 'clerk', foodLicence('补正'));
    const no = (res.body as CaseDetail).caseNumber;
    await desk.waitForStatus(COUNTY, 'operator', no, 'accepted', COUNTY);
    expect((await desk.act(COUNTY, 'operator', no, 'take-up')).status).toBe(200);
    const before = (await detail(COUNTY, 'operator', no)).timeLimit.deadline;

    const pauseDay = calendar.addWorkingDays(start, 1);
    await clock.setLocal(`${pauseDay}T10:00`);
    expect((await desk.act(COUNTY, 'operator', no, 'request-correction', { items: ['营业执照经营范围须含食品销售'] })).status).toBe(200);
    const paused = await detail(COUNTY, 'operator', no);
    expect(paused.timeLimit.paused).toBe(true);

    // The applicant brings the correction to the township counter a week later (over a weekend).
    const back = calendar.addWorkingDays(pauseDay, 5);
    await clock.setLocal(`${back}T15:00`);
    expect((await desk.act(TOWN, 'clerk', no, 'correction-received', { note: '已补正营业执照' })).status).toBe(200);
    const resumed = await desk.waitFor(COUNTY, 'operator', no, (c) => c.status.code === 'under_review');
    const t = (resumed as Detail).timeLimit;
    const pausedDays = calendar.workingDaysBetween(pauseDay, back);
    expect(pausedDays).toBe(5);
    expect(t).toMatchObject({ paused: false, pausedDays, deadline: calendar.addWorkingDays(before, pausedDays) });
    // The city's copy computes the same deadline from the same ledger.
    const atCity = await desk.waitFor(CITY, 'coordinator', no, (c) => c.status.code === 'under_review');
    expect((atCity as Detail).timeLimit.deadline).toBe(t.deadline);
  });

  it('drops the city monitor and rebuilds it from Kafka: the result equals the live one', async () => {
    // Close one case, so the rebuilt monitor has closed cases and trends as well as live ones.
    const res = await desk.intake(TOWN, 'clerk', foodLicence('重建'));
    const closedNo = (res.body as CaseDetail).caseNumber;
    await desk.waitForStatus(COUNTY, 'operator', closedNo, 'accepted', COUNTY);
    expect((await desk.act(COUNTY, 'operator', closedNo, 'not-accept', { reason: '不属于本中心受理范围', legalBasis: '《行政许可法》第三十二条' })).status).toBe(200);
    await monitorRow(desk, CITY, closedNo, (r) => r.live === false);
    await new Promise((r) => setTimeout(r, 1500)); // the sweeps have nothing left to do
    const live = await monitorTables(net, CITY);
    expect(live.cases.length).toBeGreaterThanOrEqual(4);

    // Break the live monitor, so that only a true rebuild can bring it back.
    await net.query(CITY, 'truncate monitor_case, monitor_count, monitor_area_count, monitor_node_count, monitor_day');
    expect((await desk.get(CITY, 'coordinator', `/monitor/cases/${closedNo}`)).status).toBe(404);
    expect((await desk.get(CITY, 'coordinator', '/monitor/rebuild')).status).toBe(403);
    const done = await rebuildMonitor(net, desk, CITY);
    expect(done.error).toBeNull();
    expect(done.phase).toBe('done');
    expect(done.caseSteps).toBeGreaterThan(0);
    expect(done.fromCopies).toBe(0); // every case came from the links, none from the city's copies
    // Compared before the swap with the (broken) live tables: every case differed.
    expect(done.comparison.differing).toBe(live.cases.length);
    expect(done.comparison.drift).toEqual({ counts: 0, areas: 0, nodes: 0, days: 0 });
    expect(done.cases).toBe(live.cases.length);
    expect(await monitorTables(net, CITY)).toEqual(live);
  });
});
