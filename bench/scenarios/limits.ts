/**
 * The machine's own limits, measured in the same run as everything else, so that each figure of the
 * network is also a share of what this machine does at best:
 * - raw kafkajs: produce-then-consume of envelope-sized messages on the same broker with the same
 *   security as a node (SCRAM-SHA-512, its own principal, ACLs on its topic and group), idempotent
 *   producer with acks=all, no database; in bulk and at a steady 500/s;
 * - raw PostgreSQL: single-row insert transactions (BEGIN, INSERT, COMMIT) with a plain `pg` loop on
 *   one connection and on eight, fsync on; and pgbench's insert-only script if pgbench is installed.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import pg from 'pg';
import { upsertKafkaUsers } from '#libs/infra';
import { applyAclGrants, createKafka } from '#libs/messaging';
import type { BenchContext, Scenario, ScenarioOutput } from '../support/scenario.js';
import { sleep, summary } from '../support/stats.js';

/** About the size of a case.step envelope as the relay sends it (a case handed up: state, record, two steps). */
export const ENVELOPE_BYTES = 2400;

async function rawKafka(ctx: BenchContext, bulk: number, rate: number, seconds: number) {
  const h = ctx.harness;
  const topic = 'bench.raw';
  const user = { name: 'bench.raw', password: 'bench-raw-secret-0123456789' };
  upsertKafkaUsers(h.brokers, h.kafkaAdmin, [user]);
  const adminKafka = createKafka({ brokers: h.brokers, clientId: 'bench-raw-admin', sasl: h.kafkaAdmin });
  const admin = adminKafka.admin();
  await admin.connect();
  // One partition, as one link direction has.
  await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
  await admin.disconnect();
  const grant = (resource: 'topic' | 'group', name: string, operation: 'read' | 'write') => ({ principal: `User:${user.name}`, resource, name, pattern: 'literal' as const, operation });
  await applyAclGrants(adminKafka, [grant('topic', topic, 'read'), grant('topic', topic, 'write'), grant('group', 'bench-raw', 'read')]);
  const kafka = new Kafka({ brokers: h.brokers, clientId: 'bench-raw', logLevel: logLevel.NOTHING, sasl: { mechanism: 'scram-sha-512', username: user.name, password: user.password } });
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
  // New ACLs reach the broker's authorizer a moment after they are created: until then it refuses.
  for (let attempt = 1; ; attempt++) {
    try {
      await producer.connect();
      break;
    } catch (err) {
      if (attempt >= 30) throw err;
      await sleep(1000);
    }
  }
  const consumer = kafka.consumer({ groupId: 'bench-raw', maxWaitTimeInMs: 100 });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  const body = JSON.stringify({ pad: 'x'.repeat(ENVELOPE_BYTES - 12) });
  let received = 0;
  const latencies: number[] = [];
  let steady = false;
  await consumer.run({
    eachMessage: async ({ message }) => {
      received++;
      if (steady) latencies.push(Date.now() - Number(message.headers?.sent?.toString() ?? 0));
    },
  });
  await sleep(2000);
  const t0 = Date.now();
  // Batches of 200 (about 480 kB): a record batch must stay under the broker's 1 MB message limit.
  for (let i = 0; i < bulk; i += 200) {
    await producer.send({ topic, acks: -1, messages: Array.from({ length: Math.min(200, bulk - i) }, (_, j) => ({ key: `k-${(i + j) % 20}`, value: body, headers: { sent: '0' } })) });
    ctx.progress.status(`raw kafkajs bulk: ${received}/${bulk}`);
  }
  while (received < bulk) {
    ctx.progress.status(`raw kafkajs bulk: ${received}/${bulk}`);
    await sleep(5);
  }
  const bulkRate = bulk / ((Date.now() - t0) / 1000);
  // Steady: the rate in 10-ms ticks, each produced and acknowledged before the next tick.
  steady = true;
  const perTick = Math.max(1, Math.round(rate / 100));
  const end = Date.now() + seconds * 1000;
  let sent = 0;
  while (Date.now() < end) {
    const tick = Date.now();
    await producer.send({ topic, acks: -1, messages: Array.from({ length: perTick }, (_, j) => ({ key: `k-${(sent + j) % 20}`, value: body, headers: { sent: String(Date.now()) } })) });
    sent += perTick;
    await sleep(Math.max(0, 10 - (Date.now() - tick)));
  }
  const deadline = Date.now() + 30000;
  while (latencies.length < sent && Date.now() < deadline) await sleep(5);
  await consumer.disconnect();
  await producer.disconnect();
  return { bulkRate, steady: summary(latencies), sent };
}

