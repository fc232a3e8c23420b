export * from './roles.js';
export * from './scope.js';
export * from './password-policy.js';
export * from './errors.js';
export * from './access/roles.decorator.js';
export * from './access/current-staff.decorator.js';
export * from './access/signed-in-staff.js';
export * from './access/request-origin.js';
export * from './audit/audit.service.js';
export * from './audit/audited.decorator.js';
export * from './auth/tokens.js';
export * from './demo/demo-accounts.js';
export * from './staff/create-admin.js';
export * from './staff/backup-lookup.service.js';
export * from './identity.module.js';
export * from './migrations/1764000000000-create-identity-tables.js';

import { CreateIdentityTables1764000000000 } from './migrations/1764000000000-create-identity-tables.js';

/** The identity library's migrations, in order; every app runs them after the backbone's. */
export const IDENTITY_MIGRATIONS = [CreateIdentityTables1764000000000];
