import type { Role } from '../../lib/session';

/** A staff account as GET /staff answers (libs/identity/src/staff/staff.view.ts); idNumber comes masked. */
export interface Staff {
  id: string;
  login: string;
  name: string;
  node: string;
  roles: Role[];
  idNumber: string | null;
  status: 'active' | 'disabled';
  locked: boolean;
  lockedUntil: string | null;
  failedAttempts: number;
  mustChangePassword: boolean;
  backups: Array<{ role: Role; staffId: string; login: string; name: string }>;
  lastSignInAt: string | null;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
}

export interface Page<T> {
  items: T[];
  total: number;
}

/** A parked message (libs/backbone/src/dead-letters/dead-letter.repository.ts); resident IDs in it come masked. */
export interface DeadLetter {
  id: string;
  eventId: string | null;
  type: string | null;
  source: string | null;
  key: string | null;
  topic: string;
  partition: number;
  offset: string;
  value: string;
  errorCode: string;
  errorMessage: string;
  attempts: number;
  status: 'parked' | 'replayed' | 'discarded';
  direction: 'incoming' | 'outgoing';
  parkedAt: string;
  resolvedAt: string | null;
  resolvedBy: string | null;
}

export interface ReplayResult {
  id: string;
  result: 'replayed' | 'parked' | 'skipped';
  outcome?: 'applied' | 'duplicate' | 'stale' | 'observed' | 'ignored' | 'requeued';
  errorCode?: string;
  error?: string;
}

export interface ReplayManyResult {
  replayed: number;
  stillParked: number;
  skipped: number;
  results: ReplayResult[];
}
