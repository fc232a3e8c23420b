import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { applyCountyImplementation, type CatalogItemInput, type CountyImplementationInput } from '#libs/catalog';
import { CatalogReplicaService, CITY_ORIGIN, type LiveItemRow } from '#libs/catalog-replica';
import { checkMaterials, formatCaseNumber, LICENCE_KIND, localDate, missingNames, openCase } from '#libs/cases';
import { ConflictError, type FieldProblem, ValidationFailedError } from '#libs/domain';
import { NodeContext } from '#libs/node-kit';
import { CalendarService } from './calendar.service.js';
import type { CaseFile, StepActor, TimelineStep } from './case-file.js';
import { act } from './case-workflow.js';
import { CaseRepository } from './case.repository.js';
import { CaseStore } from './case-store.service.js';
import type { CompleteMaterialsDto, IntakeDto } from './dto/case-inputs.dto.js';

export class IdempotencyKeyReusedError extends ConflictError {
  override readonly code = 'IDEMPOTENCY_KEY_REUSED';
}

const problem = (field: string, rule: string, message: string, messageEn: string): FieldProblem => ({ field, rule, message, messageEn });

const OPEN_PROBLEMS: Record<string, FieldProblem> = {
  INTAKE_LEVEL_NOT_ALLOWED: problem('itemCode', 'intakeLevelAllowed', '该事项不能在本级中心收件', 'this matter may not be taken in at a centre of this level'),
  LEVEL_BELOW_INTAKE: problem('itemCode', 'decisionLevelReachable', '该事项由下级中心决定，不能在本级收件', 'this matter is decided below this centre and cannot be taken in here'),
  NOT_A_CENTRE: problem('itemCode', 'decisionLevelReachable', '本节点编码不是有效的中心编码', 'this node code is not a service centre'),
};

export interface IntakeResult {
  file: CaseFile;
  /** False when the idempotency key had already made this case (a double click): nothing new was made. */
  created: boolean;
}

/**
 * 收件: a citizen's application at this node's counter, for a matter in force in this node's applied
 * catalog. Complete materials are accepted at once (受理, the clock starts) and, when another node
 * decides, handed up in the same transaction (全程代办); missing materials get the one-time notice.
 */
@Injectable()
export class IntakeService {
  constructor(
    private readonly ctx: NodeContext,
    private readonly repo: CaseRepository,
    private readonly store: CaseStore,
    private readonly catalog: CatalogReplicaService,
    private readonly calendar: CalendarService,
  ) {}

  /** The item as this node applies it: the city's with this county's implementation list, or a county's own. */
  private async item(dto: IntakeDto): Promise<{ row: LiveItemRow; item: CatalogItemInput }> {
    const rows = await this.catalog.liveItems(dto.itemCode);
    const row = dto.origin === 'county' ? rows.find((r) => r.origin !== CITY_ORIGIN) : rows.find((r) => r.origin === CITY_ORIGIN) ?? (dto.origin ? undefined : rows[0]);
    if (!row) {
      throw new ValidationFailedError([
        problem('itemCode', 'activeInCatalog', `事项 ${dto.itemCode} 不在本节点在用的事项目录中（不存在、已暂停或已取消）`, `matter ${dto.itemCode} is not in force in this node's catalog (unknown, suspended or cancelled)`),
      ]);
    }
    const base = row.data as unknown as CatalogItemInput;
    const item = row.implementation
      ? applyCountyImplementation(base, { countyCode: this.catalog.county, ...(row.implementation as object) } as unknown as CountyImplementationInput)
      : base;
    return { row, item };
  }

