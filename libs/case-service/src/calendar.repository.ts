import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { CalendarAmendments } from '#libs/calendar';

/** One amendment as a node stored it. */
export interface AmendmentRow {
  id: string;
  sequence: number;
  kind: 'year' | 'local';
  /** The year file, or the local changes. */
  content: unknown;
  reason: string;
  amendedAt: string;
  amendedBy: string;
  amendedByName: string;
  /** Every amendment in force after this one. */
  held: CalendarAmendments;
  /** This node's calendar version after it. */
  calendarVersion: string;
  appliedAt?: string;
}

export interface MovedCase {
  caseNumber: string;
  oldDueDate: string;
  newDueDate: string;
}

const ROW = `id, sequence, kind, content, reason, amended_at as "amendedAt", amended_by as "amendedBy", amended_by_name as "amendedByName",
  held, calendar_version as "calendarVersion", applied_at as "appliedAt"`;

type Db = EntityManager | DataSource;
/** Timestamps come back from pg as Date objects. */
const iso = <R extends AmendmentRow>(r: R): R => {
  const { amendedAt, appliedAt } = r as unknown as { amendedAt: Date; appliedAt: Date | null };
  return { ...r, amendedAt: amendedAt.toISOString(), appliedAt: appliedAt?.toISOString() };
};

/** The only place that queries the calendar amendment tables. */
@Injectable()
export class CalendarRepository {
  constructor(private readonly ds: DataSource) {}

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.ds.transaction(work);
  }

  /**
   * The node's calendar lock, held to the end of the transaction: shared by every change that reads a
   * deadline, exclusive while an amendment swaps the calendar, so that no deadline is computed on a
   * calendar that is being replaced. Replicas of the node share it.
   */
  async lock(m: EntityManager, mode: 'shared' | 'exclusive'): Promise<void> {
    await m.query(`select ${mode === 'shared' ? 'pg_advisory_xact_lock_shared' : 'pg_advisory_xact_lock'}(hashtext('tongban.calendar'))`);
  }

  /** The sequence of the latest amendment held here; 0 for none. */
  async sequence(db: Db = this.ds): Promise<number> {
    const rows: Array<{ n: number }> = await db.query(`select coalesce(max(sequence), 0)::int as n from calendar_amendment`);
    return rows[0]!.n;
  }

  /** The latest amendment held here, with the whole set in force. */
  async latest(db: Db = this.ds): Promise<AmendmentRow | undefined> {
    const rows: AmendmentRow[] = await db.query(`select ${ROW} from calendar_amendment order by sequence desc limit 1`);
    return rows[0] && iso(rows[0]);
  }

  /** Stores an amendment; false when it is here already (the same id). */
  async insert(m: EntityManager, a: AmendmentRow): Promise<boolean> {
    const rows: unknown[] = await m.query(
      `insert into calendar_amendment (id, sequence, kind, content, reason, amended_at, amended_by, amended_by_name, held, calendar_version)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) on conflict (id) do nothing returning id`,
      [a.id, a.sequence, a.kind, JSON.stringify(a.content), a.reason, a.amendedAt, a.amendedBy, a.amendedByName, JSON.stringify(a.held), a.calendarVersion],
    );
    return rows.length === 1;
  }

  async addMoved(m: EntityManager, amendmentId: string, moved: readonly MovedCase[]): Promise<void> {
    if (moved.length === 0) return;
    await m.query(
      `insert into calendar_amendment_case (amendment_id, case_number, old_due_date, new_due_date)
       select $1, v."caseNumber", v."oldDueDate", v."newDueDate" from jsonb_to_recordset($2::jsonb) as v("caseNumber" text, "oldDueDate" date, "newDueDate" date)
       on conflict do nothing`,
      [amendmentId, JSON.stringify(moved)],
    );
  }

  async find(id: string): Promise<AmendmentRow | undefined> {
    const rows: AmendmentRow[] = await this.ds.query(`select ${ROW} from calendar_amendment where id = $1`, [id]);
    return rows[0] && iso(rows[0]);
  }

  async list(limit: number, offset: number): Promise<{ rows: Array<AmendmentRow & { movedCases: number }>; total: number }> {
    const [count] = (await this.ds.query(`select count(*)::int as n from calendar_amendment`)) as Array<{ n: number }>;
    const rows: Array<AmendmentRow & { movedCases: number }> = await this.ds.query(
      `select ${ROW}, (select count(*)::int from calendar_amendment_case c where c.amendment_id = a.id) as "movedCases"
       from calendar_amendment a order by sequence desc limit $1 offset $2`,
      [limit, offset],
    );
    return { rows: rows.map(iso), total: count?.n ?? 0 };
  }

  /** The cases an amendment moved here, in case-number order. */
  async moved(id: string, limit: number, offset: number): Promise<{ items: MovedCase[]; total: number }> {
    const [count] = (await this.ds.query(`select count(*)::int as n from calendar_amendment_case where amendment_id = $1`, [id])) as Array<{ n: number }>;
    const items: MovedCase[] = await this.ds.query(
      `select case_number as "caseNumber", to_char(old_due_date, 'YYYY-MM-DD') as "oldDueDate", to_char(new_due_date, 'YYYY-MM-DD') as "newDueDate"
       from calendar_amendment_case where amendment_id = $1 order by case_number limit $2 offset $3`,
      [id, limit, offset],
    );
    return { items, total: count?.n ?? 0 };
  }
}
