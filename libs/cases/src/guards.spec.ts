import { MAX_EXTENSION_DAYS, type ActionInputs, type CaseAction } from './actions.js';
import { COUNTY, TOWNSHIP, contextFor, makeActor, makeCaseState, readyFor } from './testing/case-state.factory.js';
import { transition as sut } from './transition.js';
import { unlistedOnNotice } from './guards.js';

function refusedCode<A extends CaseAction>(...args: Parameters<typeof sut<A>>): string | undefined {
  const result = sut(...args);
  return result.ok ? undefined : result.refusal.code;
}

describe('who may act', () => {
  it('refuses another node\'s staff with CASE_NOT_HOLDER', () => {
    const { state, ctx } = readyFor('under_review', 'approve');
    expect(refusedCode(state, 'approve', { ...ctx, actor: makeActor({ id: 'clerk', node: TOWNSHIP }) })).toBe('CASE_NOT_HOLDER');
  });

  it('refuses a colleague at the holder who is neither the handler nor their backup', () => {
    const { state, ctx } = readyFor('under_review', 'deny');
    expect(refusedCode(state, 'deny', { ...ctx, actor: makeActor({ id: 'someone', node: COUNTY, backupOf: ['other'] }) })).toBe('CASE_NOT_HANDLER');
  });

  it('lets the handler\'s A/B backup act', () => {
    const { state, ctx } = readyFor('under_review', 'request_correction');
    expect(sut(state, 'request_correction', { ...ctx, actor: makeActor({ id: 'operator-b', node: COUNTY, backupOf: ['operator'] }) }).ok).toBe(true);
  });

  it('lets anyone at the new holder acknowledge and take up a case nobody there works yet', () => {
    const ack = readyFor('in_transit_up', 'acknowledge');
    expect(sut(ack.state, 'acknowledge', { ...ack.ctx, actor: makeActor({ id: 'anyone', node: COUNTY }) }).ok).toBe(true);
    const take = readyFor('accepted', 'take_up_for_review');
    const result = sut(take.state, 'take_up_for_review', { ...take.ctx, actor: makeActor({ id: 'operator', node: COUNTY }) });
    expect(result.ok && [result.state.handler, result.state.reviewer]).toEqual(['operator', 'operator']);
  });

  it('takes a withdrawal request only from the intake counter\'s first-contact clerk or backup', () => {
    const { state, ctx } = readyFor('under_review', 'request_withdrawal');
    expect(refusedCode(state, 'request_withdrawal', { ...ctx, actor: makeActor({ id: 'operator', node: COUNTY, backupOf: ['operator'] }) })).toBe('CASE_NOT_INTAKE_NODE');
    expect(refusedCode(state, 'request_withdrawal', { ...ctx, actor: makeActor({ id: 'clerk-c', node: TOWNSHIP }) })).toBe('CASE_NOT_FIRST_CONTACT');
    expect(sut(state, 'request_withdrawal', { ...ctx, actor: makeActor({ id: 'clerk', node: TOWNSHIP }) }).ok).toBe(true);
  });

  it('takes the correction in at the intake counter, though the county holds the case', () => {
    const { state, ctx } = readyFor('awaiting_correction', 'correction_received');
    expect(state.holder).toBe(COUNTY);
    expect(refusedCode(state, 'correction_received', { ...ctx, actor: makeActor({ id: 'operator', node: COUNTY }) })).toBe('CASE_NOT_INTAKE_NODE');
    expect(sut(state, 'correction_received', ctx).ok).toBe(true);
  });
});

describe('一审一核 (one reviews, another decides)', () => {
  it.each(['approve', 'deny'] as const)('refuses the reviewer who would %s a licence', (action) => {
    const { state, ctx } = readyFor('under_review', action);
    expect(refusedCode(state, action, { ...ctx, actor: makeActor({ id: 'operator', node: COUNTY }) })).toBe('CASE_SAME_PERSON_REVIEW_AND_APPROVAL');
  });

  it('lets the reviewer decide a matter that is not a licence', () => {
    const { state, ctx } = readyFor('under_review', 'approve');
    expect(sut({ ...state, itemKind: '07' }, 'approve', { ...ctx, actor: makeActor({ id: 'operator', node: COUNTY }) }).ok).toBe(true);
  });

  it('lets the reviewer\'s backup approve a licence', () => {
    const { state, ctx } = readyFor('under_review', 'approve');
    const result = sut(state, 'approve', ctx);
    expect(result.ok && [result.state.status, result.state.outcome]).toEqual(['approved', 'approved']);
  });
});

