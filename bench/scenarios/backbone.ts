/**
 * 2a. The backbone between two real nodes: a county's outbox to a township's applied inbox
 * (commit → NOTIFY → relay → broker → consumer → inbox transaction → effect), read against the raw
 * kafkajs loop of the limits scenario on the same broker in the same run:
 * - bulk: N pings written in one transaction at the county, time until the township applied the last;
 * - steady: 500 pings/s in 10-ms ticks (as the raw loop), latency = applied − written, per event;
 * - the township's resident memory at rest (after start, idle) and after the load.
 * The pings carry a message of about envelope size (~1.9 KB as sent), as limits.kafka.bulk's messages.
 */
import type { BenchNetwork } from '../support/harness.js';
import { call, infrastructureProcesses, signIn } from '../support/harness.js';
import { type BenchContext, measured, type Scenario, type ScenarioOutput } from '../support/scenario.js';
import { CpuMeter, cores, type Metered, rssMiB, sleep, summary } from '../support/stats.js';

export const CITY = '640100000000';
export const COUNTY = '640104000000';
export const TOWNSHIP = '640104100000';

/**
 * 500 CJK characters (the payload's cap), 1,500 bytes in UTF-8: with the envelope's own fields the
 * message the relay sends is about 1.9 KB, near a case event handed up between nodes (~2.4 KB).
 */
export const PING_MESSAGE = '通办骨干网基准测试消息'.repeat(50).slice(0, 500);

export function backboneNetwork(ctx: BenchContext, prefix: string): BenchNetwork {
  return ctx.harness.network(prefix, [
    { code: CITY, name: '银川市', tier: 'city', process: false },
    { code: COUNTY, name: '兴庆区', tier: 'county', parent: CITY },
    { code: TOWNSHIP, name: '掌政镇', tier: 'township', parent: COUNTY },
  ]);
}

/** Posts `count` pings from the county to the township, at most 20,000 (the DTO's cap) per call. */
export async function sendPings(url: string, auth: Record<string, string>, count: number, keyPrefix: string, keys = 20): Promise<void> {
  for (let sent = 0; sent < count; sent += 20000) {
    await call(`${url}/diagnostics/pings`, 'POST', auth, { target: TOWNSHIP, message: PING_MESSAGE, count: Math.min(20000, count - sent), keys, keyPrefix });
  }
}

export async function countApplied(net: BenchNetwork, keyPrefix: string): Promise<number> {
  const [row] = await net.sql<{ n: string }>(TOWNSHIP, 'select count(*)::text as n from diagnostic_ping where key like $1', [`${keyPrefix}-%`]);
  return Number(row?.n ?? 0);
}

