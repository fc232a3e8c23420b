import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isAlive, processStartTime, readPid, terminate, writePid } from './process.js';

/** A live process that has nothing to do with Tongban, and is gone once it is killed. */
function unrelated(): Promise<ChildProcess & { pid: number }> {
  const child = spawn('sleep', ['600'], { stdio: 'ignore' });
  return new Promise((resolve, reject) => {
    child.once('spawn', () => resolve(child as ChildProcess & { pid: number }));
    child.once('error', reject);
  });
}

describe('pid files', () => {
  let dir: string;
  let other: ChildProcess & { pid: number };

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tongban-pid-'));
    other = await unrelated();
  });

  afterEach(() => {
    other.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads back the pid of the process it recorded, while that process runs', () => {
    const file = join(dir, 'x.pid');
    writePid(file, other.pid);
    expect(readPid(file)).toBe(other.pid);
  });

  it('ignores a pid file whose pid now belongs to a process that started at another time', () => {
    const file = join(dir, 'x.pid');
    const started = Number(processStartTime(other.pid));
    writeFileSync(file, `${other.pid} ${started - 1}\n`);
    expect(readPid(file)).toBeUndefined();
  });

  it('ignores a pid file that records no start time, since its pid cannot be told apart from a reused one', () => {
    const file = join(dir, 'x.pid');
    writeFileSync(file, `${other.pid}\n`);
    expect(readPid(file)).toBeUndefined();
  });

  it('terminate stops the live process it is given', async () => {
    const exited = new Promise((resolve) => other.once('exit', resolve));
    await terminate(other.pid, 5000);
    await exited;
    expect(isAlive(other.pid)).toBe(false);
  });
});
