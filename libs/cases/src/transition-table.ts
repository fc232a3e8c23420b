import type { CaseAction } from './actions.js';
import * as g from './guards.js';
import type { Guard } from './guards.js';
import type { CaseRefusalCode } from './refusals.js';
import { DECIDED, OUTCOMES, type CaseStatus } from './statuses.js';

/**
 * What a transition does to the deadline clock (限时办结): started at acceptance, paused only for
 * correction and special procedures, extended by 延长审批 (the days in `effects.extension`), stopped at the outcome.
 */
export type ClockEffect = 'start' | 'pause' | 'resume' | 'extend' | 'stop';

/** The documents a clerk hands out, each numbered (see document-number). */
export type CaseDocumentKind = 'acceptance_notice' | 'one_time_notice' | 'correction_notice' | 'non_acceptance_decision' | 'delivery_receipt';

export interface TransitionRule {
  readonly from: CaseStatus;
  readonly action: CaseAction;
  readonly to: CaseStatus;
  /** Checked in order; the first refusal wins. The first guard always says who may act. */
  readonly guards: readonly Guard[];
  readonly clock?: ClockEffect;
  /** The holder role moves with this transition: up to the parent, or down to the intake node. */
  readonly holderMoves?: 'up' | 'down';
  readonly document?: CaseDocumentKind;
}

/** A pair refused with a more telling code than CASE_ACTION_NOT_ALLOWED. */
export interface RefusalRule {
  readonly from: CaseStatus;
  readonly action: CaseAction;
  readonly code: CaseRefusalCode;
}

type Extra = Omit<TransitionRule, 'from' | 'action' | 'to' | 'guards'>;
const H = g.actorIsHolder;

function rule(from: CaseStatus, action: CaseAction, to: CaseStatus, guards: readonly Guard[], extra: Extra = {}): TransitionRule {
  return { from, action, to, guards, ...extra };
}

/** Before acceptance the clock has not started; from acceptance on, ending the case stops it. */
const BEFORE_ACCEPTANCE: readonly CaseStatus[] = ['awaiting_materials', 'materials_complete'];
const WITHDRAWABLE: readonly CaseStatus[] = [...BEFORE_ACCEPTANCE, 'accepted', 'under_review', 'awaiting_correction', 'special_procedure'];

function withdrawalRules(): TransitionRule[] {
  const request = [...WITHDRAWABLE, 'in_transit_up' as const].map((s) => rule(s, 'request_withdrawal', s, [g.actorIsFirstContact, g.noWithdrawalPending]));
  const allow = WITHDRAWABLE.map((s) =>
    rule(s, 'allow_withdrawal', 'withdrawn', [H, g.withdrawalRequested], BEFORE_ACCEPTANCE.includes(s) ? {} : { clock: 'stop' }),
  );
  const refuse = WITHDRAWABLE.map((s) => rule(s, 'refuse_withdrawal', s, [H, g.withdrawalRequested, g.reasonGiven]));
  return [...request, ...allow, ...refuse];
}

const notAccept = (from: CaseStatus, extra: Extra = {}): TransitionRule =>
  rule(from, 'not_accept', 'not_accepted', [H, g.reasonGiven, g.legalBasisGiven], { document: 'non_acceptance_decision', ...extra });

/** The result of a decided case goes back to the intake counter, unless it is there already. */
function resultRules(): TransitionRule[] {
  return OUTCOMES.flatMap((s) => [
    rule(s, 'send_result_down', 'result_in_transit_down', [H, g.resultNotAtIntake], { holderMoves: 'down' }),
    rule(s, 'deliver', 'delivered', [H, g.resultAtIntake, g.deliveryRecorded], { document: 'delivery_receipt' }),
  ]);
}

