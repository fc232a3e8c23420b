import { DomainError } from '#libs/domain';

/** A page cursor that this service did not hand out (or that was cut or edited). */
export class MonitorCursorInvalidError extends DomainError {
  readonly code = 'MONITOR_CURSOR_INVALID';
  readonly status = 400;
}

/** A query outside what the monitor answers (a date range backwards or too long, a limit out of range). */
export class MonitorQueryInvalidError extends DomainError {
  readonly code = 'MONITOR_QUERY_INVALID';
  readonly status = 400;
}

/** A row that breaks the monitor's invariants: the projector's bug, parked rather than retried. */
export class MonitorRowInvalidError extends DomainError {
  readonly code = 'MONITOR_ROW_INVALID';
  readonly status = 422;
}

/** A rebuild step out of order: no build to finish or swap, or the live tables are missing. */
export class MonitorBuildStateError extends DomainError {
  readonly code = 'MONITOR_BUILD_STATE';
  readonly status = 409;
}
