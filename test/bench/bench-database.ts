/**
 * The benchmarks' server database: whether a server is there at all, and the database, created
 * if missing, its public schema dropped and made anew, so each run starts empty. Never point it
 * at a database whose data matters.
 */
import { Client } from 'pg';

/** Whether a PostgreSQL server answers at `url` (its `postgres` database): otherwise the benches skip it. */
export async function reachable(url: string): Promise<boolean> {
  const c = new Client({ connectionString: Object.assign(new URL(url), { pathname: '/postgres' }).toString(), connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    await c.end();
    return true;
  } catch {
    return false;
  }
}

export async function recreateBenchDatabase(url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  const admin = new Client({ connectionString: Object.assign(new URL(url), { pathname: '/postgres' }).toString() });
  await admin.connect();
  try {
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const reset = new Client({ connectionString: url });
  await reset.connect();
  try {
    await reset.query('DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public');
  } finally {
    await reset.end();
  }
}
