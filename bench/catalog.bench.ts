/**
 * Catalog benchmark: time from a publication at the city to the last node's report, for the demo
 * topology (7 real nodes) and for a topology of 50 simulated townships (lightweight consumers that
 * apply the catalog events and report like a node), plus public search latency at a township.
 * Starts its own broker and database (ports 39092/35433, data under .tongban/bench, wiped).
 * Run: npm run bench:catalog   (results are appended to bench/results/catalog.md)
 */
import { appendFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import { v7 as uuidv7 } from 'uuid';
import { stringify } from 'yaml';
import { loadDemoCatalog } from '#libs/catalog-workbook';
import { TopologyIndex, validateTopology } from '#libs/config';
import { EmbeddedKafka, EmbeddedPostgres, NodeProcess, nodeKafkaEnv, projectRoot, provisionDeployment, SecretStore, stateDir } from '#libs/infra';

const SIMULATED = Number(process.env.BENCH_SIMULATED ?? 50);
const PASSWORD = 'Tongban-Demo-2026';
/** The demo city's catalog, as its seeding reads it (topology/demo-catalog.xlsx). */
const DEMO_CATALOG = await loadDemoCatalog();
const say = (m: string): void => void process.stdout.write(`${m}\n`);
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const pct = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

interface TopoNode {
  code: string;
  name: string;
  tier: 'city' | 'county' | 'township';
  parent?: string;
  httpPort: number;
  database: string;
}

async function json(url: string, init: RequestInit = {}, token?: string): Promise<any> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const res = await fetch(url, { ...init, headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) } });
  const body = await res.json();
  if (!res.ok) throw new Error(`${url}: ${res.status} ${JSON.stringify(body)}`);
  return body;
}

async function signIn(base: string, login: string): Promise<string> {
  return (await json(`${base}/auth/sign-in`, { method: 'POST', body: JSON.stringify({ login, password: PASSWORD }) })).accessToken;
}

/** A township that is not a process: a consumer group applying catalog events and reporting to the city. */
async function simulatedTownship(kafka: Kafka, prefix: string, code: string, county: string, city: string): Promise<() => Promise<void>> {
  const items = new Map<string, number>();
  let manifest: { version: number; items: Array<{ code: string; revision: number }> } | undefined;
  let applied = 0;
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  const consumer = kafka.consumer({ groupId: `${prefix}.node.${code}`, maxWaitTimeInMs: 100 });
  await consumer.connect();
  await consumer.subscribe({ topic: `${prefix}.catalog`, fromBeginning: true });
  const check = async (): Promise<void> => {
    if (!manifest || manifest.version <= applied) return;
    if (!manifest.items.every((e) => (items.get(e.code) ?? 0) >= e.revision)) return;
    applied = manifest.version;
    const envelope = {
      id: uuidv7(),
      type: 'status.catalog-applied',
      schemaVersion: 1,
      source: code,
      target: city,
      key: code,
      occurredAt: new Date().toISOString(),
      actor: { kind: 'system', id: 'simulated-township' },
      correlationId: uuidv7(),
      payload: { cityVersion: applied, liveItems: items.size, appliedAt: new Date().toISOString() },
    };
    // On its own up-link (the only topic it may write): the city observes it and takes the report.
    await producer.send({ topic: `${prefix}.link.${code}.${county}`, acks: -1, messages: [{ key: code, value: JSON.stringify(envelope) }] });
  };
  await consumer.run({
    eachMessage: async ({ message }) => {
      const env = JSON.parse(message.value!.toString());
      if (env.type === 'catalog.item-published') {
        // Keys are per revision (code@revision): count items by their code.
        const code = env.payload.item.implementationCode;
        items.set(code, Math.max(items.get(code) ?? 0, env.payload.revision));
      }
      if (env.type === 'catalog.version-published' && (!manifest || env.payload.version > manifest.version)) manifest = env.payload;
      await check();
    },
  });
  return async () => {
    await consumer.disconnect();
    await producer.disconnect();
  };
}

