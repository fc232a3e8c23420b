import { v7 as uuidv7 } from 'uuid';
import type { WorkingCalendar } from '#libs/calendar';
import {
  CASE_DOCUMENT_KINDS,
  type CaseClock,
  type CaseState,
  type ClockLevel,
  extendClock,
  moveClock,
  pauseClock,
  readClock,
  recalibrate,
  resumeClock,
  startClock,
  stopClock,
  CaseRuleError,
  formatDocumentNumber,
  RATING_LEVELS,
  type SpecialProcedureKind,
  transition,
  type ActionInputs,
  type CaseAction,
  type CaseDocumentKind,
  type TransitionEffects,
} from '#libs/cases';
import { tierOfCode } from '#libs/config';
import type { CaseDocument, CaseFile, CaseRecord, StepActor, TimelineStep } from './case-file.js';

/**
 * Legal caps on the working days a special procedure may leave uncounted (行政许可法 art. 47: a hearing
 * is held within 20 days of the request). The other procedures take the time they need (art. 45), and
 * the applicant is told in writing.
 */
export const SPECIAL_PROCEDURE_CAPS: Partial<Record<SpecialProcedureKind, number>> = { hearing: 20 };

const levelOfNode = (node: string): ClockLevel => (tierOfCode(node) ?? 'township') as ClockLevel;

/**
 * The clock after an action (限时办结): started at acceptance with the committed limit, paused for a
 * correction or a special procedure and resumed, extended with approval, stopped at the outcome; every
 * change of holder is entered, so the time spent at each level can be told apart.
 */
function clockAfter(clock: CaseClock | undefined, action: CaseAction, input: Record<string, unknown>, effect: TransitionEffects['clock'], before: CaseState, after: CaseState, at: string): CaseClock | undefined {
  // Started by 'accept' itself (its acceptance notice shows the deadline).
  if (clock === undefined || clock.stoppedAt !== undefined) return clock;
  let c = clock;
  if (effect === 'pause') {
    const procedure = action === 'start_special_procedure' ? (input as ActionInputs['start_special_procedure']).kind : undefined;
    const cap = procedure ? SPECIAL_PROCEDURE_CAPS[procedure] : undefined;
    c = pauseClock(c, procedure ? 'special_procedure' : 'correction', at, { ...(procedure ? { procedure } : {}), ...(cap !== undefined ? { capDays: cap } : {}) });
  } else if (effect === 'resume') c = resumeClock(c, at);
  else if (effect === 'stop') return stopClock(c, at);
  if (action === 'extend_time_limit') {
    const i = input as { days: number; reason: string; approvedBy: string; approvedByName: string };
    c = extendClock(c, { days: i.days, reason: i.reason, approvedBy: i.approvedBy, approvedByName: i.approvedByName, at });
  }
  // Handed up: in transit until the parent signs for it; then the parent's level.
  if (after.holder !== before.holder || (before.status === 'in_transit_up' && action === 'acknowledge')) {
    c = moveClock(c, at, after.holder, after.status === 'in_transit_up' ? 'in_transit' : levelOfNode(after.holder));
  }
  return c;
}

export interface ActOutcome {
  file: CaseFile;
  step: TimelineStep;
  effects: TransitionEffects;
}

/** What a step carries into the timeline beyond the action: the input, less nothing a person needs. */
function detailsOf(action: CaseAction, input: Record<string, unknown>, document?: CaseDocument): Record<string, unknown> {
  const details: Record<string, unknown> = { ...input };
  if (action === 'intake_complete' || action === 'intake_incomplete' || action === 'complete_materials') delete details.missing;
  if (document) details.document = { kind: document.kind, number: document.number };
  return details;
}

function document(kind: CaseDocumentKind, caseNumber: string, actor: StepActor, at: string, body: Record<string, unknown>): CaseDocument {
  const entry = CASE_DOCUMENT_KINDS.find((k) => k.code === kind)!;
  return { kind, number: formatDocumentNumber(kind, caseNumber), titleZh: entry.zh, titleEn: entry.en, issuedAt: at, issuedBy: actor.node, body };
}

/**
 * The record after an action: dates, documents, result, delivery and rating. The due date is read
 * from the clock on `calendar`, and the clock records that calendar's version.
 */
