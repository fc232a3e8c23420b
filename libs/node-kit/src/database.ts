import { DataSource, type DataSourceOptions, type MixedList } from 'typeorm';

/** Any number that names the node's migration lock; the same in every replica of the node. */
const MIGRATION_LOCK = 7_101_001;

export function dataSourceOptions(url: string, migrations: MixedList<Function>, entities: MixedList<Function>, applicationName: string): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities,
    migrations,
    migrationsTableName: 'migrations',
    // The schema changes only through migrations, never by schema sync.
    synchronize: false,
    migrationsRun: false,
    logging: ['error'],
    applicationName,
    extra: { max: 10, connectionTimeoutMillis: 10000 },
  };
}

/**
 * Opens the node's database and runs its pending migrations, each in its own transaction, under an
 * advisory lock so that replicas starting together do not race.
 */
export async function openDatabase(options: DataSourceOptions): Promise<DataSource> {
  const ds = new DataSource(options);
  await ds.initialize();
  const runner = ds.createQueryRunner();
  try {
    await runner.connect();
    await runner.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await ds.runMigrations({ transaction: 'each' });
  } finally {
    await runner.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await runner.release();
  }
  return ds;
}

/** A row as the API and the events speak of it: nulls become absent fields, Dates ISO strings. */
export function cleanRow<T extends object>(row: Record<string, unknown>): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) {
    if (v === null) continue;
    out[k] = v instanceof Date ? v.toISOString() : v;
  }
  return out as T;
}
