import { Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import pg from 'pg';
import { IdempotentProducer, type OutgoingMessage } from '#libs/messaging';
import { KafkaService, NodeContext } from '#libs/node-kit';
import { DeadLetterRepository } from '../dead-letters/dead-letter.repository.js';
import { crashPoint } from '../faults.js';
import { InboxRepository } from '../inbox/inbox.repository.js';
import { OUTBOX_CHANNEL, OutboxRepository, type OutboxRow } from './outbox.repository.js';
import { unsendableReason } from './unsendable.js';

/** The advisory lock that makes one replica of a node the relay; the others stand by. */
const RELAY_LOCK = 7_101_002;
const BATCH = 500;
/**
 * Bytes of messages per send. The broker takes a record batch (one per partition per send) of at
 * most max.message.bytes (1 MiB by default, and the link topics keep it): 500 case envelopes of
 * ~2.4 KB would exceed it, and a refused batch falls back to one send per event. Sends of at most
 * this many bytes, one after the other on the idempotent producer, keep the order per key.
 */
const MAX_SEND_BYTES = 512 * 1024;
const POLL_MS = 1000;
const STANDBY_RETRY_MS = 2000;
/** Backoff after a failure (database or broker down): 1 s, doubling up to this. */
const FAILURE_BACKOFF_MAX_MS = 30_000;
const CLEANUP_EVERY_MS = 30_000;
const KEEP_PUBLISHED_SECONDS = 600;
/**
 * Inbox ids are kept longer than the link topics keep messages (30 days), so no message still on a
 * topic can be mistaken for new; catalog events, kept for good, are also guarded by their versions.
 */
const KEEP_INBOX_DAYS = 35;

/**
 * Publishes the outbox to Kafka in write order. Woken by NOTIFY when a transaction with events
 * commits, and still polling, since a NOTIFY is not durable. Only the replica holding the lease
 * relays; if it dies, its session ends, the lock is freed, and a standby takes over.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private producer?: IdempotentProducer;
  private leaseClient?: pg.Client;
  private stopping = false;
  private wake?: () => void;
  /** Set by a NOTIFY that arrived while the relay was busy, so it does not then sleep. */
  private pending = false;
  private loop?: Promise<void>;
  leader = false;
  published = 0;
  /** Connections opened to try for the lease, for /metrics: a spinning relay shows here. */
  leaseAttempts = 0;
  lastError?: string;
  private lastCleanup = 0;
  /** Failures in a row, for the backoff; reset by a pass that went through. */
  private failures = 0;

  constructor(
    private readonly ctx: NodeContext,
    private readonly kafka: KafkaService,
    private readonly repo: OutboxRepository,
    private readonly inbox: InboxRepository,
    private readonly deadLetters: DeadLetterRepository,
  ) {}

  onApplicationBootstrap(): void {
    this.loop = this.run();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.loop;
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      try {
        await this.acquireLease();
        if (!this.leader) {
          this.failures = 0;
          await this.pause(STANDBY_RETRY_MS);
          continue;
        }
        await this.relayWhileLeader();
      } catch (err) {
        // A pass cut short by the node's own shutdown (its database closing under it) is no failure.
        if (this.stopping) break;
        this.failures++;
        this.lastError = (err as Error).message;
        this.ctx.logger.warn({ err, component: 'outbox-relay', failures: this.failures }, 'outbox relay error; retrying');
        await this.dropLease();
        await this.pause(Math.min(FAILURE_BACKOFF_MAX_MS, 1000 * 2 ** (this.failures - 1)));
      }
    }
    await this.dropLease();
    await this.producer?.disconnect().catch(() => undefined);
  }

  private async acquireLease(): Promise<void> {
    if (this.leaseClient) return;
    this.leaseAttempts++;
    const client = new pg.Client({ connectionString: this.ctx.databaseUrl, application_name: `tongban-relay-${this.ctx.code}` });
    // Only the current lease's client may change the relay's state: a late event of an old or failed one must not.
    const lost = () => {
      if (this.leaseClient !== client) return;
      this.leader = false;
      this.leaseClient = undefined;
    };
    client.on('error', (err) => {
      this.lastError = err.message;
      lost();
    });
    await client.connect();
    const { rows } = await client.query<{ ok: boolean }>('select pg_try_advisory_lock($1) as ok', [RELAY_LOCK]);
    if (!rows[0]?.ok) {
      await client.end();
      return;
    }
    client.on('notification', () => {
      if (this.leaseClient !== client) return;
      this.pending = true;
      this.wake?.();
    });
    client.on('end', lost);
    await client.query(`listen ${OUTBOX_CHANNEL}`);
    this.leaseClient = client;
    this.leader = true;
    this.ctx.logger.info({ component: 'outbox-relay', instance: this.ctx.instanceId }, 'this instance now relays the outbox');
  }

  private async dropLease(): Promise<void> {
    const c = this.leaseClient;
    this.leaseClient = undefined;
    this.leader = false;
    await c?.end().catch(() => undefined);
  }

  private async relayWhileLeader(): Promise<void> {
    await this.connectedProducer();
    while (!this.stopping && this.leader) {
      // A NOTIFY from here on means rows the reads below may not have seen: the sleep then returns at once.
      this.pending = false;
      let rows = await this.repo.nextBatch(BATCH);
      while (rows.length > 0 && this.leader) {
        crashPoint('relay.before-publish', rows.map((r) => r.type));
        const parked = await this.publish(rows);
        crashPoint('relay.after-publish-before-mark', rows.map((r) => r.type));
        const published = rows.filter((r) => !parked.has(r.seq));
        rows = await this.repo.markPublishedAndNext(
          published.map((r) => r.seq),
          BATCH,
        );
        this.published += published.length;
      }
      this.lastError = undefined;
      this.failures = 0;
      if (Date.now() - this.lastCleanup > CLEANUP_EVERY_MS) {
        this.lastCleanup = Date.now();
        // Housekeeping runs on the one replica that relays, in bounded batches.
        while ((await this.repo.deletePublished(KEEP_PUBLISHED_SECONDS, 5000)) === 5000 && !this.stopping);
        while ((await this.inbox.prune(KEEP_INBOX_DAYS, 5000)) === 5000 && !this.stopping);
      }
      await this.sleep(POLL_MS);
    }
  }

  /**
   * Sends a batch; if the broker refuses it for good, sends its rows one by one to find the ones it
   * will never take, parks those and sends the rest. Returns the seqs parked. A failure that may pass
   * (broker down) is thrown as before, and the batch is tried again later.
   */
  private async connectedProducer(): Promise<IdempotentProducer> {
    if (!this.producer) {
      const producer = new IdempotentProducer(this.kafka.kafka);
      await producer.connect();
      this.producer = producer;
    }
    return this.producer;
  }

  /** A refused send leaves the idempotent producer's sequence numbers ahead of the broker's: the next send starts a new one. */
  private async dropProducer(): Promise<void> {
    const spoilt = this.producer;
    this.producer = undefined;
    await spoilt?.disconnect().catch(() => undefined);
  }

  private async publish(rows: OutboxRow[]): Promise<Set<string>> {
    const parked = new Set<string>();
    const messages = rows.map((r) => ({ row: r, message: { topic: r.topic, key: r.key, value: JSON.stringify(r.envelope), headers: { 'event-id': r.eventId, 'event-type': r.type, source: this.ctx.code } } }));
    for (const group of byBytes(messages, MAX_SEND_BYTES)) await this.publishGroup(group, parked);
    return parked;
  }

  private async publishGroup(group: Array<{ row: OutboxRow; message: OutgoingMessage }>, parked: Set<string>): Promise<void> {
    try {
      await (await this.connectedProducer()).send(group.map((g) => g.message));
      return;
    } catch (err) {
      if (!unsendableReason(err)) throw err;
      await this.dropProducer();
      this.ctx.logger.warn({ err, component: 'outbox-relay', rows: group.length }, 'the broker refused a batch for good; sending its events one by one');
    }
    for (const { row: r, message: m } of group) {
      try {
        await (await this.connectedProducer()).send([m]);
      } catch (err) {
        const reason = unsendableReason(err);
        if (!reason) throw err;
        await this.dropProducer();
        const detail = `${(err as Error).message}; topic ${r.topic}, ${Buffer.byteLength(m.value)} bytes`;
        await this.deadLetters.parkOutgoing(r, `OUTBOX_${reason}`, `事件 ${r.eventId}（${r.type}）无法发送到 Kafka，已暂存待处理 / the broker will never take event ${r.eventId} (${r.type}): ${detail}`);
        parked.add(r.seq);
        this.ctx.logger.error({ component: 'outbox-relay', eventId: r.eventId, type: r.type, topic: r.topic, key: r.key, reason }, 'outbox event parked: the broker will never take it');
      }
    }
  }

  /**
   * Waits the full interval whatever NOTIFYs were pending: they were for the lease that is gone, and
   * honouring them here would open a new connection per pass.
   */
  private pause(ms: number): Promise<void> {
    this.pending = false;
    return this.sleep(ms);
  }

  /** Sleeps until woken by a NOTIFY, a shutdown, or the poll interval. */
  private sleep(ms: number): Promise<void> {
    if (this.pending) return Promise.resolve();
    return new Promise((resolve) => {
      const t = setTimeout(done, ms);
      function done(): void {
        clearTimeout(t);
        resolve();
      }
      this.wake = done;
    });
  }
}

/** Splits messages, in order, into groups of at most `limit` bytes (a larger message alone in its group). */
export function byBytes<T extends { message: OutgoingMessage }>(items: T[], limit: number): T[][] {
  const groups: T[][] = [];
  let group: T[] = [];
  let bytes = 0;
  for (const item of items) {
    const m = item.message;
    // Value, key and headers, plus the record's own overhead (lengths, offsets, timestamp).
    let size = Buffer.byteLength(m.value) + Buffer.byteLength(m.key) + 32;
    for (const [k, v] of Object.entries(m.headers ?? {})) size += Buffer.byteLength(k) + Buffer.byteLength(v) + 8;
    if (group.length > 0 && bytes + size > limit) {
      groups.push(group);
      group = [];
      bytes = 0;
    }
    group.push(item);
    bytes += size;
  }
  if (group.length > 0) groups.push(group);
  return groups;
}
