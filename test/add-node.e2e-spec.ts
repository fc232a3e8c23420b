import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { projectRoot, stateDir } from '#libs/infra';
import { sendPings } from './support/pings.js';
import { DEMO_ENV } from './support/staff.js';
import { eventually, TestNetwork } from './support/test-network.js';

const CITY = '640100000000';
const COUNTY = '640104000000';
const ZHANGZHENG = '640104100000';
const TONGGUI = '640104200000';

describe('adding a township to a running deployment, as docs/topics.md describes', () => {
  const net = new TestNetwork(
    [
      { code: CITY, tier: 'city' },
      { code: COUNTY, tier: 'county', parent: CITY },
      { code: ZHANGZHENG, tier: 'township', parent: COUNTY },
    ],
    DEMO_ENV,
  );
  const pingsAt = (code: string, key: string) => net.query<{ source: string; observed: boolean }>(code, 'select source, observed from diagnostic_ping where key = $1', [key]);

  /** `tongban provision`, as an operator runs it against the running broker with the cluster admin's credentials. */
  const provisionWithCli = () =>
    spawnSync(process.execPath, [join(projectRoot(), 'dist/apps/cli/src/main.js'), 'provision'], {
      env: {
        PATH: process.env.PATH ?? '',
        TONGBAN_STATE_DIR: stateDir('test'),
        TONGBAN_TOPOLOGY: net.topologyFile,
        TONGBAN_TOPIC_PREFIX: net.topicPrefix,
        TONGBAN_KAFKA_BROKERS: net.infra.brokers,
        TONGBAN_KAFKA_ADMIN_USERNAME: net.infra.kafkaAdmin!.username,
        TONGBAN_KAFKA_ADMIN_PASSWORD: net.infra.kafkaAdmin!.password,
      },
      encoding: 'utf8',
      timeout: 120000,
    });

  beforeAll(async () => {
    await net.init();
    await net.start();
  });

  afterAll(async () => {
    await net.stop();
  });

  it('provisions the new node with `tongban provision`, and after its parent and the city restart, it talks to both', async () => {
    // 1. The operator adds 通贵乡 to the topology file.
    await net.addNode({ code: TONGGUI, tier: 'township', parent: COUNTY, name: '通贵乡' });

    // 2. `tongban provision` against the running broker, as the cluster's admin: its principal, topics and ACLs.
    const run = provisionWithCli();
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Broker provisioned: 4 node principals');

    // 3. Its parent and the city restart (they read the topology at start); then the new node starts.
    await Promise.all([net.node(COUNTY).stop(), net.node(CITY).stop()]);
    await net.start([COUNTY, CITY, TONGGUI]);

    await sendPings(net.url(COUNTY), { target: TONGGUI, message: '欢迎通贵乡', keyPrefix: 'welcome' });
    await sendPings(net.url(TONGGUI), { target: COUNTY, message: '通贵乡报到', keyPrefix: 'hello' });
    await sendPings(net.url(CITY), { target: TONGGUI, message: '市中心直达', keyPrefix: 'direct' });
    expect(await eventually(() => pingsAt(TONGGUI, 'welcome-0'), (r) => r.length === 1)).toEqual([{ source: COUNTY, observed: false }]);
    expect(await eventually(() => pingsAt(COUNTY, 'hello-0'), (r) => r.length === 1)).toEqual([{ source: TONGGUI, observed: false }]);
    expect(await eventually(() => pingsAt(TONGGUI, 'direct-0'), (r) => r.length === 1)).toEqual([{ source: CITY, observed: false }]);
    // The city observes the new links too.
    expect(await eventually(() => pingsAt(CITY, 'hello-0'), (r) => r.length === 1)).toEqual([{ source: TONGGUI, observed: true }]);
  });

  it('runs `tongban provision` again without changing anything that exists', async () => {
    const run = provisionWithCli();

    expect(run.status).toBe(0);
    expect(run.stdout).toContain('0 new topics');
    // The running nodes keep their secrets: a ping still flows after the second provisioning.
    await sendPings(net.url(ZHANGZHENG), { target: COUNTY, message: 'still here', keyPrefix: 'still' });
    await eventually(() => pingsAt(COUNTY, 'still-0'), (r) => r.length === 1);
  });
});
