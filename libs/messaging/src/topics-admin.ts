import type { Admin, Kafka } from 'kafkajs';

export interface TopicSpec {
  name: string;
  partitions: number;
  /** Topic-level configs, e.g. `cleanup.policy: compact` or `retention.ms`. */
  config: Record<string, string>;
}

export interface ClusterDescription {
  clusterId: string;
  brokers: number;
  controller: number | null;
}

async function describeWith(admin: Admin): Promise<ClusterDescription> {
  const c = await admin.describeCluster();
  return { clusterId: c.clusterId, brokers: c.brokers.length, controller: c.controller };
}

async function lagWith(admin: Admin, groupId: string, topics: string[]): Promise<Record<string, number>> {
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
}

/** One-shot: an admin connection for one piece of work, closed afterwards. */
async function withAdmin<T>(kafka: Kafka, work: (admin: Admin) => Promise<T>): Promise<T> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.disconnect();
  }
}

/** Describes the cluster; resolves when a client can reach a broker and read its metadata. */
export function describeCluster(kafka: Kafka): Promise<ClusterDescription> {
  return withAdmin(kafka, describeWith);
}

/**
 * A node's long-lived admin connection, for what it asks often (its health, its lag): one
 * connection kept open, opened again after a failure, instead of one per question.
 */
export class ClusterAdmin {
  private admin?: Admin;
  private connecting?: Promise<Admin>;

  constructor(private readonly kafka: Kafka) {}

  private async connected(): Promise<Admin> {
    if (this.admin) return this.admin;
    this.connecting ??= (async () => {
      const admin = this.kafka.admin();
      try {
        await admin.connect();
        this.admin = admin;
        return admin;
      } finally {
        this.connecting = undefined;
      }
    })();
    return this.connecting;
  }

  private async use<T>(work: (admin: Admin) => Promise<T>): Promise<T> {
    const admin = await this.connected();
    try {
      return await work(admin);
    } catch (err) {
      this.admin = undefined;
      await admin.disconnect().catch(() => undefined);
      throw err;
    }
  }

  describe(): Promise<ClusterDescription> {
    return this.use(describeWith);
  }

  lag(groupId: string, topics: string[]): Promise<Record<string, number>> {
    return this.use((admin) => lagWith(admin, groupId, topics));
  }

  async disconnect(): Promise<void> {
    const admin = this.admin;
    this.admin = undefined;
    await admin?.disconnect().catch(() => undefined);
  }
}

/**
 * Topics created per request. A large city's layout has thousands (1,041 nodes: 3,122); in one
 * request the controller does not finish within the request's timeout and the creation fails.
 */
const CREATE_CHUNK = 200;

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
    for (let i = 0; i < missing.length; i += CREATE_CHUNK) {
      // kafkajs's own wait for leaders gives up on UNKNOWN_TOPIC_OR_PARTITION, which a KRaft broker
      // answers for a while after creating many topics at once: the wait below retries it.
      await admin.createTopics({
        waitForLeaders: false,
        timeout: 60000,
        topics: missing.slice(i, i + CREATE_CHUNK).map((s) => ({
          topic: s.name,
          numPartitions: s.partitions,
          replicationFactor: -1,
          configEntries: Object.entries(s.config).map(([name, value]) => ({ name, value })),
        })),
      });
      // Paced: the next chunk once these have leaders, so the controller's queue never holds thousands.
      await waitForLeaders(admin, missing.slice(i, i + CREATE_CHUNK).map((s) => s.name));
    }
    return missing.map((s) => s.name);
  } finally {
    await admin.disconnect();
  }
}

/** Until every partition of these topics has a leader; fails only after a minute without progress. */
async function waitForLeaders(admin: Admin, topics: string[]): Promise<void> {
  let deadline = Date.now() + 60000;
  let waiting = topics;
  while (waiting.length > 0) {
    const still: string[] = [];
    for (let i = 0; i < waiting.length; i += 500) {
      const chunk = waiting.slice(i, i + 500);
      try {
        const { topics: meta } = await admin.fetchTopicMetadata({ topics: chunk });
        for (const t of meta) if (t.partitions.length === 0 || t.partitions.some((p) => p.leader < 0)) still.push(t.name);
      } catch {
        // Not known to the broker yet, or no leader yet: look again.
        still.push(...chunk);
      }
    }
    // A busy broker elects thousands of leaders slowly, but steadily: only a stall is a failure.
    if (still.length < waiting.length) deadline = Date.now() + 60000;
    waiting = still;
    if (waiting.length === 0) return;
    if (Date.now() > deadline) throw new Error(`${waiting.length} new topics have had no leader for a minute (e.g. ${waiting[0]})`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Sum of (high watermark − committed offset) per topic for a consumer group. */
export function consumerLag(kafka: Kafka, groupId: string, topics: string[]): Promise<Record<string, number>> {
  return withAdmin(kafka, (admin) => lagWith(admin, groupId, topics));
}
