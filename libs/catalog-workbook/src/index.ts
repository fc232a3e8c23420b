export * from './layout.js';
export { readCatalogWorkbook, parseCatalogWorkbook, MAX_ROWS, type ParsedCatalog, type WorkbookProblem } from './read-catalog-workbook.js';
export { catalogWorkbook, writeCatalogWorkbook, type CatalogWorkbookOptions } from './write-catalog-workbook.js';
export { DEMO_CATALOG_PATH, demoCatalogFile, loadDemoCatalog } from './demo-catalog.js';
export { importOutcome, sameItem, type ImportOutcome } from './import-plan.js';
