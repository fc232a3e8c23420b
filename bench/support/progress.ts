/** Progress shown while a scenario runs: one line per step, a rewritten status line on a terminal. */
export class Progress {
  private readonly tty = process.stdout.isTTY === true;
  private statusShown = false;
  private scenario = '';
  private readonly t0 = Date.now();

  begin(scenario: string): void {
    this.scenario = scenario;
  }

  private stamp(): string {
    const s = Math.round((Date.now() - this.t0) / 1000);
    return `[${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}]`;
  }

  /** A step worth keeping in the log. */
  say(line: string): void {
    this.clearStatus();
    process.stdout.write(`${this.stamp()} ${this.scenario ? `${this.scenario}: ` : ''}${line}\n`);
  }

  /** A passing status (counts while waiting): rewritten in place on a terminal, every few seconds in a log. */
  private lastLogged = 0;
  status(line: string): void {
    if (this.tty) {
      process.stdout.write(`\r\x1b[K${this.stamp()} ${this.scenario}: ${line}`);
      this.statusShown = true;
    } else if (Date.now() - this.lastLogged > 5000) {
      this.lastLogged = Date.now();
      process.stdout.write(`${this.stamp()} ${this.scenario}: ${line}\n`);
    }
  }

  private clearStatus(): void {
    if (this.statusShown) process.stdout.write('\r\x1b[K');
    this.statusShown = false;
  }
}
