import { createHash, hkdfSync, randomBytes } from 'node:crypto';
import { errors, jwtVerify, SignJWT } from 'jose';
import { v7 as uuidv7 } from 'uuid';
import { UnauthenticatedError } from '../errors.js';
import { isRole, type Role } from '../roles.js';

const ISSUER = 'tongban';
const ALG = 'HS256';

/** What an access token says: who, at which node, in which roles, in which session. */
export interface AccessClaims {
  staffId: string;
  node: string;
  roles: Role[];
  login: string;
  name: string;
  sessionId: string;
}

/**
 * The node's own signing key, derived (HKDF-SHA256) from the deployment's master secret and the
 * node code: every node can be given the same secret, yet a token signed by one is refused by another.
 */
export function deriveNodeKey(masterSecret: string, nodeCode: string): Uint8Array {
  return new Uint8Array(hkdfSync('sha256', masterSecret, 'tongban/identity', `access-token/v1/${nodeCode}`, 32));
}

export async function signAccessToken(key: Uint8Array, claims: AccessClaims, ttlSeconds: number): Promise<{ token: string; expiresAt: Date }> {
  const now = Math.floor(Date.now() / 1000);
  const token = await new SignJWT({ node: claims.node, roles: claims.roles, login: claims.login, name: claims.name, sid: claims.sessionId })
    .setProtectedHeader({ alg: ALG, typ: 'JWT' })
    .setIssuer(ISSUER)
    .setAudience(claims.node)
    .setSubject(claims.staffId)
    .setJti(uuidv7())
    .setIssuedAt(now)
    .setExpirationTime(now + ttlSeconds)
    .sign(key);
  return { token, expiresAt: new Date((now + ttlSeconds) * 1000) };
}

/** Checks signature, algorithm, issuer, audience (this node) and expiry; throws a 401 domain error otherwise. */
export async function verifyAccessToken(key: Uint8Array, nodeCode: string, token: string): Promise<AccessClaims> {
  try {
    const { payload } = await jwtVerify(token, key, { algorithms: [ALG], issuer: ISSUER, audience: nodeCode, requiredClaims: ['sub', 'exp', 'iat'] });
    const roles = Array.isArray(payload.roles) ? payload.roles.filter((r): r is Role => typeof r === 'string' && isRole(r)) : [];
    if (payload.node !== nodeCode || typeof payload.sid !== 'string' || typeof payload.sub !== 'string') throw new errors.JWTInvalid('claims');
    return { staffId: payload.sub, node: nodeCode, roles, login: String(payload.login ?? ''), name: String(payload.name ?? ''), sessionId: payload.sid };
  } catch (err) {
    if (err instanceof errors.JWTExpired) throw new UnauthenticatedError('TOKEN_EXPIRED', '登录已过期，请刷新或重新登录', 'The access token has expired; refresh it or sign in again');
    throw new UnauthenticatedError('TOKEN_INVALID', '登录凭证无效（不是本节点签发的，或已被篡改），请重新登录', 'The access token is not valid at this node (signed elsewhere or altered); sign in again');
  }
}

/** A refresh token: 256 random bits, handed out once; only its SHA-256 is stored. */
export function newRefreshToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashRefreshToken(token) };
}

export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
