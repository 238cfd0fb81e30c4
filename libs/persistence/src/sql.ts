import type { EntityManager } from 'typeorm';

export interface SqlResult<T> {
  rows: T[];
  /** Rows returned or affected. */
  rowCount: number;
}

/**
 * Runs hand-written SQL through the manager's own query runner (the transaction's connection,
 * which matters on PGlite: it is one session) and returns rows and affected count the same way
 * for SELECT, INSERT, UPDATE and DELETE.
 */
export async function sql<T = Record<string, unknown>>(manager: EntityManager, text: string, params: readonly unknown[] = []): Promise<SqlResult<T>> {
  const runner = manager.queryRunner;
  if (runner && !runner.isReleased) {
    const result = await runner.query(text, params as unknown[], true);
    return { rows: (result.records ?? []) as T[], rowCount: result.affected ?? 0 };
  }
  const own = manager.dataSource.createQueryRunner();
  try {
    const result = await own.query(text, params as unknown[], true);
    return { rows: (result.records ?? []) as T[], rowCount: result.affected ?? 0 };
  } finally {
    await own.release();
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
