import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { EventEnvelope } from '#libs/contracts';

export interface MessagePosition {
  topic: string;
  partition: number;
  offset: string;
}

/** The only place that queries the inbox tables. */
@Injectable()
export class InboxRepository {
  constructor(private readonly ds: DataSource) {}

  /** Records the event as seen; false when it was already recorded (a duplicate). */
  async record(manager: EntityManager, env: EventEnvelope, at: MessagePosition, outcome: 'applied' | 'stale' | 'observed'): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `insert into inbox (event_id, type, source, key, topic, partition, "offset", outcome) values ($1, $2, $3, $4, $5, $6, $7, $8)
       on conflict (event_id) do nothing returning event_id`,
      [env.id, env.type, env.source, env.key, at.topic, at.partition, at.offset, outcome],
    );
    return rows.length === 1;
  }

  /**
   * Records many events as seen in one statement (a chunk's); returns the ids it recorded now, so
   * an id missing from the answer was already recorded (a duplicate). An id twice in the list is
   * recorded once; telling its repeats apart is the caller's business.
   */
  async recordMany(manager: EntityManager, events: Array<{ env: EventEnvelope; at: MessagePosition; outcome: 'applied' | 'observed' }>): Promise<Set<string>> {
    if (events.length === 0) return new Set();
    const values: unknown[] = [];
    const tuples = events.map(({ env, at, outcome }, i) => {
      values.push(env.id, env.type, env.source, env.key, at.topic, at.partition, at.offset, outcome);
      const b = i * 8;
      return `($${b + 1}::uuid, $${b + 2}, $${b + 3}, $${b + 4}, $${b + 5}, $${b + 6}::int, $${b + 7}::bigint, $${b + 8})`;
    });
    const rows: Array<{ event_id: string }> = await manager.query(
      `insert into inbox (event_id, type, source, key, topic, partition, "offset", outcome) values ${tuples.join(', ')}
       on conflict (event_id) do nothing returning event_id`,
      values,
    );
    return new Set(rows.map((r) => r.event_id));
  }

  async setOutcome(manager: EntityManager, eventId: string, outcome: 'applied' | 'stale'): Promise<void> {
    await manager.query('update inbox set outcome = $2 where event_id = $1', [eventId, outcome]);
  }

  /**
   * Moves the key's version forward to `version`; false (and nothing changed) when the node has
   * already applied that version or a newer one for the key: the event is stale.
   */
  async advanceKeyVersion(manager: EntityManager, key: string, version: number, eventId: string): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `insert into inbox_key_version (key, version, event_id) values ($1, $2, $3)
       on conflict (key) do update set version = excluded.version, event_id = excluded.event_id, updated_at = clock_timestamp()
       where inbox_key_version.version < excluded.version
       returning key`,
      [key, version, eventId],
    );
    return rows.length === 1;
  }

  /** Forgets event ids older than the topics' retention: such an event can no longer be delivered. */
  async prune(olderThanDays: number, limit: number): Promise<number> {
    const res: [unknown[], number] = await this.ds.query(
      `delete from inbox where event_id in (select event_id from inbox where applied_at < clock_timestamp() - make_interval(days => $1) limit $2)`,
      [olderThanDays, limit],
    );
    return res[1];
  }
}
