import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Every node's copy of the catalog: item revisions, version manifests, county settings. */
export class CreateCatalogReplicaTables1763900100000 implements MigrationInterface {
  name = 'CreateCatalogReplicaTables1763900100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table catalog_item_revision (
        code text not null,
        revision int not null,
        origin text not null,
        catalog_version int not null,
        status text not null,
        effective_from timestamptz not null,
        name text not null,
        department text not null,
        kind_code text not null,
        decision_level text not null,
        case_type text not null,
        search_text text not null,
        data jsonb not null,
        received_at timestamptz not null default clock_timestamp(),
        primary key (code, revision)
      )`);
    await q.query(`create index catalog_item_revision_live_idx on catalog_item_revision (code, effective_from, revision desc)`);
    await q.query(`
      create table catalog_manifest (
        origin text primary key,
        version int not null,
        effective_from timestamptz not null,
        published_at timestamptz not null,
        items jsonb not null
      )`);
    await q.query(`
      create table catalog_applied (
        origin text primary key,
        version int not null,
        applied_at timestamptz not null default clock_timestamp()
      )`);
    await q.query(`
      create table catalog_implementation (
        code text primary key,
        county text not null,
        revision int not null,
        settings jsonb not null,
        updated_at timestamptz not null default clock_timestamp()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('drop table catalog_implementation');
    await q.query('drop table catalog_applied');
    await q.query('drop table catalog_manifest');
    await q.query('drop table catalog_item_revision');
  }
}
