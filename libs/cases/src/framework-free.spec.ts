import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = dirname(fileURLToPath(import.meta.url));
const FORBIDDEN = /from\s+'(@nestjs\/[^']*|typeorm|pg|kafkajs|node:[^']*)'/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') && !e.name.endsWith('.spec.ts') ? [join(dir, e.name)] : []));
}

describe('libs/cases', () => {
  it('imports no Nest, TypeORM, pg, kafkajs or Node I/O, so its rules run anywhere', () => {
    const files = sourceFiles(ROOT);
    expect(files.length).toBeGreaterThan(10);
    expect(files.filter((f) => FORBIDDEN.test(readFileSync(f, 'utf8')))).toEqual([]);
  });

  it('takes only types from the catalog, so loading the rules loads no demo catalog', () => {
    const valueImports = sourceFiles(ROOT).filter((f) => /^import\s+\{[^}]*\}\s+from\s+'#libs\/catalog'/m.test(readFileSync(f, 'utf8')));
    expect(valueImports.map((f) => f.slice(ROOT.length))).toEqual([]);
  });
});
