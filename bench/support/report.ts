/**
 * What a scenario reports: figures, each with its unit, the target it is held to and the
 * denominator it is a share of, so a figure measured on a noisy machine still means something.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';

export interface Target {
  /** `max`: the figure must stay under `value`; `min`: it must reach `value`. */
  kind: 'max' | 'min';
  value: number;
}

export interface Figure {
  /** Stable id, e.g. `routing.intakeToInbox.p99`. */
  id: string;
  label: string;
  value: number;
  unit: string;
  target?: Target;
  /** The machine's own limit this figure is read against (a raw rate measured in the same run). */
  denominator?: { label: string; value: number; unit: string; /** Required share of it, e.g. 0.25. */ minShare?: number };
}

export interface ScenarioResult {
  id: string;
  title: string;
  figures: Figure[];
  /** Plain lines for the Markdown: what was run, how, and anything that qualifies the figures. */
  notes: string[];
  /** Anything else worth keeping in the JSON (per-process tables, phases). */
  details?: Record<string, unknown>;
  seconds: number;
  error?: string;
}

export type Verdict = 'met' | 'missed' | '—';

export function verdict(f: Figure): Verdict {
  const checks: boolean[] = [];
  if (f.target) checks.push(f.target.kind === 'max' ? f.value < f.target.value : f.value >= f.target.value);
  if (f.denominator?.minShare !== undefined) checks.push(f.value >= f.denominator.value * f.denominator.minShare);
  if (checks.length === 0 || !Number.isFinite(f.value)) return checks.length === 0 ? '—' : 'missed';
  return checks.every(Boolean) ? 'met' : 'missed';
}

export interface MachineInfo {
  cores: number;
  cpu: string;
  memoryGiB: number;
  node: string;
  postgres?: string;
  kafka?: string;
  kernel: string;
}

export function machineInfo(extra: { postgres?: string; kafka?: string } = {}): MachineInfo {
  let kernel: string;
  try {
    kernel = readFileSync('/proc/sys/kernel/osrelease', 'utf8').trim();
  } catch {
    kernel = execFileSync('uname', ['-r'], { encoding: 'utf8' }).trim();
  }
  return { cores: cpus().length, cpu: cpus()[0]?.model.trim() ?? 'unknown', memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version, kernel, ...extra };
}

/** A number as a table shows it: integers with separators, small values with up to 3 significant digits. */
export function fmt(v: number): string {
  if (!Number.isFinite(v)) return 'n/a';
  if (Math.abs(v) >= 100) return Math.round(v).toLocaleString('en-US');
  if (Math.abs(v) >= 10) return v.toFixed(1);
  return v.toPrecision(3).replace(/\.?0+$/, '');
}

export function targetText(f: Figure): string {
  const parts: string[] = [];
  if (f.target) parts.push(`${f.target.kind === 'max' ? '<' : '≥'} ${fmt(f.target.value)} ${f.unit}`);
  if (f.denominator?.minShare !== undefined) parts.push(`≥ ${f.denominator.minShare} × ${f.denominator.label}`);
  return parts.join('; ') || '—';
}

export function denominatorText(f: Figure): string {
  if (!f.denominator) return '—';
  const share = f.denominator.value > 0 ? ` (${(f.value / f.denominator.value).toFixed(2)}×)` : '';
  return `${f.denominator.label}: ${fmt(f.denominator.value)} ${f.denominator.unit}${share}`;
}

/** The results as one Markdown document: machine, then one table of every figure, then each scenario's notes. */
export function toMarkdown(run: BenchRun): string {
  const m = run.machine;
  const out: string[] = [];
  out.push(`# Benchmark results${run.smoke ? ' (smoke run: small sizes, figures not comparable)' : ''}`, '');
  out.push(`${run.startedAt} · ${m.cores} × ${m.cpu}, ${m.memoryGiB} GiB · Node ${m.node}${m.postgres ? ` · PostgreSQL ${m.postgres}` : ''}${m.kafka ? ` · Kafka ${m.kafka}` : ''} · Linux ${m.kernel} · ${run.seconds.toFixed(0)} s in all`, '');
  out.push(`Command: \`${run.command}\``, '');
  out.push('| scenario | figure | value | target | denominator (same run) | |', '|---|---|---|---|---|---|');
  for (const s of run.scenarios) {
    if (s.error) out.push(`| ${s.title} | **failed** | ${s.error.replace(/\|/g, '\\|').split('\n')[0]} | | | |`);
    for (const f of s.figures) {
      const v = verdict(f);
      out.push(`| ${s.title} | ${f.label} | ${fmt(f.value)} ${f.unit} | ${targetText(f)} | ${denominatorText(f)} | ${v === 'met' ? '✅' : v === 'missed' ? '❌' : ''} |`);
    }
  }
  out.push('');
  for (const s of run.scenarios) {
    if (s.notes.length === 0 && !s.error) continue;
    out.push(`## ${s.title}`, '', ...s.notes.map((n) => (n.startsWith('|') || n.startsWith('```') ? n : `- ${n}`)), '');
    if (s.error) out.push('```', s.error, '```', '');
  }
  return out.join('\n');
}

export interface BenchRun {
  startedAt: string;
  seconds: number;
  smoke: boolean;
  command: string;
  machine: MachineInfo;
  scenarios: ScenarioResult[];
}

/** The table printed at the end of a run, for a terminal. */
export function toConsoleTable(run: BenchRun): string {
  const rows = run.scenarios.flatMap((s) =>
    s.error ? [[s.id, 'FAILED', s.error.split('\n')[0]!.slice(0, 60), '', '']] : s.figures.map((f) => [s.id, f.label, `${fmt(f.value)} ${f.unit}`, targetText(f), verdict(f)]),
  );
  const head = ['scenario', 'figure', 'value', 'target', ''];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
