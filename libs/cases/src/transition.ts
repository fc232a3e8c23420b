import type { ActionInputs, CaseAction } from './actions.js';
import type { ActionContext, CaseState } from './case-state.js';
import type { ClockExtension } from './clock/clock.js';
import { extendedSoFar, isPoorRating } from './guards.js';
import { refusal, type CaseRefusal } from './refusals.js';
import { nextHopUp } from './routing.js';
import { isOutcome } from './statuses.js';
import { refusalFor, ruleFor, type CaseDocumentKind, type ClockEffect, type TransitionRule } from './transition-table.js';

/** What a transition implies beyond the new state, for the service layer to carry out. */
export interface TransitionEffects {
  clock?: ClockEffect;
  /** With clock 'extend': the approved extension, for the service to enter with `extendClock` at the step's time. */
  extension?: Omit<ClockExtension, 'at'>;
  /** The holder role moves: the service writes the state and the hand-over event in one transaction. */
  holderChange?: { from: string; to: string };
  /** A document to number and hand out. */
  document?: CaseDocumentKind;
  /** A poor rating (差评) that must be followed up and rectified. */
  followUp?: boolean;
}

export type TransitionResult = { ok: true; state: CaseState; effects: TransitionEffects } | { ok: false; refusal: CaseRefusal };

/**
 * Applies one action to a case: the next state and what it implies, or why it is refused.
 * Pure: the same state, action and context always give the same answer.
 */
export function transition<A extends CaseAction>(state: CaseState, action: A, ctx: ActionContext<A>): TransitionResult {
  const rule = ruleFor(state.status, action);
  if (rule === undefined) {
    const code = refusalFor(state.status, action)?.code ?? 'CASE_ACTION_NOT_ALLOWED';
    return { ok: false, refusal: refusal(code, { status: state.status, action }) };
  }
  for (const guard of rule.guards) {
    const refused = guard(state, ctx as ActionContext);
    if (refused !== undefined) return { ok: false, refusal: refused };
  }
  const next = { ...state, ...changes(state, action, ctx as ActionContext), status: rule.to, version: state.version + 1 };
  if (isOutcome(rule.to)) next.outcome = rule.to;
  return { ok: true, state: next, effects: effectsOf(rule, state, next, ctx as ActionContext) };
}

function changes(state: CaseState, action: CaseAction, ctx: ActionContext): Partial<CaseState> {
  switch (action) {
    case 'intake_incomplete':
      return { oneTimeNotice: [...new Set((ctx.input as ActionInputs['intake_incomplete']).missing)] };
    case 'hand_up':
      return { holder: nextHopUp(state.holder)!, handler: undefined, reviewer: undefined };
    case 'take_up_for_review':
      return { reviewer: ctx.actor.id, handler: state.handler ?? ctx.actor.id };
    case 'request_correction':
      return { correction: [...new Set((ctx.input as ActionInputs['request_correction']).items)] };
    case 'start_special_procedure':
      return { specialProcedure: (ctx.input as ActionInputs['start_special_procedure']).kind };
    case 'end_special_procedure':
      return { specialProcedure: undefined };
    case 'extend_time_limit':
      return { extendedDays: extendedSoFar(state) + (ctx.input as ActionInputs['extend_time_limit']).days };
    case 'request_withdrawal':
      return { withdrawalRequested: true };
    case 'allow_withdrawal':
    case 'refuse_withdrawal':
      return { withdrawalRequested: false };
    case 'send_result_down':
      return { holder: state.intakeNode, handler: state.firstContact };
    default:
      return {};
  }
}

function effectsOf(rule: TransitionRule, before: CaseState, after: CaseState, ctx: ActionContext): TransitionEffects {
  const effects: TransitionEffects = {};
  if (rule.clock !== undefined) effects.clock = rule.clock;
  if (rule.document !== undefined) effects.document = rule.document;
  if (before.holder !== after.holder) effects.holderChange = { from: before.holder, to: after.holder };
  if (rule.action === 'rate' && isPoorRating((ctx.input as ActionInputs['rate']).level)) effects.followUp = true;
  if (rule.action === 'extend_time_limit') {
    const { days, reason, approvedBy, approvedByName } = ctx.input as ActionInputs['extend_time_limit'];
    effects.extension = { days, reason, approvedBy, approvedByName };
  }
  return effects;
}
