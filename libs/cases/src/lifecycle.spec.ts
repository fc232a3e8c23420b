import { makeCatalogItem } from '#libs/catalog';
import type { ActionInputs, CaseAction } from './actions.js';
import type { Actor, CaseState } from './case-state.js';
import { formatCaseNumber } from './case-number.js';
import { openCase } from './open-case.js';
import { VALID_INPUTS } from './testing/case-state.factory.js';
import { transition as sut, type TransitionEffects } from './transition.js';

const CITY = '640100000000';
const COUNTY = '640104000000';
const TOWNSHIP = '640104100000';
const FLAT_CITY = '441900000000';
const FLAT_TOWNSHIP = '441900100000';

const person = (id: string, node: string, backupOf: string[] = []): Actor => ({ id, node, backupOf });
const clerk = person('clerk', TOWNSHIP);
const clerkB = person('clerk-b', TOWNSHIP, ['clerk']);
const operator = person('operator', COUNTY);
const operatorB = person('operator-b', COUNTY, ['operator']);
const approver = person('approver', CITY);
const approverB = person('approver-b', CITY, ['approver']);

type Step = { [A in CaseAction]: [A, Actor, Partial<ActionInputs[A]>?] }[CaseAction];

/** Runs the steps in order, failing on the first refusal; returns the final state and every step's effects. */
function run(state: CaseState, steps: Step[]): { state: CaseState; trail: [string, TransitionEffects][] } {
  const trail: [string, TransitionEffects][] = [];
  for (const [action, actor, input] of steps) {
    const result = sut(state, action, { actor, input: { ...VALID_INPUTS[action], ...input } as never });
    if (!result.ok) throw new Error(`${action} by ${actor.id}@${actor.node} in ${state.status}: ${result.refusal.code}`);
    state = result.state;
    trail.push([`${action}→${state.status}@${state.holder}`, result.effects]);
  }
  return { state, trail };
}

function open(intakeNode: string, decisionLevel: 'township' | 'county' | 'city', firstContact = 'clerk'): CaseState {
  const item = makeCatalogItem({ decisionLevel, intakeLevels: ['township', 'county', 'city'] });
  const result = openCase({ caseNumber: formatCaseNumber({ nodeCode: intakeNode, date: '2026-11-23', sequence: 1 }), intakeNode, item, firstContact });
  if (!result.ok) throw new Error(result.problem);
  return result.state;
}

