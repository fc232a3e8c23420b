import { WorkingCalendar } from '#libs/calendar';
import { CaseRuleError } from '#libs/cases';
import { act, note } from './case-workflow.js';
import { maskIdNumber, maskPhone } from './case-view.js';
import { makeCaseFile, TEST_COUNTY as COUNTY, TEST_TOWNSHIP as TOWNSHIP, testClerk as clerk } from './testing/case-file.factory.js';

const NOW = new Date('2026-11-23T02:00:00Z'); // Monday 10:00 in Yinchuan
const calendar = WorkingCalendar.official();
const newCase = () => makeCaseFile(NOW);

describe('a case action in memory (the service layer over the rules)', () => {
  it('issues the one-time notice with its number and lists what is missing', () => {
    const { file, step } = act(newCase(), 'intake_incomplete', clerk, { missing: ['营业执照'] }, NOW, calendar);
    expect(file.state.status).toBe('awaiting_materials');
    expect(file.record.documents).toEqual([
      expect.objectContaining({ kind: 'one_time_notice', number: 'GZ-640104100000202611230000176', titleZh: '一次性告知书', issuedBy: TOWNSHIP }),
    ]);
    expect(file.record.documents[0]!.body.missing).toEqual([{ name: '营业执照', reason: 'absent', originals: 0, copies: 1 }]);
    expect(step).toEqual(expect.objectContaining({ node: TOWNSHIP, actorId: 'clerk-a', action: 'intake_incomplete', statusAfter: 'awaiting_materials', versionAfter: 2 }));
    expect(step.details.document).toEqual({ kind: 'one_time_notice', number: 'GZ-640104100000202611230000176' });
  });

  it('dates the acceptance and commits a completion date in working days from the local date', () => {
    const complete = act(newCase(), 'intake_complete', clerk, { missing: [] }, NOW, calendar).file;
    const { file } = act(complete, 'accept', clerk, {}, NOW, calendar);
    expect(file.record.acceptedAt).toBe(NOW.toISOString());
    expect(file.record.dueDate).toBe('2026-12-07'); // 10 working days after Monday 23 November
    expect(file.record.documents.map((d) => d.number)).toEqual(['SL-640104100000202611230000176']);
  });

  it('reads the deadline on the calendar it is given and records that calendar\'s version in the clock', () => {
    const complete = act(newCase(), 'intake_complete', clerk, { missing: [] }, NOW, calendar).file;
    const festival = calendar.withLocalChanges([{ id: 'f', date: '2026-11-25', kind: 'off', nameZh: '本地节庆', reason: '市政府决定', version: 1 }]);
    const { file } = act(complete, 'accept', clerk, {}, NOW, festival);
    expect(file.record.dueDate).toBe('2026-12-08'); // one working day later than on the official calendar
    expect(file.record.clock?.calendarVersion).toBe(`${calendar.version}+local:1`);
    const reviewed = act(file, 'hand_up', clerk, {}, NOW, calendar).file;
    expect([reviewed.record.dueDate, reviewed.record.clock?.calendarVersion]).toEqual(['2026-12-07', calendar.version]);
  });

  it('throws the rules\' refusal and changes nothing', () => {
    const before = newCase();
    expect(() => act(before, 'approve', clerk, { resultName: 'x', resultNumber: 'y' }, NOW, calendar)).toThrow(CaseRuleError);
    expect(before.state.status).toBe('received');
    expect(before.record.documents).toEqual([]);
  });

  it('records a request sent to the holder without changing the case', () => {
    const file = newCase();
    const entry = note(file, 'request_sent', clerk, { action: 'request_withdrawal', to: COUNTY }, NOW);
    expect(entry).toEqual(expect.objectContaining({ action: 'request_sent', statusAfter: 'received', versionAfter: 1, node: TOWNSHIP }));
  });
});

describe('masking applicants in lists and for readers not acting on the case', () => {
  it('keeps the region and the last four characters of a resident ID', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('1101**********002X');
  });

  it('keeps the first six and last four characters of a credit code', () => {
    expect(maskIdNumber('91350100M000100Y43')).toBe('913501********0Y43');
  });

  it('keeps the first three and last four digits of a phone number', () => {
    expect(maskPhone('13995012345')).toBe('139****2345');
    expect(maskPhone('0951-6192345')).toBe('095****2345');
  });
});
