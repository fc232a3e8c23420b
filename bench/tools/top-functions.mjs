#!/usr/bin/env node
// Summarises a V8 .cpuprofile: self time by function and by package/file, heaviest first.
// Usage: node bench/tools/top-functions.mjs <file.cpuprofile> [rows]
import { readFileSync } from 'node:fs';

const [file, rowsArg] = process.argv.slice(2);
if (!file) {
  process.stderr.write('usage: node bench/tools/top-functions.mjs <file.cpuprofile> [rows]\n');
  process.exit(2);
}
const rows = Number(rowsArg ?? 30);
const prof = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(prof.nodes.map((n) => [n.id, n]));
const self = new Map();
const dt = prof.timeDeltas;
for (let i = 0; i < prof.samples.length; i++) self.set(prof.samples[i], (self.get(prof.samples[i]) ?? 0) + (dt[i] ?? 0));
const total = [...self.values()].reduce((a, b) => a + b, 0);
const fn = new Map();
const pkg = new Map();
for (const [id, us] of self) {
  const n = byId.get(id);
  const cf = n.callFrame;
  const where = cf.url.replace(/^file:\/\//, '');
  const key = `${cf.functionName || '(anonymous)'}  ${where.split('/').slice(-2).join('/')}:${cf.lineNumber + 1}`;
  fn.set(key, (fn.get(key) ?? 0) + us);
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(where);
  const group = m ? m[1] : where.includes('/dist/') ? `tongban ${where.split('/dist/')[1].split('/').slice(0, 3).join('/')}` : cf.url ? where.split('/').slice(-1)[0] : `(${cf.functionName})`;
  pkg.set(group, (pkg.get(group) ?? 0) + us);
}
const show = (title, map) => {
  process.stdout.write(`\n${title}\n`);
  for (const [k, us] of [...map].sort((a, b) => b[1] - a[1]).slice(0, rows)) process.stdout.write(`${((100 * us) / total).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(7)} ms  ${k}\n`);
};
process.stdout.write(`${file}: ${(total / 1e6).toFixed(1)} s sampled\n`);
show('By package / file', pkg);
show('By function (self time)', fn);
