import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { WorkingCalendar } from '#libs/calendar';
import type { CaseRequestPayload, CaseStepPayload, EventEnvelope } from '#libs/contracts';
import { CaseRuleError, parseCaseNumber, pathUp } from '#libs/cases';
import { DomainError } from '#libs/domain';
import { NodeContext } from '#libs/node-kit';
import { CalendarService } from './calendar.service.js';
import { withDeadline } from './case-deadline.js';
import { type CaseFile, type StepActor, systemActor, type TimelineStep } from './case-file.js';
import { checkCaseStepEvent, checkReportedSteps, refuseCaseEvent } from './case-step-check.js';
import { act, note } from './case-workflow.js';
import { CaseRepository } from './case.repository.js';
import { CaseStore } from './case-store.service.js';
import { CaseHooks } from './case-hooks.js';

/** An event that builds on one still on its way over another link: tried again shortly. */
export class CaseEventEarlyError extends DomainError {
  readonly code = 'CASE_EVENT_EARLY';
  readonly status = 409;
  override readonly retryable = true;
}

const refuse = refuseCaseEvent;

/**
 * Applies what other nodes say about cases. The sender is known from the topic; what it may say
 * follows from the case: only a node on the case's path speaks of it, only of steps it took itself,
 * and only the holder (at the version the step starts from) moves the case on. A copy this node
 * holds is changed by nobody else.
 */
@Injectable()
export class CaseSyncService {
  constructor(
    private readonly ctx: NodeContext,
    private readonly repo: CaseRepository,
    private readonly store: CaseStore,
    private readonly hooks: CaseHooks,
    private readonly calendar: CalendarService,
  ) {}

  /**
   * A `case.step` addressed to this node (`observed` false) or seen by the city between two others.
   * The copy is kept with its due date read on this node's calendar (the sender may not have applied
   * the latest calendar amendment yet).
   */
  async receiveStep(env: EventEnvelope<CaseStepPayload>, m: EntityManager, observed: boolean): Promise<void> {
    const calendar = await this.calendar.enter(m);
    const { file: incoming, path, steps, base } = checkCaseStepEvent(env);
    if (!observed && !path.includes(this.ctx.code) && this.ctx.tier !== 'city') refuse('本节点不在该办件的办理路径上', 'this node is not on the case\'s path');
    const caseNumber = incoming.state.caseNumber;
    const local = await this.repo.find(caseNumber, m);
    let stored: CaseFile | undefined;
    if (base !== undefined) {
      if (local === undefined) {
        if (env.source !== incoming.state.intakeNode) throw new CaseEventEarlyError('办件的前序步骤尚未到达', `the earlier steps of case ${caseNumber} have not arrived yet`);
      } else if (local.state.version < base) {
        throw new CaseEventEarlyError('办件的前序步骤尚未到达', `case ${caseNumber} is at version ${local.state.version} here; the steps start from ${base}`);
      } else if (local.state.version === base && local.state.holder !== env.source) {
        refuse('只有承办节点可以改变办件', `node ${env.source} changed case ${caseNumber} held by ${local.state.holder}`);
      }
      if (local !== undefined && local.state.holder === this.ctx.code && incoming.state.version > local.state.version) {
        refuse('本节点承办的办件不能被其他节点改变', `node ${env.source} changed case ${caseNumber}, which this node holds`);
      }
      const copy = withDeadline(incoming, calendar, this.store.now());
      // A case handed to this node is signed for in the same write: the copy is stored once, as
      // signed, with the arrived steps and the signing in one insert (the most common arrival).
      if (!observed && this.handedHere(copy)) {
        const signed = this.signFor(copy, calendar);
        if (await this.repo.upsertCopy(m, signed.after)) {
          await this.repo.addSteps(m, caseNumber, [...steps, ...signed.steps]);
          await this.store.announce(m, signed.after, signed.steps, signed.actor, env.id);
          await this.hooks.changed(m, signed.after, [...steps, ...signed.steps], true);
          return;
        }
      }
      // Stored only if newer than the copy here; then it is the copy, and need not be read back.
      if (await this.repo.upsertCopy(m, copy)) stored = copy;
    } else if (local === undefined) {
      throw new CaseEventEarlyError('办件尚未到达', `case ${caseNumber} has not arrived yet`);
    }
    await this.repo.addSteps(m, caseNumber, steps);
    const current = stored ?? (await this.repo.find(caseNumber, m))!;
    // A case handed here is signed for at once; the followers (lights, monitor, rectification) then
    // see the arrived steps and the signing together, once, with the case as it ends up.
    if (!observed && this.handedHere(current)) await this.acknowledge(m, current, env.id, calendar, steps);
    else await this.hooks.changed(m, current, steps, false);
  }

