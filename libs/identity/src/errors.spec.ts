import { AccountLockedError } from './errors.js';

describe('AccountLockedError', () => {
  it('tells staff until when, in Beijing time to the minute, in both languages; the details keep the instant', () => {
    const e = new AccountLockedError(new Date('2026-11-24T02:08:54.212Z'));
    expect(e.messageZh).toContain('锁定至 2026-11-24 10:08（北京时间）');
    expect(e.messageEn).toContain('locked until 2026-11-24 10:08 (Beijing time)');
    expect(e.details).toEqual({ lockedUntil: '2026-11-24T02:08:54.212Z' });
  });

  it('crosses midnight into the next Beijing day', () => {
    expect(new AccountLockedError(new Date('2026-11-24T16:30:00Z')).messageZh).toContain('2026-11-25 00:30');
  });
});
