import { MonitorRowInvalidError } from './monitor-errors.js';
import { assertMonitorRow, monitorRowProblems } from './monitor-row-check.js';
import { makeClosedMonitorRow, makeMonitorRow } from './testing/monitor-row.factory.js';

describe('monitor row invariants', () => {
  it('accepts a live case and a closed one', () => {
    expect(monitorRowProblems(makeMonitorRow())).toEqual([]);
    expect(monitorRowProblems(makeClosedMonitorRow())).toEqual([]);
  });

  it('refuses a closed case that still has a light or a check due', () => {
    expect(monitorRowProblems(makeClosedMonitorRow({ light: 'red' }))).toEqual(['a closed case has no light and no light check due']);
    expect(monitorRowProblems(makeClosedMonitorRow({ lightDueAt: '2026-12-03T16:00:00.000Z' }))).toHaveLength(1);
  });

  it('refuses live and outcome that disagree, and a status that disagrees with either', () => {
    expect(monitorRowProblems(makeMonitorRow({ outcome: 'approved' }))).toEqual([
      'live must be true exactly when there is no outcome',
    ]);
    expect(monitorRowProblems(makeMonitorRow({ status: 'delivered' }))).toEqual(['status delivered does not agree with live = true']);
  });

  it('lists every problem at once', () => {
    const sut = monitorRowProblems(makeMonitorRow({ light: 'blue' as never, receivedOn: '23/11/2026', supervisionRound: 3, overdueDays: -1, closedLate: false }));
    expect(sut).toHaveLength(5);
  });

  it('throws a non-retryable MONITOR_ROW_INVALID naming the case', () => {
    const act = () => assertMonitorRow(makeMonitorRow({ holder: 'x' }));
    expect(act).toThrow(MonitorRowInvalidError);
    expect(act).toThrow(/640104100000202611230000176.*holder x is not a node code/);
  });
});