function recordAfter(file: CaseFile, action: CaseAction, input: Record<string, unknown>, effects: TransitionEffects, actor: StepActor, now: Date, after: CaseState, calendar: WorkingCalendar): CaseRecord {
  const at = now.toISOString();
  const r: CaseRecord = { ...file.record, documents: [...file.record.documents] };
  const by = { id: actor.id, name: actor.name, node: actor.node };
  const common = { caseNumber: file.state.caseNumber, itemName: r.itemName, applicantName: r.applicant.name };
  let body: Record<string, unknown> | undefined;
  switch (action) {
    case 'intake_incomplete':
      body = { ...common, missing: r.materials.missing, brought: r.materials.brought, receivedAt: r.receivedAt, by };
      break;
    case 'accept': {
      r.acceptedAt = at;
      r.clock = startClock(at, r.committedDays ?? 0, actor.node, levelOfNode(actor.node), calendar);
      r.dueDate = readClock(r.clock, calendar, now).deadline;
      body = { ...common, brought: r.materials.brought, receivedAt: r.receivedAt, acceptedAt: at, dueDate: r.dueDate, committedDays: r.committedDays, calendarVersion: calendar.version, by };
      break;
    }
    case 'request_correction':
      body = { ...common, items: (input as ActionInputs['request_correction']).items, note: input.note, by };
      break;
    case 'not_accept': {
      const i = input as ActionInputs['not_accept'];
      r.decidedAt = at;
      r.result = { outcome: 'not_accepted', reason: i.reason, legalBasis: i.legalBasis, decidedAt: at, by };
      body = { ...common, reason: i.reason, legalBasis: i.legalBasis, by };
      break;
    }
    case 'approve': {
      const i = input as ActionInputs['approve'];
      r.decidedAt = at;
      r.result = { outcome: 'approved', resultName: i.resultName, resultNumber: i.resultNumber, validUntil: i.validUntil, decidedAt: at, by };
      break;
    }
    case 'deny':
      r.decidedAt = at;
      r.result = { outcome: 'denied', reason: (input as ActionInputs['deny']).reason, decidedAt: at, by };
      break;
    case 'allow_withdrawal':
      r.decidedAt = at;
      r.result = { outcome: 'withdrawn', decidedAt: at, by };
      break;
    case 'deliver': {
      const i = input as ActionInputs['deliver'];
      r.delivery = { method: i.method, at: i.at, recipient: i.recipient, by };
      body = { ...common, result: r.result, method: i.method, deliveredAt: i.at, recipient: i.recipient, by };
      break;
    }
    case 'rate': {
      const i = input as ActionInputs['rate'];
      const level = RATING_LEVELS.find((l) => l.code === i.level)!;
      r.rating = { level: i.level, labelZh: level.zh, labelEn: level.en, channel: i.channel, comment: i.comment, at, followUp: effects.followUp === true };
      // Given by the applicant on the counter's rating screen (a ticket), rather than entered by staff.
      if (input.givenBy === 'applicant') r.rating.givenBy = 'applicant';
      break;
    }
    default:
      break;
  }
  if (action !== 'accept') r.clock = clockAfter(r.clock, action, input, effects.clock, file.state, after, at);
  if (r.clock) {
    r.clock = recalibrate(r.clock, calendar);
    r.dueDate = readClock(r.clock, calendar, now).deadline;
  }
  if (after.status !== file.state.status || after.holder !== file.state.holder) r.statusSince = at;
  if (effects.document !== undefined && body !== undefined) r.documents.push(document(effects.document, file.state.caseNumber, actor, at, body));
  return r;
}

/**
 * Applies one action to a case in memory: the rules decide (a refusal is thrown as a CaseRuleError),
 * then the record and a timeline entry follow, the deadline read on `calendar` (the node's, see
 * CalendarService). Nothing is stored here.
 */
export function act(file: CaseFile, action: CaseAction, actor: StepActor, input: Record<string, unknown>, now: Date, calendar: WorkingCalendar): ActOutcome {
  const result = transition(file.state, action, { actor: { id: actor.id, node: actor.node, backupOf: actor.backupOf }, input: input as never });
  if (!result.ok) throw new CaseRuleError(result.refusal);
  const record = recordAfter(file, action, input, result.effects, actor, now, result.state, calendar);
  const issued = result.effects.document !== undefined ? record.documents.find((d) => d.kind === result.effects.document) : undefined;
  const step: TimelineStep = {
    id: uuidv7(),
    at: now.toISOString(),
    node: actor.node,
    actorId: actor.id,
    actorName: actor.name,
    actorRole: actor.role,
    action,
    statusAfter: result.state.status,
    holderAfter: result.state.holder,
    versionAfter: result.state.version,
    details: detailsOf(action, input, issued),
  };
  return { file: { state: result.state, record }, step, effects: result.effects };
}

/** A timeline entry that changes nothing: a request sent to the holder, or the holder's refusal of one. */
export function note(file: CaseFile, kind: 'request_sent' | 'request_refused', actor: StepActor, details: Record<string, unknown>, now: Date): TimelineStep {
  return {
    id: uuidv7(),
    at: now.toISOString(),
    node: actor.node,
    actorId: actor.id,
    actorName: actor.name,
    actorRole: actor.role,
    action: kind,
    statusAfter: file.state.status,
    holderAfter: file.state.holder,
    versionAfter: file.state.version,
    details,
  };
}
