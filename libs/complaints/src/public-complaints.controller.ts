import { Body, Controller, Get, Param, Post, Query, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { NodeContext, Public } from '#libs/node-kit';
import { PublicComplaintDto, PublicLookupQuery } from './dto/complaint.dto.js';
import { ComplaintIntakeService } from './complaint-intake.service.js';
import { ComplaintQueryService } from './complaint-query.service.js';
import { ComplaintLookupRateLimitGuard, PublicComplaintRateLimitGuard } from './complaint-rate-limit.guard.js';
import { publicProgressView } from './complaint-view.js';

/** 网上投诉: anyone may complain online at any centre, and read the progress with the number and its secret. */
@ApiTags('public complaints')
@Public()
@Controller('public/complaints')
export class PublicComplaintsController {
  constructor(
    private readonly ctx: NodeContext,
    private readonly intake: ComplaintIntakeService,
    private readonly query: ComplaintQueryService,
  ) {}

  @Post()
  @UseGuards(PublicComplaintRateLimitGuard)
  @ApiOperation({ summary: 'A complaint from the public (channel online). Answers the complaint number and the secret to read its progress. Rate-limited.' })
  async file(@Body() dto: PublicComplaintDto) {
    const { complaint, secret } = await this.intake.filePublic(dto);
    return {
      ...publicProgressView(complaint, this.ctx.topology),
      secret,
      notice: `请牢记投诉编号 ${complaint.number} 和查询码 ${secret}，凭此查询办理进度`,
      noticeEn: `Keep the complaint number ${complaint.number} and the secret ${secret}: they let you read its progress`,
    };
  }

  @Get(':number')
  @UseGuards(ComplaintLookupRateLimitGuard)
  @ApiOperation({ summary: "A complaint's progress and answer, with its secret; the same 404 for any mismatch. Rate-limited." })
  progress(@Param('number') number: string, @Query() q: PublicLookupQuery) {
    return this.query.publicProgress(number, q.secret);
  }
}
