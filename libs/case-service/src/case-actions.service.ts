import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { WorkingCalendar } from '#libs/calendar';
import { CaseRequestPayload } from '#libs/contracts';
import { type CaseAction, CaseRuleError, refusal, refusalFor } from '#libs/cases';
import { NotFoundError } from '#libs/domain';
import { BackupLookup, canActOnNode, type SignedInStaff } from '#libs/identity';
import { NodeContext } from '#libs/node-kit';
import { CalendarService } from './calendar.service.js';
import type { CaseFile, StepActor, TimelineStep } from './case-file.js';
import { act, note } from './case-workflow.js';
import { CaseRepository } from './case.repository.js';
import { CaseStore, CaseVersionConflictError } from './case-store.service.js';
import type { CompleteMaterialsDto } from './dto/case-inputs.dto.js';
import { IntakeService } from './intake.service.js';

/** Actions that start at the intake counter and are decided by the holder, wherever it is. */
const REQUESTS = ['request_withdrawal', 'correction_received'] as const;
type RequestAction = (typeof REQUESTS)[number];
const isRequest = (a: CaseAction): a is RequestAction => (REQUESTS as readonly string[]).includes(a);

export interface ActionAnswer {
  file: CaseFile;
  /** For a request sent to another node: the timeline entry recorded here; the holder decides. */
  sentTo?: string;
  steps: TimelineStep[];
}

/**
 * What staff do to a case at this node. The holder's staff change it (the rules check the person);
 * a request from the intake counter for a case held elsewhere travels to the holder as an event.
 */
@Injectable()
export class CaseActionsService {
  constructor(
    private readonly ctx: NodeContext,
    private readonly repo: CaseRepository,
    private readonly store: CaseStore,
    private readonly intake: IntakeService,
    private readonly backups: BackupLookup,
    private readonly calendar: CalendarService,
  ) {}

  async actorOf(staff: SignedInStaff): Promise<StepActor> {
    return { id: staff.id, name: staff.name, role: staff.actingRole, node: staff.node, backupOf: await this.backups.backedUpBy(staff.id) };
  }

  private async load(m: EntityManager, caseNumber: string, expectedVersion?: number): Promise<CaseFile> {
    const file = await this.repo.find(caseNumber, m);
    if (!file) throw new NotFoundError(`本节点没有办件 ${caseNumber}`, `there is no case ${caseNumber} at this node`);
    if (expectedVersion !== undefined && file.state.version !== expectedVersion) throw new CaseVersionConflictError(caseNumber);
    return file;
  }

  /** Only the holder's own staff change a case (the city coordinator acts through supervision, not here). */
  private mayChange(staff: SignedInStaff, file: CaseFile): void {
    if (file.state.holder !== this.ctx.code || !canActOnNode(staff, file.state.holder, this.ctx.topology)) {
      throw new CaseRuleError(refusal('CASE_NOT_HOLDER', { holder: file.state.holder }));
    }
  }

  /**
   * A decision (or withdrawal) on a case already decided is refused as such wherever it is asked, as
   * the rules rank it: the node that decided may have sent the result down meanwhile, and "not the
   * holder" would wrongly tell the loser of two simultaneous decisions to ask the intake counter.
   */
  private refuseIfDecided(file: CaseFile, action: CaseAction): void {
    const settled = refusalFor(file.state.status, action);
    if (settled?.code === 'CASE_ALREADY_DECIDED') throw new CaseRuleError(refusal(settled.code, { status: file.state.status, action }));
  }

  async completeMaterials(caseNumber: string, dto: CompleteMaterialsDto, staff: SignedInStaff): Promise<CaseFile> {
    const actor = await this.actorOf(staff);
    return this.intake.completeMaterials(dto, actor, async (m) => {
      const file = await this.load(m, caseNumber, dto.expectedVersion);
      this.mayChange(staff, file);
      return file;
    });
  }

  async perform(caseNumber: string, action: CaseAction, input: Record<string, unknown>, staff: SignedInStaff, expectedVersion?: number): Promise<ActionAnswer> {
    const actor = await this.actorOf(staff);
    return this.repo.transaction((m) => this.performIn(m, caseNumber, action, input, staff, actor, expectedVersion));
  }

  /** `perform` inside the caller's transaction (the rating screen spends its ticket in the same one). */
  async performIn(m: EntityManager, caseNumber: string, action: CaseAction, input: Record<string, unknown>, staff: SignedInStaff, actor: StepActor, expectedVersion?: number): Promise<ActionAnswer> {
    const calendar = await this.calendar.enter(m);
    const before = await this.load(m, caseNumber, expectedVersion);
    this.refuseIfDecided(before, action);
    if (isRequest(action) && before.state.holder !== this.ctx.code) return this.sendRequest(m, before, action, input, actor, staff, calendar);
    this.mayChange(staff, before);
    const done = act(before, action, actor, input, this.store.now(), calendar);
    const steps = [done.step];
    const after = this.store.carryOn(done.file, steps, actor, calendar);
    await this.store.commit(m, before, after, steps, actor);
    return { file: after, steps };
  }

  /**
   * Would `action` by `staff` be allowed on the case now? Checked as the action itself would be (the
   * holder, the person, the status), throwing its refusal; nothing is written.
   */
  async check(m: EntityManager, caseNumber: string, action: CaseAction, input: Record<string, unknown>, staff: SignedInStaff): Promise<CaseFile> {
    const actor = await this.actorOf(staff);
    const calendar = await this.calendar.enter(m);
    const file = await this.load(m, caseNumber);
    this.mayChange(staff, file);
    act(file, action, actor, input, this.store.now(), calendar);
    return file;
  }

  /**
   * At the intake counter, for a case another node holds: the rules are checked against this node's
   * copy (who may ask, and whether the case can still take the request), then the request travels.
   */
  private async sendRequest(m: EntityManager, file: CaseFile, action: RequestAction, input: Record<string, unknown>, actor: StepActor, staff: SignedInStaff, calendar: WorkingCalendar): Promise<ActionAnswer> {
    if (file.state.intakeNode !== this.ctx.code || !canActOnNode(staff, this.ctx.code, this.ctx.topology)) {
      throw new CaseRuleError(refusal('CASE_NOT_INTAKE_NODE', { intakeNode: file.state.intakeNode }));
    }
    // A dry run against the copy here: who may ask, and whether the case can still take the request.
    // The copy may lag behind the holder's (a correction notice on its way): an undecided case's
    // status is the holder's to judge, and a refusal comes back in the timeline.
    try {
      act(file, action, actor, input, this.store.now(), calendar);
    } catch (err) {
      if (!(err instanceof CaseRuleError && err.code === 'CASE_ACTION_NOT_ALLOWED' && file.state.outcome === undefined)) throw err;
    }
    const step = note(file, 'request_sent', actor, { action, input, to: file.state.holder }, this.store.now());
    const payload = Object.assign(new CaseRequestPayload(), { caseNumber: file.state.caseNumber, action, input, actor: { id: actor.id, name: actor.name, role: actor.role, backupOf: [...actor.backupOf] }, step });
    await this.repo.addSteps(m, file.state.caseNumber, [step]);
    if (!(await this.store.request(m, file.state.holder, payload, actor))) {
      throw new CaseRuleError(refusal('CASE_NOT_HOLDER', { holder: file.state.holder }));
    }
    return { file, sentTo: file.state.holder, steps: [step] };
  }
}
