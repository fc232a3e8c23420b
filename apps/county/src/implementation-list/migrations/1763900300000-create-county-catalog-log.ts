import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The county's record of changes to its implementation list and county-only items, kept for good. */
export class CreateCountyCatalogLog1763900300000 implements MigrationInterface {
  name = 'CreateCountyCatalogLog1763900300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table county_catalog_change_log (
        id bigserial primary key,
        at timestamptz not null default clock_timestamp(),
        staff_id text not null,
        staff_role text,
        action text not null,
        code text not null,
        revision int not null,
        details jsonb not null default '{}'::jsonb
      )`);
    await q.query(`
      create function county_catalog_change_log_append_only() returns trigger language plpgsql as $$
      begin raise exception 'county_catalog_change_log is append-only'; end $$`);
    await q.query(`
      create trigger county_catalog_change_log_no_change before update or delete on county_catalog_change_log
      for each row execute function county_catalog_change_log_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('drop trigger county_catalog_change_log_no_change on county_catalog_change_log');
    await q.query('drop function county_catalog_change_log_append_only');
    await q.query('drop table county_catalog_change_log');
  }
}
