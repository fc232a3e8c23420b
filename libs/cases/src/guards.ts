import { MAX_EXTENSION_DAYS, POOR_RATINGS, RATING_LEVELS, SPECIAL_PROCEDURE_KINDS, type ActionInputs } from './actions.js';
import { LICENCE_KIND, type ActionContext, type Actor, type CaseState } from './case-state.js';
import { refusal, type CaseRefusal } from './refusals.js';
import { nextHopUp } from './routing.js';

/** A rule checked before a transition: undefined when it holds, else why not. */
export type Guard = (state: CaseState, ctx: ActionContext) => CaseRefusal | undefined;

function input<K extends keyof ActionInputs>(ctx: ActionContext): Partial<ActionInputs[K]> {
  return (ctx.input ?? {}) as Partial<ActionInputs[K]>;
}

const blank = (s: unknown): boolean => typeof s !== 'string' || s.trim() === '';

function isOrBacksUp(actor: Actor, person: string): boolean {
  return actor.id === person || actor.backupOf.includes(person);
}

/** Only the holder node, and there the person working the case or their A/B backup (anyone at the node before someone takes it up). */
export const actorIsHolder: Guard = (state, { actor }) => {
  if (actor.node !== state.holder) return refusal('CASE_NOT_HOLDER', { holder: state.holder });
  if (state.handler !== undefined && !isOrBacksUp(actor, state.handler)) return refusal('CASE_NOT_HANDLER');
  return undefined;
};

/** Requests that start at the intake counter: the first-contact clerk (首问负责) or their A/B backup. */
export const actorIsFirstContact: Guard = (state, { actor }) => {
  if (actor.node !== state.intakeNode) return refusal('CASE_NOT_INTAKE_NODE', { intakeNode: state.intakeNode });
  if (!isOrBacksUp(actor, state.firstContact)) return refusal('CASE_NOT_FIRST_CONTACT');
  return undefined;
};

/** 一审一核: for a licence the person deciding is not the one who reviewed. */
export const decidedByAnotherThanReviewer: Guard = (state, { actor }) =>
  state.itemKind === LICENCE_KIND && actor.id === state.reviewer ? refusal('CASE_SAME_PERSON_REVIEW_AND_APPROVAL') : undefined;

export const nothingMissing: Guard = (_state, ctx) => {
  const missing = input<'intake_complete'>(ctx).missing ?? [];
  return missing.length > 0 ? refusal('CASE_MATERIALS_INCOMPLETE', { missing }) : undefined;
};

export const noticeListsSomething: Guard = (_state, ctx) => ((input<'intake_incomplete'>(ctx).missing ?? []).length === 0 ? refusal('CASE_NOTICE_EMPTY') : undefined);

/** 一次性告知: what is still missing must have been on the one notice; anything new would be a second surprise. */
export const onlyListedMaterialsMissing: Guard = (state, ctx) => {
  const missing = input<'complete_materials'>(ctx).missing ?? [];
  const unlisted = unlistedOnNotice(state.oneTimeNotice ?? [], missing);
  if (unlisted.length > 0) return refusal('CASE_SECOND_ONE_TIME_NOTICE', { unlisted });
  return missing.length > 0 ? refusal('CASE_MATERIALS_INCOMPLETE', { missing }) : undefined;
};

/** The names in `missing` that the notice did not list. */
export function unlistedOnNotice(listed: readonly string[], missing: readonly string[]): string[] {
  return missing.filter((name) => !listed.includes(name));
}

export const notTheDecider: Guard = (state) => {
  if (state.holder === state.decidingNode) return refusal('CASE_DECIDED_AT_THIS_NODE');
  return nextHopUp(state.holder) === undefined ? refusal('CASE_NO_ROUTE') : undefined;
};

export const isTheDecider: Guard = (state) => (state.holder === state.decidingNode ? undefined : refusal('CASE_NOT_DECIDING_NODE', { decidingNode: state.decidingNode }));

