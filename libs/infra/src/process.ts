import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

// Without /proc (not Linux) a process cannot be told apart from a later one with its pid.
const hasProc = existsSync('/proc/self/stat');

/**
 * When a process started, in clock ticks since boot (field 22 of /proc/<pid>/stat): with the pid,
 * it names one process for the life of the machine, where a pid alone is reused.
 */
export function processStartTime(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: count fields after its last ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

/** A process's command line (arguments), or undefined when it is gone or cannot be read. */
export function processCommandLine(pid: number): string[] | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').slice(0, -1);
  } catch {
    return undefined;
  }
}

/** A process as a pid file records it: its pid and its start time. */
export interface ProcessRecord {
  pid: number;
  startTime?: string;
}

/** What to write down about a process that was just started, so that it can be recognised later. */
export function processRecord(pid: number): ProcessRecord {
  return { pid, startTime: processStartTime(pid) };
}

/** True while the recorded process itself runs: same pid and, where /proc tells, same start time. */
export function isRecordedProcess(rec: ProcessRecord): boolean {
  if (!Number.isInteger(rec.pid) || rec.pid <= 0 || !isAlive(rec.pid)) return false;
  if (!hasProc) return true;
  return rec.startTime !== undefined && processStartTime(rec.pid) === rec.startTime;
}

/**
 * The pid a pid file names, but only while that very process still runs: after a reboot or a
 * crash the pid may belong to an unrelated process, which must never be signalled.
 */
export function readPid(file: string): number | undefined {
  if (!existsSync(file)) return undefined;
  const [pid, startTime] = readFileSync(file, 'utf8').trim().split(/\s+/);
  const rec = { pid: Number.parseInt(pid ?? '', 10), startTime };
  return isRecordedProcess(rec) ? rec.pid : undefined;
}

/** Writes "<pid> <start time>" (the start time where /proc has it). */
export function writePid(file: string, pid: number): void {
  const rec = processRecord(pid);
  writeFileSync(file, `${rec.pid}${rec.startTime ? ` ${rec.startTime}` : ''}\n`);
}

export function removeFile(file: string): void {
  rmSync(file, { force: true });
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Sends `signal` (SIGTERM), waits up to `graceMs`, then SIGKILL. Resolves once the process is gone. The process
 * is pinned by its start time when called, so a pid reused meanwhile is never signalled.
 */
export async function terminate(pid: number, graceMs = 15000, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  const rec = processRecord(pid);
  if (!isRecordedProcess(rec)) return;
  try {
    process.kill(pid, signal);
  } catch {
    return;
  }
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    if (!isRecordedProcess(rec)) return;
    await sleep(100);
  }
  if (!isRecordedProcess(rec)) return;
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    return;
  }
  while (isRecordedProcess(rec)) await sleep(50);
}

/** True when something accepts TCP connections on host:port. */
export function portOpen(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.setTimeout(1000, () => {
      socket.destroy();
      resolve(false);
    });
  });
}

export async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs: number, intervalMs = 250): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}.`);
    await sleep(intervalMs);
  }
}
