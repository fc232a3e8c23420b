import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Role } from '../roles.js';

export type StaffStatus = 'active' | 'disabled';

export interface StaffRow {
  id: string;
  login: string;
  name: string;
  node: string;
  roles: Role[];
  idNumber: string | null;
  passwordHash: string;
  mustChangePassword: boolean;
  status: StaffStatus;
  failedAttempts: number;
  lockedUntil: Date | null;
  /** Whether `lockedUntil` is still ahead, by the database's clock. */
  locked: boolean;
  passwordChangedAt: Date;
  lastSignInAt: Date | null;
  createdAt: Date;
  createdBy: string;
  updatedAt: Date;
}

/** For a role the staff member holds, the colleague who stands in (AB岗). */
export interface BackupRow {
  staffId: string;
  role: Role;
  backupStaffId: string;
  backupLogin: string;
  backupName: string;
}

export interface NewStaff {
  id: string;
  login: string;
  name: string;
  node: string;
  roles: Role[];
  idNumber: string | null;
  passwordHash: string;
  mustChangePassword: boolean;
  createdBy: string;
}

export interface StaffFilter {
  role?: Role;
  status?: StaffStatus;
  /** Part of a login or a name. */
  q?: string;
}

const COLUMNS = `id, login, name, node, roles, id_number as "idNumber", password_hash as "passwordHash", must_change_password as "mustChangePassword",
  status, failed_attempts as "failedAttempts", locked_until as "lockedUntil", coalesce(locked_until > clock_timestamp(), false) as locked,
  password_changed_at as "passwordChangedAt", last_sign_in_at as "lastSignInAt", created_at as "createdAt", created_by as "createdBy", updated_at as "updatedAt"`;

/** The only place that queries the staff and staff_backup tables. */
@Injectable()
export class StaffRepository {
  constructor(private readonly ds: DataSource) {}

  private q(m?: EntityManager): Pick<EntityManager, 'query'> {
    return m ?? this.ds;
  }

  async findByLogin(login: string, m?: EntityManager): Promise<StaffRow | undefined> {
    const rows: StaffRow[] = await this.q(m).query(`select ${COLUMNS} from staff where login = $1`, [login]);
    return rows[0];
  }

  async findById(id: string, m?: EntityManager, forUpdate = false): Promise<StaffRow | undefined> {
    const rows: StaffRow[] = await this.q(m).query(`select ${COLUMNS} from staff where id = $1${forUpdate ? ' for update' : ''}`, [id]);
    return rows[0];
  }

  async findByIds(ids: string[], m?: EntityManager): Promise<StaffRow[]> {
    if (ids.length === 0) return [];
    return this.q(m).query(`select ${COLUMNS} from staff where id = any($1::uuid[])`, [ids]);
  }

  async loginExists(login: string, m?: EntityManager): Promise<boolean> {
    const rows: unknown[] = await this.q(m).query(`select 1 from staff where login = $1`, [login]);
    return rows.length > 0;
  }

  async idNumberExists(idNumber: string, exceptId: string | null, m?: EntityManager): Promise<boolean> {
    const rows: unknown[] = await this.q(m).query(`select 1 from staff where id_number = $1 and id is distinct from $2::uuid`, [idNumber, exceptId]);
    return rows.length > 0;
  }

  async insert(m: EntityManager, s: NewStaff): Promise<void> {
    await m.query(
      `insert into staff (id, login, name, node, roles, id_number, password_hash, must_change_password, created_by)
       values ($1, $2, $3, $4, $5::text[], $6, $7, $8, $9)`,
      [s.id, s.login, s.name, s.node, s.roles, s.idNumber, s.passwordHash, s.mustChangePassword, s.createdBy],
    );
  }

