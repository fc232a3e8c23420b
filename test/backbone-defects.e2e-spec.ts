import { join } from 'node:path';
import pg from 'pg';
import request from 'supertest';
import { v7 as uuidv7 } from 'uuid';
import { readPid } from '#libs/infra';
import { asAdmin, health, sendPings } from './support/pings.js';
import { DEMO_ENV } from './support/staff.js';
import { eventually, TestNetwork } from './support/test-network.js';

const CITY = '640100000000';
const COUNTY = '640104000000';
const TOWNSHIP = '640104100000';
/** The relay's advisory lock (libs/backbone/src/outbox/outbox-relay.ts). */
const RELAY_LOCK = 7_101_002;

/** One sample of a Prometheus metric (summed over its label sets) from a node's /metrics. */
async function metric(url: string, name: string): Promise<number> {
  const text = (await request(url).get('/metrics').expect(200)).text;
  const lines = text.split('\n').filter((l) => l.startsWith(`${name}{`) || l.startsWith(`${name} `));
  if (lines.length === 0) throw new Error(`no metric ${name} on ${url}`);
  return lines.reduce((sum, l) => sum + Number(l.slice(l.lastIndexOf(' ') + 1)), 0);
}

describe('backbone defects of the outside review: relay spin, unsendable outbox rows, database outages, frozen broker', () => {
  const net = new TestNetwork(
    [
      { code: CITY, tier: 'city' },
      { code: COUNTY, tier: 'county', parent: CITY },
      { code: TOWNSHIP, tier: 'township', parent: COUNTY },
    ],
    { TONGBAN_INBOX_MAX_ATTEMPTS: '2', TONGBAN_INBOX_BACKOFF_MS: '50', ...DEMO_ENV },
  );
  const countKey = async (code: string, like: string) =>
    Number((await net.query<{ n: string }>(code, 'select count(*)::text as n from diagnostic_ping where key like $1', [like]))[0]!.n);
  const client = async (database: string) => {
    const c = new pg.Client({ connectionString: net.infra.databaseUrl.replace('{database}', database) });
    await c.connect();
    return c;
  };

  beforeAll(async () => {
    await net.init();
    await net.start([COUNTY, TOWNSHIP]);
  });

  afterAll(async () => {
    await net.stop();
  });

  it('keeps a relay that lost its lease to another holder on the standby interval, however many NOTIFYs arrive', async () => {
    const county = net.url(COUNTY);
    const db = net.database(COUNTY);
    const holder = await client(db);
    const notifier = await client(db);
    let flooding = true;
    // NOTIFYs keep coming, so one is pending when the relay loses its lease.
    const flood = (async () => {
      while (flooding) await notifier.query(`select pg_notify('tongban_outbox', '')`);
    })();
    try {
      await eventually(async () => (await health(county)).checks.outbox!.relaying, (r) => r === true);
      // A backlog keeps the relay in long passes, during which NOTIFYs set it pending; the lease goes mid-pass.
      await sendPings(county, { target: TOWNSHIP, message: 'a backlog for the relay', count: 3000, keys: 10, keyPrefix: 'spin' });
      // Ends the relay's session and takes its lock, again if the relay was quicker to take it back.
      const takeOver = async () => {
        await holder.query(`select pg_terminate_backend(pid, 5000) from pg_stat_activity where datname = $1 and application_name like 'tongban-relay-%'`, [db]);
        return (await holder.query<{ ok: boolean }>('select pg_try_advisory_lock($1) as ok', [RELAY_LOCK])).rows[0]!.ok;
      };
      await eventually(takeOver, (ok) => ok, 10000, 0);
      await eventually(async () => (await health(county)).checks.outbox!.relaying, (r) => r === false);

      const before = await metric(county, 'tongban_outbox_lease_attempts_total');
      const started = Date.now();
      // The measurement window: a standby retries every 2 s, so a few attempts at most.
      await eventually(async () => Date.now() - started, (ms) => ms >= 4000, 10000, 200);
      const after = await metric(county, 'tongban_outbox_lease_attempts_total');
      expect(after - before).toBeLessThanOrEqual(4);
    } finally {
      flooding = false;
      await flood;
      await notifier.end();
      await holder.end();
    }
    // With the lock free again, the relay takes over and events flow.
    await sendPings(county, { target: TOWNSHIP, message: 'after the lease came back', count: 5, keys: 5, keyPrefix: 'lease' });
    await eventually(() => countKey(TOWNSHIP, 'lease-%'), (n) => n === 5, 30000);
  });

  it('parks an outbox row the broker will never take, with its reason, and lets every later event flow', async () => {
    const county = net.url(COUNTY);
    const huge = uuidv7();
    const envelope = {
      id: huge,
      type: 'diagnostics.ping',
      schemaVersion: 1,
      source: COUNTY,
      target: TOWNSHIP,
      key: 'huge-0',
      occurredAt: new Date().toISOString(),
      actor: { kind: 'system', id: 'test' },
      correlationId: huge,
      // Larger than the broker's default maximum message size (about 1 MB).
      payload: { message: 'x'.repeat(1_200_000) },
    };
    await net.query(COUNTY, `insert into outbox (event_id, topic, key, type, envelope) values ($1, $2, $3, $4, $5::jsonb)`, [
      huge,
      `${net.topicPrefix}.link.${COUNTY}.${TOWNSHIP}`,
      'huge-0',
      'diagnostics.ping',
      JSON.stringify(envelope),
    ]);
    await sendPings(county, { target: TOWNSHIP, message: 'behind the huge one', count: 20, keys: 4, keyPrefix: 'behind' });
    await eventually(() => countKey(TOWNSHIP, 'behind-%'), (n) => n === 20, 30000);

    const parked = await eventually(
      async () => (await request(county).get('/dead-letters?status=parked').set(await asAdmin(county)).expect(200)).body as { items: Array<Record<string, unknown>>; total: number },
      (l) => l.items.some((i) => i.eventId === huge),
    );
    const row = parked.items.find((i) => i.eventId === huge)!;
    expect(row).toMatchObject({ direction: 'outgoing', errorCode: 'OUTBOX_MESSAGE_TOO_LARGE', status: 'parked', key: 'huge-0' });
    const h = await health(county);
    expect(h.checks.outbox).toMatchObject({ backlog: 0, parked: 1 });
    expect(h.checks.deadLetters).toMatchObject({ parked: 1 });
    expect(await metric(county, 'tongban_outbox_parked')).toBe(1);
    expect(await countKey(TOWNSHIP, 'huge-%')).toBe(0);
  });

  it('waits out a database outage without counting attempts or parking, then applies every event once', async () => {
    const town = net.url(TOWNSHIP);
    const db = net.database(TOWNSHIP);
    // From /metrics, which needs no sign-in: /health/details checks the administrator's session in the database that is down.
    const outcome = async (name: string) => {
      const text = (await request(town).get('/metrics').expect(200)).text;
      const line = text.split('\n').find((l) => l.startsWith('tongban_inbox_events{') && l.includes(`outcome="${name}"`));
      return Number(line?.slice(line.lastIndexOf(' ') + 1) ?? 0);
    };
    const consumer = async () => ({ retries: await outcome('retries'), parked: await outcome('parked'), infrastructureWaits: await outcome('infrastructureWaits') });
    const before = await consumer();
    const parkedBefore = Number((await net.query<{ n: string }>(TOWNSHIP, `select count(*)::text as n from dead_letter`))[0]!.n);
    const su = await client('postgres');
    try {
      await su.query(`alter database ${su.escapeIdentifier(db)} allow_connections false`);
      await su.query(`select pg_terminate_backend(pid, 5000) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()`, [db]);
      await sendPings(net.url(COUNTY), { target: TOWNSHIP, message: 'during the outage', count: 30, keys: 3, keyPrefix: 'outage' });
      // Barrier: the township has met the outage more often than its two attempts would allow.
      const during = await eventually(consumer, (c) => (c.infrastructureWaits ?? 0) >= (before.infrastructureWaits ?? 0) + 3 || c.retries > before.retries, 30000);
      expect(during.retries).toBe(before.retries);
      expect(during.parked).toBe(before.parked);
    } finally {
      await su.query(`alter database ${su.escapeIdentifier(db)} allow_connections true`);
      await su.end();
    }
    await eventually(() => countKey(TOWNSHIP, 'outage-%'), (n) => n === 30, 60000);
    const [stats] = await net.query<{ rows: string; distinct: string }>(TOWNSHIP, `select count(*)::text as rows, count(distinct event_id)::text as distinct from diagnostic_ping where key like 'outage-%'`);
    expect(stats).toEqual({ rows: '30', distinct: '30' });
    const [dl] = await net.query<{ n: string }>(TOWNSHIP, `select count(*)::text as n from dead_letter`);
    expect(Number(dl!.n)).toBe(parkedBefore);
  });

  it('answers /metrics and /health within 2 s from the last known values while the broker is frozen', async () => {
    if (!net.infra.kafkaDataDir) throw new Error('this test freezes the embedded broker; it cannot run against external brokers');
    const town = net.url(TOWNSHIP);
    await request(town).get('/metrics').expect(200);
    await eventually(async () => (await health(town)).checks.kafka!.status, (s) => s === 'up');
    const pid = readPid(join(net.infra.kafkaDataDir, 'kafka.pid'));
    if (pid === undefined) throw new Error('the test broker is not running');
    const admin = await asAdmin(town);
    process.kill(pid, 'SIGSTOP');
    try {
      // Past the two-second caches, so both endpoints have to look again.
      const frozenAt = Date.now();
      await eventually(async () => Date.now() - frozenAt, (ms) => ms >= 2500, 10000, 100);
      const timed = async (path: string, headers: Record<string, string> = {}) => {
        const t = Date.now();
        const res = await request(town).get(path).set(headers).timeout(30000);
        return { ms: Date.now() - t, res };
      };
      const [metrics, h, details] = await Promise.all([timed('/metrics'), timed('/health'), timed('/health/details', admin)]);
      expect(metrics.ms).toBeLessThan(2000);
      expect(metrics.res.status).toBe(200);
      expect(metrics.res.text).toContain('tongban_consumer_lag_age_seconds');
      expect(h.ms).toBeLessThan(2000);
      expect(details.ms).toBeLessThan(2000);
      expect((details.res.body as { checks: Record<string, Record<string, unknown>> }).checks.kafka).toHaveProperty('ageSeconds');
    } finally {
      process.kill(pid, 'SIGCONT');
    }
    await eventually(async () => (await health(town)).checks.kafka!.status, (s) => s === 'up', 60000);
  });
});
