import type { DataSource, EntityManager } from 'typeorm';
import { SharedTransactions } from './shared-transactions.js';

/** A data source that logs every statement and transaction, and can fail the commit. */
function dataSource(failCommit = false) {
  const log: string[] = [];
  const m = { query: async (sql: string) => void log.push(sql) } as unknown as EntityManager;
  const ds = {
    transaction: async <T>(work: (m: EntityManager) => Promise<T>): Promise<T> => {
      log.push('begin');
      try {
        const out = await work(m);
        if (failCommit) throw new Error('commit failed');
        log.push('commit');
        return out;
      } catch (err) {
        log.push('rollback');
        throw err;
      }
    },
  } as unknown as DataSource;
  return { ds, log };
}

describe('SharedTransactions', () => {
  it('applies chunks that arrive together in one transaction', async () => {
    const { ds, log } = dataSource();
    const shared = new SharedTransactions(ds);
    const out = await Promise.all([1, 2, 3].map((n) => shared.run(async (m) => (await m.query(`apply ${n}`), n * 10))));
    expect(out).toEqual([10, 20, 30]);
    expect(log).toEqual(['begin', 'apply 1', 'apply 2', 'apply 3', 'commit']);
  });

  it('runs each chunk again alone when the shared transaction fails, so only the one at fault gets the error', async () => {
    const { ds, log } = dataSource();
    const shared = new SharedTransactions(ds);
    const results = await Promise.allSettled([
      shared.run(async (m) => (await m.query('apply a'), 'a')),
      shared.run(async () => {
        throw new Error('bad event');
      }),
      shared.run(async (m) => (await m.query('apply c'), 'c')),
    ]);
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message))).toEqual(['a', 'bad event', 'c']);
    // The shared attempt rolled back, then three transactions of their own: two committed.
    expect(log.filter((l) => l === 'commit')).toHaveLength(2);
    expect(log.filter((l) => l === 'rollback')).toHaveLength(2);
  });

  it('fails every chunk of a transaction whose commit fails, and settles none before the commit', async () => {
    const { ds } = dataSource(true);
    const shared = new SharedTransactions(ds);
    const results = await Promise.allSettled([shared.run(async () => 1), shared.run(async () => 2)]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
  });

  it('runs a chunk arriving during a commit in the next transaction', async () => {
    const { ds, log } = dataSource();
    const shared = new SharedTransactions(ds);
    let second: Promise<number> | undefined;
    const first = shared.run(async () => {
      second = shared.run(async () => 2);
      return 1;
    });
    expect(await first).toBe(1);
    expect(await second).toBe(2);
    expect(log.filter((l) => l === 'begin')).toHaveLength(2);
  });
});
