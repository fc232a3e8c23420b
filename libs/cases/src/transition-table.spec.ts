import { ACTION_CODES, type CaseAction } from './actions.js';
import { STATUS_CODES, type CaseStatus } from './statuses.js';
import { readyFor } from './testing/case-state.factory.js';
import { transition as sut } from './transition.js';
import { REFUSALS, TRANSITIONS, allowedActions, refusalFor, ruleFor } from './transition-table.js';

/** The allowed actions per status, written out by hand: a second statement of the table for it to be checked against. */
const EXPECTED: Record<CaseStatus, readonly CaseAction[]> = {
  received: ['intake_complete', 'intake_incomplete', 'not_accept'],
  awaiting_materials: ['complete_materials', 'not_accept', 'request_withdrawal', 'allow_withdrawal', 'refuse_withdrawal'],
  materials_complete: ['accept', 'not_accept', 'request_withdrawal', 'allow_withdrawal', 'refuse_withdrawal'],
  accepted: ['hand_up', 'take_up_for_review', 'not_accept', 'request_withdrawal', 'allow_withdrawal', 'refuse_withdrawal'],
  in_transit_up: ['acknowledge', 'request_withdrawal'],
  under_review: ['request_correction', 'start_special_procedure', 'extend_time_limit', 'approve', 'deny', 'request_withdrawal', 'allow_withdrawal', 'refuse_withdrawal'],
  awaiting_correction: ['correction_received', 'request_withdrawal', 'allow_withdrawal', 'refuse_withdrawal'],
  special_procedure: ['end_special_procedure', 'request_withdrawal', 'allow_withdrawal', 'refuse_withdrawal'],
  approved: ['send_result_down', 'deliver'],
  denied: ['send_result_down', 'deliver'],
  not_accepted: ['send_result_down', 'deliver'],
  withdrawn: ['send_result_down', 'deliver'],
  result_in_transit_down: ['acknowledge'],
  awaiting_delivery: ['deliver'],
  delivered: ['rate'],
  rated: [],
};

const PAIRS = STATUS_CODES.flatMap((status) => ACTION_CODES.map((action) => [status, action] as const));
const ALLOWED = PAIRS.filter(([s, a]) => ruleFor(s, a) !== undefined);
const REFUSED = PAIRS.filter(([s, a]) => ruleFor(s, a) === undefined);

describe('the transition table', () => {
  it('allows exactly the actions written out by hand for each status', () => {
    for (const status of STATUS_CODES) expect([status, [...allowedActions(status)].sort()]).toEqual([status, [...EXPECTED[status]].sort()]);
  });

  it('has 48 allowed pairs and 69 refused with their own code, out of 16 statuses × 21 actions (as docs/cases.md says)', () => {
    expect(PAIRS).toHaveLength(336);
    expect(TRANSITIONS).toHaveLength(48);
    expect(ALLOWED).toHaveLength(48);
    expect(REFUSALS).toHaveLength(69);
  });

  it('lists each pair at most once, and never both allowed and refused with a code', () => {
    const keys = TRANSITIONS.map((r) => `${r.from}/${r.action}`);
    expect(new Set(keys).size).toBe(keys.length);
    const refusalKeys = REFUSALS.map((r) => `${r.from}/${r.action}`);
    expect(new Set(refusalKeys).size).toBe(refusalKeys.length);
    expect(refusalKeys.filter((k) => keys.includes(k))).toEqual([]);
  });

  it('makes the holder the first check of every rule but the requests that start at the intake counter', () => {
    for (const r of TRANSITIONS) expect([r.action, r.guards[0]!.name]).toEqual([r.action, ['request_withdrawal', 'correction_received'].includes(r.action) ? 'actorIsFirstContact' : 'actorIsHolder']);
  });

  it('reaches every status from received', () => {
    const seen = new Set<CaseStatus>(['received']);
    for (let grew = true; grew; ) {
      grew = false;
      for (const r of TRANSITIONS) if (seen.has(r.from) && !seen.has(r.to)) grew = seen.add(r.to) !== undefined;
    }
    expect([...seen].sort()).toEqual([...STATUS_CODES].sort());
  });
});

describe('sut() against the table', () => {
  it.each(ALLOWED)('%s + %s: moves to the table\'s status with the table\'s effects', (status, action) => {
    const rule = ruleFor(status, action)!;
    const { state, ctx } = readyFor(status, action);
    const result = sut(state, action, ctx);
    if (!result.ok) throw new Error(`refused: ${result.refusal.code}`);
    expect(result.state.status).toBe(rule.to);
    expect(result.state.version).toBe(state.version + 1);
    expect(result.effects.clock).toBe(rule.clock);
    expect(result.effects.document).toBe(rule.document);
    expect(result.effects.holderChange === undefined).toBe(rule.holderMoves === undefined);
  });

  it.each(REFUSED)('%s + %s: refused, with its own code where the table names one', (status, action) => {
    const { state, ctx } = readyFor(status, action);
    const result = sut(state, action, ctx);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.refusal.code).toBe(refusalFor(status, action)?.code ?? 'CASE_ACTION_NOT_ALLOWED');
    expect(result.refusal.details).toEqual({ status, action });
  });

  it.each(REFUSED)('%s + %s: refused by the holder too, whoever asks', (status, action) => {
    const { state } = readyFor(status, action);
    const result = sut(state, action, { actor: { id: state.handler ?? 'x', node: state.holder, backupOf: [] }, input: {} as never });
    expect(result.ok).toBe(false);
  });
});
