/**
 * Broker answers that no retry can change for this message: it is too large, its topic does not
 * exist or is not a valid name, or the broker refuses the record. Anything else (a broker down, a
 * leader moving, a timeout) is retried as before.
 */
const UNSENDABLE_TYPES = new Set(['MESSAGE_TOO_LARGE', 'RECORD_LIST_TOO_LARGE', 'INVALID_TOPIC_EXCEPTION', 'INVALID_RECORD', 'UNKNOWN_TOPIC_OR_PARTITION', 'TOPIC_AUTHORIZATION_FAILED']);

/**
 * The broker's reason why a send can never succeed (e.g. `MESSAGE_TOO_LARGE`), or undefined for a
 * failure that may pass on retry. Follows kafkajs' wrappers (`originalError`, `cause`, `errors`).
 */
export function unsendableReason(err: unknown): string | undefined {
  const seen = new Set<unknown>();
  const queue: unknown[] = [err];
  while (queue.length > 0) {
    const e = queue.shift();
    if (!e || typeof e !== 'object' || seen.has(e)) continue;
    seen.add(e);
    const { type, originalError, cause, errors } = e as { type?: unknown; originalError?: unknown; cause?: unknown; errors?: unknown };
    if (typeof type === 'string' && UNSENDABLE_TYPES.has(type)) return type;
    queue.push(originalError, cause);
    if (Array.isArray(errors)) queue.push(...errors);
  }
  return undefined;
}
