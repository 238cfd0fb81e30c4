/**
 * Databases for medium tests (re-exported by `@tacu/testing`; kept here so the persistence
 * lib's own tests use them without a dependency cycle).
 *
 * PGlite: a migrated template folder is made once per migration set (initdb takes ~5 s) under
 * `os.tmpdir()/tacu-test-db` and copied per test file (~0.1–0.5 s). Server (TEST_DATABASE_URL):
 * every test file connects to that database, migrated once per run by the global setup, and
 * uses fresh ids: no truncation.
 */
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDataSource, type DataSourceConfig, type TacuDataSource } from '../data-source';
import { MIGRATIONS } from '../migrations';

/** The env variable through which the global setup hands the template path to test workers. */
export const TEMPLATE_ENV = 'TACU_TEST_PGLITE_TEMPLATE';
const READY = '.tacu-template-ready';

export type TestDataSourceOptions = Pick<DataSourceConfig, 'extraEntities' | 'extraMigrations' | 'logging' | 'poolSize'>;

function testRoot(): string {
  const root = join(tmpdir(), 'tacu-test-db');
  mkdirSync(root, { recursive: true });
  return root;
}

function migrationsKey(): string {
  const hash = createHash('sha256');
  for (const m of MIGRATIONS) hash.update(m.name).update(String(m.prototype.up)).update(String(m.prototype.down));
  return hash.digest('hex').slice(0, 16);
}

/** The path of a migrated PGlite template folder, created once per migration set. */
export async function ensurePgliteTemplate(): Promise<string> {
  const root = testRoot();
  const dir = join(root, `template-${migrationsKey()}`);
  if (existsSync(join(dir, READY))) return dir;
  const building = `${dir}.building-${process.pid}`;
  rmSync(building, { recursive: true, force: true });
  const ds = await openDataSource({ dataDir: building });
  await ds.destroy();
  writeFileSync(join(building, READY), new Date().toISOString());
  try {
    renameSync(building, dir);
  } catch {
    // Another run built it at the same moment: keep theirs.
    rmSync(building, { recursive: true, force: true });
    if (!existsSync(join(dir, READY))) throw new Error(`PGlite template ${dir} is incomplete`);
  }
  sweepStale(root, dir);
  return dir;
}

/** Removes templates and test copies left behind hours ago (older migration sets, killed runs). */
function sweepStale(root: string, keep: string): void {
  const cutoff = Date.now() - 6 * 60 * 60 * 1000;
  for (const name of readdirSync(root)) {
    const path = join(root, name);
    if (path === keep) continue;
    try {
      if (statSync(path).mtimeMs < cutoff) rmSync(path, { recursive: true, force: true });
    } catch {
      // in use or already gone
    }
  }
}

let copies = 0;

function copyTemplate(template: string): string {
  const dir = join(testRoot(), `copy-${process.pid}-${Date.now().toString(36)}-${copies++}`);
  cpSync(template, dir, { recursive: true });
  rmSync(join(dir, READY), { force: true });
  return dir;
}

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
  // A test's copy is thrown away: no fsync per commit (a third of an engine-heavy file's time).
  // The durable path the app runs is tested by durability.spec.ts, the lock and start-up tests.
  return withCleanup(await openDataSource({ ...options, dataDir, durable: false }), dataDir);
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
