import { createHash, randomInt } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import type { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { OutboxService } from '#libs/backbone';
import { CalendarService, CaseRepository } from '#libs/case-service';
import { parseCaseNumber, pathUp } from '#libs/cases';
import { type Actor, type ComplaintChannel, ComplaintFiledEvent, ComplaintFiledPayload } from '#libs/contracts';
import { type FieldProblem, ValidationFailedError } from '#libs/domain';
import { Clock, NodeContext } from '#libs/node-kit';
import { formatComplaintNumber } from './complaint-number.js';
import { filedTarget, handlerFor } from './complaint-routing.js';
import { type Complaint, ComplaintRepository } from './complaint.repository.js';

export interface ComplaintInput {
  againstNode: string;
  caseNumber?: string;
  channel: ComplaintChannel;
  complainant: { name: string; phone: string };
  content: string;
}

/** Who took the complaint: a staff member, or the public's online form. */
export interface Taker {
  id: string;
  name: string;
  role: string;
}

export const PUBLIC_TAKER: Taker = { id: 'public', name: '社会公众（网上投诉）', role: 'public' };

/** The public secret's alphabet: no 0/O, 1/I/L, so it can be read out on the phone. */
const SECRET_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const SECRET_LENGTH = 8;

export function newSecret(): string {
  let s = '';
  for (let i = 0; i < SECRET_LENGTH; i++) s += SECRET_ALPHABET[randomInt(SECRET_ALPHABET.length)];
  return s;
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret.trim().toUpperCase()).digest('hex');
}

const problem = (field: string, rule: string, message: string, messageEn: string): FieldProblem => ({ field, rule, message, messageEn });

/**
 * 投诉受理: a complaint taken at this node, by staff or from the public online, numbered here, due
 * in TONGBAN_COMPLAINT_DAYS working days, and sent (in the same transaction) to the supervising level
 * that handles it, or to the city when there is no channel to it.
 */
@Injectable()
export class ComplaintIntakeService {
  constructor(
    private readonly ctx: NodeContext,
    private readonly repo: ComplaintRepository,
    private readonly cases: CaseRepository,
    private readonly calendar: CalendarService,
    private readonly clock: Clock,
    private readonly outbox: OutboxService,
  ) {}

  /** Staff take a complaint (at the counter, on the phone, from a letter). */
  async file(input: ComplaintInput, taker: Taker): Promise<Complaint> {
    const handler = await this.check(input);
    return this.repo.transaction((m) => this.fileIn(m, input, handler, taker));
  }

  /** The public's online form: the complaint and the secret that reads its progress (kept here only as a hash). */
  async filePublic(input: Omit<ComplaintInput, 'channel'>): Promise<{ complaint: Complaint; secret: string }> {
    const full: ComplaintInput = { ...input, channel: 'online' };
    const handler = await this.check(full);
    const secret = newSecret();
    const complaint = await this.repo.transaction((m) => this.fileIn(m, full, handler, PUBLIC_TAKER, hashSecret(secret)));
    return { complaint, secret };
  }

  /**
   * The node must be a centre of this city; a case must be a valid number and, where this node can
   * check it (the city, which has every case, or the node that took the case in), exist and concern
   * the centre complained about. Answers the handling node.
   */
  private async check(input: ComplaintInput): Promise<string> {
    const handler = handlerFor(this.ctx.topology, input.againstNode);
    if (handler === undefined) {
      throw new ValidationFailedError([
        problem('againstNode', 'isKnownCentre', `againstNode ${input.againstNode} 不是本市政务服务网络中的服务中心`, `againstNode ${input.againstNode} is not a centre of this network`),
      ]);
    }
    if (input.caseNumber === undefined) return handler;
    const parts = parseCaseNumber(input.caseNumber);
    if (!parts || !this.ctx.topology.get(parts.nodeCode)) {
      throw new ValidationFailedError([problem('caseNumber', 'isCaseNumber', 'caseNumber 不是有效的办件编号（校验位或收件节点不符）', 'caseNumber is not a valid case number (its check character or intake node is wrong)')]);
    }
    const file = await this.cases.find(input.caseNumber);
    const checkable = this.ctx.tier === 'city' || parts.nodeCode === this.ctx.code;
    if (!file) {
      if (!checkable) return handler;
      throw new ValidationFailedError([problem('caseNumber', 'caseExists', `没有编号为 ${input.caseNumber} 的办件`, `there is no case ${input.caseNumber}`)]);
    }
    if (!pathUp(file.state.intakeNode, file.state.decidingNode).includes(input.againstNode)) {
      throw new ValidationFailedError([
        problem('againstNode', 'handledTheCase', `办件 ${input.caseNumber} 未经 ${input.againstNode} 办理`, `case ${input.caseNumber} never passed through centre ${input.againstNode}`),
      ]);
    }
    return handler;
  }

  private async fileIn(m: EntityManager, input: ComplaintInput, handler: string, taker: Taker, secretHash?: string): Promise<Complaint> {
    const today = this.calendar.today();
    const number = formatComplaintNumber({ nodeCode: this.ctx.code, date: today, sequence: await this.repo.nextSequence(m, today) });
    const complaint: Complaint = {
      id: uuidv7(),
      number,
      againstNode: input.againstNode,
      ...(input.caseNumber ? { caseNumber: input.caseNumber } : {}),
      takenAtNode: this.ctx.code,
      handlingNode: handler,
      channel: input.channel,
      complainant: { name: input.complainant.name, phone: input.complainant.phone },
      content: input.content,
      receivedAt: this.clock.now().toISOString(),
      dueOn: this.calendar.addWorkingDays(today, this.ctx.env.TONGBAN_COMPLAINT_DAYS),
      takenBy: taker.id,
      takenByName: taker.name,
      status: 'open',
      version: 1,
    };
    await this.repo.insert(m, complaint, secretHash);
    await this.repo.addStep(m, {
      complaintId: complaint.id,
      at: complaint.receivedAt,
      node: this.ctx.code,
      actorId: taker.id,
      actorName: taker.name,
      action: 'filed',
      details: { channel: complaint.channel, againstNode: complaint.againstNode, handlingNode: handler, dueOn: complaint.dueOn, ...(complaint.caseNumber ? { caseNumber: complaint.caseNumber } : {}) },
    });
    const target = filedTarget(this.ctx.topology, this.ctx.code, handler);
    if (target !== undefined) {
      const actor: Actor = taker === PUBLIC_TAKER ? { kind: 'system', id: 'public-complaints' } : { kind: 'staff', id: taker.id, role: taker.role };
      await this.outbox.enqueue(m, [{ definition: ComplaintFiledEvent, target, key: complaint.number, payload: plainToInstance(ComplaintFiledPayload, { complaint: complaintData(complaint) }), actor }]);
    }
    return complaint;
  }
}

/** What travels of a complaint: everything but its status here, its answer and its secret. */
export function complaintData(c: Complaint): Record<string, unknown> {
  return {
    id: c.id,
    number: c.number,
    againstNode: c.againstNode,
    ...(c.caseNumber ? { caseNumber: c.caseNumber } : {}),
    takenAtNode: c.takenAtNode,
    handlingNode: c.handlingNode,
    channel: c.channel,
    complainant: { name: c.complainant.name, phone: c.complainant.phone },
    content: c.content,
    receivedAt: c.receivedAt,
    dueOn: c.dueOn,
    takenBy: c.takenBy,
    takenByName: c.takenByName,
  };
}
