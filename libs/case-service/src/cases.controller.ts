import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { type CaseAction } from '#libs/cases';
import { ValidationFailedError } from '#libs/domain';
import { CurrentStaff, Roles, type SignedInStaff } from '#libs/identity';
import { PageQuery } from '#libs/node-kit';
import { renderPrintPdf } from '#libs/print';
import { CaseActionsService } from './case-actions.service.js';
import { CaseQueryService } from './case-query.service.js';
import { CaseRepository } from './case.repository.js';
import { caseDetail } from './case-view.js';
import {
  ApproveDto,
  CompleteMaterialsDto,
  CorrectionReceivedDto,
  DeliverDto,
  EmptyActionDto,
  EndSpecialProcedureDto,
  ExtendTimeLimitDto,
  IntakeDto,
  NotAcceptDto,
  RateDto,
  ReasonDto,
  RequestCorrectionDto,
  StartSpecialProcedureDto,
  WithdrawalRequestDto,
  type VersionedDto,
} from './dto/case-inputs.dto.js';
import { CaseListQuery } from './dto/case-query.dto.js';
import { IntakeService } from './intake.service.js';
import { RatingTicketService } from './rating-ticket.service.js';

/** The posts that work cases: the counter at a township, the hall at a county, the approval section at the city. */
export const CASE_WORKERS = ['township_clerk', 'county_operator', 'city_approver'] as const;
/** Those who read cases: the workers, the city's coordinators, auditors and the node's administrator. */
export const CASE_READERS = [...CASE_WORKERS, 'city_coordinator', 'auditor', 'node_admin'] as const;

const KEY = /^[\w.:-]{8,100}$/;

/** Cases (办件) at this node: intake, the holder's actions, requests from the counter, lists and documents. */
@ApiTags('cases')
@Controller('cases')
export class CasesController {
  constructor(
    private readonly intake: IntakeService,
    private readonly actions: CaseActionsService,
    private readonly query: CaseQueryService,
    private readonly repo: CaseRepository,
    private readonly tickets: RatingTicketService,
  ) {}

  private async detailOf(caseNumber: string, staff: SignedInStaff) {
    return this.query.detail(caseNumber, staff);
  }

  @Post()
  @Roles(...CASE_WORKERS)
  @ApiOperation({ summary: '收件: take in an application; complete materials are accepted (and handed up) at once, missing ones get the one-time notice' })
  @ApiHeader({ name: 'Idempotency-Key', required: true, description: 'One key per application (8-100 characters): sending it again returns the same case' })
  async create(@Body() dto: IntakeDto, @Headers('idempotency-key') key: string | undefined, @CurrentStaff() staff: SignedInStaff, @Res({ passthrough: true }) res: Response) {
    if (key === undefined || !KEY.test(key)) {
      throw new ValidationFailedError([
        {
          field: 'Idempotency-Key',
          rule: 'idempotencyKey',
          message: '请求头 Idempotency-Key 必须填写（8-100 个字母、数字或 ._:-），每份申请一个',
          messageEn: 'the Idempotency-Key header is required (8-100 letters, digits or ._:-), one per application',
        },
      ]);
    }
    const { file, created } = await this.intake.intake(dto, await this.actions.actorOf(staff), key);
    res.status(created ? 201 : 200);
    return caseDetail(file, await this.repo.steps(file.state.caseNumber), true);
  }

  @Get()
  @Roles(...CASE_READERS)
  @ApiOperation({ summary: 'Cases at this node: by status, matter, holder, applicant, date range; paged and sorted (applicants masked)' })
  list(@Query() q: CaseListQuery, @CurrentStaff() staff: SignedInStaff) {
    return this.query.list(q, staff);
  }

  @Get('inbox')
  @Roles(...CASE_READERS)
  @ApiOperation({ summary: '待办: cases this node holds that wait for its staff, nearest due date first' })
  inbox(@Query() q: PageQuery, @CurrentStaff() staff: SignedInStaff) {
    return this.query.inbox(q, staff);
  }

  @Get(':caseNumber')
  @Roles(...CASE_READERS)
  @ApiOperation({ summary: 'One case with its documents and timeline (applicant whole only for staff acting on it)' })
  detail(@Param('caseNumber') caseNumber: string, @CurrentStaff() staff: SignedInStaff) {
    return this.detailOf(caseNumber, staff);
  }

