import { Injectable } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import type { EntityManager } from 'typeorm';
import { OutboxService } from '#libs/backbone';
import { CalendarService } from '#libs/case-service';
import { localDate } from '#libs/cases';
import {
  type Actor,
  ComplaintAnsweredEvent,
  ComplaintAnsweredPayload,
  type ComplaintData,
  ComplaintFiledEvent,
  ComplaintFiledPayload,
  type ComplaintOutcome,
  type EventEnvelope,
} from '#libs/contracts';
import { NotFoundError } from '#libs/domain';
import { canActOnNode, type SignedInStaff } from '#libs/identity';
import { Clock, NodeContext } from '#libs/node-kit';
import { complaintData } from './complaint-intake.service.js';
import { answeredSenderProblem, answerRoute, complaintProblem, filedRoute, filedSenderProblem } from './complaint-routing.js';
import { type Complaint, type ComplaintAnswer, ComplaintRepository } from './complaint.repository.js';
import { ComplaintAlreadyAnsweredError, ComplaintEventRefusedError, ComplaintNotHandlerError } from './errors.js';

const SYSTEM = { id: 'system', name: '系统' };
const SYSTEM_ACTOR: Actor = { kind: 'system', id: 'complaints' };

/**
 * 投诉办理: what happens to a complaint after it is taken. The handler receives it (from the taking
 * node, or forwarded by the city) and answers it with its finding; the answer goes to the city and
 * back to the taking node; the city keeps a copy of every complaint, forwards what has no other way,
 * and marks unanswered ones overdue. Every receiver checks that the sender could have sent what it sent.
 */
@Injectable()
export class ComplaintHandlingService {
  constructor(
    private readonly ctx: NodeContext,
    private readonly repo: ComplaintRepository,
    private readonly calendar: CalendarService,
    private readonly clock: Clock,
    private readonly outbox: OutboxService,
  ) {}

  private get isCity(): boolean {
    return this.ctx.tier === 'city';
  }

  private step(m: EntityManager, complaintId: string, action: string, details: Record<string, unknown>, who: { id: string; name: string } = SYSTEM, at = this.clock.now().toISOString()) {
    return this.repo.addStep(m, { complaintId, at, node: this.ctx.code, actorId: who.id, actorName: who.name, action, details });
  }

  /** The handler answers (答复) with what it found and whether the complaint is upheld. */
  async answer(id: string, input: { content: string; outcome: ComplaintOutcome }, staff: SignedInStaff): Promise<Complaint> {
    return this.repo.transaction(async (m) => {
      const c = await this.repo.find(id, m, true);
      if (!c) throw new NotFoundError(`本节点没有投诉 ${id}`, `there is no complaint ${id} at this node`);
      if (c.handlingNode !== this.ctx.code || !canActOnNode(staff, c.handlingNode, this.ctx.topology)) {
        throw new ComplaintNotHandlerError(`投诉 ${c.number} 由 ${c.handlingNode} 办理，本节点不能答复`, `complaint ${c.number} is handled by ${c.handlingNode}; this node cannot answer it`, { handlingNode: c.handlingNode });
      }
      if (c.answer) throw new ComplaintAlreadyAnsweredError(`投诉 ${c.number} 已答复`, `complaint ${c.number} has been answered already`, { answeredAt: c.answer.at });
      const answer: ComplaintAnswer = { content: input.content, outcome: input.outcome, at: this.clock.now().toISOString(), by: staff.id, byName: staff.name };
      await this.repo.saveAnswer(m, c.id, answer);
      await this.step(m, c.id, 'answered', { outcome: answer.outcome, late: this.calendar.today() > c.dueOn }, { id: staff.id, name: staff.name }, answer.at);
      const actor: Actor = { kind: 'staff', id: staff.id, role: staff.actingRole };
      for (const target of answerRoute(this.ctx.topology, c.handlingNode, c.takenAtNode).targets) await this.sendAnswer(m, c, answer, target, actor);
      return (await this.repo.find(c.id, m))!;
    });
  }

  private async sendAnswer(m: EntityManager, c: Complaint, answer: ComplaintAnswer, target: string, actor: Actor): Promise<void> {
    const payload = plainToInstance(ComplaintAnsweredPayload, { complaint: complaintData(c), answer });
    await this.outbox.enqueue(m, [{ definition: ComplaintAnsweredEvent, target, key: c.number, payload, actor }]);
  }

  /** The checks every receiver makes on the complaint an event carries. */
  private checkComplaint(env: EventEnvelope<{ complaint: ComplaintData }>): ComplaintData {
    const c = env.payload.complaint;
    if (env.key !== c.number) throw new ComplaintEventRefusedError('事件键与投诉编号不符', `the event key ${env.key} is not the complaint number ${c.number}`);
    const wrong = complaintProblem(this.ctx.topology, c);
    if (wrong) throw new ComplaintEventRefusedError('投诉内容不一致', wrong);
    return c;
  }

