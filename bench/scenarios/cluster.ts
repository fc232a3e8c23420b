/**
 * The network on the three-broker KRaft cluster (replication factor 3, min.insync.replicas 2), one
 * broker killed (SIGKILL) mid-run and restarted: real township nodes take cases in over HTTP at a
 * steady rate (a county licence with complete materials: accepted and handed up in one step), the
 * county acknowledges each into its inbox. Counted from the nodes' databases: cases taken in,
 * arrived, lost, applied twice, the longest time without an arrival around the kill, and the
 * intake → inbox latency before and after the kill. The cluster is its own (ports from
 * BENCH_CLUSTER_PORT, six of them); the PostgreSQL is the harness's.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { Topics } from '#libs/contracts';
import { residentIdCheckChar } from '#libs/domain';
import { EmbeddedKafkaCluster } from '#libs/infra';
import { signIn } from '../support/harness.js';
import type { Figure } from '../support/report.js';
import type { BenchContext, Scenario, ScenarioOutput } from '../support/scenario.js';
import { CpuMeter, rssMiB, sleep, summary } from '../support/stats.js';

const CLUSTER_PORT = Number(process.env.BENCH_CLUSTER_PORT ?? 29700);
const HEAP_MB = 448;
const CITY = '640100000000';
const COUNTY = '640104000000';
const TOWNSHIPS = ['640104100000', '640104200000'];

/** 食品经营许可 with every material on its checklist: accepted and handed up to the county at intake. */
const FOOD_LICENCE = {
  itemCode: '01010040004640100001',
  channel: '1',
  materials: [
    { name: '食品经营许可申请书', originals: 1, copies: 0 },
    { name: '营业执照', originals: 0, copies: 1 },
    { name: '与食品经营相适应的主要设备设施、经营布局、操作流程等文件', originals: 1, copies: 0 },
    { name: '食品安全自查、从业人员健康管理、进货查验记录等食品安全规章制度目录', originals: 1, copies: 0 },
  ],
};

let serial = 0;
function applicant() {
  serial += 1;
  const first17 = `6401041980${String(101 + Math.floor(serial / 1000) % 28).padStart(4, '0')}${String(serial % 1000).padStart(3, '0')}`;
  return { kind: 'person', name: `集群申请人${serial}`, idNumber: `${first17}${residentIdCheckChar(first17)}`, phone: '13995012345', address: '银川市兴庆区掌政镇测试村 1 号' };
}

interface Intake {
  township: string;
  sentAt: number;
  status: number;
  caseNumber?: string;
}

/** Polls until every township has the city's demo catalog (the item must be known to take it in). */
async function waitForCatalog(urls: string[]): Promise<void> {
  const deadline = Date.now() + 120000;
  for (const url of urls) {
    for (;;) {
      const s = await fetch(`${url}/public/catalog/status`).then((r) => (r.ok ? (r.json() as Promise<{ cityVersion: number }>) : undefined)).catch(() => undefined);
      if ((s?.cityVersion ?? 0) >= 1) break;
      if (Date.now() > deadline) throw new Error(`${url} has no catalog after 120 s`);
      await sleep(500);
    }
  }
}

