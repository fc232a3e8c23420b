import { Injectable } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { OutboxService } from '#libs/backbone';
import { RectificationRequestedEvent, RectificationRequestedPayload } from '#libs/contracts';
import { NotFoundError, ValidationFailedError } from '#libs/domain';
import type { SignedInStaff } from '#libs/identity';
import { Clock, NodeContext } from '#libs/node-kit';
import { followUpRectificationId, type Rectification, RectificationService, SupervisionRepository } from '#libs/supervision';
import { FollowUpConflictError } from './follow-up-errors.js';
import { type FollowUp, type FollowUpCall, FollowUpsRepository } from './follow-ups.repository.js';

export interface CallResult {
  reached: boolean;
  satisfied?: boolean;
  problems?: string;
  note?: string;
  calledAt: string;
}

/** A call may be recorded a few minutes ahead of the server's clock (a desk clock that runs fast), not more. */
const CLOCK_TOLERANCE_MS = 5 * 60 * 1000;

/**
 * The follow-up call's result (回访结果). A call that does not reach the applicant is recorded and the
 * follow-up stays open for another; the call that reaches them is the result. A problem found opens a
 * rectification item (整改) at the node that decided the case: the city's own at once, any other's by
 * asking it (`rectification.requested`), since the city writes no other node's data.
 */
@Injectable()
export class FollowUpResultService {
  constructor(
    private readonly ctx: NodeContext,
    private readonly repo: FollowUpsRepository,
    private readonly rectification: RectificationService,
    private readonly rectifications: SupervisionRepository,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
  ) {}

  async record(id: string, input: CallResult, staff: SignedInStaff): Promise<FollowUp & { rectification?: Rectification }> {
    return this.repo.transaction(async (m) => {
      const item = await this.repo.findItem(id, m, true);
      if (!item) throw new NotFoundError(`没有回访事项 ${id}`, `there is no follow-up ${id}`);
      if (item.status === 'completed') {
        throw new FollowUpConflictError('FOLLOW_UP_COMPLETED', '该回访已有结果，不能再次记录', 'the follow-up has its result already', { followUp: item });
      }
      const draw = (await this.repo.findDraw(item.month, m))!;
      this.checkCalledAt(input.calledAt, draw.drawnAt);
      const problems = input.problems?.trim() ? input.problems.trim() : undefined;
      const call: FollowUpCall = {
        reached: input.reached,
        ...(input.satisfied !== undefined ? { satisfied: input.satisfied } : {}),
        ...(problems ? { problems } : {}),
        ...(input.note?.trim() ? { note: input.note.trim() } : {}),
        calledAt: new Date(input.calledAt).toISOString(),
        recordedAt: this.clock.now().toISOString(),
        by: staff.id,
        byName: staff.name,
      };
      const after: FollowUp = {
        ...item,
        calls: [...item.calls, call],
        status: call.reached ? 'completed' : 'unreached',
        ...(call.reached ? { result: call } : {}),
        problemFound: problems !== undefined,
        ...(problems ? { rectificationId: followUpRectificationId(item.id) } : {}),
      };
      await this.repo.saveCall(m, after);
      if (!problems) return after;
      const found = { followUpId: item.id, caseNumber: item.caseNumber, problem: problems, calledAt: call.calledAt, requestedBy: staff.id, requestedByName: staff.name };
      if (item.decidingNode === this.ctx.code) return { ...after, rectification: await this.rectification.openForFollowUp(m, found) };
      await this.outbox.enqueue(m, [
        {
          definition: RectificationRequestedEvent,
          target: item.decidingNode,
          key: item.caseNumber,
          payload: plainToInstance(RectificationRequestedPayload, { ...found, node: item.decidingNode }),
          actor: { kind: 'staff', id: staff.id, role: staff.actingRole },
        },
      ]);
      return after;
    });
  }

  /** A follow-up with the rectification item its problem opened, as the city has it (once the node has sent it). */
  async get(id: string): Promise<FollowUp & { rectification?: Rectification }> {
    const item = await this.repo.findItem(id);
    if (!item) throw new NotFoundError(`没有回访事项 ${id}`, `there is no follow-up ${id}`);
    const rectification = item.rectificationId ? await this.rectifications.findItem(item.rectificationId) : undefined;
    return { ...item, ...(rectification ? { rectification } : {}) };
  }

  /** A call is made after the case was drawn and before now. */
  private checkCalledAt(calledAt: string, drawnAt: string): void {
    const at = new Date(calledAt).getTime();
    const problem = (zh: string, en: string) => new ValidationFailedError([{ field: 'calledAt', rule: 'callTime', message: zh, messageEn: en }]);
    if (at > this.clock.now().getTime() + CLOCK_TOLERANCE_MS) throw problem('calledAt 不能晚于当前时间', 'calledAt cannot be in the future');
    if (at < new Date(drawnAt).getTime()) throw problem('calledAt 不能早于抽取时间', `calledAt cannot be before the case was drawn (${drawnAt})`);
  }
}
