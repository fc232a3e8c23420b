import { Injectable } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import type { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { OutboxService } from '#libs/backbone';
import { CalendarService, CaseRepository, type CaseFile } from '#libs/case-service';
import {
  type Actor,
  type AnswerData,
  type EventEnvelope,
  SupervisionAnswerEvent,
  SupervisionAnswerPayload,
  SupervisionOrderEvent,
  SupervisionOrderPayload,
} from '#libs/contracts';
import { CodedConflictError, DomainError, NotFoundError } from '#libs/domain';
import { canActOnNode, type SignedInStaff } from '#libs/identity';
import { Clock, NodeContext } from '#libs/node-kit';
import { AccountabilityService } from './accountability.service.js';
import { type SupervisionOrder, SupervisionRepository } from './supervision.repository.js';

/** An event about an order its sender could not have sent: parked, never applied. */
export class SupervisionEventRefusedError extends DomainError {
  readonly code = 'SUPERVISION_EVENT_REFUSED';
  readonly status = 422;
}

export class SupervisionConflictError extends CodedConflictError {}

export interface Issuer {
  id: string;
  name: string;
  role: string;
}

const SYSTEM: Issuer = { id: 'system', name: '系统', role: 'system' };
const envelopeActor = (who: Issuer): Actor => (who.id === 'system' ? { kind: 'system', id: 'supervision' } : { kind: 'staff', id: who.id, role: who.role as never });

/**
 * Supervision orders (督办). The city issues an order to the node holding a late case, with an answer
 * date in working days; the holder answers (反馈). An order unanswered by its date goes overdue and is
 * issued again as a second round; a second round unanswered flags the case for a supervision
 * recommendation (监察建议). The city's copy is the order; the holder keeps the newest version it was
 * sent and its own answer.
 */
@Injectable()
export class SupervisionService {
  constructor(
    private readonly ctx: NodeContext,
    private readonly repo: SupervisionRepository,
    private readonly cases: CaseRepository,
    private readonly calendar: CalendarService,
    private readonly clock: Clock,
    private readonly outbox: OutboxService,
    private readonly accountability: AccountabilityService,
  ) {}

  private get isCity(): boolean {
    return this.ctx.tier === 'city';
  }

  private readonly listeners: Array<(m: EntityManager, caseNumber: string) => Promise<void>> = [];

  /** Something that follows a case's supervision (the city's monitor): called in the transaction that changed an order of it. */
  onCaseSupervisionChange(listener: (m: EntityManager, caseNumber: string) => Promise<void>): void {
    this.listeners.push(listener);
  }

  private async save(m: EntityManager, order: SupervisionOrder): Promise<boolean> {
    const changed = await this.repo.saveOrder(m, order);
    if (changed) for (const listener of this.listeners) await listener(m, order.caseNumber);
    return changed;
  }

  /** The city: a coordinator orders the holder of a live case to act and answer. */
  async issue(input: { caseNumber: string; content: string; answerDays?: number }, issuer: Issuer): Promise<SupervisionOrder> {
    if (!this.isCity) throw new SupervisionConflictError('SUPERVISION_CITY_ONLY', '督办只能由市级中心发出', 'only the city issues supervision orders');
    return this.repo.transaction(async (m) => {
      const file = await this.cases.find(input.caseNumber, m);
      if (!file) throw new NotFoundError(`市级中心没有办件 ${input.caseNumber}`, `the city has no case ${input.caseNumber}`);
      return this.issueIn(m, file, input.content, input.answerDays ?? this.ctx.env.TONGBAN_SUPERVISION_ANSWER_DAYS, issuer);
    });
  }

  /** The rule on red lights: an order the system issues by itself, unless one is open already. */
  async issueByRule(m: EntityManager, file: CaseFile): Promise<SupervisionOrder | undefined> {
    if ((await this.repo.openOrderFor(m, file.state.caseNumber)) || file.state.outcome !== undefined) return undefined;
    const content = `办件已超过承诺办结时限，请立即办理并反馈（系统按红灯规则自动督办）`;
    return this.issueIn(m, file, content, this.ctx.env.TONGBAN_SUPERVISION_ANSWER_DAYS, SYSTEM, { rule: 'red_light' });
  }

  private async issueIn(m: EntityManager, file: CaseFile, content: string, answerDays: number, issuer: Issuer, opts: { round?: number; previousId?: string; rule?: string } = {}): Promise<SupervisionOrder> {
    if (file.state.outcome !== undefined || ['withdrawn'].includes(file.state.status)) {
      throw new SupervisionConflictError('SUPERVISION_CASE_CLOSED', `办件 ${file.state.caseNumber} 已办结，无需督办`, `case ${file.state.caseNumber} is closed; there is nothing to supervise`, { status: file.state.status });
    }
    if ((opts.round ?? 1) === 1) {
      const open = await this.repo.openOrderFor(m, file.state.caseNumber);
      if (open) throw new SupervisionConflictError('SUPERVISION_ORDER_OPEN', `办件 ${file.state.caseNumber} 已有未答复的督办单`, `case ${file.state.caseNumber} already has an open supervision order`, { orderId: open.id });
    }
    const now = this.clock.now().toISOString();
    const order: SupervisionOrder = {
      id: uuidv7(),
      caseNumber: file.state.caseNumber,
      round: opts.round ?? 1,
      ...(opts.previousId ? { previousId: opts.previousId } : {}),
      holder: file.state.holder,
      content,
      answerBy: this.calendar.addWorkingDays(this.calendar.today(), answerDays),
      issuedAt: now,
      issuedBy: issuer.id,
      issuedByName: issuer.name,
      ...(opts.rule ? { rule: opts.rule } : {}),
      status: 'open',
      flagged: false,
      version: 1,
    };
    await this.save(m, order);
    await this.repo.addStep(m, { orderId: order.id, at: now, node: this.ctx.code, actorId: issuer.id, actorName: issuer.name, action: 'issued', details: { round: order.round, holder: order.holder, answerBy: order.answerBy, ...(opts.rule ? { rule: opts.rule } : {}) } });
    await this.send(m, order, issuer);
    return order;
  }

  private async send(m: EntityManager, order: SupervisionOrder, who: Issuer): Promise<void> {
    if (order.holder === this.ctx.code) return;
    await this.outbox.enqueue(m, [
      { definition: SupervisionOrderEvent, target: order.holder, key: order.caseNumber, payload: plainToInstance(SupervisionOrderPayload, { order }), actor: envelopeActor(who) },
    ]);
  }

  /**
   * The city's sweep: every open order past its answer date goes overdue; a first round is issued
   * again to whoever holds the case now; an unanswered second round flags the case (监察建议).
   * Several replicas may sweep at once: each takes the orders no other has locked.
   */
  async sweep(limit = 200): Promise<number> {
    if (!this.isCity) return 0;
    return this.repo.transaction(async (m) => {
      const today = this.calendar.today();
      const due = await this.repo.overdueOrders(m, today, limit);
      const now = this.clock.now().toISOString();
      for (const order of due) {
        const step = (action: string, details: Record<string, unknown> = {}) =>
          this.repo.addStep(m, { orderId: order.id, at: now, node: this.ctx.code, actorId: SYSTEM.id, actorName: SYSTEM.name, action, details });
        const file = await this.cases.find(order.caseNumber, m);
        const second = order.round === 1 && file !== undefined && file.state.outcome === undefined && file.state.status !== 'withdrawn';
        const updated: SupervisionOrder = { ...order, status: 'overdue', flagged: order.round === 2, version: order.version + 1 };
        await this.save(m, updated);
        await step('overdue', { answerBy: order.answerBy });
        if (updated.flagged) {
          // 监察建议 becomes an accountability record (问责) in the same transaction.
          const record = await this.accountability.openFor(m, updated);
          await step('flagged', { recommendation: '两轮督办未答复，建议发出监察建议', accountabilityId: record.id });
        }
        await this.send(m, updated, SYSTEM);
        if (second) {
          const content = `【第二次督办】${order.content}`;
          const next = await this.issueIn(m, file, content, this.ctx.env.TONGBAN_SUPERVISION_ANSWER_DAYS, SYSTEM, { round: 2, previousId: order.id, ...(order.rule ? { rule: order.rule } : {}) });
          await step('reissued', { nextOrderId: next.id });
        }
      }
      return due.length;
    });
  }

  /** The holder answers an order addressed to it. */
  async answer(id: string, content: string, staff: SignedInStaff): Promise<SupervisionOrder> {
    return this.repo.transaction(async (m) => {
      const order = await this.repo.findOrder(id, m, true);
      if (!order || order.holder !== this.ctx.code) throw new NotFoundError(`本节点没有督办单 ${id}`, `there is no supervision order ${id} addressed to this node`);
      if (!canActOnNode(staff, order.holder, this.ctx.topology)) throw new NotFoundError(`本节点没有督办单 ${id}`, `there is no supervision order ${id} addressed to this node`);
      if (order.status !== 'open') {
        throw new SupervisionConflictError('SUPERVISION_ORDER_NOT_OPEN', `督办单已${order.status === 'answered' ? '答复' : '逾期'}，不能再答复`, `the order is ${order.status} and takes no answer`, { status: order.status });
      }
      const answer: AnswerData = { content, at: this.clock.now().toISOString(), by: staff.id, byName: staff.name };
      const after: SupervisionOrder = { ...order, status: 'answered', answer, version: this.isCity ? order.version + 1 : order.version };
      if (this.isCity) await this.save(m, after);
      else await this.repo.answerOrder(m, id, 'answered', answer);
      await this.repo.addStep(m, { orderId: id, at: answer.at, node: this.ctx.code, actorId: staff.id, actorName: staff.name, action: 'answered', details: { content } });
      if (!this.isCity) {
        const city = this.ctx.topology.city.code;
        await this.outbox.enqueue(m, [
          {
            definition: SupervisionAnswerEvent,
            target: city,
            key: order.caseNumber,
            payload: plainToInstance(SupervisionAnswerPayload, { orderId: id, caseNumber: order.caseNumber, answer }),
            actor: { kind: 'staff', id: staff.id, role: staff.actingRole },
          },
        ]);
      }
      return after;
    });
  }

  /** At the holder: the city's order, new or changed (gone overdue, flagged). */
  async receiveOrder(env: EventEnvelope<SupervisionOrderPayload>, m: EntityManager): Promise<void> {
    const o = env.payload.order;
    if (o.holder !== this.ctx.code) throw new SupervisionEventRefusedError('督办单不是发给本节点的', `order ${o.id} is addressed to ${o.holder}, not this node`);
    if (o.caseNumber !== env.key) throw new SupervisionEventRefusedError('事件键与办件编号不符', `the event key ${env.key} is not the case number ${o.caseNumber}`);
    if (!(await this.cases.find(o.caseNumber, m))) throw new SupervisionEventRefusedError('本节点没有该办件', `this node never had case ${o.caseNumber}`);
    const before = await this.repo.findOrder(o.id, m);
    const order: SupervisionOrder = { ...(o as SupervisionOrder), ...(before?.answer && !o.answer ? { answer: before.answer, status: o.status === 'open' ? 'answered' : o.status } : {}) };
    if (!(await this.save(m, order))) return;
    const at = this.clock.now().toISOString();
    const step = (action: string, details: Record<string, unknown> = {}) => this.repo.addStep(m, { orderId: o.id, at, node: this.ctx.code, actorId: 'system', actorName: '系统', action, details });
    if (!before) await step('received', { round: o.round, answerBy: o.answerBy, from: env.source });
    if (o.status === 'overdue' && before?.status !== 'overdue') await step('overdue', { answerBy: o.answerBy });
    if (o.flagged && !before?.flagged) await step('flagged', {});
  }

  /** At the city: a holder's answer. An answer that arrives after the order went overdue is kept as late. */
  async receiveAnswer(env: EventEnvelope<SupervisionAnswerPayload>, m: EntityManager): Promise<void> {
    const p = env.payload;
    const order = await this.repo.findOrder(p.orderId, m, true);
    if (!order) throw new SupervisionEventRefusedError('没有该督办单', `there is no order ${p.orderId}`);
    if (order.holder !== env.source || order.caseNumber !== p.caseNumber || env.key !== p.caseNumber) {
      throw new SupervisionEventRefusedError('只有督办对象可以答复督办单', `node ${env.source} answered order ${p.orderId}, addressed to ${order.holder}`);
    }
    if (order.answer) return;
    const late = order.status !== 'open';
    const after: SupervisionOrder = { ...order, status: late ? order.status : 'answered', answer: p.answer as AnswerData, version: order.version + 1 };
    await this.save(m, after);
    await this.repo.addStep(m, { orderId: order.id, at: this.clock.now().toISOString(), node: env.source, actorId: p.answer.by, actorName: p.answer.byName, action: late ? 'answered_late' : 'answered', details: { content: p.answer.content, answeredAt: p.answer.at } });
  }
}
