import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { dirname, join } from 'node:path';
import { projectRoot } from './paths.js';
import { isAlive, sleep } from './process.js';

export interface NodeProcessOptions {
  code: string;
  tier: 'city' | 'county' | 'township';
  httpPort: number;
  /** Environment for the node: TONGBAN_* settings. */
  env: Record<string, string>;
  logFile: string;
  /** Extra options for node itself, after the tier's defaults (nodeArgs(tier)): e.g. `--cpu-prof`, which NODE_OPTIONS does not accept. */
  nodeArgs?: string[];
}

/** `/health` has only `status`; `/health/details` (node administrator) has the rest. */
export interface NodeHealth {
  status: 'up' | 'down';
  checks?: Record<string, { status: string; [k: string]: unknown }>;
  [k: string]: unknown;
}

/**
 * How node runs a node process of a tier. No source maps (--enable-source-maps keeps every loaded
 * module's map in memory, some 15 MB; stack traces then name the built files under dist/, whose
 * lines follow the sources; TONGBAN_SOURCE_MAPS=1 turns them back on). A township, one of many and
 * quiet most of the time, runs with a young generation of 2 MB semi-spaces (V8's default is 16 MB):
 * 60 s at rest, measured side by side, 186 MB resident with both defaults, 146 without. A county or
 * the city keeps the default young generation: with 2 MB, a county writing and relaying 100,000
 * events spent most of its time collecting garbage (120 s against 22 s).
 */
export function nodeArgs(tier: NodeProcessOptions['tier']): string[] {
  return [...(tier === 'township' ? ['--max-semi-space-size=2'] : []), ...(process.env.TONGBAN_SOURCE_MAPS === '1' ? ['--enable-source-maps'] : [])];
}

/** One node process started from the built app, with its log written to a file. */
export class NodeProcess {
  private child?: ChildProcess;
  private log?: WriteStream;
  exitCode: number | null | undefined;
  exitSignal: NodeJS.Signals | null | undefined;

  constructor(readonly opts: NodeProcessOptions) {}

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get url(): string {
    return `http://127.0.0.1:${this.opts.httpPort}`;
  }

  get running(): boolean {
    return this.child !== undefined && this.exitCode === undefined && this.child.pid !== undefined && isAlive(this.child.pid);
  }

  start(extraEnv: Record<string, string> = {}): void {
    if (this.running) throw new Error(`node ${this.opts.code} is already running`);
    mkdirSync(dirname(this.opts.logFile), { recursive: true });
    this.log = createWriteStream(this.opts.logFile, { flags: 'a' });
    const main = join(projectRoot(), 'dist/apps', this.opts.tier, 'src/main.js');
    this.exitCode = undefined;
    this.exitSignal = undefined;
    const child = spawn(process.execPath, [...nodeArgs(this.opts.tier), ...(this.opts.nodeArgs ?? []), main], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...this.opts.env, ...extraEnv, TONGBAN_NODE_CODE: this.opts.code },
      stdio: ['ignore', 'pipe', 'pipe'],
      cwd: projectRoot(),
      // Its own process group: Ctrl-C reaches the supervisor, which stops nodes in order.
      detached: true,
    });
    child.stdout?.pipe(this.log, { end: false });
    child.stderr?.pipe(this.log, { end: false });
    child.once('exit', (code, signal) => {
      this.exitCode = code;
      this.exitSignal = signal;
    });
    this.child = child;
  }

  async health(timeoutMs = 3000): Promise<NodeHealth | undefined> {
    try {
      const res = await fetch(`${this.url}/health`, { signal: AbortSignal.timeout(timeoutMs) });
      return (await res.json()) as NodeHealth;
    } catch {
      return undefined;
    }
  }

  /** Waits until /health answers "up"; fails early if the process exits. */
  async waitHealthy(timeoutMs = 60000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (this.exitCode !== undefined) throw new Error(`node ${this.opts.code} exited (code ${this.exitCode}, signal ${this.exitSignal}); see ${this.opts.logFile}`);
      const h = await this.health(2000);
      if (h?.status === 'up') return;
      if (Date.now() > deadline) throw new Error(`node ${this.opts.code} not healthy after ${timeoutMs} ms: ${h ? `status ${h.status}` : 'no answer'}; see ${this.opts.logFile}`);
      await sleep(250);
    }
  }

  /** Graceful stop (SIGTERM), then SIGKILL after the grace period. */
  async stop(graceMs = 15000): Promise<void> {
    await this.signalAndWait('SIGTERM', graceMs);
  }

  /** An abrupt crash: SIGKILL, no cleanup. */
  async kill(): Promise<void> {
    await this.signalAndWait('SIGKILL', 5000);
  }

  private async signalAndWait(signal: NodeJS.Signals, graceMs: number): Promise<void> {
    const child = this.child;
    if (!child || this.exitCode !== undefined) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill(signal);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), graceMs)));
    const first = await Promise.race([exited.then(() => 'exited' as const), timeout]);
    clearTimeout(timer);
    if (first === 'timeout') {
      child.kill('SIGKILL');
      await exited;
    }
    await new Promise<void>((resolve) => (this.log ? this.log.end(resolve) : resolve()));
  }
}
