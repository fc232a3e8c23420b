/**
 * A rule the software enforces was broken. Each carries a stable code: the HTTP edge maps it to a
 * status and a readable body, and a Kafka consumer decides from it between retry and dead letter.
 */
export abstract class DomainError extends Error {
  abstract readonly code: string;
  /** HTTP status at the edge. */
  abstract readonly status: number;
  /** Whether trying again later could succeed (a Kafka consumer retries only these). */
  readonly retryable: boolean = false;

  constructor(
    /** zh-CN, shown to staff first. */
    readonly messageZh: string,
    /** English. */
    readonly messageEn: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(messageEn);
    this.name = new.target.name;
  }
}

export class NotFoundError extends DomainError {
  readonly code = 'NOT_FOUND';
  readonly status = 404;
}

export class ConflictError extends DomainError {
  readonly code: string = 'CONFLICT';
  readonly status = 409;
}

/** A conflict with its own stable code (e.g. ASSESSMENT_MONTH_CLOSED), so a client can tell the rule it ran into. */
export class CodedConflictError extends ConflictError {
  constructor(
    override readonly code: string,
    zh: string,
    en: string,
    details?: Record<string, unknown>,
  ) {
    super(zh, en, details);
  }
}

export class InvalidInputError extends DomainError {
  readonly code = 'INVALID_INPUT';
  readonly status = 400;
}

/** A field-level problem: which field, which rule, and what a person should read. */
export interface FieldProblem {
  field: string;
  rule: string;
  message: string;
  messageEn: string;
}

/** Input that breaks field rules: 400 with every problem, in the same shape as the HTTP validation pipe's. */
export class ValidationFailedError extends DomainError {
  readonly code = 'VALIDATION_FAILED';
  readonly status = 400;

  constructor(readonly problems: FieldProblem[]) {
    super('输入有误，请按提示修改后重试', 'The input is invalid; correct the fields listed and try again', { errors: problems });
  }
}
