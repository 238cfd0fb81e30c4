import type { EntityManager } from 'typeorm';
import { jsonb, sql } from '../sql';

export interface IdempotencyRecord {
  requestHash: string;
  response: unknown;
}

/** Stored answers of commands sent with an idempotency key. Scope: the case id, or `open:<actor id>` for an opening. */
export class IdempotencyStore {
  constructor(private readonly manager: EntityManager) {}

  async find(scope: string, key: string): Promise<IdempotencyRecord | null> {
    const { rows } = await sql<IdempotencyRecord>(
      this.manager,
      `SELECT request_hash AS "requestHash", response FROM idempotency_records WHERE scope = $1 AND key = $2`,
      [scope, key],
    );
    return rows[0] ?? null;
  }

  async save(scope: string, key: string, requestHash: string, response: unknown, at: Date): Promise<void> {
    await sql(
      this.manager,
      `INSERT INTO idempotency_records (scope, key, request_hash, response, created_at) VALUES ($1, $2, $3, $4::jsonb, $5)`,
      [scope, key, requestHash, jsonb(response), at],
    );
  }

  /**
   * Serialises commands that share a key within this transaction (used by `open`, which has no
   * case row to lock yet). Released at commit or rollback.
   */
  async lockKey(scope: string, key: string): Promise<void> {
    await sql(this.manager, `SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`idempotency:${scope}:${key}`]);
  }
}
