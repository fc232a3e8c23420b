/**
 * The demo counties' own catalog data: their county-only items and implementation-list entries.
 * The demo city's unified catalog is a workbook, topology/demo-catalog.xlsx, read through the
 * catalog workbook parser (`loadDemoCatalog` in libs/catalog-workbook).
 */
export { DEMO_COUNTY_IMPLEMENTATIONS, DEMO_COUNTY_ONLY_ITEMS, XINGQING, YONGNING, type CountyOnlyItem } from './county-items.js';
export { COUNTY_DEPARTMENTS, type DemoDepartment } from './departments.js';