  async list(filter: StaffFilter, limit: number, offset: number): Promise<{ items: StaffRow[]; total: number }> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.role) {
      params.push(filter.role);
      where.push(`$${params.length} = any(roles)`);
    }
    if (filter.status) {
      params.push(filter.status);
      where.push(`status = $${params.length}`);
    }
    if (filter.q) {
      params.push(`%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      where.push(`(login ilike $${params.length} or name ilike $${params.length})`);
    }
    const clause = where.length ? `where ${where.join(' and ')}` : '';
    const items: StaffRow[] = await this.ds.query(`select ${COLUMNS} from staff ${clause} order by login limit $${params.length + 1} offset $${params.length + 2}`, [
      ...params,
      limit,
      offset,
    ]);
    const [count]: Array<{ n: string }> = await this.ds.query(`select count(*)::text as n from staff ${clause}`, params);
    return { items, total: Number(count?.n ?? 0) };
  }

  async update(m: EntityManager, id: string, patch: { name?: string; roles?: Role[]; status?: StaffStatus; idNumber?: string | null }): Promise<void> {
    await m.query(
      `update staff set name = coalesce($2, name), roles = coalesce($3::text[], roles), status = coalesce($4, status),
         id_number = case when $5 then $6 else id_number end, updated_at = clock_timestamp()
       where id = $1`,
      [id, patch.name ?? null, patch.roles ?? null, patch.status ?? null, patch.idNumber !== undefined, patch.idNumber ?? null],
    );
  }

  async setPassword(m: EntityManager | undefined, id: string, passwordHash: string, mustChange: boolean): Promise<void> {
    await this.q(m).query(
      `update staff set password_hash = $2, must_change_password = $3, password_changed_at = clock_timestamp(), updated_at = clock_timestamp() where id = $1`,
      [id, passwordHash, mustChange],
    );
  }

  /** Replaces the hash after a successful sign-in with older parameters, without touching the policy dates. */
  async rehash(id: string, passwordHash: string): Promise<void> {
    await this.ds.query(`update staff set password_hash = $2 where id = $1`, [id, passwordHash]);
  }

  /**
   * Counts a failed sign-in, atomically. On the failure that reaches `maxFailures` the account is
   * locked for `lockSeconds` and the count starts again, so after the lock the same number is allowed.
   */
  async recordFailure(id: string, maxFailures: number, lockSeconds: number): Promise<{ failedAttempts: number; lockedUntil: Date | null; lockedNow: boolean }> {
    // TypeORM answers an UPDATE with [rows, affected].
    const [rows]: [Array<{ failedAttempts: number; lockedUntil: Date | null; lockedNow: boolean }>, number] = await this.ds.query(
      `update staff set
         failed_attempts = case when failed_attempts + 1 >= $2 then 0 else failed_attempts + 1 end,
         locked_until = case when failed_attempts + 1 >= $2 then clock_timestamp() + make_interval(secs => $3) else locked_until end
       where id = $1
       returning failed_attempts as "failedAttempts", locked_until as "lockedUntil", (failed_attempts = 0) as "lockedNow"`,
      [id, maxFailures, lockSeconds],
    );
    return rows[0]!;
  }

  async recordSignIn(id: string): Promise<void> {
    await this.ds.query(`update staff set failed_attempts = 0, locked_until = null, last_sign_in_at = clock_timestamp() where id = $1`, [id]);
  }

  async unlock(m: EntityManager, id: string): Promise<void> {
    await m.query(`update staff set failed_attempts = 0, locked_until = null, updated_at = clock_timestamp() where id = $1`, [id]);
  }

  /**
   * Serialises changes that could remove a node administrator, until the transaction ends: without it
   * two concurrent demotions of the last two each see the other still active, and both commit.
   */
  async lockAdministrators(m: EntityManager): Promise<void> {
    await m.query(`select pg_advisory_xact_lock(hashtext('tongban.staff.node-admins'))`);
  }

  /** Active administrators other than `exceptId`: the node must always keep one. */
  async countOtherActiveAdmins(m: EntityManager, exceptId: string): Promise<number> {
    const [row]: Array<{ n: string }> = await m.query(
      `select count(*)::text as n from staff where status = 'active' and 'node_admin' = any(roles) and id <> $1`,
      [exceptId],
    );
    return Number(row?.n ?? 0);
  }

  async backupsOf(staffIds: string[], m?: EntityManager): Promise<BackupRow[]> {
    if (staffIds.length === 0) return [];
    return this.q(m).query(
      `select b.staff_id as "staffId", b.role, b.backup_staff_id as "backupStaffId", s.login as "backupLogin", s.name as "backupName"
       from staff_backup b join staff s on s.id = b.backup_staff_id where b.staff_id = any($1::uuid[]) order by b.role`,
      [staffIds],
    );
  }

  async replaceBackups(m: EntityManager, staffId: string, backups: Array<{ role: Role; staffId: string }>): Promise<void> {
    await m.query(`delete from staff_backup where staff_id = $1`, [staffId]);
    for (const b of backups) {
      await m.query(`insert into staff_backup (staff_id, role, backup_staff_id) values ($1, $2, $3)`, [staffId, b.role, b.staffId]);
    }
  }

  /**
   * After a change of roles, drops the backups that no longer make sense: for roles the staff member
   * gave up, and where they stood in for a role they no longer hold. Returns what it dropped.
   */
  async dropStaleBackups(m: EntityManager, staffId: string, roles: Role[]): Promise<Array<{ staffId: string; role: string; backupStaffId: string }>> {
    const [rows]: [Array<{ staffId: string; role: string; backupStaffId: string }>, number] = await m.query(
      `delete from staff_backup where (staff_id = $1 and role <> all($2::text[])) or (backup_staff_id = $1 and role <> all($2::text[]))
       returning staff_id as "staffId", role, backup_staff_id as "backupStaffId"`,
      [staffId, roles],
    );
    return rows;
  }
}
