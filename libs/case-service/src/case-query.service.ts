import { Injectable } from '@nestjs/common';
import { CASE_STATUSES, isCaseNumber } from '#libs/cases';
import { NotFoundError } from '#libs/domain';
import { canActOnNode, canReadNode, type SignedInStaff } from '#libs/identity';
import { NodeContext } from '#libs/node-kit';
import { CaseRepository } from './case.repository.js';
import { caseDetail, caseSummary, timeLimitView } from './case-view.js';
import { CaseLightsService } from './case-lights.service.js';
import type { CaseListQuery } from './dto/case-query.dto.js';

/** Statuses in which a case waits for the holder's staff (the county operator's inbox). */
const WAITING = ['accepted', 'in_transit_up', 'under_review', 'awaiting_correction', 'special_procedure', 'awaiting_delivery', 'materials_complete', 'awaiting_materials'];

/** What staff and the public read of the cases at this node. */
@Injectable()
export class CaseQueryService {
  constructor(
    private readonly ctx: NodeContext,
    private readonly repo: CaseRepository,
    private readonly lights: CaseLightsService,
  ) {}

  private notFound(caseNumber: string): never {
    throw new NotFoundError(`本节点没有办件 ${caseNumber}`, `there is no case ${caseNumber} at this node`);
  }

  async list(q: CaseListQuery, staff: SignedInStaff) {
    if (!canReadNode(staff, this.ctx.code, this.ctx.topology)) return { items: [], total: 0 };
    const { rows, total } = await this.repo.list({ ...q, status: q.status });
    // The lights as the node's sweep stored them (红黄绿灯), for the list's light column.
    return { items: rows.map((r) => ({ ...caseSummary(r), light: r.light, stepLight: r.stepLight })), total, limit: q.limit, offset: q.offset };
  }

  /** 待办: cases this node holds that wait for its staff, the nearest due date first. */
  async inbox(q: { limit: number; offset: number }, staff: SignedInStaff) {
    return this.list({ ...q, status: WAITING, holder: this.ctx.code, sort: 'dueDate', order: 'asc' } as CaseListQuery, staff);
  }

  async detail(caseNumber: string, staff: SignedInStaff) {
    const file = await this.repo.find(caseNumber);
    if (!file || !canReadNode(staff, this.ctx.code, this.ctx.topology)) this.notFound(caseNumber);
    // Whole ID and phone only for those acting on the case: staff of the holder or of the intake counter.
    const whole = (file.state.holder === this.ctx.code || file.state.intakeNode === this.ctx.code) && canActOnNode(staff, this.ctx.code, this.ctx.topology);
    return { ...caseDetail(file, await this.repo.steps(caseNumber), whole), timeLimit: timeLimitView(file, this.lights.of(file), await this.repo.lights(caseNumber)) };
  }

  async documents(caseNumber: string, staff: SignedInStaff) {
    const file = await this.repo.find(caseNumber);
    if (!file || !canReadNode(staff, this.ctx.code, this.ctx.topology)) this.notFound(caseNumber);
    return file.record.documents;
  }

  async document(caseNumber: string, number: string, staff: SignedInStaff) {
    const doc = (await this.documents(caseNumber, staff)).find((d) => d.number === number || d.kind === number);
    if (!doc) throw new NotFoundError(`办件 ${caseNumber} 没有文书 ${number}`, `case ${caseNumber} has no document ${number}`);
    return doc;
  }

  /**
   * 办件进度查询 for the applicant: the case number and the last six characters of the ID it was made
   * with. Any mismatch answers the same "not found", so the lookup tells nothing about other cases.
   */
  async progress(caseNumber: string, idTail: string) {
    const file = isCaseNumber(caseNumber) ? await this.repo.find(caseNumber) : undefined;
    const ids = file ? [file.record.applicant.idNumber, file.record.applicant.contactIdNumber].filter((x): x is string => typeof x === 'string') : [];
    if (!file || !ids.some((id) => id.slice(-6).toUpperCase() === idTail.toUpperCase())) {
      throw new NotFoundError('未找到该办件，请核对办件编号和证件号码后六位', 'no case matches this number and ID ending; check both');
    }
    const status = CASE_STATUSES.find((s) => s.code === file.state.status)!;
    return {
      caseNumber: file.state.caseNumber,
      itemName: file.record.itemName,
      status: { code: status.code, zh: status.zh, en: status.en },
      receivedAt: file.record.receivedAt,
      acceptedAt: file.record.acceptedAt ?? null,
      dueDate: file.record.dueDate ?? null,
      decidedAt: file.record.decidedAt ?? null,
      outcome: file.state.outcome ?? null,
      missingMaterials: file.state.status === 'awaiting_materials' ? (file.state.oneTimeNotice ?? []) : [],
      correctionItems: file.state.status === 'awaiting_correction' ? (file.state.correction ?? []) : [],
    };
  }
}
