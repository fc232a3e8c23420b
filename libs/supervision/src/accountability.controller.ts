import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentStaff, Roles, type SignedInStaff } from '#libs/identity';
import { AccountabilityService } from './accountability.service.js';
import { AccountabilityDecisionDto, AccountabilityListQuery } from './dto/accountability.dto.js';

/** Accountability records (问责) at the city: made when a case is flagged after two unanswered orders. */
@ApiTags('accountability')
@Controller('accountability')
export class AccountabilityController {
  constructor(private readonly service: AccountabilityService) {}

  @Get()
  @Roles('auditor', 'city_coordinator', 'node_admin')
  @ApiOperation({ summary: 'Accountability records, newest first: the level, node and person responsible, and the decision' })
  list(@Query() q: AccountabilityListQuery) {
    return this.service.list(q);
  }

  @Get(':id')
  @Roles('auditor', 'city_coordinator', 'node_admin')
  @ApiOperation({ summary: 'One accountability record' })
  get(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.service.get(id);
  }

  @Post(':id/decision')
  @HttpCode(200)
  @Roles('city_coordinator')
  @ApiOperation({ summary: '问责处理决定: the decision taken, the day, and who decided' })
  decide(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: AccountabilityDecisionDto, @CurrentStaff() staff: SignedInStaff) {
    return this.service.decide(id, dto, staff);
  }
}
