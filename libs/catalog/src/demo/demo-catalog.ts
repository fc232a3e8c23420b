import type { CatalogItemInput } from '../catalog-item.input.js';
import { BUSINESS_ITEMS } from './items-business.js';
import { CIVIL_AFFAIRS_ITEMS } from './items-civil-affairs.js';
import { HEALTH_AND_INSURANCE_ITEMS } from './items-health-and-insurance.js';
import { LAND_AND_SERVICES_ITEMS } from './items-land-and-services.js';
import { PUBLIC_SECURITY_ITEMS } from './items-public-security.js';

export { DEMO_COUNTY_IMPLEMENTATIONS, DEMO_COUNTY_ONLY_ITEMS, XINGQING, YONGNING, type CountyOnlyItem } from './county-items.js';
export { COUNTY_DEPARTMENTS, DEPARTMENTS as DEMO_DEPARTMENTS, type DemoDepartment } from './departments.js';

/**
 * The demo city's unified catalog (银川市统一审批目录): every item active from 2025-01-01, in
 * department order. Loaded by the run command so that the demo network starts with it.
 */
export const DEMO_CATALOG: readonly CatalogItemInput[] = [
  ...BUSINESS_ITEMS,
  ...PUBLIC_SECURITY_ITEMS,
  ...CIVIL_AFFAIRS_ITEMS,
  ...HEALTH_AND_INSURANCE_ITEMS,
  ...LAND_AND_SERVICES_ITEMS,
];
