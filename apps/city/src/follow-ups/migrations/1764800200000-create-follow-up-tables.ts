import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Random follow-ups (抽查回访) at the city: one draw a month, with its seed and the candidate list it
 * drew from (gzipped canonical text and its SHA-256), so an auditor can redo it; one follow-up per
 * case drawn, with every call made and the result.
 */
export class CreateFollowUpTables1764800200000 implements MigrationInterface {
  name = 'CreateFollowUpTables1764800200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table follow_up_draw (
        id uuid primary key,
        month text not null unique check (month ~ '^\\d{4}-(0[1-9]|1[0-2])$'),
        seed text not null,
        size int not null check (size > 0),
        candidate_count int not null check (candidate_count >= 0),
        candidates_digest text not null,
        candidates bytea not null,
        strata jsonb not null,
        algorithm text not null,
        drawn_at timestamptz not null,
        drawn_by text not null,
        drawn_by_name text not null
      )`);
    await q.query(`
      create table follow_up (
        id uuid primary key,
        draw_id uuid not null references follow_up_draw (id),
        month text not null,
        case_number text not null,
        stratum text not null,
        deciding_node text not null,
        intake_node text not null,
        item_name text not null,
        closed_on date not null,
        status text not null default 'pending' check (status in ('pending', 'unreached', 'completed')),
        calls jsonb not null default '[]',
        result jsonb,
        problem_found boolean not null default false,
        rectification_id uuid,
        updated_at timestamptz not null default clock_timestamp(),
        unique (month, case_number),
        check ((status = 'completed') = (result is not null)),
        check (not problem_found or rectification_id is not null)
      )`);
    await q.query(`create index follow_up_draw_items on follow_up (draw_id, stratum, case_number)`);
    await q.query(`create index follow_up_month_status on follow_up (month, status)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table follow_up`);
    await q.query(`drop table follow_up_draw`);
  }
}
