import request from 'supertest';
import { v7 as uuidv7 } from 'uuid';
import { IdempotentProducer, type Kafka } from '#libs/messaging';
import { asAdmin, sendPings } from './support/pings.js';
import { DEMO_ENV } from './support/staff.js';
import { eventually, TestNetwork } from './support/test-network.js';

// 银川市 with 兴庆区 (掌政镇, 通贵乡) and 永宁县 (杨和镇).
const CITY = '640100000000';
const XINGQING = '640104000000';
const ZHANGZHENG = '640104100000';
const TONGGUI = '640104200000';
const YONGNING = '640121000000';
const YANGHE = '640121100000';

const NOT_AUTHORIZED = /not authorized|authorization/i;
// kafkajs reports a group the broker refuses as "Failed to find group coordinator".
const GROUP_REFUSED = /not authorized|authorization|group coordinator/i;

describe('trusted channels: the broker knows every sender, and a node reads only what is addressed to it', () => {
  const net = new TestNetwork(
    [
      { code: CITY, tier: 'city' },
      { code: XINGQING, tier: 'county', parent: CITY },
      { code: ZHANGZHENG, tier: 'township', parent: XINGQING },
      { code: TONGGUI, tier: 'township', parent: XINGQING },
      { code: YONGNING, tier: 'county', parent: CITY },
      { code: YANGHE, tier: 'township', parent: YONGNING },
    ],
    { TONGBAN_INBOX_MAX_ATTEMPTS: '2', TONGBAN_INBOX_BACKOFF_MS: '50', ...DEMO_ENV },
  );
  const link = (from: string, to: string) => `${net.topicPrefix}.link.${from}.${to}`;
  const producers: IdempotentProducer[] = [];

  /** A producer with one node's own credentials, as a compromised node's software would have. */
  async function producerAs(code: string): Promise<IdempotentProducer> {
    const p = new IdempotentProducer(net.kafkaClient({ node: code }, `forger-${code}`));
    await p.connect();
    producers.push(p);
    return p;
  }

  /** Subscribes and reads with `kafka` until the first message arrives or the broker refuses. */
  async function firstMessage(kafka: Kafka, groupId: string, topic: string): Promise<string> {
    const consumer = kafka.consumer({ groupId, retry: { retries: 1 } });
    try {
      await consumer.connect();
      await consumer.subscribe({ topics: [topic], fromBeginning: true });
      return await new Promise<string>((resolve, reject) => {
        consumer.on(consumer.events.CRASH, (e) => reject((e.payload as { error: Error }).error));
        void consumer.run({ eachMessage: async ({ message }) => resolve(message.value?.toString('utf8') ?? '') }).catch(reject);
      });
    } finally {
      await consumer.disconnect().catch(() => undefined);
    }
  }

  const envelope = (over: Record<string, unknown>) => ({
    id: uuidv7(),
    type: 'diagnostics.ping',
    schemaVersion: 1,
    source: CITY,
    target: XINGQING,
    key: 'forged',
    occurredAt: new Date().toISOString(),
    actor: { kind: 'staff', id: 'forger', role: 'city_coordinator' },
    correlationId: uuidv7(),
    payload: { message: '伪造的消息' },
    ...over,
  });
  const parkedAt = async (code: string) =>
    (await request(net.url(code)).get('/dead-letters?status=parked&limit=100').set(await asAdmin(net.url(code))).expect(200)).body as {
      items: Array<{ eventId: string; errorCode: string; source: string; topic: string }>;
    };
  const inboxHas = async (code: string, eventId: string) => (await net.query(code, 'select 1 from inbox where event_id = $1', [eventId])).length > 0;
  const pingsAt = async (code: string, key: string) =>
    net.query<{ source: string; target: string; observed: boolean }>(code, 'select source, target, observed from diagnostic_ping where key = $1 order by seq', [key]);

  beforeAll(async () => {
    await net.init();
    await net.start();
    // Something on the county's link to 通贵乡, for a reader that should not see it.
    await sendPings(net.url(XINGQING), { target: TONGGUI, message: '只给通贵乡 110101199003074514', keyPrefix: 'sibling' });
    await sendPings(net.url(XINGQING), { target: ZHANGZHENG, message: '给掌政镇', keyPrefix: 'own' });
    await eventually(() => pingsAt(TONGGUI, 'sibling-0'), (rows) => rows.length === 1);
    await eventually(() => pingsAt(ZHANGZHENG, 'own-0'), (rows) => rows.length === 1);
  });

  afterAll(async () => {
    await Promise.all(producers.map((p) => p.disconnect().catch(() => undefined)));
    await net.stop();
  });

  it("refuses a township's credentials reading its sibling's channel and the county-to-city channel", async () => {
    const asZhangzheng = net.kafkaClient({ node: ZHANGZHENG });
    // A group of its own (named under its node group), so that the running node is not disturbed.
    const group = `${net.topicPrefix}.node.${ZHANGZHENG}.probe`;
    // It reads its own channel: the control that shows the refusals below are about the channel.
    expect(JSON.parse(await firstMessage(asZhangzheng, `${group}-own`, link(XINGQING, ZHANGZHENG)))).toMatchObject({ target: ZHANGZHENG });

    await expect(firstMessage(asZhangzheng, group, link(XINGQING, TONGGUI))).rejects.toThrow(NOT_AUTHORIZED);
    await expect(firstMessage(asZhangzheng, group, link(TONGGUI, XINGQING))).rejects.toThrow(NOT_AUTHORIZED);
    await expect(firstMessage(asZhangzheng, group, link(XINGQING, CITY))).rejects.toThrow(NOT_AUTHORIZED);
    // Another node's consumer group is not its to join either.
    await expect(firstMessage(asZhangzheng, `${net.topicPrefix}.node.${TONGGUI}.probe`, link(XINGQING, ZHANGZHENG))).rejects.toThrow(GROUP_REFUSED);
  });

  it('lets the city read a channel between a county and a township', async () => {
    const value = await firstMessage(net.kafkaClient({ node: CITY }), `${net.topicPrefix}.node.${CITY}.probe`, link(XINGQING, TONGGUI));

    expect(JSON.parse(value)).toMatchObject({ source: XINGQING, target: TONGGUI, type: 'diagnostics.ping' });
  });

  it('refuses a client with no credentials, or with a wrong secret', async () => {
    const anonymous = net.kafkaClient('anonymous').admin();
    await expect(anonymous.connect().then(() => anonymous.listTopics())).rejects.toThrow();
    await anonymous.disconnect().catch(() => undefined);

    const wrong = new IdempotentProducer(
      (await import('#libs/messaging')).createKafka({
        brokers: net.infra.brokers.split(','),
        clientId: 'wrong-secret',
        sasl: { mechanism: 'scram-sha-512', username: `${net.topicPrefix}.node.${ZHANGZHENG}`, password: 'not-the-secret' },
      }),
    );
    await expect(wrong.connect()).rejects.toThrow(/authentication failed|SASL/i);
  });

  it('refuses a township writing anywhere but its own up-link: the catalog, a county catalog, its county\'s links', async () => {
    const forger = await producerAs(ZHANGZHENG);
    const forged = (topic: string) => forger.send([{ topic, key: 'forged', value: JSON.stringify(envelope({ target: ZHANGZHENG })) }]);

    await expect(forged(`${net.topicPrefix}.catalog`)).rejects.toThrow(NOT_AUTHORIZED);
    await expect(forged(`${net.topicPrefix}.catalog.${XINGQING}`)).rejects.toThrow(NOT_AUTHORIZED);
    await expect(forged(link(XINGQING, TONGGUI))).rejects.toThrow(NOT_AUTHORIZED);
    await expect(forged(link(CITY, TONGGUI))).rejects.toThrow(NOT_AUTHORIZED);
    await expect(forged(link(TONGGUI, XINGQING))).rejects.toThrow(NOT_AUTHORIZED);
  });

  it("lets only the city write the catalog and only a county its own county catalog", async () => {
    const county = await producerAs(YONGNING);
    const msg = (topic: string) => county.send([{ topic, key: 'x', value: '{}' }]);

    await expect(msg(`${net.topicPrefix}.catalog`)).rejects.toThrow(NOT_AUTHORIZED);
    await expect(msg(`${net.topicPrefix}.catalog.${XINGQING}`)).rejects.toThrow(NOT_AUTHORIZED);
  });

  it('parks an event whose envelope claims the city (or a node outside the topology) on a township\'s up-link as SOURCE_MISMATCH, and applies none', async () => {
    const forger = await producerAs(ZHANGZHENG);
    const asCity = envelope({ source: CITY, target: XINGQING, key: 'forged-ping' });
    const foreign = envelope({ source: '650100000000', target: XINGQING, key: 'forged-ping' });
    const catalogItem = envelope({ type: 'catalog.item-published', source: CITY, target: '*', key: '01010010004640100001', payload: {} });
    const sibling = envelope({ source: TONGGUI, target: XINGQING, key: 'forged-ping' });
    for (const e of [asCity, foreign, catalogItem, sibling]) await forger.send([{ topic: link(ZHANGZHENG, XINGQING), key: e.key, value: JSON.stringify(e) }]);
    // A genuine ping behind them on the same link: once it is applied, the forged ones were handled.
    const genuine = await sendPings(net.url(ZHANGZHENG), { target: XINGQING, message: '真的', keyPrefix: 'genuine' });
    await eventually(() => inboxHas(XINGQING, genuine.firstEventId), (has) => has);

    const parked = await eventually(
      () => parkedAt(XINGQING),
      (b) => [asCity, foreign, sibling].every((e) => b.items.some((i) => i.eventId === e.id)),
    );
    for (const e of [asCity, foreign, sibling]) {
      expect(parked.items.find((i) => i.eventId === e.id)).toMatchObject({ errorCode: 'SOURCE_MISMATCH', topic: link(ZHANGZHENG, XINGQING) });
      expect(await inboxHas(XINGQING, e.id)).toBe(false);
    }
    // The forged catalog item is not even a valid item: parked on its payload, never applied.
    expect(parked.items.find((i) => i.eventId === catalogItem.id)?.errorCode).toMatch(/SOURCE_MISMATCH|INVALID_PAYLOAD/);
    expect(await pingsAt(XINGQING, 'forged-ping')).toEqual([]);
    // The city observed the township's link but parks nothing: the addressee did.
    expect((await parkedAt(CITY)).items.filter((i) => i.topic === link(ZHANGZHENG, XINGQING))).toEqual([]);
  });

  it('replaying a forged event that was parked as SOURCE_MISMATCH never applies it', async () => {
    const forger = await producerAs(ZHANGZHENG);
    const forged = envelope({ source: CITY, target: XINGQING, key: 'forged-replay' });
    await forger.send([{ topic: link(ZHANGZHENG, XINGQING), key: forged.key, value: JSON.stringify(forged) }]);
    const parked = await eventually(
      () => parkedAt(XINGQING),
      (b) => b.items.some((i) => i.eventId === forged.id),
    );
    const id = (parked.items.find((i) => i.eventId === forged.id) as unknown as { id: string }).id;

    const replay = await request(net.url(XINGQING)).post(`/dead-letters/${id}/replay`).set(await asAdmin(net.url(XINGQING))).expect(200);
    expect(replay.body).toMatchObject({ result: 'parked', errorCode: 'SOURCE_MISMATCH' });
    expect(await pingsAt(XINGQING, 'forged-replay')).toEqual([]);
  });

  it("lets the city observe a county-to-township event it was not addressed to, while the sibling township receives nothing of it", async () => {
    const sent = await sendPings(net.url(XINGQING), { target: ZHANGZHENG, message: '申请人 110101199003074514', keyPrefix: 'observed' });
    await eventually(() => pingsAt(ZHANGZHENG, 'observed-0'), (rows) => rows.length === 1);
    const seen = await eventually(() => pingsAt(CITY, 'observed-0'), (rows) => rows.length === 1);
    expect(seen).toEqual([{ source: XINGQING, target: ZHANGZHENG, observed: true }]);
    const [row] = await net.query<{ outcome: string }>(CITY, 'select outcome from inbox where event_id = $1', [sent.firstEventId]);
    expect(row?.outcome).toBe('observed');

    // Barrier: a later ping to 通贵乡 on its own link; once applied, anything for it has arrived.
    const later = await sendPings(net.url(XINGQING), { target: TONGGUI, message: 'barrier', keyPrefix: 'barrier' });
    await eventually(() => inboxHas(TONGGUI, later.firstEventId), (has) => has);
    expect(await inboxHas(TONGGUI, sent.firstEventId)).toBe(false);
    const topicsSeen = await net.query<{ topic: string }>(TONGGUI, 'select distinct topic from inbox');
    expect(topicsSeen.map((r) => r.topic).filter((t) => t.includes('.link.') && !t.endsWith(`.${TONGGUI}`))).toEqual([]);
  });

  it('lets the city address a township directly on a link its county cannot read', async () => {
    await sendPings(net.url(CITY), { target: YANGHE, message: '督办', keyPrefix: 'order' });
    expect(await eventually(() => pingsAt(YANGHE, 'order-0'), (rows) => rows.length === 1)).toEqual([{ source: CITY, target: YANGHE, observed: false }]);

    await expect(firstMessage(net.kafkaClient({ node: YONGNING }), `${net.topicPrefix}.node.${YONGNING}.probe`, link(CITY, YANGHE))).rejects.toThrow(NOT_AUTHORIZED);
  });

  it("carries what a township tells the city on the township's own up-link; its county skips it", async () => {
    await sendPings(net.url(YANGHE), { target: CITY, message: '反馈', keyPrefix: 'answer' });
    expect(await eventually(() => pingsAt(CITY, 'answer-0'), (rows) => rows.length === 1)).toEqual([{ source: YANGHE, target: CITY, observed: false }]);

    const barrier = await sendPings(net.url(YANGHE), { target: YONGNING, message: 'barrier', keyPrefix: 'answer-barrier' });
    await eventually(() => inboxHas(YONGNING, barrier.firstEventId), (has) => has);
    expect(await pingsAt(YONGNING, 'answer-0')).toEqual([]);
  });

  it('refuses a ping to a node with no channel from this one, naming the field', async () => {
    const res = await request(net.url(ZHANGZHENG)).post('/diagnostics/pings').set(await asAdmin(net.url(ZHANGZHENG))).send({ target: TONGGUI, message: 'hi' }).expect(400);

    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'target', rule: 'reachableNode' })]);
  });
});
