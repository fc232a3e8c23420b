import { CreateMonitorTables1764500000000 } from './migrations/1764500000000-create-monitor-tables.js';

export * from './monitor-case-row.js';
export * from './monitor-deltas.js';
export * from './monitor-errors.js';
export * from './monitor-row-check.js';
export * from './keyset-cursor.js';
export * from './monitor.repository.js';
export * from './monitor-rebuild.repository.js';
export * from './monitor.module.js';
export * from './testing/monitor-row.factory.js';
export { BUILD_SCHEMA, type Queryable } from './monitor-tables.js';

export const MONITOR_MIGRATIONS = [CreateMonitorTables1764500000000];
