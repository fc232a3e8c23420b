import { type Kafka, Partitioners, type Producer } from 'kafkajs';

/** kafkajs's own default partitioner (murmur2 of the key), to know each message's partition before sending. */
const partitionOf = Partitioners.DefaultPartitioner();
/** Sends of the partitions kafkajs skipped, before the batch is given up (the relay then retries it whole). */
const MAX_RESENDS = 5;

export interface OutgoingMessage {
  topic: string;
  key: string;
  value: string;
  headers?: Record<string, string>;
}

/**
 * An idempotent producer (acks from all in-sync replicas, one request in flight, broker-side
 * de-duplication of retries), so that per-key order holds and a retry never writes twice.
 */
export class IdempotentProducer {
  private readonly producer: Producer;
  private connected = false;
  /** Partitions per topic: fixed once a topic is made (provisioning never changes them). */
  private readonly partitionCounts = new Map<string, number>();

  constructor(private readonly kafka: Kafka) {
    this.producer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      createPartitioner: Partitioners.DefaultPartitioner,
      retry: { retries: 10, initialRetryTime: 200, maxRetryTime: 5000 },
    });
    this.producer.on(this.producer.events.DISCONNECT, () => (this.connected = false));
  }

  get isConnected(): boolean {
    return this.connected;
  }

  async connect(): Promise<void> {
    await this.producer.connect();
    this.connected = true;
  }

  /**
   * Sends messages in order; resolves once every one is acknowledged by the broker.
   *
   * kafkajs keeps one response per broker across a send's retries: when a broker dies mid-send and
   * its partitions move to a broker that already answered for others, the retry skips them and the
   * send resolves without writing them (tulios/kafkajs#1303, #1798). So each message's partition
   * is fixed here (kafkajs's own partitioner: the same partition as before), the answer is checked
   * for every partition sent to, and the messages of a partition without one are sent again. The
   * idempotent producer's sequence numbers keep a resend of a write that did land from writing twice.
   */
  async send(messages: OutgoingMessage[]): Promise<void> {
    await this.learnPartitions([...new Set(messages.map((m) => m.topic))]);
    const pending = new Map<string, { topic: string; partition: number; messages: OutgoingMessage[] }>();
    for (const m of messages) {
      const partition = this.partitionOf(m);
      const key = `${m.topic}\u0000${partition}`;
      const group = pending.get(key) ?? { topic: m.topic, partition, messages: [] };
      group.messages.push(m);
      pending.set(key, group);
    }
    for (let attempt = 0; ; attempt++) {
      const byTopic = new Map<string, Array<{ key: string; value: string; headers?: Record<string, string>; partition: number }>>();
      for (const g of pending.values()) {
        const list = byTopic.get(g.topic) ?? [];
        list.push(...g.messages.map((m) => ({ key: m.key, value: m.value, headers: m.headers, partition: g.partition })));
        byTopic.set(g.topic, list);
      }
      const answers = await this.producer.sendBatch({ acks: -1, topicMessages: [...byTopic].map(([topic, ms]) => ({ topic, messages: ms })) });
      for (const a of answers) pending.delete(`${a.topicName}\u0000${a.partition}`);
      if (pending.size === 0) return;
      if (attempt >= MAX_RESENDS) {
        throw new Error(`the broker acknowledged nothing for ${[...pending.values()].map((g) => `${g.topic}[${g.partition}]`).join(', ')} after ${attempt + 1} sends`);
      }
    }
  }

  private partitionOf(m: OutgoingMessage): number {
    const count = this.partitionCounts.get(m.topic)!;
    const partitionMetadata = Array.from({ length: count }, (_, i) => ({ partitionId: i, leader: i, replicas: [], isr: [], partitionErrorCode: 0 }));
    return partitionOf({ topic: m.topic, partitionMetadata, message: { key: m.key, value: m.value } });
  }

  /** Reads, once per topic, how many partitions it has (a message's partition depends on it). */
  private async learnPartitions(topics: string[]): Promise<void> {
    const unknown = topics.filter((t) => !this.partitionCounts.has(t));
    if (unknown.length === 0) return;
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const meta = await admin.fetchTopicMetadata({ topics: unknown });
      for (const t of meta.topics) if (t.partitions.length > 0) this.partitionCounts.set(t.name, t.partitions.length);
    } finally {
      await admin.disconnect();
    }
    const still = unknown.filter((t) => !this.partitionCounts.has(t));
    if (still.length) throw new Error(`no partitions known for ${still.join(', ')}`);
  }

  async disconnect(): Promise<void> {
    await this.producer.disconnect();
    this.connected = false;
  }
}
