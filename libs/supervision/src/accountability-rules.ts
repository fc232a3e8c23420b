import type { ClockLevel, HoldingSegment } from '#libs/cases';
import { tierOfCode } from '#libs/config';

/** A centre's level that answers for a case (责任层级); days in transit between centres are nobody's level. */
export type ResponsibleLevel = Exclude<ClockLevel, 'in_transit'>;

export const RESPONSIBLE_LEVELS = [
  { code: 'township', zh: '乡镇（街道）', en: 'township' },
  { code: 'county', zh: '县（区）', en: 'county' },
  { code: 'city', zh: '市', en: 'city' },
] as const satisfies readonly { code: ResponsibleLevel; zh: string; en: string }[];

/** 问责处理决定: what was decided about the person responsible. */
export const ACCOUNTABILITY_DECISIONS = [
  { code: 'criticism_education', zh: '批评教育', en: 'criticism and education' },
  { code: 'admonishment_talk', zh: '诫勉谈话', en: 'admonishment talk' },
  { code: 'circulated_criticism', zh: '通报批评', en: 'criticism circulated in a notice' },
  { code: 'reassignment', zh: '调离岗位', en: 'removal from the post' },
  { code: 'other', zh: '其他', en: 'other' },
] as const;
export type AccountabilityDecision = (typeof ACCOUNTABILITY_DECISIONS)[number]['code'];
export const ACCOUNTABILITY_DECISION_CODES = ACCOUNTABILITY_DECISIONS.map((d) => d.code);

export const ACCOUNTABILITY_STATUSES = [
  { code: 'pending', zh: '待处理', en: 'waiting for a decision' },
  { code: 'decided', zh: '已处理', en: 'decided' },
] as const;
export type AccountabilityStatus = (typeof ACCOUNTABILITY_STATUSES)[number]['code'];
export const ACCOUNTABILITY_STATUS_CODES = ACCOUNTABILITY_STATUSES.map((s) => s.code);

const ORDER: readonly ResponsibleLevel[] = ['township', 'county', 'city'];

/**
 * Who answers for a late case (责任追究): the level that spent the most counted working days on it (the
 * clock's attribution, `byLevel`), and the node of that level that held it. A tie goes to the level
 * that held the case last. With no counted days (a clock not started, or not a day gone), the holder
 * now answers for it.
 */
export function responsibleFor(byLevel: Partial<Record<ClockLevel, number>> | undefined, holding: readonly HoldingSegment[], holder: string): { level: ResponsibleLevel; node: string } {
  const lastHeld = (level: ResponsibleLevel): number => holding.map((h) => h.level).lastIndexOf(level);
  let best: ResponsibleLevel | undefined;
  for (const level of ORDER) {
    const days = byLevel?.[level] ?? 0;
    if (days <= 0) continue;
    const bestDays = best === undefined ? 0 : (byLevel?.[best] ?? 0);
    // Days are fractions (a day split at a hand-over): compare them at a precision no clock produces.
    if (best === undefined || days - bestDays > 1e-9 || (Math.abs(days - bestDays) <= 1e-9 && lastHeld(level) > lastHeld(best))) best = level;
  }
  if (best === undefined) {
    const tier = tierOfCode(holder) ?? 'city';
    return { level: tier, node: holder };
  }
  const segment = holding.filter((h) => h.level === best).at(-1);
  return { level: best, node: segment?.node ?? holder };
}
