/**
 * A child process hosting many simulated nodes for the catalog scenario. Each simulated node is
 * what a county or township is on the broker: its own principal and secret, its own consumer group
 * (a node's `GroupConsumer`, with a node's settings) reading the city's catalog topic and its
 * county's catalog topic (and the links addressed to it: every topic a node of its tier reads) from
 * the beginning, and its own idempotent producer writing on its own
 * up-link. It applies the catalog as `libs/catalog-replica` does — item revisions and manifests per
 * origin, a version counted as applied once every revision its manifest lists is held — in memory
 * instead of in a database, and reports `status.catalog-applied` to the city, as the node's outbox
 * relay would send it (same envelope, key, headers and topic), whenever a version is applied whole.
 *
 * Driven by the scenario over IPC: `start` (the nodes and the broker), then `stop`.
 */
import { v7 as uuidv7 } from 'uuid';
import { loadTopology, TopologyIndex } from '#libs/config';
import { CatalogAppliedEvent, CatalogItemPublishedEvent, CatalogVersionPublishedEvent, CountyItemPublishedEvent, CountyVersionPublishedEvent, nodeGroup, Topics, topicsReadBy } from '#libs/contracts';
import { createKafka, GroupConsumer, IdempotentProducer, type IncomingMessage, type KafkaCredentials } from '#libs/messaging';

export interface SimNodeSpec {
  code: string;
  parent: string;
  /** The county whose catalog it follows: itself (a county) or its parent county (a township). */
  county: string;
  tier: 'county' | 'township';
  sasl: KafkaCredentials;
}

export type SimCommand = { type: 'start'; brokers: string[]; prefix: string; topologyFile: string; nodes: SimNodeSpec[]; parallel: number } | { type: 'stop' };
export type SimReport = { type: 'started'; n: number } | { type: 'ready'; n: number; ms: number } | { type: 'failed'; error: string } | { type: 'stopped'; reports: number; messages: number };

const CITY_ORIGIN = 'city';
const LIVE = new Set(['active', 'delegated']);

interface Revision {
  code: string;
  revision: number;
  catalogVersion: number;
  status: string;
  effectiveFrom: number;
}

interface Manifest {
  version: number;
  items: Array<{ code: string; revision: number }>;
}

let reports = 0;
let messages = 0;

/** One node's catalog replica, in memory, with the rules of CatalogReplicaRepository. */
class Replica {
  private readonly revisions = new Map<string, Map<string, Revision>>();
  private readonly manifests = new Map<string, Manifest>();
  private readonly applied = new Map<string, number>();

  saveRevision(origin: string, p: { catalogVersion: number; revision: number; status: string; effectiveFrom: string; item: { implementationCode: string } }): boolean {
    const held = this.revisions.get(origin) ?? new Map<string, Revision>();
    this.revisions.set(origin, held);
    const key = `${p.item.implementationCode}@${p.revision}`;
    if (held.has(key)) return false;
    held.set(key, { code: p.item.implementationCode, revision: p.revision, catalogVersion: p.catalogVersion, status: p.status, effectiveFrom: Date.parse(p.effectiveFrom) });
    return true;
  }

  saveManifest(origin: string, p: Manifest): boolean {
    const held = this.manifests.get(origin);
    if (held && held.version >= p.version) return false;
    this.manifests.set(origin, { version: p.version, items: p.items });
    return true;
  }

  /** The manifest's version once every revision it lists is here and it is newer than the one applied. */
  advanceApplied(origin: string): number | undefined {
    const mf = this.manifests.get(origin);
    if (!mf || (this.applied.get(origin) ?? 0) >= mf.version) return undefined;
    const held = this.revisions.get(origin);
    if (!mf.items.every((e) => held?.has(`${e.code}@${e.revision}`))) return undefined;
    this.applied.set(origin, mf.version);
    return mf.version;
  }

  appliedVersion(origin: string): number | undefined {
    return this.applied.get(origin);
  }

  /** Items in force now (newest revision of an applied version whose date has come) that are live. */
  countLive(): number {
    const now = Date.now();
    let n = 0;
    for (const [origin, held] of this.revisions) {
      const applied = this.applied.get(origin);
      if (applied === undefined) continue;
      const newest = new Map<string, Revision>();
      for (const r of held.values()) {
        if (r.catalogVersion > applied || r.effectiveFrom > now) continue;
        const cur = newest.get(r.code);
        if (!cur || cur.revision < r.revision) newest.set(r.code, r);
      }
      for (const r of newest.values()) if (LIVE.has(r.status)) n++;
    }
    return n;
  }
}

class SimNode {
  private readonly replica = new Replica();
  private readonly consumer: GroupConsumer;
  private readonly producer: IdempotentProducer;
  private readonly topics: Topics;

  private readonly city: string;

