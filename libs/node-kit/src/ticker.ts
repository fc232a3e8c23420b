import { Logger } from '@nestjs/common';

/**
 * Runs a job every `intervalMs`, never two at once, until stopped: the sweeps that change lights and
 * supervision rounds "on time without anyone asking". A failed run is logged and tried at the next tick.
 */
export class Ticker {
  private timer?: ReturnType<typeof setTimeout>;
  private running?: Promise<void>;
  private stopped = false;

  constructor(
    private readonly name: string,
    private readonly intervalMs: number,
    private readonly job: () => Promise<unknown>,
    private readonly logger = new Logger(name),
  ) {}

  start(): void {
    this.stopped = false;
    this.schedule();
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.job()
        .then(() => undefined)
        .catch((err: unknown) => this.logger.warn(`${this.name} failed; trying again at the next tick: ${err instanceof Error ? err.message : String(err)}`))
        .finally(() => {
          this.running = undefined;
          this.schedule();
        });
    }, this.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }
}
