import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Finds the repository root: the nearest folder above this file holding `nest-cli.json`. */
export function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'nest-cli.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('Cannot find the Tongban project root (no nest-cli.json above this file).');
    dir = parent;
  }
}

/** Where the project keeps everything it downloads and every byte of data it writes. */
export function stateDir(...parts: string[]): string {
  const base = process.env.TONGBAN_STATE_DIR ?? join(projectRoot(), '.tongban');
  return resolve(base, ...parts);
}