async function timePublication(city: string, token: string, watch: string[], label: string): Promise<number> {
  const code = DEMO_CATALOG[5]!.implementationCode;
  const item = { ...DEMO_CATALOG[5]!, name: `${DEMO_CATALOG[5]!.name}（${label}）` };
  await json(`${city}/catalog/drafts/${code}`, { method: 'PUT', body: JSON.stringify(item) }, token);
  const t0 = Date.now();
  const { version } = await json(`${city}/catalog/versions`, { method: 'POST', body: JSON.stringify({ changes: [{ code, action: 'publish' }] }) }, token);
  for (;;) {
    const p = await json(`${city}/catalog/propagation`, {}, token);
    const nodes = p.nodes.filter((n: { node: string }) => watch.includes(n.node));
    if (nodes.every((n: { appliedVersion: number }) => n.appliedVersion >= version)) {
      const last = Math.max(...nodes.map((n: { reportedAt: string }) => Date.parse(n.reportedAt)));
      return last - t0;
    }
    await sleep(20);
  }
}

async function main(): Promise<void> {
  const root = stateDir('bench');
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  const secrets = new SecretStore(join(root, 'secrets'));
  const kafka = new EmbeddedKafka({ port: 39092, dataDir: join(root, 'kafka'), heapMb: 768, secrets: secrets.admin() });
  const postgres = new EmbeddedPostgres({ port: 35433, dataDir: join(root, 'postgres'), maxConnections: 300 });
  say('Starting broker and database ...');
  // Both are let finish or fail; on a failure both are stopped, so no broker or database is left behind.
  const started = await Promise.allSettled([kafka.start(), postgres.start()]);
  const failed = started.find((r) => r.status === 'rejected');
  if (failed) {
    await Promise.allSettled([kafka.stop(), postgres.stop()]);
    throw failed.reason;
  }
  const prefix = 'bench';
  const nodes: TopoNode[] = [
    { code: '640100000000', name: '银川市', tier: 'city', httpPort: 39300, database: 'b_city' },
    { code: '640104000000', name: '兴庆区', tier: 'county', parent: '640100000000', httpPort: 39310, database: 'b_xq' },
    { code: '640104100000', name: '掌政镇', tier: 'township', parent: '640104000000', httpPort: 39311, database: 'b_xq1' },
    { code: '640104200000', name: '通贵乡', tier: 'township', parent: '640104000000', httpPort: 39312, database: 'b_xq2' },
    { code: '640121000000', name: '永宁县', tier: 'county', parent: '640100000000', httpPort: 39320, database: 'b_yn' },
    { code: '640121100000', name: '杨和镇', tier: 'township', parent: '640121000000', httpPort: 39321, database: 'b_yn1' },
    { code: '640121102000', name: '望远镇', tier: 'township', parent: '640121000000', httpPort: 39322, database: 'b_yn2' },
  ];
  const real = nodes.map((n) => n.code);
  const simulated: TopoNode[] = Array.from({ length: SIMULATED }, (_, i) => {
    const county = i % 2 === 0 ? '640104' : '640121';
    const code = `${county}${String(110 + Math.floor(i / 2)).padStart(3, '0')}000`;
    return { code, name: `模拟乡镇${i + 1}`, tier: 'township', parent: `${county}000000`, httpPort: 40000 + i, database: `b_sim${i}` };
  });
  const topologyFile = join(root, 'topology.yaml');
  writeFileSync(topologyFile, stringify({ name: 'bench', nodes: [...nodes, ...simulated] }));
  await postgres.ensureDatabases(nodes.map((n) => n.database));
  await provisionDeployment({ brokers: kafka.brokers, admin: kafka.admin, prefix, topology: new TopologyIndex(validateTopology({ name: 'bench', nodes: [...nodes, ...simulated] })), secrets });
  const processes = nodes.map(
    (n) =>
      new NodeProcess({
        code: n.code,
        tier: n.tier,
        httpPort: n.httpPort,
        logFile: join(root, `${n.code}.log`),
        env: { TONGBAN_TOPOLOGY: topologyFile, TONGBAN_KAFKA_BROKERS: kafka.brokers.join(','), TONGBAN_DATABASE_URL: postgres.urlTemplate, TONGBAN_LOG_LEVEL: 'warn', TONGBAN_DEMO: '1', TONGBAN_TOPIC_PREFIX: prefix, ...nodeKafkaEnv(secrets, prefix, n.code) },
      }),
  );
  const stops: Array<() => Promise<void>> = [];
  try {
    processes.forEach((p) => p.start());
    await Promise.all(processes.map((p) => p.waitHealthy(120000)));
    const city = processes[0]!.url;
    const token = await signIn(city, 'catalog');
    // The demo catalog (version 1) reaches every real node first.
    const others = real.slice(1);
    for (;;) {
      const p = await json(`${city}/catalog/propagation`, {}, token);
      if (p.nodes.filter((n: { node: string }) => others.includes(n.node)).every((n: { appliedVersion: number }) => n.appliedVersion >= 1)) break;
      await sleep(200);
    }
    const demoRuns: number[] = [];
    for (let i = 0; i < 5; i++) demoRuns.push(await timePublication(city, token, others, `demo ${i}`));
    demoRuns.sort((a, b) => a - b);
    say(`  demo topology (6 nodes report): median ${pct(demoRuns, 50)} ms, max ${demoRuns.at(-1)} ms over ${demoRuns.length} publications`);

    say(`Starting ${SIMULATED} simulated townships ...`);
    for (const s of simulated) {
      // Each simulated township with its own principal and secret, as a real one.
      const creds = nodeKafkaEnv(secrets, prefix, s.code);
      const client = new Kafka({
        brokers: kafka.brokers,
        clientId: `bench-sim-${s.code}`,
        logLevel: logLevel.NOTHING,
        sasl: { mechanism: 'scram-sha-512', username: creds.TONGBAN_KAFKA_USERNAME!, password: creds.TONGBAN_KAFKA_PASSWORD! },
      });
      stops.push(await simulatedTownship(client, prefix, s.code, s.parent!, nodes[0]!.code));
    }
    const all = [...others, ...simulated.map((s) => s.code)];
    // Let them catch up on what was already published.
    for (;;) {
      const p = await json(`${city}/catalog/propagation`, {}, token);
      if (p.nodes.filter((n: { node: string }) => all.includes(n.node)).every((n: { behind: number }) => n.behind === 0)) break;
      await sleep(200);
    }
    const bigRuns: number[] = [];
    for (let i = 0; i < 5; i++) bigRuns.push(await timePublication(city, token, all, `big ${i}`));
    bigRuns.sort((a, b) => a - b);
    say(`  ${all.length} nodes (${SIMULATED} simulated) report: median ${pct(bigRuns, 50)} ms, max ${bigRuns.at(-1)} ms`);

    const town = processes[2]!.url;
    const queries = ['', '营业执照', '户口', '身份证', '食品', '残疾', '养老', '许可', '登记 变更', '医保'];
    const filters = ['', '&level=county', '&caseType=1', '&kind=01', '&level=township&caseType=2'];
    const lat: number[] = [];
    for (let i = 0; i < 400; i++) {
      const q = `q=${encodeURIComponent(queries[i % queries.length]!)}${filters[i % filters.length]}&page=1&pageSize=20`;
      const t = performance.now();
      await json(`${town}/public/catalog/items?${q}`);
      lat.push(performance.now() - t);
    }
    lat.sort((a, b) => a - b);
    const detail: number[] = [];
    for (const item of DEMO_CATALOG.slice(10, 60)) {
      const t = performance.now();
      await json(`${town}/public/catalog/items/${item.implementationCode}`);
      detail.push(performance.now() - t);
    }
    detail.sort((a, b) => a - b);
    say(`  search at a township: p50 ${pct(lat, 50).toFixed(1)} ms, p99 ${pct(lat, 99).toFixed(1)} ms (400 queries); item detail p50 ${pct(detail, 50).toFixed(1)} ms`);
    const line = `| ${new Date().toISOString().slice(0, 16)}Z | ${cpus().length} cores | ${pct(demoRuns, 50)} / ${demoRuns.at(-1)} | ${all.length} (${SIMULATED} simulated) | ${pct(bigRuns, 50)} / ${bigRuns.at(-1)} | ${pct(lat, 50).toFixed(1)} / ${pct(lat, 99).toFixed(1)} | ${pct(detail, 50).toFixed(1)} |`;
    appendFileSync(join(projectRoot(), 'bench/results/catalog.md'), `${line}\n`);
    say(`\nAppended to bench/results/catalog.md:\n${line}`);
  } finally {
    for (const stop of stops) await stop().catch(() => undefined);
    await Promise.all(processes.map((p) => p.stop()));
    await kafka.stop();
    await postgres.stop();
  }
}

await main();
