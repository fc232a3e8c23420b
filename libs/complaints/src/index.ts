import { CreateComplaintTables1764710000000 } from './migrations/1764710000000-create-complaint-tables.js';

export * from './complaint-number.js';
export * from './complaint-routing.js';
export * from './complaint.repository.js';
export * from './complaints.module.js';

export const COMPLAINTS_MIGRATIONS = [CreateComplaintTables1764710000000];
