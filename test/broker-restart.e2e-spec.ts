import { EmbeddedKafka, SecretStore } from '#libs/infra';
import { sendPings } from './support/pings.js';
import { DEMO_ENV } from './support/staff.js';
import { testSecretsDir } from './support/infra-state.js';
import { eventually, TestNetwork } from './support/test-network.js';

const CITY = '640100000000';
const COUNTY = '640104000000';
const TOWNSHIP = '640104100000';

describe('backbone across a broker restart', () => {
  const net = new TestNetwork([
    { code: CITY, tier: 'city' },
    { code: COUNTY, tier: 'county', parent: CITY },
    { code: TOWNSHIP, tier: 'township', parent: COUNTY },
  ], DEMO_ENV);

  beforeAll(async () => {
    if (!net.infra.kafkaDataDir || !net.infra.kafkaPort) throw new Error('this test restarts the embedded broker; it cannot run against external brokers');
    await net.init();
    await net.start([COUNTY, TOWNSHIP]);
  });

  afterAll(async () => {
    await net.stop();
  });

  it('loses nothing and applies nothing twice when the broker restarts under load', async () => {
    const broker = new EmbeddedKafka({ port: net.infra.kafkaPort!, dataDir: net.infra.kafkaDataDir!, heapMb: 768, secrets: new SecretStore(testSecretsDir()).admin() });
    const applied = async () => Number((await net.query<{ n: string }>(TOWNSHIP, "select count(*)::text as n from diagnostic_ping where key like 'load-%'"))[0]!.n);
    const batches = 10;
    const perBatch = 300;
    let sent = 0;
    // Writes keep arriving while the broker goes down and comes back.
    const load = (async () => {
      for (let i = 0; i < batches; i++) {
        sent += (await sendPings(net.url(COUNTY), { target: TOWNSHIP, message: `batch ${i}`, count: perBatch, keys: 10, keyPrefix: 'load' })).sent;
        await new Promise((r) => setTimeout(r, 300));
      }
    })();
    await eventually(applied, (n) => n > 0, 30000, 50);
    await broker.stop();
    await new Promise((r) => setTimeout(r, 1500));
    await broker.start();
    await load;
    expect(sent).toBe(batches * perBatch);

    await eventually(applied, (n) => n >= sent, 180000, 500);
    const [stats] = await net.query<{ rows: string; distinct: string; broken: string }>(
      TOWNSHIP,
      `with s as (select event_id, key_seq, lag(key_seq) over (partition by key, message order by seq) as prev from diagnostic_ping where key like 'load-%')
       select count(*)::text as rows, count(distinct event_id)::text as distinct,
              count(*) filter (where prev is not null and key_seq <> prev + 1)::text as broken from s`,
    );
    expect(stats).toEqual({ rows: String(sent), distinct: String(sent), broken: '0' });
    const [outbox] = await net.query<{ n: string }>(COUNTY, 'select count(*)::text as n from outbox where published_at is null');
    expect(outbox!.n).toBe('0');
  });
});
