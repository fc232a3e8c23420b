import { ConfigError, DEMO_AUTH_SECRET, loadNodeEnv } from './node-env.js';

const base = (over: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({
  TONGBAN_NODE_CODE: '640104000000',
  TONGBAN_KAFKA_BROKERS: '127.0.0.1:9092',
  TONGBAN_KAFKA_PASSWORD: 'unit-test-kafka-secret',
  TONGBAN_DATABASE_URL: 'postgres://tongban:secret@127.0.0.1:5433/{database}',
  ...over,
});
const SECRET = 'k3Yb7v0JQ2m9XzP4sT8wL1cR6nH5dF0aG7eU2iO9';

function refusal(env: NodeJS.ProcessEnv): string {
  try {
    loadNodeEnv(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.message;
    throw err;
  }
  throw new Error('accepted');
}

describe('loadNodeEnv: sign-in settings', () => {
  it('refuses to start a real node without TONGBAN_AUTH_SECRET, with a sentence naming it', () => {
    expect(refusal(base())).toMatch(/^Invalid environment variables: TONGBAN_AUTH_SECRET must be set to at least 32 characters/);
  });

  it('refuses a secret shorter than 32 characters, even on a demo node', () => {
    expect(refusal(base({ TONGBAN_AUTH_SECRET: 'short', TONGBAN_DEMO: '1' }))).toContain('TONGBAN_AUTH_SECRET');
  });

  it('lets a demo node run without a secret, on the public demo secret', () => {
    const sut = loadNodeEnv(base({ TONGBAN_DEMO: '1' }));
    expect(sut.demo).toBe(true);
    expect(sut.authSecret).toBe(DEMO_AUTH_SECRET);
  });

  it('uses the configured secret and the defaults for tokens and sign-in', () => {
    const sut = loadNodeEnv(base({ TONGBAN_AUTH_SECRET: SECRET }));
    expect(sut.authSecret).toBe(SECRET);
    expect(sut.demo).toBe(false);
    expect(sut).toMatchObject({
      TONGBAN_ACCESS_TOKEN_TTL_SECONDS: 900,
      TONGBAN_REFRESH_TOKEN_TTL_SECONDS: 43200,
      TONGBAN_SIGNIN_MAX_FAILURES: 5,
      TONGBAN_SIGNIN_LOCK_SECONDS: 900,
      TONGBAN_SIGNIN_RATE_LIMIT: 10,
    });
  });

  it('reads the access-token lifetime as an integer and refuses one out of range', () => {
    expect(loadNodeEnv(base({ TONGBAN_AUTH_SECRET: SECRET, TONGBAN_ACCESS_TOKEN_TTL_SECONDS: '2' })).TONGBAN_ACCESS_TOKEN_TTL_SECONDS).toBe(2);
    expect(refusal(base({ TONGBAN_AUTH_SECRET: SECRET, TONGBAN_ACCESS_TOKEN_TTL_SECONDS: '0' }))).toContain('TONGBAN_ACCESS_TOKEN_TTL_SECONDS must be between 1 and 3600');
  });

  it('refuses a TONGBAN_DEMO other than 0 or 1', () => {
    expect(refusal(base({ TONGBAN_AUTH_SECRET: SECRET, TONGBAN_DEMO: 'yes' }))).toContain('TONGBAN_DEMO must be 1');
  });
});
