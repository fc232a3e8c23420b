import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '#libs/infra';

interface RunJson {
  smoke: boolean;
  machine: { cores: number; memoryGiB: number; node: string; postgres?: string; kafka?: string };
  scenarios: Array<{ id: string; figures: Array<{ id: string; value: number; unit: string }>; notes: string[]; error?: string }>;
}

/**
 * The benchmark's smoke run (`npm run bench -- --smoke`): every scenario still runs to its end on
 * small sizes, against its own broker and database on ports apart from the tests' own, and writes
 * its results. The figures of a smoke run are not compared with targets here: speed is shown by the
 * full run's committed results, never by a timed test.
 */
describe('benchmark smoke run', () => {
  it('runs every scenario to completion and writes JSON and Markdown with every figure measured', async () => {
    const out = mkdtempSync(join(tmpdir(), 'tongban-bench-smoke-'));
    const base = Number(process.env.TONGBAN_TEST_KAFKA_PORT ?? 19092);
    const pgBase = Number(process.env.TONGBAN_TEST_POSTGRES_PORT ?? 15433);
    const env = {
      ...process.env,
      NODE_OPTIONS: '',
      BENCH_KAFKA_PORT: String(base + 400),
      BENCH_POSTGRES_PORT: String(pgBase + 400),
      BENCH_HTTP_PORT: String(base + 500),
      BENCH_CLUSTER_PORT: String(base + 600),
    };
    const lines: string[] = [];
    const code = await new Promise<number | null>((resolve) => {
      const child = spawn(process.execPath, [join(projectRoot(), 'dist/bench/run.js'), '--smoke', '--out', out], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      child.stdout.on('data', (d: Buffer) => lines.push(d.toString()));
      child.stderr.on('data', (d: Buffer) => lines.push(d.toString()));
      child.on('exit', resolve);
    });
    if (code !== 0) throw new Error(`the smoke run exited with ${code}:\n${lines.join('').slice(-4000)}`);
    const run = JSON.parse(readFileSync(join(out, 'latest.json'), 'utf8')) as RunJson;
    expect(run.smoke).toBe(true);
    expect(run.machine).toMatchObject({ cores: expect.any(Number), memoryGiB: expect.any(Number), node: process.version, postgres: expect.stringMatching(/^\d+/), kafka: expect.stringMatching(/^\d+\.\d+/) });
    const ids = run.scenarios.map((s) => s.id);
    expect(ids).toEqual(expect.arrayContaining(['limits', 'routing', 'monitor', 'resources']));
    for (const s of run.scenarios) {
      expect({ scenario: s.id, error: s.error }).toEqual({ scenario: s.id, error: undefined });
      expect(s.figures.length).toBeGreaterThan(0);
      for (const f of s.figures) expect({ figure: f.id, finite: Number.isFinite(f.value) }).toEqual({ figure: f.id, finite: true });
    }
    // Nothing lost or applied twice in the routing run, even on small sizes.
    expect(run.scenarios.find((s) => s.id === 'routing')!.figures.find((f) => f.id === 'routing.lost')!.value).toBe(0);
    const md = readFileSync(join(out, 'latest.md'), 'utf8');
    expect(md).toContain('| scenario | figure | value | target | denominator (same run) |');
    expect(md).toContain('raw kafkajs');
  }, 900_000);
});