  async intake(dto: IntakeDto, actor: StepActor, idempotencyKey: string): Promise<IntakeResult> {
    const hash = createHash('sha256').update(JSON.stringify(dto)).digest('hex');
    const replay = await this.replayed(idempotencyKey, actor, hash);
    if (replay) return replay;
    const { row, item } = await this.item(dto);
    const problems: FieldProblem[] = [];
    if (dto.applicant.kind === 'person' && !item.servedParties.includes('1')) {
      problems.push(problem('applicant.kind', 'servedParty', '该事项不面向自然人', 'this matter does not serve natural persons'));
    }
    if (dto.applicant.kind === 'organisation' && !item.servedParties.some((p) => p !== '1')) {
      problems.push(problem('applicant.kind', 'servedParty', '该事项只面向自然人', 'this matter serves natural persons only'));
    }
    const known = new Set(item.materials.map((m) => m.name));
    for (const [i, c] of (dto.conditions ?? []).entries()) {
      if (!known.has(c)) problems.push(problem(`conditions.${i}`, 'knownMaterial', `"${c}" 不是该事项的材料`, `"${c}" is not a material of this matter`));
    }
    const instantHere = item.caseType === '1' && item.kindCode !== LICENCE_KIND;
    if (problems.length > 0) throw new ValidationFailedError(problems);

    return this.repo.transaction(async (m) => {
      const calendar = await this.calendar.enter(m);
      const now = this.store.now();
      const day = localDate(now);
      const caseNumber = formatCaseNumber({ nodeCode: this.ctx.code, date: day, sequence: await this.repo.nextSequence(m, day) });
      const opened = openCase({ caseNumber, intakeNode: this.ctx.code, item, firstContact: actor.id });
      if (!opened.ok) throw new ValidationFailedError([OPEN_PROBLEMS[opened.problem] ?? problem('itemCode', 'openable', '该事项不能在本节点收件', 'this matter cannot be taken in here')]);
      if (instantHere && opened.state.decidingNode === this.ctx.code && dto.instantResult === undefined) {
        throw new ValidationFailedError([problem('instantResult', 'requiredForInstantMatter', '即办件当场办结，请填写结果证照名称和编号', 'an instant matter is decided on the spot: give the result document (instantResult)')]);
      }
      if (!(await this.repo.claimIntakeKey(m, idempotencyKey, actor.id, hash, caseNumber))) return { replayOf: true as const };
      const check = checkMaterials(item, dto.materials, dto.conditions ?? []);
      const file: CaseFile = {
        state: opened.state,
        record: {
          itemCode: row.code,
          itemName: item.name,
          decisionLevel: item.decisionLevel,
          itemOrigin: row.origin,
          firstContactName: actor.name,
          applicant: { ...dto.applicant },
          channel: dto.channel,
          materials: { brought: dto.materials, conditions: dto.conditions ?? [], missing: check.missing, unexpected: check.unexpected },
          receivedAt: now.toISOString(),
          committedDays: item.committedTimeLimit.days,
          documents: [],
        },
      };
      const steps: TimelineStep[] = [];
      let current = file;
      const run = (action: Parameters<typeof act>[1], input: Record<string, unknown>) => {
        const r = act(current, action, actor, input, now, calendar);
        steps.push(r.step);
        current = r.file;
      };
      if (check.complete) {
        run('intake_complete', { missing: [], channel: dto.channel });
        run('accept', {});
        if (dto.instantResult && current.state.decidingNode === this.ctx.code) {
          run('take_up_for_review', {});
          if (instantHere) run('approve', { ...dto.instantResult });
        }
      } else {
        run('intake_incomplete', { missing: missingNames(check), channel: dto.channel });
      }
      current = this.store.carryOn(current, steps, actor, calendar);
      await this.store.commit(m, undefined, current, steps, actor);
      return { file: current, created: true };
    }).then(async (r) => ('replayOf' in r ? ((await this.replayed(idempotencyKey, actor, hash)) ?? this.lost(idempotencyKey)) : r));
  }

  private lost(key: string): never {
    throw new ConflictError(`收件请求 ${key} 正在处理，请稍后刷新`, `the intake request ${key} is still being processed; reload shortly`);
  }

  /** The case an idempotency key already made, when the same request comes again. */
  private async replayed(key: string, actor: StepActor, hash: string): Promise<IntakeResult | undefined> {
    const seen = await this.repo.findIntakeKey(key);
    if (!seen) return undefined;
    if (seen.staffId !== actor.id || seen.requestHash !== hash) {
      throw new IdempotencyKeyReusedError('该幂等键已用于另一份收件，请为新的收件使用新键', 'this Idempotency-Key was used for a different intake; use a new key for a new application', {
        errors: [problem('Idempotency-Key', 'unusedKey', '幂等键已用于其他请求', 'the key was used for another request')],
      });
    }
    const file = await this.repo.find(seen.caseNumber);
    return file ? { file, created: false } : undefined;
  }

  /** 补齐材料: the applicant brings what the one-time notice listed; the same case goes on to acceptance. */
  async completeMaterials(dto: CompleteMaterialsDto, actor: StepActor, load: (m: import('typeorm').EntityManager) => Promise<CaseFile>): Promise<CaseFile> {
    return this.repo.transaction(async (m) => {
      const calendar = await this.calendar.enter(m);
      const before = await load(m);
      const { item } = await this.item({ itemCode: before.record.itemCode, origin: before.record.itemOrigin === CITY_ORIGIN ? 'city' : 'county' } as IntakeDto);
      const byName = new Map(before.record.materials.brought.map((b) => [b.name, b]));
      for (const b of dto.materials) byName.set(b.name, b);
      const brought = [...byName.values()];
      const check = checkMaterials(item, brought, before.record.materials.conditions);
      const now = this.store.now();
      let current: CaseFile = { ...before, record: { ...before.record, materials: { ...before.record.materials, brought, missing: check.missing, unexpected: check.unexpected } } };
      const steps: TimelineStep[] = [];
      const done = act(current, 'complete_materials', actor, { missing: missingNames(check), brought: dto.materials.map((b) => b.name) }, now, calendar);
      steps.push(done.step);
      current = done.file;
      const accepted = act(current, 'accept', actor, {}, now, calendar);
      steps.push(accepted.step);
      current = this.store.carryOn(accepted.file, steps, actor, calendar);
      await this.store.commit(m, before, current, steps, actor);
      return current;
    });
  }
}
