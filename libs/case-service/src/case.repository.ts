import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { CaseState } from '#libs/cases';
import type { CaseFile, CaseRecord, TimelineStep } from './case-file.js';
import type { StoredLights } from './case-hooks.js';
import type { StoredRatingTicket } from './rating-ticket.js';

export interface CaseListFilters {
  status?: string[];
  item?: string;
  holder?: string;
  /** The stored time-limit light, or the light of the step the case waits in. */
  light?: string;
  stepLight?: string;
  /** The applicant's name (part of it) or the last six characters of their ID number. */
  applicant?: string;
  /** Part of the case number. */
  number?: string;
  from?: string;
  to?: string;
  sort: 'receivedAt' | 'dueDate' | 'updatedAt';
  order: 'asc' | 'desc';
  limit: number;
  offset: number;
}

interface CaseRow {
  state: CaseState;
  record: CaseRecord;
}

/** The time zone of the city's calendar (UTC+8, no daylight saving): see localDate in #libs/cases. */
const CITY_TIME_ZONE = 'Asia/Shanghai';

const SORT_COLUMNS: Record<CaseListFilters['sort'], string> = { receivedAt: 'received_at', dueDate: 'due_date', updatedAt: 'updated_at' };

/** The only place that queries the case tables. */
@Injectable()
export class CaseRepository {
  constructor(private readonly ds: DataSource) {}

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.ds.transaction(work);
  }

  /** The next number of the node's daily sequence: one counter row per local date, locked by the update. */
  async nextSequence(m: EntityManager, day: string): Promise<number> {
    const rows: Array<{ last: number }> = await m.query(
      `insert into case_number_counter as c (day, last) values ($1::date, 1)
       on conflict (day) do update set last = c.last + 1 returning last`,
      [day],
    );
    return rows[0]!.last;
  }

  /**
   * Claims an intake key. Returns false when another request has it: a concurrent insert of the same
   * key waits for the first transaction and then claims nothing.
   */
  async claimIntakeKey(m: EntityManager, key: string, staffId: string, requestHash: string, caseNumber: string): Promise<boolean> {
    const rows: unknown[] = await m.query(
      `insert into case_intake_key (key, staff_id, request_hash, case_number) values ($1, $2, $3, $4) on conflict (key) do nothing returning key`,
      [key, staffId, requestHash, caseNumber],
    );
    return rows.length === 1;
  }

  async findIntakeKey(key: string): Promise<{ staffId: string; requestHash: string; caseNumber: string } | undefined> {
    const rows: Array<{ staffId: string; requestHash: string; caseNumber: string }> = await this.ds.query(
      `select staff_id as "staffId", request_hash as "requestHash", case_number as "caseNumber" from case_intake_key where key = $1`,
      [key],
    );
    return rows[0];
  }

  async find(caseNumber: string, m: EntityManager | DataSource = this.ds): Promise<CaseFile | undefined> {
    const rows: CaseRow[] = await m.query(`select state, record from case_file where case_number = $1`, [caseNumber]);
    return rows[0];
  }

  /** The copies after `after` in case-number order, at most `limit`, whose numbers `where` lets through (a SQL condition on `c`). */
  async pageAfter(after: string, limit: number, where = 'true'): Promise<CaseFile[]> {
    return this.ds.query(`select state, record from case_file c where c.case_number > $1 and ${where} order by c.case_number limit $2`, [after, limit]);
  }

  async insert(m: EntityManager, file: CaseFile): Promise<void> {
    await m.query(
      `insert into case_file (${COLUMNS}) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)`,
      values(file),
    );
  }

  /** Writes the holder's change if nobody changed the case since `readVersion`; false if someone did. */
  async update(m: EntityManager, file: CaseFile, readVersion: number): Promise<boolean> {
    const res: [unknown[], number] = await m.query(
      `update case_file set (${COLUMNS}, updated_at) = ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, clock_timestamp())
       where case_number = $1 and version = $18`,
      [...values(file), readVersion],
    );
    return res[1] === 1;
  }

  /** Keeps a copy received from another node: inserted, or replaced when it is newer than the one here. */
  async upsertCopy(m: EntityManager, file: CaseFile): Promise<boolean> {
    const rows: unknown[] = await m.query(
      `insert into case_file (${COLUMNS}) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
       on conflict (case_number) do update set (${COLUMNS}, updated_at) =
         (excluded.case_number, excluded.version, excluded.status, excluded.holder, excluded.intake_node, excluded.deciding_node, excluded.item_code,
          excluded.item_name, excluded.applicant_name, excluded.applicant_id_tail, excluded.first_contact, excluded.received_at, excluded.accepted_at,
          excluded.due_date, excluded.decided_at, excluded.state, excluded.record, clock_timestamp())
       where case_file.version < excluded.version
       returning case_number`,
      values(file),
    );
    return rows.length === 1;
  }

  /**
   * Live copies with a clock (accepted, not decided) after `after` in case-number order, locked: a
   * calendar amendment goes through them a page at a time.
   */
  async liveWithClock(m: EntityManager, after: string, limit: number): Promise<CaseFile[]> {
    return m.query(
      `select state, record from case_file where accepted_at is not null and decided_at is null and case_number > $1 order by case_number limit $2 for update`,
      [after, limit],
    );
  }

  /** Stores what the clock and the calendar give (the clock's calendar version, the due date) without a new version: it is not a step. */
  async storeDeadlines(m: EntityManager, files: readonly CaseFile[]): Promise<void> {
    if (files.length === 0) return;
    const rows = files.map((f) => ({ case_number: f.state.caseNumber, record: f.record, due_date: f.record.dueDate ?? null }));
    await m.query(
      `update case_file c set record = v.record, due_date = v.due_date
       from jsonb_to_recordset($1::jsonb) as v(case_number text, record jsonb, due_date date) where c.case_number = v.case_number`,
      [JSON.stringify(rows)],
    );
  }

  /** Stores the copy's lights as the sweep or a change computed them. */
  async setLights(m: EntityManager, caseNumber: string, l: { light: string | null; stepLight: string | null; overdueDays: number; nextCheckAt: string | null }): Promise<void> {
    await m.query(`update case_file set light = $2, step_light = $3, overdue_days = $4, light_due_at = $5 where case_number = $1`, [caseNumber, l.light, l.stepLight, l.overdueDays, l.nextCheckAt]);
  }

  /** Copies whose lights time alone has changed by now, locked; another replica's sweep skips them. */
  async dueForLights(m: EntityManager, now: Date, limit: number): Promise<Array<{ file: CaseFile; stored: StoredLights }>> {
    const rows: Array<CaseFile & { light: string | null; stepLight: string | null; overdueDays: number; lightDueAt: Date | null }> = await m.query(
      `select state, record, light, step_light as "stepLight", overdue_days as "overdueDays", light_due_at as "lightDueAt"
       from case_file where light_due_at <= $1 order by light_due_at limit $2 for update skip locked`,
      [now.toISOString(), limit],
    );
    return rows.map((r) => ({
      file: { state: r.state, record: r.record },
      stored: { light: r.light, stepLight: r.stepLight, overdueDays: r.overdueDays, nextCheckAt: r.lightDueAt ? r.lightDueAt.toISOString() : null },
    }));
  }

  /** The stored lights of one copy. */
  async lights(caseNumber: string): Promise<{ light: string | null; stepLight: string | null; overdueDays: number; lightDueAt: string | null } | undefined> {
    const rows: Array<{ light: string | null; stepLight: string | null; overdueDays: number; lightDueAt: Date | null }> = await this.ds.query(
      `select light, step_light as "stepLight", overdue_days as "overdueDays", light_due_at as "lightDueAt" from case_file where case_number = $1`,
      [caseNumber],
    );
    const r = rows[0];
    return r && { ...r, lightDueAt: r.lightDueAt ? r.lightDueAt.toISOString() : null };
  }

  /** Adds timeline entries; one already here (the same id) is kept as it is. */
  /** The steps in one statement (a case arriving from below brings three or four). */
  async addSteps(m: EntityManager, caseNumber: string, steps: readonly TimelineStep[]): Promise<void> {
    if (steps.length === 0) return;
    const values: unknown[] = [];
    const tuples = steps.map((s, i) => {
      values.push(s.id, caseNumber, s.at, s.node, s.actorId, s.actorName, s.actorRole, s.action, s.statusAfter ?? null, s.holderAfter ?? null, s.versionAfter ?? null, s.details);
      return `(${Array.from({ length: 12 }, (_, j) => `$${i * 12 + j + 1}`).join(', ')})`;
    });
    await m.query(
      `insert into case_step (id, case_number, at, node, actor_id, actor_name, actor_role, action, status_after, holder_after, version_after, details)
       values ${tuples.join(', ')} on conflict (id) do nothing`,
      values,
    );
  }

  async steps(caseNumber: string): Promise<TimelineStep[]> {
    return this.ds.query(
      `select id, to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as at, node, actor_id as "actorId", actor_name as "actorName",
              actor_role as "actorRole", action, status_after as "statusAfter", holder_after as "holderAfter", version_after as "versionAfter", details
       from case_step where case_number = $1 order by at, id`,
      [caseNumber],
    );
  }

  /**
   * The last timeline entry a staff member made on the case at `node` (not the node's own system
   * steps, such as signing for a hand-up): who last acted there, for accountability (责任追究).
   */
  async lastStaffStep(caseNumber: string, node: string, m: EntityManager | DataSource = this.ds): Promise<Pick<TimelineStep, 'actorId' | 'actorName' | 'actorRole' | 'action' | 'at'> | undefined> {
    const rows: Array<Pick<TimelineStep, 'actorId' | 'actorName' | 'actorRole' | 'action' | 'at'>> = await m.query(
      `select actor_id as "actorId", actor_name as "actorName", actor_role as "actorRole", action,
              to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as at
       from case_step where case_number = $1 and node = $2 and actor_id <> 'system' order by at desc, id desc limit 1`,
      [caseNumber, node],
    );
    return rows[0];
  }

  /** Stores a case's rating ticket (its hash), replacing any earlier one: the old ticket stops working. */
  async replaceRatingTicket(m: EntityManager, hash: string, t: Omit<StoredRatingTicket, 'usedAt'>): Promise<void> {
    await m.query(
      `insert into case_rating_ticket (case_number, ticket_hash, issued_by_id, issued_by_name, issued_by_role, issued_at, expires_at)
       values ($1, $2, $3, $4, $5, $6, $7)
       on conflict (case_number) do update set ticket_hash = excluded.ticket_hash, issued_by_id = excluded.issued_by_id,
         issued_by_name = excluded.issued_by_name, issued_by_role = excluded.issued_by_role, issued_at = excluded.issued_at,
         expires_at = excluded.expires_at, used_at = null`,
      [t.caseNumber, hash, t.issuedById, t.issuedByName, t.issuedByRole, t.issuedAt, t.expiresAt],
    );
  }

  /** The ticket with this hash; `lock` holds it for the transaction (the one that uses it). */
  async findRatingTicket(hash: string, m: EntityManager | DataSource = this.ds, lock = false): Promise<StoredRatingTicket | undefined> {
    const rows: Array<Omit<StoredRatingTicket, 'issuedAt' | 'expiresAt' | 'usedAt'> & { issuedAt: Date; expiresAt: Date; usedAt: Date | null }> = await m.query(
      `select case_number as "caseNumber", issued_by_id as "issuedById", issued_by_name as "issuedByName", issued_by_role as "issuedByRole",
              issued_at as "issuedAt", expires_at as "expiresAt", used_at as "usedAt"
       from case_rating_ticket where ticket_hash = $1${lock ? ' for update' : ''}`,
      [hash],
    );
    const r = rows[0];
    return r && { ...r, issuedAt: r.issuedAt.toISOString(), expiresAt: r.expiresAt.toISOString(), usedAt: r.usedAt ? r.usedAt.toISOString() : null };
  }

  /** Marks a ticket used; false if it was used meanwhile. */
  async spendRatingTicket(m: EntityManager, hash: string, at: Date): Promise<boolean> {
    const res: [unknown[], number] = await m.query(`update case_rating_ticket set used_at = $2 where ticket_hash = $1 and used_at is null`, [hash, at.toISOString()]);
    return res[1] === 1;
  }

  async list(f: CaseListFilters): Promise<{ rows: Array<CaseRow & { light: string | null; stepLight: string | null }>; total: number }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (f.status?.length) add('status = any(?::text[])', f.status);
    if (f.item) add('item_code = ?', f.item);
    if (f.holder) add('holder = ?', f.holder);
    if (f.light) add('light = ?', f.light);
    if (f.stepLight) add('step_light = ?', f.stepLight);
    if (f.applicant) {
      if (/^[\dXx]{6}$/.test(f.applicant)) add('applicant_id_tail = ?', f.applicant.toUpperCase());
      else add(`applicant_name like '%' || ? || '%'`, f.applicant.replace(/[\\%_]/g, (c) => `\\${c}`));
    }
    if (f.number) add(`case_number like '%' || ? || '%'`, f.number.toUpperCase());
    // Calendar days of the city (Asia/Shanghai), as in case numbers and due dates, whatever the database's time zone.
    if (f.from) add(`received_at >= (?::date)::timestamp at time zone '${CITY_TIME_ZONE}'`, f.from);
    if (f.to) add(`received_at < (?::date + 1)::timestamp at time zone '${CITY_TIME_ZONE}'`, f.to);
    const clause = where.length ? `where ${where.join(' and ')}` : '';
    const [count] = (await this.ds.query(`select count(*)::int as n from case_file ${clause}`, params)) as Array<{ n: number }>;
    const order = `${SORT_COLUMNS[f.sort]} ${f.order} nulls last, case_number ${f.order}`;
    const rows: Array<CaseRow & { light: string | null; stepLight: string | null }> = await this.ds.query(
      `select state, record, light, step_light as "stepLight" from case_file ${clause} order by ${order} limit $${params.length + 1} offset $${params.length + 2}`,
      [
      ...params,
      f.limit,
      f.offset,
    ]);
    return { rows, total: count?.n ?? 0 };
  }
}

const COLUMNS =
  'case_number, version, status, holder, intake_node, deciding_node, item_code, item_name, applicant_name, applicant_id_tail, first_contact, received_at, accepted_at, due_date, decided_at, state, record';

function values({ state, record }: CaseFile): unknown[] {
  return [
    state.caseNumber,
    state.version,
    state.status,
    state.holder,
    state.intakeNode,
    state.decidingNode,
    record.itemCode,
    record.itemName,
    record.applicant.name,
    record.applicant.idNumber.slice(-6).toUpperCase(),
    state.firstContact,
    record.receivedAt,
    record.acceptedAt ?? null,
    record.dueDate ?? null,
    record.decidedAt ?? null,
    JSON.stringify(stripUndefined(state)),
    JSON.stringify(record),
  ];
}

function stripUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
