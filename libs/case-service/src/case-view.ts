import { CASE_ACTIONS, CASE_STATUSES } from '#libs/cases';
import { CHANNELS } from '#libs/catalog';
import { maskResidentId } from '#libs/domain';
import type { CaseLights } from './case-lights.js';
import type { CaseFile, CaseRecord, TimelineStep } from './case-file.js';

const label = (list: ReadonlyArray<{ code: string; zh: string; en: string }>, code: string | undefined) => {
  const e = list.find((x) => x.code === code);
  return code === undefined ? null : { code, zh: e?.zh ?? code, en: e?.en ?? code };
};

/** 138****5678: the first three and last four digits of a phone number. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (digits.length < 7) return '*'.repeat(phone.length);
  return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
}

/** An ID number with only its region and last four characters: a resident ID or a credit code. */
export function maskIdNumber(id: string): string {
  if (/^\d{17}[\dX]$/.test(id)) return maskResidentId(id);
  return id.length > 10 ? `${id.slice(0, 6)}${'*'.repeat(id.length - 10)}${id.slice(-4)}` : '*'.repeat(id.length);
}

function applicantView(r: CaseRecord, whole: boolean) {
  const a = r.applicant;
  return {
    kind: a.kind,
    name: a.name,
    idNumber: whole ? a.idNumber : maskIdNumber(a.idNumber),
    contactName: a.contactName ?? null,
    contactIdNumber: a.contactIdNumber === undefined ? null : whole ? a.contactIdNumber : maskIdNumber(a.contactIdNumber),
    phone: whole ? a.phone : maskPhone(a.phone),
    address: whole ? a.address : null,
    masked: !whole,
  };
}

/** A case in a list: applicant masked, whoever reads. */
export function caseSummary(file: CaseFile) {
  const { state: s, record: r } = file;
  return {
    caseNumber: s.caseNumber,
    version: s.version,
    status: label(CASE_STATUSES, s.status),
    inTransit: s.status === 'in_transit_up' || s.status === 'result_in_transit_down',
    holder: s.holder,
    intakeNode: s.intakeNode,
    decidingNode: s.decidingNode,
    item: { code: r.itemCode, name: r.itemName, decisionLevel: r.decisionLevel },
    applicant: applicantView(r, false),
    channel: label(CHANNELS, r.channel),
    receivedAt: r.receivedAt,
    acceptedAt: r.acceptedAt ?? null,
    dueDate: r.dueDate ?? null,
    decidedAt: r.decidedAt ?? null,
    outcome: s.outcome ?? null,
    withdrawalRequested: s.withdrawalRequested,
  };
}

export function timelineView(steps: TimelineStep[]) {
  return steps.map((t) => ({
    id: t.id,
    at: t.at,
    node: t.node,
    actor: { id: t.actorId, name: t.actorName, role: t.actorRole },
    action: label([...CASE_ACTIONS, { code: 'request_sent', zh: '向承办节点发出请求', en: 'request sent to the holder' }, { code: 'request_refused', zh: '承办节点拒绝请求', en: 'request refused by the holder' }], t.action),
    statusAfter: label(CASE_STATUSES, t.statusAfter),
    holderAfter: t.holderAfter ?? null,
    versionAfter: t.versionAfter ?? null,
    details: t.details,
  }));
}

/** A case whole: applicant shown in full only to staff acting on it (`whole`), with its documents and timeline. */
export function caseDetail(file: CaseFile, steps: TimelineStep[], whole: boolean) {
  const { state: s, record: r } = file;
  return {
    ...caseSummary(file),
    applicant: applicantView(r, whole),
    itemOrigin: r.itemOrigin,
    firstContact: { id: s.firstContact, name: r.firstContactName },
    handler: s.handler ?? null,
    reviewer: s.reviewer ?? null,
    committedDays: r.committedDays ?? null,
    materials: r.materials,
    oneTimeNotice: s.oneTimeNotice ?? null,
    correction: s.correction ?? null,
    specialProcedure: s.specialProcedure ?? null,
    result: r.result ?? null,
    delivery: r.delivery ?? null,
    rating: r.rating ?? null,
    documents: r.documents.map((d) => ({ kind: d.kind, number: d.number, titleZh: d.titleZh, titleEn: d.titleEn, issuedAt: d.issuedAt, issuedBy: d.issuedBy })),
    timeline: timelineView(steps),
  };
}



const LIGHT_LABELS: Record<string, { zh: string; en: string }> = {
  green: { zh: '绿灯（正常）', en: 'green: in time' },
  yellow: { zh: '黄灯（预警）', en: 'yellow: close to the deadline' },
  red: { zh: '红灯（超期）', en: 'red: past the deadline' },
};
const lightLabel = (light: string | null) => (light === null ? null : { code: light, labelZh: LIGHT_LABELS[light]!.zh, labelEn: LIGHT_LABELS[light]!.en });

/**
 * A case in a list with its lights now (the same reading as the detail's time limit): the case's light,
 * the light of the step it waits in and that step's deadline, and the case's deadline; so a worklist
 * shows and sorts by them without opening each case.
 */
export function listedCase(file: CaseFile, now: CaseLights) {
  return {
    ...caseSummary(file),
    light: lightLabel(now.light),
    stepLight: lightLabel(now.stepLight),
    stepDeadline: now.stepDeadline,
    deadline: now.reading?.deadline ?? null,
  };
}

/**
 * The time limit as staff read it: the lights now (and as stored by the sweep), the deadline and the
 * calendar it was computed with, the budget used, paused and extended, and the days spent at each level.
 */
export function timeLimitView(file: CaseFile, now: CaseLights, stored: { light: string | null; stepLight: string | null; lightDueAt: string | null } | undefined) {
  const r = now.reading;
  return {
    light: lightLabel(now.light),
    stepLight: lightLabel(now.stepLight),
    stepDeadline: now.stepDeadline,
    storedLight: stored?.light ?? null,
    storedStepLight: stored?.stepLight ?? null,
    nextCheckAt: stored?.lightDueAt ?? null,
    deadline: r?.deadline ?? null,
    committedDays: file.record.clock?.committedDays ?? file.record.committedDays ?? null,
    budgetDays: r?.budgetDays ?? null,
    usedDays: r?.usedDays ?? null,
    remainingDays: r?.remainingDays ?? null,
    overdueDays: r?.overdueDays ?? 0,
    pausedDays: r?.pausedDays ?? 0,
    extensionDays: r?.extensionDays ?? 0,
    paused: r?.paused ?? false,
    stopped: r?.stopped ?? false,
    byLevel: r?.byLevel ?? null,
    pauses: file.record.clock?.pauses ?? [],
    extensions: file.record.clock?.extensions ?? [],
    calendarVersion: r?.calendarVersion ?? null,
    provisional: r?.provisional ?? false,
  };
}
