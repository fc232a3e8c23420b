import { TopologyIndex, validateTopology } from '#libs/config';
import { type EventEnvelope, type EventRegistry, PingEvent, Topics } from '#libs/contracts';
import type { BatchControl, IncomingMessage } from '#libs/messaging';
import type { NodeContext } from '#libs/node-kit';
import type { DataSource, EntityManager } from 'typeorm';
import type { DeadLetterRepository } from '../dead-letters/dead-letter.repository.js';
import type { EventHandlers } from './event-handlers.js';
import type { InboxRepository } from './inbox.repository.js';
import { InboxService } from './inbox.service.js';

const NODE = '640104100000';
const topics = new Topics('tb');
const topology = new TopologyIndex(
  validateTopology({
    name: 'unit',
    nodes: [
      { code: '640100000000', name: '市', tier: 'city', httpPort: 3000, database: 'c' },
      { code: '640104000000', name: '县', tier: 'county', parent: '640100000000', httpPort: 3001, database: 'x' },
      { code: NODE, name: '镇', tier: 'township', parent: '640104000000', httpPort: 3002, database: 'z' },
    ],
  }),
);
const connectionLost = () => Object.assign(new Error('Connection terminated unexpectedly'), {});
const notAccepting = () => Object.assign(new Error(`database "t_${NODE}" is not currently accepting connections`), { code: '55000' });

function envelope(n: number): EventEnvelope {
  return {
    id: `00000000-0000-7000-8000-00000000000${n}`,
    type: 'diagnostics.ping',
    schemaVersion: 1,
    source: '640104000000',
    target: NODE,
    key: `k-${n}`,
    occurredAt: new Date(0).toISOString(),
    actor: { kind: 'system', id: 'test' },
    correlationId: `c-${n}`,
    payload: { message: `m${n}` },
  } as EventEnvelope;
}

function message(n: number): IncomingMessage {
  return { topic: topics.link('640104000000', NODE), partition: 0, offset: String(n), key: `k-${n}`, value: Buffer.from(JSON.stringify(envelope(n))), timestamp: '0', headers: {} };
}

/** An inbox whose database fails with `failures` (one per transaction) before it works again. */
function setUp(failures: Array<() => Error>, batch?: 'works' | 'fails') {
  const applied: string[] = [];
  const parked: unknown[] = [];
  const queue = [...failures];
  const ds = {
    transaction: async <T>(work: (m: EntityManager) => Promise<T>): Promise<T> => {
      const fail = queue.shift();
      if (fail) throw fail();
      return work({} as EntityManager);
    },
  };
  const registry = { parse: (v: Buffer) => ({ ok: true, envelope: JSON.parse(v.toString('utf8')) as EventEnvelope, definition: PingEvent }) };
  const runs: string[][] = [];
  const handlers = {
    get: () => async (env: EventEnvelope) => void applied.push(env.id),
    many: () =>
      batch
        ? async (envs: EventEnvelope[]) => {
            if (batch === 'fails') throw new Error('a key is held');
            runs.push(envs.map((e) => e.id));
            applied.push(...envs.map((e) => e.id));
          }
        : undefined,
  };
  const inbox = {
    record: async () => true,
    recordMany: async (_m: unknown, events: Array<{ env: EventEnvelope }>) => new Set(events.map((e) => e.env.id)),
    advanceKeyVersion: async () => true,
    setOutcome: async () => undefined,
  };
  const deadLetters = { park: async (req: unknown) => void parked.push(req) };
  const logger = { warn: () => undefined, error: () => undefined, info: () => undefined };
  const ctx = { code: NODE, tier: 'township', logger, topics, topology };
  const service = new InboxService(
    ctx as unknown as NodeContext,
    ds as unknown as DataSource,
    registry as unknown as EventRegistry,
    handlers as unknown as EventHandlers,
    inbox as unknown as InboxRepository,
    deadLetters as unknown as DeadLetterRepository,
    { maxAttempts: 2, backoffBaseMs: 1, backoffMaxMs: 5 },
  );
  return { service, applied, parked, runs };
}

describe('InboxService under a database outage', () => {
  it('waits for the database instead of burning attempts, and applies the event once it is back', async () => {
    const { service, applied, parked } = setUp([connectionLost, notAccepting, notAccepting, connectionLost, notAccepting]);
    let beats = 0;
    const heartbeat = async () => void beats++;
    await service.handle(message(1), heartbeat);
    expect(parked).toEqual([]);
    expect(applied).toEqual([envelope(1).id]);
    expect(service.stats).toMatchObject({ applied: 1, retries: 0, parked: 0, infrastructureWaits: 5 });
    expect(beats).toBeGreaterThan(0);
  });

  it('still retries and then parks what is wrong with the message itself', async () => {
    const { service, applied, parked } = setUp([() => new Error('bad row'), () => new Error('bad row')]);
    await service.handle(message(2), async () => undefined);
    expect(applied).toEqual([]);
    expect(parked).toEqual([expect.objectContaining({ errorCode: 'HANDLER_FAILED', attempts: 2 })]);
    expect(service.stats).toMatchObject({ retries: 1, parked: 1, infrastructureWaits: 0 });
  });

  it('retries a chunk that met the outage as a whole, parking none of its events', async () => {
    const { service, applied, parked } = setUp([notAccepting, notAccepting, notAccepting]);
    const resolved: string[] = [];
    const control: BatchControl = { resolveOffset: (o) => void resolved.push(o), heartbeat: async () => undefined, isRunning: () => true, isStale: () => false };
    await service.handleBatch([message(1), message(2), message(3)], control);
    expect(parked).toEqual([]);
    expect(applied).toEqual([envelope(1).id, envelope(2).id, envelope(3).id]);
    expect(resolved.at(-1)).toBe('3');
    expect(service.stats).toMatchObject({ applied: 3, retries: 0, parked: 0 });
  });

  it('stops waiting when the node shuts down, leaving the event unacknowledged and not parked', async () => {
    const { service, applied, parked } = setUp(Array.from({ length: 1000 }, () => notAccepting));
    const waiting = service.handle(message(4), async () => undefined);
    await service.beforeApplicationShutdown();
    await expect(waiting).rejects.toThrow(/shutting down/);
    expect(applied).toEqual([]);
    expect(parked).toEqual([]);
  });

  it('applies a run of events whose handler takes runs in one call, and one by one when that call fails', async () => {
    const control: BatchControl = { resolveOffset: () => undefined, heartbeat: async () => undefined, isRunning: () => true, isStale: () => false };
    const ok = setUp([], 'works');
    await ok.service.handleBatch([message(1), message(2), message(3)], control);
    expect(ok.runs).toEqual([[envelope(1).id, envelope(2).id, envelope(3).id]]);
    expect(ok.service.stats).toMatchObject({ applied: 3, parked: 0 });
    const failing = setUp([], 'fails');
    await failing.service.handleBatch([message(1), message(2)], control);
    expect(failing.runs).toEqual([]);
    expect(failing.applied).toEqual([envelope(1).id, envelope(2).id]);
    expect(failing.service.stats).toMatchObject({ applied: 2, parked: 0 });
  });
});
