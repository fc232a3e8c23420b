import { Body, Controller, Delete, Get, Header, HttpCode, Param, Post, Put, Query, Req, StreamableFile } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Audited, CurrentStaff, Roles, type SignedInStaff } from '#libs/identity';
import { readRawBody, XLSX_MEDIA_TYPE } from '#libs/node-kit';
import { CatalogDraftsService } from './catalog-drafts.service.js';
import { CatalogImportService } from './catalog-import.service.js';
import { CatalogPublicationService } from './catalog-publication.service.js';
import { CatalogReadingService } from './catalog-reading.service.js';
import { DiffQuery, HistoryQuery } from './dto/history.query.js';
import { PublishVersionDto } from './dto/publish-version.dto.js';

const author = (s: SignedInStaff) => ({ id: s.id, role: s.actingRole });
/** The largest workbook an import takes: a city's list of a thousand items is well under 1 MB. */
export const IMPORT_LIMIT_BYTES = 5 * 1024 * 1024;

/** The unified catalog (统一审批目录), authored at the city by catalog editors. */
@ApiTags('catalog authoring')
@Controller('catalog')
export class CatalogAuthoringController {
  constructor(
    private readonly drafts: CatalogDraftsService,
    private readonly publication: CatalogPublicationService,
    private readonly reading: CatalogReadingService,
    private readonly workbook: CatalogImportService,
  ) {}

  @Post('drafts/import')
  @HttpCode(200)
  @Roles('catalog_editor')
  @Audited('catalog.drafts-imported', { subjectType: 'catalog' })
  @ApiConsumes(XLSX_MEDIA_TYPE)
  @ApiBody({ description: 'The workbook (.xlsx, at most 5 MB) in the layout of GET /catalog/export.xlsx: sheets 事项, 申请材料, 办理流程, 常见问题', schema: { type: 'string', format: 'binary' } })
  @ApiOperation({
    summary:
      'Imports a workbook as drafts, in one transaction: every row validated as PUT /catalog/drafts/:code validates; with any problem, 400 CATALOG_IMPORT_INVALID lists them all (sheet, row, column, cell, field, rule) and nothing changes',
  })
  async importDrafts(@Req() req: Request, @CurrentStaff() staff: SignedInStaff) {
    const bytes = await readRawBody(req, { types: [XLSX_MEDIA_TYPE], limit: IMPORT_LIMIT_BYTES });
    return this.workbook.import(bytes, author(staff));
  }

  @Get('export.xlsx')
  @Roles('catalog_editor', 'city_coordinator', 'auditor')
  @Header('content-type', XLSX_MEDIA_TYPE)
  @ApiProduces(XLSX_MEDIA_TYPE)
  @ApiOperation({ summary: 'The published catalog (every item\'s newest revision, with its status) as a workbook in the import layout: it imports back unchanged' })
  async exportWorkbook() {
    const { bytes, version } = await this.workbook.export();
    return new StreamableFile(bytes, { disposition: `attachment; filename="catalog-v${version}.xlsx"`, length: bytes.length });
  }

  @Put('drafts/:code')
  @Roles('catalog_editor')
  @ApiOperation({ summary: 'Save a draft of an item (new, or the next revision of a published one); the live version is untouched' })
  @ApiBody({ description: 'The item (CatalogItemInput), every GB/T 39046 field' })
  saveDraft(@Param('code') code: string, @Body() body: unknown, @CurrentStaff() staff: SignedInStaff) {
    return this.drafts.save(code, body, author(staff));
  }

  @Get('drafts')
  @Roles('catalog_editor', 'city_coordinator')
  @ApiOperation({ summary: 'Drafts not yet published' })
  listDrafts() {
    return this.drafts.list();
  }

  @Get('drafts/:code')
  @Roles('catalog_editor', 'city_coordinator')
  getDraft(@Param('code') code: string) {
    return this.drafts.get(code);
  }

  @Delete('drafts/:code')
  @Roles('catalog_editor')
  async discardDraft(@Param('code') code: string, @CurrentStaff() staff: SignedInStaff) {
    await this.drafts.discard(code, author(staff));
    return { code, discarded: true };
  }

  @Post('versions')
  @HttpCode(201)
  @Roles('catalog_editor')
  @ApiOperation({ summary: 'Publish a version: drafts to publish, items to cancel (取消), suspend, reactivate or delegate (下放), effective together' })
  publish(@Body() dto: PublishVersionDto, @CurrentStaff() staff: SignedInStaff) {
    return this.publication.publish(dto, author(staff));
  }

  @Get('versions')
  @Roles('catalog_editor', 'city_coordinator', 'auditor')
  versions() {
    return this.reading.versions();
  }

  @Get('items')
  @Roles('catalog_editor', 'city_coordinator', 'auditor')
  @ApiOperation({ summary: 'Every published item with its newest revision and status' })
  items() {
    return this.reading.items();
  }

  @Get('items/:code/revisions')
  @Roles('catalog_editor', 'city_coordinator', 'auditor')
  revisions(@Param('code') code: string) {
    return this.reading.revisions(code);
  }

  @Get('items/:code/diff')
  @Roles('catalog_editor', 'city_coordinator', 'auditor')
  @ApiOperation({ summary: 'Changed fields between two revisions (default: the last two)' })
  diff(@Param('code') code: string, @Query() q: DiffQuery) {
    return this.reading.diff(code, q.from, q.to);
  }

  @Get('history')
  @Roles('catalog_editor', 'city_coordinator', 'auditor')
  @ApiOperation({ summary: 'Who changed what and when (kept for good)' })
  history(@Query() q: HistoryQuery) {
    return this.reading.history(q);
  }

  @Get('propagation')
  @Roles('catalog_editor', 'city_coordinator', 'auditor', 'node_admin')
  @ApiOperation({ summary: 'Per node: the catalog version applied, how far behind, when it last reported' })
  propagation() {
    return this.reading.propagation();
  }
}