export const backbone: Scenario = {
  id: 'backbone',
  title: '2a. Backbone, county → township',
  async run(ctx): Promise<ScenarioOutput> {
    const bulk = ctx.smoke ? 2000 : 20000;
    const rate = 500;
    const seconds = ctx.smoke ? 3 : 15;
    const restSeconds = ctx.smoke ? 5 : 60;
    const net = backboneNetwork(ctx, 'bb');
    await net.provision();
    try {
      ctx.progress.say('starting the county and the township ...');
      await net.start();
      const county = net.node(COUNTY);
      const township = net.node(TOWNSHIP);
      ctx.progress.say(`both up; ${restSeconds} s at rest before measuring memory ...`);
      await sleep(restSeconds * 1000);
      const rest = { county: rssMiB(county.pid!), township: rssMiB(township.pid!) };
      ctx.progress.say(`at rest: county ${rest.county.toFixed(0)} MiB, township ${rest.township.toFixed(0)} MiB resident`);
      const auth = await signIn(county.url, 'admin');
      const cpu = new CpuMeter(() => new Map<string, Metered>([['county', county.pid], ['township', township.pid], ...infrastructureProcesses(ctx.harness)]));

      // Bulk: one transaction of N pings, time until the township applied the last.
      ctx.progress.say(`bulk: ${bulk} pings in one transaction, county → township ...`);
      cpu.begin();
      const t0 = Date.now();
      await sendPings(county.url, auth, bulk, 'bulk');
      const tCommitted = Date.now();
      let tPublished = 0;
      for (;;) {
        const n = await countApplied(net, 'bulk');
        if (!tPublished) {
          const [o] = await net.sql<{ n: string }>(COUNTY, 'select count(*)::text as n from outbox where published_at is null');
          if (Number(o?.n) === 0) tPublished = Date.now();
        }
        ctx.progress.status(`bulk: ${n}/${bulk} applied`);
        if (n >= bulk) break;
        await sleep(50);
      }
      const bulkSeconds = (Date.now() - t0) / 1000;
      const bulkCpu = cpu.end();
      const bulkRate = bulk / bulkSeconds;
      ctx.progress.say(
        `bulk: ${bulkRate.toFixed(0)} events/s (written ${((tCommitted - t0) / 1000).toFixed(1)} s, all published ${(((tPublished || Date.now()) - t0) / 1000).toFixed(1)} s, all applied ${bulkSeconds.toFixed(1)} s)`,
      );

      // Steady: a call every 10 ms with the pings due by then (5 when the county answers in time), so
      // the offered rate holds even when a call takes longer than a tick.
      ctx.progress.say(`steady: ${rate} pings/s for ${seconds} s ...`);
      cpu.begin();
      const start = Date.now();
      const end = start + seconds * 1000;
      let sent = 0;
      let calls = 0;
      while (Date.now() < end) {
        const tick = Date.now();
        const due = Math.max(1, Math.round(((tick - start + 10) * rate) / 1000) - sent);
        await call(`${county.url}/diagnostics/pings`, 'POST', auth, { target: TOWNSHIP, message: PING_MESSAGE, count: due, keys: 20, keyPrefix: 'steady' });
        sent += due;
        calls++;
        await sleep(Math.max(0, 10 - (Date.now() - tick)));
      }
      const deadline = Date.now() + 60000;
      while ((await countApplied(net, 'steady')) < sent && Date.now() < deadline) await sleep(50);
      const steadyCpu = cpu.end();
      const rssLoad = { county: rssMiB(county.pid!), township: rssMiB(township.pid!) };
      const rows = await net.sql<{ ms: number }>(TOWNSHIP, `select extract(epoch from (received_at - occurred_at))::float8 * 1000 as ms from diagnostic_ping where key like 'steady-%'`);
      const lat = summary(rows.map((r) => Number(r.ms)));
      const tickRate = sent / seconds;
      ctx.progress.say(`steady: ${tickRate.toFixed(0)} pings/s offered, p50 ${lat.p50.toFixed(1)} ms, p99 ${lat.p99.toFixed(1)} ms over ${lat.n} events; township ${rssLoad.township.toFixed(0)} MiB after load`);
      // Where the time goes, per event: written (outbox row) → published (acknowledged, marked) → applied.
      const out = await net.sql<{ id: string; occ: number; pub: number }>(
        COUNTY,
        `select event_id::text as id, extract(epoch from (created_at - (envelope->>'occurredAt')::timestamptz))::float8 * 1000 as occ, extract(epoch from (published_at - created_at))::float8 * 1000 as pub from outbox where key like 'steady-%'`,
      );
      const recv = new Map(
        (await net.sql<{ id: string; at: number }>(TOWNSHIP, `select event_id::text as id, extract(epoch from received_at)::float8 * 1000 as at from diagnostic_ping where key like 'steady-%'`)).map((r) => [r.id, Number(r.at)]),
      );
      const pubAt = new Map((await net.sql<{ id: string; at: number }>(COUNTY, `select event_id::text as id, extract(epoch from published_at)::float8 * 1000 as at from outbox where key like 'steady-%'`)).map((r) => [r.id, Number(r.at)]));
      const phases = {
        occurredToRow: summary(out.map((r) => Number(r.occ))),
        rowToPublished: summary(out.map((r) => Number(r.pub))),
        publishedToApplied: summary(out.filter((r) => recv.has(r.id) && pubAt.has(r.id)).map((r) => recv.get(r.id)! - pubAt.get(r.id)!)),
      };
      ctx.progress.say(
        `steady phases p50/p99 ms: occurred → outbox row ${phases.occurredToRow.p50.toFixed(1)}/${phases.occurredToRow.p99.toFixed(1)}, row → published ${phases.rowToPublished.p50.toFixed(1)}/${phases.rowToPublished.p99.toFixed(1)}, published → applied ${phases.publishedToApplied.p50.toFixed(1)}/${phases.publishedToApplied.p99.toFixed(1)}`,
      );
      const [size] = await net.sql<{ b: number }>(COUNTY, `select avg(octet_length(envelope::text))::float8 as b from outbox where key like 'steady-%'`);

      for (const p of ['county', 'township'] as const) {
        ctx.samples.push({ scenario: 'backbone', process: `${p} (backbone)`, rssAtRestMiB: rest[p], rssUnderLoadMiB: rssLoad[p], cpuCores: bulkCpu.perProcess[p] });
      }
      const kafkaBulk = measured(ctx, 'limits.kafka.bulk');
      const kafkaP99 = measured(ctx, 'limits.kafka.steady.p99');
      return {
        figures: [
          {
            id: 'backbone.bulk',
            label: `backbone in bulk, ${bulk} events commit → applied`,
            value: bulkRate,
            unit: 'events/s',
            denominator: { label: 'raw kafkajs bulk', value: kafkaBulk, unit: 'msg/s', minShare: 0.25 },
          },
          { id: 'backbone.steady.p50', label: `backbone at ${rate}/s, p50 written → applied`, value: lat.p50, unit: 'ms', denominator: { label: 'raw kafkajs p50', value: measured(ctx, 'limits.kafka.steady.p50'), unit: 'ms' } },
          {
            id: 'backbone.steady.p99',
            label: `backbone at ${rate}/s, p99 written → applied`,
            value: lat.p99,
            unit: 'ms',
            target: { kind: 'max', value: 20 },
            denominator: { label: 'raw kafkajs p99', value: kafkaP99, unit: 'ms' },
          },
          { id: 'backbone.township.rssAtRest', label: `township resident memory at rest (${restSeconds} s after start)`, value: rest.township, unit: 'MiB', target: { kind: 'max', value: 150 } },
          { id: 'backbone.county.rssAtRest', label: `county resident memory at rest (${restSeconds} s after start)`, value: rest.county, unit: 'MiB' },
          { id: 'backbone.township.rssAfterLoad', label: 'township resident memory after the load', value: rssLoad.township, unit: 'MiB' },
        ],
        notes: [
          `A county and a township as real node processes (the city only in the topology); pings (diagnostics, POST /diagnostics/pings as the node administrator) with a 500-character message, ${Math.round(size?.b ?? 0)} bytes per envelope as stored, over 20 keys.`,
          `Bulk: ${bulk} pings written in one transaction; rate = ${bulk} / (time from the call to the last applied); all published by the relay at ${(((tPublished || Date.now()) - t0) / 1000).toFixed(1)} s. Steady: a call every 10 ms (each answered before the next) with the pings due at ${rate}/s, for ${seconds} s: ${tickRate.toFixed(0)}/s offered in ${calls} calls (${(sent / calls).toFixed(1)} pings per call); latency = the township's received_at − the envelope's occurredAt (same clock).`,
          `Memory: VmRSS of each node process ${restSeconds} s after it was healthy, and after the steady load. CPU (cores) in bulk: ${cores(bulkCpu)}; steady: ${cores(steadyCpu)}.`,
        ],
        details: { bulk, steadySent: sent, steady: lat, steadyPhases: phases, rest, rssLoad, bulkCpu, steadyCpu, envelopeBytes: size?.b, phases: { writtenMs: tCommitted - t0, publishedMs: tPublished ? tPublished - t0 : null, appliedMs: bulkSeconds * 1000 } },
      };
    } finally {
      await net.stop();
    }
  },
};
