import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { NotFoundError } from '#libs/domain';
import { NodeContext, Public } from '#libs/node-kit';
import { detail, summary } from './catalog-presenter.js';
import { CatalogReplicaRepository } from './catalog-replica.repository.js';
import { CITY_ORIGIN, CatalogReplicaService } from './catalog-replica.service.js';
import { SearchCatalogQuery } from './dto/search-catalog.query.js';

/** The public catalog (政务公开) at every node: anyone may search it and read an item's checklist. */
@ApiTags('public catalog')
@Public()
@Controller('public/catalog')
export class PublicCatalogController {
  constructor(
    private readonly ctx: NodeContext,
    private readonly repo: CatalogReplicaRepository,
    private readonly replica: CatalogReplicaService,
  ) {}

  @Get('items')
  @ApiOperation({ summary: 'Search the matters in force here: keyword (Chinese), department, kind, level, case type; paged' })
  async search(@Query() q: SearchCatalogQuery) {
    const { rows, total } = await this.repo.search({
      q: q.q?.trim() || undefined,
      department: q.department,
      kindCode: q.kind,
      level: q.level,
      caseType: q.caseType,
      limit: q.pageSize,
      offset: (q.page - 1) * q.pageSize,
    });
    return { items: rows.map(summary), total, page: q.page, pageSize: q.pageSize };
  }

  @Get('items/:code')
  @ApiOperation({ summary: 'One matter in full, with its materials as the one-time checklist (一次性告知)' })
  async item(@Param('code') code: string) {
    const row = await this.repo.findLive(code);
    if (!row) throw new NotFoundError(`未找到在用事项 ${code}`, `no matter ${code} is in force here`);
    return detail(row);
  }

  @Get('departments')
  @ApiOperation({ summary: 'Departments with the number of matters in force here' })
  departments() {
    return this.repo.departments();
  }

  @Get('status')
  @ApiOperation({ summary: 'The catalog versions this node has applied' })
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
