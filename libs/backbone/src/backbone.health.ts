import { Injectable, type OnModuleInit } from '@nestjs/common';
import { Counter, Gauge } from 'prom-client';
import { HealthRegistry, MetricsService } from '#libs/node-kit';
import { DeadLetterRepository } from './dead-letters/dead-letter.repository.js';
import { InboxConsumer } from './inbox/inbox.consumer.js';
import { InboxService } from './inbox/inbox.service.js';
import { OutboxRelay } from './outbox/outbox-relay.js';
import { OutboxRepository } from './outbox/outbox.repository.js';

/**
 * A figure read from the node's database for /metrics, or undefined (the gauge keeps its last value)
 * when the database does not answer within a second: /metrics must answer during an outage, which
 * is when it is read the most.
 */
async function fromDatabase<T>(read: () => Promise<T>): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), 1000)));
  try {
    return await Promise.race([read().catch(() => undefined), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Reports the backbone on /health and /metrics: outbox backlog, consumer lag, dead letters. */
@Injectable()
export class BackboneHealth implements OnModuleInit {
  constructor(
    private readonly health: HealthRegistry,
    private readonly metrics: MetricsService,
    private readonly outbox: OutboxRepository,
    private readonly relay: OutboxRelay,
    private readonly consumer: InboxConsumer,
    private readonly inbox: InboxService,
    private readonly deadLetters: DeadLetterRepository,
  ) {}

  onModuleInit(): void {
    this.health.register('consumer', async () => {
      const state = this.consumer.state;
      const lag = state === 'running' ? await this.consumer.lag() : undefined;
      return {
        status: state === 'running' ? 'up' : 'down',
        state,
        topics: this.consumer.topics,
        lag: lag?.value ?? {},
        lagAgeSeconds: lag?.ageSeconds,
        lagError: lag?.error,
        error: this.consumer.error,
        ...this.inbox.stats,
      };
    });
    this.health.register('outbox', async () => {
      const [b, parked] = await Promise.all([this.outbox.backlog(), this.outbox.countParked()]);
      return { status: 'up', backlog: b.count, parked, oldestUnpublishedAgeSeconds: Math.round(b.oldestAgeSeconds * 10) / 10, relaying: this.relay.leader, published: this.relay.published, lastError: this.relay.lastError };
    });
    this.health.register('deadLetters', async () => ({ status: 'up', parked: await this.deadLetters.countParked() }));

    const r = this.metrics.registry;
    // prom-client calls collect() with the gauge as `this`, so the sources are captured here.
    const { outbox, consumer, deadLetters, inbox, relay } = this;
    new Counter({
      name: 'tongban_outbox_lease_attempts_total',
      help: 'Connections opened by the outbox relay to try for its lease',
      registers: [r],
      collect() {
        this.reset();
        this.inc(relay.leaseAttempts);
      },
    });
    new Gauge({
      name: 'tongban_outbox_backlog',
      help: 'Outbox events not yet published',
      registers: [r],
      async collect() {
        const b = await fromDatabase(() => outbox.backlog());
        if (b) this.set(b.count);
      },
    });
    new Gauge({
      name: 'tongban_outbox_oldest_unpublished_age_seconds',
      help: 'Age of the oldest unpublished outbox event',
      registers: [r],
      async collect() {
        const b = await fromDatabase(() => outbox.backlog());
        if (b) this.set(b.oldestAgeSeconds);
      },
    });
    new Gauge({
      name: 'tongban_consumer_lag',
      help: 'Messages not yet consumed, per topic',
      labelNames: ['topic'],
      registers: [r],
      async collect() {
        const lag = await consumer.lag();
        for (const [topic, n] of Object.entries(lag.value ?? {})) this.set({ topic }, n);
      },
    });
    new Gauge({
      name: 'tongban_consumer_lag_age_seconds',
      help: 'Age of the consumer lag figures (read from the broker in the background); -1 before the first answer',
      registers: [r],
      async collect() {
        // The same answer as the lag gauge's: the refresh in flight is shared.
        this.set((await consumer.lag()).ageSeconds ?? -1);
      },
    });
    new Gauge({
      name: 'tongban_outbox_parked',
      help: 'Outbox events parked because the broker will never take them (see /dead-letters, direction outgoing)',
      registers: [r],
      async collect() {
        const n = await fromDatabase(() => outbox.countParked());
        if (n !== undefined) this.set(n);
      },
    });
    new Gauge({
      name: 'tongban_dead_letters_parked',
      help: 'Messages parked as dead letters and not yet replayed or discarded',
      registers: [r],
      async collect() {
        const n = await fromDatabase(() => deadLetters.countParked());
        if (n !== undefined) this.set(n);
      },
    });
    new Gauge({
      name: 'tongban_inbox_events',
      help: 'Events handled by the inbox since start, by outcome',
      labelNames: ['outcome'],
      registers: [r],
      collect() {
        for (const [outcome, n] of Object.entries(inbox.stats)) this.set({ outcome }, n as number);
      },
    });
  }
}
