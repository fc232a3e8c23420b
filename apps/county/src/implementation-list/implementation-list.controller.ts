import { Body, Controller, Get, Param, Post, Put } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentStaff, Roles, type SignedInStaff } from '#libs/identity';
import { SetImplementationDoc } from './dto/set-implementation.dto.js';
import { ImplementationListService } from './implementation-list.service.js';

const editor = (s: SignedInStaff) => ({ id: s.id, role: s.actingRole });

/** The county's implementation list (实施清单) and county-only items. */
@ApiTags('county implementation list')
@Controller('catalog')
export class ImplementationListController {
  constructor(private readonly service: ImplementationListService) {}

  @Put('implementation/:code')
  @Roles('catalog_editor', 'node_admin')
  @ApiOperation({ summary: "Set this county's committed limit, place, hours, phones and notes for a city item" })
  @ApiBody({ type: SetImplementationDoc })
  set(@Param('code') code: string, @Body() body: unknown, @CurrentStaff() staff: SignedInStaff) {
    return this.service.setImplementation(code, body, editor(staff));
  }

  @Get('implementation')
  @Roles('catalog_editor', 'node_admin', 'county_operator', 'auditor')
  list() {
    return this.service.listImplementations();
  }

  @Post('county-items')
  @Roles('catalog_editor')
  @ApiOperation({ summary: 'Publish (or revise) a county-only item: it reaches this county and its townships only' })
  @ApiBody({ description: 'The item (CatalogItemInput), decided and taken in at or below the county' })
  publish(@Body() body: unknown, @CurrentStaff() staff: SignedInStaff) {
    return this.service.publishCountyItem(body, editor(staff));
  }

  @Get('county-items')
  @Roles('catalog_editor', 'node_admin', 'county_operator', 'auditor')
  listCountyItems() {
    return this.service.listCountyItems();
  }
}
