import { CreateSupervisionTables1764400000000 } from './migrations/1764400000000-create-supervision-tables.js';
import { CreateAccountabilityRecords1764710000100 } from './migrations/1764710000100-create-accountability-records.js';
import { RectificationSource1764800100000 } from './migrations/1764800100000-rectification-source.js';

export * from './supervision.module.js';
export * from './supervision.service.js';
export * from './supervision.repository.js';
export * from './rectification.service.js';
export * from './week.js';
export * from './accountability-rules.js';
export * from './accountability.repository.js';
export * from './accountability.service.js';

export const SUPERVISION_MIGRATIONS = [CreateSupervisionTables1764400000000, CreateAccountabilityRecords1764710000100, RectificationSource1764800100000];
