import { Body, Controller, Get, Header, HttpCode, Param, Post, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { renderReportPdf, renderReportXlsx } from '#libs/assessment';
import { CurrentStaff, Roles, type SignedInStaff } from '#libs/identity';
import { AssessmentService } from './assessment.service.js';
import { SetWeightsDto } from './dto/assessment.dto.js';

const READERS = ['city_coordinator', 'auditor', 'node_admin'] as const;

/** The monthly assessment (效能考核): figures, index, ranking; weights; closing a month; recomputing it from the event log. */
@ApiTags('assessment')
@Controller('assessment')
export class AssessmentController {
  constructor(private readonly service: AssessmentService) {}

  @Get('months/:month')
  @Roles(...READERS)
  @ApiOperation({ summary: "A month's report (YYYY-MM): every centre's figures, index with its parts, rank and change, the late cases; frozen once closed" })
  report(@Param('month') month: string) {
    return this.service.report(month);
  }

  @Get('months/:month/report.pdf')
  @Roles(...READERS)
  @Header('content-type', 'application/pdf')
  @ApiProduces('application/pdf')
  @ApiOperation({ summary: '效能月度通报 as a PDF (A4, Chinese): the ranking, every centre\'s figures and index parts, the late cases; a draft until the month is closed' })
  async pdf(@Param('month') month: string) {
    const bytes = await renderReportPdf(await this.service.report(month));
    return new StreamableFile(bytes, { disposition: `attachment; filename="monthly-report-${month}.pdf"`, length: bytes.length });
  }

  @Get('months/:month/report.xlsx')
  @Roles(...READERS)
  @Header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOperation({ summary: '效能月度通报 as an Excel workbook: 排名, 指标, 超期办件, 说明' })
  async xlsx(@Param('month') month: string) {
    const bytes = await renderReportXlsx(await this.service.report(month));
    return new StreamableFile(bytes, { disposition: `attachment; filename="monthly-report-${month}.xlsx"`, length: bytes.length });
  }

  @Post('months/:month/close')
  @Roles('city_coordinator')
  @ApiOperation({ summary: '关账: freezes a month that is over; its figures and ranking no longer change' })
  close(@Param('month') month: string, @CurrentStaff() staff: SignedInStaff) {
    return this.service.close(month, staff);
  }

  @Post('months/:month/recompute')
  @HttpCode(200)
  @Roles(...READERS)
  @ApiOperation({ summary: "Recomputes a month's figures from the event log (every link from the beginning) and compares them with the frozen ones" })
  recompute(@Param('month') month: string) {
    return this.service.recompute(month);
  }

  @Get('weights')
  @Roles(...READERS)
  @ApiOperation({ summary: 'The index weights in force and every earlier version (who changed them, when, why)' })
  weights() {
    return this.service.weights();
  }

  @Post('weights')
  @Roles('city_coordinator')
  @ApiOperation({ summary: 'New weights (whole percentages summing to 100) with the reason: a new version, used by the months not yet closed' })
  setWeights(@Body() dto: SetWeightsDto, @CurrentStaff() staff: SignedInStaff) {
    return this.service.setWeights({ ...dto.weights }, dto.reason, staff);
  }
}
