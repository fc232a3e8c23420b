import type { CodeEntry } from '#libs/catalog';

/** Where a case stands. One status for the whole network; the node that holds the case is a separate field. */
export const CASE_STATUSES = [
  { code: 'received', zh: '已收件', en: 'received, materials not yet checked' },
  { code: 'awaiting_materials', zh: '待补齐材料（已一次性告知）', en: 'waiting for materials (one-time notice issued)' },
  { code: 'materials_complete', zh: '材料齐全，待受理', en: 'materials complete, waiting for acceptance' },
  { code: 'accepted', zh: '已受理', en: 'accepted' },
  { code: 'in_transit_up', zh: '上报途中', en: 'handed up, not yet acknowledged' },
  { code: 'under_review', zh: '审查中', en: 'under review' },
  { code: 'awaiting_correction', zh: '待补正', en: 'waiting for the applicant\'s correction' },
  { code: 'special_procedure', zh: '特别程序中', en: 'in a special procedure' },
  { code: 'approved', zh: '准予', en: 'approved' },
  { code: 'denied', zh: '不予批准', en: 'denied' },
  { code: 'not_accepted', zh: '不予受理', en: 'not accepted' },
  { code: 'withdrawn', zh: '已撤回', en: 'withdrawn' },
  { code: 'result_in_transit_down', zh: '结果下送途中', en: 'result on its way down to the intake counter' },
  { code: 'awaiting_delivery', zh: '待送达', en: 'result at the intake counter, waiting for delivery' },
  { code: 'delivered', zh: '已送达', en: 'delivered to the applicant' },
  { code: 'rated', zh: '已评价', en: 'rated by the applicant' },
] as const satisfies readonly CodeEntry[];
export type CaseStatus = (typeof CASE_STATUSES)[number]['code'];
export const STATUS_CODES: readonly CaseStatus[] = CASE_STATUSES.map((s) => s.code);

/** The four ways a case ends; the status of a decided case before its result moves on. */
export const OUTCOMES = ['approved', 'denied', 'not_accepted', 'withdrawn'] as const satisfies readonly CaseStatus[];
export type CaseOutcome = (typeof OUTCOMES)[number];

/** Before a decision: a withdrawal may still be asked for. */
export const UNDECIDED: readonly CaseStatus[] = [
  'received',
  'awaiting_materials',
  'materials_complete',
  'accepted',
  'in_transit_up',
  'under_review',
  'awaiting_correction',
  'special_procedure',
];

/** A decision exists (or the case was withdrawn): deciding again is refused. */
export const DECIDED: readonly CaseStatus[] = STATUS_CODES.filter((s) => !UNDECIDED.includes(s));

/** The deadline clock runs (限时办结) only in these; correction and special procedures pause it. */
export const CLOCK_RUNNING: readonly CaseStatus[] = ['accepted', 'in_transit_up', 'under_review'];
export const CLOCK_PAUSED: readonly CaseStatus[] = ['awaiting_correction', 'special_procedure'];

export function isOutcome(status: CaseStatus): status is CaseOutcome {
  return (OUTCOMES as readonly string[]).includes(status);
}
