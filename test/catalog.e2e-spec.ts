import request from 'supertest';
import { v7 as uuidv7 } from 'uuid';
import { DEMO_COUNTY_ONLY_ITEMS, makeCatalogItem } from '#libs/catalog';
import { loadDemoCatalog } from '#libs/catalog-workbook';
import { IdempotentProducer, type Kafka } from '#libs/messaging';
import { bearer, DEMO_ENV, type Session, signIn } from './support/staff.js';
import { eventually, TestNetwork } from './support/test-network.js';

const CITY = '640100000000';
const XINGQING = '640104000000';
const ZHANGZHENG = '640104100000';
const TONGGUI = '640104200000';
const YONGNING = '640121000000';
const YANGHE = '640121100000';
const WANGYUAN = '640121102000';
const DAY_S = 86400;
/** The demo city's catalog, as its seeding reads it (topology/demo-catalog.xlsx). */
const DEMO_CATALOG = await loadDemoCatalog();

const newItem = (n: number, over: Parameters<typeof makeCatalogItem>[0] = {}) =>
  makeCatalogItem({ basicCode: `010999${n}000`, implementationCode: `010999${n}0004640100001`, name: `测试许可事项${n}`, keywords: ['测试'], ...over });

describe('the unified catalog: authored at the city, propagated over Kafka, public at every node', () => {
  const net = new TestNetwork(
    [
      { code: CITY, tier: 'city' },
      { code: XINGQING, tier: 'county', parent: CITY },
      { code: ZHANGZHENG, tier: 'township', parent: XINGQING },
      { code: TONGGUI, tier: 'township', parent: XINGQING },
      { code: YONGNING, tier: 'county', parent: CITY },
      { code: YANGHE, tier: 'township', parent: YONGNING },
      { code: WANGYUAN, tier: 'township', parent: YONGNING },
    ],
    DEMO_ENV,
  );
  let editor: Session;
  let kafka: Kafka;
  let producer: IdempotentProducer;
  const running = [CITY, XINGQING, ZHANGZHENG, YONGNING, YANGHE];

  const publish = async (body: Record<string, unknown>, expectStatus = 201) => (await request(net.url(CITY)).post('/catalog/versions').set(bearer(editor)).send(body).expect(expectStatus)).body;
  const saveDraft = async (item: object & { implementationCode: string }, expectStatus = 200) =>
    (await request(net.url(CITY)).put(`/catalog/drafts/${item.implementationCode}`).set(bearer(editor)).send(item).expect(expectStatus)).body;
  const propagation = async () => (await request(net.url(CITY)).get('/catalog/propagation').set(bearer(editor)).expect(200)).body as { currentVersion: number; nodes: Array<{ node: string; appliedVersion: number; behind: number; reportedAt: string | null }> };
  const status = async (code: string) => (await request(net.url(code)).get('/public/catalog/status').expect(200)).body as { cityVersion: number; countyVersion: number | null; liveItems: number };
  const itemAt = (code: string, item: string) => request(net.url(code)).get(`/public/catalog/items/${item}`);
  const allReport = (version: number, nodes: string[]) => eventually(propagation, (p) => nodes.every((n) => p.nodes.find((x) => x.node === n)?.appliedVersion === version), 90000);
  const catalogTopic = () => `${net.topicPrefix}.catalog`;
  /** An event as the city's outbox would write it onto the catalog topic. */
  const cityEvent = (type: string, key: string, payload: object, target = '*', keyVersion?: number) => ({
    id: uuidv7(),
    type,
    schemaVersion: 1,
    source: CITY,
    target,
    key,
    keyVersion,
    occurredAt: new Date().toISOString(),
    actor: { kind: 'system', id: 'test' },
    correlationId: uuidv7(),
    payload,
  });

  /** Every key on the catalog topic with how many records it has, read from the beginning. */
  const catalogKeyCounts = async (): Promise<Map<string, number>> => {
    const admin = kafka.admin();
    await admin.connect();
    const ends = await admin.fetchTopicOffsets(catalogTopic()).finally(() => admin.disconnect());
    const pending = new Map(ends.filter((e) => Number(e.high) > Number(e.low)).map((e) => [e.partition, Number(e.high)]));
    const counts = new Map<string, number>();
    const consumer = kafka.consumer({ groupId: `catalog-test-${uuidv7()}` });
    await consumer.connect();
    await consumer.subscribe({ topic: catalogTopic(), fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      if (pending.size === 0) return resolve();
      consumer
        .run({
          eachMessage: async ({ partition, message }) => {
            const key = message.key?.toString() ?? '';
            counts.set(key, (counts.get(key) ?? 0) + 1);
            if (Number(message.offset) + 1 >= (pending.get(partition) ?? 0)) pending.delete(partition);
            if (pending.size === 0) resolve();
          },
        })
        .catch(reject);
    });
    await consumer.disconnect();
    return counts;
  };

  /**
   * Makes the broker compact the catalog topic now (it would after an hour and a day's segment),
   * and waits until no key has more than one record: what a node started later reads.
   */
  const compactCatalogTopic = async () => {
    const admin = kafka.admin();
    await admin.connect();
    const settings = { 'cleanup.policy': 'compact', 'segment.ms': '100', 'min.compaction.lag.ms': '0', 'min.cleanable.dirty.ratio': '0.01' };
    await admin
      .alterConfigs({ validateOnly: false, resources: [{ type: 2 /* topic */, name: catalogTopic(), configEntries: Object.entries(settings).map(([name, value]) => ({ name, value })) }] })
      .finally(() => admin.disconnect());
    const roller = kafka.producer();
    await roller.connect();
    try {
      // Addressed to the city, which does not read this topic: every other node ignores it; each append rolls a segment.
      const roll = cityEvent('catalog.version-published', '__roll__', { version: 1, effectiveFrom: new Date().toISOString(), publishedAt: new Date().toISOString(), items: [] }, CITY);
      await eventually(
        async () => {
          await roller.send({ topic: catalogTopic(), messages: [0, 1, 2].map((partition) => ({ partition, key: '__roll__', value: JSON.stringify(roll) })) });
          return [...(await catalogKeyCounts())].filter(([key, n]) => key !== '__roll__' && n > 1);
        },
        (duplicates) => duplicates.length === 0,
        120000,
        2000,
      );
    } finally {
      await roller.disconnect();
    }
  };

  beforeAll(async () => {
    await net.init();
    await net.start(running);
    editor = await signIn(net.url(CITY), 'catalog');
    // The broker's admin reads the topic and changes its settings; events are written as the city, its only writer.
    kafka = net.kafkaClient('admin', 'catalog-test');
    producer = new IdempotentProducer(net.kafkaClient({ node: CITY }, 'catalog-test-city'));
    await producer.connect();
  });

  afterAll(async () => {
    await producer?.disconnect();
    await net.stop();
  });

  it('propagates a publication to every running node, and each reports the version it applied', async () => {
    // The demo city publishes the demo catalog as version 1 at its first start.
    await allReport(1, running.filter((c) => c !== CITY));
    expect((await status(YANGHE)).liveItems).toBeGreaterThanOrEqual(DEMO_CATALOG.length);

    const cancelled = DEMO_CATALOG[0]!.implementationCode;
    await saveDraft(newItem(1));
    const v2 = await publish({ changes: [{ code: newItem(1).implementationCode, action: 'publish' }, { code: cancelled, action: 'cancel', reason: '事项取消' }], note: 'v2' });
    expect(v2).toMatchObject({ version: 2 });
    const p = await allReport(2, running.filter((c) => c !== CITY));
    expect(p.currentVersion).toBe(2);
    expect(p.nodes.find((n) => n.node === TONGGUI)).toMatchObject({ appliedVersion: 0, behind: 2, reportedAt: null });

    const found = await itemAt(YANGHE, newItem(1).implementationCode).expect(200);
    expect(found.body).toMatchObject({ name: '测试许可事项1', catalogVersion: 2 });
    expect(found.body.checklist.materials.map((m: { name: string }) => m.name)).toEqual(['食品经营许可申请书', '营业执照', '授权委托书']);
    await itemAt(ZHANGZHENG, cancelled).expect(404);
  });

  it('keeps a county-only item and a county implementation setting within that county', async () => {
    const countyEditor = await signIn(net.url(XINGQING), 'catalog');
    const countyOnly = DEMO_COUNTY_ONLY_ITEMS.find((i) => i.countyCode === XINGQING)!.item;
    const mine = { ...countyOnly, basicCode: countyOnly.basicCode.slice(0, 4) + '888' + countyOnly.basicCode.slice(7), name: '兴庆区测试特色事项' };
    mine.implementationCode = `${mine.basicCode}4640104001`;
    const res = await request(net.url(XINGQING)).post('/catalog/county-items').set(bearer(countyEditor)).send(mine).expect(201);
    await eventually(async () => (await itemAt(ZHANGZHENG, mine.implementationCode)).status, (s) => s === 200);
    expect(res.body.code).toBe(mine.implementationCode);
    for (const other of [CITY, YONGNING, YANGHE]) await itemAt(other, mine.implementationCode).expect(404);

    const shared = newItem(1).implementationCode;
    await request(net.url(XINGQING)).put(`/catalog/implementation/${shared}`).set(bearer(countyEditor)).send({ committedTimeLimit: { days: 2, unit: 'working-day' }, place: '兴庆区政务服务中心二楼 8 号窗口' }).expect(200);
    await eventually(async () => (await itemAt(ZHANGZHENG, shared)).body.committedDays, (d) => d === 2);
    expect((await itemAt(ZHANGZHENG, shared).expect(200)).body.place).toBe('兴庆区政务服务中心二楼 8 号窗口');
    expect((await itemAt(YANGHE, shared).expect(200)).body.committedDays).toBe(5);

    // Never above the legal limit: refused with the field, nothing changed.
    const bad = await request(net.url(XINGQING)).put(`/catalog/implementation/${shared}`).set(bearer(countyEditor)).send({ committedTimeLimit: { days: 30, unit: 'working-day' } }).expect(400);
    expect(bad.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'committedTimeLimit.days', rule: 'committedWithinLegal' })]));
    expect((await itemAt(XINGQING, shared).expect(200)).body.committedDays).toBe(2);
  });

  it('brings a node that was stopped during two publications up to the latest when it returns', async () => {
    await net.node(YANGHE).stop();
    await saveDraft(newItem(2));
    await publish({ changes: [{ code: newItem(2).implementationCode, action: 'publish' }] });
    await saveDraft(newItem(2, { name: '测试许可事项2（修订）' }));
    const v4 = await publish({ changes: [{ code: newItem(2).implementationCode, action: 'publish' }] });
    expect(v4.version).toBe(4);
    await net.start([YANGHE]);
    await eventually(() => status(YANGHE), (s) => s.cityVersion === 4, 90000);
    expect((await itemAt(YANGHE, newItem(2).implementationCode).expect(200)).body.name).toBe('测试许可事项2（修订）');
  });

  it('gives a node started for the first time after the publications the whole catalog from Kafka alone', async () => {
    await net.start([TONGGUI]);
    const sibling = await status(ZHANGZHENG);
    // Both its city catalog and its county's catalog, from the compacted topics alone.
    const fresh = await eventually(() => status(TONGGUI), (s) => s.cityVersion === 4 && s.countyVersion === sibling.countyVersion, 90000);
    expect(fresh.liveItems).toBe(sibling.liveItems);
    expect((await itemAt(TONGGUI, newItem(2).implementationCode).expect(200)).body.name).toBe('测试许可事项2（修订）');
    await allReport(4, [XINGQING, ZHANGZHENG, TONGGUI, YONGNING, YANGHE]);
  });

  it('makes a future-dated version live on its effective date, without another message', async () => {
    const code = newItem(2).implementationCode;
    const effectiveFrom = new Date(Date.now() + 8000).toISOString();
    await saveDraft(newItem(2, { name: '测试许可事项2（将来生效）' }));
    await publish({ changes: [{ code, action: 'publish' }], effectiveFrom });
    await eventually(() => status(ZHANGZHENG), (s) => s.cityVersion === 5, 60000);
    // Applied, but not yet in force: the live revision is still the old one.
    expect((await itemAt(ZHANGZHENG, code).expect(200)).body.name).toBe('测试许可事项2（修订）');
    const inboxBefore = (await net.query<{ n: string }>(ZHANGZHENG, 'select count(*)::text as n from inbox'))[0]!.n;
    await eventually(async () => (await itemAt(ZHANGZHENG, code)).body.name, (n) => n === '测试许可事项2（将来生效）', 30000);
    expect(Date.now()).toBeGreaterThanOrEqual(Date.parse(effectiveFrom));
    expect((await net.query<{ n: string }>(ZHANGZHENG, 'select count(*)::text as n from inbox'))[0]!.n).toBe(inboxBefore);
  });

  it("serves a version dated two days ahead at a node whose clock is two days ahead, and not before, from what it already applied", async () => {
    const code = newItem(1).implementationCode;
    await saveDraft(newItem(1, { name: '测试许可事项1（两天后生效）' }));
    const { version } = await publish({ changes: [{ code, action: 'publish' }], effectiveFrom: new Date(Date.now() + 2 * 86400_000).toISOString() });
    await eventually(() => status(TONGGUI), (s) => s.cityVersion === version, 60000);
    expect((await itemAt(TONGGUI, code).expect(200)).body.name).toBe('测试许可事项1');
    const inboxBefore = (await net.query<{ n: string }>(TONGGUI, 'select count(*)::text as n from inbox'))[0]!.n;

    // The same node, restarted with its clock two days and a minute ahead (TONGBAN_CLOCK_OFFSET_SECONDS).
    await net.node(TONGGUI).stop();
    await net.start([TONGGUI], { TONGBAN_CLOCK_OFFSET_SECONDS: String(2 * 86400 + 60) });
    expect((await itemAt(TONGGUI, code).expect(200)).body.name).toBe('测试许可事项1（两天后生效）');
    expect((await net.query<{ n: string }>(TONGGUI, 'select count(*)::text as n from inbox'))[0]!.n).toBe(inboxBefore);
    // Its sibling on today's clock still serves the current revision.
    expect((await itemAt(ZHANGZHENG, code).expect(200)).body.name).toBe('测试许可事项1');
    await net.node(TONGGUI).stop();
    await net.start([TONGGUI]);
  });

  it('keeps a county-only item and a city item with the same code apart at every replica, and refuses a new county item with a city code', async () => {
    const countyEditor = await signIn(net.url(XINGQING), 'catalog');
    const code = newItem(5).implementationCode;
    // The county publishes first: the city never sees county items, so it cannot know the code is taken there.
    await request(net.url(XINGQING)).post('/catalog/county-items').set(bearer(countyEditor)).send(newItem(5, { name: '兴庆区同码特色事项' })).expect(201);
    await eventually(async () => (await itemAt(ZHANGZHENG, code)).status, (s) => s === 200);
    await saveDraft(newItem(5, { name: '市级同码事项' }));
    const { version } = await publish({ changes: [{ code, action: 'publish' }] });
    await allReport(version, [XINGQING, ZHANGZHENG, TONGGUI, YONGNING, YANGHE]);

    for (const node of [XINGQING, ZHANGZHENG, TONGGUI]) {
      const found = (await request(net.url(node)).get('/public/catalog/items').query({ q: '同码' }).expect(200)).body as { items: Array<{ origin: string; name: string }>; total: number };
      expect(found.items.map((i) => [i.origin, i.name]).sort()).toEqual([['city', '市级同码事项'], ['county', '兴庆区同码特色事项']]);
      // The city's item by default (the unified catalog), the county's on asking for it; each names the other.
      expect((await itemAt(node, code).expect(200)).body).toMatchObject({ origin: 'city', name: '市级同码事项', otherOrigins: ['county'] });
      expect((await itemAt(node, code).query({ origin: 'county' }).expect(200)).body).toMatchObject({ origin: 'county', name: '兴庆区同码特色事项', otherOrigins: ['city'] });
    }
    expect((await itemAt(YANGHE, code).expect(200)).body).toMatchObject({ name: '市级同码事项', otherOrigins: [] });
    await itemAt(YANGHE, code).query({ origin: 'county' }).expect(404);

    const taken = await request(net.url(XINGQING)).post('/catalog/county-items').set(bearer(countyEditor)).send(newItem(1, { name: '县级冒用市级编码事项' })).expect(400);
    expect(taken.body.errors).toEqual([expect.objectContaining({ field: 'implementationCode', rule: 'notCityCode' })]);
    expect(taken.body.errors[0].message).toMatch(/市级/);
  });

  it("serves none of a version's items that arrived before its manifest, then all of them at once", async () => {
    const version = (await propagation()).currentVersion + 1;
    const effectiveFrom = new Date().toISOString();
    const items = [newItem(7, { name: '整版生效测试事项甲' }), newItem(8, { name: '整版生效测试事项乙' })];
    // The version's items reach the township first, as they may on partitions other than the manifest's.
    const early = items.map((item) =>
      cityEvent('catalog.item-published', `${item.implementationCode}@1`, { catalogVersion: version, revision: 1, status: 'active', effectiveFrom, item: { ...item, status: 'active', effectiveFrom } }, '*', 1),
    );
    await producer.send(early.map((e) => ({ topic: catalogTopic(), key: e.key, value: JSON.stringify(e) })));
    const applied = await eventually(
      () => net.query<{ outcome: string }>(ZHANGZHENG, 'select outcome from inbox where event_id = any($1::uuid[])', [early.map((e) => e.id)]),
      (rows) => rows.length === 2,
    );
    expect(applied.map((r) => r.outcome)).toEqual(['applied', 'applied']);
    for (const item of items) await itemAt(ZHANGZHENG, item.implementationCode).expect(404);
    expect((await request(net.url(ZHANGZHENG)).get('/public/catalog/items').query({ q: '整版生效测试' }).expect(200)).body.total).toBe(0);
    expect((await status(ZHANGZHENG)).cityVersion).toBe(version - 1);

    for (const item of items) await saveDraft(item);
    await publish({ changes: items.map((i) => ({ code: i.implementationCode, action: 'publish' })), effectiveFrom });
    await eventually(() => status(ZHANGZHENG), (s) => s.cityVersion === version);
    expect((await request(net.url(ZHANGZHENG)).get('/public/catalog/items').query({ q: '整版生效测试' }).expect(200)).body.total).toBe(2);
  });

  it('gives a brand-new node started after compaction the revision in force today of an item whose newest revision is future-dated, then that one on its date', async () => {
    const code = newItem(6).implementationCode;
    await saveDraft(newItem(6, { name: '测试许可事项6（现行）' }));
    await publish({ changes: [{ code, action: 'publish' }] });
    await saveDraft(newItem(6, { name: '测试许可事项6（两天后生效）' }));
    const { version } = await publish({ changes: [{ code, action: 'publish' }], effectiveFrom: new Date(Date.now() + 2 * DAY_S * 1000).toISOString() });
    await compactCatalogTopic();

    await net.start([WANGYUAN]);
    await eventually(() => status(WANGYUAN), (s) => s.cityVersion === version, 90000);
    expect((await itemAt(WANGYUAN, code).expect(200)).body.name).toBe('测试许可事项6（现行）');
    await net.node(WANGYUAN).stop();
    await net.start([WANGYUAN], { TONGBAN_CLOCK_OFFSET_SECONDS: String(2 * DAY_S + 60) });
    expect((await itemAt(WANGYUAN, code).expect(200)).body.name).toBe('测试许可事项6（两天后生效）');
    await net.node(WANGYUAN).stop();
  });

  it('refuses invalid items and versions with field-level errors and changes nothing', async () => {
    const versionsBefore = (await request(net.url(CITY)).get('/catalog/versions').set(bearer(editor)).expect(200)).body.length;
    const draftsBefore = (await request(net.url(CITY)).get('/catalog/drafts').set(bearer(editor)).expect(200)).body.length;
    const bad = newItem(3, {
      committedTimeLimit: { days: 30, unit: 'working-day' },
      department: { name: '某局', creditCode: '91350100M000100Y44' },
      materials: [],
    });
    const res = await saveDraft(bad, 400);
    expect(res.code).toBe('VALIDATION_FAILED');
    const fields = (res.errors as Array<{ field: string; rule: string; message: string }>).map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['committedTimeLimit.days', 'department.creditCode']));
    expect(res.errors[0].message).toMatch(/[\u4e00-\u9fff]/);

    const noDraft = await publish({ changes: [{ code: newItem(9).implementationCode, action: 'publish' }] }, 400);
    expect(noDraft.errors).toEqual([expect.objectContaining({ field: 'changes[0].code', rule: 'hasDraft' })]);
    const badDelegate = await publish({ changes: [{ code: newItem(1).implementationCode, action: 'delegate', toLevel: 'county' }] }, 400);
    expect(badDelegate.errors[0]).toMatchObject({ field: 'changes[0].toLevel', rule: 'lowerLevel' });

    expect((await request(net.url(CITY)).get('/catalog/versions').set(bearer(editor)).expect(200)).body.length).toBe(versionsBefore);
    expect((await request(net.url(CITY)).get('/catalog/drafts').set(bearer(editor)).expect(200)).body.length).toBe(draftsBefore);
  });

  it('keeps who changed what, and shows the diff between two revisions', async () => {
    const code = newItem(2).implementationCode;
    const diff = (await request(net.url(CITY)).get(`/catalog/items/${code}/diff`).set(bearer(editor)).expect(200)).body;
    expect(diff.changes).toEqual(expect.arrayContaining([{ path: 'name', before: '测试许可事项2（修订）', after: '测试许可事项2（将来生效）' }]));
    const history = (await request(net.url(CITY)).get(`/catalog/history?code=${code}`).set(bearer(editor)).expect(200)).body as Array<{ action: string; staffId: string }>;
    // Each revision: a draft created, then published (publishing consumes the draft).
    expect(history.map((h) => h.action)).toEqual(['publish', 'draft-created', 'publish', 'draft-created', 'publish', 'draft-created']);
    expect(history.every((h) => h.staffId === editor.staff.id)).toBe(true);
    await expect(net.query(CITY, 'delete from catalog_change_log')).rejects.toThrow(/append-only/);
  });

  it('answers public searches at a township by keyword, department, level and case type, paged', async () => {
    const town = net.url(ZHANGZHENG);
    const byWord = (await request(town).get('/public/catalog/items').query({ q: '个体工商户' }).expect(200)).body;
    const names = byWord.items.map((i: { name: string }) => i.name);
    expect(names).toContain('个体工商户变更登记');
    // 个体工商户设立登记 was cancelled (取消) in version 2: no longer public.
    expect(names).not.toContain(DEMO_CATALOG[0]!.name);
    const county = (await request(town).get('/public/catalog/items').query({ level: 'county', caseType: '1', pageSize: 5 }).expect(200)).body;
    expect(county.items.length).toBeLessThanOrEqual(5);
    expect(county.items.every((i: { decisionLevel: { code: string }; caseType: { code: string } }) => i.decisionLevel.code === 'county' && i.caseType.code === '1')).toBe(true);
    const page2 = (await request(town).get('/public/catalog/items').query({ page: 2, pageSize: 10 }).expect(200)).body;
    expect(page2).toMatchObject({ page: 2, pageSize: 10 });
    expect(page2.total).toBeGreaterThan(20);
    const depts = (await request(town).get('/public/catalog/departments').expect(200)).body as Array<{ name: string; items: number }>;
    expect(depts.length).toBeGreaterThanOrEqual(12);
    const oneDept = (await request(town).get('/public/catalog/items').query({ department: depts[0]!.name, pageSize: 100 }).expect(200)).body;
    expect(oneDept.total).toBe(depts[0]!.items);
    const badQuery = await request(town).get('/public/catalog/items').query({ level: 'province', pageSize: 1000 }).expect(400);
    expect(badQuery.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['level', 'pageSize']));
  });

  it('re-derives at start a version it holds whole but had not recorded as applied, and reports it', async () => {
    await net.node(YANGHE).stop();
    await net.query(YANGHE, "delete from catalog_applied where origin = 'city'");
    await net.start([YANGHE]);
    const current = (await propagation()).currentVersion;
    await eventually(() => status(YANGHE), (s) => s.cityVersion === current, 30000);
    expect((await propagation()).nodes.find((n) => n.node === YANGHE)).toMatchObject({ appliedVersion: current, behind: 0 });
  });

  it('lets only catalog editors publish', async () => {
    const coordinator = await signIn(net.url(CITY), 'coordinator');
    await request(net.url(CITY)).post('/catalog/versions').set(bearer(coordinator)).send({ changes: [{ code: 'x', action: 'cancel' }] }).expect(403);
    await request(net.url(CITY)).post('/catalog/versions').send({ changes: [{ code: 'x', action: 'cancel' }] }).expect(401);
  });
});
