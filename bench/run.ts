/**
 * `npm run bench`: every scenario against the machine's own limits, on infrastructure the run
 * starts itself (ports 29092/25433 and up, data under .tongban/bench, wiped first). Prints progress
 * and a table; writes bench/results/latest.{json,md} (and a copy per run under bench/results/runs/),
 * and puts the table into the README. `--smoke` runs small sizes into a folder given by `--out`
 * (the test command's check); `--only a,b` runs some scenarios (the limits are always measured).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { kafkaVersion, projectRoot } from '#libs/infra';
import { DEFAULT_PORTS, Harness } from './support/harness.js';
import { Progress } from './support/progress.js';
import { type BenchRun, machineInfo, type ScenarioResult, toConsoleTable, toMarkdown } from './support/report.js';
import type { BenchContext, Scenario } from './support/scenario.js';
import { SCENARIOS } from './scenarios/index.js';

const README_START = '<!-- bench:start -->';
const README_END = '<!-- bench:end -->';

const USAGE = `Usage: npm run bench [-- options]

Runs every benchmark scenario on a broker and a PostgreSQL of its own, prints a table, and writes
bench/results/latest.{json,md}, a copy under bench/results/runs/, and the README's table.

Options:
  --only a,b    run these scenarios only (the limits, the denominators, always run first)
  --list        list the scenarios and exit
  --smoke       small sizes, for a quick check (its own data folder, .tongban/bench-smoke)
  --out DIR     write the results into DIR instead of bench/results

The README's table is updated by a full run only: all scenarios, full sizes, no --out.
  --help        show this text

Ports: BENCH_KAFKA_PORT (29092), BENCH_POSTGRES_PORT (25433), nodes from 29300. See docs/benchmarks.md.
`;

async function main(): Promise<number> {
  let values: { smoke?: boolean; only?: string; out?: string; list?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      options: {
        smoke: { type: 'boolean', default: false },
        only: { type: 'string' },
        out: { type: 'string' },
        list: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    }));
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (values.list) {
    for (const s of SCENARIOS) process.stdout.write(`${s.id.padEnd(12)} ${s.title}\n`);
    return 0;
  }
  const only = values.only?.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = only?.filter((id) => !SCENARIOS.some((s) => s.id === id));
  if (unknown?.length) {
    process.stderr.write(`Unknown scenario(s): ${unknown.join(', ')}. Known: ${SCENARIOS.map((s) => s.id).join(', ')}\n`);
    return 2;
  }
  const chosen: Scenario[] = SCENARIOS.filter((s) => !only || s.id === 'limits' || only.includes(s.id));
  const smoke = values.smoke ?? false;
  const outDir = values.out ?? join(projectRoot(), 'bench/results');
  const progress = new Progress();
  const harness = new Harness(DEFAULT_PORTS, progress, smoke ? 'bench-smoke' : 'bench');
  const startedAt = new Date();
  const t0 = Date.now();
  const ctx: BenchContext = { harness, progress, smoke, figures: new Map(), samples: [] };
  const results: ScenarioResult[] = [];
  let pgVersion: string | undefined;
  const needsShared = chosen.some((s) => !s.ownInfrastructure);
  progress.say(`${smoke ? 'Smoke run' : 'Benchmark'}: ${chosen.map((s) => s.id).join(', ')}`);
  const stop = async () => {
    await harness.stop();
  };
  process.once('SIGINT', () => void stop().then(() => process.exit(130)));
  // A stray rejection in a scenario must not leave a broker, a database or nodes behind.
  const crash = (err: unknown) => {
    progress.say(`crashed: ${(err as Error)?.stack ?? String(err)}`);
    void stop().then(() => process.exit(1));
  };
  process.once('unhandledRejection', crash);
  process.once('uncaughtException', crash);
  try {
    if (needsShared) {
      progress.say('starting the broker and PostgreSQL for the run ...');
      await harness.start();
      pgVersion = (await harness.sql<{ v: string }>('postgres', 'select current_setting($$server_version$$) as v'))[0]?.v;
    }
    for (const s of chosen) {
      progress.begin(s.id);
      progress.say(`— ${s.title} —`);
      const st = Date.now();
      try {
        const out = await s.run(ctx);
        for (const f of out.figures) ctx.figures.set(f.id, f.value);
        results.push({ id: s.id, title: s.title, ...out, seconds: (Date.now() - st) / 1000 });
      } catch (err) {
        const e = err as Error;
        progress.say(`FAILED: ${e.stack ?? e.message}`);
        results.push({ id: s.id, title: s.title, figures: [], notes: [], seconds: (Date.now() - st) / 1000, error: e.stack ?? e.message });
      }
      progress.begin('');
    }
  } finally {
    await stop();
  }
  const run: BenchRun = {
    startedAt: startedAt.toISOString().slice(0, 16) + 'Z',
    seconds: (Date.now() - t0) / 1000,
    smoke,
    command: `npm run bench${smoke ? ' -- --smoke' : ''}${only ? ` -- --only ${only.join(',')}` : ''}`,
    machine: machineInfo({ postgres: pgVersion, kafka: kafkaVersion() }),
    scenarios: results,
  };
  mkdirSync(join(outDir, 'runs'), { recursive: true });
  const json = JSON.stringify({ ...run, samples: ctx.samples }, null, 2);
  const md = toMarkdown(run);
  const stamp = startedAt.toISOString().replace(/[:]/g, '').slice(0, 15);
  writeFileSync(join(outDir, 'runs', `${stamp}${smoke ? '-smoke' : ''}.json`), json);
  writeFileSync(join(outDir, 'latest.json'), json);
  writeFileSync(join(outDir, 'latest.md'), md);
  process.stdout.write(`\n${toConsoleTable(run)}\n\nWritten: ${join(outDir, 'latest.md')} and latest.json\n`);
  if (!smoke && !only && values.out === undefined) updateReadme(md);
  return results.some((r) => r.error) ? 1 : 0;
}

/** The README shows the latest full run's table (between its bench markers). */
function updateReadme(md: string): void {
  const file = join(projectRoot(), 'README.md');
  const text = readFileSync(file, 'utf8');
  const a = text.indexOf(README_START);
  const b = text.indexOf(README_END);
  if (a < 0 || b < a) return;
  // The machine line and the table: everything before the scenarios' own sections.
  const head = md.split('\n## ')[0]!.split('\n');
  const table = [head[2] ?? '', '', ...head.filter((l) => l.startsWith('|'))];
  writeFileSync(file, `${text.slice(0, a + README_START.length)}\n${table.join('\n')}\n${text.slice(b)}`);
}

process.exitCode = await main();
