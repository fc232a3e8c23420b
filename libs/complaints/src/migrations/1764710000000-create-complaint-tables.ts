import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Complaints (投诉) with their own timelines, the daily number counter, and the public form's rate
 * windows. A node keeps the complaints it took or handles; the city keeps every one, and the monthly
 * figures read its `complaint` table (the column names are a contract with them).
 */
export class CreateComplaintTables1764710000000 implements MigrationInterface {
  name = 'CreateComplaintTables1764710000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table complaint (
        id uuid primary key,
        number text not null unique,
        against_node text not null,
        case_number text,
        taken_at_node text not null,
        handling_node text not null,
        channel text not null check (channel in ('counter', 'phone', 'online', 'letter')),
        received_at timestamptz not null,
        due_on date not null,
        status text not null check (status in ('open', 'answered', 'overdue')),
        outcome text check (outcome in ('upheld', 'not_upheld')),
        answered_at timestamptz,
        version int not null,
        complainant_name text not null,
        complainant_phone text not null,
        content text not null,
        taken_by text not null,
        taken_by_name text not null,
        answer jsonb,
        -- A public complaint's secret, hashed; kept by the taking node only, never sent.
        secret_hash text,
        updated_at timestamptz not null default clock_timestamp(),
        check ((status = 'answered') = (outcome is not null) and (outcome is null) = (answered_at is null) and (outcome is null) = (answer is null))
      )`);
    await q.query(`create index complaint_open_due on complaint (due_on) where status = 'open'`);
    await q.query(`create index complaint_received on complaint (received_at)`);
    await q.query(`create index complaint_handling on complaint (handling_node, received_at)`);
    await q.query(`create index complaint_against on complaint (against_node, received_at)`);
    await q.query(`create index complaint_taken_at on complaint (taken_at_node, received_at)`);
    await q.query(`create index complaint_case on complaint (case_number) where case_number is not null`);
    await q.query(`
      create table complaint_step (
        id uuid primary key,
        complaint_id uuid not null,
        at timestamptz not null,
        node text not null,
        actor_id text not null,
        actor_name text not null,
        action text not null,
        details jsonb not null default '{}'
      )`);
    await q.query(`create index complaint_step_complaint on complaint_step (complaint_id, at)`);
    await q.query(`create table complaint_number_counter (day date primary key, last int not null)`);
    await q.query(`create table complaint_rate (key text primary key, window_start timestamptz not null, hits int not null)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table complaint_rate`);
    await q.query(`drop table complaint_number_counter`);
    await q.query(`drop table complaint_step`);
    await q.query(`drop table complaint`);
  }
}
