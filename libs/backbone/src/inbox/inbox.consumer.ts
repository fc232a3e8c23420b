import { Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { topicSpecsFor, topicsReadBy } from '#libs/contracts';
import { type ConsumerState, GroupConsumer } from '#libs/messaging';
import { type Known, KafkaService, LastKnown, NodeContext } from '#libs/node-kit';
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
    // Started in the background: HTTP comes up at once and /health shows the consumer joining.
    void this.start();
  }

  private async start(): Promise<void> {
    for (let attempt = 1; !this.stopping; attempt++) {
      try {
        // Creates what is missing of the deployment's topics (the broker never auto-creates).
        await this.kafka.ensureTopics(topicSpecsFor(this.ctx.topics, this.ctx.topology));
        this.consumer = new GroupConsumer(this.kafka.kafka, {
          groupId: this.ctx.consumerGroup,
          topics: this.topics,
          fromBeginning: true,
          concurrency: 3,
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
