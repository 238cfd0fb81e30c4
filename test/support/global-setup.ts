/**
 * Jest global setup (both configs). With TEST_DATABASE_URL: recreate that server database's
 * public schema and run the migrations once; test files connect to it and use fresh ids.
 * Without: build (or reuse) the migrated PGlite template folder and pass its path to the
 * test workers through the environment.
 */
import { Client } from 'pg';
// Loaded by Jest's globalSetup outside the module map: relative imports only.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { ensurePgliteTemplate, openDataSource, TEMPLATE_ENV } from '../../libs/persistence/src/index';

export default async function globalSetup(): Promise<void> {
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    await resetServerDatabase(url);
    return;
  }
  process.env[TEMPLATE_ENV] = await ensurePgliteTemplate();
}

async function resetServerDatabase(url: string): Promise<void> {
  await createDatabaseIfMissing(url);
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('DROP SCHEMA IF EXISTS public CASCADE');
    await client.query('CREATE SCHEMA public');
  } finally {
    await client.end();
  }
  const ds = await openDataSource({ url, poolSize: 1 });
  await ds.destroy();
}

async function createDatabaseIfMissing(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.replace(/^\//, ''));
  if (!name || name === 'postgres') return;
  target.pathname = '/postgres';
  const admin = new Client({ connectionString: target.toString() });
  await admin.connect();
  try {
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await admin.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
  } finally {
    await admin.end();
  }
}
