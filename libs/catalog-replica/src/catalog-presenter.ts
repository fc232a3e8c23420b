import { CASE_TYPES, CHANNELS, DECISION_LEVELS, ITEM_KINDS, ITEM_STATUSES, labelOf, MATERIAL_FORMS, MATERIAL_REQUIREMENTS, SERVED_PARTIES, SPECIAL_PROCEDURES } from '#libs/catalog';
import type { LiveItemRow } from './catalog-replica.repository.js';
import { originLabel } from './origin.js';

type Item = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const coded = (list: Parameters<typeof labelOf>[0], code: string) => ({ code, label: labelOf(list, code) });

/** The item as this node shows it: its county's settings (实施清单) over the city's values. */
function effective(row: LiveItemRow): Item {
  const item = row.data as Item;
  const o = (row.implementation ?? {}) as Item;
  return {
    ...item,
    committedTimeLimit: o.committedTimeLimit ?? item.committedTimeLimit,
    place: o.place ?? item.place,
    hours: o.hours ?? item.hours,
    enquiryPhone: o.enquiryPhone ?? item.enquiryPhone,
    complaintPhone: o.complaintPhone ?? item.complaintPhone,
    localNotes: o.notes,
  };
}

export function summary(row: LiveItemRow) {
  const item = effective(row);
  return {
    code: row.code,
    basicCode: item.basicCode,
    name: item.name,
    kind: coded(ITEM_KINDS, item.kindCode),
    department: item.department.name,
    decisionLevel: coded(DECISION_LEVELS, item.decisionLevel),
    caseType: coded(CASE_TYPES, item.caseType),
    legalDays: item.legalTimeLimit.days,
    committedDays: item.committedTimeLimit.days,
    onlineAvailable: item.onlineAvailable,
    maxVisits: item.maxVisits,
    status: coded(ITEM_STATUSES, row.status),
    origin: originLabel(row.origin),
  };
}

/**
 * The full item, with the materials as the applicant's one-time checklist (一次性告知);
 * `otherOrigins` names the other origins with an item of the same code here.
 */
export function detail(row: LiveItemRow, otherOrigins: Array<'city' | 'county'> = []) {
  const item = effective(row);
  const materials = (item.materials as Item[]).map((m, i) => ({
    no: i + 1,
    name: m.name,
    issuer: m.issuer,
    forms: (m.forms as string[]).map((f) => coded(MATERIAL_FORMS, f)),
    originals: m.originals,
    copies: m.copies,
    requirement: coded(MATERIAL_REQUIREMENTS, m.requirement),
    notes: m.notes ?? null,
  }));
  return {
    ...summary(row),
    otherOrigins,
    implementationCode: item.implementationCode,
    departmentCreditCode: item.department.creditCode,
    intakeLevels: (item.intakeLevels as string[]).map((l) => coded(DECISION_LEVELS, l)),
    legalTimeLimit: item.legalTimeLimit,
    committedTimeLimit: item.committedTimeLimit,
    conditions: item.conditions,
    checklist: {
      title: `${item.name} 一次性告知单`,
      notice: '以下为办理本事项需要提交的全部材料；材料齐全即予受理，不会再次要求补充清单以外的材料。',
      noticeEn: 'This is the complete list of materials for this matter; nothing outside it will be asked for later.',
      materials,
      required: materials.filter((m) => m.requirement.code === 'required').length,
    },
    legalBasis: item.legalBasis,
    fee: item.fee,
    processSteps: item.processSteps,
    specialProcedures: (item.specialProcedures as string[]).map((s) => coded(SPECIAL_PROCEDURES, s)),
    servedParties: (item.servedParties as string[]).map((s) => coded(SERVED_PARTIES, s)),
    channels: (item.channels as string[]).map((c) => coded(CHANNELS, c)),
    place: item.place,
    hours: item.hours,
    enquiryPhone: item.enquiryPhone,
    complaintPhone: item.complaintPhone,
    localNotes: item.localNotes ?? null,
    faq: item.faq,
    keywords: item.keywords,
    revision: row.revision,
    catalogVersion: row.catalogVersion,
    effectiveFrom: row.effectiveFrom,
  };
}