  @Get(':caseNumber/documents')
  @Roles(...CASE_READERS)
  @ApiOperation({ summary: 'The documents handed out for the case, as structured data with their numbers' })
  documents(@Param('caseNumber') caseNumber: string, @CurrentStaff() staff: SignedInStaff) {
    return this.query.documents(caseNumber, staff);
  }

  @Get(':caseNumber/documents/:number')
  @Roles(...CASE_READERS)
  @ApiOperation({ summary: 'One document, by its number (e.g. SL-<case number>) or kind (acceptance_notice …)' })
  document(@Param('caseNumber') caseNumber: string, @Param('number') number: string, @CurrentStaff() staff: SignedInStaff) {
    return this.query.document(caseNumber, number, staff);
  }

  @Get(':caseNumber/documents/:number/pdf')
  @Roles(...CASE_READERS)
  @ApiProduces('application/pdf')
  @ApiOperation({ summary: 'One document printed (by number or kind): an A4 PDF in the layout of an official notice, shown inline; the applicant\'s ID whole only for staff working the case' })
  async documentPdf(@Param('caseNumber') caseNumber: string, @Param('number') number: string, @CurrentStaff() staff: SignedInStaff) {
    const printed = await this.query.printable(caseNumber, number, staff);
    const bytes = await renderPrintPdf(printed);
    return new StreamableFile(bytes, { type: 'application/pdf', disposition: `inline; filename="${printed.number}.pdf"`, length: bytes.length });
  }

  @Post(':caseNumber/materials')
  @HttpCode(200)
  @Roles(...CASE_WORKERS)
  @ApiOperation({ summary: '补齐材料: the materials the one-time notice listed were brought; the same case is accepted' })
  async completeMaterials(@Param('caseNumber') caseNumber: string, @Body() dto: CompleteMaterialsDto, @CurrentStaff() staff: SignedInStaff) {
    await this.actions.completeMaterials(caseNumber, dto, staff);
    return this.detailOf(caseNumber, staff);
  }

  private async perform(caseNumber: string, action: CaseAction, dto: VersionedDto, staff: SignedInStaff) {
    const { expectedVersion, ...input } = dto as VersionedDto & Record<string, unknown>;
    const answer = await this.actions.perform(caseNumber, action, input, staff, expectedVersion);
    const detail = await this.detailOf(caseNumber, staff);
    return answer.sentTo ? { ...detail, request: { action, sentTo: answer.sentTo, status: 'sent' } } : detail;
  }

  @Post(':caseNumber/take-up')
  @HttpCode(200)
  @Roles(...CASE_WORKERS)
  @ApiOperation({ summary: '审查: take the case up for review (the deciding node); you become its handler and reviewer' })
  takeUp(@Param('caseNumber') n: string, @Body() dto: EmptyActionDto, @CurrentStaff() s: SignedInStaff) {
    return this.perform(n, 'take_up_for_review', dto, s);
  }

  @Post(':caseNumber/request-correction')
  @HttpCode(200)
  @Roles(...CASE_WORKERS)
  @ApiOperation({ summary: '补正: one notice listing everything to correct; the clock pauses' })
  requestCorrection(@Param('caseNumber') n: string, @Body() dto: RequestCorrectionDto, @CurrentStaff() s: SignedInStaff) {
    return this.perform(n, 'request_correction', dto, s);
  }

  @Post(':caseNumber/correction-received')
  @HttpCode(200)
  @Roles(...CASE_WORKERS)
  @ApiOperation({ summary: "The applicant's correction, taken in at the intake counter; travels to the holder, the clock resumes" })
  correctionReceived(@Param('caseNumber') n: string, @Body() dto: CorrectionReceivedDto, @CurrentStaff() s: SignedInStaff) {
    return this.perform(n, 'correction_received', dto, s);
  }

  @Post(':caseNumber/special-procedure/start')
  @HttpCode(200)
  @Roles(...CASE_WORKERS)
  @ApiOperation({ summary: '特别程序: hearing, expert review, inspection, testing or public notice, with its reason; the clock pauses' })
  startSpecial(@Param('caseNumber') n: string, @Body() dto: StartSpecialProcedureDto, @CurrentStaff() s: SignedInStaff) {
    return this.perform(n, 'start_special_procedure', dto, s);
  }

  @Post(':caseNumber/special-procedure/end')
  @HttpCode(200)
  @Roles(...CASE_WORKERS)
  @ApiOperation({ summary: 'End the special procedure, with its result; the clock resumes' })
  endSpecial(@Param('caseNumber') n: string, @Body() dto: EndSpecialProcedureDto, @CurrentStaff() s: SignedInStaff) {
    return this.perform(n, 'end_special_procedure', dto, s);
  }

