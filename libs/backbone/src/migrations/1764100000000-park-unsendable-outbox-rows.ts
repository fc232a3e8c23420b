import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An outbox row the broker will never take is parked (and left out of the relay's reads) instead of
 * blocking the node's later events; the operators' record of it is an outgoing dead letter.
 */
export class ParkUnsendableOutboxRows1764100000000 implements MigrationInterface {
  name = 'ParkUnsendableOutboxRows1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`alter table outbox add column parked_at timestamptz, add column park_reason text`);
    await q.query(`drop index outbox_unpublished_idx`);
    await q.query(`create index outbox_unpublished_idx on outbox (seq) where published_at is null and parked_at is null`);
    await q.query(`create index outbox_parked_idx on outbox (seq) where parked_at is not null`);
    // Outgoing dead letters use partition -1 and the outbox seq as offset: unique within the node.
    await q.query(`alter table dead_letter add column direction text not null default 'incoming' check (direction in ('incoming', 'outgoing'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`alter table dead_letter drop column direction`);
    await q.query(`drop index outbox_parked_idx`);
    await q.query(`drop index outbox_unpublished_idx`);
    await q.query(`create index outbox_unpublished_idx on outbox (seq) where published_at is null`);
    await q.query(`alter table outbox drop column parked_at, drop column park_reason`);
  }
}