describe('one-time notice (一次性告知)', () => {
  const waiting = makeCaseState({ status: 'awaiting_materials', oneTimeNotice: ['营业执照', '申请书'] });
  const clerk = makeActor();

  it('records the list of everything missing', () => {
    const result = sut(makeCaseState(), 'intake_incomplete', contextFor('intake_incomplete', clerk, { missing: ['营业执照', '申请书', '营业执照'] }));
    expect(result.ok && result.state.oneTimeNotice).toEqual(['营业执照', '申请书']);
    expect(result.ok && result.effects.document).toBe('one_time_notice');
  });

  it('refuses a notice that lists nothing, and an intake called complete with something missing', () => {
    expect(refusedCode(makeCaseState(), 'intake_incomplete', contextFor('intake_incomplete', clerk, { missing: [] }))).toBe('CASE_NOTICE_EMPTY');
    expect(refusedCode(makeCaseState(), 'intake_complete', contextFor('intake_complete', clerk, { missing: ['申请书'] }))).toBe('CASE_MATERIALS_INCOMPLETE');
  });

  it('refuses a second notice', () => {
    expect(refusedCode(waiting, 'intake_incomplete', contextFor('intake_incomplete', clerk))).toBe('CASE_SECOND_ONE_TIME_NOTICE');
  });

  it('refuses completion with a material missing that the notice did not list', () => {
    const result = sut(waiting, 'complete_materials', contextFor('complete_materials', clerk, { missing: ['营业执照', '身份证'] }));
    expect(!result.ok && [result.refusal.code, result.refusal.details]).toEqual(['CASE_SECOND_ONE_TIME_NOTICE', { unlisted: ['身份证'] }]);
  });

  it('keeps waiting, on the same notice, while a listed material is still missing', () => {
    expect(refusedCode(waiting, 'complete_materials', contextFor('complete_materials', clerk, { missing: ['申请书'] }))).toBe('CASE_MATERIALS_INCOMPLETE');
  });

  it('continues the same case once everything listed is brought', () => {
    const result = sut(waiting, 'complete_materials', contextFor('complete_materials', clerk));
    expect(result.ok && [result.state.status, result.state.caseNumber]).toEqual(['materials_complete', waiting.caseNumber]);
  });

  it('names the materials a notice did not list', () => {
    expect(unlistedOnNotice(['a', 'b'], ['b', 'c'])).toEqual(['c']);
    expect(unlistedOnNotice([], [])).toEqual([]);
  });
});

describe('correction (补正), once and complete', () => {
  it('refuses a second correction request after the first was answered', () => {
    const { state, ctx } = readyFor('under_review', 'request_correction');
    expect(refusedCode({ ...state, correction: ['x'] }, 'request_correction', ctx)).toBe('CASE_SECOND_CORRECTION_NOTICE');
  });

  it('refuses a correction request that lists nothing', () => {
    const { state, ctx } = readyFor('under_review', 'request_correction');
    expect(refusedCode(state, 'request_correction', { ...ctx, input: { items: [] } })).toBe('CASE_NOTICE_EMPTY');
  });
});

