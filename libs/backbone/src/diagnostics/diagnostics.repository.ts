import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { EventEnvelope, PingPayload } from '#libs/contracts';

export interface ReceivedPing {
  seq: string;
  eventId: string;
  source: string;
  target: string | null;
  /** True at the city for a ping between two other nodes, seen because the city observes every link. */
  observed: boolean;
  key: string;
  keySeq: number | null;
  message: string;
  occurredAt: string;
  receivedAt: string;
}

/** The only place that queries the diagnostic tables. */
@Injectable()
export class DiagnosticsRepository {
  constructor(private readonly ds: DataSource) {}

  /**
   * Records a received ping unless its key is held, in one statement (one round trip per ping, as a
   * catch-up applies many); false when the key is held and nothing was recorded.
   */
  async saveReceived(manager: EntityManager, env: EventEnvelope<PingPayload>, keySeq: number | undefined, observed: boolean): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `insert into diagnostic_ping (event_id, source, target, key, key_seq, message, occurred_at, observed)
       select $1, $2, $3, $4, $5, $6, $7, $8 where $8 or not exists (select 1 from diagnostic_hold where key = $4)
       returning seq`,
      [env.id, env.source, env.target, env.key, keySeq ?? null, env.payload.message, env.occurredAt, observed],
    );
    return rows.length === 1;
  }

  /**
   * Records received pings (a run of them, in order) in one statement unless one's key is held;
   * false when any key is held, and then none was recorded (the caller throws, rolling back).
   */
  async saveReceivedMany(manager: EntityManager, envs: EventEnvelope<PingPayload>[]): Promise<boolean> {
    const values: unknown[] = [];
    const tuples = envs.map((env, i) => {
      values.push(i, env.id, env.source, env.target, env.key, env.payload.seq ?? null, env.payload.message, env.occurredAt);
      const b = i * 8;
      return `($${b + 1}::int, $${b + 2}::uuid, $${b + 3}::text, $${b + 4}::text, $${b + 5}::text, $${b + 6}::int, $${b + 7}::text, $${b + 8}::timestamptz)`;
    });
    const rows: unknown[] = await manager.query(
      `insert into diagnostic_ping (event_id, source, target, key, key_seq, message, occurred_at, observed)
       select v.event_id, v.source, v.target, v.key, v.key_seq, v.message, v.occurred_at, false
       from (values ${tuples.join(', ')}) as v (ord, event_id, source, target, key, key_seq, message, occurred_at)
       where not exists (select 1 from diagnostic_hold h where h.key = v.key)
       order by v.ord
       returning seq`,
      values,
    );
    return rows.length === envs.length;
  }

  async listReceived(limit: number, key?: string): Promise<ReceivedPing[]> {
    return this.ds.query(
      `select seq::text, event_id as "eventId", source, target, observed, key, key_seq as "keySeq", message, occurred_at as "occurredAt", received_at as "receivedAt"
       from diagnostic_ping ${key ? 'where key = $2' : ''} order by seq desc limit $1`,
      key ? [limit, key] : [limit],
    );
  }

  /** Totals, and whether each key's events were applied in the order they were sent. */
  async summary(): Promise<{ total: number; distinctEvents: number; keys: number; outOfOrder: number; firstReceivedAt: string | null; lastReceivedAt: string | null }> {
    const [row]: Array<Record<string, string | null>> = await this.ds.query(`
      with ordered as (
        select key, key_seq, lag(key_seq) over (partition by key order by seq) as prev from diagnostic_ping where key_seq is not null and not observed)
      select (select count(*) from diagnostic_ping where not observed)::text as total,
             (select count(distinct event_id) from diagnostic_ping where not observed)::text as distinct_events,
             (select count(distinct key) from diagnostic_ping where not observed)::text as keys,
             (select count(*) from ordered where prev is not null and key_seq <> prev + 1)::text as out_of_order,
             (select min(received_at) from diagnostic_ping where not observed) as first_received,
             (select max(received_at) from diagnostic_ping where not observed) as last_received`);
    return {
      total: Number(row?.total ?? 0),
      distinctEvents: Number(row?.distinct_events ?? 0),
      keys: Number(row?.keys ?? 0),
      outOfOrder: Number(row?.out_of_order ?? 0),
      firstReceivedAt: row?.first_received ?? null,
      lastReceivedAt: row?.last_received ?? null,
    };
  }

  async hold(key: string): Promise<void> {
    await this.ds.query('insert into diagnostic_hold (key) values ($1) on conflict do nothing', [key]);
  }

  async release(key: string): Promise<void> {
    await this.ds.query('delete from diagnostic_hold where key = $1', [key]);
  }
}
