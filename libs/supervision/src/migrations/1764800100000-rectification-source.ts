import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Rectification items opened by a follow-up call (抽查回访) besides those opened by a poor rating:
 * `source` says which, a follow-up's item names the follow-up and the problem found and has no rating.
 */
export class RectificationSource1764800100000 implements MigrationInterface {
  name = 'RectificationSource1764800100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`alter table rectification add column source text not null default 'rating' check (source in ('rating', 'follow_up'))`);
    await q.query(`alter table rectification add column follow_up_id uuid`);
    await q.query(`alter table rectification add column problem text`);
    await q.query(`alter table rectification alter column rating_level drop not null`);
    await q.query(`
      alter table rectification add constraint rectification_source_fields check (
        (source = 'rating' and rating_level is not null)
        or (source = 'follow_up' and follow_up_id is not null and problem is not null))`);
    await q.query(`create index rectification_source on rectification (source, opened_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    // A follow-up's item has no rating and cannot stay in the older table: it goes with the columns.
    await q.query(`delete from rectification where source = 'follow_up'`);
    await q.query(`drop index rectification_source`);
    await q.query(`alter table rectification drop constraint rectification_source_fields`);
    await q.query(`alter table rectification alter column rating_level set not null`);
    await q.query(`alter table rectification drop column problem`);
    await q.query(`alter table rectification drop column follow_up_id`);
    await q.query(`alter table rectification drop column source`);
  }
}
