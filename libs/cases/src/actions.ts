import type { CodeEntry } from '#libs/catalog';
import { SPECIAL_PROCEDURE_KINDS } from './code-lists.js';

/** Everything that moves a case, with what a person sees in its timeline. */
export const CASE_ACTIONS = [
  { code: 'intake_complete', zh: '收件（材料齐全）', en: 'intake, materials complete' },
  { code: 'intake_incomplete', zh: '收件（出具一次性告知书）', en: 'intake, materials missing: one-time notice' },
  { code: 'complete_materials', zh: '补齐材料', en: 'missing materials brought' },
  { code: 'accept', zh: '受理', en: 'accept' },
  { code: 'hand_up', zh: '上报（全程代办）', en: 'hand up to the parent centre' },
  { code: 'acknowledge', zh: '签收', en: 'acknowledge receipt' },
  { code: 'take_up_for_review', zh: '审查', en: 'take up for review' },
  { code: 'request_correction', zh: '通知补正', en: 'request a correction' },
  { code: 'correction_received', zh: '补正材料收到', en: 'correction received' },
  { code: 'start_special_procedure', zh: '启动特别程序', en: 'start a special procedure' },
  { code: 'end_special_procedure', zh: '结束特别程序', en: 'end the special procedure' },
  { code: 'extend_time_limit', zh: '延长审批', en: 'extend the time limit' },
  { code: 'not_accept', zh: '不予受理', en: 'refuse to accept' },
  { code: 'approve', zh: '准予（核准）', en: 'approve' },
  { code: 'deny', zh: '不予批准', en: 'deny' },
  { code: 'request_withdrawal', zh: '申请撤回', en: 'request withdrawal' },
  { code: 'allow_withdrawal', zh: '同意撤回', en: 'allow the withdrawal' },
  { code: 'refuse_withdrawal', zh: '不同意撤回', en: 'refuse the withdrawal' },
  { code: 'send_result_down', zh: '结果下送', en: 'send the result down' },
  { code: 'deliver', zh: '送达', en: 'deliver the result' },
  { code: 'rate', zh: '好差评', en: 'record the applicant\'s rating' },
] as const satisfies readonly CodeEntry[];
export type CaseAction = (typeof CASE_ACTIONS)[number]['code'];
export const ACTION_CODES: readonly CaseAction[] = CASE_ACTIONS.map((a) => a.code);

// The inputs' code lists live in code-lists.ts (plain data without imports, so the console reads the same lists).
export { DELIVERY_METHODS, MAX_EXTENSION_DAYS, RATING_CHANNELS, SPECIAL_PROCEDURE_KINDS } from './code-lists.js';
export type SpecialProcedureKind = (typeof SPECIAL_PROCEDURE_KINDS)[number]['code'];
const specialProcedureKindsAreCodeEntries: readonly CodeEntry[] = SPECIAL_PROCEDURE_KINDS;
void specialProcedureKindsAreCodeEntries;

/** 满意度 (GB/T 39046-2020); 4 and 5 are poor ratings (差评), each followed up. */
export const RATING_LEVELS = [
  { code: '1', zh: '非常满意', en: 'very satisfied' },
  { code: '2', zh: '满意', en: 'satisfied' },
  { code: '3', zh: '基本满意', en: 'fairly satisfied' },
  { code: '4', zh: '不满意', en: 'dissatisfied' },
  { code: '5', zh: '非常不满意', en: 'very dissatisfied' },
] as const satisfies readonly CodeEntry[];
export type RatingLevel = (typeof RATING_LEVELS)[number]['code'];
export const POOR_RATINGS: readonly RatingLevel[] = ['4', '5'];

/** What each action carries; the service validates shapes at the edge, the guards check the rules. */
export interface ActionInputs {
  intake_complete: { missing: readonly string[] };
  intake_incomplete: { missing: readonly string[] };
  complete_materials: { missing: readonly string[] };
  accept: Record<string, never>;
  hand_up: Record<string, never>;
  acknowledge: Record<string, never>;
  take_up_for_review: Record<string, never>;
  request_correction: { items: readonly string[] };
  correction_received: Record<string, never>;
  start_special_procedure: { kind: SpecialProcedureKind; reason: string };
  end_special_procedure: { result?: string };
  extend_time_limit: { days: number; reason: string; approvedBy: string; approvedByName: string };
  not_accept: { reason: string; legalBasis: string };
  approve: { resultName: string; resultNumber: string; validUntil?: string };
  deny: { reason: string };
  request_withdrawal: { reason?: string };
  allow_withdrawal: Record<string, never>;
  refuse_withdrawal: { reason: string };
  send_result_down: Record<string, never>;
  deliver: { method: string; at: string; recipient: string };
  rate: { level: RatingLevel; channel: string; comment?: string };
}
