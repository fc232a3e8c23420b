import type { DataSource, EntityManager } from 'typeorm';

/** Chunks sharing one commit at most. */
const MAX_GROUP = 16;

interface Participant {
  work: (m: EntityManager) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (err: unknown) => void;
}

/**
 * Transactions of chunks from different partitions, applied at the same time, share one commit.
 * A node that many others write to (the city reads every channel of a thousand-township network)
 * gets its events one or two to a partition, so a transaction per chunk meant a commit (and its
 * round trips) per event. Here the chunks waiting while a commit runs are applied together in the
 * next transaction. If it fails, each is run again alone in a transaction of its own, so a chunk
 * that fails fails for its caller only, as before: `work` must be safe to run again (it starts
 * from scratch). A caller's promise settles only after its commit, so an offset is never resolved
 * for what is not committed.
 */
export class SharedTransactions {
  private readonly queue: Participant[] = [];
  private running = 0;

  /**
   * `parallel`: transactions open at once. One alone leaves the node idle while the database works
   * and the database idle while the node works (each statement waits for the one before): a few
   * keep both busy. Chunks of one partition never run at once (the consumer hands a partition's
   * next batch only after the last), so parallel groups keep each partition's order.
   */
  constructor(
    private readonly ds: DataSource,
    private readonly parallel = 1,
  ) {}

  run<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (v: unknown) => void, reject });
      if (this.running < this.parallel) {
        this.running++;
        // One turn of the event loop, so the chunks of one fetch (other partitions) join the first transaction.
        setImmediate(() => void this.drain());
      }
    });
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      // Shared out among the transactions running, so that all of them have work.
      const group = this.queue.splice(0, Math.min(MAX_GROUP, Math.max(1, Math.ceil(this.queue.length / this.running))));
      const results: unknown[] = [];
      try {
        await this.ds.transaction(async (m) => {
          for (const [i, p] of group.entries()) results[i] = await p.work(m);
        });
      } catch (err) {
        if (group.length === 1) group[0]!.reject(err);
        // Alone, each in its own transaction: only the one at fault fails (or all, if the database is gone).
        else await Promise.all(group.map((p) => this.ds.transaction((m) => p.work(m)).then(p.resolve, p.reject)));
        continue;
      }
      group.forEach((p, i) => p.resolve(results[i]));
    }
    this.running--;
  }
}
