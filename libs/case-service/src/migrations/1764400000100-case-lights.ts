import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The time-limit lights (红黄绿灯) of each copy, kept up to date by the node's sweep so that lists can
 * filter by light and a light changes on time without anyone asking: `light_due_at` is when time
 * alone changes a light next.
 */
export class CaseLights1764400000100 implements MigrationInterface {
  name = 'CaseLights1764400000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`alter table case_file add column light text check (light in ('green', 'yellow', 'red'))`);
    await q.query(`alter table case_file add column step_light text check (step_light in ('green', 'yellow', 'red'))`);
    await q.query(`alter table case_file add column overdue_days int not null default 0`);
    await q.query(`alter table case_file add column light_due_at timestamptz`);
    await q.query(`create index case_file_light_due on case_file (light_due_at) where light_due_at is not null`);
    await q.query(`create index case_file_light on case_file (holder, light) where light is not null`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`alter table case_file drop column light, drop column step_light, drop column overdue_days, drop column light_due_at`);
  }
}
