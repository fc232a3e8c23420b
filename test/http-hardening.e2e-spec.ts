import request from 'supertest';
import { makeCatalogItem } from '#libs/catalog';
import { loadDemoCatalog } from '#libs/catalog-workbook';
import { bearer, DEMO_ENV, type Session, signIn } from './support/staff.js';
import { eventually, TestNetwork } from './support/test-network.js';

const CITY = '640100000000';
const COUNTY = '640104000000';
const TOWNSHIP = '640104100000';
// Ends in a digit: a login is compared in lower case, which would turn a final X into x.
const RESIDENT_ID = '640104198001011235';
const MASKED_ID = '6401**********1235';

type Problem = { field: string; rule: string; message: string; messageEn: string };

/** The validation 400: the same shape as the validation pipe's, each problem naming the field and the rule. */
function expectRefused(res: request.Response, field: string | RegExp, rule: string): void {
  expect(res.status).toBe(400);
  expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.any(String), messageEn: expect.any(String) });
  const problem = (res.body.errors as Problem[]).find((p) => p.rule === rule && (typeof field === 'string' ? p.field === field : field.test(p.field)));
  expect(problem).toBeDefined();
  expect(problem!.message).toContain(problem!.field);
  expect(problem!.messageEn).toContain(problem!.field);
}

