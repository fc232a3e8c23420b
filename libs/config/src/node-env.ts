import { plainToInstance } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, ValidateIf, validateSync } from 'class-validator';

const BROKER_LIST = /^[A-Za-z0-9.-]+:\d{1,5}(,[A-Za-z0-9.-]+:\d{1,5})*$/;

/**
 * The master secret a demo node (TONGBAN_DEMO=1) signs tokens with when TONGBAN_AUTH_SECRET is not
 * set. It is public, in this repository: anyone can forge a demo node's tokens. Never for real use.
 */
export const DEMO_AUTH_SECRET = 'tongban-demo-auth-secret--public--never-use-in-production';

const INTEGER_SETTINGS = [
  'TONGBAN_HTTP_PORT',
  'TONGBAN_INBOX_MAX_ATTEMPTS',
  'TONGBAN_INBOX_BACKOFF_MS',
  'TONGBAN_CLOCK_OFFSET_SECONDS',
  'TONGBAN_ACCESS_TOKEN_TTL_SECONDS',
  'TONGBAN_REFRESH_TOKEN_TTL_SECONDS',
  'TONGBAN_SIGNIN_MAX_FAILURES',
  'TONGBAN_SIGNIN_LOCK_SECONDS',
  'TONGBAN_SIGNIN_RATE_LIMIT',
  'TONGBAN_SIGNIN_RATE_LIMIT_PER_IP',
  'TONGBAN_LIGHT_SWEEP_MS',
  'TONGBAN_YELLOW_DAYS_LEFT',
  'TONGBAN_YELLOW_SHARE_PERCENT',
  'TONGBAN_SUPERVISION_ANSWER_DAYS',
  'TONGBAN_RECTIFICATION_DAYS',
  'TONGBAN_COMPLAINT_DAYS',
  'TONGBAN_FOLLOW_UP_SIZE',
];

/** The settings a node process reads from its environment, checked once at start. */
export class NodeEnv {
  @Matches(/^\d{12}$/, { message: 'TONGBAN_NODE_CODE must be the node\'s 12-digit region code, e.g. 640104000000' })
  TONGBAN_NODE_CODE: string;

  @IsString({ message: 'TONGBAN_TOPOLOGY must be the path of the topology file' })
  TONGBAN_TOPOLOGY: string = 'topology/demo.yaml';

  @Matches(BROKER_LIST, { message: 'TONGBAN_KAFKA_BROKERS must be a comma-separated list of host:port, e.g. 127.0.0.1:9092' })
  TONGBAN_KAFKA_BROKERS: string;

  @IsIn(['scram-sha-512', 'scram-sha-256', 'plain', 'none'], {
    message: 'TONGBAN_KAFKA_SASL_MECHANISM must be scram-sha-512 (the default), scram-sha-256, plain, or none (a broker without authentication)',
  })
  TONGBAN_KAFKA_SASL_MECHANISM: 'scram-sha-512' | 'scram-sha-256' | 'plain' | 'none' = 'scram-sha-512';

  /** The node's own principal on the broker; by default `<prefix>.node.<code>`. */
  @IsOptional()
  @Matches(/^[A-Za-z0-9._@-]{1,200}$/, { message: 'TONGBAN_KAFKA_USERNAME must be 1-200 letters, digits, dots, dashes, underscores or @' })
  TONGBAN_KAFKA_USERNAME?: string;

  @ValidateIf((env: NodeEnv) => env.TONGBAN_KAFKA_SASL_MECHANISM !== 'none')
  @IsString({ message: "TONGBAN_KAFKA_PASSWORD must be set: the secret of this node's principal on the broker (npm start hands each node its own)" })
  TONGBAN_KAFKA_PASSWORD?: string;

  @IsIn(['0', '1'], { message: 'TONGBAN_KAFKA_TLS must be 1 (connect to the brokers with TLS) or 0' })
  TONGBAN_KAFKA_TLS: '0' | '1' = '0';

  @Matches(/^postgres(ql)?:\/\/.+\{database\}/, {
    message: 'TONGBAN_DATABASE_URL must be a postgres:// URL template containing {database}, e.g. postgres://user:pass@host:5432/{database}',
  })
  TONGBAN_DATABASE_URL: string;

