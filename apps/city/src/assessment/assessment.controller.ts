import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
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
