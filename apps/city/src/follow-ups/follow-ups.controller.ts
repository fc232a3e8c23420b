import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentStaff, Roles, type SignedInStaff } from '#libs/identity';
import { DrawDto, FollowUpListQuery, MonthParam, ResultDto } from './dto/follow-ups.dto.js';
import { FollowUpDrawService } from './follow-up-draw.service.js';
import { FollowUpResultService } from './follow-up-result.service.js';
import { FollowUpsRepository } from './follow-ups.repository.js';

const READERS = ['city_coordinator', 'auditor'] as const;

/** Random follow-ups (抽查回访): the month's draw, its check by an auditor, and the calls' results. */
@ApiTags('follow-ups')
@Controller('follow-ups')
export class FollowUpsController {
  constructor(
    private readonly draws: FollowUpDrawService,
    private readonly results: FollowUpResultService,
    private readonly repo: FollowUpsRepository,
  ) {}

  @Post('draws')
  @Roles('city_coordinator')
  @ApiOperation({ summary: '抽取回访办件: draws the month\'s closed cases, stratified by county-level area, from a recorded seed; once a month (409 with the draw after)' })
  draw(@Body() dto: DrawDto, @CurrentStaff() staff: SignedInStaff) {
    return this.draws.draw(dto, { id: staff.id, name: staff.name });
  }

  @Get('draws/:month')
  @Roles(...READERS)
  @ApiOperation({ summary: 'The month\'s draw: seed, size, candidates, strata, and the follow-ups' })
  getDraw(@Param() p: MonthParam) {
    return this.draws.get(p.month);
  }

  @Post('draws/:month/verify')
  @HttpCode(200)
  @Roles(...READERS)
  @ApiOperation({ summary: '复核: draws again from the recorded seed and candidates and says whether the same cases come out' })
  verify(@Param() p: MonthParam) {
    return this.draws.verify(p.month);
  }

  @Get()
  @Roles(...READERS)
  @ApiOperation({ summary: 'Follow-ups by month and status (pending, unreached, completed)' })
  list(@Query() q: FollowUpListQuery) {
    return this.repo.listItems(q);
  }

  @Get(':id')
  @Roles(...READERS)
  @ApiOperation({ summary: 'One follow-up with its calls, and the rectification item a problem opened' })
  get(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.results.get(id);
  }

  @Post(':id/result')
  @HttpCode(200)
  @Roles('city_coordinator')
  @ApiOperation({ summary: '回访结果: the call\'s result; a problem found opens a rectification item at the node that decided the case' })
  result(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: ResultDto, @CurrentStaff() staff: SignedInStaff) {
    return this.results.record(id, dto, staff);
  }
}
