/**
 * Backbone benchmark: events/s and end-to-end latency from one node's outbox to another node's
 * applied inbox, next to a raw kafkajs produce-consume loop on the same broker in the same run.
 * Starts its own broker and database (ports 39092/35433, data under .tongban/bench, wiped).
 * Run: npm run bench:backbone   (results are appended to bench/results/backbone.md)
 */
import { appendFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import pg from 'pg';
import { stringify } from 'yaml';
import { TopologyIndex, validateTopology } from '#libs/config';
import { EmbeddedKafka, EmbeddedPostgres, NodeProcess, nodeKafkaEnv, projectRoot, provisionDeployment, SecretStore, stateDir, upsertKafkaUsers } from '#libs/infra';
import { applyAclGrants, createKafka, type KafkaCredentials } from '#libs/messaging';

const COUNTY = '640104000000';
const TOWNSHIP = '640104100000';
const BULK = Number(process.env.BENCH_BULK ?? 20000);
const RATE = Number(process.env.BENCH_RATE ?? 500);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);

const say = (m: string): void => void process.stdout.write(`${m}\n`);
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function pct(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/**
 * The denominator: plain kafkajs on the same broker with the same security as a node (SCRAM-SHA-512,
 * its own principal, ACLs on its topic and group), without the outbox, the inbox or a database.
 */
async function rawLoop(brokers: string[], adminCreds: KafkaCredentials): Promise<{ throughput: number; p50: number; p99: number; steadyCount: number }> {
  const topic = 'bench.raw';
  const principal = { mechanism: 'scram-sha-512' as const, username: 'bench.raw', password: 'bench-raw-secret' };
  upsertKafkaUsers(brokers, adminCreds, [{ name: principal.username, password: principal.password }]);
  const adminKafka = createKafka({ brokers, clientId: 'bench-raw-admin', sasl: adminCreds });
  const admin = adminKafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: 6 }], waitForLeaders: true });
  await admin.disconnect();
  const grant = (resource: 'topic' | 'group', name: string, operation: 'read' | 'write') => ({ principal: `User:${principal.username}`, resource, name, pattern: 'literal' as const, operation });
  await applyAclGrants(adminKafka, [grant('topic', topic, 'read'), grant('topic', topic, 'write'), grant('group', 'bench-raw', 'read')]);
  const kafka = new Kafka({ brokers, clientId: 'bench-raw', logLevel: logLevel.NOTHING, sasl: { mechanism: 'scram-sha-512', username: principal.username, password: principal.password } });
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  const consumer = kafka.consumer({ groupId: 'bench-raw', maxWaitTimeInMs: 100 });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  let received = 0;
  const latencies: number[] = [];
  let steady = false;
  await consumer.run({
    partitionsConsumedConcurrently: 3,
    eachMessage: async ({ message }) => {
      received++;
      if (steady) latencies.push(Date.now() - Number(message.headers?.sent?.toString() ?? 0));
    },
  });
  await sleep(3000);
  // Bulk: BULK messages in batches of 500, as the relay sends them.
  const t0 = Date.now();
  for (let i = 0; i < BULK; i += 500) {
    await producer.send({ topic, acks: -1, messages: Array.from({ length: Math.min(500, BULK - i) }, (_, j) => ({ key: `k-${(i + j) % 20}`, value: JSON.stringify({ i: i + j }), headers: { sent: '0' } })) });
  }
  while (received < BULK) await sleep(5);
  const throughput = BULK / ((Date.now() - t0) / 1000);
  // Steady: RATE messages/s in 10 ms ticks, each produced and acknowledged before the next tick.
  steady = true;
  const perTick = Math.max(1, Math.round(RATE / 100));
  const end = Date.now() + SECONDS * 1000;
  let sent = 0;
  while (Date.now() < end) {
    const tick = Date.now();
    await producer.send({ topic, acks: -1, messages: Array.from({ length: perTick }, (_, j) => ({ key: `k-${(sent + j) % 20}`, value: '{}', headers: { sent: String(Date.now()) } })) });
    sent += perTick;
    await sleep(Math.max(0, 10 - (Date.now() - tick)));
  }
  while (latencies.length < sent) await sleep(5);
  await consumer.disconnect();
  await producer.disconnect();
  latencies.sort((a, b) => a - b);
  return { throughput, p50: pct(latencies, 50), p99: pct(latencies, 99), steadyCount: latencies.length };
}

