// One-off: writes the demo city's catalog, until now TypeScript (libs/catalog/src/demo/items-*.ts),
// as the workbook the demo seeding reads (topology/demo-catalog.xlsx). Run after `npm run build`.
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { DEMO_CATALOG } from '../dist/libs/catalog/src/index.js';
import { readCatalogWorkbook, writeCatalogWorkbook } from '../dist/libs/catalog-workbook/src/index.js';

const bytes = await writeCatalogWorkbook(DEMO_CATALOG, { title: '银川市统一审批目录（演示）', createdAt: new Date('2025-01-01T00:00:00Z') });
const back = await readCatalogWorkbook(bytes);
if (back.problems.length > 0 || !isDeepStrictEqual(back.items, JSON.parse(JSON.stringify(DEMO_CATALOG)))) {
  throw new Error('the workbook does not read back as the demo catalog');
}
await writeFile(fileURLToPath(import.meta.resolve('../topology/demo-catalog.xlsx')), bytes);
process.stdout.write(`topology/demo-catalog.xlsx: ${DEMO_CATALOG.length} items, ${bytes.length} bytes\n`);
