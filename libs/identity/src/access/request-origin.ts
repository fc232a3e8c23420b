import type { RequestOrigin } from '../audit/audit.service.js';

/** The caller's address and the request id pino-http gave the request, for the audit log. */
export function originOf(req: { ip?: string; id?: unknown }): RequestOrigin {
  return { ip: req.ip, requestId: req.id === undefined ? undefined : String(req.id) };
}
