import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CalendarService, CASE_READERS, CASE_WORKERS } from '#libs/case-service';
import { NotFoundError } from '#libs/domain';
import { canReadNode, CurrentStaff, Roles, type SignedInStaff } from '#libs/identity';
import { NodeContext } from '#libs/node-kit';
import { AnswerDto, IssueOrderDto, OrderListQuery, RectificationListQuery, RerateDto, WeekQuery } from './dto/supervision.dto.js';
import { RectificationService } from './rectification.service.js';
import { SupervisionRepository } from './supervision.repository.js';
import { SupervisionService } from './supervision.service.js';
import { isoWeekRange } from './week.js';


/** Supervision orders (督办): issued by the city's coordinators, answered by the holder, summed up weekly. */
@ApiTags('supervision')
@Controller('supervision')
export class SupervisionController {
  constructor(
    private readonly ctx: NodeContext,
    private readonly service: SupervisionService,
    private readonly repo: SupervisionRepository,
  ) {}

  @Post('orders')
  @Roles('city_coordinator')
  @ApiOperation({ summary: '发出督办: the city orders the holder of a live case to act and answer by a date' })
  issue(@Body() dto: IssueOrderDto, @CurrentStaff() staff: SignedInStaff) {
    return this.service.issue(dto, { id: staff.id, name: staff.name, role: staff.actingRole });
  }

  @Get('orders')
  @Roles(...CASE_READERS)
  @ApiOperation({ summary: 'Orders issued (the city) or addressed to this node, newest first' })
  list(@Query() q: OrderListQuery, @CurrentStaff() staff: SignedInStaff) {
    if (!canReadNode(staff, this.ctx.code, this.ctx.topology)) return { total: 0, items: [] };
    return this.repo.listOrders({ ...q, holder: this.ctx.tier === 'city' ? q.holder : this.ctx.code });
  }

  @Get('orders/:id')
  @Roles(...CASE_READERS)
  @ApiOperation({ summary: 'One order with its own timeline' })
  async get(@Param('id', new ParseUUIDPipe()) id: string, @CurrentStaff() staff: SignedInStaff) {
    const order = await this.repo.findOrder(id);
    if (!order || !canReadNode(staff, this.ctx.code, this.ctx.topology)) throw new NotFoundError(`没有督办单 ${id}`, `there is no supervision order ${id}`);
    return { ...order, steps: await this.repo.steps(id) };
  }

  @Post('orders/:id/answer')
  @HttpCode(200)
  @Roles(...CASE_WORKERS)
  @ApiOperation({ summary: '督办反馈: the holder answers with what was done' })
  answer(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: AnswerDto, @CurrentStaff() staff: SignedInStaff) {
    return this.service.answer(id, dto.content, staff);
  }

  @Get('summary')
  @Roles('city_coordinator', 'auditor', 'node_admin')
  @ApiOperation({ summary: 'Weekly summary per node: orders issued that week, answered, gone overdue, flagged, still open' })
  async summary(@Query() q: WeekQuery) {
    const { from, to } = isoWeekRange(q.week);
    const nodes = await this.repo.weekly(from, to);
    const total = nodes.reduce((t, n) => ({ issued: t.issued + n.issued, answered: t.answered + n.answered, overdue: t.overdue + n.overdue, flagged: t.flagged + n.flagged, open: t.open + n.open }), { issued: 0, answered: 0, overdue: 0, flagged: 0, open: 0 });
    return { week: q.week, from, to, nodes: nodes.map((n) => ({ ...n, name: this.ctx.topology.get(n.node)?.name })), total };
  }
}

/** Rectification items (差评整改) at the node that decided the case, and every item at the city. */
@ApiTags('rectifications')
@Controller('rectifications')
export class RectificationController {
  constructor(
    private readonly ctx: NodeContext,
    private readonly service: RectificationService,
    private readonly repo: SupervisionRepository,
    private readonly calendar: CalendarService,
  ) {}

  @Get()
  @Roles(...CASE_READERS)
  @ApiOperation({ summary: 'Rectification items at this node (the city: every node\'s), newest first' })
  list(@Query() q: RectificationListQuery, @CurrentStaff() staff: SignedInStaff) {
    if (!canReadNode(staff, this.ctx.code, this.ctx.topology)) return { total: 0, items: [] };
    return this.repo.listItems({
      caseNumber: q.caseNumber,
      node: this.ctx.tier === 'city' ? q.node : this.ctx.code,
      status: q.status,
      source: q.source,
      overdueOn: q.overdue ? this.calendar.today() : undefined,
      limit: q.limit,
      offset: q.offset,
    });
  }

  @Post(':id/answer')
  @HttpCode(200)
  @Roles(...CASE_WORKERS)
  @ApiOperation({ summary: '整改反馈: what the node did about the poor rating' })
  answer(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: AnswerDto, @CurrentStaff() staff: SignedInStaff) {
    return this.service.answer(id, dto.content, staff);
  }

  @Post(':id/rerating')
  @HttpCode(200)
  @Roles(...CASE_WORKERS)
  @ApiOperation({ summary: '重新评价: the applicant rates again after the answer; closes the item' })
  rerate(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: RerateDto, @CurrentStaff() staff: SignedInStaff) {
    return this.service.rerate(id, dto, staff);
  }
}