export const cluster: Scenario = {
  id: 'cluster',
  title: '7. Three-broker cluster, one broker killed',
  async run(ctx: BenchContext): Promise<ScenarioOutput> {
    const h = ctx.harness;
    const townships = ctx.smoke ? TOWNSHIPS.slice(0, 1) : TOWNSHIPS;
    const ratePerTownship = 4;
    const warmSeconds = ctx.smoke ? 3 : 20;
    // The load runs on for this long after the kill, and at least `recoveredSeconds` after the restart.
    const afterSeconds = ctx.smoke ? 14 : 40;
    const recoveredSeconds = ctx.smoke ? 4 : 15;
    const dataDir = join(h.root, 'kafka-cluster');
    rmSync(dataDir, { recursive: true, force: true });
    const kafka = new EmbeddedKafkaCluster({ basePort: CLUSTER_PORT, dataDir, heapMb: HEAP_MB, secrets: h.secrets.admin() });
    const prefix = ctx.smoke ? 'bench-cluster-smoke' : 'bench-cluster';
    const net = h.network(
      prefix,
      [
        { code: CITY, name: '银川市政务服务中心', tier: 'city' },
        { code: COUNTY, name: '兴庆区政务服务中心', tier: 'county', parent: CITY },
        ...townships.map((code, i) => ({ code, name: `乡镇 ${i + 1}`, tier: 'township' as const, parent: COUNTY })),
      ],
      { brokers: kafka.brokers, admin: kafka.admin },
    );
    try {
      let t = Date.now();
      ctx.progress.say(`starting the three-broker cluster on ${kafka.brokers.join(', ')} ...`);
      await kafka.start();
      const clusterStartSeconds = (Date.now() - t) / 1000;
      t = Date.now();
      await net.provision();
      await net.start();
      await waitForCatalog(townships.map((c) => net.node(c).url));
      ctx.progress.say(`cluster up in ${clusterStartSeconds.toFixed(1)} s; ${net.nodes.size} nodes up in ${((Date.now() - t) / 1000).toFixed(1)} s`);
      const clerks = new Map(await Promise.all(townships.map(async (c) => [c, await signIn(net.node(c).url, 'clerk')] as const)));

      const topics = new Topics(prefix);
      const intakes: Intake[] = [];
      const pending: Promise<void>[] = [];
      let taking = true;
      const loops = townships.map(async (code) => {
        const url = `${net.node(code).url}/cases`;
        for (let i = 0; taking; i++) {
          const tick = Date.now();
          const rec: Intake = { township: code, sentAt: tick, status: 0 };
          intakes.push(rec);
          // On its tick, whatever the previous one is doing: a steady rate, not a closed loop.
          pending.push(
            fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': `cluster-${code}-${i}-${tick}`, ...clerks.get(code)! }, body: JSON.stringify({ ...FOOD_LICENCE, applicant: applicant() }) })
              .then(async (res) => {
                rec.status = res.status;
                if (res.status === 201) rec.caseNumber = ((await res.json()) as { caseNumber: string }).caseNumber;
                else await res.text();
              })
              .catch(() => undefined),
          );
          await sleep(Math.max(0, 1000 / ratePerTownship - (Date.now() - tick)));
        }
      });
      const pids = () => new Map<string, number | undefined>([...kafka.nodes.map((n, i) => [`kafka node ${n.id}`, kafka.pid(i)] as const), ...[...net.nodes].map(([c, p]) => [c, p.pid] as const)]);
      const cpu = new CpuMeter(pids);
      cpu.begin();
      const loadStart = Date.now();
      ctx.progress.say(`taking cases in at ${townships.length} × ${ratePerTownship}/s; the kill comes after ${warmSeconds} s`);
      await sleep(warmSeconds * 1000);
      const rss = new Map([...pids()].map(([k, pid]) => [k, pid ? rssMiB(pid) : NaN]));
      const link = topics.link(townships[0]!, COUNTY);
      const leader = await kafka.leaderOf(link);
      if (leader === undefined) throw new Error(`${link} has no leader before the kill`);
      const controller = (await kafka.describe()).controller;
      const victim = kafka.indexOf(leader);
      const killedAt = Date.now();
      await kafka.kill(victim);
      ctx.progress.say(`killed broker ${leader} (leader of ${link}${controller === leader ? ', and the active controller' : ''})`);
      let movedAt = NaN;
      for (;;) {
        const l = await kafka.leaderOf(link).catch(() => undefined);
        if (l !== undefined && l !== leader) {
          movedAt = Date.now();
          break;
        }
        if (Date.now() - killedAt > 60000) throw new Error(`${link} found no new leader within 60 s`);
        await sleep(200);
      }
      ctx.progress.say(`new leader after ${((movedAt - killedAt) / 1000).toFixed(1)} s; restarting broker ${leader}`);
      await sleep(2000);
      const restartAt = Date.now();
      await kafka.restart(victim);
      const restartedAt = Date.now();
      ctx.progress.say(`broker ${leader} back after ${((restartedAt - restartAt) / 1000).toFixed(1)} s`);
      await sleep(Math.max(0, killedAt + afterSeconds * 1000 - Date.now(), restartedAt + recoveredSeconds * 1000 - Date.now()));
      taking = false;
      await Promise.all(loops);
      await Promise.all(pending);
      const loadEnd = Date.now();
      const cpuUse = cpu.end();

      const taken = intakes.filter((r) => r.caseNumber !== undefined);
      const numbers = taken.map((r) => r.caseNumber!);
      ctx.progress.say(`${intakes.length} intakes, ${taken.length} answered 201; waiting for the county to have each`);
      const arrivals = async () =>
        h.sql<{ case_number: string; at: string }>(
          net.database(COUNTY),
          "select case_number, (extract(epoch from recorded_at) * 1000)::bigint::text as at from case_step where action = 'acknowledge' and case_number = any($1)",
          [numbers],
        );
      // Acknowledged back: the township's copy shows the county holding it, accepted.
      const acknowledgedBack = async () => {
        let n = 0;
        for (const code of townships) {
          const mine = taken.filter((r) => r.township === code).map((r) => r.caseNumber!);
          const rows = await h.sql<{ n: string }>(net.database(code), "select count(*)::text as n from case_file where case_number = any($1) and holder = $2 and status = 'accepted'", [mine, COUNTY]);
          n += Number(rows[0]!.n);
        }
        return n;
      };
      let arrived = await arrivals();
      let acknowledged = await acknowledgedBack();
      const drainDeadline = Date.now() + 120000;
      while ((new Set(arrived.map((a) => a.case_number)).size < numbers.length || acknowledged < numbers.length) && Date.now() < drainDeadline) {
        ctx.progress.status(`arrived ${new Set(arrived.map((a) => a.case_number)).size}/${numbers.length}, acknowledged back ${acknowledged}`);
        await sleep(500);
        arrived = await arrivals();
        acknowledged = await acknowledgedBack();
      }
      const arrivedSet = new Set(arrived.map((a) => a.case_number));
      // Applied twice: any step of these cases recorded more than once at any node, or a copy for a case nobody took in.
      let twice = 0;
      for (const code of [COUNTY, ...townships]) {
        const rows = await h.sql<{ n: string }>(
          net.database(code),
          'select coalesce(sum(n - 1), 0)::text as n from (select count(*) as n from case_step where case_number = any($1) group by case_number, action) s',
          [numbers],
        );
        twice += Number(rows[0]!.n);
      }
      const [extra] = await h.sql<{ n: string }>(net.database(COUNTY), 'select count(*)::text as n from case_file where not (case_number = any($1))', [numbers]);

      // Progress: arrivals at the county's inbox; the longest stretch without one, from just before the kill to the end of the load.
      const sentAt = new Map(taken.map((r) => [r.caseNumber!, r.sentAt]));
      const times = arrived.map((a) => Number(a.at)).sort((a, b) => a - b);
      const windowStart = killedAt - 1000;
      const inWindow = [windowStart, ...times.filter((x) => x >= windowStart && x <= loadEnd), loadEnd];
      let gap = 0;
      for (let i = 1; i < inWindow.length; i++) gap = Math.max(gap, inWindow[i]! - inWindow[i - 1]!);
      const latency = (from: number, to: number) => summary(arrived.filter((a) => sentAt.get(a.case_number)! >= from && sentAt.get(a.case_number)! < to).map((a) => Number(a.at) - sentAt.get(a.case_number)!));
      // Before: taken in at least 2 s before the kill, so that none was still on its way when it came.
      const before = latency(0, killedAt - 2000);
      const outage = latency(killedAt - 2000, restartedAt);
      const after = latency(restartedAt, Infinity);
      const refused = intakes.filter((r) => r.status !== 201).length;

      for (const [process, pid] of pids()) {
        ctx.samples.push({ scenario: 'cluster', process, rssUnderLoadMiB: rss.get(process) ?? (pid ? rssMiB(pid) : NaN), cpuCores: cpuUse.perProcess[process] });
      }
      const figures: Figure[] = [
        { id: 'cluster.taken', label: 'cases taken in (201) during the run', value: taken.length, unit: 'cases' },
        { id: 'cluster.intakeRefused', label: 'intakes not answered 201 (any cause)', value: refused, unit: 'requests', target: { kind: 'max', value: 1 } },
        { id: 'cluster.arrived', label: "arrived in the county's inbox", value: arrivedSet.size, unit: 'cases' },
        { id: 'cluster.acknowledged', label: 'acknowledgement back at the township', value: acknowledged, unit: 'cases' },
        { id: 'cluster.lost', label: 'lost (taken in, never arrived or acknowledged)', value: numbers.length - Math.min(arrivedSet.size, acknowledged), unit: 'cases', target: { kind: 'max', value: 1 } },
        { id: 'cluster.twice', label: 'applied twice (steps recorded more than once, or unknown copies)', value: twice + Number(extra!.n), unit: 'steps', target: { kind: 'max', value: 1 } },
        { id: 'cluster.failover', label: 'kill → new leader of the link', value: (movedAt - killedAt) / 1000, unit: 's' },
        { id: 'cluster.gap', label: 'longest time without an arrival around the kill', value: gap / 1000, unit: 's' },
        { id: 'cluster.before.p50', label: 'intake → inbox before the kill, p50', value: before.p50, unit: 'ms' },
        { id: 'cluster.before.p99', label: 'intake → inbox before the kill, p99', value: before.p99, unit: 'ms' },
        { id: 'cluster.outage.p50', label: 'intake → inbox, taken in from 2 s before the kill to the restart, p50', value: outage.p50, unit: 'ms' },
        { id: 'cluster.outage.p99', label: 'intake → inbox, taken in from 2 s before the kill to the restart, p99', value: outage.p99, unit: 'ms' },
        { id: 'cluster.after.p50', label: 'intake → inbox after the restart, p50', value: after.p50, unit: 'ms' },
        { id: 'cluster.after.p99', label: 'intake → inbox after the restart, p99', value: after.p99, unit: 'ms' },
      ];
      return {
        figures,
        notes: [
          `Three KRaft nodes (broker and controller voter each, ${HEAP_MB} MB heap), every topic replication factor 3, min.insync.replicas 2, unclean leader election off; nodes produce with acks=all (idempotent).`,
          `${townships.length} township node process(es) each taking in ${ratePerTownship} cases/s over HTTP (食品经营许可, complete: accepted and handed up at intake) for ${((loadEnd - loadStart) / 1000).toFixed(0)} s; a city and a county node; PostgreSQL is the run's (fsync on).`,
          `After ${warmSeconds} s the leader of ${link} (broker ${leader}${controller === leader ? ', also the active controller' : ''}) was SIGKILLed; a new leader after ${((movedAt - killedAt) / 1000).toFixed(1)} s (the controller fences a broker whose heartbeats stop after broker.session.timeout.ms, 9 s by default); restarted 2 s later, back in ${((restartedAt - restartAt) / 1000).toFixed(1)} s.`,
          `Latency windows by intake time: before = up to 2 s before the kill (${before.n} cases), outage = from then to the killed broker's return (${outage.n}), after = once it was back (${after.n}).`,
          'Arrival = the county\'s acknowledge step (it puts the case in the inbox); "lost" would be a case whose intake answered 201 without it arriving within 120 s after the load.',
          'Longest time without an arrival: between consecutive arrivals from any township, from 1 s before the kill to the end of the load (a link the dead broker did not lead keeps arriving meanwhile).',
        ],
        details: { clusterStartSeconds, leader, controller, killedAtMs: killedAt - loadStart, restartedAtMs: restartedAt - loadStart, before, outage, after, cpu: cpuUse },
      };
    } finally {
      await net.stop();
      await kafka.stop();
    }
  },
};
