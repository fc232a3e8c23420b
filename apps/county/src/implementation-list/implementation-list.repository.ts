import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

/** Any number that names the county publication lock: one change at a time. */
const COUNTY_PUBLICATION_LOCK = 7_101_020;

/**
 * The only place that queries the county's own catalog tables (its change log); the items and
 * settings themselves are the catalog replica's, reached through its service.
 */
@Injectable()
export class ImplementationListRepository {
  constructor(private readonly ds: DataSource) {}

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.ds.transaction(async (m) => {
      await m.query('select pg_advisory_xact_lock($1)', [COUNTY_PUBLICATION_LOCK]);
      return work(m);
    });
  }

  async log(m: EntityManager, e: { staffId: string; staffRole?: string; action: string; code: string; revision: number; details?: unknown }): Promise<void> {
    await m.query(`insert into county_catalog_change_log (staff_id, staff_role, action, code, revision, details) values ($1, $2, $3, $4, $5, $6::jsonb)`, [
      e.staffId,
      e.staffRole ?? null,
      e.action,
      e.code,
      e.revision,
      JSON.stringify(e.details ?? {}),
    ]);
  }
}
