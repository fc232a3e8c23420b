import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '#libs/node-kit';
import { CatalogItemQuery } from './dto/catalog-item.query.js';
import { SearchCatalogQuery } from './dto/search-catalog.query.js';
import { PublicCatalogService } from './public-catalog.service.js';

/** The public catalog (政务公开) at every node: anyone may search it and read an item's checklist. */
@ApiTags('public catalog')
@Public()
@Controller('public/catalog')
export class PublicCatalogController {
  constructor(private readonly catalog: PublicCatalogService) {}

  @Get('items')
  @ApiOperation({ summary: 'Search the matters in force here: keyword (Chinese), department, kind, level, case type; paged' })
  async search(@Query() q: SearchCatalogQuery) {
    const { items, total } = await this.catalog.search({
      q: q.q?.trim() || undefined,
      department: q.department,
      kindCode: q.kind,
      level: q.level,
      caseType: q.caseType,
      limit: q.pageSize,
      offset: (q.page - 1) * q.pageSize,
    });
    return { items, total, page: q.page, pageSize: q.pageSize };
  }

  @Get('items/:code')
  @ApiOperation({ summary: "One matter in full, with its materials as the one-time checklist (一次性告知); the city's unless origin=county" })
  item(@Param('code') code: string, @Query() q: CatalogItemQuery) {
    return this.catalog.item(code, q.origin);
  }

  @Get('departments')
  @ApiOperation({ summary: 'Departments with the number of matters in force here' })
  departments() {
    return this.catalog.departments();
  }

  @Get('status')
  @ApiOperation({ summary: 'The catalog versions this node has applied' })
  status() {
    return this.catalog.status();
  }
}
