import { SignJWT } from 'jose';
import { deriveNodeKey, hashRefreshToken, newRefreshToken, signAccessToken, verifyAccessToken } from './tokens.js';

const SECRET = 'a-master-secret-of-at-least-32-characters!';
const COUNTY = '640104000000';
const OTHER = '640121000000';
const claims = { staffId: '0190a6a8-0000-7000-8000-000000000001', node: COUNTY, roles: ['county_operator' as const], login: 'operator', name: '王五', sessionId: 's-1' };

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    return (err as { code: string }).code;
  }
  return 'accepted';
}

describe('access tokens', () => {
  it('derives a different key for each node from the same master secret, and the same key every time', () => {
    expect(Buffer.from(deriveNodeKey(SECRET, COUNTY))).toEqual(Buffer.from(deriveNodeKey(SECRET, COUNTY)));
    expect(Buffer.from(deriveNodeKey(SECRET, COUNTY))).not.toEqual(Buffer.from(deriveNodeKey(SECRET, OTHER)));
  });

  it('round-trips the person, node, roles and session', async () => {
    const key = deriveNodeKey(SECRET, COUNTY);
    const { token } = await signAccessToken(key, claims, 60);
    await expect(verifyAccessToken(key, COUNTY, token)).resolves.toEqual(claims);
  });

  it('refuses a token signed by another node', async () => {
    const { token } = await signAccessToken(deriveNodeKey(SECRET, OTHER), { ...claims, node: OTHER }, 60);
    expect(await codeOf(verifyAccessToken(deriveNodeKey(SECRET, COUNTY), COUNTY, token))).toBe('TOKEN_INVALID');
  });

  it('refuses a token for another audience even when signed with this node\'s key', async () => {
    const key = deriveNodeKey(SECRET, COUNTY);
    const { token } = await signAccessToken(key, { ...claims, node: OTHER }, 60);
    expect(await codeOf(verifyAccessToken(key, COUNTY, token))).toBe('TOKEN_INVALID');
  });

  it('refuses an expired token as expired', async () => {
    const key = deriveNodeKey(SECRET, COUNTY);
    const past = Math.floor(Date.now() / 1000) - 120;
    const token = await new SignJWT({ node: COUNTY, roles: [], sid: 's' })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('tongban')
      .setAudience(COUNTY)
      .setSubject('x')
      .setIssuedAt(past)
      .setExpirationTime(past + 60)
      .sign(key);
    expect(await codeOf(verifyAccessToken(key, COUNTY, token))).toBe('TOKEN_EXPIRED');
  });

  it('refuses a token whose payload was altered', async () => {
    const key = deriveNodeKey(SECRET, COUNTY);
    const { token } = await signAccessToken(key, claims, 60);
    const [h, p, s] = token.split('.');
    const payload = JSON.parse(Buffer.from(p!, 'base64url').toString());
    payload.roles = ['node_admin'];
    const forged = `${h}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${s}`;
    expect(await codeOf(verifyAccessToken(key, COUNTY, forged))).toBe('TOKEN_INVALID');
  });

  it('refuses an unsigned token (alg "none")', async () => {
    const header = Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url');
    const body = Buffer.from(JSON.stringify({ sub: 'x', aud: COUNTY, iss: 'tongban', node: COUNTY, roles: ['node_admin'], sid: 's', iat: 1, exp: 4102444800 })).toString('base64url');
    expect(await codeOf(verifyAccessToken(deriveNodeKey(SECRET, COUNTY), COUNTY, `${header}.${body}.`))).toBe('TOKEN_INVALID');
  });
});

describe('refresh tokens', () => {
  it('are random and stored only as their hash', () => {
    const a = newRefreshToken();
    const b = newRefreshToken();
    expect(a.token).not.toBe(b.token);
    expect(a.hash).toBe(hashRefreshToken(a.token));
    expect(a.hash).not.toContain(a.token);
  });
});
