import { Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ALL_EVENTS, topicsReadBy } from '#libs/contracts';
import { type ConsumerState, GroupConsumer } from '#libs/messaging';
import { type Known, KafkaService, LastKnown, NodeContext } from '#libs/node-kit';
import { EventHandlers } from './event-handlers.js';
import { InboxService } from './inbox.service.js';

/** The node's Kafka entry point: a thin adapter from the consumer group to the inbox service. */
@Injectable()
export class InboxConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private consumer?: GroupConsumer;
  private startError?: string;
  private stopping = false;
  private readonly lastLag: LastKnown<Record<string, number>>;
  readonly topics: string[];

  constructor(
    private readonly ctx: NodeContext,
    private readonly kafka: KafkaService,
    private readonly inbox: InboxService,
    private readonly handlers: EventHandlers,
  ) {
    this.topics = [...topicsReadBy(ctx.topics, ctx.topology, ctx.code)];
    this.lastLag = new LastKnown(() => this.kafka.admin.lag(this.ctx.consumerGroup, this.topics), { maxAgeMs: 2000, waitMs: 1000 });
  }

  get state(): ConsumerState {
    return this.consumer?.currentState ?? 'idle';
  }

  get error(): string | undefined {
    return this.startError;
  }

  onApplicationBootstrap(): void {
    // Every type this tier receives must be handled or declared ignored: better to refuse to start
    // than to park every such event at run time.
    const missing = this.handlers.uncovered(ALL_EVENTS, this.ctx.tier);
    if (missing.length > 0) {
      throw new Error(`A ${this.ctx.tier} node receives ${missing.join(', ')} but has no handler for it: add an @OnEvent method in a *.consumer.ts file, or declare it ignored.`);
    }
    // Started in the background: HTTP comes up at once and /health shows the consumer joining.
    void this.start();
  }

  private async start(): Promise<void> {
    for (let attempt = 1; !this.stopping; attempt++) {
      try {
        // The topics and this node's right to read them are made by the operator (`up`, `provision`):
        // a node has no right to create topics. Until they exist, this retries and /health says why.
        this.consumer = new GroupConsumer(this.kafka.kafka, {
          groupId: this.ctx.consumerGroup,
          topics: this.topics,
          fromBeginning: true,
          // The city reads every channel of the network and a county the links of its townships, a
          // partition each, a few events to a partition at a time: more of them at once share each
          // commit (SharedTransactions). A township reads a handful.
          concurrency: this.ctx.tier === 'township' ? 3 : 16,
          onStateChange: (state, detail) => {
            this.ctx.logger.info({ component: 'inbox-consumer', state, detail }, `consumer ${state}`);
            if (state === 'crashed' && !this.stopping) void this.restart(detail);
          },
        });
        await this.consumer.start((messages, control) => this.inbox.handleBatch(messages, control));
        this.startError = undefined;
        return;
      } catch (err) {
        this.startError = (err as Error).message;
        this.ctx.logger.warn({ err, attempt }, 'the inbox consumer could not start; retrying');
        await this.consumer?.stop().catch(() => undefined);
        this.consumer = undefined;
        await new Promise((r) => setTimeout(r, Math.min(10000, 500 * attempt)));
      }
    }
  }

  /** A consumer that kafkajs will not restart itself is replaced, after a pause. */
  private async restart(reason: string | undefined): Promise<void> {
    this.startError = reason;
    const crashed = this.consumer;
    this.consumer = undefined;
    await crashed?.stop().catch(() => undefined);
    await new Promise((r) => setTimeout(r, 2000));
    if (!this.stopping) await this.start();
  }

  /**
   * Messages not yet consumed, per topic, as last known (asked again every two seconds, waited for
   * at most one), with the age of the answer: a frozen broker never holds /health or /metrics.
   */
  lag(): Promise<Known<Record<string, number>>> {
    return this.lastLag.get();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await this.consumer?.stop().catch(() => undefined);
  }
}