  @IsOptional()
  @IsInt({ message: 'TONGBAN_HTTP_PORT must be an integer port number' })
  @Min(1, { message: 'TONGBAN_HTTP_PORT must be between 1 and 65535' })
  @Max(65535, { message: 'TONGBAN_HTTP_PORT must be between 1 and 65535' })
  TONGBAN_HTTP_PORT?: number;

  @Matches(/^[a-z][a-z0-9-]{0,30}$/, { message: 'TONGBAN_TOPIC_PREFIX must be lower-case letters, digits and dashes, starting with a letter' })
  TONGBAN_TOPIC_PREFIX: string = 'tongban';

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace'], { message: 'TONGBAN_LOG_LEVEL must be one of fatal, error, warn, info, debug, trace' })
  TONGBAN_LOG_LEVEL: string = 'info';

  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,40}$/, { message: 'TONGBAN_INSTANCE_ID must be 1-40 letters, digits, dashes or underscores' })
  TONGBAN_INSTANCE_ID?: string;

  @IsInt({ message: 'TONGBAN_INBOX_MAX_ATTEMPTS must be an integer' })
  @Min(1, { message: 'TONGBAN_INBOX_MAX_ATTEMPTS must be between 1 and 20' })
  @Max(20, { message: 'TONGBAN_INBOX_MAX_ATTEMPTS must be between 1 and 20' })
  TONGBAN_INBOX_MAX_ATTEMPTS: number = 5;

  @IsInt({ message: 'TONGBAN_INBOX_BACKOFF_MS must be an integer number of milliseconds' })
  @Min(10, { message: 'TONGBAN_INBOX_BACKOFF_MS must be between 10 and 60000' })
  @Max(60000, { message: 'TONGBAN_INBOX_BACKOFF_MS must be between 10 and 60000' })
  TONGBAN_INBOX_BACKOFF_MS: number = 200;

  @IsOptional()
  @IsIn(['0', '1'], { message: 'TONGBAN_DEMO must be 1 (a demo node: demo accounts, demo secret allowed) or 0' })
  TONGBAN_DEMO?: '0' | '1';

  @ValidateIf((env: NodeEnv) => env.TONGBAN_DEMO !== '1' || env.TONGBAN_AUTH_SECRET !== undefined)
  @Matches(/^\S{32,}$/, {
    message: 'TONGBAN_AUTH_SECRET must be set to at least 32 characters of random text without spaces (e.g. from "openssl rand -base64 48"); only a demo node (TONGBAN_DEMO=1) may run without it',
  })
  TONGBAN_AUTH_SECRET?: string;

  @IsInt({ message: 'TONGBAN_ACCESS_TOKEN_TTL_SECONDS must be an integer number of seconds' })
  @Min(1, { message: 'TONGBAN_ACCESS_TOKEN_TTL_SECONDS must be between 1 and 3600' })
  @Max(3600, { message: 'TONGBAN_ACCESS_TOKEN_TTL_SECONDS must be between 1 and 3600' })
  TONGBAN_ACCESS_TOKEN_TTL_SECONDS: number = 900;

  @IsInt({ message: 'TONGBAN_REFRESH_TOKEN_TTL_SECONDS must be an integer number of seconds' })
  @Min(60, { message: 'TONGBAN_REFRESH_TOKEN_TTL_SECONDS must be between 60 and 604800 (7 days)' })
  @Max(604800, { message: 'TONGBAN_REFRESH_TOKEN_TTL_SECONDS must be between 60 and 604800 (7 days)' })
  TONGBAN_REFRESH_TOKEN_TTL_SECONDS: number = 43200;

  @IsInt({ message: 'TONGBAN_SIGNIN_MAX_FAILURES must be an integer' })
  @Min(1, { message: 'TONGBAN_SIGNIN_MAX_FAILURES must be between 1 and 100' })
  @Max(100, { message: 'TONGBAN_SIGNIN_MAX_FAILURES must be between 1 and 100' })
  TONGBAN_SIGNIN_MAX_FAILURES: number = 5;

  @IsInt({ message: 'TONGBAN_SIGNIN_LOCK_SECONDS must be an integer number of seconds' })
  @Min(1, { message: 'TONGBAN_SIGNIN_LOCK_SECONDS must be between 1 and 86400' })
  @Max(86400, { message: 'TONGBAN_SIGNIN_LOCK_SECONDS must be between 1 and 86400' })
  TONGBAN_SIGNIN_LOCK_SECONDS: number = 900;

  @IsInt({ message: 'TONGBAN_SIGNIN_RATE_LIMIT must be an integer' })
  @Min(1, { message: 'TONGBAN_SIGNIN_RATE_LIMIT must be between 1 and 1000' })
  @Max(1000, { message: 'TONGBAN_SIGNIN_RATE_LIMIT must be between 1 and 1000' })
  TONGBAN_SIGNIN_RATE_LIMIT: number = 10;

  @IsInt({ message: 'TONGBAN_SIGNIN_RATE_LIMIT_PER_IP must be an integer' })
  @Min(1, { message: 'TONGBAN_SIGNIN_RATE_LIMIT_PER_IP must be between 1 and 100000' })
  @Max(100000, { message: 'TONGBAN_SIGNIN_RATE_LIMIT_PER_IP must be between 1 and 100000' })
  TONGBAN_SIGNIN_RATE_LIMIT_PER_IP: number = 200;

  get demo(): boolean {
    return this.TONGBAN_DEMO === '1';
  }

  /** The master secret tokens are derived from: the configured one, or on a demo node the public demo secret. */
  get authSecret(): string {
    return this.TONGBAN_AUTH_SECRET ?? DEMO_AUTH_SECRET;
  }

  @IsInt({ message: 'TONGBAN_CLOCK_OFFSET_SECONDS must be an integer number of seconds' })
  @Min(-315360000, { message: 'TONGBAN_CLOCK_OFFSET_SECONDS must be within ten years either way' })
  @Max(315360000, { message: 'TONGBAN_CLOCK_OFFSET_SECONDS must be within ten years either way' })
  TONGBAN_CLOCK_OFFSET_SECONDS: number = 0;

  /**
   * A test network's shared clock: a JSON file `{ "offsetMs": n }` every node re-reads (at most every
   * 200 ms) and adds to its time, so a test moves the whole network's "now" at once. Never set in production.
   */
  @IsOptional()
  @IsString({ message: 'TONGBAN_CLOCK_FILE must be the path of a clock file' })
  TONGBAN_CLOCK_FILE?: string;

  @IsInt({ message: 'TONGBAN_LIGHT_SWEEP_MS must be an integer number of milliseconds' })
  @Min(100, { message: 'TONGBAN_LIGHT_SWEEP_MS must be between 100 and 3600000' })
  @Max(3_600_000, { message: 'TONGBAN_LIGHT_SWEEP_MS must be between 100 and 3600000' })
  TONGBAN_LIGHT_SWEEP_MS: number = 60_000;

  /** Yellow light: this many working days left or fewer (限时办结预警). */
  @IsInt({ message: 'TONGBAN_YELLOW_DAYS_LEFT must be an integer number of working days' })
  @Min(0, { message: 'TONGBAN_YELLOW_DAYS_LEFT must be between 0 and 60' })
  @Max(60, { message: 'TONGBAN_YELLOW_DAYS_LEFT must be between 0 and 60' })
  TONGBAN_YELLOW_DAYS_LEFT: number = 2;

  /** Yellow light: this share of the time budget used, in percent. */
  @IsInt({ message: 'TONGBAN_YELLOW_SHARE_PERCENT must be an integer percentage' })
  @Min(1, { message: 'TONGBAN_YELLOW_SHARE_PERCENT must be between 1 and 100' })
  @Max(100, { message: 'TONGBAN_YELLOW_SHARE_PERCENT must be between 1 and 100' })
  TONGBAN_YELLOW_SHARE_PERCENT: number = 80;

  /** The city: working days a holder has to answer a supervision order (督办反馈期限) when the coordinator sets none. */
  @IsInt({ message: 'TONGBAN_SUPERVISION_ANSWER_DAYS must be an integer number of working days' })
  @Min(1, { message: 'TONGBAN_SUPERVISION_ANSWER_DAYS must be between 1 and 30' })
  @Max(30, { message: 'TONGBAN_SUPERVISION_ANSWER_DAYS must be between 1 and 30' })
  TONGBAN_SUPERVISION_ANSWER_DAYS: number = 3;

  /** The city: issue a supervision order by itself when a case turns red ('1'), or leave it to the coordinators ('0'). */
  @IsIn(['0', '1'], { message: 'TONGBAN_SUPERVISE_ON_RED must be 0 or 1' })
  TONGBAN_SUPERVISE_ON_RED: '0' | '1' = '0';

  /** Working days a node has to rectify after a poor rating (差评整改). */
  @IsInt({ message: 'TONGBAN_RECTIFICATION_DAYS must be an integer number of working days' })
  @Min(1, { message: 'TONGBAN_RECTIFICATION_DAYS must be between 1 and 60' })
  @Max(60, { message: 'TONGBAN_RECTIFICATION_DAYS must be between 1 and 60' })
  TONGBAN_RECTIFICATION_DAYS: number = 10;

  /** Working days the supervising level has to answer a complaint (投诉办理时限), counted from the day it is taken. */
  @IsInt({ message: 'TONGBAN_COMPLAINT_DAYS must be an integer number of working days' })
  @Min(1, { message: 'TONGBAN_COMPLAINT_DAYS must be between 1 and 60' })
  @Max(60, { message: 'TONGBAN_COMPLAINT_DAYS must be between 1 and 60' })
  TONGBAN_COMPLAINT_DAYS: number = 10;

  /** The city: cases drawn each month for follow-up calls (抽查回访) when the coordinator names no size. */
  @IsInt({ message: 'TONGBAN_FOLLOW_UP_SIZE must be an integer number of cases' })
  @Min(1, { message: 'TONGBAN_FOLLOW_UP_SIZE must be between 1 and 1000' })
  @Max(1000, { message: 'TONGBAN_FOLLOW_UP_SIZE must be between 1 and 1000' })
  TONGBAN_FOLLOW_UP_SIZE: number = 30;

  get brokers(): string[] {
    return this.TONGBAN_KAFKA_BROKERS.split(',');
  }

  databaseUrl(database: string): string {
    return this.TONGBAN_DATABASE_URL.replace('{database}', database);
  }
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Validates the environment; throws one sentence naming every missing or malformed variable. */
export function loadNodeEnv(source: NodeJS.ProcessEnv = process.env): NodeEnv {
  const plain: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(source)) if (k.startsWith('TONGBAN_') && v !== undefined && v !== '') plain[k] = v;
  for (const k of INTEGER_SETTINGS) {
    if (plain[k] !== undefined) plain[k] = /^-?\d+$/.test(String(plain[k])) ? Number(plain[k]) : plain[k];
  }
  const env = plainToInstance(NodeEnv, plain, { exposeDefaultValues: true });
  const errors = validateSync(env, { skipMissingProperties: false });
  if (errors.length > 0) {
    // One sentence per variable: the type rule first (a word where a number belongs), then the range.
    const first = (c: Record<string, string>): string | undefined => c.isInt ?? c.isString ?? Object.values(c)[0];
    const msgs = errors.map((e) => first(e.constraints ?? {})).filter((m): m is string => m !== undefined);
    throw new ConfigError(`Invalid environment variables: ${msgs.join('; ')}.`);
  }
  if (env.TONGBAN_KAFKA_SASL_MECHANISM === 'plain' && env.TONGBAN_KAFKA_TLS !== '1') {
    // PLAIN sends the password itself: only inside TLS.
    throw new ConfigError('Invalid environment variables: TONGBAN_KAFKA_SASL_MECHANISM=plain sends the node\'s password in clear: set TONGBAN_KAFKA_TLS=1, or use scram-sha-512.');
  }
  return env;
}
