import { Injectable } from '@nestjs/common';
import { NotFoundError } from '#libs/domain';
import { NodeContext } from '#libs/node-kit';
import { detail, summary } from './catalog-presenter.js';
import { CatalogReplicaRepository, type SearchFilters } from './catalog-replica.repository.js';
import { CatalogReplicaService } from './catalog-replica.service.js';
import { CITY_ORIGIN, originLabel } from './origin.js';

/**
 * What the public reads of this node's catalog. A city item and a county-only item may share a
 * code: search lists both, each with its origin; an item lookup gives the city's (the unified
 * catalog) unless the county's is asked for, and names the other origin so a client can link it.
 */
@Injectable()
export class PublicCatalogService {
  constructor(
    private readonly ctx: NodeContext,
    private readonly repo: CatalogReplicaRepository,
    private readonly replica: CatalogReplicaService,
  ) {}

  async search(f: SearchFilters) {
    const { rows, total } = await this.repo.search(f);
    return { items: rows.map(summary), total };
  }

  async item(code: string, origin?: 'city' | 'county') {
    const rows = await this.repo.findLive(code);
    const row = origin ? rows.find((r) => originLabel(r.origin) === origin) : rows[0];
    if (!row) throw new NotFoundError(`未找到在用事项 ${code}`, `no matter ${code} is in force here`);
    return detail(row, rows.filter((r) => r !== row).map((r) => originLabel(r.origin)));
  }

  departments() {
    return this.repo.departments();
  }

  async status() {
    const versions = await this.repo.appliedVersions();
    const county = this.replica.county;
    return {
      node: this.ctx.code,
      cityVersion: versions[CITY_ORIGIN] ?? 0,
      countyVersion: county ? (versions[county] ?? 0) : null,
      liveItems: await this.repo.countLive(),
    };
  }
}
