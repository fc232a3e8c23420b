import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';

export type AuditOutcome = 'success' | 'failure';

export interface AuditEntry {
  node: string;
  /** The person who acted; absent for an anonymous attempt (a failed sign-in) or a system step. */
  actorId?: string | null;
  actorLogin?: string | null;
  /** The role they acted in, or `system`. */
  actorRole?: string | null;
  action: string;
  outcome: AuditOutcome;
  subjectType?: string | null;
  subjectId?: string | null;
  detail?: Record<string, unknown>;
  ip?: string | null;
  requestId?: string | null;
}

export interface AuditRecord {
  seq: string;
  id: string;
  at: Date;
  node: string;
  actorId: string | null;
  actorLogin: string | null;
  actorRole: string | null;
  action: string;
  outcome: AuditOutcome;
  subjectType: string | null;
  subjectId: string | null;
  detail: Record<string, unknown>;
  ip: string | null;
}

export interface AuditFilter {
  /** A staff id or a login. */
  actor?: string;
  subject?: string;
  subjectType?: string;
  action?: string;
  outcome?: AuditOutcome;
  from?: Date;
  to?: Date;
}

const COLUMNS = `seq::text as seq, id, at, node, actor_id as "actorId", actor_login as "actorLogin", actor_role as "actorRole", action, outcome,
  subject_type as "subjectType", subject_id as "subjectId", detail, ip`;

/** The only place that touches audit_log: it inserts and reads, never updates (the table refuses it). */
@Injectable()
export class AuditRepository {
  constructor(private readonly ds: DataSource) {}

  async insert(entry: AuditEntry, m?: EntityManager): Promise<string> {
    const id = uuidv7();
    await (m ?? this.ds).query(
      `insert into audit_log (id, node, actor_id, actor_login, actor_role, action, outcome, subject_type, subject_id, detail, ip, request_id)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11, $12)`,
      [
        id,
        entry.node,
        entry.actorId ?? null,
        entry.actorLogin ?? null,
        entry.actorRole ?? null,
        entry.action,
        entry.outcome,
        entry.subjectType ?? null,
        entry.subjectId?.slice(0, 200) ?? null,
        JSON.stringify(entry.detail ?? {}),
        entry.ip ?? null,
        entry.requestId ?? null,
      ],
    );
    return id;
  }

  async query(filter: AuditFilter, limit: number, offset: number): Promise<{ items: AuditRecord[]; total: number }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: (p: string) => string, value: unknown): void => {
      params.push(value);
      where.push(sql(`$${params.length}`));
    };
    if (filter.actor) add((p) => `(actor_id = ${p} or actor_login = ${p})`, filter.actor);
    if (filter.subject) add((p) => `subject_id = ${p}`, filter.subject);
    if (filter.subjectType) add((p) => `subject_type = ${p}`, filter.subjectType);
    if (filter.action) add((p) => `action = ${p}`, filter.action);
    if (filter.outcome) add((p) => `outcome = ${p}`, filter.outcome);
    if (filter.from) add((p) => `at >= ${p}`, filter.from);
    if (filter.to) add((p) => `at < ${p}`, filter.to);
    const clause = where.length ? `where ${where.join(' and ')}` : '';
    const items: AuditRecord[] = await this.ds.query(
      `select ${COLUMNS} from audit_log ${clause} order by at desc, seq desc limit $${params.length + 1} offset $${params.length + 2}`,
      [...params, limit, offset],
    );
    const [count]: Array<{ n: string }> = await this.ds.query(`select count(*)::text as n from audit_log ${clause}`, params);
    return { items, total: Number(count?.n ?? 0) };
  }
}
