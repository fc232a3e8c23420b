import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every node's cases: its copy of each case it touched (the holder's is the one that changes), the
 * timeline entries it recorded or received, intake idempotency keys, the daily case-number
 * counter and the public progress lookup's rate counters. The city's rows are its whole-network projection, built from the events it observes.
 */
export class CreateCaseTables1764300000000 implements MigrationInterface {
  name = 'CreateCaseTables1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table case_file (
        case_number text primary key,
        version int not null,
        status text not null,
        holder text not null,
        intake_node text not null,
        deciding_node text not null,
        item_code text not null,
        item_name text not null,
        applicant_name text not null,
        applicant_id_tail text not null,
        first_contact text not null,
        received_at timestamptz not null,
        accepted_at timestamptz,
        due_date date,
        decided_at timestamptz,
        state jsonb not null,
        record jsonb not null,
        updated_at timestamptz not null default clock_timestamp()
      )`);
    await q.query(`create index case_file_status_idx on case_file (status, due_date)`);
    await q.query(`create index case_file_holder_idx on case_file (holder, status, due_date)`);
    await q.query(`create index case_file_item_idx on case_file (item_code)`);
    await q.query(`create index case_file_received_idx on case_file (received_at desc)`);
    await q.query(`
      create table case_step (
        id uuid primary key,
        case_number text not null,
        at timestamptz not null,
        node text not null,
        actor_id text not null,
        actor_name text not null,
        actor_role text not null,
        action text not null,
        status_after text,
        holder_after text,
        version_after int,
        details jsonb not null,
        recorded_at timestamptz not null default clock_timestamp()
      )`);
    await q.query(`create index case_step_case_idx on case_step (case_number, at, id)`);
    await q.query(`
      create table case_intake_key (
        key text primary key,
        staff_id text not null,
        request_hash text not null,
        case_number text not null,
        created_at timestamptz not null default clock_timestamp()
      )`);
    await q.query(`
      create table case_number_counter (
        day date primary key,
        last int not null
      )`);
    await q.query(`
      create table case_lookup_rate (
        key text primary key,
        window_start timestamptz not null,
        hits int not null
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('drop table case_lookup_rate');
    await q.query('drop table case_number_counter');
    await q.query('drop table case_intake_key');
    await q.query('drop table case_step');
    await q.query('drop table case_file');
  }
}
