import { localDate } from '#libs/cases';
import { type CaseFile, type CaseLights, isLive } from '#libs/case-service';
import type { MonitorCaseRow } from '#libs/monitor';

export interface CaseSupervision {
  round: number;
  flagged: boolean;
}

const dayOf = (iso: string | undefined): string | null => (iso === undefined ? null : localDate(new Date(iso)));

/**
 * The city monitor's row of a case: what the city's copy says (itself built from the `case.step`
 * events it observed), read at one moment (the lights), with the city's own supervision of it.
 * Dates are the city's calendar days. The row depends on the events and the moment it is read (and
 * the calendar then in force), never on when or how often it was written.
 */
export function monitorRowOf(file: CaseFile, lights: CaseLights, supervision: CaseSupervision): MonitorCaseRow {
  const { state, record } = file;
  const live = isLive(file);
  const reading = lights.reading;
  return {
    caseNumber: state.caseNumber,
    intakeNode: state.intakeNode,
    holder: state.holder,
    decidingNode: state.decidingNode,
    itemCode: record.itemCode,
    itemName: record.itemName,
    status: state.status,
    outcome: state.outcome ?? null,
    live,
    paused: live && reading !== null && reading.paused,
    light: live ? lights.light : null,
    stepLight: live ? lights.stepLight : null,
    receivedOn: dayOf(record.receivedAt)!,
    acceptedOn: dayOf(record.acceptedAt),
    // A live case's deadline as read now on the city's calendar (a pause moves it day by day, an
    // amendment at once); a closed case's as its last step recorded it.
    dueOn: live && reading !== null ? reading.deadline : (record.dueDate ?? null),
    closedOn: live ? null : dayOf(record.decidedAt ?? record.statusSince ?? record.receivedAt),
    closedLate: live || reading === null ? null : reading.overdueDays > 0,
    overdueDays: live ? lights.overdueDays : 0,
    lightDueAt: live ? lights.nextCheckAt : null,
    supervisionRound: supervision.round,
    flagged: supervision.flagged,
    version: state.version,
    calendarVersion: live && reading !== null ? reading.calendarVersion : (record.clock?.calendarVersion ?? null),
  };
}
