import { ConfigError, NodeEnv, loadNodeEnv } from './node-env.js';

/** The five variables a node cannot start without, set to valid values. */
const required = (over: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({
  TONGBAN_NODE_CODE: '640104000000',
  TONGBAN_KAFKA_BROKERS: '127.0.0.1:9092',
  TONGBAN_KAFKA_PASSWORD: 'unit-test-kafka-secret',
  TONGBAN_DATABASE_URL: 'postgres://tongban:secret@127.0.0.1:5433/{database}',
  TONGBAN_AUTH_SECRET: 'unit-test-master-secret-of-at-least-32-chars',
  ...over,
});

function refusalOf(env: NodeJS.ProcessEnv): ConfigError {
  try {
    loadNodeEnv(env);
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('loadNodeEnv accepted an environment it should refuse');
}

describe('loadNodeEnv', () => {
  it('fills every optional setting with its default', () => {
    const sut = loadNodeEnv(required());

    expect(sut).toBeInstanceOf(NodeEnv);
    expect(sut).toMatchObject({
      TONGBAN_NODE_CODE: '640104000000',
      TONGBAN_TOPOLOGY: 'topology/demo.yaml',
      TONGBAN_TOPIC_PREFIX: 'tongban',
      TONGBAN_LOG_LEVEL: 'info',
      TONGBAN_INBOX_MAX_ATTEMPTS: 5,
      TONGBAN_INBOX_BACKOFF_MS: 200,
    });
    expect(sut.TONGBAN_HTTP_PORT).toBeUndefined();
    expect(sut.TONGBAN_INSTANCE_ID).toBeUndefined();
  });

  it('reads numeric settings as integers', () => {
    const sut = loadNodeEnv(required({ TONGBAN_HTTP_PORT: '3101', TONGBAN_INBOX_MAX_ATTEMPTS: '7', TONGBAN_INBOX_BACKOFF_MS: '50' }));

    expect(sut.TONGBAN_HTTP_PORT).toBe(3101);
    expect(sut.TONGBAN_INBOX_MAX_ATTEMPTS).toBe(7);
    expect(sut.TONGBAN_INBOX_BACKOFF_MS).toBe(50);
  });

  it('ignores variables without the TONGBAN_ prefix', () => {
    const sut = loadNodeEnv(required({ PATH: '/usr/bin', HTTP_PORT: 'not-a-port' }));

    expect(sut).not.toHaveProperty('PATH');
    expect(sut.TONGBAN_HTTP_PORT).toBeUndefined();
  });

  it('refuses a missing TONGBAN_NODE_CODE with a sentence naming it', () => {
    const env = required();
    delete env.TONGBAN_NODE_CODE;

    expect(refusalOf(env).message).toBe(
      "Invalid environment variables: TONGBAN_NODE_CODE must be the node's 12-digit region code, e.g. 640104000000.",
    );
  });

  it('treats an empty TONGBAN_NODE_CODE as missing', () => {
    expect(refusalOf(required({ TONGBAN_NODE_CODE: '' })).message).toContain('TONGBAN_NODE_CODE');
  });

  it('refuses a TONGBAN_NODE_CODE that is not 12 digits', () => {
    expect(refusalOf(required({ TONGBAN_NODE_CODE: '6401040' })).message).toContain('TONGBAN_NODE_CODE must be');
  });

  it.each(['kafka1', 'kafka1:9092,', 'kafka1:9092, kafka2:9092', 'kafka1:port', 'kafka1:123456'])(
    'refuses TONGBAN_KAFKA_BROKERS="%s" with a sentence naming it',
    (brokers) => {
      expect(refusalOf(required({ TONGBAN_KAFKA_BROKERS: brokers })).message).toBe(
        'Invalid environment variables: TONGBAN_KAFKA_BROKERS must be a comma-separated list of host:port, e.g. 127.0.0.1:9092.',
      );
    },
  );

  it.each(['postgres://tongban:secret@db:5432/tongban', 'mysql://db/{database}', '{database}'])(
    'refuses TONGBAN_DATABASE_URL="%s", which is not a postgres URL template with {database}',
    (url) => {
      expect(refusalOf(required({ TONGBAN_DATABASE_URL: url })).message).toContain('TONGBAN_DATABASE_URL must be a postgres:// URL template containing {database}');
    },
  );

  it.each(['abc', '3000.5', '80a'])('refuses the non-integer TONGBAN_HTTP_PORT "%s" with a sentence naming it', (port) => {
    expect(refusalOf(required({ TONGBAN_HTTP_PORT: port })).message).toMatch(/^Invalid environment variables: TONGBAN_HTTP_PORT must be /);
  });

  it.each(['0', '65536', '-1'])('refuses the out-of-range TONGBAN_HTTP_PORT %s', (port) => {
    expect(refusalOf(required({ TONGBAN_HTTP_PORT: port })).message).toContain('TONGBAN_HTTP_PORT must be between 1 and 65535');
  });

  it('draws 30 cases a month for follow-up calls unless TONGBAN_FOLLOW_UP_SIZE says otherwise, and refuses a size out of range', () => {
    expect(loadNodeEnv(required()).TONGBAN_FOLLOW_UP_SIZE).toBe(30);
    expect(loadNodeEnv(required({ TONGBAN_FOLLOW_UP_SIZE: '45' })).TONGBAN_FOLLOW_UP_SIZE).toBe(45);
    expect(refusalOf(required({ TONGBAN_FOLLOW_UP_SIZE: '0' })).message).toContain('TONGBAN_FOLLOW_UP_SIZE must be between 1 and 1000');
    expect(refusalOf(required({ TONGBAN_FOLLOW_UP_SIZE: 'thirty' })).message).toContain('TONGBAN_FOLLOW_UP_SIZE must be an integer');
  });

  it('names every missing variable in one sentence', () => {
    const { message } = refusalOf({});

    expect(message).toContain('TONGBAN_NODE_CODE');
    expect(message).toContain('TONGBAN_KAFKA_BROKERS');
    expect(message).toContain('TONGBAN_DATABASE_URL');
  });

  it("refuses to start without the node's broker secret, naming the variable", () => {
    expect(refusalOf(required({ TONGBAN_KAFKA_PASSWORD: undefined })).message).toContain('TONGBAN_KAFKA_PASSWORD must be set');
  });

  it('needs no broker secret for a broker without authentication', () => {
    expect(loadNodeEnv(required({ TONGBAN_KAFKA_PASSWORD: undefined, TONGBAN_KAFKA_SASL_MECHANISM: 'none' })).TONGBAN_KAFKA_SASL_MECHANISM).toBe('none');
  });

  it.each(['gssapi', 'SCRAM'])('refuses the SASL mechanism %s by name', (mechanism) => {
    expect(refusalOf(required({ TONGBAN_KAFKA_SASL_MECHANISM: mechanism })).message).toContain('TONGBAN_KAFKA_SASL_MECHANISM must be scram-sha-512');
  });

  it('refuses SASL/PLAIN without TLS, since it sends the password itself', () => {
    expect(refusalOf(required({ TONGBAN_KAFKA_SASL_MECHANISM: 'plain' })).message).toContain('TONGBAN_KAFKA_SASL_MECHANISM=plain sends the node\'s password in clear');
    expect(loadNodeEnv(required({ TONGBAN_KAFKA_SASL_MECHANISM: 'plain', TONGBAN_KAFKA_TLS: '1' })).TONGBAN_KAFKA_TLS).toBe('1');
  });

  it('refuses a TLS switch that is not 0 or 1', () => {
    expect(refusalOf(required({ TONGBAN_KAFKA_TLS: 'yes' })).message).toContain('TONGBAN_KAFKA_TLS must be 1');
  });

  it('refuses an unknown TONGBAN_LOG_LEVEL', () => {
    expect(refusalOf(required({ TONGBAN_LOG_LEVEL: 'verbose' })).message).toContain('TONGBAN_LOG_LEVEL must be one of');
  });

  it('gives a complaint 10 working days by default, and takes 1 to 60', () => {
    expect(loadNodeEnv(required()).TONGBAN_COMPLAINT_DAYS).toBe(10);
    expect(loadNodeEnv(required({ TONGBAN_COMPLAINT_DAYS: '15' })).TONGBAN_COMPLAINT_DAYS).toBe(15);
    expect(refusalOf(required({ TONGBAN_COMPLAINT_DAYS: '0' })).message).toContain('TONGBAN_COMPLAINT_DAYS must be between 1 and 60');
    expect(refusalOf(required({ TONGBAN_COMPLAINT_DAYS: 'ten' })).message).toContain('TONGBAN_COMPLAINT_DAYS must be an integer number of working days');
  });
});

describe('NodeEnv', () => {
  it("puts the node's database name into the URL template", () => {
    const sut = loadNodeEnv(required({ TONGBAN_DATABASE_URL: 'postgresql://u:p@db:5432/{database}?sslmode=require' }));

    expect(sut.databaseUrl('tongban_640104000000')).toBe('postgresql://u:p@db:5432/tongban_640104000000?sslmode=require');
  });

  it('splits the broker list at commas', () => {
    const sut = loadNodeEnv(required({ TONGBAN_KAFKA_BROKERS: 'kafka1:9092,kafka-2.internal:19092' }));

    expect(sut.brokers).toEqual(['kafka1:9092', 'kafka-2.internal:19092']);
  });

  it('gives a single broker as a one-item list', () => {
    expect(loadNodeEnv(required()).brokers).toEqual(['127.0.0.1:9092']);
  });
});
