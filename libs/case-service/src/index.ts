import { CreateCaseTables1764300000000 } from './migrations/1764300000000-create-case-tables.js';

export * from './case-service.module.js';
export * from './case-file.js';
export * from './case-view.js';

export const CASE_SERVICE_MIGRATIONS = [CreateCaseTables1764300000000];
