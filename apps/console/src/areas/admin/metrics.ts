/** One sample of the Prometheus text format: `name{label="v",...} value`. */
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const LINE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

/** The samples of a /metrics answer; comments, blank and unreadable lines are passed over. */
export function parseMetrics(text: string): Sample[] {
  const out: Sample[] = [];
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const m = LINE.exec(line);
    if (!m) continue;
    const value = Number(m[3]);
    if (!Number.isFinite(value)) continue;
    const labels: Record<string, string> = {};
    for (const l of (m[2] ?? '').matchAll(LABEL)) labels[l[1]!] = l[2]!.replace(/\\(.)/g, '$1');
    out.push({ name: m[1]!, labels, value });
  }
  return out;
}

/** The first sample of that name, or undefined. */
export function metric(samples: Sample[], name: string): number | undefined {
  return samples.find((s) => s.name === name)?.value;
}

/** 3 天 4 小时 / 2 小时 5 分 / 42 秒: how long, in the largest two units. */
export function duration(seconds: number | undefined | null, zh: boolean): string {
  if (seconds === undefined || seconds === null || !Number.isFinite(seconds)) return '—';
  const s = Math.max(0, Math.round(seconds));
  const d = Math.floor(s / 86400);
  const h = Math.floor((s % 86400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  const parts: string[] = [];
  if (d) parts.push(zh ? `${d} 天` : `${d} d`);
  if (h) parts.push(zh ? `${h} 小时` : `${h} h`);
  if (m && !d) parts.push(zh ? `${m} 分` : `${m} min`);
  if (parts.length === 0) return zh ? `${s} 秒` : `${s} s`;
  return parts.slice(0, 2).join(' ');
}
