import { Injectable } from '@nestjs/common';
import { CASE_STATUSES, isCaseNumber } from '#libs/cases';
import { NotFoundError } from '#libs/domain';
import { canActOnNode, canReadNode, type SignedInStaff } from '#libs/identity';
import { NodeContext } from '#libs/node-kit';
import type { PrintDocument } from '#libs/print';
import type { CaseFile } from './case-file.js';
import { CaseRepository } from './case.repository.js';
import { caseDetail, listedCase, timeLimitView } from './case-view.js';
import { CaseLightsService } from './case-lights.service.js';
import { layoutCaseDocument } from './documents/document-layout.js';
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
    return { items: rows.map((file) => listedCase(file, this.lights.of(file))), total, limit: q.limit, offset: q.offset };
  }

  /** 待办: cases this node holds that wait for its staff, the nearest due date first. */
  async inbox(q: { limit: number; offset: number }, staff: SignedInStaff) {
    return this.list({ ...q, status: WAITING, holder: this.ctx.code, sort: 'dueDate', order: 'asc' } as CaseListQuery, staff);
  }

  /** The case, for staff who may read cases at this node; the same "not found" otherwise. */
  private async readable(caseNumber: string, staff: SignedInStaff): Promise<CaseFile> {
    const file = await this.repo.find(caseNumber);
    if (!file || !canReadNode(staff, this.ctx.code, this.ctx.topology)) this.notFound(caseNumber);
    return file;
  }

  /** Whole ID and phone only for those acting on the case: staff of the holder or of the intake counter. */
  private worksOn(file: CaseFile, staff: SignedInStaff): boolean {
    return (file.state.holder === this.ctx.code || file.state.intakeNode === this.ctx.code) && canActOnNode(staff, this.ctx.code, this.ctx.topology);
  }

  async detail(caseNumber: string, staff: SignedInStaff) {
    const file = await this.readable(caseNumber, staff);
    return { ...caseDetail(file, await this.repo.steps(caseNumber), this.worksOn(file, staff)), timeLimit: timeLimitView(file, this.lights.of(file), await this.repo.lights(caseNumber)) };
  }

  async documents(caseNumber: string, staff: SignedInStaff) {
    return (await this.readable(caseNumber, staff)).record.documents;
  }

  private documentOf(file: CaseFile, number: string) {
    const doc = file.record.documents.find((d) => d.number === number || d.kind === number || (/^[A-Z]{2}$/.test(number) && d.number.startsWith(`${number}-`)));
    if (!doc) throw new NotFoundError(`办件 ${file.state.caseNumber} 没有文书 ${number}`, `case ${file.state.caseNumber} has no document ${number}`);
    return doc;
  }

  async document(caseNumber: string, number: string, staff: SignedInStaff) {
    return this.documentOf(await this.readable(caseNumber, staff), number);
  }

  /**
   * A document laid out for printing, by its number or kind: the centres named as the topology names
   * them; the applicant's ID whole for staff working the case (the copy handed to the applicant),
   * masked for a reader elsewhere, as the case detail shows it.
   */
  async printable(caseNumber: string, number: string, staff: SignedInStaff): Promise<PrintDocument> {
    const file = await this.readable(caseNumber, staff);
    const document = this.documentOf(file, number);
    return layoutCaseDocument({ document, file, centreName: (code) => this.ctx.topology.get(code)?.name ?? code, wholeId: this.worksOn(file, staff) });
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
