import type { EntityManager } from 'typeorm';
import { jsonb, sql } from '../sql';

export interface NewOutboxMessage {
  caseId: string;
  /** The machine's action name (`notify`, ...). */
  kind: string;
  payload: unknown;
}

export interface OutboxMessageRow extends NewOutboxMessage {
  id: string;
  createdAt: Date;
  processedAt: Date | null;
  attempts: number;
}

const COLUMNS = `id, case_id AS "caseId", kind, payload, created_at AS "createdAt", processed_at AS "processedAt", attempts`;

/** Side effects written in the transition's transaction and delivered after commit by a worker. */
export class OutboxStore {
  constructor(private readonly manager: EntityManager) {}

  async add(messages: readonly NewOutboxMessage[], at: Date): Promise<void> {
    if (messages.length === 0) return;
    const params: unknown[] = [at];
    const values = messages.map((m) => {
      const base = params.length;
      params.push(m.caseId, m.kind, jsonb(m.payload ?? {}));
      return `($${base + 1}, $${base + 2}, $${base + 3}::jsonb, $1)`;
    });
    await sql(this.manager, `INSERT INTO outbox (case_id, kind, payload, created_at) VALUES ${values.join(', ')}`, params);
  }

  async listForCase(caseId: string): Promise<OutboxMessageRow[]> {
    const { rows } = await sql<OutboxMessageRow>(this.manager, `SELECT ${COLUMNS} FROM outbox WHERE case_id = $1 ORDER BY id`, [caseId]);
    return rows;
  }

  /** Locks up to `limit` undelivered messages for this transaction (other workers skip them). */
  async claimPending(limit: number, kinds?: readonly string[]): Promise<OutboxMessageRow[]> {
    const { rows } = await sql<OutboxMessageRow>(
      this.manager,
      `SELECT ${COLUMNS} FROM outbox WHERE processed_at IS NULL AND ($2::text[] IS NULL OR kind = ANY($2::text[]))
       ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
      [limit, kinds ? [...kinds] : null],
    );
    return rows;
  }

  async markProcessed(id: string, at: Date): Promise<void> {
    await sql(this.manager, `UPDATE outbox SET processed_at = $2, attempts = attempts + 1 WHERE id = $1`, [id, at]);
  }

  async recordFailedAttempt(id: string): Promise<void> {
    await sql(this.manager, `UPDATE outbox SET attempts = attempts + 1 WHERE id = $1`, [id]);
  }
}
