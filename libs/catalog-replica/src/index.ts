import { CreateCatalogReplicaTables1763900100000 } from './migrations/1763900100000-create-catalog-replica-tables.js';

export * from './catalog-replica.module.js';
export * from './catalog-replica.repository.js';
export * from './catalog-replica.service.js';
export * from './catalog-presenter.js';

export const CATALOG_REPLICA_MIGRATIONS = [CreateCatalogReplicaTables1763900100000];
