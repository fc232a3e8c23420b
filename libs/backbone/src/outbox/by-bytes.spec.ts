import { byBytes } from './outbox-relay.js';

const item = (n: number, bytes: number) => ({ n, message: { topic: 't', key: 'k', value: 'x'.repeat(bytes), headers: { 'event-id': String(n) } } });

describe('byBytes (the relay splits a batch under the broker message size)', () => {
  it('keeps the order and puts no more than the limit in one group', () => {
    const items = Array.from({ length: 500 }, (_, i) => item(i, 2400));
    const groups = byBytes(items, 512 * 1024);
    expect(groups.length).toBe(3);
    expect(groups.flat().map((g) => g.n)).toEqual(items.map((i) => i.n));
    for (const g of groups) expect(g.reduce((s, i) => s + i.message.value.length, 0)).toBeLessThanOrEqual(512 * 1024);
  });

  it('sends a message larger than the limit alone (the broker then refuses it, and it is parked)', () => {
    const groups = byBytes([item(1, 10), item(2, 2_000_000), item(3, 10)], 1000);
    expect(groups.map((g) => g.map((i) => i.n))).toEqual([[1], [2], [3]]);
  });

  it('keeps a batch that fits in one send', () => {
    expect(byBytes([item(1, 10), item(2, 10)], 1000)).toHaveLength(1);
    expect(byBytes([], 1000)).toEqual([]);
  });
});
