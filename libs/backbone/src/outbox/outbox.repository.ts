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
    await manager.query(`insert into outbox (event_id, topic, key, type, envelope) values ${tuples.join(', ')}`, values);
    await manager.query(`select pg_notify('${OUTBOX_CHANNEL}', '')`);
  }

  /** The oldest unpublished rows, in the order they were written. */
  async nextBatch(limit: number): Promise<OutboxRow[]> {
    const rows: Array<{ seq: string; event_id: string; topic: string; key: string; type: string; envelope: Record<string, unknown> }> = await this.ds.query(
      'select seq, event_id, topic, key, type, envelope from outbox where published_at is null order by seq limit $1',
      [limit],
    );
    return rows.map((r) => ({ seq: r.seq, eventId: r.event_id, topic: r.topic, key: r.key, type: r.type, envelope: r.envelope }));
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
      `select count(*)::text as count, extract(epoch from clock_timestamp() - min(created_at))::float8 as oldest from outbox where published_at is null`,
    );
    return { count: Number(row?.count ?? 0), oldestAgeSeconds: row?.oldest ?? 0 };
  }
}
