import { Injectable } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import type { EntityManager } from 'typeorm';
import type { WorkingCalendar } from '#libs/calendar';
import { type Actor, CaseRequestEvent, CaseRequestPayload, CaseStepEvent, CaseStepPayload, hasChannel } from '#libs/contracts';
import { isOutcome, pathUp } from '#libs/cases';
import { ConflictError } from '#libs/domain';
import { Clock, NodeContext } from '#libs/node-kit';
import { OutboxService } from '#libs/backbone';
import type { CaseFile, StepActor, TimelineStep } from './case-file.js';
import { act } from './case-workflow.js';
import { CaseRepository } from './case.repository.js';
import { CaseHooks } from './case-hooks.js';

/** Two actions on one case at once: the first wins, the other is answered with this and applies nothing. */
export class CaseVersionConflictError extends ConflictError {
  override readonly code = 'CASE_VERSION_CONFLICT';
  override readonly retryable = true;

  constructor(caseNumber: string) {
    super(`办件 ${caseNumber} 刚被他人修改，请刷新后重试`, `case ${caseNumber} was changed by someone else meanwhile; reload it and try again`, { caseNumber });
  }
}

/** The envelope's actor for a step: the staff member, or the node itself. */
export function envelopeActor(actor: StepActor): Actor {
  return actor.id === 'system' ? { kind: 'system', id: 'case-service' } : { kind: 'staff', id: actor.id, role: actor.role };
}

/**
 * Stores a case change and announces it, in the caller's transaction: the state written only if no
 * one changed it since it was read, the timeline entries, and one `case.step` event to every other
 * node on the case's path (the city observes those links; it is sent the event itself when no other
 * node is on the path).
 */
@Injectable()
export class CaseStore {
  constructor(
    private readonly ctx: NodeContext,
    private readonly repo: CaseRepository,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
    private readonly hooks: CaseHooks,
  ) {}

  now(): Date {
    return this.clock.now();
  }

  /** The other nodes that follow a case: its path from intake to decider, or the city alone. */
  recipients(file: CaseFile): string[] {
    const path = pathUp(file.state.intakeNode, file.state.decidingNode).filter((n) => n !== this.ctx.code);
    if (path.length > 0) return path;
    const city = this.ctx.topology.city.code;
    return city !== this.ctx.code ? [city] : [];
  }

  /**
   * The steps that follow by themselves at this node: a matter this node does not decide is handed
   * up once accepted (全程代办); a decision made away from the intake counter is sent back down to it.
   */
  carryOn(file: CaseFile, steps: TimelineStep[], actor: StepActor, calendar: WorkingCalendar): CaseFile {
    let current = file;
    for (;;) {
      const s = current.state;
      if (s.holder !== this.ctx.code) return current;
      let next: ReturnType<typeof act> | undefined;
      if (s.status === 'accepted' && s.decidingNode !== this.ctx.code) next = act(current, 'hand_up', actor, {}, this.now(), calendar);
      else if (isOutcome(s.status) && s.intakeNode !== this.ctx.code) next = act(current, 'send_result_down', actor, {}, this.now(), calendar);
      if (!next) return current;
      steps.push(next.step);
      current = next.file;
    }
  }

  /**
   * `arrived`: steps another node reported in the same transaction, stored already and not announced
   * again, which the followers of cases are shown with these (a case signed for on arrival).
   */
  async commit(m: EntityManager, before: CaseFile | undefined, after: CaseFile, steps: TimelineStep[], actor: StepActor, causationId?: string, arrived: readonly TimelineStep[] = []): Promise<void> {
    if (before === undefined) await this.repo.insert(m, after);
    else if (!(await this.repo.update(m, after, before.state.version))) throw new CaseVersionConflictError(after.state.caseNumber);
    await this.repo.addSteps(m, after.state.caseNumber, steps);
    await this.announce(m, after, steps, actor, causationId);
    await this.hooks.changed(m, after, arrived.length > 0 ? [...arrived, ...steps] : steps, true);
  }

  async announce(m: EntityManager, file: CaseFile, steps: TimelineStep[], actor: StepActor, causationId?: string): Promise<void> {
    const payload = plainToInstance(CaseStepPayload, { state: file.state, record: file.record, steps });
    await this.outbox.enqueue(
      m,
      this.recipients(file).map((target) => ({
        definition: CaseStepEvent,
        target,
        key: file.state.caseNumber,
        payload,
        actor: envelopeActor(actor),
        causationId,
      })),
    );
  }

  /** Sends a request from the intake counter (or passes one on) to the node holding the case. */
  async request(m: EntityManager, to: string, payload: CaseRequestPayload, actor: StepActor, causationId?: string): Promise<boolean> {
    if (!hasChannel(this.ctx.topology, this.ctx.code, to)) return false;
    await this.outbox.enqueue(m, [
      { definition: CaseRequestEvent, target: to, key: payload.caseNumber, payload: plainToInstance(CaseRequestPayload, payload), actor: envelopeActor(actor), causationId },
    ]);
    return true;
  }
}