describe('input hardening at the HTTP edge, and identity defects (issue 8)', () => {
  const net = new TestNetwork(
    [
      { code: CITY, tier: 'city' },
      { code: COUNTY, tier: 'county', parent: CITY },
      { code: TOWNSHIP, tier: 'township', parent: COUNTY },
    ],
    DEMO_ENV,
  );
  let cityEditor: Session;
  let countyAdmin: Session;
  let countyEditor: Session;

  beforeAll(async () => {
    await net.init();
    await net.start([CITY, COUNTY, TOWNSHIP]);
    [cityEditor, countyAdmin, countyEditor] = await Promise.all([signIn(net.url(CITY), 'catalog'), signIn(net.url(COUNTY), 'admin'), signIn(net.url(COUNTY), 'catalog')]);
  });

  afterAll(async () => {
    await net.stop();
  });

  describe('NUL, lone surrogates and deep nesting get a 400 naming the field, never a 500', () => {
    it('on sign-in', async () => {
      const signInWith = (body: unknown) => request(net.url(COUNTY)).post('/auth/sign-in').send(body as object);
      expectRefused(await signInWith({ login: 'admin\u0000', password: 'x' }), 'login', 'noNulCharacter');
      expectRefused(await signInWith({ login: 'admin', password: 'a\ud800b' }), 'password', 'wellFormedUnicode');
      expectRefused(await signInWith({ ['log\u0000in']: 'admin', password: 'x' }), 'log\uFFFDin', 'noNulCharacter');
      const deep = `{"login":${'['.repeat(5000)}${']'.repeat(5000)},"password":"x"}`;
      const res = await request(net.url(COUNTY)).post('/auth/sign-in').set('content-type', 'application/json').send(deep);
      expectRefused(res, /^login(\[0\])+$/, 'maxDepth');
    });

    it('on a city catalog draft', async () => {
      const item = makeCatalogItem({ basicCode: '010999700000', implementationCode: '0109997000004640100001', name: '测试\u0000事项' });
      const res = await request(net.url(CITY)).put(`/catalog/drafts/${item.implementationCode}`).set(bearer(cityEditor)).send(item);
      expectRefused(res, 'name', 'noNulCharacter');
      const lone = await request(net.url(CITY)).put(`/catalog/drafts/${item.implementationCode}`).set(bearer(cityEditor)).send({ ...item, name: '测试事项', keywords: ['\udc00'] });
      expectRefused(lone, 'keywords[0]', 'wellFormedUnicode');
    });

    it('on staff administration', async () => {
      const res = await request(net.url(COUNTY)).post('/staff').set(bearer(countyAdmin)).send({ login: 'zhangsan', name: '张\u0000三', roles: ['auditor'], password: 'Strong-Passw0rd!' });
      expectRefused(res, 'name', 'noNulCharacter');
    });

    it('on diagnostics pings', async () => {
      const res = await request(net.url(COUNTY)).post('/diagnostics/pings').set(bearer(countyAdmin)).send({ target: TOWNSHIP, message: '你好\ud800' });
      expectRefused(res, 'message', 'wellFormedUnicode');
    });

    it('on public catalog search (query string) and item lookup (path parameter)', async () => {
      expectRefused(await request(net.url(TOWNSHIP)).get('/public/catalog/items?q=%E8%90%A5%00'), 'q', 'noNulCharacter');
      expectRefused(await request(net.url(TOWNSHIP)).get('/public/catalog/items/0101%00'), 'code', 'noNulCharacter');
      // A lone surrogate has no UTF-8 form: in a URL it can only come as undecodable bytes.
      expectRefused(await request(net.url(TOWNSHIP)).get('/public/catalog/items/%ED%A0%80'), /^path\[\d+\]$/, 'percentEncoding');
    });
  });

  describe('sign-in takes JSON only', () => {
    it('answers a form-encoded or text body with 415 and a clear message, not a sign-in attempt', async () => {
      const form = await request(net.url(COUNTY)).post('/auth/sign-in').type('form').send('login=admin&password=Tongban-Demo-2026');
      expect(form.status).toBe(415);
      expect(form.body).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', messageEn: expect.stringContaining('application/json') });
      expect(form.body.accessToken).toBeUndefined();
      const text = await request(net.url(COUNTY)).post('/auth/sign-in').set('content-type', 'text/plain').send('{"login":"admin","password":"Tongban-Demo-2026"}');
      expect(text.status).toBe(415);
      expect(text.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    });
  });

  describe('the county implementation list', () => {
    it('refuses an empty body for an entry, naming what is required, and keeps the entry', async () => {
      const code = (await loadDemoCatalog())[0]!.implementationCode;
      await eventually(async () => (await request(net.url(COUNTY)).get(`/public/catalog/items/${code}`)).status, (s) => s === 200, 90000);
      const put = (body: object) => request(net.url(COUNTY)).put(`/catalog/implementation/${code}`).set(bearer(countyEditor)).send(body);
      expect((await put({ place: '兴庆区政务服务中心一楼 3 号窗口' })).status).toBe(200);
      const empty = await put({});
      expectRefused(empty, 'body', 'atLeastOneSetting');
      expect(empty.body.errors[0].messageEn).toContain('place');
      const list = (await request(net.url(COUNTY)).get('/catalog/implementation').set(bearer(countyEditor)).expect(200)).body as Array<{ code: string; settings: Record<string, unknown> }>;
      expect(list.find((e) => e.code === code)?.settings).toMatchObject({ place: '兴庆区政务服务中心一楼 3 号窗口' });
    });
  });

  describe('dead letters', () => {
    const park = async (offset: number, value: string): Promise<string> => {
      const [row] = await net.query<{ id: string }>(
        COUNTY,
        `insert into dead_letter (id, topic, partition, "offset", value, error_code, error_message, attempts)
         values (gen_random_uuid(), 'hardening.test', 0, $1, $2, 'MALFORMED', $3, 1) returning id::text`,
        [offset, value, `cannot parse ${value}`],
      );
      return row!.id;
    };
    const attempts = async (id: string) => (await net.query<{ attempts: number }>(COUNTY, 'select attempts from dead_letter where id = $1', [id]))[0]!.attempts;

    it('replays the ids it is given, and no other parked message', async () => {
      const [a, b] = [await park(1, 'not JSON a'), await park(2, 'not JSON b')];
      const res = await request(net.url(COUNTY)).post('/dead-letters/replay').set(bearer(countyAdmin)).send({ ids: [a] }).expect(200);
      expect((res.body.results as Array<{ id: string }>).map((r) => r.id)).toEqual([a]);
      expect(await attempts(a)).toBe(2);
      expect(await attempts(b)).toBe(1);
      const bad = await request(net.url(COUNTY)).post('/dead-letters/replay').set(bearer(countyAdmin)).send({ ids: ['not-a-uuid'] });
      expectRefused(bad, 'ids', 'isUuid');
      expect(await attempts(b)).toBe(1);
    });

    it('shows resident IDs in a parked message masked, in the list and one by one, and keeps the row whole', async () => {
      const id = await park(3, `{"applicant":"${RESIDENT_ID}"}`);
      const list = (await request(net.url(COUNTY)).get('/dead-letters?limit=500').set(bearer(countyAdmin)).expect(200)).body as { items: Array<{ id: string; value: string; errorMessage: string }> };
      const listed = list.items.find((i) => i.id === id)!;
      const shown = (await request(net.url(COUNTY)).get(`/dead-letters/${id}`).set(bearer(countyAdmin)).expect(200)).body as { value: string; errorMessage: string };
      for (const dl of [listed, shown]) {
        expect(dl.value).toBe(`{"applicant":"${MASKED_ID}"}`);
        expect(dl.errorMessage).not.toContain(RESIDENT_ID);
      }
      const [row] = await net.query<{ value: string }>(COUNTY, 'select value from dead_letter where id = $1', [id]);
      expect(row!.value).toContain(RESIDENT_ID);
    });
  });

  describe('the audit log', () => {
    it('shows a resident ID used as a sign-in subject masked, and keeps it whole in the row', async () => {
      await request(net.url(COUNTY)).post('/auth/sign-in').send({ login: RESIDENT_ID, password: 'wrong-password' }).expect(401);
      const auditor = await signIn(net.url(COUNTY), 'auditor');
      const res = await request(net.url(COUNTY)).get(`/audit?action=auth.sign-in-failed&subject=${RESIDENT_ID}`).set(bearer(auditor)).expect(200);
      expect(res.body.items.length).toBeGreaterThan(0);
      expect(JSON.stringify(res.body)).not.toContain(RESIDENT_ID);
      expect(res.body.items[0].subjectId).toBe(MASKED_ID);
      const rows = await net.query<{ subject_id: string }>(COUNTY, "select subject_id from audit_log where action = 'auth.sign-in-failed' and subject_id = $1", [RESIDENT_ID]);
      expect(rows.length).toBeGreaterThan(0);
    });
  });

  describe('the last node administrator', () => {
    it('survives two concurrent demotions of the last two: exactly one succeeds', async () => {
      const created = await request(net.url(TOWNSHIP))
        .post('/staff')
        .set(bearer(await signIn(net.url(TOWNSHIP), 'admin')))
        .send({ login: 'admin-two', name: '第二管理员', roles: ['node_admin'], password: 'First-Passw0rd!' })
        .expect(201);
      const first = await signIn(net.url(TOWNSHIP), 'admin-two', 'First-Passw0rd!');
      await request(net.url(TOWNSHIP)).post('/auth/password').set(bearer(first)).send({ currentPassword: 'First-Passw0rd!', newPassword: 'Second-Passw0rd!' }).expect(200);
      const [one, two] = await Promise.all([signIn(net.url(TOWNSHIP), 'admin'), signIn(net.url(TOWNSHIP), 'admin-two', 'Second-Passw0rd!')]);
      // Each demotes the other, at the same moment.
      const answers = await Promise.all([
        request(net.url(TOWNSHIP)).patch(`/staff/${created.body.id}`).set(bearer(one)).send({ roles: ['township_clerk'] }),
        request(net.url(TOWNSHIP)).patch(`/staff/${one.staff.id}`).set(bearer(two)).send({ roles: ['township_clerk'] }),
      ]);
      const statuses = answers.map((r) => r.status).sort();
      expect(statuses.filter((s) => s === 200)).toHaveLength(1);
      const loser = answers.find((r) => r.status !== 200)!;
      // The loser is refused by the rule, or (its own account demoted first) no longer signed in.
      expect([409, 401]).toContain(loser.status);
      if (loser.status === 409) expect(loser.body.code).toBe('LAST_NODE_ADMIN');
      const [{ n }] = await net.query<{ n: string }>(TOWNSHIP, "select count(*)::text as n from staff where status = 'active' and 'node_admin' = any(roles)");
      expect(n).toBe('1');
    });
  });
});
