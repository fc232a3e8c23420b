import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { maskResidentIdsInText } from '#libs/domain';
import { NodeContext, storableText } from '#libs/node-kit';
import type { SignedInStaff } from '../access/signed-in-staff.js';
import { type AuditEntry, type AuditFilter, type AuditRecord, AuditRepository } from './audit.repository.js';

/** Where a request came from, kept with each audit entry. */
export interface RequestOrigin {
  ip?: string;
  requestId?: string;
}

export type AuditInput = Omit<AuditEntry, 'node' | 'actorId' | 'actorLogin' | 'actorRole' | 'ip' | 'requestId'>;

/**
 * 责任追究制: every sign-in, failure, lock-out, staff change and operator action is written to the
 * node's append-only audit log, attributed to one person and the role they acted in.
 */
@Injectable()
export class AuditService {
  constructor(
    private readonly ctx: NodeContext,
    private readonly repo: AuditRepository,
  ) {}

  /** An entry by a signed-in staff member, in the caller's transaction when one is given. */
  byStaff(staff: SignedInStaff, entry: AuditInput, origin: RequestOrigin = {}, m?: EntityManager): Promise<string> {
    return this.write({ ...entry, actorId: staff.id, actorLogin: staff.login, actorRole: staff.actingRole }, origin, m);
  }

  /** An entry with no signed-in actor: a sign-in attempt (the claimed login is kept), or a system step. */
  anonymous(entry: AuditInput & { actorId?: string | null; actorLogin?: string | null; actorRole?: string | null }, origin: RequestOrigin = {}, m?: EntityManager): Promise<string> {
    return this.write(entry, origin, m);
  }

  /** Entries as a reader sees them: a resident ID as subject or claimed login is masked (the row keeps it, and a filter may name it whole). */
  async query(filter: AuditFilter, limit: number, offset: number): Promise<{ items: AuditRecord[]; total: number }> {
    const { items, total } = await this.repo.query(filter, limit, offset);
    const mask = (t: string | null): string | null => (t === null ? null : maskResidentIdsInText(t));
    return { items: items.map((e) => ({ ...e, subjectId: mask(e.subjectId), actorLogin: mask(e.actorLogin) })), total };
  }

  private write(entry: Omit<AuditEntry, 'node'>, origin: RequestOrigin, m?: EntityManager): Promise<string> {
    // Identity numbers have no place in an audit detail; mask any that slipped in.
    const detail = entry.detail ? (JSON.parse(maskResidentIdsInText(JSON.stringify(entry.detail))) as Record<string, unknown>) : undefined;
    // A subject comes from the request path: keep what PostgreSQL cannot store from failing the entry.
    const subjectId = typeof entry.subjectId === 'string' ? storableText(entry.subjectId) : entry.subjectId;
    return this.repo.insert({ ...entry, subjectId, detail, node: this.ctx.code, ip: origin.ip ?? null, requestId: origin.requestId ?? null }, m);
  }
}
