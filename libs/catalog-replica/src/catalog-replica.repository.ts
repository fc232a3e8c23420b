import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { Clock } from '#libs/node-kit';
import type { CatalogItemPublishedPayload, CatalogVersionPublishedPayload } from '#libs/contracts';
import { CITY_ORIGIN } from './origin.js';

export interface LiveItemRow {
  code: string;
  revision: number;
  origin: string;
  catalogVersion: number;
  status: string;
  effectiveFrom: string;
  data: Record<string, unknown>;
  implementation: Record<string, unknown> | null;
}

export interface SearchFilters {
  q?: string;
  department?: string;
  kindCode?: string;
  level?: string;
  caseType?: string;
  limit: number;
  offset: number;
}

const LIVE_STATUSES = `('active', 'delegated')`;
/** A county's implementation list refines the city's items only, never a county item of the same code. */
const IMPLEMENTATION_JOIN = `left join catalog_implementation i on i.code = l.code and l.origin = '${CITY_ORIGIN}'`;

/** The only place that queries the catalog replica tables. */
@Injectable()
export class CatalogReplicaRepository {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
  ) {}

  /**
   * The revision of each item (origin and code) in force now (the node's clock): the newest one whose
   * effective date has come, among the versions this node has applied whole. Revisions of a version
   * whose manifest or other items have not all arrived stay staged until then, and go live together
   * with the `catalog_applied` row, in one transaction.
   */
  private live(): string {
    return `
      select distinct on (r.origin, r.code) r.*
      from catalog_item_revision r
      join catalog_applied a on a.origin = r.origin and r.catalog_version <= a.version
      where r.effective_from <= ${this.clock.sqlNow()}
      order by r.origin, r.code, r.revision desc`;
  }

  /**
   * Serialises the application of one origin's catalog within this node: events of one version
   * arrive on several partitions and are applied concurrently, and the check "is the whole version
   * here?" must see what the others committed.
   */
  async lockOrigin(m: EntityManager, origin: string): Promise<void> {
    await m.query(`select pg_advisory_xact_lock(hashtext('tongban.catalog.' || $1))`, [origin]);
  }

  /** Stores one revision; false when this node already had it. */
  async saveRevision(m: EntityManager, origin: string, p: CatalogItemPublishedPayload): Promise<boolean> {
    const item = p.item as unknown as Record<string, unknown> & { implementationCode: string; name: string; department: { name: string }; kindCode: string; decisionLevel: string; caseType: string; keywords?: string[] };
    const searchText = [item.name, item.department.name, ...(item.keywords ?? [])].join(' ').toLowerCase();
    const rows: unknown[] = await m.query(
      `insert into catalog_item_revision (code, revision, origin, catalog_version, status, effective_from, name, department, kind_code, decision_level, case_type, search_text, data)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13::jsonb)
       on conflict (origin, code, revision) do nothing returning code`,
      [item.implementationCode, p.revision, origin, p.catalogVersion, p.status, p.effectiveFrom, item.name, item.department.name, item.kindCode, item.decisionLevel, item.caseType, searchText, JSON.stringify(item)],
    );
    return rows.length === 1;
  }

  /** Keeps the newest manifest per origin; false when it is not newer than the one held. */
  async saveManifest(m: EntityManager, origin: string, p: CatalogVersionPublishedPayload): Promise<boolean> {
    const rows: unknown[] = await m.query(
      `insert into catalog_manifest (origin, version, effective_from, published_at, items) values ($1, $2, $3, $4, $5::jsonb)
       on conflict (origin) do update set version = excluded.version, effective_from = excluded.effective_from,
         published_at = excluded.published_at, items = excluded.items
       where catalog_manifest.version < excluded.version
       returning origin`,
      [origin, p.version, p.effectiveFrom, p.publishedAt, JSON.stringify(p.items)],
    );
    return rows.length === 1;
  }

  /**
   * The manifest's version if every revision it lists is here and it is newer than the version
   * recorded as applied; then records it. Undefined when nothing changed.
   */
  async advanceApplied(m: EntityManager, origin: string): Promise<number | undefined> {
    const [row]: Array<{ version: number; missing: string; applied: number | null }> = await m.query(
      `select mf.version,
              (select count(*) from jsonb_to_recordset(mf.items) as x(code text, revision int)
                where not exists (select 1 from catalog_item_revision r where r.origin = mf.origin and r.code = x.code and r.revision = x.revision))::text as missing,
              (select version from catalog_applied a where a.origin = mf.origin) as applied
       from catalog_manifest mf where mf.origin = $1`,
      [origin],
    );
    if (!row || Number(row.missing) > 0 || (row.applied !== null && row.applied >= row.version)) return undefined;
    await m.query(
      `insert into catalog_applied (origin, version) values ($1, $2)
       on conflict (origin) do update set version = excluded.version, applied_at = clock_timestamp()`,
      [origin, row.version],
    );
    return row.version;
  }

  async manifestOrigins(): Promise<string[]> {
    const rows: Array<{ origin: string }> = await this.ds.query('select origin from catalog_manifest');
    return rows.map((r) => r.origin);
  }

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.ds.transaction(work);
  }

  async appliedVersions(m: EntityManager = this.ds.manager): Promise<Record<string, number>> {
    const rows: Array<{ origin: string; version: number }> = await m.query('select origin, version from catalog_applied');
    return Object.fromEntries(rows.map((r) => [r.origin, r.version]));
  }

  async saveImplementation(m: EntityManager, county: string, code: string, revision: number, settings: Record<string, unknown>): Promise<boolean> {
    const rows: unknown[] = await m.query(
      `insert into catalog_implementation (code, county, revision, settings) values ($1, $2, $3, $4::jsonb)
       on conflict (code) do update set county = excluded.county, revision = excluded.revision, settings = excluded.settings, updated_at = clock_timestamp()
       where catalog_implementation.revision < excluded.revision
       returning code`,
      [code, county, revision, JSON.stringify(settings)],
    );
    return rows.length === 1;
  }

  async countLive(m: EntityManager = this.ds.manager): Promise<number> {
    const [row]: Array<{ n: string }> = await m.query(`select count(*)::text as n from (${this.live()}) l where l.status in ${LIVE_STATUSES}`);
    return Number(row?.n ?? 0);
  }

  async search(f: SearchFilters): Promise<{ rows: LiveItemRow[]; total: number }> {
    const where: string[] = [`l.status in ${LIVE_STATUSES}`];
    const params: unknown[] = [];
    const add = (sql: string, v: unknown): void => {
      params.push(v);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (f.q) for (const word of f.q.toLowerCase().split(/\s+/).filter(Boolean)) add(`l.search_text like '%' || ? || '%'`, word.replace(/[%_\\]/g, '\\$&'));
    if (f.department) add('l.department = ?', f.department);
    if (f.kindCode) add('l.kind_code = ?', f.kindCode);
    if (f.level) add('l.decision_level = ?', f.level);
    if (f.caseType) add('l.case_type = ?', f.caseType);
    const filter = where.join(' and ');
    const [count]: Array<{ n: string }> = await this.ds.query(`select count(*)::text as n from (${this.live()}) l where ${filter}`, params);
    params.push(f.limit, f.offset);
    const rows: LiveItemRow[] = await this.ds.query(
      `select l.code, l.revision, l.origin, l.catalog_version as "catalogVersion", l.status, l.effective_from as "effectiveFrom", l.data,
              i.settings as implementation
       from (${this.live()}) l ${IMPLEMENTATION_JOIN}
       where ${filter}
       order by (case when l.name = $${params.length + 1} then 0 else 1 end), l.name, l.code, l.origin
       limit $${params.length - 1} offset $${params.length}`,
      [...params, f.q ?? ''],
    );
    return { rows, total: Number(count?.n ?? 0) };
  }

  /** The item with this code in force here, one row per origin (the city's first). */
  async findLive(code: string): Promise<LiveItemRow[]> {
    return this.ds.query(
      `select l.code, l.revision, l.origin, l.catalog_version as "catalogVersion", l.status, l.effective_from as "effectiveFrom", l.data,
              i.settings as implementation
       from (${this.live()}) l ${IMPLEMENTATION_JOIN}
       where l.code = $1 and l.status in ${LIVE_STATUSES}
       order by (l.origin = '${CITY_ORIGIN}') desc, l.origin`,
      [code],
    );
  }

  async departments(): Promise<Array<{ name: string; items: number }>> {
    const rows: Array<{ name: string; items: string }> = await this.ds.query(
      `select l.department as name, count(*)::text as items from (${this.live()}) l where l.status in ${LIVE_STATUSES} group by l.department order by l.department`,
    );
    return rows.map((r) => ({ name: r.name, items: Number(r.items) }));
  }
  /** The newest version of an origin's catalog this node holds a manifest of (0 if none). */
  async manifestVersion(m: EntityManager, origin: string): Promise<number> {
    const [row]: Array<{ version: number }> = await m.query('select version from catalog_manifest where origin = $1', [origin]);
    return row?.version ?? 0;
  }

  /** The newest revision of an origin's item with this code held here, whether or not in force. */
  async latestRevision(m: EntityManager, origin: string, code: string): Promise<number | undefined> {
    const [row]: Array<{ revision: number }> = await m.query('select max(revision) as revision from catalog_item_revision where origin = $1 and code = $2', [origin, code]);
    return row?.revision ?? undefined;
  }

  /**
   * What a replica must hold to serve an origin's catalog from `now` on: per item, the revision in
   * force now and every newer (future-dated) one. A manifest lists these, so a version counts as
   * applied only once the revision in force today is here too.
   */
  async revisionsNeeded(m: EntityManager, origin: string, now: Date): Promise<Array<{ code: string; revision: number }>> {
    return m.query(
      `select r.code, r.revision from catalog_item_revision r
       where r.origin = $1
         and r.revision >= coalesce((select max(p.revision) from catalog_item_revision p where p.origin = r.origin and p.code = r.code and p.effective_from <= $2), 0)
       order by r.code, r.revision`,
      [origin, now.toISOString()],
    );
  }

  /** Every item of one origin with its newest revision, in force or not. */
  async originItems(origin: string): Promise<Array<{ code: string; name: string; revision: number; status: string; effectiveFrom: string }>> {
    return this.ds.query(
      `select distinct on (code) code, name, revision, status, effective_from as "effectiveFrom" from catalog_item_revision where origin = $1 order by code, revision desc`,
      [origin],
    );
  }

  async implementationRevision(m: EntityManager, code: string): Promise<number> {
    const [row]: Array<{ revision: number }> = await m.query('select revision from catalog_implementation where code = $1', [code]);
    return row?.revision ?? 0;
  }

  async implementations(county: string): Promise<Array<{ code: string; revision: number; settings: Record<string, unknown>; updatedAt: string }>> {
    return this.ds.query(`select code, revision, settings, updated_at as "updatedAt" from catalog_implementation where county = $1 order by code`, [county]);
  }
}
