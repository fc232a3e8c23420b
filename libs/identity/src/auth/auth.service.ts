import { ValidationFailedError } from '#libs/domain';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { NodeContext } from '#libs/node-kit';
import type { SignedInStaff } from '../access/signed-in-staff.js';
import { AuditService, type RequestOrigin } from '../audit/audit.service.js';
import { AccountLockedError, InvalidCredentialsError, UnauthenticatedError } from '../errors.js';
import { checkPassword } from '../password-policy.js';
import { type StaffRow, StaffRepository } from '../staff/staff.repository.js';
import { PasswordHasher } from './password-hasher.js';
import { SessionRepository } from './session.repository.js';
import { TokenService } from './token.service.js';
import { hashRefreshToken, newRefreshToken } from './tokens.js';

export interface TokenPair {
  tokenType: 'Bearer';
  accessToken: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
  accessTokenExpiresAt: string;
  /** Single use: each refresh returns a new one. */
  refreshToken: string;
  /** When the session ends, however often it is refreshed. */
  sessionExpiresAt: string;
  staff: { id: string; login: string; name: string; node: string; roles: string[]; mustChangePassword: boolean };
}

export type SignInOrigin = RequestOrigin & { userAgent?: string };

/** Sign-in, refresh, sign-out and a staff member's own password. */
@Injectable()
export class AuthService {
  constructor(
    private readonly ctx: NodeContext,
    private readonly ds: DataSource,
    private readonly staff: StaffRepository,
    private readonly sessions: SessionRepository,
    private readonly hasher: PasswordHasher,
    private readonly tokens: TokenService,
    private readonly audit: AuditService,
  ) {}

  async signIn(rawLogin: string, password: string, origin: SignInOrigin): Promise<TokenPair> {
    const login = rawLogin.trim().toLowerCase();
    const s = await this.staff.findByLogin(login);
    if (!s) {
      await this.hasher.verifyDecoy(password);
      await this.audit.anonymous({ action: 'auth.sign-in-failed', outcome: 'failure', subjectType: 'login', subjectId: login.slice(0, 100), detail: { reason: 'unknown-login' } }, origin);
      throw new InvalidCredentialsError();
    }
    const subject = { subjectType: 'staff', subjectId: s.id };
    if (s.locked) {
      await this.audit.anonymous({ action: 'auth.sign-in-failed', outcome: 'failure', ...subject, detail: { login, reason: 'locked' } }, origin);
      throw new AccountLockedError(s.lockedUntil!);
    }
    const ok = await this.hasher.verify(s.passwordHash, password);
    if (!ok || s.status !== 'active') {
      // A disabled account is told the same as a wrong password: nothing to learn by trying.
      if (s.status !== 'active') {
        await this.audit.anonymous({ action: 'auth.sign-in-failed', outcome: 'failure', ...subject, detail: { login, reason: 'disabled' } }, origin);
        throw new InvalidCredentialsError();
      }
      const max = this.ctx.env.TONGBAN_SIGNIN_MAX_FAILURES;
      const r = await this.staff.recordFailure(s.id, max, this.ctx.env.TONGBAN_SIGNIN_LOCK_SECONDS);
      await this.audit.anonymous(
        { action: 'auth.sign-in-failed', outcome: 'failure', ...subject, detail: { login, reason: 'wrong-password', failedAttempts: r.lockedNow ? max : r.failedAttempts } },
        origin,
      );
      if (r.lockedNow) {
        await this.audit.anonymous(
          { action: 'auth.locked-out', outcome: 'success', ...subject, actorRole: 'system', detail: { login, failures: max, lockedUntil: new Date(r.lockedUntil!).toISOString() } },
          origin,
        );
        this.ctx.logger.warn({ component: 'identity', staffId: s.id, login }, `account ${login} locked after ${max} failed sign-ins`);
        throw new AccountLockedError(r.lockedUntil!);
      }
      throw new InvalidCredentialsError();
    }
    if (this.hasher.needsRehash(s.passwordHash)) await this.staff.rehash(s.id, await this.hasher.hash(password));
    await this.staff.recordSignIn(s.id);
    const sessionId = uuidv7();
    const refresh = newRefreshToken();
    const sessionExpiresAt = await this.ds.transaction(async (m) => {
      const expires = await this.sessions.create(m, { id: sessionId, staffId: s.id, ttlSeconds: this.ctx.env.TONGBAN_REFRESH_TOKEN_TTL_SECONDS, ip: origin.ip, userAgent: origin.userAgent });
      await this.sessions.addRefreshToken(m, refresh.hash, sessionId);
      await this.audit.anonymous(
        { action: 'auth.sign-in', outcome: 'success', actorId: s.id, actorLogin: s.login, actorRole: s.roles.join(','), subjectType: 'session', subjectId: sessionId },
        origin,
        m,
      );
      return expires;
    });
    return this.pair(s, sessionId, refresh.token, sessionExpiresAt);
  }