/** 补正 is one-time too: one notice listing everything to correct. */
export const firstCorrection: Guard = (state) => (state.correction === undefined ? undefined : refusal('CASE_SECOND_CORRECTION_NOTICE', { listed: state.correction }));

export const correctionListsSomething: Guard = (_state, ctx) => ((input<'request_correction'>(ctx).items ?? []).length === 0 ? refusal('CASE_NOTICE_EMPTY') : undefined);

export const knownSpecialProcedure: Guard = (_state, ctx) => {
  const { kind, reason } = input<'start_special_procedure'>(ctx);
  if (!SPECIAL_PROCEDURE_KINDS.some((k) => k.code === kind)) return refusal('CASE_UNKNOWN_SPECIAL_PROCEDURE', { kind });
  return blank(reason) ? refusal('CASE_REASON_REQUIRED') : undefined;
};

/** 延长审批: a whole number of working days, at least one. */
export const extensionDaysValid: Guard = (_state, ctx) => {
  const { days } = input<'extend_time_limit'>(ctx);
  return Number.isInteger(days) && (days as number) >= 1 ? undefined : refusal('CASE_EXTENSION_DAYS_INVALID', { days });
};

/** All the extensions of a case together stay within MAX_EXTENSION_DAYS (art. 42). */
export const extensionWithinLimit: Guard = (state, ctx) => {
  const days = input<'extend_time_limit'>(ctx).days ?? 0;
  const extendedDays = extendedSoFar(state);
  return extendedDays + days > MAX_EXTENSION_DAYS ? refusal('CASE_EXTENSION_OVER_LIMIT', { days, extendedDays, max: MAX_EXTENSION_DAYS }) : undefined;
};

/** 经本行政机关负责人批准: who approved the extension, by id and name. */
export const extensionApproved: Guard = (_state, ctx) => {
  const { approvedBy, approvedByName } = input<'extend_time_limit'>(ctx);
  return blank(approvedBy) || blank(approvedByName) ? refusal('CASE_EXTENSION_APPROVER_REQUIRED') : undefined;
};

/** The working days extended so far; a copy stored before the field existed has none. */
export function extendedSoFar(state: CaseState): number {
  return state.extendedDays ?? 0;
}

export const reasonGiven: Guard = (_state, ctx) => (blank(input<'deny'>(ctx).reason) ? refusal('CASE_REASON_REQUIRED') : undefined);

export const legalBasisGiven: Guard = (_state, ctx) => (blank(input<'not_accept'>(ctx).legalBasis) ? refusal('CASE_LEGAL_BASIS_REQUIRED') : undefined);

export const resultDocumentGiven: Guard = (_state, ctx) => {
  const { resultName, resultNumber } = input<'approve'>(ctx);
  return blank(resultName) || blank(resultNumber) ? refusal('CASE_RESULT_DOCUMENT_REQUIRED') : undefined;
};

export const withdrawalRequested: Guard = (state) => (state.withdrawalRequested ? undefined : refusal('CASE_NO_WITHDRAWAL_REQUEST'));

export const noWithdrawalPending: Guard = (state) => (state.withdrawalRequested ? refusal('CASE_WITHDRAWAL_ALREADY_REQUESTED') : undefined);

export const resultAtIntake: Guard = (state) => (state.holder === state.intakeNode ? undefined : refusal('CASE_RESULT_NOT_AT_INTAKE'));

export const resultNotAtIntake: Guard = (state) => (state.holder === state.intakeNode ? refusal('CASE_RESULT_ALREADY_AT_INTAKE') : undefined);

export const deliveryRecorded: Guard = (_state, ctx) => {
  const { method, at, recipient } = input<'deliver'>(ctx);
  return blank(method) || blank(at) || blank(recipient) ? refusal('CASE_DELIVERY_INCOMPLETE') : undefined;
};

export const validRating: Guard = (_state, ctx) => (RATING_LEVELS.some((l) => l.code === input<'rate'>(ctx).level) ? undefined : refusal('CASE_RATING_INVALID'));

export function isPoorRating(level: string): boolean {
  return (POOR_RATINGS as readonly string[]).includes(level);
}