  /**
   * Keeps a complaint received from another node (status open); false when it is here already. One
   * with the same id must be the same complaint; another with the same number is a forgery.
   */
  private async keep(m: EntityManager, c: ComplaintData): Promise<boolean> {
    const incoming: Complaint = { ...(c as Omit<Complaint, 'status' | 'version'>), status: 'open', version: 1 };
    if (await this.repo.insert(m, incoming)) return true;
    const here = await this.repo.find(c.id, m);
    if (!here || here.number !== c.number || here.takenAtNode !== c.takenAtNode || here.handlingNode !== c.handlingNode) {
      throw new ComplaintEventRefusedError('投诉编号或标识与本节点已有的投诉冲突', `complaint ${c.number} (${c.id}) conflicts with one this node has`);
    }
    return false;
  }

  /**
   * `complaint.filed` addressed to this node (the handler; the city as handler, copy keeper or
   * forwarder), or seen by the city on a link between two others (`observed`).
   */
  async receiveFiled(env: EventEnvelope<ComplaintFiledPayload>, m: EntityManager, observed: boolean): Promise<void> {
    const c = this.checkComplaint(env);
    const wrongSender = filedSenderProblem(this.ctx.topology, c, env.source, env.target);
    if (wrongSender) throw new ComplaintEventRefusedError('发送节点无权报送该投诉', wrongSender);
    if (!observed && !this.isCity && c.handlingNode !== this.ctx.code) {
      throw new ComplaintEventRefusedError('本节点不办理该投诉', `complaint ${c.number} is handled by ${c.handlingNode}, not this node`);
    }
    if (!(await this.keep(m, c))) return;
    await this.step(m, c.id, 'received', { from: env.source, ...(observed ? { observed: true } : {}) });
    if (this.isCity && !observed && c.handlingNode !== this.ctx.code && filedRoute(this.ctx.topology, c.takenAtNode, c.handlingNode) === 'via_city') {
      await this.outbox.enqueue(m, [
        { definition: ComplaintFiledEvent, target: c.handlingNode, key: c.number, payload: plainToInstance(ComplaintFiledPayload, { complaint: c }), actor: SYSTEM_ACTOR, causationId: env.id, correlationId: env.correlationId },
      ]);
      await this.step(m, c.id, 'forwarded', { to: c.handlingNode });
    }
  }

  /** `complaint.answered` addressed to this node: the city, or the node that took the complaint. */
  async receiveAnswered(env: EventEnvelope<ComplaintAnsweredPayload>, m: EntityManager): Promise<void> {
    const c = this.checkComplaint(env);
    const wrongSender = answeredSenderProblem(this.ctx.topology, c, env.source, env.target);
    if (wrongSender) throw new ComplaintEventRefusedError('只有办理投诉的节点可以答复', wrongSender);
    const answer = env.payload.answer as ComplaintAnswer;
    const here = await this.repo.find(c.id, m, true);
    if (!here) {
      // The city may see the answer before the filing it observes on another link; the taking node made it.
      if (!this.isCity) throw new ComplaintEventRefusedError('本节点没有该投诉', `this node never took complaint ${c.number}`);
      await this.keep(m, c);
      await this.step(m, c.id, 'received', { from: env.source });
    } else if (here.number !== c.number || here.takenAtNode !== c.takenAtNode || here.handlingNode !== c.handlingNode) {
      throw new ComplaintEventRefusedError('投诉与本节点已有的不一致', `complaint ${c.number} (${c.id}) conflicts with the one this node has`);
    }
    if (!(await this.repo.saveAnswer(m, c.id, answer))) return;
    await this.step(m, c.id, 'answered', { from: env.source, outcome: answer.outcome, answeredAt: answer.at, late: localDate(new Date(answer.at)) > c.dueOn }, { id: answer.by, name: answer.byName });
    if (this.isCity && env.source === c.handlingNode && answerRoute(this.ctx.topology, c.handlingNode, c.takenAtNode).cityForwards) {
      const payload = plainToInstance(ComplaintAnsweredPayload, { complaint: c, answer });
      await this.outbox.enqueue(m, [{ definition: ComplaintAnsweredEvent, target: c.takenAtNode, key: c.number, payload, actor: SYSTEM_ACTOR, causationId: env.id, correlationId: env.correlationId }]);
      await this.step(m, c.id, 'forwarded', { to: c.takenAtNode });
    }
  }

  /**
   * The city's sweep: every complaint still open after its due date goes overdue (逾期未答复), with a
   * step on its timeline. Several replicas may sweep at once: each takes the rows no other has locked.
   */
  async sweep(limit = 200): Promise<number> {
    if (!this.isCity) return 0;
    return this.repo.transaction(async (m) => {
      const due = await this.repo.dueUnanswered(m, this.calendar.today(), limit);
      for (const c of due) {
        await this.repo.markOverdue(m, c.id);
        await this.step(m, c.id, 'overdue', { dueOn: c.dueOn, handlingNode: c.handlingNode });
      }
      return due.length;
    });
  }
}