describe('a case\'s life', () => {
  it('a county licence: one notice, completed, handed up, corrected once, decided by two people, delivered and rated at the township', () => {
    const { state, trail } = run(open(TOWNSHIP, 'county'), [
      ['intake_incomplete', clerk, { missing: ['营业执照'] }],
      ['complete_materials', clerkB],
      ['accept', clerk],
      ['hand_up', clerk],
      ['acknowledge', operatorB],
      ['take_up_for_review', operator],
      ['request_correction', operator],
      ['correction_received', clerk],
      ['start_special_procedure', operatorB],
      ['end_special_procedure', operator],
      ['approve', operatorB],
      ['send_result_down', operator],
      ['acknowledge', clerkB],
      ['deliver', clerk],
      ['rate', clerk, { level: '5' }],
    ]);
    expect(trail.map(([step]) => step)).toEqual([
      `intake_incomplete→awaiting_materials@${TOWNSHIP}`,
      `complete_materials→materials_complete@${TOWNSHIP}`,
      `accept→accepted@${TOWNSHIP}`,
      `hand_up→in_transit_up@${COUNTY}`,
      `acknowledge→accepted@${COUNTY}`,
      `take_up_for_review→under_review@${COUNTY}`,
      `request_correction→awaiting_correction@${COUNTY}`,
      `correction_received→under_review@${COUNTY}`,
      `start_special_procedure→special_procedure@${COUNTY}`,
      `end_special_procedure→under_review@${COUNTY}`,
      `approve→approved@${COUNTY}`,
      `send_result_down→result_in_transit_down@${TOWNSHIP}`,
      `acknowledge→awaiting_delivery@${TOWNSHIP}`,
      `deliver→delivered@${TOWNSHIP}`,
      `rate→rated@${TOWNSHIP}`,
    ]);
    expect(trail.flatMap(([, e]) => (e.clock === undefined ? [] : [e.clock]))).toEqual(['start', 'pause', 'resume', 'pause', 'resume', 'stop']);
    expect(trail.flatMap(([, e]) => (e.document === undefined ? [] : [e.document]))).toEqual(['one_time_notice', 'acceptance_notice', 'correction_notice', 'delivery_receipt']);
    expect([state.outcome, state.firstContact, state.version]).toEqual(['approved', 'clerk', 16]);
    expect(trail.at(-1)![1].followUp).toBe(true);
  });

  it('a city matter: township → county → city and back, the county only passing it on', () => {
    const { state, trail } = run(open(TOWNSHIP, 'city'), [
      ['intake_complete', clerk],
      ['accept', clerk],
      ['hand_up', clerk],
      ['acknowledge', operator],
      ['hand_up', operator],
      ['acknowledge', approver],
      ['take_up_for_review', approver],
      ['deny', approverB],
      ['send_result_down', approver],
      ['acknowledge', clerk],
      ['deliver', clerk],
    ]);
    expect(trail.filter(([, e]) => e.holderChange).map(([, e]) => e.holderChange)).toEqual([
      { from: TOWNSHIP, to: COUNTY },
      { from: COUNTY, to: CITY },
      { from: CITY, to: TOWNSHIP },
    ]);
    expect(state.status).toBe('delivered');
  });

  it('refuses the county a review of a city matter', () => {
    const at = run(open(TOWNSHIP, 'city'), [['intake_complete', clerk], ['accept', clerk], ['hand_up', clerk], ['acknowledge', operator]]).state;
    const result = sut(at, 'take_up_for_review', { actor: operator, input: {} });
    expect(!result.ok && result.refusal.code).toBe('CASE_NOT_DECIDING_NODE');
  });

  it('a township matter decided at the township, the result already at the counter', () => {
    const { state, trail } = run(open(TOWNSHIP, 'township'), [
      ['intake_complete', clerk],
      ['accept', clerk],
      ['take_up_for_review', clerk],
      ['approve', clerkB],
      ['deliver', clerk],
    ]);
    expect(state.status).toBe('delivered');
    expect(trail.some(([, e]) => e.holderChange)).toBe(false);
  });

  it('a county matter at a township directly under a city with no county goes to the city', () => {
    const flatClerk = person('clerk', FLAT_TOWNSHIP);
    const flatApprover = person('approver', FLAT_CITY);
    const { state } = run(open(FLAT_TOWNSHIP, 'county'), [
      ['intake_complete', flatClerk],
      ['accept', flatClerk],
      ['hand_up', flatClerk],
      ['acknowledge', flatApprover],
      ['take_up_for_review', flatApprover],
      ['approve', person('approver-b', FLAT_CITY, ['approver'])],
      ['send_result_down', flatApprover],
      ['acknowledge', flatClerk],
      ['deliver', flatClerk],
    ]);
    expect([state.decidingNode, state.status]).toEqual([FLAT_CITY, 'delivered']);
  });

  it('a withdrawal requested at the township while the county reviews, allowed by the county', () => {
    const { state, trail } = run(open(TOWNSHIP, 'county'), [
      ['intake_complete', clerk],
      ['accept', clerk],
      ['hand_up', clerk],
      ['acknowledge', operator],
      ['take_up_for_review', operator],
      ['request_withdrawal', clerkB],
      ['allow_withdrawal', operator],
      ['send_result_down', operator],
      ['acknowledge', clerk],
      ['deliver', clerk],
    ]);
    expect([state.outcome, state.status]).toEqual(['withdrawn', 'delivered']);
    expect(trail[6]![1].clock).toBe('stop');
  });

  it('a non-acceptance at the counter, before the clock started', () => {
    const { state, trail } = run(open(TOWNSHIP, 'county'), [['intake_complete', clerk], ['not_accept', clerk], ['deliver', clerkB]]);
    expect([state.outcome, state.status]).toEqual(['not_accepted', 'delivered']);
    expect(trail[1]![1]).toEqual({ document: 'non_acceptance_decision' });
  });
});

describe('opening a case', () => {
  const caseNumber = formatCaseNumber({ nodeCode: TOWNSHIP, date: '2026-11-23', sequence: 1 });

  it('starts received, held by the intake node, worked by its first-contact clerk', () => {
    const result = openCase({ caseNumber, intakeNode: TOWNSHIP, item: makeCatalogItem(), firstContact: 'clerk' });
    expect(result.ok && result.state).toMatchObject({ status: 'received', holder: TOWNSHIP, decidingNode: COUNTY, handler: 'clerk', firstContact: 'clerk', version: 1 });
  });

  it.each([
    [{ item: makeCatalogItem({ intakeLevels: ['county'] }) }, 'INTAKE_LEVEL_NOT_ALLOWED'],
    [{ intakeNode: COUNTY, item: makeCatalogItem({ decisionLevel: 'township', intakeLevels: ['county'] }) }, 'LEVEL_BELOW_INTAKE'],
    [{ intakeNode: '640000000000' }, 'NOT_A_CENTRE'],
    [{ caseNumber: '1' }, 'BAD_CASE_NUMBER'],
  ])('refuses %j with %s', (change, problem) => {
    expect(openCase({ caseNumber, intakeNode: TOWNSHIP, item: makeCatalogItem(), firstContact: 'clerk', ...change })).toEqual({ ok: false, problem });
  });
});
