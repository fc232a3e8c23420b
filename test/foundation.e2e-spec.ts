import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { projectRoot } from '#libs/infra';
import { bearer, DEMO_ENV, type Session, signIn } from './support/staff.js';
import { eventually, TestNetwork } from './support/test-network.js';

const CITY = '640100000000';
const COUNTY = '640104000000';
const TOWNSHIP = '640104100000';

describe('foundation: a county node and a township node over the real broker', () => {
  const net = new TestNetwork(
    [
      { code: '640100000000', tier: 'city' },
      { code: COUNTY, tier: 'county', parent: '640100000000' },
      { code: TOWNSHIP, tier: 'township', parent: COUNTY },
    ],
    DEMO_ENV,
  );
  // The diagnostics endpoints are for node administrators.
  let countyAdmin: Session;
  let townshipAdmin: Session;

  beforeAll(async () => {
    await net.init();
    await net.start([COUNTY, TOWNSHIP]);
    [countyAdmin, townshipAdmin] = await Promise.all([signIn(net.url(COUNTY), 'admin'), signIn(net.url(TOWNSHIP), 'admin')]);
  });

  afterAll(async () => {
    await net.stop();
  });

  it('says only up on the public /health, and database, Kafka and consumer in detail to the node administrator', async () => {
    expect((await request(net.url(TOWNSHIP)).get('/health').expect(200)).body).toEqual({ status: 'up' });
    await request(net.url(TOWNSHIP)).get('/health/details').expect(401);
    const res = await request(net.url(TOWNSHIP)).get('/health/details').set(bearer(townshipAdmin)).expect(200);
    expect(res.body).toMatchObject({
      status: 'up',
      node: TOWNSHIP,
      tier: 'township',
      checks: { database: { status: 'up' }, kafka: { status: 'up' }, consumer: { status: 'up', state: 'running' } },
    });
    // A township reads its county's traffic and catalogs, never the whole city's traffic.
    const p = net.topicPrefix;
    expect([...res.body.checks.consumer.topics].sort()).toEqual([`${p}.link.${CITY}.${TOWNSHIP}`, `${p}.link.${COUNTY}.${TOWNSHIP}`, `${p}.catalog`, `${p}.catalog.${COUNTY}`].sort());
  });

  it('carries an event from the county to the township through Kafka', async () => {
    const sent = await request(net.url(COUNTY)).post('/diagnostics/pings').set(bearer(countyAdmin)).send({ target: TOWNSHIP, message: '你好，掌政镇' }).expect(201);
    const received = await eventually(
      async () => (await request(net.url(TOWNSHIP)).get('/diagnostics/pings').set(bearer(townshipAdmin)).expect(200)).body as Array<{ eventId: string; source: string; message: string }>,
      (list) => list.some((p) => p.eventId === sent.body.firstEventId),
    );
    expect(received.find((p) => p.eventId === sent.body.firstEventId)).toMatchObject({ source: COUNTY, message: '你好，掌政镇' });
    // It went through the broker: the township's inbox recorded the topic and offset it came from.
    const [row] = await net.query<{ topic: string; offset: string }>(TOWNSHIP, 'select topic, "offset"::text from inbox where event_id = $1', [sent.body.firstEventId]);
    expect(row?.topic).toBe(`${net.topicPrefix}.link.${COUNTY}.${TOWNSHIP}`);
    // The event names who sent it: the signed-in administrator, in the role they acted in.
    const [out] = await net.query<{ actor: Record<string, string> }>(COUNTY, "select envelope->'actor' as actor from outbox where event_id = $1", [sent.body.firstEventId]);
    expect(out?.actor).toEqual({ kind: 'staff', id: countyAdmin.staff.id, role: 'node_admin' });
  });

  it('refuses a bad request with the field and the rule, and sends nothing', async () => {
    const res = await request(net.url(COUNTY)).post('/diagnostics/pings').set(bearer(countyAdmin)).send({ target: 'x', message: '' }).expect(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    const fields = (res.body.errors as Array<{ field: string; rule: string }>).map((e) => `${e.field}:${e.rule}`);
    expect(fields).toEqual(expect.arrayContaining(['target:matches', 'message:minLength']));
    const [{ n }] = await net.query<{ n: string }>(COUNTY, "select count(*)::text as n from outbox where envelope->'payload'->>'message' = ''");
    expect(n).toBe('0');
  });

  it('refuses the diagnostics to a caller who has not signed in', async () => {
    const res = await request(net.url(COUNTY)).get('/diagnostics/pings').expect(401);
    expect(res.body.code).toBe('SIGN_IN_REQUIRED');
  });

  it('exports the backbone figures as Prometheus metrics, labelled with the node', async () => {
    const res = await request(net.url(TOWNSHIP)).get('/metrics').expect(200);
    for (const metric of ['tongban_outbox_backlog', 'tongban_outbox_oldest_unpublished_age_seconds', 'tongban_consumer_lag', 'tongban_dead_letters_parked', 'tongban_inbox_events']) {
      expect(res.text).toMatch(new RegExp(`^${metric}\\{[^}]*node="${TOWNSHIP}"`, 'm'));
    }
  });

  it('writes structured JSON logs, every line carrying the node code', async () => {
    const lines = readFileSync(net.node(TOWNSHIP).opts.logFile, 'utf8').split('\n').filter((l) => l.startsWith('{'));
    expect(lines.length).toBeGreaterThan(5);
    for (const line of lines) expect(JSON.parse(line)).toMatchObject({ node: TOWNSHIP, tier: 'township' });
  });

  it('refuses to start with a missing or malformed setting, naming it in a sentence', async () => {
    const main = join(projectRoot(), 'dist/apps/county/src/main.js');
    const env = { PATH: process.env.PATH ?? '', TONGBAN_NODE_CODE: COUNTY, TONGBAN_TOPOLOGY: net.topologyFile, TONGBAN_DEMO: '1', TONGBAN_DATABASE_URL: net.infra.databaseUrl };
    const missing = spawnSync(process.execPath, [main], { env, encoding: 'utf8', timeout: 30000 });
    expect(missing.status).toBe(78);
    expect(missing.stderr).toContain('TONGBAN_KAFKA_BROKERS must be a comma-separated list of host:port');
    const malformed = spawnSync(process.execPath, [main], { env: { ...env, TONGBAN_KAFKA_BROKERS: net.infra.brokers, TONGBAN_HTTP_PORT: 'eighty' }, encoding: 'utf8', timeout: 30000 });
    expect(malformed.status).toBe(78);
    expect(malformed.stderr).toContain('TONGBAN_HTTP_PORT must be an integer port number');
  });

  it('shows each node\'s details in `status`, signed in as its administrator (the city is not started here)', () => {
    const run = spawnSync(process.execPath, [join(projectRoot(), 'dist/apps/cli/src/main.js'), 'status', '--json'], {
      env: { PATH: process.env.PATH ?? '', TONGBAN_TOPOLOGY: net.topologyFile, TONGBAN_DEMO: '1' },
      encoding: 'utf8',
      input: '',
      timeout: 60000,
    });
    expect(run.status).toBe(1);
    const rows = JSON.parse(run.stdout) as Array<{ code: string; health: { status: string; checks?: Record<string, { status: string }> } | null }>;
    const byCode = new Map(rows.map((r) => [r.code, r.health]));
    expect(byCode.get('640100000000')).toBeNull();
    expect(byCode.get(TOWNSHIP)).toMatchObject({ status: 'up', node: TOWNSHIP, checks: { consumer: { status: 'up' }, outbox: { status: 'up' }, deadLetters: { status: 'up' } } });
  });

  it('serves its OpenAPI document', async () => {
    const res = await request(net.url(COUNTY)).get('/docs/openapi.json').expect(200);
    expect(res.body.paths).toHaveProperty('/health');
    expect(res.body.paths).toHaveProperty('/diagnostics/pings');
  });

  it('ran its migrations and never uses schema sync', async () => {
    const rows = await net.query<{ name: string }>(COUNTY, 'select name from migrations order by id');
    expect(rows.map((r) => r.name)).toEqual(expect.arrayContaining(['CreateBackboneTables1763900000000', 'CreateIdentityTables1764000000000']));
  });
});
