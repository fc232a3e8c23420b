import { maskResidentId } from '#libs/domain';
import type { Role } from '../roles.js';
import type { BackupRow, StaffRow, StaffStatus } from './staff.repository.js';

/** A staff account as the API shows it: never the password hash, and the identity number masked. */
export interface StaffView {
  id: string;
  login: string;
  name: string;
  node: string;
  roles: Role[];
  /** Masked (1101**********002X), or null. */
  idNumber: string | null;
  status: StaffStatus;
  locked: boolean;
  lockedUntil: string | null;
  failedAttempts: number;
  mustChangePassword: boolean;
  /** For each role, who stands in (AB岗). */
  backups: Array<{ role: Role; staffId: string; login: string; name: string }>;
  lastSignInAt: string | null;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
}

const iso = (d: Date | null): string | null => (d ? new Date(d).toISOString() : null);

export function toStaffView(row: StaffRow, backups: BackupRow[]): StaffView {
  return {
    id: row.id,
    login: row.login,
    name: row.name,
    node: row.node,
    roles: row.roles,
    idNumber: row.idNumber ? maskResidentId(row.idNumber) : null,
    status: row.status,
    locked: row.locked,
    lockedUntil: row.locked ? iso(row.lockedUntil) : null,
    failedAttempts: row.failedAttempts,
    mustChangePassword: row.mustChangePassword,
    backups: backups.filter((b) => b.staffId === row.id).map((b) => ({ role: b.role, staffId: b.backupStaffId, login: b.backupLogin, name: b.backupName })),
    lastSignInAt: iso(row.lastSignInAt),
    createdAt: iso(row.createdAt)!,
    createdBy: row.createdBy,
    updatedAt: iso(row.updatedAt)!,
  };
}
