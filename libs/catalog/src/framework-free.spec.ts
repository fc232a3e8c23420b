import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = dirname(fileURLToPath(import.meta.url));
const FORBIDDEN = /from\s+'(@nestjs\/[^']*|typeorm|pg|kafkajs)'/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

describe('libs/catalog', () => {
  it('imports no Nest, TypeORM, pg or kafkajs, so its rules run anywhere', () => {
    const files = sourceFiles(ROOT);
    expect(files.length).toBeGreaterThan(10);
    expect(files.filter((f) => FORBIDDEN.test(readFileSync(f, 'utf8')))).toEqual([]);
  });
});
