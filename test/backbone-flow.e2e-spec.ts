import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import request from 'supertest';
import { projectRoot } from '#libs/infra';
import { DEMO_PASSWORD } from '#libs/identity';
import { v7 as uuidv7 } from 'uuid';
import { IdempotentProducer } from '#libs/messaging';
import { asAdmin, health, pingSummary, sendPings } from './support/pings.js';
import { DEMO_ENV } from './support/staff.js';
import { eventually, TestNetwork } from './support/test-network.js';

const CITY = '640100000000';
const COUNTY = '640104000000';
const TOWNSHIP = '640104100000';
const NEW_TOWNSHIP = '640104200000';
const MAX_ATTEMPTS = 3;

describe('backbone flow: poison messages, stale and foreign events, offline and new nodes', () => {
  const net = new TestNetwork(
    [
      { code: CITY, tier: 'city' },
      { code: COUNTY, tier: 'county', parent: CITY },
      { code: TOWNSHIP, tier: 'township', parent: COUNTY },
      { code: NEW_TOWNSHIP, tier: 'township', parent: COUNTY },
    ],
    { TONGBAN_INBOX_MAX_ATTEMPTS: String(MAX_ATTEMPTS), TONGBAN_INBOX_BACKOFF_MS: '50', ...DEMO_ENV },
  );
  const linkTopic = () => `${net.topicPrefix}.link.${COUNTY}.${TOWNSHIP}`;
  const countKey = async (code: string, like: string) =>
    Number((await net.query<{ n: string }>(code, 'select count(*)::text as n from diagnostic_ping where key like $1', [like]))[0]!.n);
  let producer: IdempotentProducer;

  /** Writes a message straight onto the county's link to the township, as a misbehaving or newer county might. */
  const produceRaw = async (key: string, value: unknown) =>
    producer.send([{ topic: linkTopic(), key, value: typeof value === 'string' ? value : JSON.stringify(value) }]);
  const envelope = (over: Record<string, unknown>) => ({
    id: uuidv7(),
    type: 'diagnostics.ping',
    schemaVersion: 1,
    source: COUNTY,
    target: TOWNSHIP,
    key: 'raw-0',
    occurredAt: new Date().toISOString(),
    actor: { kind: 'system', id: 'test' },
    correlationId: uuidv7(),
    payload: { message: 'raw' },
    ...over,
  });

  beforeAll(async () => {
    await net.init();
    await net.start([COUNTY, TOWNSHIP]);
    // With the county's own credentials: only the county may write its link to the township.
    producer = new IdempotentProducer(net.kafkaClient({ node: COUNTY }, 'backbone-flow-test'));
    await producer.connect();
  });

  afterAll(async () => {
    await producer.disconnect();
    await net.stop();
  });

  it('parks a message that keeps failing after its retries, keeps its partition flowing, and applies it once on replay after the fix', async () => {
    const town = net.url(TOWNSHIP);
    await request(town).post('/diagnostics/holds').set(await asAdmin(town)).send({ key: 'poison-0' }).expect(200);
    const poison = await sendPings(net.url(COUNTY), { target: TOWNSHIP, message: 'poison', keyPrefix: 'poison' });
    await sendPings(net.url(COUNTY), { target: TOWNSHIP, message: 'after the poison', count: 60, keys: 60, keyPrefix: 'flow' });
    await eventually(() => countKey(TOWNSHIP, 'flow-%'), (n) => n === 60);

    const list = await eventually(
      async () => (await request(town).get('/dead-letters?status=parked').set(await asAdmin(town)).expect(200)).body as { items: Array<Record<string, unknown>>; total: number },
      (l) => l.total === 1,
    );
    const parked = list.items[0]!;
    expect(parked).toMatchObject({ eventId: poison.firstEventId, errorCode: 'DIAGNOSTIC_KEY_HELD', attempts: MAX_ATTEMPTS, status: 'parked' });
    // Messages behind the poison on the same partition were applied: the partition moved on.
    const [behind] = await net.query<{ n: string }>(TOWNSHIP, 'select count(*)::text as n from inbox where topic = $1 and partition = $2 and "offset" > $3', [
      parked.topic,
      parked.partition,
      parked.offset,
    ]);
    expect(Number(behind!.n)).toBeGreaterThan(0);
    expect((await health(town)).checks.deadLetters).toMatchObject({ parked: 1 });
    expect(await countKey(TOWNSHIP, 'poison-%')).toBe(0);

    // Replay before the fix: it fails again and stays parked.
    const early = await request(town).post(`/dead-letters/${parked.id}/replay`).set(await asAdmin(town)).expect(200);
    expect(early.body).toMatchObject({ result: 'parked', errorCode: 'DIAGNOSTIC_KEY_HELD' });

    await request(town).delete('/diagnostics/holds/poison-0').set(await asAdmin(town)).expect(200);
    const replay = await request(town).post(`/dead-letters/${parked.id}/replay`).set(await asAdmin(town)).expect(200);
    expect(replay.body).toMatchObject({ result: 'replayed', outcome: 'applied' });
    const again = await request(town).post(`/dead-letters/${parked.id}/replay`).set(await asAdmin(town)).expect(409);
    expect(again.body.code).toBe('DEAD_LETTER_NOT_PARKED');
    expect(await countKey(TOWNSHIP, 'poison-%')).toBe(1);
    // The copy on the dead-letter topic went out through the outbox.
    const [dlq] = await net.query<{ n: string }>(TOWNSHIP, "select count(*)::text as n from outbox where topic = $1", [`${net.topicPrefix}.deadletter`]);
    expect(Number(dlq!.n)).toBeGreaterThanOrEqual(1);
  });

  it('parks malformed, unknown-type, too-new and invalid-payload messages with their reason and applies none of them', async () => {
    const town = net.url(TOWNSHIP);
    const before = ((await request(town).get('/dead-letters?status=parked').set(await asAdmin(town)).expect(200)).body as { total: number }).total;
    await produceRaw('raw-0', 'this is not JSON');
    await produceRaw('raw-0', envelope({ type: 'diagnostics.unheard-of' }));
    await produceRaw('raw-0', envelope({ schemaVersion: 99 }));
    await produceRaw('raw-0', envelope({ payload: { message: 42 } }));
    await produceRaw('raw-0', envelope({ id: 'not-a-uuid' }));
    const good = envelope({ key: 'raw-ok' });
    await produceRaw('raw-ok', good);
    await eventually(() => countKey(TOWNSHIP, 'raw-ok'), (n) => n === 1);
    const body = await eventually(
      async () => (await request(town).get('/dead-letters?status=parked&limit=100').set(await asAdmin(town)).expect(200)).body as { items: Array<{ errorCode: string; errorMessage: string }>; total: number },
      (l) => l.total === before + 5,
    );
    const codes = body.items.map((i) => i.errorCode);
    expect(codes).toEqual(expect.arrayContaining(['MALFORMED', 'UNKNOWN_TYPE', 'SCHEMA_TOO_NEW', 'INVALID_PAYLOAD']));
    expect(codes.filter((c) => c === 'MALFORMED')).toHaveLength(2);
    expect(body.items.find((i) => i.errorCode === 'INVALID_PAYLOAD')!.errorMessage).toContain('message');
    expect(await countKey(TOWNSHIP, 'raw-0')).toBe(0);
  });

  it('lists, shows and discards parked messages through the operator command line', async () => {
    const cli = (...args: string[]) =>
      spawnSync(process.execPath, [join(projectRoot(), 'dist/apps/cli/src/main.js'), 'dead-letters', ...args, '--node', TOWNSHIP], {
        env: { PATH: process.env.PATH ?? '', TONGBAN_TOPOLOGY: net.topologyFile, TONGBAN_PASSWORD: DEMO_PASSWORD },
        encoding: 'utf8',
        input: '',
      });
    const list = cli('list');
    expect(list.status).toBe(0);
    const parked = JSON.parse(list.stdout) as { items: Array<{ id: string; errorCode: string }>; total: number };
    const malformed = parked.items.find((i) => i.errorCode === 'MALFORMED')!;
    expect(malformed).toBeDefined();
    const shown = cli('show', malformed.id);
    expect(JSON.parse(shown.stdout)).toMatchObject({ id: malformed.id, value: 'this is not JSON', status: 'parked' });
    expect(cli('discard', malformed.id).status).toBe(0);
    const after = JSON.parse(cli('list').stdout) as { total: number };
    expect(after.total).toBe(parked.total - 1);
    // Discarding twice is refused, with a non-zero exit.
    expect(cli('discard', malformed.id).status).not.toBe(0);
  });

  it('recognises a stale event (older version of a key than already applied) and does not apply it', async () => {
    const newer = envelope({ key: 'versioned', keyVersion: 2, payload: { message: 'v2' } });
    const older = envelope({ key: 'versioned', keyVersion: 1, payload: { message: 'v1' } });
    await produceRaw('versioned', newer);
    await produceRaw('versioned', older);
    const outcomes = await eventually(
      () => net.query<{ event_id: string; outcome: string }>(TOWNSHIP, 'select event_id, outcome from inbox where key = $1', ['versioned']),
      (rows) => rows.length === 2,
    );
    expect(Object.fromEntries(outcomes.map((r) => [r.event_id, r.outcome]))).toEqual({ [newer.id]: 'applied', [older.id]: 'stale' });
    const msgs = await net.query<{ message: string }>(TOWNSHIP, 'select message from diagnostic_ping where key = $1', ['versioned']);
    expect(msgs).toEqual([{ message: 'v2' }]);
  });

  it('catches up in order after being offline while hundreds of events accumulated for it', async () => {
    await net.node(TOWNSHIP).stop();
    await sendPings(net.url(COUNTY), { target: TOWNSHIP, message: 'while you were away', count: 600, keys: 6, keyPrefix: 'away' });
    // The events wait on the broker: published by the county, not yet consumed.
    await eventually(async () => Number((await health(net.url(COUNTY))).checks.outbox!.backlog), (n) => n === 0);
    expect(await countKey(TOWNSHIP, 'away-%')).toBe(0);

    await net.start([TOWNSHIP]);
    await eventually(() => countKey(TOWNSHIP, 'away-%'), (n) => n === 600, 60000);
    const [order] = await net.query<{ broken: string }>(
      TOWNSHIP,
      `select count(*) filter (where prev is not null and key_seq <> prev + 1)::text as broken from (
         select key_seq, lag(key_seq) over (partition by key order by seq) as prev from diagnostic_ping where key like 'away-%') s`,
    );
    expect(order!.broken).toBe('0');
  });

  it('lets a brand-new node find its start position and receive what was sent to it before it ever ran', async () => {
    await sendPings(net.url(COUNTY), { target: NEW_TOWNSHIP, message: '欢迎', count: 50, keys: 5, keyPrefix: 'welcome' });
    await eventually(async () => Number((await health(net.url(COUNTY))).checks.outbox!.backlog), (n) => n === 0);
    await net.start([NEW_TOWNSHIP]);
    await eventually(() => countKey(NEW_TOWNSHIP, 'welcome-%'), (n) => n === 50, 60000);
    // It applies only what is addressed to it: nothing of its sibling's traffic.
    expect(await countKey(NEW_TOWNSHIP, 'away-%')).toBe(0);
    expect((await pingSummary(net.url(NEW_TOWNSHIP))).total).toBe(50);
  });
});
