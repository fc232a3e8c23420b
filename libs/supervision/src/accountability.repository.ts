import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { ClockLevel } from '#libs/cases';
import type { AccountabilityDecision, AccountabilityStatus, ResponsibleLevel } from './accountability-rules.js';

export interface AccountabilityRecord {
  id: string;
  orderId: string;
  caseNumber: string;
  level: ResponsibleLevel;
  node: string;
  person?: { id: string; name: string; role: string; actedAt: string };
  daysByLevel: Partial<Record<ClockLevel, number>>;
  status: AccountabilityStatus;
  decision?: {
    code: AccountabilityDecision;
    content: string;
    decidedOn: string;
    decidedBy: string;
    recordedAt: string;
    recordedBy: string;
    recordedByName: string;
  };
  createdAt: string;
  version: number;
}

const COLUMNS = `id, order_id as "orderId", case_number as "caseNumber", level, node, person_id as "personId", person_name as "personName",
  person_role as "personRole", person_acted_at as "personActedAt", days_by_level as "daysByLevel", status, decision, decision_content as "decisionContent",
  to_char(decided_on, 'YYYY-MM-DD') as "decidedOn", decided_by as "decidedBy", recorded_at as "recordedAt", recorded_by as "recordedBy",
  recorded_by_name as "recordedByName", created_at as "createdAt", version`;

const iso = (v: unknown): string => (v instanceof Date ? v.toISOString() : String(v));

function toRecord(r: Record<string, unknown>): AccountabilityRecord {
  return {
    id: r.id as string,
    orderId: r.orderId as string,
    caseNumber: r.caseNumber as string,
    level: r.level as ResponsibleLevel,
    node: r.node as string,
    ...(r.personId ? { person: { id: r.personId as string, name: r.personName as string, role: r.personRole as string, actedAt: iso(r.personActedAt) } } : {}),
    daysByLevel: r.daysByLevel as Partial<Record<ClockLevel, number>>,
    status: r.status as AccountabilityStatus,
    ...(r.decision
      ? {
          decision: {
            code: r.decision as AccountabilityDecision,
            content: r.decisionContent as string,
            decidedOn: r.decidedOn as string,
            decidedBy: r.decidedBy as string,
            recordedAt: iso(r.recordedAt),
            recordedBy: r.recordedBy as string,
            recordedByName: r.recordedByName as string,
          },
        }
      : {}),
    createdAt: iso(r.createdAt),
    version: r.version as number,
  };
}

/** The only place that queries the accountability records (at the city). */
@Injectable()
export class AccountabilityRepository {
  constructor(private readonly ds: DataSource) {}

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.ds.transaction(work);
  }

  /** Keeps a new record; false when the order has one already (a replayed sweep). */
  async insert(m: EntityManager, a: AccountabilityRecord): Promise<boolean> {
    const rows: unknown[] = await m.query(
      `insert into accountability_record (id, order_id, case_number, level, node, person_id, person_name, person_role, person_acted_at, days_by_level, status, created_at, version)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
       on conflict do nothing returning id`,
      [a.id, a.orderId, a.caseNumber, a.level, a.node, a.person?.id ?? null, a.person?.name ?? null, a.person?.role ?? null, a.person?.actedAt ?? null, JSON.stringify(a.daysByLevel), a.status, a.createdAt, a.version],
    );
    return rows.length === 1;
  }

  async find(id: string, m: EntityManager | DataSource = this.ds, lock = false): Promise<AccountabilityRecord | undefined> {
    const rows: Record<string, unknown>[] = await m.query(`select ${COLUMNS} from accountability_record where id = $1${lock ? ' for update' : ''}`, [id]);
    return rows[0] && toRecord(rows[0]);
  }

  /** Records the decision if none is recorded yet; false when one was. */
  async decide(m: EntityManager, id: string, d: NonNullable<AccountabilityRecord['decision']>): Promise<boolean> {
    const res: [unknown[], number] = await m.query(
      `update accountability_record set status = 'decided', decision = $2, decision_content = $3, decided_on = $4::date, decided_by = $5, recorded_at = $6,
         recorded_by = $7, recorded_by_name = $8, version = version + 1, updated_at = clock_timestamp()
       where id = $1 and status = 'pending'`,
      [id, d.code, d.content, d.decidedOn, d.decidedBy, d.recordedAt, d.recordedBy, d.recordedByName],
    );
    return res[1] === 1;
  }

  async list(f: { status?: string; node?: string; level?: string; caseNumber?: string; limit: number; offset: number }): Promise<{ total: number; items: AccountabilityRecord[] }> {
    const where: string[] = [];
    const params: unknown[] = [];
    for (const [sql, value] of [
      ['status = ?', f.status],
      ['node = ?', f.node],
      ['level = ?', f.level],
      ['case_number = ?', f.caseNumber],
    ] as const) {
      if (value === undefined || value === '') continue;
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    }
    const clause = where.length ? `where ${where.join(' and ')}` : '';
    const [count] = (await this.ds.query(`select count(*)::int as n from accountability_record ${clause}`, params)) as Array<{ n: number }>;
    const rows: Record<string, unknown>[] = await this.ds.query(
      `select ${COLUMNS} from accountability_record ${clause} order by created_at desc, id limit $${params.length + 1} offset $${params.length + 2}`,
      [...params, f.limit, f.offset],
    );
    return { total: count?.n ?? 0, items: rows.map(toRecord) };
  }
}