/** Every allowed (status, action) pair. A pair not listed here is refused. */
export const TRANSITIONS: readonly TransitionRule[] = [
  rule('received', 'intake_complete', 'materials_complete', [H, g.nothingMissing]),
  rule('received', 'intake_incomplete', 'awaiting_materials', [H, g.noticeListsSomething], { document: 'one_time_notice' }),
  notAccept('received'),
  rule('awaiting_materials', 'complete_materials', 'materials_complete', [H, g.onlyListedMaterialsMissing]),
  notAccept('awaiting_materials'),
  rule('materials_complete', 'accept', 'accepted', [H], { clock: 'start', document: 'acceptance_notice' }),
  notAccept('materials_complete'),
  rule('accepted', 'hand_up', 'in_transit_up', [H, g.notTheDecider], { holderMoves: 'up' }),
  rule('accepted', 'take_up_for_review', 'under_review', [H, g.isTheDecider]),
  notAccept('accepted', { clock: 'stop' }),
  rule('in_transit_up', 'acknowledge', 'accepted', [H]),
  rule('under_review', 'request_correction', 'awaiting_correction', [H, g.firstCorrection, g.correctionListsSomething], { clock: 'pause', document: 'correction_notice' }),
  rule('under_review', 'start_special_procedure', 'special_procedure', [H, g.knownSpecialProcedure], { clock: 'pause' }),
  rule('under_review', 'approve', 'approved', [H, g.decidedByAnotherThanReviewer, g.resultDocumentGiven], { clock: 'stop' }),
  rule('under_review', 'deny', 'denied', [H, g.decidedByAnotherThanReviewer, g.reasonGiven], { clock: 'stop' }),
  rule('under_review', 'extend_time_limit', 'under_review', [H, g.extensionDaysValid, g.extensionWithinLimit, g.reasonGiven, g.extensionApproved], { clock: 'extend' }),
  rule('awaiting_correction', 'correction_received', 'under_review', [g.actorIsFirstContact], { clock: 'resume' }),
  rule('special_procedure', 'end_special_procedure', 'under_review', [H], { clock: 'resume' }),
  ...withdrawalRules(),
  ...resultRules(),
  rule('result_in_transit_down', 'acknowledge', 'awaiting_delivery', [H]),
  rule('awaiting_delivery', 'deliver', 'delivered', [H, g.deliveryRecorded], { document: 'delivery_receipt' }),
  rule('delivered', 'rate', 'rated', [H, g.validRating]),
];

const DECISIONS: readonly CaseAction[] = ['approve', 'deny', 'not_accept', 'request_withdrawal', 'allow_withdrawal', 'refuse_withdrawal'];

/** Pairs refused with their own code, so staff read why rather than just "not allowed". */
export const REFUSALS: readonly RefusalRule[] = [
  { from: 'awaiting_materials', action: 'intake_incomplete', code: 'CASE_SECOND_ONE_TIME_NOTICE' },
  { from: 'awaiting_correction', action: 'request_correction', code: 'CASE_SECOND_CORRECTION_NOTICE' },
  ...(['take_up_for_review', 'hand_up', 'not_accept', 'allow_withdrawal', 'refuse_withdrawal'] as const).map((action) => ({ from: 'in_transit_up' as const, action, code: 'CASE_NOT_ACKNOWLEDGED' as const })),
  ...(['approve', 'deny', 'request_correction', 'start_special_procedure', 'extend_time_limit'] as const).map((action) => ({ from: 'special_procedure' as const, action, code: 'CASE_SPECIAL_PROCEDURE_RUNNING' as const })),
  ...DECIDED.flatMap((from) => [...DECISIONS, 'extend_time_limit' as const].map((action) => ({ from, action, code: 'CASE_ALREADY_DECIDED' as const }))),
  { from: 'rated', action: 'rate', code: 'CASE_ALREADY_RATED' },
];

const key = (from: CaseStatus, action: CaseAction): string => `${from}/${action}`;
const RULE_INDEX = new Map(TRANSITIONS.map((r) => [key(r.from, r.action), r]));
const REFUSAL_INDEX = new Map(REFUSALS.map((r) => [key(r.from, r.action), r]));

export function ruleFor(from: CaseStatus, action: CaseAction): TransitionRule | undefined {
  return RULE_INDEX.get(key(from, action));
}

export function refusalFor(from: CaseStatus, action: CaseAction): RefusalRule | undefined {
  return REFUSAL_INDEX.get(key(from, action));
}

/** The actions allowed in a status, for the UI to offer and the inbox to show. */
export function allowedActions(from: CaseStatus): CaseAction[] {
  return TRANSITIONS.filter((r) => r.from === from).map((r) => r.action);
}
