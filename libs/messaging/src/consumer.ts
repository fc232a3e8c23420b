import type { Consumer, Kafka } from 'kafkajs';

export interface IncomingMessage {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: Buffer | null;
  timestamp: string;
  headers: Record<string, string>;
}

export type ConsumerState = 'idle' | 'connecting' | 'running' | 'rebalancing' | 'crashed' | 'stopped';

export interface GroupConsumerOptions {
  groupId: string;
  topics: Array<string | RegExp>;
  /** Partitions worked on in parallel; order within a partition always holds. */
  concurrency?: number;
  /** Where a group with no committed offset starts: the beginning, so a new node misses nothing. */
  fromBeginning?: boolean;
  onStateChange?: (state: ConsumerState, detail?: string) => void;
}

export interface BatchControl {
  /** Marks a message (and all before it in the partition) as finished; its offset may be committed. */
  resolveOffset: (offset: string) => void;
  heartbeat: () => Promise<void>;
  /** False once the consumer is stopping. */
  isRunning: () => boolean;
  /** True once the partition was taken away by a rebalance: stop working on this batch. */
  isStale: () => boolean;
}

export type BatchHandler = (messages: IncomingMessage[], control: BatchControl) => Promise<void>;

/**
 * A consumer group member that hands messages to one handler, batch by batch, in partition order,
 * and commits an offset only once the handler resolved it. A handler that throws stops the
 * partition from moving on (the unresolved messages come again), so handlers decide themselves
 * when to park a message.
 */
export class GroupConsumer {
  private readonly consumer: Consumer;
  private state: ConsumerState = 'idle';

  constructor(
    kafka: Kafka,
    private readonly opts: GroupConsumerOptions,
  ) {
    this.consumer = kafka.consumer({
      groupId: opts.groupId,
      // Short enough that a crashed member's partitions move on within seconds, long enough for
      // a handler between heartbeats (retries heartbeat while they wait). A heartbeat every third
      // of it, as Kafka advises: a city's thousand idle consumers send a third of the requests.
      sessionTimeout: 10000,
      heartbeatInterval: 3000,
      rebalanceTimeout: 60000,
      // How long the broker holds a fetch that finds nothing. A message that arrives meanwhile
      // answers it at once, so this costs no latency; it is what an idle node costs the broker
      // (a fetch naming every partition the node reads), and what a stop may wait for.
      maxWaitTimeInMs: 1000,
      retry: { retries: 10, initialRetryTime: 300, maxRetryTime: 10000 },
    });
    const e = this.consumer.events;
    this.consumer.on(e.GROUP_JOIN, () => this.setState('running'));
    this.consumer.on(e.REBALANCING, () => this.setState('rebalancing'));
    this.consumer.on(e.STOP, () => this.setState('stopped'));
    this.consumer.on(e.CRASH, (ev) => {
      const { error, restart } = ev.payload as { error?: Error; restart?: boolean };
      // kafkajs restarts by itself after a retriable error; after any other, the consumer stays down.
      this.setState(restart === false ? 'crashed' : 'rebalancing', String(error?.message ?? 'crashed'));
    });
  }

  get currentState(): ConsumerState {
    return this.state;
  }

  private setState(state: ConsumerState, detail?: string): void {
    this.state = state;
    this.opts.onStateChange?.(state, detail);
  }

  /**
   * Hands the messages of each fetched batch (one partition, in order) to the handler, which
   * resolves the offsets of those it has finished; only resolved offsets are committed, so a
   * crash redelivers whatever was not finished.
   */
  async start(handler: BatchHandler): Promise<void> {
    this.setState('connecting');
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: this.opts.topics, fromBeginning: this.opts.fromBeginning ?? true });
    await this.consumer.run({
      autoCommit: true,
      autoCommitInterval: 1000,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.opts.concurrency ?? 3,
      eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale }) => {
        const messages = batch.messages.map((message) => {
          const headers: Record<string, string> = {};
          for (const [k, v] of Object.entries(message.headers ?? {})) if (v !== undefined) headers[k] = Array.isArray(v) ? String(v[0]) : String(v);
          return { topic: batch.topic, partition: batch.partition, offset: message.offset, key: message.key?.toString('utf8') ?? null, value: message.value, timestamp: message.timestamp, headers };
        });
        await handler(messages, { resolveOffset, heartbeat, isRunning, isStale });
      },
    });
  }

  async stop(): Promise<void> {
    await this.consumer.disconnect();
    this.setState('stopped');
  }
}
