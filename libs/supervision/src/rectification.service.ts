import { Injectable, type OnModuleInit } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import type { EntityManager } from 'typeorm';
import { v5 as uuidv5 } from 'uuid';
import { OutboxService } from '#libs/backbone';
import { CalendarService, type CaseFile, CaseHooks, CaseRepository, type TimelineStep } from '#libs/case-service';
import { POOR_RATINGS, type RatingLevel } from '#libs/cases';
import { type EventEnvelope, RectificationEvent, RectificationPayload, type RectificationRequestedPayload, type ReratingData } from '#libs/contracts';
import { NotFoundError } from '#libs/domain';
import { canActOnNode, type SignedInStaff } from '#libs/identity';
import { Clock, NodeContext } from '#libs/node-kit';
import { type Rectification, SupervisionRepository } from './supervision.repository.js';
import { SupervisionConflictError, SupervisionEventRefusedError } from './supervision.service.js';

/** Rectification ids follow from the rating step, so every replica and every replay opens the same one item. */
const RECTIFICATION_NAMESPACE = '6f1c2b9e-4d7a-5e3f-9b8c-1a2d3e4f5a6b';

/** The id of the item a follow-up's problem opens, the same wherever and however often it is computed. */
export function followUpRectificationId(followUpId: string): string {
  return uuidv5(`follow-up:${followUpId}`, RECTIFICATION_NAMESPACE);
}

/** What a follow-up call found wrong with a case, to be rectified where the case was decided. */
export type FollowUpProblem = Omit<RectificationRequestedPayload, 'node'>;

/**
 * 差评整改: a poor rating (不满意, 非常不满意) opens a rectification item at the node that decided the
 * case, due in a configurable number of working days; the node answers with what it did; the
 * applicant may then rate again (recorded by the node's staff, e.g. on the follow-up call), which
 * closes the item. A problem found on the city's follow-up call (抽查回访) opens one the same way,
 * at the city's request. The city keeps a copy of every item, sent on every change.
 */
@Injectable()
export class RectificationService implements OnModuleInit {
  constructor(
    private readonly ctx: NodeContext,
    private readonly repo: SupervisionRepository,
    private readonly hooks: CaseHooks,
    private readonly cases: CaseRepository,
    private readonly calendar: CalendarService,
    private readonly clock: Clock,
    private readonly outbox: OutboxService,
  ) {}

  onModuleInit(): void {
    this.hooks.register((m, file, steps) => this.openForPoorRatings(m, file, steps));
  }

  /** A rating step on a case this node decided: a poor one opens the item (once, whoever sees it first). */
  private async openForPoorRatings(m: EntityManager, file: CaseFile, steps: readonly TimelineStep[]): Promise<void> {
    if (file.state.decidingNode !== this.ctx.code) return;
    for (const step of steps) {
      const level = step.action === 'rate' ? (step.details.level as RatingLevel | undefined) : undefined;
      if (level === undefined || !POOR_RATINGS.includes(level)) continue;
      const item: Rectification = {
        id: uuidv5(`${file.state.caseNumber}:${step.id}`, RECTIFICATION_NAMESPACE),
        caseNumber: file.state.caseNumber,
        node: this.ctx.code,
        source: 'rating',
        ratingLevel: level,
        ...(typeof step.details.comment === 'string' ? { ratingComment: step.details.comment } : {}),
        openedAt: this.clock.now().toISOString(),
        dueOn: this.calendar.addWorkingDays(this.calendar.today(), this.ctx.env.TONGBAN_RECTIFICATION_DAYS),
        status: 'open',
        version: 1,
      };
      if (await this.repo.saveItem(m, item)) await this.send(m, item);
    }
  }

  /**
   * A follow-up's problem on a case this node decided opens an item (once: its id follows from the
   * follow-up's). At the city for the cases it decided itself; at any other node on the city's request.
   */
  async openForFollowUp(m: EntityManager, found: FollowUpProblem): Promise<Rectification> {
    const file = await this.cases.find(found.caseNumber, m);
    if (!file || file.state.decidingNode !== this.ctx.code) {
      throw new SupervisionEventRefusedError('回访发现的问题只能由作出决定的节点整改', `case ${found.caseNumber} was not decided at ${this.ctx.code}; it cannot rectify it`);
    }
    const id = followUpRectificationId(found.followUpId);
    const item: Rectification = {
      id,
      caseNumber: found.caseNumber,
      node: this.ctx.code,
      source: 'follow_up',
      followUpId: found.followUpId,
      problem: found.problem,
      openedAt: this.clock.now().toISOString(),
      dueOn: this.calendar.addWorkingDays(this.calendar.today(), this.ctx.env.TONGBAN_RECTIFICATION_DAYS),
      status: 'open',
      version: 1,
    };
    if (await this.repo.saveItem(m, item)) {
      await this.send(m, item);
      return item;
    }
    return (await this.repo.findItem(id, m))!;
  }

