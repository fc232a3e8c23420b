import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The city's catalog authoring: drafts, published revisions and versions, the change log, node reports. */
export class CreateCatalogAuthoringTables1763900200000 implements MigrationInterface {
  name = 'CreateCatalogAuthoringTables1763900200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table catalog_draft (
        code text primary key,
        data jsonb not null,
        created_by text not null,
        updated_by text not null,
        created_at timestamptz not null default clock_timestamp(),
        updated_at timestamptz not null default clock_timestamp()
      )`);
    await q.query(`
      create table catalog_version (
        version int primary key,
        effective_from timestamptz not null,
        published_at timestamptz not null default clock_timestamp(),
        published_by text not null,
        note text,
        changes jsonb not null
      )`);
    await q.query(`
      create table catalog_revision (
        code text not null,
        revision int not null,
        version int not null references catalog_version (version),
        status text not null,
        effective_from timestamptz not null,
        data jsonb not null,
        primary key (code, revision)
      )`);
    await q.query(`
      create table catalog_change_log (
        id bigserial primary key,
        at timestamptz not null default clock_timestamp(),
        staff_id text not null,
        staff_role text,
        action text not null,
        code text,
        version int,
        details jsonb not null default '{}'::jsonb
      )`);
    await q.query(`create index catalog_change_log_code_idx on catalog_change_log (code, at)`);
    // Kept for good: the change log refuses updates and deletes.
    await q.query(`
      create function catalog_change_log_append_only() returns trigger language plpgsql as $$
      begin raise exception 'catalog_change_log is append-only'; end $$`);
    await q.query(`
      create trigger catalog_change_log_no_change before update or delete on catalog_change_log
      for each row execute function catalog_change_log_append_only()`);
    await q.query(`
      create table node_catalog_status (
        node text primary key,
        city_version int not null,
        county_version int,
        live_items int not null,
        applied_at timestamptz not null,
        reported_at timestamptz not null default clock_timestamp()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('drop table node_catalog_status');
    await q.query('drop trigger catalog_change_log_no_change on catalog_change_log');
    await q.query('drop function catalog_change_log_append_only');
    await q.query('drop table catalog_change_log');
    await q.query('drop table catalog_revision');
    await q.query('drop table catalog_version');
    await q.query('drop table catalog_draft');
  }
}
