import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { catchError, from, mergeMap, type Observable } from 'rxjs';
import { DomainError } from '#libs/domain';
import { NodeContext } from '#libs/node-kit';
import { originOf } from '../access/request-origin.js';
import type { SignedInStaff } from '../access/signed-in-staff.js';
import { AuditService } from './audit.service.js';
import { AUDITED_KEY, type AuditedOptions } from './audited.decorator.js';

type AuditedRequest = { staff?: SignedInStaff; params?: Record<string, string>; ip?: string; id?: unknown };

/** The plain fields of an answer (no lists, no nested objects), short enough for an audit row. */
function summary(result: unknown): Record<string, unknown> {
  if (typeof result !== 'object' || result === null) return {};
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(result)) {
    if (typeof v === 'string') out[k] = v.slice(0, 300);
    else if (typeof v === 'number' || typeof v === 'boolean') out[k] = v;
  }
  return out;
}

/** Carries out `@Audited(...)` on any endpoint of the node. */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly audit: AuditService,
    private readonly ctx: NodeContext,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const opts = this.reflector.get<AuditedOptions | undefined>(AUDITED_KEY, context.getHandler());
    if (!opts || context.getType() !== 'http') return next.handle();
    const req = context.switchToHttp().getRequest<AuditedRequest>();
    const write = async (outcome: 'success' | 'failure', detail: Record<string, unknown>): Promise<void> => {
      if (!req.staff) return;
      const subjectId = opts.subjectParam ? req.params?.[opts.subjectParam] : undefined;
      await this.audit.byStaff(req.staff, { action: opts.action, outcome, subjectType: opts.subjectType, subjectId, detail }, originOf(req)).catch((err: unknown) => {
        // The action has happened; a lost audit row is reported loudly rather than hiding the answer.
        this.ctx.logger.error({ err, component: 'audit', action: opts.action }, 'could not write the audit entry');
      });
    };
    return next.handle().pipe(
      mergeMap((result) => from(write('success', summary(result)).then(() => result))),
      catchError((err: unknown) => from(write('failure', { errorCode: err instanceof DomainError ? err.code : 'ERROR' }).then(() => Promise.reject(err)))),
    );
  }
}
