import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const DAY_MS = 86_400_000;
/** Longer than a node's 200 ms between looks at the clock file. */
const settle = (): Promise<void> => new Promise((r) => setTimeout(r, 450));

/**
 * The test network's shared clock (TONGBAN_CLOCK_FILE): every node adds the file's offset to its time
 * and re-reads it when it changes, so a test moves the whole network's "now" at once. Offsets only
 * grow within a test file: time never runs backwards for a node.
 */
export class TestClock {
  private readonly dir = mkdtempSync(join(tmpdir(), 'tongban-clock-'));
  readonly file = join(this.dir, 'clock.json');
  private offsetMs = 0;

  constructor() {
    this.write();
  }

  /** The node settings that make a node follow this clock (and sweep often). */
  env(sweepMs = 300): Record<string, string> {
    return { TONGBAN_CLOCK_FILE: this.file, TONGBAN_LIGHT_SWEEP_MS: String(sweepMs) };
  }

  /** The network's now. */
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  /** The network's local (Asia/Shanghai) date today. */
  today(): string {
    return new Date(this.now().getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
  }

  /**
   * Moves the network to a local (Asia/Shanghai) wall-clock time, e.g. `2027-03-01T10:00`; never
   * backwards. Resolves once every node has had time to re-read the file (they check every 200 ms).
   */
  async setLocal(localDateTime: string): Promise<void> {
    const target = new Date(`${localDateTime}:00+08:00`).getTime();
    if (Number.isNaN(target)) throw new RangeError(`${localDateTime} is not a local date and time`);
    const offset = target - Date.now();
    if (offset < this.offsetMs) throw new RangeError(`the test clock would run backwards to ${localDateTime}`);
    this.offsetMs = offset;
    this.write();
    await settle();
  }

  /** Moves the network's time on by whole calendar days. */
  async advanceDays(days: number): Promise<void> {
    this.offsetMs += days * DAY_MS;
    this.write();
    await settle();
  }

  private write(): void {
    const tmp = `${this.file}.tmp`;
    writeFileSync(tmp, JSON.stringify({ offsetMs: this.offsetMs }));
    renameSync(tmp, this.file);
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
