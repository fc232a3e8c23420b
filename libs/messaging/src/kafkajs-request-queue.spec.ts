import { createRequire } from 'node:module';

/**
 * kafkajs 2.2.4 re-arms a 1-ms timer on every broker connection forever, even with nothing to send
 * (tulios/kafkajs#1556): an idle node spent 3.6% of a core on it, the bench's 40 simulated
 * townships most of theirs. patches/kafkajs+2.2.4.patch (applied by patch-package at install)
 * stops it; this test fails if the install ran without the patch.
 */
const require = createRequire(import.meta.url);
const RequestQueue = require('kafkajs/src/network/requestQueue/index.js') as new (opts: object) => {
  pending: unknown[];
  throttledUntil: number;
  throttleCheckTimeoutId: ReturnType<typeof setTimeout> | null;
  scheduleCheckPendingRequests(): void;
  checkPendingRequests(): void;
};

const logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

type Queue = InstanceType<typeof RequestQueue>;
const made: Queue[] = [];

function queue(): Queue {
  const q = new RequestQueue({ maxInFlightRequests: 1, requestTimeout: 30000, enforceRequestTimeout: true, clientId: 'test', broker: 'localhost:1', logger });
  made.push(q);
  return q;
}

describe('kafkajs request queue (patched, tulios/kafkajs#1556)', () => {
  // Unpatched, the first test's timer would re-arm itself for good and keep Jest from ending.
  afterEach(() => {
    for (const q of made.splice(0)) {
      if (q.throttleCheckTimeoutId) clearTimeout(q.throttleCheckTimeoutId);
      q.throttleCheckTimeoutId = null;
    }
  });

  it('arms no timer when nothing is pending and the connection is not throttled', () => {
    const q = queue();
    q.checkPendingRequests();
    expect(q.throttleCheckTimeoutId).toBeNull();
  });

  it('still schedules a check when throttled, for the end of the throttle', () => {
    const q = queue();
    q.throttledUntil = Date.now() + 60_000;
    q.scheduleCheckPendingRequests();
    expect(q.throttleCheckTimeoutId).not.toBeNull();
  });

  it('still schedules a check when requests are pending', () => {
    const q = queue();
    q.pending.push({});
    q.scheduleCheckPendingRequests();
    expect(q.throttleCheckTimeoutId).not.toBeNull();
  });
});
