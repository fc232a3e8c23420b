import type { MonitorCaseRow } from '../monitor-case-row.js';

/** Test data: a county licence taken in at 掌政镇, accepted and under review at 兴庆区, green. */
export function makeMonitorRow(overrides: Partial<MonitorCaseRow> = {}): MonitorCaseRow {
  return {
    caseNumber: '640104100000202611230000176',
    intakeNode: '640104100000',
    holder: '640104000000',
    decidingNode: '640104000000',
    itemCode: '11640104MB1234567X0001',
    itemName: '食品经营许可',
    status: 'under_review',
    outcome: null,
    live: true,
    paused: false,
    light: 'green',
    stepLight: null,
    receivedOn: '2026-11-23',
    acceptedOn: '2026-11-23',
    dueOn: '2026-12-07',
    closedOn: null,
    closedLate: null,
    overdueDays: 0,
    lightDueAt: '2026-12-03T16:00:00.000Z',
    supervisionRound: 0,
    flagged: false,
    version: 4,
    calendarVersion: null,
    ...overrides,
  };
}

/** The same case decided: approved on `closedOn`, its result back at the intake counter. */
export function makeClosedMonitorRow(overrides: Partial<MonitorCaseRow> = {}): MonitorCaseRow {
  return makeMonitorRow({
    status: 'awaiting_delivery',
    outcome: 'approved',
    live: false,
    holder: '640104100000',
    light: null,
    lightDueAt: null,
    closedOn: '2026-12-01',
    closedLate: false,
    version: 8,
    ...overrides,
  });
}