describe('routing guards', () => {
  it('refuses to hand up a case its holder decides', () => {
    const { state, ctx } = readyFor('accepted', 'hand_up');
    expect(refusedCode({ ...state, decidingNode: TOWNSHIP }, 'hand_up', ctx)).toBe('CASE_DECIDED_AT_THIS_NODE');
  });

  it('refuses to hand up from the city', () => {
    const city = '640100000000';
    const { ctx } = readyFor('accepted', 'hand_up');
    const state = makeCaseState({ status: 'accepted', holder: city, intakeNode: city, decidingNode: COUNTY, handler: 'clerk' });
    expect(refusedCode(state, 'hand_up', { ...ctx, actor: makeActor({ node: city }) })).toBe('CASE_NO_ROUTE');
  });

  it('refuses review at a node that does not decide the matter', () => {
    const { state, ctx } = readyFor('accepted', 'take_up_for_review');
    expect(refusedCode({ ...state, decidingNode: '640100000000' }, 'take_up_for_review', ctx)).toBe('CASE_NOT_DECIDING_NODE');
  });

  it('hands the holder role up to the parent and clears who worked it below', () => {
    const { state, ctx } = readyFor('accepted', 'hand_up');
    const result = sut(state, 'hand_up', ctx);
    expect(result.ok && [result.state.holder, result.state.handler, result.effects.holderChange]).toEqual([COUNTY, undefined, { from: TOWNSHIP, to: COUNTY }]);
  });

  it('sends the result down to the intake node and its first-contact clerk', () => {
    const { state, ctx } = readyFor('approved', 'send_result_down');
    const result = sut(state, 'send_result_down', ctx);
    expect(result.ok && [result.state.holder, result.state.handler, result.state.outcome]).toEqual([TOWNSHIP, 'clerk', 'approved']);
  });

  it('delivers only at the intake counter, and sends down only from elsewhere', () => {
    const away = readyFor('denied', 'send_result_down');
    expect(refusedCode(away.state, 'deliver', { ...away.ctx, input: readyFor('denied', 'deliver').ctx.input })).toBe('CASE_RESULT_NOT_AT_INTAKE');
    const home = readyFor('denied', 'deliver');
    expect(refusedCode(home.state, 'send_result_down', { ...home.ctx, input: {} })).toBe('CASE_RESULT_ALREADY_AT_INTAKE');
  });
});

describe('withdrawal (撤回)', () => {
  it('refuses a second request while one waits', () => {
    const { state, ctx } = readyFor('under_review', 'request_withdrawal');
    expect(refusedCode({ ...state, withdrawalRequested: true }, 'request_withdrawal', ctx)).toBe('CASE_WITHDRAWAL_ALREADY_REQUESTED');
  });

  it.each(['allow_withdrawal', 'refuse_withdrawal'] as const)('refuses to %s when none was asked for', (action) => {
    const { state, ctx } = readyFor('under_review', action);
    expect(refusedCode({ ...state, withdrawalRequested: false }, action, ctx)).toBe('CASE_NO_WITHDRAWAL_REQUEST');
  });

  it('keeps the status and clears the request when refused, so the applicant may ask again', () => {
    const { state, ctx } = readyFor('awaiting_correction', 'refuse_withdrawal');
    const result = sut(state, 'refuse_withdrawal', ctx);
    expect(result.ok && [result.state.status, result.state.withdrawalRequested]).toEqual(['awaiting_correction', false]);
  });

  it('refuses a request after the decision', () => {
    const { state, ctx } = readyFor('approved', 'request_withdrawal');
    expect(refusedCode(state, 'request_withdrawal', ctx)).toBe('CASE_ALREADY_DECIDED');
  });
});

describe('inputs the rules need', () => {
  it.each([
    ['not_accept', { reason: ' ' }, 'CASE_REASON_REQUIRED'],
    ['not_accept', { legalBasis: '' }, 'CASE_LEGAL_BASIS_REQUIRED'],
    ['deny', { reason: '' }, 'CASE_REASON_REQUIRED'],
    ['refuse_withdrawal', { reason: '' }, 'CASE_REASON_REQUIRED'],
    ['approve', { resultNumber: '' }, 'CASE_RESULT_DOCUMENT_REQUIRED'],
    ['approve', { resultName: '  ' }, 'CASE_RESULT_DOCUMENT_REQUIRED'],
    ['start_special_procedure', { kind: 'lottery' }, 'CASE_UNKNOWN_SPECIAL_PROCEDURE'],
    ['start_special_procedure', { reason: '' }, 'CASE_REASON_REQUIRED'],
  ] as const)('%s with %j is refused with %s', (action, input, code) => {
    const status = action === 'not_accept' ? 'materials_complete' : 'under_review';
    const { state, ctx } = readyFor(status, action);
    expect(refusedCode(state, action, { ...ctx, input: { ...ctx.input, ...input } } as never)).toBe(code);
  });

  it.each([
    [{ method: '' }, 'CASE_DELIVERY_INCOMPLETE'],
    [{ recipient: '' }, 'CASE_DELIVERY_INCOMPLETE'],
    [{ at: '' }, 'CASE_DELIVERY_INCOMPLETE'],
  ])('deliver with %j is refused with %s', (input, code) => {
    const { state, ctx } = readyFor('awaiting_delivery', 'deliver');
    expect(refusedCode(state, 'deliver', { ...ctx, input: { ...ctx.input, ...input } })).toBe(code);
  });

  it.each(['0', '6', '', 'x'])('refuses rating level "%s"', (level) => {
    const { state, ctx } = readyFor('delivered', 'rate');
    expect(refusedCode(state, 'rate', { ...ctx, input: { ...ctx.input, level: level as never } })).toBe('CASE_RATING_INVALID');
  });

  it.each([
    ['1', false],
    ['3', false],
    ['4', true],
    ['5', true],
  ] as const)('asks for a follow-up after rating %s: %s', (level, followUp) => {
    const { state, ctx } = readyFor('delivered', 'rate');
    const result = sut(state, 'rate', { ...ctx, input: { ...ctx.input, level } });
    expect(result.ok && result.effects.followUp === true).toBe(followUp);
  });
});

