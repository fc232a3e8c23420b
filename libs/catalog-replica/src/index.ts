import { CreateCatalogReplicaTables1763900100000 } from './migrations/1763900100000-create-catalog-replica-tables.js';
import { KeyCatalogRevisionsByOrigin1764200000000 } from './migrations/1764200000000-key-catalog-revisions-by-origin.js';

export * from './catalog-replica.module.js';
export * from './catalog-replica.repository.js';
export * from './catalog-replica.service.js';
export * from './catalog-presenter.js';
export * from './origin.js';
export * from './public-catalog.service.js';

export const CATALOG_REPLICA_MIGRATIONS = [CreateCatalogReplicaTables1763900100000, KeyCatalogRevisionsByOrigin1764200000000];
