import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The outbox, the inbox (with per-key versions) and the parked messages of a node. */
export class CreateBackboneTables1763900000000 implements MigrationInterface {
  name = 'CreateBackboneTables1763900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table outbox (
        seq bigserial primary key,
        event_id uuid not null unique,
        topic text not null,
        key text not null,
        type text not null,
        envelope jsonb not null,
        created_at timestamptz not null default clock_timestamp(),
        published_at timestamptz
      )`);
    await q.query(`create index outbox_unpublished_idx on outbox (seq) where published_at is null`);
    await q.query(`create index outbox_published_idx on outbox (published_at) where published_at is not null`);
    await q.query(`
      create table inbox (
        event_id uuid primary key,
        type text not null,
        source text not null,
        key text not null,
        topic text not null,
        partition int not null,
        "offset" bigint not null,
        outcome text not null check (outcome in ('applied', 'stale')),
        applied_at timestamptz not null default clock_timestamp()
      )`);
    await q.query(`create index inbox_applied_at_idx on inbox (applied_at)`);
    await q.query(`
      create table inbox_key_version (
        key text primary key,
        version bigint not null,
        event_id uuid not null,
        updated_at timestamptz not null default clock_timestamp()
      )`);
    await q.query(`
      create table dead_letter (
        id uuid primary key,
        event_id uuid,
        type text,
        source text,
        key text,
        topic text not null,
        partition int not null,
        "offset" bigint not null,
        value text not null,
        error_code text not null,
        error_message text not null,
        attempts int not null,
        status text not null default 'parked' check (status in ('parked', 'replayed', 'discarded')),
        parked_at timestamptz not null default clock_timestamp(),
        resolved_at timestamptz,
        resolved_by text,
        unique (topic, partition, "offset")
      )`);
    await q.query(`create index dead_letter_status_idx on dead_letter (status, parked_at)`);
    await q.query(`
      create table diagnostic_ping (
        seq bigserial primary key,
        event_id uuid not null unique,
        source text not null,
        key text not null,
        key_seq int,
        message text not null,
        occurred_at timestamptz not null,
        received_at timestamptz not null default clock_timestamp()
      )`);
    await q.query(`create index diagnostic_ping_key_idx on diagnostic_ping (key, seq)`);
    await q.query(`create table diagnostic_hold (key text primary key, created_at timestamptz not null default clock_timestamp())`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('drop table diagnostic_hold');
    await q.query('drop table diagnostic_ping');
    await q.query('drop table dead_letter');
    await q.query('drop table inbox_key_version');
    await q.query('drop table inbox');
    await q.query('drop table outbox');
  }
}
