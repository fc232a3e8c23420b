/**
 * 6. Resources: a node of each tier at rest (started on a small network, left alone, then its
 * resident memory read from /proc), each process's memory and CPU as the other scenarios recorded
 * them under load, and the broker's topic and partition counts at the end of the run.
 */
import { createKafka } from '#libs/messaging';
import { type Scenario, type ScenarioOutput } from '../support/scenario.js';
import { rssMiB, sleep } from '../support/stats.js';

const CITY = '640100000000';
const COUNTY = '640121000000';
const TOWN = '640121100000';

export const resources: Scenario = {
  id: 'resources',
  title: '6. Resources',
  async run(ctx): Promise<ScenarioOutput> {
    const h = ctx.harness;
    const restSeconds = ctx.smoke ? 5 : 60;
    const net = h.network('rest', [
      { code: CITY, name: '银川市政务服务中心', tier: 'city' },
      { code: COUNTY, name: '永宁县政务服务中心', tier: 'county', parent: CITY },
      { code: TOWN, name: '杨和镇便民服务中心', tier: 'township', parent: COUNTY },
    ]);
    await net.provision();
    const t0 = Date.now();
    const nodes = await net.start();
    const startSeconds = (Date.now() - t0) / 1000;
    ctx.progress.say(`three nodes healthy in ${startSeconds.toFixed(1)} s; at rest for ${restSeconds} s (catalog applied, sweeps and relays idle) ...`);
    await sleep(restSeconds * 1000);
    const rest = Object.fromEntries(nodes.map((n) => [n.opts.tier, rssMiB(n.pid!)]));
    await net.stop();
    ctx.progress.say(`at rest: city ${rest.city?.toFixed(0)} MiB, county ${rest.county?.toFixed(0)} MiB, township ${rest.township?.toFixed(0)} MiB`);

    const admin = createKafka({ brokers: h.brokers, clientId: 'bench-resources', sasl: h.kafkaAdmin }).admin();
    await admin.connect();
    const topics = (await admin.listTopics()).filter((t) => !t.startsWith('__'));
    const meta = await admin.fetchTopicMetadata({ topics });
    await admin.disconnect();
    const partitions = meta.topics.reduce((a, t) => a + t.partitions.length, 0);

    const rows = ctx.samples.map((s) => `| ${s.scenario} | ${s.process} | ${s.rssAtRestMiB?.toFixed(0) ?? ''} | ${s.rssUnderLoadMiB?.toFixed(0) ?? ''} | ${s.cpuCores?.toFixed(2) ?? ''} |`);
    const worst = Math.max(rest.city ?? NaN, rest.county ?? NaN, rest.township ?? NaN);
    return {
      figures: [
        { id: 'resources.rest.township', label: 'township node at rest, resident', value: rest.township ?? NaN, unit: 'MiB', target: { kind: 'max', value: 150 } },
        { id: 'resources.rest.county', label: 'county node at rest, resident', value: rest.county ?? NaN, unit: 'MiB', target: { kind: 'max', value: 150 } },
        { id: 'resources.rest.city', label: 'city node at rest, resident', value: rest.city ?? NaN, unit: 'MiB', target: { kind: 'max', value: 150 } },
        { id: 'resources.start.three', label: 'three nodes (city, county, township) from spawn to healthy', value: startSeconds, unit: 's' },
        { id: 'resources.topics', label: 'topics on the broker at the end of the run (all scenarios)', value: topics.length, unit: 'topics' },
        { id: 'resources.partitions', label: 'partitions of those topics', value: partitions, unit: 'partitions' },
      ],
      notes: [
        `At rest: a city, a county and a township started together on the run's broker and database (demo data: staff, the catalog published and applied), then left alone for ${restSeconds} s; resident set (VmRSS) read from /proc. Largest: ${worst.toFixed(0)} MiB.`,
        'Memory and CPU of each process as the scenarios recorded them (CPU in cores on average over the measured phase; the machine has 2):',
        '',
        '| scenario | process | RSS at rest MiB | RSS under load MiB | CPU cores |',
        '|---|---|---|---|---|',
        ...rows,
      ],
      details: { rest, topics: topics.length, partitions },
    };
  },
};