/** Single-row insert transactions per second on `clients` connections for `seconds`. */
async function rawPg(ctx: BenchContext, clients: number, seconds: number): Promise<number> {
  const url = ctx.harness.url('bench_raw');
  const conns = await Promise.all(
    Array.from({ length: clients }, async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      return c;
    }),
  );
  let done = 0;
  const end = Date.now() + seconds * 1000;
  const t0 = Date.now();
  await Promise.all(
    conns.map(async (c, i) => {
      let n = 0;
      while (Date.now() < end) {
        await c.query('begin');
        await c.query('insert into raw_tx (client, n, body) values ($1, $2, $3)', [i, n++, 'x'.repeat(200)]);
        await c.query('commit');
        done++;
        if (i === 0 && n % 200 === 0) ctx.progress.status(`raw pg, ${clients} connection(s): ${done} transactions`);
      }
    }),
  );
  const rate = done / ((Date.now() - t0) / 1000);
  await Promise.all(conns.map((c) => c.end()));
  return rate;
}

function pgbench(ctx: BenchContext, clients: number, seconds: number): number | undefined {
  const which = spawnSync('pgbench', ['--version'], { encoding: 'utf8' });
  if (which.status !== 0) return undefined;
  const h = ctx.harness;
  const env = { ...process.env, PGPASSWORD: h.postgres.password };
  const base = ['-h', '127.0.0.1', '-p', String(h.ports.postgres), '-U', h.postgres.user];
  // The same single-row insert transaction as the pg loop, as pgbench's custom script.
  const script = `${h.root}/raw-insert.sql`;
  writeFileSync(script, "insert into raw_tx (client, n, body) values (:client_id, 0, repeat('x', 200));\n");
  const res = spawnSync('pgbench', [...base, '-n', '-c', String(clients), '-j', String(Math.min(clients, 2)), '-T', String(seconds), '-f', script, 'bench_raw'], { encoding: 'utf8', env });
  const m = /tps = ([\d.]+)/.exec(res.stdout);
  if (!m) {
    ctx.progress.say(`pgbench did not report a rate: ${res.stderr.trim().split('\n').slice(-2).join(' ')}`);
    return undefined;
  }
  return Number(m[1]);
}

export const limits: Scenario = {
  id: 'limits',
  title: '1. Limits (denominators)',
  async run(ctx): Promise<ScenarioOutput> {
    const bulk = ctx.smoke ? 2000 : 20000;
    const seconds = ctx.smoke ? 3 : 15;
    ctx.progress.say(`raw kafkajs: ${bulk} envelope-sized messages (${ENVELOPE_BYTES} B) in bulk, then 500/s for ${seconds} s ...`);
    const k = await rawKafka(ctx, bulk, 500, seconds);
    ctx.progress.say(`raw kafkajs: ${k.bulkRate.toFixed(0)} msg/s in bulk; steady 500/s p50 ${k.steady.p50} ms, p99 ${k.steady.p99} ms`);
    await ctx.harness.sql('postgres', 'create database bench_raw');
    await ctx.harness.sql('bench_raw', 'create table raw_tx (id bigserial primary key, client int not null, n int not null, body text not null, at timestamptz not null default now())');
    const pgSeconds = ctx.smoke ? 2 : 10;
    ctx.progress.say(`raw PostgreSQL: single-row insert transactions, ${pgSeconds} s on 1 and on 8 connections ...`);
    const pg1 = await rawPg(ctx, 1, pgSeconds);
    const pg8 = await rawPg(ctx, 8, pgSeconds);
    const bench = pgbench(ctx, 8, pgSeconds);
    ctx.progress.say(`raw PostgreSQL: ${pg1.toFixed(0)} tx/s on 1 connection, ${pg8.toFixed(0)} on 8${bench ? `; pgbench ${bench.toFixed(0)} tps on 8` : ''}`);
    const figures = [
      { id: 'limits.kafka.bulk', label: 'raw kafkajs, produce → consume in bulk', value: k.bulkRate, unit: 'msg/s' },
      { id: 'limits.kafka.steady.p50', label: 'raw kafkajs at 500 msg/s, p50', value: k.steady.p50, unit: 'ms' },
      { id: 'limits.kafka.steady.p99', label: 'raw kafkajs at 500 msg/s, p99', value: k.steady.p99, unit: 'ms' },
      { id: 'limits.pg.tx1', label: 'raw pg insert transactions, 1 connection', value: pg1, unit: 'tx/s' },
      { id: 'limits.pg.tx8', label: 'raw pg insert transactions, 8 connections', value: pg8, unit: 'tx/s' },
    ];
    if (bench !== undefined) figures.push({ id: 'limits.pgbench.tx8', label: 'pgbench insert-only, 8 clients', value: bench, unit: 'tx/s' });
    return {
      figures,
      notes: [
        `Raw kafkajs: one topic of one partition (as one link direction), SCRAM-SHA-512 with its own principal and ACLs, idempotent producer, acks=all, batches of 200 in bulk; messages of ${ENVELOPE_BYTES} bytes. Steady: 500 msg/s in 10-ms ticks for ${seconds} s; latency = consumed − produced.`,
        `Raw PostgreSQL: BEGIN; INSERT one row; COMMIT, on the run's own server (fsync and synchronous commit on), ${pgSeconds} s per configuration.${bench === undefined ? ' pgbench is not installed (or failed; see the log).' : ' pgbench runs the same insert as a custom script (-n, 8 clients, 2 threads).'}`,
      ],
      details: { kafkaSteadySent: k.sent },
    };
  },
};
