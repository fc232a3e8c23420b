import { Body, type CanActivate, Controller, Get, HttpCode, Injectable, Param, Post, Query, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Audited, CurrentStaff, Roles, SignedIn, type SignedInStaff } from '#libs/identity';
import { NodeContext, PageQuery } from '#libs/node-kit';
import { CalendarAmendmentService, CalendarCityOnlyError } from './calendar-amendment.service.js';
import { CalendarQueryService } from './calendar-query.service.js';
import { CASE_READERS } from './cases.controller.js';
import { AmendCalendarDto } from './dto/calendar-amendment.dto.js';

/** Only the city amends the calendar: refused elsewhere before the body is even read. */
@Injectable()
export class CityOnlyGuard implements CanActivate {
  constructor(private readonly ctx: NodeContext) {}

  canActivate(): boolean {
    if (this.ctx.tier !== 'city') throw new CalendarCityOnlyError();
    return true;
  }
}

/** The working-day calendar (工作日历) every deadline is read on, and the city's amendments of it. */
@ApiTags('calendar')
@Controller('calendar')
export class CalendarController {
  constructor(
    private readonly amendments: CalendarAmendmentService,
    private readonly query: CalendarQueryService,
  ) {}

  @Get()
  @SignedIn()
  @ApiOperation({ summary: 'The calendar in force at this node: version, years (notice or provisional), the city\'s local changes' })
  current() {
    return this.query.current();
  }

  @Post('amendments')
  @HttpCode(201)
  @Roles('city_coordinator', 'node_admin')
  @UseGuards(CityOnlyGuard)
  @Audited('calendar.amended', { subjectType: 'calendar-amendment' })
  @ApiOperation({ summary: '日历调整 (city only): a whole year file or local changes; live deadlines are read again here and at every node' })
  async amend(@Body() dto: AmendCalendarDto, @CurrentStaff() staff: SignedInStaff) {
    const id = await this.amendments.amend(dto, staff);
    return this.query.amendment(id, 50, 0);
  }

  @Get('amendments')
  @Roles(...CASE_READERS)
  @ApiOperation({ summary: 'The amendments this node applied, newest first, with how many deadlines each moved here' })
  list(@Query() q: PageQuery) {
    return this.query.list(q.limit, q.offset);
  }

  @Get('amendments/:id')
  @Roles(...CASE_READERS)
  @ApiOperation({ summary: 'One amendment, with the cases whose deadline it moved at this node (old and new due date)' })
  one(@Param('id') id: string, @Query() q: PageQuery) {
    return this.query.amendment(id, q.limit, q.offset);
  }
}
