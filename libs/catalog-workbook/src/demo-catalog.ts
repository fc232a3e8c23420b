import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CatalogItemInput } from '#libs/catalog';
import { readCatalogWorkbook } from './read-catalog-workbook.js';

/** Where the demo city's catalog (银川市统一审批目录) is kept, from the repository's root. */
export const DEMO_CATALOG_PATH = 'topology/demo-catalog.xlsx';

/** The demo catalog's file: found above this module, whether it runs from the sources or from dist/. */
export function demoCatalogFile(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    const file = join(dir, DEMO_CATALOG_PATH);
    if (existsSync(file)) return file;
    if (dirname(dir) === dir) throw new Error(`${DEMO_CATALOG_PATH} not found above ${fileURLToPath(import.meta.url)}`);
  }
}

/**
 * The demo city's unified catalog, read from its workbook through the same parser as an import:
 * every item active from 2025-01-01, in department order. A problem in the file is an error.
 */
export async function loadDemoCatalog(file: string = demoCatalogFile()): Promise<CatalogItemInput[]> {
  const { items, problems } = await readCatalogWorkbook(await readFile(file));
  if (problems.length > 0) {
    const listed = problems.slice(0, 10).map((p) => `${p.sheet}${p.cell ?? (p.row ?? '')} ${p.field} ${p.rule}: ${p.messageEn}`);
    throw new Error(`${file} has ${problems.length} problem(s):\n${listed.join('\n')}`);
  }
  return items;
}
