import { DEFAULT_LIGHT_POLICY, localMidnight } from '#libs/cases';
import type { CaseFile } from './case-file.js';
import { type CaseLights, lightsOf } from './case-lights.js';
import { WorkingCalendar } from '#libs/calendar';
import { act } from './case-workflow.js';
import { listedCase } from './case-view.js';
import { makeCaseFile, testClerk } from './testing/case-file.factory.js';

const calendar = WorkingCalendar.official();
const ACCEPTED = new Date('2026-11-23T02:00:00Z'); // Monday 10:00 in Yinchuan
const lights = (file: CaseFile, at: Date): CaseLights => lightsOf(file, calendar, at, DEFAULT_LIGHT_POLICY);
const reading = (l: CaseLights) => ({ light: l.light, stepLight: l.stepLight, overdueDays: l.overdueDays });
const localNoon = (day: string) => new Date(localMidnight(day) + 12 * 3_600_000);

function accepted(committedDays = 10): CaseFile {
  const complete = act(makeCaseFile(ACCEPTED, committedDays), 'intake_complete', testClerk, { missing: [] }, ACCEPTED, calendar).file;
  return act(complete, 'accept', testClerk, {}, ACCEPTED, calendar).file;
}

/** Every local noon from `from` for `days` days: the reading never changes before nextCheckAt says it may. */
function assertNoChangeMissed(file: CaseFile, from: Date, days: number): number {
  let checks = 0;
  let t = from;
  let current = lights(file, t);
  for (let i = 0; i < days; i++) {
    const next = new Date(t.getTime() + 86_400_000);
    const later = lights(file, next);
    if (current.nextCheckAt === null || Date.parse(current.nextCheckAt) > next.getTime()) {
      expect(reading(later)).toEqual(reading(current));
    } else {
      checks++;
      current = later;
    }
    t = next;
  }
  return checks;
}

describe('when a stored light must be looked at again (computed, not probed)', () => {
  it('is the next local midnight at which the step limit of an accepted case turns it yellow', () => {
    const l = lights(accepted(), ACCEPTED);
    expect(l).toEqual(expect.objectContaining({ light: 'green', stepLight: 'green', stepDeadline: '2026-11-25', overdueDays: 0 }));
    // The clock's days count from Tuesday: the first change is the next midnight.
    expect(l.nextCheckAt).toBe(new Date(localMidnight('2026-11-24')).toISOString());
  });

  it('misses no change of light, step light or days overdue over two months, weekends and a holiday included', () => {
    const file = accepted(5);
    const checks = assertNoChangeMissed(file, ACCEPTED, 60);
    // Looked at about once per working day, never on a weekend in between.
    expect(checks).toBeGreaterThan(30);
    expect(checks).toBeLessThanOrEqual(45);
  });

  it('keeps looking every working day once red, as the days overdue grow', () => {
    const file = accepted(2);
    const late = lights(file, localNoon('2026-12-01')); // Tuesday: 2 days budget used up on Wednesday 25th
    expect(late.light).toBe('red');
    expect(late.overdueDays).toBeGreaterThan(0);
    expect(late.nextCheckAt).toBe(new Date(localMidnight('2026-12-02')).toISOString());
    const friday = lights(file, localNoon('2026-12-04'));
    expect(friday.nextCheckAt).toBe(new Date(localMidnight('2026-12-07')).toISOString()); // Monday, not Saturday
    expect(lights(file, localNoon('2026-12-07')).overdueDays).toBe(friday.overdueDays + 1);
  });

  it('runs the one-day limit of a hand-up while the case is in transit', () => {
    const taken = act(accepted(), 'hand_up', testClerk, {}, ACCEPTED, calendar).file;
    expect(taken.state.status).toBe('in_transit_up');
    expect(lights(taken, ACCEPTED).stepDeadline).toBe('2026-11-24');
  });

  it('comes every night while a correction pauses the clock, as the deadline moves on', () => {
    const operator = { id: 'op-a', name: '审批 A', role: 'county_operator', node: '640104000000', backupOf: [] };
    const handed = act(accepted(), 'hand_up', testClerk, {}, ACCEPTED, calendar).file;
    const acked = act(handed, 'acknowledge', { ...operator, id: 'system', role: 'system' }, {}, ACCEPTED, calendar).file;
    const taken = act(acked, 'take_up_for_review', operator, {}, ACCEPTED, calendar).file;
    const paused = act(taken, 'request_correction', operator, { items: ['营业执照复印件不清晰'] }, ACCEPTED, calendar).file;
    const monday = lights(paused, localNoon('2026-11-30'));
    expect(monday.reading?.paused).toBe(true);
    expect(monday.nextCheckAt).toBe(new Date(localMidnight('2026-12-01')).toISOString());
    expect(lights(paused, localNoon('2026-12-01')).reading?.deadline).toBe(calendar.addWorkingDays(monday.reading!.deadline, 1));
  });

  it('is null once the case is closed', () => {
    const closed = act(accepted(), 'not_accept', testClerk, { reason: '不符合受理条件', legalBasis: '《行政许可法》第三十二条' }, ACCEPTED, calendar).file;
    const l = lights(closed, localNoon('2026-12-20'));
    expect(l).toEqual(expect.objectContaining({ light: null, stepLight: null, nextCheckAt: null }));
  });
});

describe('a case in a list (GET /cases, the inbox)', () => {
  it('carries the lights the detail shows: the case, the step it waits in with its deadline, and the case deadline', () => {
    const file = accepted(5);
    const now = lights(file, ACCEPTED);
    const row = listedCase(file, now);
    expect(row).toMatchObject({
      caseNumber: file.state.caseNumber,
      light: { code: 'green', labelZh: '绿灯（正常）' },
      stepLight: { code: 'green' },
      stepDeadline: '2026-11-25',
      deadline: now.reading!.deadline,
    });
    expect(row.applicant.masked).toBe(true);
  });

  it('has no lights once the case is closed', () => {
    const closed = act(accepted(), 'not_accept', testClerk, { reason: '不符合受理条件', legalBasis: '《行政许可法》第三十二条' }, ACCEPTED, calendar).file;
    expect(listedCase(closed, lights(closed, localNoon('2026-12-20')))).toMatchObject({ light: null, stepLight: null, stepDeadline: null });
  });
});