describe('延长审批 (extend the time limit)', () => {
  const ready = () => readyFor('under_review', 'extend_time_limit');
  const extend = (state: ReturnType<typeof ready>['state'], input: Partial<ActionInputs['extend_time_limit']> = {}) => {
    const { ctx } = ready();
    return sut(state, 'extend_time_limit', { ...ctx, input: { ...ctx.input, ...input } });
  };

  it('keeps the case under review, adds the days to the running total and tells the clock', () => {
    const { state } = ready();
    const result = extend(state, { days: 6 });
    if (!result.ok) throw new Error(result.refusal.code);
    expect([result.state.status, result.state.extendedDays, result.state.version]).toEqual(['under_review', 6, state.version + 1]);
    expect(result.effects).toEqual({ clock: 'extend', extension: { days: 6, reason: '需组织专家对经营场所进行现场核查', approvedBy: 'head', approvedByName: '王局长' } });
  });

  it(`allows ${MAX_EXTENSION_DAYS} working days in all, over as many extensions as needed, and not one more`, () => {
    const { state } = ready();
    const first = extend(state, { days: 6 });
    const second = first.ok ? extend(first.state, { days: 4 }) : first;
    expect(second.ok && second.state.extendedDays).toBe(10);
    const third = second.ok ? extend(second.state, { days: 1 }) : second;
    expect(!third.ok && [third.refusal.code, third.refusal.details]).toEqual(['CASE_EXTENSION_OVER_LIMIT', { days: 1, extendedDays: 10, max: 10 }]);
    expect(refusedCode(state, 'extend_time_limit', { ...ready().ctx, input: { ...ready().ctx.input, days: 11 } })).toBe('CASE_EXTENSION_OVER_LIMIT');
  });

  it.each([0, -2, 1.5, Number.NaN, '5' as unknown as number, undefined as unknown as number])('refuses %p days as not a number of working days', (days) => {
    const result = extend(ready().state, { days });
    expect(!result.ok && result.refusal.code).toBe('CASE_EXTENSION_DAYS_INVALID');
  });

  it('needs a reason and the person who approved it', () => {
    const { state } = ready();
    const codes = [{ reason: ' ' }, { approvedBy: '' }, { approvedByName: '  ' }].map((input) => {
      const result = extend(state, input);
      return result.ok ? 'ok' : result.refusal.code;
    });
    expect(codes).toEqual(['CASE_REASON_REQUIRED', 'CASE_EXTENSION_APPROVER_REQUIRED', 'CASE_EXTENSION_APPROVER_REQUIRED']);
  });

  it('is the holder\'s, like a decision, and counts a case stored before the running total existed as not extended', () => {
    const { state, ctx } = ready();
    expect(refusedCode(state, 'extend_time_limit', { ...ctx, actor: makeActor({ id: 'clerk', node: TOWNSHIP }) })).toBe('CASE_NOT_HOLDER');
    expect(refusedCode(state, 'extend_time_limit', { ...ctx, actor: makeActor({ id: 'someone', node: COUNTY }) })).toBe('CASE_NOT_HANDLER');
    const old = { ...state } as Partial<typeof state>;
    delete old.extendedDays;
    const result = sut(old as typeof state, 'extend_time_limit', ctx);
    expect(result.ok && result.state.extendedDays).toBe(10);
  });

  it('is refused during a special procedure and after the decision, each with its own code', () => {
    const during = readyFor('special_procedure', 'extend_time_limit');
    expect(refusedCode(during.state, 'extend_time_limit', during.ctx)).toBe('CASE_SPECIAL_PROCEDURE_RUNNING');
    const after = readyFor('approved', 'extend_time_limit');
    expect(refusedCode(after.state, 'extend_time_limit', after.ctx)).toBe('CASE_ALREADY_DECIDED');
  });
});
