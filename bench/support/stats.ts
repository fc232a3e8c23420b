import { readdirSync, readFileSync } from 'node:fs';

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Nearest-rank percentile of an ascending array. */
export function pct(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export function summary(values: number[]): { n: number; p50: number; p95: number; p99: number; max: number } {
  const s = [...values].sort((a, b) => a - b);
  return { n: s.length, p50: pct(s, 50), p95: pct(s, 95), p99: pct(s, 99), max: s[s.length - 1] ?? NaN };
}

/** Resident memory of a process (VmRSS), in MiB. */
export function rssMiB(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

const TICKS = 100;

/** CPU seconds (user + system) a process has used so far, its children that exited included. */
export function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime, stime, cutime, cstime are fields 14–17 of stat (11–14 after the command).
    return (Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14])) / TICKS;
  } catch {
    return NaN;
  }
}

/**
 * CPU seconds of a process and its whole tree: its own, its live descendants', and what exited and
 * was reaped (cutime/cstime). For PostgreSQL, the postmaster and every backend and worker.
 */
export function treeCpuSeconds(pid: number): number {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const siblings = children.get(ppid);
      if (siblings) siblings.push(Number(entry));
      else children.set(ppid, [Number(entry)]);
    } catch {
      // The process ended while the list was read.
    }
  }
  // Each live process's own time and its reaped children's: every process counted once.
  let total = 0;
  const walk = (p: number): void => {
    const t = cpuSeconds(p);
    if (Number.isFinite(t)) total += t;
    for (const c of children.get(p) ?? []) walk(c);
  };
  walk(pid);
  return total;
}

/** All CPU seconds the machine spent busy (not idle or waiting), for a process's share of it. */
export function machineBusySeconds(): number {
  const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const [user, nice, system, , , irq, softirq, steal] = cpu as number[];
  return (user! + nice! + system! + irq! + softirq! + steal!) / TICKS;
}

/** A process to meter: its pid, or `{ tree }` for a process with all its descendants (PostgreSQL). */
export type Metered = number | { tree: number } | undefined;

function secondsOf(m: Metered): number {
  if (m === undefined) return NaN;
  return typeof m === 'number' ? cpuSeconds(m) : treeCpuSeconds(m.tree);
}

/** CPU use of named processes over a window: share of one core each, and of the whole machine. */
export class CpuMeter {
  private start = new Map<string, number>();
  private t0 = 0;
  private busy0 = 0;

  constructor(private readonly pids: () => Map<string, Metered>) {}

  begin(): void {
    this.t0 = Date.now();
    this.busy0 = machineBusySeconds();
    this.start = new Map([...this.pids()].map(([k, m]) => [k, secondsOf(m)]));
  }

  /** Per process: cores used on average (1.0 = one core busy all the time). */
  end(): { wallSeconds: number; machineCores: number; perProcess: Record<string, number> } {
    const wall = (Date.now() - this.t0) / 1000;
    const perProcess: Record<string, number> = {};
    for (const [k, m] of this.pids()) perProcess[k] = (secondsOf(m) - (this.start.get(k) ?? NaN)) / wall;
    return { wallSeconds: wall, machineCores: (machineBusySeconds() - this.busy0) / wall, perProcess };
  }
}

/** A meter's reading as text: each process's cores, then the machine's. */
export function cores(r: { machineCores: number; perProcess: Record<string, number> }): string {
  return `${Object.entries(r.perProcess)
    .map(([k, v]) => `${k} ${v.toFixed(2)}`)
    .join(', ')}; machine ${r.machineCores.toFixed(2)}`;
}
