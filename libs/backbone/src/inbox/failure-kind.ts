import { DomainError } from '#libs/domain';

/**
 * What a failure while applying an event says about the event:
 * - `infrastructure`: the database (or the way to it) failed, not the message: wait for it, count no attempt, never park;
 * - `retryable`: it may pass on another attempt: retry, then park;
 * - `permanent`: it will never pass: park at once.
 */
export type FailureKind = 'infrastructure' | 'retryable' | 'permanent';

/** SQLSTATE classes of a lost or refused connection: 08 connection exception, 57 operator intervention, 53 insufficient resources. */
const INFRA_SQLSTATE_CLASSES = new Set(['08', '57', '53']);
const INFRA_NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
const INFRA_MESSAGES = [
  /connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /connection timeout/i,
  /is not currently accepting connections/i,
  /client has encountered a connection error/i,
  /cannot use a pool after calling end/i,
  /terminating connection/i,
];

/** Classifies an error thrown while applying an event; pure, so that the rule is tested on its own. */
export function classifyFailure(err: unknown): FailureKind {
  if (err instanceof DomainError) return err.retryable ? 'retryable' : 'permanent';
  // TypeORM wraps the driver's error (QueryFailedError.driverError); pg errors carry `code`.
  for (let e: unknown = err, depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (typeof code === 'string') {
      if (/^[0-9A-Z]{5}$/.test(code) && INFRA_SQLSTATE_CLASSES.has(code.slice(0, 2))) return 'infrastructure';
      if (INFRA_NODE_CODES.has(code)) return 'infrastructure';
    }
    if (typeof message === 'string' && INFRA_MESSAGES.some((re) => re.test(message))) return 'infrastructure';
    const next = e as { driverError?: unknown; cause?: unknown };
    e = next.driverError ?? next.cause;
  }
  return 'retryable';
}
