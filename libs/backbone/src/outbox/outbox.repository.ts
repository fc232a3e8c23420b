import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

export interface OutboxRow {
  seq: string;
  eventId: string;
  topic: string;
  key: string;
  type: string;
  envelope: Record<string, unknown>;
}

interface RawRow {
  seq: string;
  event_id: string;
  topic: string;
  key: string;
  type: string;
  envelope: Record<string, unknown>;
}

const toRow = (r: RawRow): OutboxRow => ({ seq: r.seq, eventId: r.event_id, topic: r.topic, key: r.key, type: r.type, envelope: r.envelope });

export const OUTBOX_CHANNEL = 'tongban_outbox';

/** The only place that queries the outbox table. */
@Injectable()
export class OutboxRepository {
  constructor(private readonly ds: DataSource) {}

  /** Inserts rows inside the caller's transaction; the NOTIFY is delivered when it commits. */
  async insert(manager: EntityManager, rows: Omit<OutboxRow, 'seq'>[]): Promise<void> {
    if (rows.length === 0) return;
    const values: unknown[] = [];
    const tuples = rows.map((r, i) => {
      values.push(r.eventId, r.topic, r.key, r.type, JSON.stringify(r.envelope));
      const b = i * 5;
      return `($${b + 1}, $${b + 2}, $${b + 3}, $${b + 4}, $${b + 5}::jsonb)`;
    });
    // One round trip: the insert and the NOTIFY (delivered at commit) in one statement.
    await manager.query(`with added as (insert into outbox (event_id, topic, key, type, envelope) values ${tuples.join(', ')}) select pg_notify('${OUTBOX_CHANNEL}', '')`, values);
  }

  /** The oldest unpublished rows, in the order they were written. */
  async nextBatch(limit: number): Promise<OutboxRow[]> {
    const rows: RawRow[] = await this.ds.query('select seq, event_id, topic, key, type, envelope from outbox where published_at is null and parked_at is null order by seq limit $1', [limit]);
    return rows.map(toRow);
  }

  /**
   * Marks rows published and reads the next batch, in one round trip: the relay's loop pays one
   * query per batch instead of two. The read runs on the statement's snapshot, from before the
   * update, so it leaves the rows just marked out by their seqs.
   */
  async markPublishedAndNext(published: string[], limit: number): Promise<OutboxRow[]> {
    const rows: RawRow[] = await this.ds.query(
      `with marked as (update outbox set published_at = clock_timestamp() where seq = any($1::bigint[]))
       select seq, event_id, topic, key, type, envelope from outbox
       where published_at is null and parked_at is null and seq <> all($1::bigint[]) order by seq limit $2`,
      [published, limit],
    );
    return rows.map(toRow);
  }

  /** Inside the caller's transaction: takes a row the broker will never take out of the relay's reads. */
  async markParked(manager: EntityManager, seq: string, reason: string): Promise<void> {
    await manager.query('update outbox set parked_at = clock_timestamp(), park_reason = $2 where seq = $1 and published_at is null', [seq, reason]);
  }

  /** Puts a parked row back in line (an operator's replay of an outgoing dead letter). */
  async unpark(seq: string): Promise<boolean> {
    const res: [unknown[], number] = await this.ds.query('update outbox set parked_at = null, park_reason = null where seq = $1 and parked_at is not null', [seq]);
    if (res[1] === 1) await this.ds.query(`select pg_notify('${OUTBOX_CHANNEL}', '')`);
    return res[1] === 1;
  }

  async countParked(): Promise<number> {
    const [row]: Array<{ n: string }> = await this.ds.query('select count(*)::text as n from outbox where parked_at is not null');
    return Number(row?.n ?? 0);
  }

  async markPublished(seqs: string[]): Promise<void> {
    await this.ds.query('update outbox set published_at = clock_timestamp() where seq = any($1::bigint[])', [seqs]);
  }

  /** Deletes published rows older than `olderThanSeconds`, at most `limit` at a time. */
  async deletePublished(olderThanSeconds: number, limit: number): Promise<number> {
    const res: [unknown[], number] = await this.ds.query(
      `delete from outbox where seq in (
         select seq from outbox where published_at < clock_timestamp() - make_interval(secs => $1) order by published_at limit $2)`,
      [olderThanSeconds, limit],
    );
    return res[1];
  }

  async backlog(): Promise<{ count: number; oldestAgeSeconds: number }> {
    const [row]: Array<{ count: string; oldest: number | null }> = await this.ds.query(
      `select count(*)::text as count, extract(epoch from clock_timestamp() - min(created_at))::float8 as oldest from outbox where published_at is null and parked_at is null`,
    );
    return { count: Number(row?.count ?? 0), oldestAgeSeconds: row?.oldest ?? 0 };
  }
}
