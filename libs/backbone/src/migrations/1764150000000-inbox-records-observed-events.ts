import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The city observes events not addressed to it (its monitor): the inbox records them as observed,
 * once; a diagnostic ping keeps its target and whether it was only observed.
 */
export class InboxRecordsObservedEvents1764150000000 implements MigrationInterface {
  name = 'InboxRecordsObservedEvents1764150000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`alter table inbox drop constraint inbox_outcome_check`);
    await q.query(`alter table inbox add constraint inbox_outcome_check check (outcome in ('applied', 'stale', 'observed'))`);
    await q.query(`alter table diagnostic_ping add column target text, add column observed boolean not null default false`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`alter table diagnostic_ping drop column target, drop column observed`);
    await q.query(`delete from inbox where outcome = 'observed'`);
    await q.query(`alter table inbox drop constraint inbox_outcome_check`);
    await q.query(`alter table inbox add constraint inbox_outcome_check check (outcome in ('applied', 'stale'))`);
  }
}
