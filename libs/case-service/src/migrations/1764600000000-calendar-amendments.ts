import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Calendar amendments held by the node (a year file sent after the release, the city's local
 * changes), each with the whole set in force after it, and the cases whose deadline it moved here.
 * A partial index lets an amendment page through the live copies with a clock in case-number order.
 */
export class CalendarAmendments1764600000000 implements MigrationInterface {
  name = 'CalendarAmendments1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table calendar_amendment (
        id uuid primary key,
        sequence int not null unique check (sequence > 0),
        kind text not null check (kind in ('year', 'local')),
        content jsonb not null,
        reason text not null,
        amended_at timestamptz not null,
        amended_by text not null,
        amended_by_name text not null,
        held jsonb not null,
        calendar_version text not null,
        applied_at timestamptz not null default clock_timestamp()
      )`);
    await q.query(`
      create table calendar_amendment_case (
        amendment_id uuid not null references calendar_amendment (id),
        case_number text not null,
        old_due_date date not null,
        new_due_date date not null,
        primary key (amendment_id, case_number)
      )`);
    await q.query(`create index case_file_live_clock_idx on case_file (case_number) where accepted_at is not null and decided_at is null`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('drop index case_file_live_clock_idx');
    await q.query('drop table calendar_amendment_case');
    await q.query('drop table calendar_amendment');
  }
}
