import type { LoggerService } from '@nestjs/common';
import { pino, type DestinationStream, type Logger } from 'pino';
import { maskResidentIdsInText } from '#libs/domain';

/** Fields that never reach a log: credentials, tokens, and identity numbers (wherever they sit). */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'password',
  '*.password',
  '*.newPassword',
  '*.currentPassword',
  '*.accessToken',
  '*.refreshToken',
  'idNumber',
  '*.idNumber',
  '*.*.idNumber',
  '*.id_number',
  'req.body',
  // A failed query's bound values (QueryFailedError.parameters) may hold personal data or a password hash.
  'err.parameters',
];

/**
 * The last line of defence for personal data: every log line is scanned for anything shaped like a
 * resident ID (in a URL, an error message, a field redaction did not name) and masked before it is written.
 */
export function maskingDestination(target: DestinationStream = pino.destination({ dest: 1, sync: true })): DestinationStream {
  return { write: (line: string) => target.write(maskResidentIdsInText(line)) };
}

/** Structured JSON logs, one line each, every line carrying the node code. */
export function createRootLogger(bindings: Record<string, unknown>, level = 'info', destination: DestinationStream = maskingDestination()): Logger {
  return pino(
    {
      level,
      base: { ...bindings, pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    },
    destination,
  );
}

/** Adapts pino to Nest's LoggerService so framework messages come out in the same JSON form. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, context?: string): void {
    this.write('info', message, context);
  }
  error(message: unknown, trace?: string, context?: string): void {
    this.logger.error({ context, trace }, String(message));
  }
  warn(message: unknown, context?: string): void {
    this.write('warn', message, context);
  }
  debug(message: unknown, context?: string): void {
    this.write('debug', message, context);
  }
  verbose(message: unknown, context?: string): void {
    this.write('trace', message, context);
  }
  fatal(message: unknown, context?: string): void {
    this.write('fatal', message, context);
  }

  private write(level: 'info' | 'warn' | 'debug' | 'trace' | 'fatal', message: unknown, context?: string): void {
    if (typeof message === 'object' && message !== null) this.logger[level]({ context, ...message });
    else this.logger[level]({ context }, String(message));
  }
}
