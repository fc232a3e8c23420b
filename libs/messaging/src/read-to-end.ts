import type { Kafka } from 'kafkajs';
import type { IncomingMessage } from './consumer.js';

export interface ReadToEndOptions {
  /** A group of its own (the ACLs let a node use groups named under its own); no offset is ever committed for it. */
  groupId: string;
  topics: string[];
  /** One fetched batch of one partition, in order, limited to what was on the topic when the read began. */
  onBatch: (messages: IncomingMessage[]) => Promise<void>;
  /** After each batch: messages read so far of the total there was to read. */
  onProgress?: (read: number, total: number) => void;
}

export interface ReadToEndResult {
  /** Messages there were to read (from each partition's first kept offset to its end when the read began). */
  total: number;
  read: number;
  /** The end offset of each partition when the read began, `topic:partition` → offset. */
  endOffsets: Record<string, string>;
}

/**
 * Reads every message the topics hold, from the first one kept to the end each partition had when the
 * read began, and stops there: a snapshot of the log, for rebuilding a projection. What arrives later
 * is the live consumer's. Nothing is committed: the group leaves no trace but its name.
 */
export async function readTopicsToEnd(kafka: Kafka, opts: ReadToEndOptions): Promise<ReadToEndResult> {
  const admin = kafka.admin();
  await admin.connect();
  const ends = new Map<string, { low: bigint; high: bigint }>();
  try {
    for (const topic of opts.topics) {
      for (const p of await admin.fetchTopicOffsets(topic)) ends.set(`${topic}:${p.partition}`, { low: BigInt(p.low), high: BigInt(p.high) });
    }
  } finally {
    await admin.disconnect();
  }
  const endOffsets = Object.fromEntries([...ends].map(([k, v]) => [k, v.high.toString()]));
  const pending = new Set([...ends].filter(([, v]) => v.high > v.low).map(([k]) => k));
  const total = [...ends.values()].reduce((n, v) => n + Number(v.high - v.low), 0);
  let read = 0;
  if (pending.size === 0) return { total, read, endOffsets };

  const consumer = kafka.consumer({ groupId: opts.groupId, sessionTimeout: 30000, heartbeatInterval: 3000, maxWaitTimeInMs: 200, retry: { retries: 10 } });
  await consumer.connect();
  try {
    let failed = false;
    await new Promise<void>((resolve, reject) => {
      const crashed = consumer.on(consumer.events.CRASH, (ev) => {
        const { error, restart } = ev.payload as { error?: Error; restart?: boolean };
        if (restart === false) reject(error ?? new Error('the consumer crashed'));
      });
      consumer
        .subscribe({ topics: opts.topics, fromBeginning: true })
        .then(() =>
          consumer.run({
            autoCommit: false,
            eachBatchAutoResolve: false,
            partitionsConsumedConcurrently: 1,
            eachBatch: async ({ batch, heartbeat }) => {
              const key = `${batch.topic}:${batch.partition}`;
              const end = ends.get(key);
              if (failed || !end || !pending.has(key)) return;
              try {
              const messages: IncomingMessage[] = [];
              for (const message of batch.messages) {
                if (BigInt(message.offset) >= end.high) break;
                const headers: Record<string, string> = {};
                for (const [k, v] of Object.entries(message.headers ?? {})) if (v !== undefined) headers[k] = Array.isArray(v) ? String(v[0]) : String(v);
                messages.push({ topic: batch.topic, partition: batch.partition, offset: message.offset, key: message.key?.toString('utf8') ?? null, value: message.value, timestamp: message.timestamp, headers });
              }
              if (messages.length > 0) await opts.onBatch(messages);
              read += messages.length;
              opts.onProgress?.(read, total);
              await heartbeat();
              const last = batch.messages.at(-1);
              if (last && BigInt(last.offset) >= end.high - 1n) {
                pending.delete(key);
                if (pending.size === 0) {
                  crashed();
                  resolve();
                }
              }
              } catch (err) {
                // Not retried here: the caller sees the error and may start again.
                failed = true;
                reject(err);
              }
            },
          }),
        )
        .catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
  return { total, read, endOffsets };
}
