import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SignJWT } from 'jose';
import request from 'supertest';
import { DEMO_AUTH_SECRET } from '#libs/config';
import { residentIdCheckChar } from '#libs/domain';
import { DEMO_PASSWORD, deriveNodeKey, type Role } from '#libs/identity';
import { projectRoot } from '#libs/infra';
import { bearer, DEMO_ENV, type Session, signIn } from './support/staff.js';
import { TestNetwork } from './support/test-network.js';

const CITY = '640100000000';
const XQ = '640104000000';
const XQ_TOWN = '640104100000';
const YN = '640121000000';
const YN_TOWN = '640121100000';
const SECRET = 'e2e-master-secret-Qm4T8wL1cR6nH5dF0aG7eU2iO9k3Yb7v';

/** A well-formed resident ID (valid check character) that no demo account has. */
function residentId(first17: string): string {
  return `${first17}${residentIdCheckChar(first17)}`;
}

describe('identity: staff accounts, sign-in, roles and audit over HTTP on real nodes', () => {
  const net = new TestNetwork(
    [
      { code: CITY, tier: 'city' },
      { code: XQ, tier: 'county', parent: CITY },
      { code: XQ_TOWN, tier: 'township', parent: XQ },
      { code: YN, tier: 'county', parent: CITY },
      { code: YN_TOWN, tier: 'township', parent: YN },
    ],
    { ...DEMO_ENV, TONGBAN_AUTH_SECRET: SECRET },
  );
  const api = (code: string) => request(net.url(code));
  const admins = new Map<string, Session>();
  const admin = (code: string): Session => admins.get(code)!;

  beforeAll(async () => {
    await net.init();
    // 杨和镇 issues access tokens that live two seconds, to watch one expire.
    await Promise.all([net.start([CITY, XQ, XQ_TOWN, YN]), net.start([YN_TOWN], { TONGBAN_ACCESS_TOKEN_TTL_SECONDS: '2' })]);
    for (const code of [CITY, XQ, XQ_TOWN, YN, YN_TOWN]) admins.set(code, await signIn(net.url(code), 'admin'));
  });

  afterAll(async () => {
    await net.stop();
  });

  describe('every role at every tier where it exists: one allowed and one refused action', () => {
    type Case = { tier: string; node: string; login: string; role: Role; allowed: (s: Session) => Promise<unknown>; refused: (s: Session) => Promise<unknown> };
    const cases: Case[] = [
      {
        tier: 'township',
        node: XQ_TOWN,
        login: 'admin',
        role: 'node_admin',
        allowed: (s) => api(XQ_TOWN).get('/staff').set(bearer(s)).expect(200),
        refused: async (s) => expect((await api(YN_TOWN).get('/staff').set(bearer(s)).expect(401)).body.code).toBe('TOKEN_INVALID'),
      },
      {
        tier: 'township',
        node: XQ_TOWN,
        login: 'clerk',
        role: 'township_clerk',
        allowed: async (s) => expect((await api(XQ_TOWN).get(`/auth/access?node=${XQ_TOWN}`).set(bearer(s)).expect(200)).body).toEqual({ node: XQ_TOWN, read: true, act: true }),
        refused: async (s) => {
          expect((await api(XQ_TOWN).get('/staff').set(bearer(s)).expect(403)).body.code).toBe('ROLE_REQUIRED');
          expect((await api(XQ_TOWN).get(`/auth/access?node=${YN_TOWN}`).set(bearer(s)).expect(200)).body).toMatchObject({ read: false, act: false });
        },
      },
      {
        tier: 'county',
        node: XQ,
        login: 'admin',
        role: 'node_admin',
        allowed: async (s) => expect((await api(XQ).post('/dead-letters/replay').set(bearer(s)).expect(200)).body).toMatchObject({ replayed: 0 }),
        refused: async (s) => expect((await api(YN).get('/dead-letters').set(bearer(s)).expect(401)).body.code).toBe('TOKEN_INVALID'),
      },
      {
        tier: 'county',
        node: XQ,
        login: 'operator',
        role: 'county_operator',
        allowed: async (s) => {
          await api(XQ).get('/catalog/implementation').set(bearer(s)).expect(200);
          expect((await api(XQ).get(`/auth/access?node=${XQ_TOWN}`).set(bearer(s)).expect(200)).body).toEqual({ node: XQ_TOWN, read: true, act: false });
        },
        refused: async (s) => {
          expect((await api(XQ).get('/audit').set(bearer(s)).expect(403)).body.code).toBe('ROLE_REQUIRED');
          await api(XQ).post('/catalog/county-items').set(bearer(s)).send({}).expect(403);
          expect((await api(XQ).get(`/auth/access?node=${YN}`).set(bearer(s)).expect(200)).body).toMatchObject({ read: false, act: false });
        },
      },
      {
        tier: 'county',
        node: XQ,
        login: 'catalog',
        role: 'catalog_editor',
        // Reaching the rules means the guard let it through: an empty item is refused field by field.
        allowed: async (s) => expect((await api(XQ).post('/catalog/county-items').set(bearer(s)).send({}).expect(400)).body.code).toBe('VALIDATION_FAILED'),
        refused: (s) => api(XQ).post('/staff').set(bearer(s)).send({}).expect(403),
      },
      {
        tier: 'county',
        node: XQ,
        login: 'auditor',
        role: 'auditor',
        allowed: async (s) => expect((await api(XQ).get('/audit?action=auth.sign-in').set(bearer(s)).expect(200)).body.total).toBeGreaterThan(0),
        refused: async (s) => expect((await api(XQ).post('/dead-letters/replay').set(bearer(s)).expect(403)).body.code).toBe('ROLE_REQUIRED'),
      },
      {
        tier: 'city',
        node: CITY,
        login: 'admin',
        role: 'node_admin',
        allowed: (s) => api(CITY).get('/diagnostics/pings/summary').set(bearer(s)).expect(200),
        refused: async (s) => expect((await api(XQ).get('/diagnostics/pings/summary').set(bearer(s)).expect(401)).body.code).toBe('TOKEN_INVALID'),
      },
      {
        tier: 'city',
        node: CITY,
        login: 'coordinator',
        role: 'city_coordinator',
        allowed: async (s) => {
          expect((await api(CITY).get('/catalog/propagation').set(bearer(s)).expect(200)).body).toHaveProperty('nodes');
          expect((await api(CITY).get(`/auth/access?node=${YN_TOWN}`).set(bearer(s)).expect(200)).body).toEqual({ node: YN_TOWN, read: true, act: true });
        },
        refused: async (s) => {
          await api(CITY).get('/staff').set(bearer(s)).expect(403);
          await api(CITY).post('/catalog/versions').set(bearer(s)).send({ changes: [{ code: 'x', action: 'cancel' }] }).expect(403);
        },
      },
      {
        tier: 'city',
        node: CITY,
        login: 'approver',
        role: 'city_approver',
        allowed: async (s) => expect((await api(CITY).get('/auth/me').set(bearer(s)).expect(200)).body.backups).toEqual([expect.objectContaining({ role: 'city_approver', login: 'approver-b' })]),
        refused: async (s) => {
          await api(CITY).get('/audit').set(bearer(s)).expect(403);
          expect((await api(CITY).get(`/auth/access?node=${XQ}`).set(bearer(s)).expect(200)).body).toMatchObject({ read: false, act: false });
        },
      },
      {
        tier: 'city',
        node: CITY,
        login: 'catalog',
        role: 'catalog_editor',
        allowed: (s) => api(CITY).get('/catalog/drafts').set(bearer(s)).expect(200),
        refused: (s) => api(CITY).get('/dead-letters').set(bearer(s)).expect(403),
      },
      {
        tier: 'city',
        node: CITY,
        login: 'auditor',
        role: 'auditor',
        allowed: async (s) => {
          await api(CITY).get('/catalog/history').set(bearer(s)).expect(200);
          expect((await api(CITY).get(`/auth/access?node=${YN_TOWN}`).set(bearer(s)).expect(200)).body).toEqual({ node: YN_TOWN, read: true, act: false });
        },
        refused: async (s) => {
          expect((await api(CITY).patch(`/staff/${s.staff.id}`).set(bearer(s)).send({ roles: ['node_admin'] }).expect(403)).body.code).toBe('ROLE_REQUIRED');
          await api(CITY).put('/catalog/drafts/x').set(bearer(s)).send({}).expect(403);
        },
      },
    ];

    it('has a case for every role at every tier where it exists', async () => {
      const { ROLE_INFO } = await import('#libs/identity');
      const expected = Object.entries(ROLE_INFO).flatMap(([role, info]) => info.tiers.map((t) => `${t}:${role}`));
      expect(cases.map((c) => `${c.tier}:${c.role}`).sort()).toEqual(expected.sort());
    });

    it.each(cases.map((c) => [c.tier, c.role, c] as const))('%s %s', async (_tier, role, c) => {
      const s = await signIn(net.url(c.node), c.login);
      expect(s.staff.roles).toEqual([role]);
      await c.allowed(s);
      await c.refused(s);
    });
  });

  it('guards every endpoint it documents: without a token, all but health, metrics, sign-in, the console\'s page and /public/* answer 401', async () => {
    const doc = (await api(XQ).get('/docs/openapi.json').expect(200)).body as { paths: Record<string, Record<string, unknown>> };
    const open = new Set(['get /health', 'get /metrics', 'post /auth/sign-in', 'post /auth/refresh', 'get /']);
    const unguarded: string[] = [];
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const method of Object.keys(methods)) {
        const key = `${method} ${path}`;
        if (open.has(key) || path.startsWith('/public/')) continue;
        const url = path.replace(/\{[^}]+\}/g, '0190a6a8-0000-7000-8000-000000000001');
        const res = await (request(net.url(XQ)) as unknown as Record<string, (u: string) => request.Test>)[method]!(url);
        if (res.status !== 401) unguarded.push(`${key} → ${res.status}`);
      }
    }
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/staff', '/audit', '/dead-letters', '/diagnostics/pings']));
    expect(unguarded).toEqual([]);
  });

  describe('tokens', () => {
    it('refuses a token forged with the public demo secret, one with altered roles, and an unsigned one', async () => {
      const clerk = await signIn(net.url(XQ_TOWN), 'clerk');
      const now = Math.floor(Date.now() / 1000);
      const forged = await new SignJWT({ node: XQ_TOWN, roles: ['node_admin'], sid: 'x', login: 'clerk', name: 'x' })
        .setProtectedHeader({ alg: 'HS256' })
        .setIssuer('tongban')
        .setAudience(XQ_TOWN)
        .setSubject(clerk.staff.id)
        .setIssuedAt(now)
        .setExpirationTime(now + 600)
        .sign(deriveNodeKey(DEMO_AUTH_SECRET, XQ_TOWN));
      const [h, p, sig] = clerk.accessToken.split('.');
      const claims = JSON.parse(Buffer.from(p!, 'base64url').toString());
      const altered = `${h}.${Buffer.from(JSON.stringify({ ...claims, roles: ['node_admin'] })).toString('base64url')}.${sig}`;
      const unsigned = `${Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url')}.${Buffer.from(JSON.stringify({ ...claims, roles: ['node_admin'] })).toString('base64url')}.`;
      for (const token of [forged, altered, unsigned, 'not-a-token']) {
        const res = await api(XQ_TOWN).get('/staff').set(bearer(token)).expect(401);
        expect(res.body).toMatchObject({ code: 'TOKEN_INVALID', message: expect.any(String), messageEn: expect.any(String) });
      }
    });

    it('refuses an expired token, and a refresh gives a new pair that works', async () => {
      const s = await signIn(net.url(YN_TOWN), 'clerk');
      expect(s).toMatchObject({ tokenType: 'Bearer', expiresIn: 2 });
      await api(YN_TOWN).get('/auth/me').set(bearer(s)).expect(200);
      await new Promise((r) => setTimeout(r, 3100));
      expect((await api(YN_TOWN).get('/auth/me').set(bearer(s)).expect(401)).body.code).toBe('TOKEN_EXPIRED');
      const renewed = (await api(YN_TOWN).post('/auth/refresh').send({ refreshToken: s.refreshToken }).expect(200)).body as Session;
      expect(renewed.refreshToken).not.toBe(s.refreshToken);
      await api(YN_TOWN).get('/auth/me').set(bearer(renewed)).expect(200);
    });

    it('spends a refresh token once: presenting it again ends the whole session', async () => {
      const s = await signIn(net.url(XQ), 'operator-b');
      const renewed = (await api(XQ).post('/auth/refresh').send({ refreshToken: s.refreshToken }).expect(200)).body as Session;
      expect((await api(XQ).post('/auth/refresh').send({ refreshToken: s.refreshToken }).expect(401)).body.code).toBe('REFRESH_TOKEN_INVALID');
      expect((await api(XQ).get('/auth/me').set(bearer(renewed)).expect(401)).body.code).toBe('SESSION_ENDED');
      await api(XQ).post('/auth/refresh').send({ refreshToken: renewed.refreshToken }).expect(401);
    });

    it('refuses a token at every other node, though all nodes share the master secret', async () => {
      const s = await signIn(net.url(XQ), 'admin');
      for (const other of [CITY, XQ_TOWN, YN, YN_TOWN]) {
        expect((await api(other).get('/auth/me').set(bearer(s)).expect(401)).body.code).toBe('TOKEN_INVALID');
      }
      await api(XQ).get('/auth/me').set(bearer(s)).expect(200);
    });

    it('signs out: the access token and the refresh token stop working at once', async () => {
      const s = await signIn(net.url(XQ), 'catalog');
      await api(XQ).post('/auth/sign-out').set(bearer(s)).expect(200);
      expect((await api(XQ).get('/auth/me').set(bearer(s)).expect(401)).body.code).toBe('SESSION_ENDED');
      await api(XQ).post('/auth/refresh').send({ refreshToken: s.refreshToken }).expect(401);
      const [entry] = (await api(XQ).get(`/audit?action=auth.sign-out&actor=${s.staff.id}`).set(bearer(admin(XQ))).expect(200)).body.items;
      expect(entry).toMatchObject({ actorLogin: 'catalog', actorRole: 'catalog_editor', subjectId: expect.any(String) });
    });
  });

  describe('sign-in protection', () => {
    it('locks an account after five wrong passwords, refuses even the right one, and an administrator unlocks it', async () => {
      const created = await api(XQ).post('/staff').set(bearer(admin(XQ))).send({ login: 'lockme', name: '李四', roles: ['county_operator'], password: 'Start-Pass-2026' }).expect(201);
      for (let i = 1; i <= 4; i++) expect((await api(XQ).post('/auth/sign-in').send({ login: 'lockme', password: `Wrong-${i}-password` }).expect(401)).body.code).toBe('INVALID_CREDENTIALS');
      const locked = await api(XQ).post('/auth/sign-in').send({ login: 'lockme', password: 'Wrong-5-password' }).expect(423);
      expect(locked.body).toMatchObject({ code: 'ACCOUNT_LOCKED', lockedUntil: expect.any(String) });
      expect(locked.body.message).toContain('锁定');
      await api(XQ).post('/auth/sign-in').send({ login: 'lockme', password: 'Start-Pass-2026' }).expect(423);
      expect((await api(XQ).get(`/staff/${created.body.id}`).set(bearer(admin(XQ))).expect(200)).body).toMatchObject({ locked: true });
      const audit = (await api(XQ).get(`/audit?subject=${created.body.id}&action=auth.locked-out`).set(bearer(admin(XQ))).expect(200)).body;
      expect(audit.total).toBe(1);
      await api(XQ).post(`/staff/${created.body.id}/unlock`).set(bearer(admin(XQ))).expect(200);
      const s = await signIn(net.url(XQ), 'lockme', 'Start-Pass-2026');
      expect(s.staff).toMatchObject({ login: 'lockme', mustChangePassword: true });
    });

    it('answers an unknown login exactly like a wrong password', async () => {
      const res = await api(XQ).post('/auth/sign-in').send({ login: 'nobody-here', password: 'Whatever-2026' }).expect(401);
      expect(res.body).toEqual({ code: 'INVALID_CREDENTIALS', message: '登录名或密码错误', messageEn: 'Wrong login or password' });
    });

    it('limits sign-in attempts per address and login to ten a minute (429 with Retry-After), other logins unaffected', async () => {
      for (let i = 0; i < 10; i++) await signIn(net.url(XQ_TOWN), 'clerk-b');
      const res = await api(XQ_TOWN).post('/auth/sign-in').send({ login: 'clerk-b', password: DEMO_PASSWORD }).expect(429);
      expect(res.body).toMatchObject({ code: 'TOO_MANY_REQUESTS', retryAfterSeconds: expect.any(Number) });
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      await signIn(net.url(XQ_TOWN), 'clerk');
    });
  });

  describe('staff administration', () => {
    it('creates a staff member with a backup (AB岗), and refuses what breaks a rule, naming field and rule', async () => {
      const a = admin(XQ_TOWN);
      const bad = await api(XQ_TOWN).post('/staff').set(bearer(a)).send({ login: 'wang', name: '王', roles: ['county_operator'], password: 'short' }).expect(400);
      expect(bad.body.code).toBe('VALIDATION_FAILED');
      expect(bad.body.errors.map((e: { field: string; rule: string }) => `${e.field}:${e.rule}`)).toEqual(expect.arrayContaining(['roles:roleOnTier', 'password:passwordMinLength']));
      const shape = await api(XQ_TOWN).post('/staff').set(bearer(a)).send({ login: 'W', name: '', roles: [], password: 1 }).expect(400);
      expect(shape.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['login', 'name', 'roles', 'password']));
      const clerk = (await api(XQ_TOWN).get('/staff?role=township_clerk&q=clerk-b').set(bearer(a)).expect(200)).body.items[0];
      const notHolder = await api(XQ_TOWN)
        .post('/staff')
        .set(bearer(a))
        .send({ login: 'wang', name: '王', roles: ['township_clerk'], password: 'Counter-Pass-2026', backups: [{ role: 'township_clerk', staffId: admin(XQ_TOWN).staff.id }] })
        .expect(400);
      expect(notHolder.body.errors).toEqual([expect.objectContaining({ field: 'backups[0].staffId', rule: 'backupHoldsRole' })]);
      const made = await api(XQ_TOWN)
        .post('/staff')
        .set(bearer(a))
        .send({ login: 'wang', name: '王', roles: ['township_clerk'], password: 'Counter-Pass-2026', backups: [{ role: 'township_clerk', staffId: clerk.id }] })
        .expect(201);
      expect(made.body).toMatchObject({ login: 'wang', node: XQ_TOWN, roles: ['township_clerk'], mustChangePassword: true, backups: [{ role: 'township_clerk', login: 'clerk-b' }] });
      expect(made.body).not.toHaveProperty('passwordHash');
      expect((await api(XQ_TOWN).post('/staff').set(bearer(a)).send({ login: 'wang', name: '王', roles: ['township_clerk'], password: 'Counter-Pass-2026' }).expect(409)).body.code).toBe('LOGIN_TAKEN');
    });

    it('ends the sessions of a staff member whose roles change, and keeps the last administrator', async () => {
      const a = admin(YN);
      const made = (await api(YN).post('/staff').set(bearer(a)).send({ login: 'zhao', name: '赵', roles: ['county_operator'], password: 'Hall-Pass-2026' }).expect(201)).body;
      const s = await signIn(net.url(YN), 'zhao', 'Hall-Pass-2026');
      await api(YN).get('/auth/me').set(bearer(s)).expect(200);
      await api(YN).patch(`/staff/${made.id}`).set(bearer(a)).send({ roles: ['county_operator', 'auditor'] }).expect(200);
      expect((await api(YN).get('/auth/me').set(bearer(s)).expect(401)).body.code).toBe('SESSION_ENDED');
      expect((await signIn(net.url(YN), 'zhao', 'Hall-Pass-2026')).staff.roles).toEqual(['county_operator', 'auditor']);
      expect((await api(YN).patch(`/staff/${a.staff.id}`).set(bearer(a)).send({ roles: ['auditor'] }).expect(409)).body.code).toBe('LAST_NODE_ADMIN');
      const [entry] = (await api(YN).get(`/audit?subject=${made.id}&action=staff.updated`).set(bearer(a)).expect(200)).body.items;
      expect(entry).toMatchObject({ actorId: a.staff.id, actorRole: 'node_admin', detail: { roles: { from: ['county_operator'], to: ['county_operator', 'auditor'] }, sessionsEnded: 1 } });
    });

    it('resets a password: the old one stops working, the new one must be changed', async () => {
      const a = admin(CITY);
      const approverB = (await api(CITY).get('/staff?q=approver-b').set(bearer(a)).expect(200)).body.items[0];
      const weak = await api(CITY).post(`/staff/${approverB.id}/password-reset`).set(bearer(a)).send({ newPassword: 'alllowercase' }).expect(400);
      expect(weak.body.errors).toEqual([expect.objectContaining({ field: 'newPassword', rule: 'passwordCharacterClasses' })]);
      await api(CITY).post(`/staff/${approverB.id}/password-reset`).set(bearer(a)).send({ newPassword: 'Temporary-2026' }).expect(200);
      await api(CITY).post('/auth/sign-in').send({ login: 'approver-b', password: DEMO_PASSWORD }).expect(401);
      const s = await signIn(net.url(CITY), 'approver-b', 'Temporary-2026');
      expect(s.staff.mustChangePassword).toBe(true);
      // Until then, only their own profile, the password change and signing out are open.
      expect((await api(CITY).get(`/auth/access?node=${CITY}`).set(bearer(s)).expect(403)).body.code).toBe('PASSWORD_CHANGE_REQUIRED');
      await api(CITY).get('/auth/me').set(bearer(s)).expect(200);
      await api(CITY).post('/auth/password').set(bearer(s)).send({ currentPassword: 'Temporary-2026', newPassword: DEMO_PASSWORD }).expect(200);
      expect((await signIn(net.url(CITY), 'approver-b')).staff.mustChangePassword).toBe(false);
    });
  });

  describe('identity numbers', () => {
    const idNumber = residentId('64010419850307123');

    it('are masked in list and detail answers', async () => {
      const a = admin(XQ);
      const made = (await api(XQ).post('/staff').set(bearer(a)).send({ login: 'sun', name: '孙', roles: ['auditor'], password: 'Audit-Pass-2026', idNumber }).expect(201)).body;
      expect(made.idNumber).toBe(`${idNumber.slice(0, 4)}**********${idNumber.slice(-4)}`);
      const list = await api(XQ).get('/staff?limit=500').set(bearer(a)).expect(200);
      expect(JSON.stringify(list.body)).not.toContain(idNumber);
      expect((list.body.items as Array<{ idNumber: string | null }>).every((s) => s.idNumber === null || /^\d{4}\*{10}[\dX]{4}$/.test(s.idNumber))).toBe(true);
      expect(JSON.stringify((await api(XQ).get(`/staff/${made.id}`).set(bearer(a)).expect(200)).body)).not.toContain(idNumber);
      const wrongCheck = `${idNumber.slice(0, 17)}${idNumber[17] === '0' ? '1' : '0'}`;
      const bad = await api(XQ).post('/staff').set(bearer(a)).send({ login: 'sun2', name: '孙', roles: ['auditor'], password: 'Audit-Pass-2026', idNumber: wrongCheck }).expect(400);
      expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'idNumber', rule: 'residentIdCheckDigit' })]);
    });

    it('never appear unmasked in the node\'s log, even when sent in a URL', async () => {
      await api(XQ).get(`/staff?q=${idNumber}`).set(bearer(admin(XQ))).expect(200);
      await api(XQ).get(`/nowhere/${idNumber}`).expect(404);
      await new Promise((r) => setTimeout(r, 300));
      const log = readFileSync(net.node(XQ).opts.logFile, 'utf8');
      expect(log).toContain(`${idNumber.slice(0, 4)}**********${idNumber.slice(-4)}`);
      expect(log).not.toContain(idNumber);
      expect(log).not.toContain(DEMO_PASSWORD);
    });
  });

  describe('audit log', () => {
    it('is queryable by person, subject and time range, paged', async () => {
      const a = admin(XQ);
      const byPerson = (await api(XQ).get(`/audit?actor=admin&limit=2`).set(bearer(a)).expect(200)).body;
      expect(byPerson.items).toHaveLength(2);
      expect(byPerson.total).toBeGreaterThan(2);
      expect(byPerson.items.every((e: { actorLogin: string }) => e.actorLogin === 'admin')).toBe(true);
      const page2 = (await api(XQ).get(`/audit?actor=admin&limit=2&offset=2`).set(bearer(a)).expect(200)).body;
      expect(page2.items[0].id).not.toBe(byPerson.items[0].id);
      const future = (await api(XQ).get(`/audit?from=${encodeURIComponent(new Date(Date.now() + 3600_000).toISOString())}`).set(bearer(a)).expect(200)).body;
      expect(future.total).toBe(0);
      const bad = await api(XQ).get('/audit?from=yesterday').set(bearer(a)).expect(400);
      expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'from', rule: 'isIso8601' })]);
    });

    it('records a dead-letter replay with the administrator who did it', async () => {
      const a = admin(XQ);
      await api(XQ).post('/dead-letters/replay').set(bearer(a)).expect(200);
      const [entry] = (await api(XQ).get(`/audit?action=dead-letter.replayed-all&actor=${a.staff.id}`).set(bearer(a)).expect(200)).body.items;
      expect(entry).toMatchObject({ actorId: a.staff.id, actorLogin: 'admin', actorRole: 'node_admin', outcome: 'success', detail: { replayed: 0, stillParked: 0 } });
    });

    it('refuses to change or delete what it recorded', async () => {
      await expect(net.query(XQ, `update audit_log set action = 'x'`)).rejects.toThrow(/append-only/);
      await expect(net.query(XQ, `delete from audit_log`)).rejects.toThrow(/append-only/);
      await expect(net.query(XQ, `truncate audit_log`)).rejects.toThrow(/append-only/);
      const [{ n }] = await net.query<{ n: string }>(XQ, `select count(*)::text as n from audit_log`);
      expect(Number(n)).toBeGreaterThan(0);
    });
  });

  describe('error answers', () => {
    it('never carry a stack trace or SQL: malformed JSON, an oversized body, an unknown route', async () => {
      const malformed = await api(XQ).post('/auth/sign-in').set('content-type', 'application/json').send('{"login": "admin",').expect(400);
      const huge = await api(XQ).post('/auth/sign-in').set('content-type', 'application/json').send(JSON.stringify({ login: 'admin', password: 'x'.repeat(2_000_000) })).expect(413);
      const missing = await api(XQ).get('/no/such/route').expect(404);
      expect(huge.body.code).toBe('PAYLOAD_TOO_LARGE');
      for (const res of [malformed, huge, missing]) {
        const text = res.text;
        expect(res.headers['content-type']).toMatch(/json/);
        expect(res.body).toMatchObject({ code: expect.any(String), message: expect.any(String), messageEn: expect.any(String) });
        for (const leak of ['    at ', 'node_modules', '.js:', 'select ', 'insert into']) expect(text).not.toContain(leak);
      }
    });
  });

  it('creates a first administrator from the command line, with the password from the environment', async () => {
    const node = net.node(XQ_TOWN).opts.env;
    // The same settings `up` would use: the topology and the database server of the test network.
    const env = { PATH: process.env.PATH ?? '', TONGBAN_TOPOLOGY: node.TONGBAN_TOPOLOGY!, TONGBAN_DATABASE_URL: node.TONGBAN_DATABASE_URL! };
    const cli = (args: string[], extra: Record<string, string>, input: string) =>
      spawnSync(process.execPath, [join(projectRoot(), 'dist/apps/cli/src/main.js'), 'create-admin', '--node', XQ_TOWN, ...args], { env: { ...env, ...extra }, encoding: 'utf8', input });
    const run = cli(['--login', 'first-admin', '--name', '首位管理员'], { TONGBAN_ADMIN_PASSWORD: 'Township-Key-2026' }, '');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const s = await signIn(net.url(XQ_TOWN), 'first-admin', 'Township-Key-2026');
    expect(s.staff.roles).toEqual(['node_admin']);
    await api(XQ_TOWN).get('/staff').set(bearer(s)).expect(200);
    // No password in the environment: it is read from standard input, and a weak one is refused.
    const weak = cli(['--login', 'second', '--name', '二'], {}, 'password\n');
    expect(weak.status).toBe(2);
    expect(weak.stderr).toContain('at least 10 characters');
  });
});
