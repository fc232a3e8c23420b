import { LastKnown } from './last-known.js';

describe('LastKnown', () => {
  it('answers within its wait from the last value, with its age, while the source hangs', async () => {
    let hang = false;
    let reads = 0;
    const sut = new LastKnown(async () => {
      reads++;
      if (hang) return new Promise<number>(() => undefined);
      return 42;
    }, { maxAgeMs: 0, waitMs: 50 });
    expect(await sut.get()).toMatchObject({ value: 42, error: undefined });
    hang = true;
    const started = Date.now();
    const first = await sut.get();
    const second = await sut.get();
    expect(Date.now() - started).toBeLessThan(500);
    expect(first.value).toBe(42);
    expect(second.ageSeconds).toBeGreaterThanOrEqual(0);
    // The hanging read is shared, not repeated per caller.
    expect(reads).toBe(2);
  });

  it('reports the error of a failed refresh and keeps the last value', async () => {
    let fail = false;
    const sut = new LastKnown(async () => {
      if (fail) throw new Error('broker unreachable');
      return 'ok';
    }, { maxAgeMs: 0, waitMs: 1000 });
    await sut.get();
    fail = true;
    expect(await sut.get()).toMatchObject({ value: 'ok', error: 'broker unreachable' });
  });

  it('does not ask again while the value is younger than maxAgeMs', async () => {
    let reads = 0;
    const sut = new LastKnown(async () => ++reads, { maxAgeMs: 60000, waitMs: 1000 });
    await sut.get();
    expect((await sut.get()).value).toBe(1);
    expect(reads).toBe(1);
  });

  it('has no value and no age before the first answer', async () => {
    const sut = new LastKnown(() => new Promise<number>(() => undefined), { maxAgeMs: 0, waitMs: 10 });
    expect(await sut.get()).toEqual({ value: undefined, ageSeconds: undefined, error: undefined });
  });
});
