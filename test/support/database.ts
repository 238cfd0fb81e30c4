/**
 * Databases for medium tests. On PGlite each test file gets its own copy of the migrated
 * template folder; with TEST_DATABASE_URL every file connects to that server database (migrated
 * once by the global setup) and uses fresh ids: no truncation.
 */
import { rmSync } from 'node:fs';
import { openDataSource, type DataSourceConfig, type TacuDataSource } from '@tacu/persistence';
import { copyTemplate, ensurePgliteTemplate, TEMPLATE_ENV } from './template';

export type TestDataSourceOptions = Pick<DataSourceConfig, 'extraEntities' | 'extraMigrations' | 'logging' | 'poolSize'>;

const ownedDirs = new WeakMap<TacuDataSource, string>();

/** True when the suite runs against the PostgreSQL server (npm run test:server). */
export function onServer(): boolean {
  return Boolean(process.env.TEST_DATABASE_URL);
}

/** Opens a database for one test file; destroy() closes it (and removes a PGlite copy). */
export async function createTestDataSource(options: TestDataSourceOptions = {}): Promise<TacuDataSource> {
  const url = process.env.TEST_DATABASE_URL;
  if (url) return openDataSource({ ...options, url, migrationsRun: Boolean(options.extraMigrations?.length) });
  const template = process.env[TEMPLATE_ENV] ?? (await ensurePgliteTemplate());
  const dataDir = copyTemplate(template);
  return withCleanup(await openDataSource({ ...options, dataDir }), dataDir);
}

/**
 * Simulates a process restart: closes the DataSource (PGlite flushes and closes its folder) and
 * opens the same database again.
 */
export async function restartTestDataSource(ds: TacuDataSource, options: TestDataSourceOptions = {}): Promise<TacuDataSource> {
  const dataDir = ownedDirs.get(ds);
  ownedDirs.delete(ds);
  await ds.destroy();
  const url = process.env.TEST_DATABASE_URL;
  if (url) return openDataSource({ ...options, url, migrationsRun: false });
  if (!dataDir) throw new Error('restartTestDataSource: not a PGlite test database');
  return withCleanup(await openDataSource({ ...options, dataDir }), dataDir);
}

function withCleanup(ds: TacuDataSource, dataDir: string): TacuDataSource {
  ownedDirs.set(ds, dataDir);
  const destroy = ds.destroy.bind(ds);
  ds.destroy = async () => {
    await destroy();
    const owned = ownedDirs.get(ds);
    ownedDirs.delete(ds);
    if (owned) rmSync(owned, { recursive: true, force: true });
  };
  return ds;
}
