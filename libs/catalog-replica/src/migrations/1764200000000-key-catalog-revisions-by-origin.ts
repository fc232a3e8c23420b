import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An item's origin (the city, or the county that published it) is part of its identity: a county
 * item and a city item with the same code are two items, never two revisions of one.
 */
export class KeyCatalogRevisionsByOrigin1764200000000 implements MigrationInterface {
  name = 'KeyCatalogRevisionsByOrigin1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('alter table catalog_item_revision drop constraint catalog_item_revision_pkey');
    await q.query('alter table catalog_item_revision add primary key (origin, code, revision)');
    await q.query('drop index catalog_item_revision_live_idx');
    await q.query('create index catalog_item_revision_live_idx on catalog_item_revision (origin, code, revision desc)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('drop index catalog_item_revision_live_idx');
    await q.query('create index catalog_item_revision_live_idx on catalog_item_revision (code, effective_from, revision desc)');
    await q.query('alter table catalog_item_revision drop constraint catalog_item_revision_pkey');
    await q.query('alter table catalog_item_revision add primary key (code, revision)');
  }
}
