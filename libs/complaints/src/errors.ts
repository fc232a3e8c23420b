import { ConflictError, DomainError } from '#libs/domain';

/** An event about a complaint its sender could not have sent, or that does not hold together: parked, never applied. */
export class ComplaintEventRefusedError extends DomainError {
  readonly code = 'COMPLAINT_EVENT_REFUSED';
  readonly status = 422;
}

/** Only the supervising level that handles a complaint answers it. */
export class ComplaintNotHandlerError extends DomainError {
  readonly code = 'COMPLAINT_NOT_HANDLER';
  readonly status = 403;
}

export class ComplaintAlreadyAnsweredError extends ConflictError {
  override readonly code = 'COMPLAINT_ALREADY_ANSWERED';
}