  private handedHere(current: CaseFile): boolean {
    const s = current.state;
    return s.holder === this.ctx.code && (s.status === 'in_transit_up' || s.status === 'result_in_transit_down');
  }

  /** 签收 and what follows by itself at this node: the case as it ends up, the steps taken, by whom. */
  private signFor(current: CaseFile, calendar: WorkingCalendar): { after: CaseFile; steps: TimelineStep[]; actor: StepActor } {
    const s = current.state;
    // The node signs for it on arrival, for whoever will work it here (the first-contact clerk, for a result).
    const actor = { ...systemActor(this.ctx.code), backupOf: s.handler === undefined ? [] : [s.handler] };
    const acked = act(current, 'acknowledge', actor, {}, this.store.now(), calendar);
    const steps = [acked.step];
    const after = this.store.carryOn(acked.file, steps, actor, calendar);
    return { after, steps, actor };
  }

  /** 签收: a case handed up to this node, or a result sent down to it, is acknowledged on arrival. */
  private async acknowledge(m: EntityManager, current: CaseFile, causationId: string, calendar: WorkingCalendar, arrived: readonly TimelineStep[]): Promise<void> {
    const signed = this.signFor(current, calendar);
    await this.store.commit(m, current, signed.after, signed.steps, signed.actor, causationId, arrived);
  }

  /** A request from the intake counter: applied here if this node holds the case, else passed on to the holder. */
  async receiveRequest(env: EventEnvelope<CaseRequestPayload>, m: EntityManager, observed: boolean): Promise<void> {
    const calendar = await this.calendar.enter(m);
    const p = env.payload;
    if (p.caseNumber !== env.key) refuse('事件键与办件编号不符', `the event key ${env.key} is not the case number ${p.caseNumber}`);
    const intake = parseCaseNumber(p.caseNumber)?.nodeCode;
    if (intake === undefined) refuse('办件编号无效', `${p.caseNumber} is not a valid case number`);
    const local = await this.repo.find(p.caseNumber, m);
    if (env.source !== intake) {
      // Passed on by a node the case moved through (the county, for a case now at the city).
      if (local === undefined) throw new CaseEventEarlyError('办件尚未到达本节点', `case ${p.caseNumber} has not arrived here yet`);
      if (!pathUp(local.state.intakeNode, local.state.decidingNode).includes(env.source)) {
        refuse('只有收件节点或办件途经的节点可以转交请求', `node ${env.source} neither took case ${p.caseNumber} in nor handled it`);
      }
    }
    checkReportedSteps([p.step], intake!);
    if (p.step.action !== 'request_sent') refuse('请求事件只能带请求步骤', 'a request carries its request_sent step only');
    if (observed) {
      if (local === undefined) throw new CaseEventEarlyError('办件尚未到达', `case ${p.caseNumber} has not arrived yet`);
      await this.repo.addSteps(m, p.caseNumber, [p.step as TimelineStep]);
      return;
    }
    if (local === undefined) throw new CaseEventEarlyError('办件尚未到达本节点', `case ${p.caseNumber} has not arrived here yet`);
    if (local.state.holder !== this.ctx.code) {
      // The case moved on (handed up further) while the request travelled: pass it to the holder.
      if (await this.store.request(m, local.state.holder, p, systemActor(this.ctx.code), env.id)) {
        await this.repo.addSteps(m, p.caseNumber, [p.step as TimelineStep]);
        return;
      }
      refuse('办件不在本节点，且无法转交承办节点', `case ${p.caseNumber} is not held here and its holder cannot be reached from here`);
    }
    const actor = { id: p.actor.id, name: p.actor.name, role: p.actor.role, node: intake!, backupOf: p.actor.backupOf };
    const requestStep = p.step as TimelineStep;
    try {
      const done = act(local, p.action, actor, p.input, this.store.now(), calendar);
      const steps = [done.step];
      const after = this.store.carryOn(done.file, steps, systemActor(this.ctx.code), calendar);
      // The request's own entry is the intake node's: kept here, not announced again as this node's step.
      await this.repo.addSteps(m, p.caseNumber, [requestStep]);
      await this.store.commit(m, local, after, steps, actor, env.id);
    } catch (err) {
      if (!(err instanceof CaseRuleError)) throw err;
      // Refused by the rules: the intake counter is told why, in the timeline.
      const refused = note(local, 'request_refused', systemActor(this.ctx.code), { action: p.action, code: err.code, message: err.messageZh, messageEn: err.messageEn }, this.store.now());
      await this.repo.addSteps(m, p.caseNumber, [requestStep, refused]);
      await this.store.announce(m, local, [refused], systemActor(this.ctx.code), env.id);
    }
  }
}
