import { createHash } from 'node:crypto';
import { QueryFailedError, type EntityManager, type QueryRunner } from 'typeorm';

export interface SqlResult<T> {
  rows: T[];
  /** Rows returned or affected. */
  rowCount: number;
}

interface PgClient {
  query(config: { name?: string; text: string; values?: unknown[] }): Promise<{ rows: unknown[]; rowCount: number | null }>;
}

const names = new Map<string, string>();

/** A stable prepared-statement name per SQL text. */
function statementName(text: string): string {
  let name = names.get(text);
  if (!name) {
    name = `tacu_${createHash('sha1').update(text).digest('hex').slice(0, 16)}`;
    names.set(text, name);
  }
  return name;
}

/**
 * Runs hand-written SQL on the manager's own connection (the transaction's: on PGlite there is
 * only one session) and returns rows and affected count alike for SELECT, INSERT, UPDATE and
 * DELETE. Statements are *named* so that each connection parses and plans them once: planning
 * is a large part of a small statement's cost, most of all on PGlite (WebAssembly).
 */
export async function sql<T = Record<string, unknown>>(manager: EntityManager, text: string, params: readonly unknown[] = []): Promise<SqlResult<T>> {
  const runner = manager.queryRunner;
  if (runner && !runner.isReleased) return run<T>(runner, text, params);
  const own = manager.dataSource.createQueryRunner();
  try {
    return await run<T>(own, text, params);
  } finally {
    await own.release();
  }
}

async function run<T>(runner: QueryRunner, text: string, params: readonly unknown[]): Promise<SqlResult<T>> {
  const client = (await runner.connect()) as PgClient;
  runner.manager.dataSource.logger.logQuery(text, params as unknown[], runner);
  try {
    const result = await client.query({ name: statementName(text), text, values: params as unknown[] });
    return { rows: result.rows as T[], rowCount: result.rowCount ?? 0 };
  } catch (err) {
    runner.manager.dataSource.logger.logQueryError(err as Error, text, params as unknown[], runner);
    throw new QueryFailedError(text, params as unknown[], err as Error);
  }
}

/** A jsonb parameter: always serialise explicitly (pg would turn a JS array into a PostgreSQL array). */
export function jsonb(value: unknown): string {
  return JSON.stringify(value ?? null);
}

/** A timestamptz column value as an ISO string (pg returns Date objects). */
export function iso(value: Date | string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  return (value instanceof Date ? value : new Date(value)).toISOString();
}
