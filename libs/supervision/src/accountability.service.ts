import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { v5 as uuidv5 } from 'uuid';
import { CalendarService, CaseLightsService, CaseRepository } from '#libs/case-service';
import { type ClockLevel, localDate } from '#libs/cases';
import { ConflictError, NotFoundError, ValidationFailedError } from '#libs/domain';
import type { SignedInStaff } from '#libs/identity';
import { Clock, NodeContext } from '#libs/node-kit';
import { ACCOUNTABILITY_DECISIONS, ACCOUNTABILITY_STATUSES, type AccountabilityDecision, RESPONSIBLE_LEVELS, responsibleFor } from './accountability-rules.js';
import { type AccountabilityRecord, AccountabilityRepository } from './accountability.repository.js';
import type { SupervisionOrder } from './supervision.repository.js';

export class AccountabilityDecidedError extends ConflictError {
  override readonly code = 'ACCOUNTABILITY_ALREADY_DECIDED';
}

/** Record ids follow from the flagged order, so a replayed or concurrent sweep never makes two. */
const ACCOUNTABILITY_NAMESPACE = '3b0f6a52-8c1e-5d47-a9e2-7c4d1b6e0f93';

type CodeList = ReadonlyArray<{ code: string; zh: string; en: string }>;
const labelled = (list: CodeList, code: string) => ({ code, zh: list.find((x) => x.code === code)?.zh ?? code, en: list.find((x) => x.code === code)?.en ?? code });

export interface DecisionInput {
  decision: AccountabilityDecision;
  content: string;
  decidedOn: string;
  decidedBy: string;
}

/**
 * 问责: a supervision order flagged for a supervision recommendation (监察建议) becomes, in the same
 * transaction, an accountability record at the city: the level that spent the most working days on
 * the case (the clock's attribution), the node of that level that held it, and the staff member who
 * last acted on it there. The coordinators then record the decision taken; auditors read them all.
 */
@Injectable()
export class AccountabilityService {
  constructor(
    private readonly ctx: NodeContext,
    private readonly repo: AccountabilityRepository,
    private readonly cases: CaseRepository,
    private readonly lights: CaseLightsService,
    private readonly calendar: CalendarService,
    private readonly clock: Clock,
  ) {}

  private cityOnly(): void {
    if (this.ctx.tier !== 'city') throw new NotFoundError('问责记录只在市级中心', 'accountability records are kept at the city only');
  }

  /** In the sweep's transaction: the record of a flagged order (the one already made, on a replay). */
  async openFor(m: EntityManager, order: SupervisionOrder): Promise<AccountabilityRecord> {
    const id = uuidv5(order.id, ACCOUNTABILITY_NAMESPACE);
    const existing = await this.repo.find(id, m);
    if (existing) return existing;
    const file = await this.cases.find(order.caseNumber, m);
    const byLevel = file ? this.lights.of(file).reading?.byLevel : undefined;
    const { level, node } = responsibleFor(byLevel, file?.record.clock?.holding ?? [], file?.state.holder ?? order.holder);
    const last = await this.cases.lastStaffStep(order.caseNumber, node, m);
    const record: AccountabilityRecord = {
      id,
      orderId: order.id,
      caseNumber: order.caseNumber,
      level,
      node,
      ...(last ? { person: { id: last.actorId, name: last.actorName, role: last.actorRole, actedAt: last.at } } : {}),
      daysByLevel: Object.fromEntries(Object.entries(byLevel ?? {}).map(([k, v]) => [k, Math.round(v * 100) / 100])) as Partial<Record<ClockLevel, number>>,
      status: 'pending',
      createdAt: this.clock.now().toISOString(),
      version: 1,
    };
    await this.repo.insert(m, record);
    return record;
  }

  /** The coordinators record the decision taken about the person responsible (处理决定), once. */
  async decide(id: string, input: DecisionInput, staff: SignedInStaff) {
    this.cityOnly();
    return this.repo.transaction(async (m) => {
      const record = await this.repo.find(id, m, true);
      if (!record) throw new NotFoundError(`没有问责记录 ${id}`, `there is no accountability record ${id}`);
      if (record.status !== 'pending') {
        throw new AccountabilityDecidedError('该问责记录已有处理决定', 'a decision is recorded on this accountability record already', { decision: record.decision?.code });
      }
      if (input.decidedOn > this.calendar.today()) {
        throw new ValidationFailedError([{ field: 'decidedOn', rule: 'notInFuture', message: 'decidedOn 不能晚于今天', messageEn: 'decidedOn cannot be later than today' }]);
      }
      const opened = localDate(new Date(record.createdAt));
      if (input.decidedOn < opened) {
        throw new ValidationFailedError([{ field: 'decidedOn', rule: 'notBeforeRecord', message: `decidedOn 不能早于问责记录生成之日 ${opened}`, messageEn: `decidedOn cannot be earlier than the day the record was made, ${opened}` }]);
      }
      await this.repo.decide(m, id, {
        code: input.decision,
        content: input.content,
        decidedOn: input.decidedOn,
        decidedBy: input.decidedBy,
        recordedAt: this.clock.now().toISOString(),
        recordedBy: staff.id,
        recordedByName: staff.name,
      });
      return this.view((await this.repo.find(id, m))!);
    });
  }

  async list(q: { status?: string; node?: string; level?: string; caseNumber?: string; limit: number; offset: number }) {
    this.cityOnly();
    const page = await this.repo.list(q);
    return { total: page.total, items: page.items.map((r) => this.view(r)) };
  }

  async get(id: string) {
    this.cityOnly();
    const record = await this.repo.find(id);
    if (!record) throw new NotFoundError(`没有问责记录 ${id}`, `there is no accountability record ${id}`);
    return this.view(record);
  }

  private view(r: AccountabilityRecord) {
    return {
      id: r.id,
      orderId: r.orderId,
      caseNumber: r.caseNumber,
      level: labelled(RESPONSIBLE_LEVELS, r.level),
      node: r.node,
      nodeName: this.ctx.topology.get(r.node)?.name ?? null,
      person: r.person ?? null,
      daysByLevel: r.daysByLevel,
      status: labelled(ACCOUNTABILITY_STATUSES, r.status),
      decision: r.decision
        ? {
            decision: labelled(ACCOUNTABILITY_DECISIONS, r.decision.code),
            content: r.decision.content,
            decidedOn: r.decision.decidedOn,
            decidedBy: r.decision.decidedBy,
            recordedAt: r.decision.recordedAt,
            recordedBy: { id: r.decision.recordedBy, name: r.decision.recordedByName },
          }
        : null,
      createdAt: r.createdAt,
    };
  }
}
