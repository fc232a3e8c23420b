import { Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import pg from 'pg';
import { IdempotentProducer } from '#libs/messaging';
import { KafkaService, NodeContext } from '#libs/node-kit';
import { crashPoint } from '../faults.js';
import { InboxRepository } from '../inbox/inbox.repository.js';
import { OUTBOX_CHANNEL, OutboxRepository } from './outbox.repository.js';

/** The advisory lock that makes one replica of a node the relay; the others stand by. */
const RELAY_LOCK = 7_101_002;
const BATCH = 500;
const POLL_MS = 1000;
const STANDBY_RETRY_MS = 2000;
const CLEANUP_EVERY_MS = 30_000;
const KEEP_PUBLISHED_SECONDS = 600;
/**
 * Inbox ids are kept longer than the area topics keep messages (30 days), so no message still on a
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
  lastError?: string;
  private lastCleanup = 0;

  constructor(
    private readonly ctx: NodeContext,
    private readonly kafka: KafkaService,
    private readonly repo: OutboxRepository,
    private readonly inbox: InboxRepository,
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
          await this.sleep(STANDBY_RETRY_MS);
          continue;
        }
        await this.relayWhileLeader();
      } catch (err) {
        this.lastError = (err as Error).message;
        this.ctx.logger.warn({ err, component: 'outbox-relay' }, 'outbox relay error; retrying');
        await this.dropLease();
        await this.sleep(1000);
      }
    }
    await this.dropLease();
    await this.producer?.disconnect().catch(() => undefined);
  }

  private async acquireLease(): Promise<void> {
    if (this.leaseClient) return;
    const client = new pg.Client({ connectionString: this.ctx.databaseUrl, application_name: `tongban-relay-${this.ctx.code}` });
    client.on('error', (err) => {
      this.lastError = err.message;
      this.leader = false;
      this.leaseClient = undefined;
    });
    await client.connect();
    const { rows } = await client.query<{ ok: boolean }>('select pg_try_advisory_lock($1) as ok', [RELAY_LOCK]);
    if (!rows[0]?.ok) {
      await client.end();
      return;
    }
    client.on('notification', () => {
      this.pending = true;
      this.wake?.();
    });
    client.on('end', () => {
      this.leader = false;
      this.leaseClient = undefined;
    });
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
    if (!this.producer) {
      this.producer = new IdempotentProducer(this.kafka.kafka);
      await this.producer.connect();
    }
    while (!this.stopping && this.leader) {
      let sent = 0;
      this.pending = false;
      for (;;) {
        const rows = await this.repo.nextBatch(BATCH);
        if (rows.length === 0 || !this.leader) break;
        crashPoint('relay.before-publish', rows.map((r) => r.type));
        await this.producer.send(
          rows.map((r) => ({ topic: r.topic, key: r.key, value: JSON.stringify(r.envelope), headers: { 'event-id': r.eventId, 'event-type': r.type, source: this.ctx.code } })),
        );
        crashPoint('relay.after-publish-before-mark', rows.map((r) => r.type));
        await this.repo.markPublished(rows.map((r) => r.seq));
        sent += rows.length;
        this.published += rows.length;
        if (rows.length < BATCH) break;
      }
      this.lastError = undefined;
      if (Date.now() - this.lastCleanup > CLEANUP_EVERY_MS) {
        this.lastCleanup = Date.now();
        // Housekeeping runs on the one replica that relays, in bounded batches.
        while ((await this.repo.deletePublished(KEEP_PUBLISHED_SECONDS, 5000)) === 5000 && !this.stopping);
        while ((await this.inbox.prune(KEEP_INBOX_DAYS, 5000)) === 5000 && !this.stopping);
      }
      if (sent === 0) await this.sleep(POLL_MS);
    }
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
