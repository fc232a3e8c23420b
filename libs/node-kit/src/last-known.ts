/** A value read from a slow or frozen source, as last known: when it was read and the last error since. */
export interface Known<T> {
  value?: T;
  /** Seconds since the value was read; undefined if it never was. */
  ageSeconds?: number;
  /** The error of the last refresh, if it failed. */
  error?: string;
}

/**
 * Keeps the last value of a question asked of the broker (or any source that may hang), refreshed
 * in the background: a caller waits for a refresh at most `waitMs`, then gets the last known value
 * with its age, so /health and /metrics never hang on a frozen broker.
 */
export class LastKnown<T> {
  private last?: { value: T; at: number };
  private error?: string;
  private refreshing?: Promise<void>;

  constructor(
    private readonly read: () => Promise<T>,
    private readonly opts: { maxAgeMs: number; waitMs: number },
  ) {}

  async get(): Promise<Known<T>> {
    if (!this.last || Date.now() - this.last.at >= this.opts.maxAgeMs) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const waited = new Promise<void>((resolve) => (timer = setTimeout(resolve, this.opts.waitMs)));
      await Promise.race([this.refresh(), waited]);
      clearTimeout(timer);
    }
    return this.known();
  }

  known(): Known<T> {
    return {
      value: this.last?.value,
      ageSeconds: this.last ? Math.round((Date.now() - this.last.at) / 100) / 10 : undefined,
      error: this.error,
    };
  }

  /** One refresh at a time: a frozen source holds one request, not one per caller. */
  private refresh(): Promise<void> {
    this.refreshing ??= this.read()
      .then(
        (value) => {
          this.last = { value, at: Date.now() };
          this.error = undefined;
        },
        (err: unknown) => {
          this.error = (err as Error).message;
        },
      )
      .finally(() => {
        this.refreshing = undefined;
      });
    return this.refreshing;
  }
}
