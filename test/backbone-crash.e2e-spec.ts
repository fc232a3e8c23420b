import { eventually, TestNetwork } from './support/test-network.js';
import { health, pingSummary, sendPings } from './support/pings.js';
import { DEMO_ENV } from './support/staff.js';

const CITY = '640100000000';
const COUNTY = '640104000000';
const TOWNSHIP = '640104100000';

describe('backbone under crashes: nothing lost, nothing applied twice', () => {
  const net = new TestNetwork(
    [
      { code: CITY, tier: 'city' },
      { code: COUNTY, tier: 'county', parent: CITY },
      { code: TOWNSHIP, tier: 'township', parent: COUNTY },
    ],
    { TONGBAN_INBOX_BACKOFF_MS: '50', ...DEMO_ENV },
  );
  const outboxRow = async (eventId: string) =>
    (await net.query<{ published: boolean }>(COUNTY, 'select published_at is not null as published from outbox where event_id = $1', [eventId]))[0];
  const received = async (eventId: string) => Number((await net.query<{ n: string }>(TOWNSHIP, 'select count(*)::text as n from diagnostic_ping where event_id = $1', [eventId]))[0]!.n);

  beforeAll(async () => {
    await net.init();
    await net.start([TOWNSHIP]);
  });

  afterAll(async () => {
    await net.stop();
  });

  it('delivers an event committed just before the relay crashed, once, after a restart', async () => {
    const county = net.node(COUNTY);
    county.start({ TONGBAN_FAULTS: 'relay.before-publish@diagnostics.ping' });
    await county.waitHealthy();
    const sent = await sendPings(county.url, { target: TOWNSHIP, message: 'committed, then crash', keyPrefix: 'crash-a' });
    await eventually(async () => county.exitSignal, (s) => s === 'SIGKILL', 30000);
    expect(await outboxRow(sent.firstEventId)).toEqual({ published: false });
    expect(await received(sent.firstEventId)).toBe(0);

    await net.start([COUNTY]);
    await eventually(() => received(sent.firstEventId), (n) => n === 1);
    expect(await outboxRow(sent.firstEventId)).toEqual({ published: true });
  });

  it('ignores the duplicate when the relay crashed after publishing but before marking the row sent', async () => {
    const county = net.node(COUNTY);
    await county.stop();
    const before = Number((await health(net.url(TOWNSHIP))).checks.consumer!.duplicates);
    county.start({ TONGBAN_FAULTS: 'relay.after-publish-before-mark@diagnostics.ping' });
    await county.waitHealthy();
    const sent = await sendPings(county.url, { target: TOWNSHIP, message: 'published, then crash', keyPrefix: 'crash-b' });
    await eventually(async () => county.exitSignal, (s) => s === 'SIGKILL', 30000);
    // It reached the broker and the township, but the outbox still says "not sent".
    await eventually(() => received(sent.firstEventId), (n) => n === 1);
    expect(await outboxRow(sent.firstEventId)).toEqual({ published: false });

    await net.start([COUNTY]);
    await eventually(() => outboxRow(sent.firstEventId), (r) => r?.published === true);
    // The restarted relay published it again; the township saw the copy and ignored it.
    await eventually(async () => Number((await health(net.url(TOWNSHIP))).checks.consumer!.duplicates), (n) => n === before + 1);
    expect(await received(sent.firstEventId)).toBe(1);
  });

  it('applies an event once when the receiving node crashed after applying it but before committing', async () => {
    const town = net.node(TOWNSHIP);
    await town.stop();
    town.start({ TONGBAN_FAULTS: 'inbox.after-apply-before-commit@diagnostics.ping' });
    await town.waitHealthy();
    const sent = await sendPings(net.url(COUNTY), { target: TOWNSHIP, message: 'applied, then crash', keyPrefix: 'crash-c' });
    await eventually(async () => town.exitSignal, (s) => s === 'SIGKILL', 30000);
    expect(await received(sent.firstEventId)).toBe(0);
    await net.start([TOWNSHIP]);
    await eventually(() => received(sent.firstEventId), (n) => n === 1);
    const [inbox] = await net.query<{ n: string }>(TOWNSHIP, 'select count(*)::text as n from inbox where event_id = $1', [sent.firstEventId]);
    expect(inbox!.n).toBe('1');
  });

  it('applies every event of a stream exactly once and in per-key order when both nodes are killed mid-stream', async () => {
    const total = 4000;
    await sendPings(net.url(COUNTY), { target: TOWNSHIP, message: 'stream', count: total, keys: 20, keyPrefix: 'stream' });
    const streamed = async () => Number((await net.query<{ n: string }>(TOWNSHIP, "select count(*)::text as n from diagnostic_ping where key like 'stream-%'"))[0]!.n);
    await eventually(streamed, (n) => n >= 300, 60000, 20);
    await Promise.all([net.node(TOWNSHIP).kill(), net.node(COUNTY).kill()]);
    const atKill = await streamed();
    expect(atKill).toBeLessThan(total);

    await net.start([COUNTY, TOWNSHIP]);
    await eventually(streamed, (n) => n >= total, 120000);
    const [stats] = await net.query<{ rows: string; distinct: string; broken: string }>(
      TOWNSHIP,
      `with s as (select key, key_seq, lag(key_seq) over (partition by key order by seq) as prev, event_id from diagnostic_ping where key like 'stream-%')
       select count(*)::text as rows, count(distinct event_id)::text as distinct,
              count(*) filter (where prev is not null and key_seq <> prev + 1)::text as broken from s`,
    );
    expect(stats).toEqual({ rows: String(total), distinct: String(total), broken: '0' });
    // Every key's sequence starts at 1 and ends at total/keys: nothing skipped.
    const ends = await net.query<{ first: number; last: number; n: string }>(
      TOWNSHIP,
      "select min(key_seq) as first, max(key_seq) as last, count(*)::text as n from diagnostic_ping where key like 'stream-%' group by key",
    );
    expect(ends).toHaveLength(20);
    for (const e of ends) expect(e).toEqual({ first: 1, last: total / 20, n: String(total / 20) });
  });

  it('relays each event once with two replicas of a node, and the standby takes over when the relay dies', async () => {
    const a = net.node(COUNTY);
    const b = await net.replica(COUNTY, 'replica-b');
    b.start();
    await b.waitHealthy();
    const relaying = async () => [(await health(a.url)).checks.outbox!.relaying, (await health(b.url)).checks.outbox!.relaying];
    expect((await relaying()).filter(Boolean)).toHaveLength(1);
    const dupBefore = Number((await health(net.url(TOWNSHIP))).checks.consumer!.duplicates);

    await Promise.all([
      sendPings(a.url, { target: TOWNSHIP, message: 'from a', count: 1000, keys: 10, keyPrefix: 'rep-a' }),
      sendPings(b.url, { target: TOWNSHIP, message: 'from b', count: 1000, keys: 10, keyPrefix: 'rep-b' }),
    ]);
    const repCount = async () => Number((await net.query<{ n: string }>(TOWNSHIP, "select count(*)::text as n from diagnostic_ping where key like 'rep-%'"))[0]!.n);
    await eventually(repCount, (n) => n >= 2000, 60000);
    expect(await repCount()).toBe(2000);
    expect(Number((await health(net.url(TOWNSHIP))).checks.consumer!.duplicates)).toBe(dupBefore);

    const [leader, standby] = (await relaying())[0] ? [a, b] : [b, a];
    await leader.kill();
    await eventually(async () => (await health(standby.url)).checks.outbox!.relaying, (r) => r === true, 30000);
    const sent = await sendPings(standby.url, { target: TOWNSHIP, message: 'after failover', keyPrefix: 'rep-c' });
    await eventually(() => received(sent.firstEventId), (n) => n === 1);
    expect((await pingSummary(net.url(TOWNSHIP))).outOfOrder).toBe(0);
    await standby.stop();
  });
});
