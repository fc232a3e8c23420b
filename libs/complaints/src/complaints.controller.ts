import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CalendarService, CASE_READERS, CASE_WORKERS } from '#libs/case-service';
import { CurrentStaff, Roles, type SignedInStaff } from '#libs/identity';
import { NodeContext } from '#libs/node-kit';
import { AnswerComplaintDto, ComplaintListQuery, FileComplaintDto } from './dto/complaint.dto.js';
import { ComplaintHandlingService } from './complaint-handling.service.js';
import { ComplaintIntakeService } from './complaint-intake.service.js';
import { ComplaintQueryService } from './complaint-query.service.js';
import { complaintView } from './complaint-view.js';

/** Staff who take complaints: the case workers at every counter, and the city's coordinators. */
export const COMPLAINT_TAKERS = [...CASE_WORKERS, 'city_coordinator'] as const;
/** Those who answer: the county's hall for its townships, the city's supervision (coordinators) for counties and itself. */
export const COMPLAINT_HANDLERS = ['county_operator', 'city_coordinator'] as const;

/** Complaints (投诉) at this node: taken here, handled here, and at the city every one. */
@ApiTags('complaints')
@Controller('complaints')
export class ComplaintsController {
  constructor(
    private readonly ctx: NodeContext,
    private readonly intake: ComplaintIntakeService,
    private readonly handling: ComplaintHandlingService,
    private readonly query: ComplaintQueryService,
    private readonly calendar: CalendarService,
  ) {}

  @Post()
  @Roles(...COMPLAINT_TAKERS)
  @ApiOperation({ summary: '受理投诉: a complaint against a centre (and a case), sent to the supervising level that handles it' })
  async file(@Body() dto: FileComplaintDto, @CurrentStaff() staff: SignedInStaff) {
    const c = await this.intake.file(dto, { id: staff.id, name: staff.name, role: staff.actingRole });
    return complaintView(c, this.ctx.topology, this.calendar.today(), true);
  }

  @Get()
  @Roles(...CASE_READERS)
  @ApiOperation({ summary: 'Complaints taken or handled here (the city: all), newest first; ?overdue=true for those unanswered past their date' })
  list(@Query() q: ComplaintListQuery, @CurrentStaff() staff: SignedInStaff) {
    return this.query.list(q, staff);
  }

  @Get(':id')
  @Roles(...CASE_READERS)
  @ApiOperation({ summary: 'One complaint with its timeline at this node' })
  get(@Param('id', new ParseUUIDPipe()) id: string, @CurrentStaff() staff: SignedInStaff) {
    return this.query.detail(id, staff);
  }

  @Post(':id/answer')
  @HttpCode(200)
  @Roles(...COMPLAINT_HANDLERS)
  @ApiOperation({ summary: '投诉答复: the handler answers with its finding, upheld or not_upheld' })
  async answer(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: AnswerComplaintDto, @CurrentStaff() staff: SignedInStaff) {
    const c = await this.handling.answer(id, dto, staff);
    return complaintView(c, this.ctx.topology, this.calendar.today(), true);
  }
}
