import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

export interface Revision {
  code: string;
  revision: number;
  version: number;
  status: string;
  effectiveFrom: string;
  data: Record<string, unknown>;
}

export interface ChangeLogEntry {
  staffId: string;
  staffRole?: string;
  action: string;
  code?: string;
  version?: number;
  details?: Record<string, unknown>;
}

const REV = `code, revision, version, status, effective_from as "effectiveFrom", data`;
/** Any number that names the publication lock: one publication at a time. */
const PUBLICATION_LOCK = 7_101_010;

/** The only place that queries the city's catalog authoring tables. */
@Injectable()
export class CatalogAuthoringRepository {
  constructor(private readonly ds: DataSource) {}

  get manager(): EntityManager {
    return this.ds.manager;
  }

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.ds.transaction(work);
  }

  async saveDraft(m: EntityManager, code: string, data: unknown, by: string): Promise<void> {
    await m.query(
      `insert into catalog_draft (code, data, created_by, updated_by) values ($1, $2::jsonb, $3, $3)
       on conflict (code) do update set data = excluded.data, updated_by = excluded.updated_by, updated_at = clock_timestamp()`,
      [code, JSON.stringify(data), by],
    );
  }

  async draft(code: string, m: EntityManager = this.ds.manager): Promise<{ code: string; data: Record<string, unknown>; updatedBy: string; updatedAt: string } | undefined> {
    const rows = await m.query(`select code, data, updated_by as "updatedBy", updated_at as "updatedAt" from catalog_draft where code = $1`, [code]);
    return rows[0];
  }

  async drafts(): Promise<Array<{ code: string; name: string; updatedBy: string; updatedAt: string }>> {
    return this.ds.query(`select code, data->>'name' as name, updated_by as "updatedBy", updated_at as "updatedAt" from catalog_draft order by updated_at desc`);
  }

  async deleteDraft(m: EntityManager, code: string): Promise<boolean> {
    const res: [unknown[], number] = await m.query('delete from catalog_draft where code = $1', [code]);
    return res[1] === 1;
  }

  async lockPublication(m: EntityManager): Promise<void> {
    await m.query('select pg_advisory_xact_lock($1)', [PUBLICATION_LOCK]);
  }

  async currentVersion(m: EntityManager = this.ds.manager): Promise<number> {
    const [row]: Array<{ v: number | null }> = await m.query('select max(version) as v from catalog_version');
    return row?.v ?? 0;
  }

  async latest(code: string, m: EntityManager = this.ds.manager): Promise<Revision | undefined> {
    const rows: Revision[] = await m.query(`select ${REV} from catalog_revision where code = $1 order by revision desc limit 1`, [code]);
    return rows[0];
  }

  async revisions(code: string): Promise<Revision[]> {
    return this.ds.query(`select ${REV} from catalog_revision where code = $1 order by revision`, [code]);
  }

  async insertVersion(m: EntityManager, version: number, effectiveFrom: string, by: string, note: string | undefined, changes: unknown): Promise<void> {
    await m.query(`insert into catalog_version (version, effective_from, published_by, note, changes) values ($1, $2, $3, $4, $5::jsonb)`, [
      version,
      effectiveFrom,
      by,
      note ?? null,
      JSON.stringify(changes),
    ]);
  }

  async insertRevision(m: EntityManager, r: Revision): Promise<void> {
    await m.query(`insert into catalog_revision (code, revision, version, status, effective_from, data) values ($1, $2, $3, $4, $5, $6::jsonb)`, [
      r.code,
      r.revision,
      r.version,
      r.status,
      r.effectiveFrom,
      JSON.stringify(r.data),
    ]);
  }

  /**
   * The manifest of the catalog as of `now`: per item, the revision in force then and every newer
   * (future-dated) one, so that a replica counts a version applied only with today's revision too.
   */
  async manifest(m: EntityManager, now: Date): Promise<Array<{ code: string; revision: number }>> {
    return m.query(
      `select r.code, r.revision from catalog_revision r
       where r.revision >= coalesce((select max(p.revision) from catalog_revision p where p.code = r.code and p.effective_from <= $1), 0)
       order by r.code, r.revision`,
      [now.toISOString()],
    );
  }

  async items(): Promise<Array<{ code: string; name: string; revision: number; status: string; effectiveFrom: string; version: number; hasDraft: boolean }>> {
    return this.ds.query(`
      select distinct on (r.code) r.code, r.data->>'name' as name, r.revision, r.status, r.effective_from as "effectiveFrom", r.version,
             exists (select 1 from catalog_draft d where d.code = r.code) as "hasDraft"
      from catalog_revision r order by r.code, r.revision desc`);
  }

  /** The newest revision of every published item, in code order: the catalog as an export lists it. */
  async newestRevisions(m: EntityManager = this.ds.manager): Promise<Revision[]> {
    return m.query(`select distinct on (code) ${REV} from catalog_revision order by code, revision desc`);
  }

  async versions(): Promise<Array<{ version: number; effectiveFrom: string; publishedAt: string; publishedBy: string; note: string | null; changes: unknown }>> {
    return this.ds.query(
      `select version, effective_from as "effectiveFrom", published_at as "publishedAt", published_by as "publishedBy", note, changes from catalog_version order by version desc`,
    );
  }

  async log(m: EntityManager, e: ChangeLogEntry): Promise<void> {
    await m.query(`insert into catalog_change_log (staff_id, staff_role, action, code, version, details) values ($1, $2, $3, $4, $5, $6::jsonb)`, [
      e.staffId,
      e.staffRole ?? null,
      e.action,
      e.code ?? null,
      e.version ?? null,
      JSON.stringify(e.details ?? {}),
    ]);
  }

  async history(f: { code?: string; staffId?: string; from?: string; to?: string; limit: number; offset: number }): Promise<unknown[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, v: unknown): void => {
      params.push(v);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (f.code) add('code = ?', f.code);
    if (f.staffId) add('staff_id = ?', f.staffId);
    if (f.from) add('at >= ?', f.from);
    if (f.to) add('at < ?', f.to);
    params.push(f.limit, f.offset);
    return this.ds.query(
      `select id::text, at, staff_id as "staffId", staff_role as "staffRole", action, code, version, details from catalog_change_log
       ${where.length ? `where ${where.join(' and ')}` : ''} order by id desc limit $${params.length - 1} offset $${params.length}`,
      params,
    );
  }

  async saveNodeStatus(m: EntityManager, node: string, cityVersion: number, countyVersion: number | undefined, liveItems: number, appliedAt: string): Promise<void> {
    await m.query(
      `insert into node_catalog_status (node, city_version, county_version, live_items, applied_at) values ($1, $2, $3, $4, $5)
       on conflict (node) do update set city_version = greatest(node_catalog_status.city_version, excluded.city_version),
         county_version = excluded.county_version, live_items = excluded.live_items, applied_at = excluded.applied_at, reported_at = clock_timestamp()`,
      [node, cityVersion, countyVersion ?? null, liveItems, appliedAt],
    );
  }

  async nodeStatuses(): Promise<Array<{ node: string; cityVersion: number; countyVersion: number | null; liveItems: number; appliedAt: string; reportedAt: string }>> {
    return this.ds.query(
      `select node, city_version as "cityVersion", county_version as "countyVersion", live_items as "liveItems", applied_at as "appliedAt", reported_at as "reportedAt" from node_catalog_status`,
    );
  }
}
