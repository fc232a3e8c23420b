import { rmSync } from 'node:fs';
import { Topics } from '#libs/contracts';
import { EmbeddedKafkaCluster, SecretStore, stateDir } from '#libs/infra';
import { CaseDesk, FOOD_LICENCE, newKey, parkedAt, person, waitForDemoCatalog } from './support/cases.js';
import { testSecretsDir } from './support/infra-state.js';
import { DEMO_ENV } from './support/staff.js';
import { eventually, TestNetwork } from './support/test-network.js';

const CITY = '640100000000';
const COUNTY = '640104000000';
const TOWN = '640104100000';
/** Six ports from here (three brokers, three controllers); apart from the shared test broker's. */
const CLUSTER_PORT = Number(process.env.TONGBAN_TEST_CLUSTER_PORT ?? 19300);
/** One intake every this many ms, whatever the broker does. */
const INTERVAL_MS = 250;
/** What the county holds of each case once it arrived and acknowledged it, each step once. */
const COUNTY_STEPS = ['accept', 'acknowledge', 'hand_up', 'intake_complete'];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the network on a three-broker cluster, one broker killed and restarted', () => {
  const cluster = new EmbeddedKafkaCluster({ basePort: CLUSTER_PORT, dataDir: stateDir('test', 'kafka-cluster'), heapMb: 384, secrets: new SecretStore(testSecretsDir()).admin() });
  let net: TestNetwork;
  let desk: CaseDesk;

  beforeAll(async () => {
    rmSync(stateDir('test', 'kafka-cluster'), { recursive: true, force: true });
    await cluster.start();
    net = new TestNetwork(
      [
        { code: CITY, tier: 'city' },
        { code: COUNTY, tier: 'county', parent: CITY },
        { code: TOWN, tier: 'township', parent: COUNTY },
      ],
      DEMO_ENV,
      { brokers: cluster.brokers.join(','), kafkaAdmin: cluster.admin },
    );
    desk = new CaseDesk(net);
    await net.init();
    await net.start();
    await waitForDemoCatalog(net, [{ code: TOWN }]);
  }, 420000);

  afterAll(async () => {
    await net?.stop();
    await cluster.stop();
  });

  it('keeps three replicas of every topic and asks two in sync for a write', async () => {
    const topics = new Topics(net.topicPrefix);
    const names = [topics.link(TOWN, COUNTY), topics.link(COUNTY, TOWN), topics.catalog, '__consumer_offsets'];
    const parts = await cluster.replicas(names);
    expect(new Set(parts.map((p) => p.topic))).toEqual(new Set(names));
    for (const p of parts) expect({ topic: p.topic, replicas: p.replicas.length }).toEqual({ topic: p.topic, replicas: 3 });
    for (const t of names) {
      expect(await cluster.topicConfig(t, ['min.insync.replicas', 'unclean.leader.election.enable'])).toEqual({ 'min.insync.replicas': '2', 'unclean.leader.election.enable': 'false' });
    }
  });

  it('takes cases in while the leader of the link to the county is killed and restarted: each arrives and is acknowledged exactly once', async () => {
    const linkUp = new Topics(net.topicPrefix).link(TOWN, COUNTY);
    await desk.session(TOWN, 'clerk');
    type Answer = { status: number; caseNumber?: string; body: unknown; key: string; request: Record<string, unknown> };
    const answers: Array<Promise<Answer>> = [];
    let taking = true;
    // A steady rate: each intake starts on its tick, not after the previous one answered.
    const load = (async () => {
      for (let i = 0; taking; i++) {
        const tick = Date.now();
        const key = newKey();
        const request = { itemCode: FOOD_LICENCE.code, applicant: person(`集群${i}`), channel: '1', materials: FOOD_LICENCE.materials };
        answers.push(
          desk.intake(TOWN, 'clerk', request, key).then(
            (res): Answer => ({ status: res.status, caseNumber: (res.body as { caseNumber?: string }).caseNumber, body: res.body, key, request }),
            (err: Error): Answer => ({ status: 0, body: err.message, key, request }),
          ),
        );
        await sleep(Math.max(0, INTERVAL_MS - (Date.now() - tick)));
      }
    })();
    await sleep(3000);
    const leader = await cluster.leaderOf(linkUp);
    expect(leader).toBeDefined();
    const victim = cluster.indexOf(leader!);
    await cluster.kill(victim);
    // The partition moves to a surviving replica (after the controller fences the dead broker).
    const next = await eventually(() => cluster.leaderOf(linkUp), (l) => l !== undefined && l !== leader, 60000, 250);
    expect(next).not.toBe(leader);
    await sleep(1000);
    await cluster.restart(victim);
    // Cases taken in once the broker is back, too.
    await sleep(3000);
    taking = false;
    await load;
    const answered = await Promise.all(answers);

    // Intake commits to the township's database and outbox, not to the broker: the outage should fail
    // none. One that did fail must have failed cleanly (an HTTP error with its code, not a broken
    // connection), and the clerk's retry with the same Idempotency-Key then takes it in once.
    const failed = answered.filter((a) => a.status !== 201);
    for (const f of failed) expect({ status: f.status >= 400, code: typeof (f.body as { code?: unknown }).code }).toEqual({ status: true, code: 'string' });
    const retried = await Promise.all(
      failed.map(async (f) => {
        const res = await desk.intake(TOWN, 'clerk', f.request, f.key);
        expect(res.status).toBe(201);
        return { ...f, status: res.status, caseNumber: (res.body as { caseNumber: string }).caseNumber };
      }),
    );
    const taken = [...answered.filter((a) => a.status === 201), ...retried];
    expect(taken.length).toBeGreaterThanOrEqual(40);
    const numbers = taken.map((a) => a.caseNumber!);
    expect(new Set(numbers).size).toBe(numbers.length);

    // Every case arrives at the county and its acknowledgement comes back to the township.
    const arrived = async () =>
      Number((await net.query<{ n: string }>(COUNTY, "select count(*)::text as n from case_file where case_number = any($1) and holder = $2 and status = 'accepted'", [numbers, COUNTY]))[0]!.n);
    await eventually(arrived, (n) => n === numbers.length, 90000, 500);
    const acknowledged = async () =>
      Number((await net.query<{ n: string }>(TOWN, "select count(*)::text as n from case_file where case_number = any($1) and holder = $2 and status = 'accepted'", [numbers, COUNTY]))[0]!.n);
    await eventually(acknowledged, (n) => n === numbers.length, 90000, 500);

    // Exactly once: one copy per case, each step once, at the county and at the township; nothing else came.
    for (const code of [COUNTY, TOWN]) {
      const files = await net.query<{ n: string }>(code, 'select count(*)::text as n from case_file');
      expect({ code, files: Number(files[0]!.n) }).toEqual({ code, files: numbers.length });
      const steps = await net.query<{ case_number: string; action: string; n: number }>(
        code,
        'select case_number, action, count(*)::int as n from case_step where case_number = any($1) group by 1, 2 order by 1, 2',
        [numbers],
      );
      const twice = steps.filter((s) => s.n !== 1);
      expect({ code, twice }).toEqual({ code, twice: [] });
      const byCase = new Map<string, string[]>();
      for (const s of steps) byCase.set(s.case_number, [...(byCase.get(s.case_number) ?? []), s.action]);
      const odd = numbers.filter((n) => JSON.stringify(byCase.get(n)) !== JSON.stringify(COUNTY_STEPS));
      expect({ code, odd: odd.map((n) => ({ n, steps: byCase.get(n) })) }).toEqual({ code, odd: [] });
    }
    expect(await parkedAt(net, COUNTY)).toEqual([]);
    expect(await parkedAt(net, TOWN)).toEqual([]);
    // The restarted broker caught up: every replica in sync again.
    await cluster.waitInSync([linkUp, new Topics(net.topicPrefix).link(COUNTY, TOWN)]);
  });
});
