import type { ActionInputs, CaseAction } from '../actions.js';
import type { ActionContext, Actor, CaseState } from '../case-state.js';
import { DECIDED, isOutcome, type CaseStatus } from '../statuses.js';

/** Test data: a county licence taken in at a township of 兴庆区, and the people at both counters. */
export const TOWNSHIP = '640104100000';
export const COUNTY = '640104000000';
export const CITY = '640100000000';

export function makeCaseState(overrides: Partial<CaseState> = {}): CaseState {
  return {
    caseNumber: '640104100000202611230000176',
    status: 'received',
    holder: TOWNSHIP,
    intakeNode: TOWNSHIP,
    decidingNode: COUNTY,
    itemKind: '01',
    caseType: '2',
    firstContact: 'clerk',
    handler: 'clerk',
    withdrawalRequested: false,
    extendedDays: 0,
    version: 1,
    ...overrides,
  };
}

export function makeActor(overrides: Partial<Actor> = {}): Actor {
  return { id: 'clerk', node: TOWNSHIP, backupOf: [], ...overrides };
}

/** An input for each action that passes every input rule. */
export const VALID_INPUTS: { [A in CaseAction]: ActionInputs[A] } = {
  intake_complete: { missing: [] },
  intake_incomplete: { missing: ['营业执照'] },
  complete_materials: { missing: [] },
  accept: {},
  hand_up: {},
  acknowledge: {},
  take_up_for_review: {},
  request_correction: { items: ['平面图缺少比例尺'] },
  correction_received: {},
  start_special_procedure: { kind: 'inspection', reason: '需现场核查经营场所' },
  end_special_procedure: { result: '核查合格' },
  extend_time_limit: { days: 10, reason: '需组织专家对经营场所进行现场核查', approvedBy: 'head', approvedByName: '王局长' },
  not_accept: { reason: '不属于本机关职权范围', legalBasis: '《中华人民共和国行政许可法》第三十二条' },
  approve: { resultName: '食品经营许可证', resultNumber: 'JY16401040000017', validUntil: '2031-11-22' },
  deny: { reason: '经营场所不符合要求' },
  request_withdrawal: { reason: '申请人不再经营' },
  allow_withdrawal: {},
  refuse_withdrawal: { reason: '已进入决定程序' },
  send_result_down: {},
  deliver: { method: '窗口领取', at: '2026-11-30T10:00:00+08:00', recipient: '张三' },
  rate: { level: '1', channel: '1' },
};

export function contextFor<A extends CaseAction>(action: A, actor: Actor, input: Partial<ActionInputs[A]> = {}): ActionContext<A> {
  return { actor, input: { ...VALID_INPUTS[action], ...input } as ActionInputs[A] };
}

const AT_COUNTY: readonly CaseStatus[] = ['in_transit_up', 'under_review', 'awaiting_correction', 'special_procedure'];
const BY_FIRST_CONTACT: readonly CaseAction[] = ['request_withdrawal', 'correction_received'];

/**
 * A case in `status` and a context in which `action` passes every guard, if the table allows it:
 * the state a real case would be in when that action is taken, with the acting person being the
 * A/B backup of the one working the case (so that the backup rule and 一审一核 are exercised too).
 */
export function readyFor<A extends CaseAction>(status: CaseStatus, action: A): { state: CaseState; ctx: ActionContext<A> } {
  const atCounty =
    AT_COUNTY.includes(status) ||
    (status === 'accepted' && action === 'take_up_for_review') ||
    (['approved', 'denied', 'not_accepted', 'withdrawn'].includes(status) && action === 'send_result_down');
  const reviewing = ['under_review', 'awaiting_correction', 'special_procedure'].includes(status);
  const holder = atCounty ? COUNTY : TOWNSHIP;
  const handler = status === 'in_transit_up' || (status === 'accepted' && atCounty) ? undefined : atCounty ? 'operator' : 'clerk';
  const state = makeCaseState({
    status,
    holder,
    handler,
    ...(reviewing ? { reviewer: 'operator' } : {}),
    ...(status === 'awaiting_materials' ? { oneTimeNotice: ['营业执照'] } : {}),
    ...(status === 'awaiting_correction' ? { correction: ['平面图缺少比例尺'] } : {}),
    ...(status === 'special_procedure' ? { specialProcedure: 'inspection' as const } : {}),
    ...(isOutcome(status) ? { outcome: status } : DECIDED.includes(status) ? { outcome: 'approved' as const } : {}),
    withdrawalRequested: action === 'allow_withdrawal' || action === 'refuse_withdrawal',
  });
  const actor = BY_FIRST_CONTACT.includes(action)
    ? makeActor({ id: 'clerk-b', node: TOWNSHIP, backupOf: ['clerk'] })
    : makeActor({ id: `${handler ?? 'operator'}-b`, node: holder, backupOf: handler === undefined ? [] : [handler] });
  return { state, ctx: contextFor(action, actor) };
}
