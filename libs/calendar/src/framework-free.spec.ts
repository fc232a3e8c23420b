import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = dirname(fileURLToPath(import.meta.url));
const FORBIDDEN = /from\s+'(@nestjs\/[^']*|typeorm|pg|kafkajs|node:[^']*)'/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') && !e.name.endsWith('.spec.ts') ? [join(dir, e.name)] : []));
}

describe('libs/calendar', () => {
  it('imports no Nest, TypeORM, pg, kafkajs or Node I/O, so the calendar runs anywhere', () => {
    const files = sourceFiles(ROOT);
    expect(files.length).toBeGreaterThan(5);
    expect(files.filter((f) => FORBIDDEN.test(readFileSync(f, 'utf8')))).toEqual([]);
  });

  it('imports no other lib: the calendar is data and arithmetic only', () => {
    expect(sourceFiles(ROOT).filter((f) => /from\s+'#libs\//.test(readFileSync(f, 'utf8'))).map((f) => f.slice(ROOT.length))).toEqual([]);
  });
});
