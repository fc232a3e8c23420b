import type { Kafka } from 'kafkajs';

export interface TopicSpec {
  name: string;
  partitions: number;
  /** Topic-level configs, e.g. `cleanup.policy: compact` or `retention.ms`. */
  config: Record<string, string>;
}

/** Describes the cluster; resolves when a client can reach a broker and read its metadata. */
export async function describeCluster(kafka: Kafka): Promise<{ clusterId: string; brokers: number; controller: number | null }> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const c = await admin.describeCluster();
    return { clusterId: c.clusterId, brokers: c.brokers.length, controller: c.controller };
  } finally {
    await admin.disconnect();
  }
}

/**
 * Creates the topics that do not exist yet (auto-creation is off on the broker), and returns the
 * names it created. Existing topics are left as they are.
 */
export async function ensureTopics(kafka: Kafka, specs: TopicSpec[]): Promise<string[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = specs.filter((s) => !existing.has(s.name));
    if (missing.length === 0) return [];
    await admin.createTopics({
      waitForLeaders: true,
      topics: missing.map((s) => ({
        topic: s.name,
        numPartitions: s.partitions,
        replicationFactor: -1,
        configEntries: Object.entries(s.config).map(([name, value]) => ({ name, value })),
      })),
    });
    return missing.map((s) => s.name);
  } finally {
    await admin.disconnect();
  }
}

/** Sum of (high watermark − committed offset) per topic for a consumer group. */
export async function consumerLag(kafka: Kafka, groupId: string, topics: string[]): Promise<Record<string, number>> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const result: Record<string, number> = {};
    const committed = await admin.fetchOffsets({ groupId, topics });
    for (const t of committed) {
      const ends = await admin.fetchTopicOffsets(t.topic);
      let lag = 0;
      for (const p of t.partitions) {
        const end = ends.find((e) => e.partition === p.partition);
        const high = Number(end?.high ?? 0);
        const low = Number(end?.low ?? 0);
        const at = Number(p.offset);
        lag += Math.max(0, high - (at >= 0 ? at : low));
      }
      result[t.topic] = lag;
    }
    return result;
  } finally {
    await admin.disconnect();
  }
}