  /** At the deciding node: the city's request after a follow-up call found a problem. Only the city asks, and only of this node. */
  async receiveRequest(env: EventEnvelope<RectificationRequestedPayload>, m: EntityManager): Promise<void> {
    const { node, ...found } = env.payload;
    if (node !== this.ctx.code || found.caseNumber !== env.key) {
      throw new SupervisionEventRefusedError('整改要求不是发给本节点的', `the request for case ${found.caseNumber} is addressed to ${node}, not this node`);
    }
    await this.openForFollowUp(m, found);
  }

  private async send(m: EntityManager, item: Rectification): Promise<void> {
    const city = this.ctx.topology.city.code;
    if (city === this.ctx.code) return;
    await this.outbox.enqueue(m, [{ definition: RectificationEvent, target: city, key: item.caseNumber, payload: plainToInstance(RectificationPayload, { item }), actor: { kind: 'system', id: 'rectification' } }]);
  }

  private async loadOwn(m: EntityManager, id: string, staff: SignedInStaff): Promise<Rectification> {
    const item = await this.repo.findItem(id, m, true);
    if (!item || item.node !== this.ctx.code || !canActOnNode(staff, this.ctx.code, this.ctx.topology)) {
      throw new NotFoundError(`本节点没有整改事项 ${id}`, `there is no rectification item ${id} at this node`);
    }
    return item;
  }

  /** The node says what it did about the complaint (整改反馈). */
  async answer(id: string, content: string, staff: SignedInStaff): Promise<Rectification> {
    return this.repo.transaction(async (m) => {
      const item = await this.loadOwn(m, id, staff);
      if (item.status !== 'open') throw new SupervisionConflictError('RECTIFICATION_NOT_OPEN', '该整改事项已答复', 'the item has been answered already');
      const after: Rectification = { ...item, status: 'answered', answer: { content, at: this.clock.now().toISOString(), by: staff.id, byName: staff.name }, version: item.version + 1 };
      await this.repo.saveItem(m, after);
      await this.send(m, after);
      return after;
    });
  }

  /** The applicant's second rating after the answer; it closes the item. */
  async rerate(id: string, input: { level: string; channel: string; comment?: string }, staff: SignedInStaff): Promise<Rectification> {
    return this.repo.transaction(async (m) => {
      const item = await this.loadOwn(m, id, staff);
      if (item.status !== 'answered') {
        throw new SupervisionConflictError(
          'RECTIFICATION_NOT_ANSWERED',
          item.status === 'open' ? '整改反馈后申请人才能重新评价' : '申请人已重新评价',
          item.status === 'open' ? 'the applicant may rate again only after the rectification is answered' : 'the applicant has rated again already',
        );
      }
      const rerating: ReratingData = { level: input.level, channel: input.channel, ...(input.comment ? { comment: input.comment } : {}), at: this.clock.now().toISOString(), by: staff.id, byName: staff.name };
      const after: Rectification = { ...item, status: 'closed', rerating, version: item.version + 1 };
      await this.repo.saveItem(m, after);
      await this.send(m, after);
      return after;
    });
  }

  /** At the city: a node's item, new or changed. A node speaks only of its own items. */
  async receive(env: EventEnvelope<RectificationPayload>, m: EntityManager): Promise<void> {
    const item = env.payload.item;
    if (item.node !== env.source || item.caseNumber !== env.key) {
      throw new SupervisionEventRefusedError('节点只能报告本节点的整改事项', `node ${env.source} reported rectification ${item.id} of node ${item.node}`);
    }
    // A schema-1 item, sent before follow-ups existed, is a rating's.
    await this.repo.saveItem(m, { ...item, source: item.source ?? 'rating' } as Rectification);
  }
}
