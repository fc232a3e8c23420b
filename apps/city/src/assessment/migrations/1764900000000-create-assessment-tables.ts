import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The monthly assessment (效能考核) at the city: the index weights as versioned configuration (who
 * changed them, when, why), and each closed month's frozen report.
 */
export class CreateAssessmentTables1764900000000 implements MigrationInterface {
  name = 'CreateAssessmentTables1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table assessment_weights (
        version int primary key,
        weights jsonb not null,
        changed_by text not null,
        changed_by_name text not null,
        changed_at timestamptz not null,
        reason text not null
      )`);
    await q.query(
      `insert into assessment_weights (version, weights, changed_by, changed_by_name, changed_at, reason)
       values (1, '{"onTime": 35, "speed": 15, "satisfaction": 25, "supervision": 10, "rectification": 5, "complaints": 10}', 'system', '系统', now(), '初始权重 (initial weights)')`,
    );
    await q.query(`
      create table assessment_month (
        month text primary key check (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
        closed_at timestamptz not null,
        closed_by text not null,
        closed_by_name text not null,
        weights_version int not null references assessment_weights (version),
        report jsonb not null
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('drop table assessment_month');
    await q.query('drop table assessment_weights');
  }
}
