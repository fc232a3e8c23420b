import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

/** Any number that names the county publication lock: one change at a time. */
const COUNTY_PUBLICATION_LOCK = 7_101_020;

/** The only place that queries the county's own catalog tables (the replica holds the data itself). */
@Injectable()
export class ImplementationListRepository {
  constructor(private readonly ds: DataSource) {}

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.ds.transaction(async (m) => {
      await m.query('select pg_advisory_xact_lock($1)', [COUNTY_PUBLICATION_LOCK]);
      return work(m);
    });
  }

  async implementationRevision(m: EntityManager, code: string): Promise<number> {
    const [row]: Array<{ revision: number }> = await m.query('select revision from catalog_implementation where code = $1', [code]);
    return row?.revision ?? 0;
  }

  async implementations(county: string): Promise<Array<{ code: string; revision: number; settings: Record<string, unknown>; updatedAt: string }>> {
    return this.ds.query(`select code, revision, settings, updated_at as "updatedAt" from catalog_implementation where county = $1 order by code`, [county]);
  }

  async countyVersion(m: EntityManager, county: string): Promise<number> {
    const [row]: Array<{ version: number }> = await m.query('select version from catalog_manifest where origin = $1', [county]);
    return row?.version ?? 0;
  }

  async latestCountyRevision(m: EntityManager, code: string): Promise<{ origin: string; revision: number } | undefined> {
    const rows: Array<{ origin: string; revision: number }> = await m.query('select origin, revision from catalog_item_revision where code = $1 order by revision desc limit 1', [code]);
    return rows[0];
  }

  async countyManifest(m: EntityManager, county: string): Promise<Array<{ code: string; revision: number }>> {
    return m.query(`select distinct on (code) code, revision from catalog_item_revision where origin = $1 order by code, revision desc`, [county]);
  }

  async countyItems(county: string): Promise<Array<{ code: string; name: string; revision: number; status: string; effectiveFrom: string }>> {
    return this.ds.query(
      `select distinct on (code) code, name, revision, status, effective_from as "effectiveFrom" from catalog_item_revision where origin = $1 order by code, revision desc`,
      [county],
    );
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
