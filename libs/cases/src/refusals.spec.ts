import { DomainError } from '#libs/domain';
import { CASE_REFUSALS, CaseRuleError, refusal } from './refusals.js';

describe('case refusals', () => {
  it.each(Object.entries(CASE_REFUSALS))('%s has a Chinese and an English message and a client-error status', (_code, r) => {
    expect(r.zh).toMatch(/[\u4e00-\u9fff]/);
    expect(r.en).toMatch(/^[A-Z]/);
    expect([400, 403, 409]).toContain(r.status);
  });

  it('becomes a DomainError the HTTP filter and the consumers already understand', () => {
    const sut = new CaseRuleError(refusal('CASE_NOT_HOLDER', { holder: '640104000000' }));
    expect(sut).toBeInstanceOf(DomainError);
    expect([sut.code, sut.status, sut.retryable, sut.details]).toEqual(['CASE_NOT_HOLDER', 403, false, { holder: '640104000000' }]);
    expect(sut.messageZh).toBe(CASE_REFUSALS.CASE_NOT_HOLDER.zh);
    expect(sut.message).toBe(CASE_REFUSALS.CASE_NOT_HOLDER.en);
    expect(sut.name).toBe('CaseRuleError');
  });

  it('leaves details out when there are none', () => {
    expect(refusal('CASE_ACTION_NOT_ALLOWED')).not.toHaveProperty('details');
  });
});
