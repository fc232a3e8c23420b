import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import type { EventEnvelope, MessageGlimpse } from '#libs/contracts';
import type { IncomingMessage } from '#libs/messaging';
import { type OutboxRow, OutboxRepository } from '../outbox/outbox.repository.js';

export type DeadLetterStatus = 'parked' | 'replayed' | 'discarded';
/** `incoming`: a message this node could not apply; `outgoing`: an outbox row the broker would not take. */
export type DeadLetterDirection = 'incoming' | 'outgoing';

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
  status: DeadLetterStatus;
  direction: DeadLetterDirection;
  parkedAt: string;
  resolvedAt: string | null;
  resolvedBy: string | null;
}

export interface ParkRequest {
  node: string;
  deadLetterTopic: string;
  message: IncomingMessage;
  envelope?: EventEnvelope;
  /** What could be read of a message that is not a valid event, so the row still shows it. */
  glimpse?: MessageGlimpse;
  errorCode: string;
  errorMessage: string;
  attempts: number;
}

const COLUMNS = `id, event_id as "eventId", type, source, key, topic, partition, "offset"::text as "offset", value, error_code as "errorCode",
  error_message as "errorMessage", attempts, status, direction, parked_at as "parkedAt", resolved_at as "resolvedAt", resolved_by as "resolvedBy"`;

/** The only place that queries the dead_letter table. */
@Injectable()
export class DeadLetterRepository {
  constructor(
    private readonly ds: DataSource,
    private readonly outbox: OutboxRepository,
  ) {}

  /**
   * Parks a message: the row is the operators' record; a copy goes to the dead-letter topic through
   * the outbox, in the same transaction. Parking the same message twice (after a crash) keeps one row.
   */
  async park(req: ParkRequest): Promise<string> {
    const { message: msg, envelope: env, glimpse } = req;
    const value = msg.value?.toString('utf8') ?? '';
    return this.ds.transaction(async (m) => {
      const rows: Array<{ id: string }> = await m.query(
        `insert into dead_letter (id, event_id, type, source, key, topic, partition, "offset", value, error_code, error_message, attempts)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
         on conflict (topic, partition, "offset") do update set error_code = excluded.error_code, error_message = excluded.error_message,
           attempts = dead_letter.attempts + excluded.attempts
         returning id`,
        [uuidv7(), env?.id ?? glimpse?.id ?? null, env?.type ?? glimpse?.type ?? null, env?.source ?? glimpse?.source ?? null, env?.key ?? msg.key, msg.topic, msg.partition, msg.offset, value, req.errorCode, req.errorMessage, req.attempts],
      );
      const id = rows[0]!.id;
      await this.outbox.insert(m, [
        {
          eventId: uuidv7(),
          topic: req.deadLetterTopic,
          key: req.node,
          type: 'backbone.dead-letter',
          envelope: { node: req.node, deadLetterId: id, topic: msg.topic, partition: msg.partition, offset: msg.offset, errorCode: req.errorCode, errorMessage: req.errorMessage, attempts: req.attempts, value },
        },
      ]);
      return id;
    });
  }

  /**
   * Parks an outbox row the broker will never take: it leaves the relay's reads, and an outgoing
   * dead letter (partition -1, the outbox seq as offset) records it, in one transaction. No copy goes
   * to the dead-letter topic: the row may be what the broker refuses.
   */
  async parkOutgoing(row: OutboxRow, errorCode: string, reason: string): Promise<string> {
    return this.ds.transaction(async (m) => {
      await this.outbox.markParked(m, row.seq, reason);
      const rows: Array<{ id: string }> = await m.query(
        `insert into dead_letter (id, event_id, type, source, key, topic, partition, "offset", value, error_code, error_message, attempts, direction)
         values ($1, $2, $3, $4, $5, $6, -1, $7, $8, $9, $10, 1, 'outgoing')
         on conflict (topic, partition, "offset") do update set status = 'parked', error_code = excluded.error_code, error_message = excluded.error_message,
           attempts = dead_letter.attempts + 1, resolved_at = null, resolved_by = null
         returning id`,
        [uuidv7(), row.eventId, row.type, typeof row.envelope.source === 'string' ? row.envelope.source : null, row.key, row.topic, row.seq, JSON.stringify(row.envelope), errorCode, reason],
      );
      return rows[0]!.id;
    });
  }

  async list(status: DeadLetterStatus | undefined, limit: number, offset: number): Promise<{ items: DeadLetter[]; total: number }> {
    const where = status ? 'where status = $3' : '';
    const params: unknown[] = [limit, offset];
    if (status) params.push(status);
    const items: DeadLetter[] = await this.ds.query(`select ${COLUMNS} from dead_letter ${where} order by parked_at, id limit $1 offset $2`, params);
    const [count]: Array<{ n: string }> = await this.ds.query(`select count(*)::text as n from dead_letter ${status ? 'where status = $1' : ''}`, status ? [status] : []);
    return { items, total: Number(count?.n ?? 0) };
  }

  async get(id: string): Promise<DeadLetter | undefined> {
    const rows: DeadLetter[] = await this.ds.query(`select ${COLUMNS} from dead_letter where id = $1`, [id]);
    return rows[0];
  }

  async parkedIds(): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.ds.query(`select id from dead_letter where status = 'parked' order by parked_at, id`);
    return rows.map((r) => r.id);
  }

  async resolve(id: string, status: 'replayed' | 'discarded', by: string): Promise<boolean> {
    const res: [unknown[], number] = await this.ds.query(
      `update dead_letter set status = $2, resolved_at = clock_timestamp(), resolved_by = $3 where id = $1 and status = 'parked'`,
      [id, status, by],
    );
    return res[1] === 1;
  }

  async recordFailedReplay(id: string, errorCode: string, errorMessage: string): Promise<void> {
    await this.ds.query(`update dead_letter set attempts = attempts + 1, error_code = $2, error_message = $3 where id = $1`, [id, errorCode, errorMessage]);
  }

  async countParked(): Promise<number> {
    const [row]: Array<{ n: string }> = await this.ds.query(`select count(*)::text as n from dead_letter where status = 'parked'`);
    return Number(row?.n ?? 0);
  }
}
