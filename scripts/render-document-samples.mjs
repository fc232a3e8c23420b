#!/usr/bin/env node
// Renders the first page of each printed case document (SL, GZ, BZ, BY, SD) from the sample cases
// (libs/case-service/src/testing/document-samples.ts, run through the real workflow) into
// docs/images/document-<prefix>.png with poppler's pdftoppm at 80 dpi. Needs `npm run build` first and
// poppler-utils installed. `--keep` keeps the PDFs in a temporary folder and says which.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = (p) => import(join(root, 'dist', p));
const { layoutCaseDocument } = await dist('libs/case-service/src/documents/document-layout.js');
const { documentSamples } = await dist('libs/case-service/src/testing/document-samples.js');
const { renderPrintPdf } = await dist('libs/print/src/index.js');

const keep = process.argv.includes('--keep');
const work = mkdtempSync(join(tmpdir(), 'tongban-documents-'));
const done = new Set();
for (const sample of documentSamples()) {
  const prefix = sample.document.number.slice(0, 2);
  if (done.has(prefix)) continue;
  done.add(prefix);
  const pdf = join(work, `${sample.document.number}.pdf`);
  writeFileSync(pdf, await renderPrintPdf(layoutCaseDocument(sample)));
  const out = join(work, `document-${prefix}`);
  const run = spawnSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', '-singlefile', pdf, out], { encoding: 'utf8' });
  if (run.error || run.status !== 0) {
    process.stderr.write(`pdftoppm failed for ${pdf}: ${run.error?.message ?? run.stderr}\n(install poppler-utils)\n`);
    process.exit(1);
  }
  const image = join(root, 'docs', 'images', `document-${prefix}.png`);
  renameSync(`${out}.png`, image);
  process.stdout.write(`${sample.document.titleZh} ${sample.document.number} → ${image}\n`);
}
if (keep) process.stdout.write(`PDFs kept in ${work}\n`);
else rmSync(work, { recursive: true, force: true });
