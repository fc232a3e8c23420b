import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isAlive, processRecord, processStartTime } from '#libs/infra';
import { down } from './network.js';
import type { NetworkSettings } from './settings.js';

function sleeper(): Promise<ChildProcess & { pid: number }> {
  const child = spawn('sleep', ['600'], { stdio: 'ignore' });
  return new Promise((resolve, reject) => {
    child.once('spawn', () => resolve(child as ChildProcess & { pid: number }));
    child.once('error', reject);
  });
}

describe('tongban down', () => {
  let root: string;
  let s: NetworkSettings;
  const children: ChildProcess[] = [];

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'tongban-down-'));
    s = { dataDir: join(root, 'data'), runDir: join(root, 'run'), logDir: join(root, 'logs'), kafkaPort: 1, postgresPort: 1 } as NetworkSettings;
    for (const d of [s.runDir, join(s.dataDir, 'kafka'), join(s.dataDir, 'postgres')]) mkdirSync(d, { recursive: true });
  });

  afterEach(() => {
    for (const c of children.splice(0)) c.kill('SIGKILL');
    rmSync(root, { recursive: true, force: true });
  });

  it('leaves alone an unrelated process that now holds a pid its pid files name (a reboot reused it)', async () => {
    const sut = await sleeper();
    children.push(sut);
    const otherStart = `${Number(processStartTime(sut.pid)) - 1}`;
    writeFileSync(join(s.runDir, 'up.pid'), `${sut.pid} ${otherStart}\n`);
    writeFileSync(join(s.runDir, 'nodes.json'), JSON.stringify({ '640104100000': { pid: sut.pid, startTime: otherStart } }));
    writeFileSync(join(s.dataDir, 'kafka', 'kafka.pid'), `${sut.pid} ${otherStart}\n`);
    // PostgreSQL writes its own pid file: the process must be a postgres on that data folder.
    writeFileSync(join(s.dataDir, 'postgres', 'postmaster.pid'), `${sut.pid}\n${join(s.dataDir, 'postgres')}\n`);

    await down(s);

    expect(isAlive(sut.pid)).toBe(true);
    expect(sut.exitCode).toBeNull();
  });

  it('stops a node process that a killed network left behind, recognised by its pid and start time', async () => {
    const node = await sleeper();
    children.push(node);
    const exited = new Promise((resolve) => node.once('exit', resolve));
    writeFileSync(join(s.runDir, 'nodes.json'), JSON.stringify({ '640104100000': processRecord(node.pid) }));

    await down(s);

    await exited;
    expect(node.signalCode).toBe('SIGTERM');
  });
});