  @Post(':caseNumber/not-accept')
  @HttpCode(200)
  @Roles(...CASE_WORKERS)
  @ApiOperation({ summary: '不予受理: with the reason and legal basis (不予受理决定书)' })
  notAccept(@Param('caseNumber') n: string, @Body() dto: NotAcceptDto, @CurrentStaff() s: SignedInStaff) {
    return this.perform(n, 'not_accept', dto, s);
  }

  @Post(':caseNumber/approve')
  @HttpCode(200)
  @Roles(...CASE_WORKERS)
  @ApiOperation({ summary: '准予: the result document and its validity; a licence is decided by someone other than its reviewer (一审一核)' })
  approve(@Param('caseNumber') n: string, @Body() dto: ApproveDto, @CurrentStaff() s: SignedInStaff) {
    return this.perform(n, 'approve', dto, s);
  }

  @Post(':caseNumber/deny')
  @HttpCode(200)
  @Roles(...CASE_WORKERS)
  @ApiOperation({ summary: '不予批准: with the reason' })
  deny(@Param('caseNumber') n: string, @Body() dto: ReasonDto, @CurrentStaff() s: SignedInStaff) {
    return this.perform(n, 'deny', dto, s);
  }

  @Post(':caseNumber/extension')
  @HttpCode(200)
  @Roles(...CASE_WORKERS)
  @ApiOperation({ summary: '延长审批: extend the time limit by approved working days (at most 10 in all), with the reason' })
  extend(@Param('caseNumber') n: string, @Body() dto: ExtendTimeLimitDto, @CurrentStaff() s: SignedInStaff) {
    return this.perform(n, 'extend_time_limit', dto, s);
  }

  @Post(':caseNumber/withdrawal')
  @HttpCode(200)
  @Roles(...CASE_WORKERS)
  @ApiOperation({ summary: '申请撤回: asked at the intake counter before a decision; travels to the holder' })
  requestWithdrawal(@Param('caseNumber') n: string, @Body() dto: WithdrawalRequestDto, @CurrentStaff() s: SignedInStaff) {
    return this.perform(n, 'request_withdrawal', dto, s);
  }

  @Post(':caseNumber/withdrawal/allow')
  @HttpCode(200)
  @Roles(...CASE_WORKERS)
  @ApiOperation({ summary: 'The holder allows the withdrawal; the case ends as withdrawn' })
  allowWithdrawal(@Param('caseNumber') n: string, @Body() dto: EmptyActionDto, @CurrentStaff() s: SignedInStaff) {
    return this.perform(n, 'allow_withdrawal', dto, s);
  }

  @Post(':caseNumber/withdrawal/refuse')
  @HttpCode(200)
  @Roles(...CASE_WORKERS)
  @ApiOperation({ summary: 'The holder refuses the withdrawal, with the reason; the case goes on' })
  refuseWithdrawal(@Param('caseNumber') n: string, @Body() dto: ReasonDto, @CurrentStaff() s: SignedInStaff) {
    return this.perform(n, 'refuse_withdrawal', dto, s);
  }

  @Post(':caseNumber/deliver')
  @HttpCode(200)
  @Roles(...CASE_WORKERS)
  @ApiOperation({ summary: '送达: the result handed to the applicant at the intake counter (送达回证)' })
  deliver(@Param('caseNumber') n: string, @Body() dto: DeliverDto, @CurrentStaff() s: SignedInStaff) {
    return this.perform(n, 'deliver', dto, s);
  }

  @Post(':caseNumber/rating')
  @HttpCode(200)
  @Roles(...CASE_WORKERS)
  @ApiOperation({ summary: "好差评: the applicant's rating (1 非常满意 … 5 非常不满意); travels to every level that handled the case" })
  rate(@Param('caseNumber') n: string, @Body() dto: RateDto, @CurrentStaff() s: SignedInStaff) {
    return this.perform(n, 'rate', dto, s);
  }

  @Post(':caseNumber/rating-ticket')
  @Roles(...CASE_WORKERS)
  @ApiOperation({
    summary: '电子评价器: a one-time ticket (30 min) for the applicant to rate a delivered case on the rating screen (#/rate/<ticket>); a new ticket replaces the old',
  })
  ratingTicket(@Param('caseNumber') n: string, @CurrentStaff() s: SignedInStaff) {
    return this.tickets.issue(n, s);
  }
}
