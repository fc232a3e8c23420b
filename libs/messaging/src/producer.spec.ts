import { type Kafka, Partitioners } from 'kafkajs';
import { IdempotentProducer } from './producer.js';

type Sent = { topic: string; messages: Array<{ key: string; partition: number }> };

/**
 * A stand-in for kafkajs that answers a send the way kafkajs does after a broker died mid-send:
 * resolved, but without the answer (and without the write) of the partitions it skipped.
 */
function kafkaSkipping(partitions: Record<string, number>, skipOnce: Array<[string, number]>) {
  const sends: Sent[][] = [];
  let skip = [...skipOnce];
  const producer = {
    events: { DISCONNECT: 'producer.disconnect' },
    on: () => undefined,
    connect: async () => undefined,
    disconnect: async () => undefined,
    sendBatch: async ({ topicMessages }: { topicMessages: Sent[] }) => {
      sends.push(topicMessages.map((t) => ({ topic: t.topic, messages: t.messages.map((m) => ({ key: m.key, partition: m.partition })) })));
      const answered = new Set<string>();
      for (const t of topicMessages) for (const m of t.messages) answered.add(`${t.topic}|${m.partition}`);
      for (const [topic, p] of skip) answered.delete(`${topic}|${p}`);
      skip = [];
      return [...answered].map((k) => ({ topicName: k.split('|')[0]!, partition: Number(k.split('|')[1]), errorCode: 0 }));
    },
  };
  const admin = {
    connect: async () => undefined,
    disconnect: async () => undefined,
    fetchTopicMetadata: async ({ topics }: { topics: string[] }) => ({
      topics: topics.map((name) => ({ name, partitions: Array.from({ length: partitions[name] ?? 0 }, (_, i) => ({ partitionId: i })) })),
    }),
  };
  const kafka = { producer: () => producer, admin: () => admin } as unknown as Kafka;
  return { kafka, sends };
}

describe('IdempotentProducer', () => {
  it('sends again the messages of a partition the answer left out, and only those', async () => {
    const { kafka, sends } = kafkaSkipping({ 'p.link.a.b': 1, 'p.link.a.c': 1, 'p.catalog': 3 }, [['p.link.a.c', 0]]);
    const producer = new IdempotentProducer(kafka);
    await producer.send([
      { topic: 'p.link.a.b', key: 'k1', value: '1' },
      { topic: 'p.link.a.c', key: 'k2', value: '2' },
      { topic: 'p.link.a.c', key: 'k3', value: '3' },
      { topic: 'p.catalog', key: 'item-1', value: '4' },
    ]);
    expect(sends).toHaveLength(2);
    expect(sends[1]).toEqual([{ topic: 'p.link.a.c', messages: [{ key: 'k2', partition: 0 }, { key: 'k3', partition: 0 }] }]);
  });

  it('puts a keyed message on the partition kafkajs itself would choose (murmur2 of the key)', async () => {
    const { kafka, sends } = kafkaSkipping({ 'p.catalog': 3 }, []);
    await new IdempotentProducer(kafka).send(['a', 'b', 'c', 'd', 'e'].map((key) => ({ topic: 'p.catalog', key, value: key })));
    // Where kafkajs's default partitioner puts them when no partition is given: a key keeps its partition.
    const kafkajs = Partitioners.DefaultPartitioner();
    const partitionMetadata = [0, 1, 2].map((partitionId) => ({ partitionId, leader: partitionId, replicas: [], isr: [], partitionErrorCode: 0 }));
    const expected = Object.fromEntries(['a', 'b', 'c', 'd', 'e'].map((key) => [key, kafkajs({ topic: 'p.catalog', partitionMetadata, message: { key, value: key } })]));
    expect(Object.fromEntries(sends[0]![0]!.messages.map((m) => [m.key, m.partition]))).toEqual(expected);
    expect(new Set(Object.values(expected)).size).toBeGreaterThan(1);
  });

  it('gives up after a few sends that never answer for a partition, so that the outbox keeps the batch', async () => {
    const { kafka } = kafkaSkipping({ 'p.link.a.b': 1 }, []);
    const producer = new IdempotentProducer(kafka);
    const stuck = (kafka.producer() as unknown as { sendBatch: (a: unknown) => Promise<unknown[]> });
    stuck.sendBatch = async () => [];
    await expect(producer.send([{ topic: 'p.link.a.b', key: 'k', value: 'v' }])).rejects.toThrow(/acknowledged nothing for p\.link\.a\.b\[0\]/);
  });
});
