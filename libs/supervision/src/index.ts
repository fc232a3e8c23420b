import { CreateSupervisionTables1764400000000 } from './migrations/1764400000000-create-supervision-tables.js';

export * from './supervision.module.js';
export * from './supervision.service.js';
export * from './supervision.repository.js';
export * from './rectification.service.js';
export * from './week.js';

export const SUPERVISION_MIGRATIONS = [CreateSupervisionTables1764400000000];