async function post(url: string, body: unknown): Promise<void> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...(await authHeaders(url)) }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
}

/** Signs in once per node as the demo node administrator (the diagnostics endpoints need one). */
const tokens = new Map<string, string>();
async function authHeaders(url: string): Promise<Record<string, string>> {
  const base = new URL(url).origin;
  if (!tokens.has(base)) {
    const res = await fetch(`${base}/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: 'admin', password: 'Tongban-Demo-2026' }) });
    tokens.set(base, ((await res.json()) as { accessToken: string }).accessToken);
  }
  return { authorization: `Bearer ${tokens.get(base)}` };
}

async function main(): Promise<void> {
  const root = stateDir('bench');
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  const secrets = new SecretStore(join(root, 'secrets'));
  const kafka = new EmbeddedKafka({ port: 39092, dataDir: join(root, 'kafka'), heapMb: 768, secrets: secrets.admin() });
  const postgres = new EmbeddedPostgres({ port: 35433, dataDir: join(root, 'postgres') });
  say('Starting broker and database ...');
  // Both are let finish or fail; on a failure both are stopped, so no broker or database is left behind.
  const started = await Promise.allSettled([kafka.start(), postgres.start()]);
  const failed = started.find((r) => r.status === 'rejected');
  if (failed) {
    await Promise.allSettled([kafka.stop(), postgres.stop()]);
    throw failed.reason;
  }
  const nodes: NodeProcess[] = [];
  try {
    say('Raw kafkajs produce-consume loop ...');
    const raw = await rawLoop(kafka.brokers, kafka.admin);
    say(`  raw: ${raw.throughput.toFixed(0)} msg/s bulk; steady ${RATE}/s p50 ${raw.p50} ms p99 ${raw.p99} ms`);

    const topo = {
      name: 'bench',
      nodes: [
        { code: '640100000000', name: '银川市', tier: 'city', httpPort: 39300, database: 'bench_city' },
        { code: COUNTY, name: '兴庆区', tier: 'county', parent: '640100000000', httpPort: 39301, database: 'bench_county' },
        { code: TOWNSHIP, name: '掌政镇', tier: 'township', parent: COUNTY, httpPort: 39302, database: 'bench_township' },
      ],
    };
    const topologyFile = join(root, 'topology.yaml');
    writeFileSync(topologyFile, stringify(topo));
    await postgres.ensureDatabases(topo.nodes.map((n) => n.database));
    await provisionDeployment({ brokers: kafka.brokers, admin: kafka.admin, prefix: 'bench', topology: new TopologyIndex(validateTopology(topo)), secrets });
    for (const n of topo.nodes.slice(1)) {
      nodes.push(
        new NodeProcess({
          code: n.code,
          tier: n.tier as 'county' | 'township',
          httpPort: n.httpPort,
          logFile: join(root, `${n.code}.log`),
          env: {
            TONGBAN_TOPOLOGY: topologyFile,
            TONGBAN_KAFKA_BROKERS: kafka.brokers.join(','),
            TONGBAN_DATABASE_URL: postgres.urlTemplate,
            TONGBAN_LOG_LEVEL: 'warn',
            TONGBAN_DEMO: '1',
            TONGBAN_TOPIC_PREFIX: 'bench',
            ...nodeKafkaEnv(secrets, 'bench', n.code),
          },
        }),
      );
    }
    nodes.forEach((n) => n.start());
    await Promise.all(nodes.map((n) => n.waitHealthy(90000)));
    const [county, township] = nodes as [NodeProcess, NodeProcess];
    const db = new pg.Client({ connectionString: postgres.urlTemplate.replace('{database}', 'bench_township') });
    await db.connect();
    const count = async (prefix: string): Promise<number> => Number((await db.query(`select count(*) as n from diagnostic_ping where key like $1`, [`${prefix}-%`])).rows[0].n);

    say(`Backbone bulk: ${BULK} events from ${COUNTY} to ${TOWNSHIP} ...`);
    const t0 = Date.now();
    await post(`${county.url}/diagnostics/pings`, { target: TOWNSHIP, message: 'bulk', count: BULK, keys: 20, keyPrefix: 'bulk' });
    const tCommitted = Date.now();
    let tPublished = 0;
    const countyDb = new pg.Client({ connectionString: postgres.urlTemplate.replace('{database}', 'bench_county') });
    await countyDb.connect();
    while ((await count('bulk')) < BULK) {
      if (!tPublished && Number((await countyDb.query('select count(*) as n from outbox where published_at is null')).rows[0].n) === 0) tPublished = Date.now();
      await sleep(50);
    }
    await countyDb.end();
    const bulkSeconds = (Date.now() - t0) / 1000;
    say(`  phases: written in one transaction ${((tCommitted - t0) / 1000).toFixed(1)} s, all published ${(((tPublished || Date.now()) - t0) / 1000).toFixed(1)} s, all applied ${bulkSeconds.toFixed(1)} s`);
    const backboneThroughput = BULK / bulkSeconds;
    say(`  backbone: ${backboneThroughput.toFixed(0)} events/s (${BULK} in ${bulkSeconds.toFixed(1)} s, commit to applied)`);

    say(`Backbone steady load: ${RATE} events/s for ${SECONDS} s ...`);
    const perTick = Math.max(1, Math.round(RATE / 10));
    const end = Date.now() + SECONDS * 1000;
    let sent = 0;
    while (Date.now() < end) {
      const tick = Date.now();
      await post(`${county.url}/diagnostics/pings`, { target: TOWNSHIP, message: 'steady', count: perTick, keys: 20, keyPrefix: 'steady' });
      sent += perTick;
      await sleep(Math.max(0, 100 - (Date.now() - tick)));
    }
    while ((await count('steady')) < sent) await sleep(50);
    const lat = (
      await db.query(`select extract(epoch from (received_at - occurred_at)) * 1000 as ms from diagnostic_ping where key like 'steady-%' order by 1`)
    ).rows.map((r: { ms: string }) => Number(r.ms));
    const p50 = pct(lat, 50);
    const p99 = pct(lat, 99);
    say(`  backbone: steady ${RATE}/s p50 ${p50.toFixed(0)} ms p99 ${p99.toFixed(0)} ms over ${lat.length} events`);
    const rss = Number((await (await fetch(`${township.url}/metrics`)).text()).match(/tongban_process_resident_memory_bytes\{[^}]*\} (\d+)/)?.[1] ?? 0);
    await db.end();

    const line = `| ${new Date().toISOString().slice(0, 16)}Z | ${cpus().length} × ${cpus()[0]?.model.trim()} , ${(totalmem() / 2 ** 30).toFixed(0)} GiB | ${BULK} | ${raw.throughput.toFixed(0)} | ${backboneThroughput.toFixed(0)} | ${RATE}/s × ${SECONDS} s | ${raw.p50} / ${raw.p99} | ${p50.toFixed(0)} / ${p99.toFixed(0)} | ${(rss / 2 ** 20).toFixed(0)} MiB |`;
    const file = join(projectRoot(), 'bench/results/backbone.md');
    appendFileSync(file, `${line}\n`);
    say(`\nAppended to ${file}:\n${line}`);
  } finally {
    await Promise.all(nodes.map((n) => n.stop()));
    await kafka.stop();
    await postgres.stop();
  }
}

await main();
