import { timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { CalendarService } from '#libs/case-service';
import { NotFoundError } from '#libs/domain';
import { canActOnNode, canReadNode, type SignedInStaff } from '#libs/identity';
import { NodeContext } from '#libs/node-kit';
import { hashSecret } from './complaint-intake.service.js';
import { type Complaint, ComplaintRepository } from './complaint.repository.js';
import { complaintDetail, complaintView, publicProgressView } from './complaint-view.js';

export interface ComplaintQuery {
  status?: string;
  againstNode?: string;
  handlingNode?: string;
  takenAtNode?: string;
  caseNumber?: string;
  number?: string;
  channel?: string;
  outcome?: string;
  overdue?: boolean;
  limit: number;
  offset: number;
}

/** Reading complaints: lists and one complaint for staff, and the complainant's own progress lookup. */
@Injectable()
export class ComplaintQueryService {
  constructor(
    private readonly ctx: NodeContext,
    private readonly repo: ComplaintRepository,
    private readonly calendar: CalendarService,
  ) {}

  /** Whether the reader sees the complainant's phone whole: staff who may act here, where the complaint is taken or handled. */
  private whole(c: Complaint, staff: SignedInStaff): boolean {
    return (c.takenAtNode === this.ctx.code || c.handlingNode === this.ctx.code) && canActOnNode(staff, this.ctx.code, this.ctx.topology);
  }

  /** The complaints this node keeps (those it took or handles; the city: all), newest first; phones masked. */
  async list(q: ComplaintQuery, staff: SignedInStaff) {
    if (!canReadNode(staff, this.ctx.code, this.ctx.topology)) return { total: 0, items: [] };
    const today = this.calendar.today();
    const page = await this.repo.list({
      number: q.number,
      status: q.status,
      againstNode: q.againstNode,
      handlingNode: q.handlingNode,
      takenAtNode: q.takenAtNode,
      caseNumber: q.caseNumber,
      channel: q.channel,
      outcome: q.outcome,
      overdueOn: q.overdue === true ? today : undefined,
      inTimeOn: q.overdue === false ? today : undefined,
      limit: q.limit,
      offset: q.offset,
    });
    return { total: page.total, items: page.items.map((c) => complaintView(c, this.ctx.topology, today, false)) };
  }

  async detail(id: string, staff: SignedInStaff) {
    const c = await this.repo.find(id);
    if (!c || !canReadNode(staff, this.ctx.code, this.ctx.topology)) throw new NotFoundError(`没有投诉 ${id}`, `there is no complaint ${id}`);
    return complaintDetail(c, await this.repo.steps(id), this.ctx.topology, this.calendar.today(), this.whole(c, staff));
  }

  /** 投诉进度查询: the same 404 for a number that is not here, a complaint without a secret, or a wrong secret. */
  async publicProgress(number: string, secret: string) {
    const c = await this.repo.findByNumber(number);
    const given = Buffer.from(hashSecret(secret), 'hex');
    const kept = c?.secretHash ? Buffer.from(c.secretHash, 'hex') : undefined;
    if (!c || !kept || kept.length !== given.length || !timingSafeEqual(kept, given)) {
      throw new NotFoundError('没有找到该投诉，请核对投诉编号和查询码', 'No complaint matches this number and secret');
    }
    return publicProgressView(c, this.ctx.topology);
  }
}
