import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Supervision orders (督办) with their own timelines, and rectification items (差评整改). The city
 * keeps every order it issued and a copy of every item; a node keeps the orders addressed to it and
 * the items it opened.
 */
export class CreateSupervisionTables1764400000000 implements MigrationInterface {
  name = 'CreateSupervisionTables1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table supervision_order (
        id uuid primary key,
        case_number text not null,
        round int not null check (round in (1, 2)),
        previous_id uuid,
        holder text not null,
        content text not null,
        answer_by date not null,
        issued_at timestamptz not null,
        issued_by text not null,
        issued_by_name text not null,
        rule text,
        status text not null check (status in ('open', 'answered', 'overdue')),
        flagged boolean not null default false,
        answer jsonb,
        version int not null,
        updated_at timestamptz not null default clock_timestamp()
      )`);
    // One second round per first round, whichever replica's sweeper gets there first.
    await q.query(`create unique index supervision_order_next_round on supervision_order (previous_id) where previous_id is not null`);
    await q.query(`create index supervision_order_open_due on supervision_order (answer_by) where status = 'open'`);
    await q.query(`create index supervision_order_case on supervision_order (case_number, round)`);
    await q.query(`create index supervision_order_holder on supervision_order (holder, issued_at)`);
    await q.query(`create index supervision_order_issued on supervision_order (issued_at)`);
    await q.query(`
      create table supervision_order_step (
        id uuid primary key,
        order_id uuid not null,
        at timestamptz not null,
        node text not null,
        actor_id text not null,
        actor_name text not null,
        action text not null,
        details jsonb not null default '{}'
      )`);
    await q.query(`create index supervision_order_step_order on supervision_order_step (order_id, at)`);
    await q.query(`
      create table rectification (
        id uuid primary key,
        case_number text not null,
        node text not null,
        rating_level text not null,
        rating_comment text,
        opened_at timestamptz not null,
        due_on date not null,
        status text not null check (status in ('open', 'answered', 'closed')),
        answer jsonb,
        rerating jsonb,
        version int not null,
        updated_at timestamptz not null default clock_timestamp()
      )`);
    await q.query(`create index rectification_status on rectification (status, due_on)`);
    await q.query(`create index rectification_case on rectification (case_number)`);
    await q.query(`create index rectification_node on rectification (node, opened_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table rectification`);
    await q.query(`drop table supervision_order_step`);
    await q.query(`drop table supervision_order`);
  }
}