  /** Exchanges a refresh token for a new pair. A token used twice ends its whole session (it was copied). */
  async refresh(refreshToken: string, origin: RequestOrigin): Promise<TokenPair> {
    const next = newRefreshToken();
    const outcome = await this.ds.transaction(async (m) => {
      const r = await this.sessions.consumeRefreshToken(m, hashRefreshToken(refreshToken));
      if (!r) return { kind: 'unknown' as const };
      if (r.used) {
        const revoked = await this.sessions.revoke(r.sessionId, 'refresh-token-reused', m);
        await this.audit.anonymous(
          { action: 'auth.refresh-reused', outcome: 'failure', subjectType: 'session', subjectId: r.sessionId, detail: { staffId: r.staffId, sessionRevoked: revoked } },
          origin,
          m,
        );
        return { kind: 'reused' as const };
      }
      if (!r.sessionAlive || !r.staffActive) return { kind: 'ended' as const };
      await this.sessions.addRefreshToken(m, next.hash, r.sessionId);
      await this.sessions.touch(m, r.sessionId);
      const s = await this.staff.findById(r.staffId, m);
      return { kind: 'ok' as const, staff: s!, sessionId: r.sessionId, expiresAt: r.sessionExpiresAt };
    });
    if (outcome.kind === 'ok') return this.pair(outcome.staff, outcome.sessionId, next.token, outcome.expiresAt);
    if (outcome.kind === 'reused') {
      throw new UnauthenticatedError('REFRESH_TOKEN_INVALID', '刷新令牌已被使用过：为安全起见，该会话已被撤销，请重新登录', 'This refresh token was already used: the session has been revoked for safety; sign in again');
    }
    if (outcome.kind === 'ended') throw new UnauthenticatedError('SESSION_ENDED', '登录会话已结束，请重新登录', 'The session has ended; sign in again');
    throw new UnauthenticatedError('REFRESH_TOKEN_INVALID', '刷新令牌无效，请重新登录', 'The refresh token is not valid at this node; sign in again');
  }

  async signOut(staff: SignedInStaff, origin: RequestOrigin): Promise<void> {
    await this.ds.transaction(async (m) => {
      await this.sessions.revoke(staff.sessionId, 'signed-out', m);
      await this.audit.byStaff(staff, { action: 'auth.sign-out', outcome: 'success', subjectType: 'session', subjectId: staff.sessionId }, origin, m);
    });
  }

  /** A staff member changes their own password; their other sessions end. */
  async changePassword(staff: SignedInStaff, currentPassword: string, newPassword: string, origin: RequestOrigin): Promise<void> {
    const s = await this.staff.findById(staff.id);
    if (!s || !(await this.hasher.verify(s.passwordHash, currentPassword))) {
      throw new ValidationFailedError([{ field: 'currentPassword', rule: 'matchesCurrent', message: '当前密码不正确', messageEn: 'currentPassword is not the current password' }]);
    }
    const problems = checkPassword(newPassword, 'newPassword', s.login);
    if (newPassword === currentPassword) problems.push({ field: 'newPassword', rule: 'differsFromCurrent', message: '新密码不能与当前密码相同', messageEn: 'newPassword must differ from the current one' });
    if (problems.length > 0) throw new ValidationFailedError(problems);
    const hash = await this.hasher.hash(newPassword);
    await this.ds.transaction(async (m) => {
      await this.staff.setPassword(m, s.id, hash, false);
      const ended = await this.sessions.revokeAllOf(m, s.id, 'password-changed', staff.sessionId);
      await this.audit.byStaff(staff, { action: 'auth.password-changed', outcome: 'success', subjectType: 'staff', subjectId: s.id, detail: { otherSessionsEnded: ended } }, origin, m);
    });
  }

  private async pair(s: StaffRow, sessionId: string, refreshToken: string, sessionExpiresAt: Date): Promise<TokenPair> {
    const access = await this.tokens.issueAccess({ staffId: s.id, node: this.ctx.code, roles: s.roles, login: s.login, name: s.name, sessionId });
    return {
      tokenType: 'Bearer',
      accessToken: access.token,
      expiresIn: this.tokens.accessTtlSeconds,
      accessTokenExpiresAt: access.expiresAt.toISOString(),
      refreshToken,
      sessionExpiresAt: new Date(sessionExpiresAt).toISOString(),
      staff: { id: s.id, login: s.login, name: s.name, node: s.node, roles: s.roles, mustChangePassword: s.mustChangePassword },
    };
  }
}
