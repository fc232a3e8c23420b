import { SetMetadata } from '@nestjs/common';

export const AUDITED_KEY = 'tongban:audited';

export interface AuditedOptions {
  action: string;
  subjectType?: string;
  /** The route parameter naming the subject (e.g. `id`). */
  subjectParam?: string;
}

/**
 * Writes an audit entry for each call of the endpoint, after it answers: the signed-in staff member,
 * the acting role, the subject, success or failure, and the answer's plain fields as detail.
 */
export const Audited = (action: string, opts: Omit<AuditedOptions, 'action'> = {}): MethodDecorator => SetMetadata(AUDITED_KEY, { action, ...opts });