  constructor(
    private readonly spec: SimNodeSpec,
    brokers: string[],
    prefix: string,
    topology: TopologyIndex,
  ) {
    this.topics = new Topics(prefix);
    this.city = topology.city.code;
    const kafka = createKafka({ brokers, clientId: `tongban-${spec.code}`, sasl: spec.sasl });
    this.producer = new IdempotentProducer(kafka);
    // The consumer a node's inbox runs: its group, its topics, its settings.
    this.consumer = new GroupConsumer(kafka, { groupId: nodeGroup(prefix, spec.code), topics: topicsReadBy(this.topics, topology, spec.code), fromBeginning: true, concurrency: 3 });
  }

  async start(): Promise<void> {
    await this.producer.connect();
    await this.consumer.start(async (batch, control) => {
      const changed = new Set<string>();
      for (const m of batch) {
        if (!control.isRunning() || control.isStale()) return;
        const origin = this.apply(m);
        if (origin) changed.add(origin);
        messages++;
      }
      // The node commits its report with the last event of a version (outbox), then the offsets move on.
      for (const origin of changed) if (this.replica.advanceApplied(origin) !== undefined) await this.report();
      if (batch.length > 0) control.resolveOffset(batch[batch.length - 1]!.offset);
    });
  }

  /** Applies one message; returns the origin it changed, if any. */
  private apply(m: IncomingMessage): string | undefined {
    if (!m.value) return undefined;
    const env = JSON.parse(m.value.toString('utf8')) as { type: string; source: string; payload: never };
    switch (env.type) {
      case CatalogItemPublishedEvent.type:
        return this.replica.saveRevision(CITY_ORIGIN, env.payload) ? CITY_ORIGIN : undefined;
      case CatalogVersionPublishedEvent.type:
        return this.replica.saveManifest(CITY_ORIGIN, env.payload) ? CITY_ORIGIN : undefined;
      case CountyItemPublishedEvent.type:
        return this.replica.saveRevision(env.source, env.payload) ? env.source : undefined;
      case CountyVersionPublishedEvent.type:
        return this.replica.saveManifest(env.source, env.payload) ? env.source : undefined;
      default:
        // An implementation list entry refines an item's settings; it never changes a version.
        return undefined;
    }
  }

  /** What CatalogReplicaService.afterChange enqueues, sent as the outbox relay sends it. */
  private async report(): Promise<void> {
    const id = uuidv7();
    const now = new Date().toISOString();
    const envelope = {
      id,
      type: CatalogAppliedEvent.type,
      schemaVersion: CatalogAppliedEvent.schemaVersion,
      source: this.spec.code,
      target: this.city,
      key: this.spec.code,
      occurredAt: now,
      actor: { kind: 'system', id: 'catalog-replica' },
      correlationId: id,
      payload: {
        cityVersion: this.replica.appliedVersion(CITY_ORIGIN) ?? 0,
        countyVersion: this.replica.appliedVersion(this.spec.county) ?? 0,
        county: this.spec.county,
        liveItems: this.replica.countLive(),
        appliedAt: now,
      },
    };
    // A county's link to the city, a township's to its county (the city observes it there).
    await this.producer.send([{ topic: this.topics.link(this.spec.code, this.spec.parent), key: this.spec.code, value: JSON.stringify(envelope), headers: { 'event-id': id, 'event-type': envelope.type, source: this.spec.code } }]);
    reports++;
  }

  async stop(): Promise<void> {
    await this.consumer.stop().catch(() => undefined);
    await this.producer.disconnect().catch(() => undefined);
  }
}

const nodes: SimNode[] = [];
const send = (r: SimReport): void => void process.send?.(r);

async function start(cmd: Extract<SimCommand, { type: 'start' }>): Promise<void> {
  const t0 = Date.now();
  const topology = new TopologyIndex(loadTopology(cmd.topologyFile));
  const queue = [...cmd.nodes];
  let started = 0;
  // A few at a time: a thousand SCRAM handshakes and group joins at once only queue at the broker.
  await Promise.all(
    Array.from({ length: cmd.parallel }, async () => {
      for (let spec = queue.shift(); spec; spec = queue.shift()) {
        const node = new SimNode(spec, cmd.brokers, cmd.prefix, topology);
        nodes.push(node);
        await node.start();
        if (++started % 25 === 0) send({ type: 'started', n: started });
      }
    }),
  );
  send({ type: 'ready', n: started, ms: Date.now() - t0 });
}

process.on('message', (cmd: SimCommand) => {
  if (cmd.type === 'start') {
    start(cmd).catch((err: Error) => send({ type: 'failed', error: err.stack ?? err.message }));
  } else {
    void Promise.allSettled(nodes.map((n) => n.stop())).then(() => {
      send({ type: 'stopped', reports, messages });
      process.exit(0);
    });
  }
});
// The scenario's process gone (killed, crashed): do not outlive it.
process.on('disconnect', () => process.exit(0));
