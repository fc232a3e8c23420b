import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Accountability records (问责): at the city, one per supervision order flagged for a supervision
 * recommendation (监察建议), with the level, node and person responsible and, later, the decision.
 */
export class CreateAccountabilityRecords1764710000100 implements MigrationInterface {
  name = 'CreateAccountabilityRecords1764710000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table accountability_record (
        id uuid primary key,
        order_id uuid not null unique,
        case_number text not null,
        level text not null check (level in ('township', 'county', 'city')),
        node text not null,
        person_id text,
        person_name text,
        person_role text,
        person_acted_at timestamptz,
        days_by_level jsonb not null,
        status text not null check (status in ('pending', 'decided')),
        decision text check (decision in ('criticism_education', 'admonishment_talk', 'circulated_criticism', 'reassignment', 'other')),
        decision_content text,
        decided_on date,
        decided_by text,
        recorded_at timestamptz,
        recorded_by text,
        recorded_by_name text,
        created_at timestamptz not null,
        version int not null,
        updated_at timestamptz not null default clock_timestamp(),
        check ((status = 'decided') = (decision is not null) and (decision is null) = (decided_on is null))
      )`);
    await q.query(`create index accountability_status on accountability_record (status, created_at)`);
    await q.query(`create index accountability_node on accountability_record (node, created_at)`);
    await q.query(`create index accountability_case on accountability_record (case_number)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table accountability_record`);
  }
}
