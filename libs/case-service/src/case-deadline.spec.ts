import { WorkingCalendar } from '#libs/calendar';
import { formatCaseNumber, openCase } from '#libs/cases';
import { amendCopy, withDeadline } from './case-deadline.js';
import type { CaseFile, StepActor } from './case-file.js';
import { act } from './case-workflow.js';

const TOWNSHIP = '640104100000';
const ACCEPTED = new Date('2027-03-01T02:00:00Z'); // Monday 10:00 in Yinchuan
const official = WorkingCalendar.official();
const clerk: StepActor = { id: 'clerk-a', name: '窗口 A', role: 'township_clerk', node: TOWNSHIP, backupOf: [] };
const dayOff = (date: string, version = 1) => official.withLocalChanges([{ id: `off-${date}`, date, kind: 'off', nameZh: '本地节庆', reason: '市政府决定', version }]);

/** A township matter accepted on Monday 2027-03-01 with 10 working days: due Monday 03-15. */
function accepted(calendar = official): CaseFile {
  const opened = openCase({
    caseNumber: formatCaseNumber({ nodeCode: TOWNSHIP, date: '2027-03-01', sequence: 1 }),
    intakeNode: TOWNSHIP,
    item: { decisionLevel: 'township', intakeLevels: ['township'], kindCode: '05', caseType: '2' },
    firstContact: clerk.id,
  });
  if (!opened.ok) throw new Error(opened.problem);
  const file: CaseFile = {
    state: opened.state,
    record: {
      itemCode: '05030030005640100001',
      itemName: '临时救助',
      decisionLevel: 'township',
      itemOrigin: 'city',
      firstContactName: clerk.name,
      applicant: { kind: 'person', name: '张三', idNumber: '11010519491231002X', phone: '13995012345', address: '掌政镇' },
      channel: '1',
      materials: { brought: [], conditions: [], missing: [], unexpected: [] },
      receivedAt: ACCEPTED.toISOString(),
      committedDays: 10,
      documents: [],
    },
  };
  const complete = act(file, 'intake_complete', clerk, { missing: [] }, ACCEPTED, calendar).file;
  return act(complete, 'accept', clerk, {}, ACCEPTED, calendar).file;
}

describe('a live copy read again after a calendar amendment', () => {
  const now = new Date('2027-03-02T02:00:00Z');

  it('moves the deadline by exactly one working day for a day off inside the window, and records the new calendar', () => {
    const file = accepted();
    expect(file.record.dueDate).toBe('2027-03-15');
    const festival = dayOff('2027-03-03');
    const sut = amendCopy(file, official, festival, now)!;
    expect(sut.moved).toEqual({ from: '2027-03-15', to: '2027-03-16' });
    expect(sut.changed).toBe(true);
    expect(sut.file.record.dueDate).toBe('2027-03-16');
    expect(sut.file.record.clock?.calendarVersion).toBe(festival.version);
    expect(sut.file.state).toBe(file.state); // not a step: the state and its version stay
  });

  it('changes nothing when read again on the same calendar (applying an amendment twice)', () => {
    const festival = dayOff('2027-03-03');
    const once = amendCopy(accepted(), official, festival, now)!.file;
    const twice = amendCopy(once, festival, festival, now)!;
    expect(twice.moved).toBeUndefined();
    expect(twice.changed).toBe(false);
    expect(twice.file.record).toEqual(once.record);
  });

  it('leaves the deadline of a case whose window the changed day is not in, and tells no one', () => {
    const sut = amendCopy(accepted(), official, dayOff('2027-05-12'), now)!;
    expect(sut.moved).toBeUndefined();
    expect(sut.changed).toBe(false);
    expect(sut.file.record.dueDate).toBe('2027-03-15');
  });

  it('counts a day already passed: fewer days used, a later deadline', () => {
    const later = new Date('2027-03-04T02:00:00Z');
    const sut = amendCopy(accepted(), official, dayOff('2027-03-02'), later)!;
    expect(sut).toMatchObject({ moved: { from: '2027-03-15', to: '2027-03-16' }, changed: true });
  });

  it('leaves a decided case alone', () => {
    const file = accepted();
    const taken = act(file, 'take_up_for_review', clerk, {}, now, official).file;
    const decided = act(taken, 'deny', clerk, { reason: '不符合条件' }, now, official).file;
    expect(amendCopy(decided, official, dayOff('2027-03-03'), now)).toBeUndefined();
    expect(withDeadline(decided, dayOff('2027-03-03'), now)).toBe(decided);
  });

  it("reads a received copy's deadline on this node's calendar", () => {
    const festival = dayOff('2027-03-03');
    const sut = withDeadline(accepted(), festival, now);
    expect([sut.record.dueDate, sut.record.clock?.calendarVersion]).toEqual(['2027-03-16', festival.version]);
  });
});
