import { Controller, Get, Param, Query, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '#libs/node-kit';
import { CaseQueryService } from './case-query.service.js';
import { ProgressQuery } from './dto/case-query.dto.js';
import { ProgressRateLimitGuard } from './progress-rate-limit.guard.js';

/** 网上办事大厅: an applicant checks a case's progress with its number and the last six characters of the ID used. */
@ApiTags('public case progress')
@Public()
@Controller('public/cases')
export class PublicProgressController {
  constructor(private readonly query: CaseQueryService) {}

  @Get(':caseNumber/progress')
  @UseGuards(ProgressRateLimitGuard)
  @ApiOperation({ summary: "A case's progress (status, dates, what is missing); nothing about the applicant. Rate-limited." })
  progress(@Param('caseNumber') caseNumber: string, @Query() q: ProgressQuery) {
    return this.query.progress(caseNumber, q.idTail);
  }
}
