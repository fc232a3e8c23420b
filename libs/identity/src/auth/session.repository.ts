import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Role } from '../roles.js';

/** A session as the access guard sees it on each request: alive or not, and whose. */
export interface SessionView {
  sessionId: string;
  staffId: string;
  login: string;
  name: string;
  node: string;
  roles: Role[];
  alive: boolean;
  /** Set after an administrator created the account or reset its password. */
  mustChangePassword: boolean;
}

export interface RefreshLookup {
  sessionId: string;
  staffId: string;
  used: boolean;
  sessionAlive: boolean;
  sessionExpiresAt: Date;
  staffActive: boolean;
}

/** The only place that queries auth_session and refresh_token. */
@Injectable()
export class SessionRepository {
  constructor(private readonly ds: DataSource) {}

  /** Opens a session that ends, at the latest, `ttlSeconds` from now; returns when. */
  async create(m: EntityManager, s: { id: string; staffId: string; ttlSeconds: number; ip?: string; userAgent?: string }): Promise<Date> {
    const rows: Array<{ expiresAt: Date }> = await m.query(
      `insert into auth_session (id, staff_id, expires_at, ip, user_agent) values ($1, $2, clock_timestamp() + make_interval(secs => $3), $4, $5)
       returning expires_at as "expiresAt"`,
      [s.id, s.staffId, s.ttlSeconds, s.ip ?? null, s.userAgent?.slice(0, 300) ?? null],
    );
    return rows[0]!.expiresAt;
  }

  async addRefreshToken(m: EntityManager, tokenHash: string, sessionId: string): Promise<void> {
    await m.query(`insert into refresh_token (token_hash, session_id) values ($1, $2)`, [tokenHash, sessionId]);
  }

  /** One query per request: the session, whether it is still alive, and the staff member's current state. */
  async view(sessionId: string): Promise<SessionView | undefined> {
    const rows: SessionView[] = await this.ds.query(
      `select a.id as "sessionId", s.id as "staffId", s.login, s.name, s.node, s.roles, s.must_change_password as "mustChangePassword",
         (a.revoked_at is null and a.expires_at > clock_timestamp() and s.status = 'active') as alive
       from auth_session a join staff s on s.id = a.staff_id where a.id = $1`,
      [sessionId],
    );
    return rows[0];
  }

  /**
   * Marks a refresh token used, exactly once even under concurrent calls, and tells the caller what
   * it belonged to. A token presented a second time comes back with `used: true`.
   */
  async consumeRefreshToken(m: EntityManager, tokenHash: string): Promise<RefreshLookup | undefined> {
    const rows: RefreshLookup[] = await m.query(
      `with hit as (
         update refresh_token set used_at = clock_timestamp() where token_hash = $1 and used_at is null returning session_id
       )
       select r.session_id as "sessionId", a.staff_id as "staffId", not exists (select 1 from hit) as used,
         (a.revoked_at is null and a.expires_at > clock_timestamp()) as "sessionAlive", a.expires_at as "sessionExpiresAt", (s.status = 'active') as "staffActive"
       from refresh_token r join auth_session a on a.id = r.session_id join staff s on s.id = a.staff_id
       where r.token_hash = $1`,
      [tokenHash],
    );
    return rows[0];
  }

  async touch(m: EntityManager, sessionId: string): Promise<void> {
    await m.query(`update auth_session set refreshed_at = clock_timestamp() where id = $1`, [sessionId]);
  }

  async revoke(sessionId: string, reason: string, m?: EntityManager): Promise<boolean> {
    const res: [unknown[], number] = await (m ?? this.ds).query(
      `update auth_session set revoked_at = clock_timestamp(), revoked_reason = $2 where id = $1 and revoked_at is null`,
      [sessionId, reason],
    );
    return res[1] === 1;
  }

  /** Ends every live session of a staff member (roles changed, password reset, disabled), but `keep`. */
  async revokeAllOf(m: EntityManager, staffId: string, reason: string, keep?: string): Promise<number> {
    const res: [unknown[], number] = await m.query(
      `update auth_session set revoked_at = clock_timestamp(), revoked_reason = $2 where staff_id = $1 and revoked_at is null and id is distinct from $3::uuid`,
      [staffId, reason, keep ?? null],
    );
    return res[1];
  }
}
