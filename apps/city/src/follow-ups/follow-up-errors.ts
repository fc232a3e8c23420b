import { ConflictError } from '#libs/domain';

/** A follow-up rule that the request runs into (409), with its own stable code. */
export class FollowUpConflictError extends ConflictError {
  constructor(
    override readonly code: string,
    zh: string,
    en: string,
    details?: Record<string, unknown>,
  ) {
    super(zh, en, details);
  }
}
