import { plainToInstance } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, validateSync } from 'class-validator';

const BROKER_LIST = /^[A-Za-z0-9.-]+:\d{1,5}(,[A-Za-z0-9.-]+:\d{1,5})*$/;

/** The settings a node process reads from its environment, checked once at start. */
export class NodeEnv {
  @Matches(/^\d{12}$/, { message: 'TONGBAN_NODE_CODE must be the node\'s 12-digit region code, e.g. 640104000000' })
  TONGBAN_NODE_CODE: string;

  @IsString({ message: 'TONGBAN_TOPOLOGY must be the path of the topology file' })
  TONGBAN_TOPOLOGY: string = 'topology/demo.yaml';

  @Matches(BROKER_LIST, { message: 'TONGBAN_KAFKA_BROKERS must be a comma-separated list of host:port, e.g. 127.0.0.1:9092' })
  TONGBAN_KAFKA_BROKERS: string;

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
  for (const k of ['TONGBAN_HTTP_PORT', 'TONGBAN_INBOX_MAX_ATTEMPTS', 'TONGBAN_INBOX_BACKOFF_MS']) {
    if (plain[k] !== undefined) plain[k] = /^-?\d+$/.test(String(plain[k])) ? Number(plain[k]) : plain[k];
  }
  const env = plainToInstance(NodeEnv, plain, { exposeDefaultValues: true });
  const errors = validateSync(env, { skipMissingProperties: false });
  if (errors.length > 0) {
    const msgs = errors.flatMap((e) => Object.values(e.constraints ?? {}).slice(0, 1));
    throw new ConfigError(`Invalid environment variables: ${msgs.join('; ')}.`);
  }
  return env;
}
