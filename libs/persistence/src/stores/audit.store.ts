import type { EntityManager } from 'typeorm';
import { auditHash, verifyAuditChain, type ChainVerification } from '../hash';
import { jsonb, sql } from '../sql';

export interface NewAuditEvent {
  caseId: string;
  /** The case version after this step. */
  seq: number;
  at: Date;
  actorId: string;
  actorRole: string;
  eventType: string;
  fromState: string | null;
  toState: string;
  data: Record<string, unknown>;
  prevHash: string | null;
}

export interface AuditEventRow extends NewAuditEvent {
  id: string;
  hash: string;
}

const COLUMNS = `id, case_id AS "caseId", seq, at, actor_id AS "actorId", actor_role AS "actorRole",
  event_type AS "eventType", from_state AS "fromState", to_state AS "toState", data,
  prev_hash AS "prevHash", hash`;

/** The append-only, hash-chained audit trail of each case. */
export class AuditStore {
  constructor(private readonly manager: EntityManager) {}

  /** Appends one event and returns its hash (the new head of the chain). */
  async append(event: NewAuditEvent): Promise<string> {
    const data = JSON.parse(jsonb(event.data ?? {})) as Record<string, unknown>;
    const hash = auditHash({ ...event, data });
    await sql(
      this.manager,
      `INSERT INTO audit_events (case_id, seq, at, actor_id, actor_role, event_type, from_state, to_state, data, prev_hash, hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10, $11)`,
      [event.caseId, event.seq, event.at, event.actorId, event.actorRole, event.eventType, event.fromState, event.toState, jsonb(data), event.prevHash, hash],
    );
    return hash;
  }

  async listForCase(caseId: string): Promise<AuditEventRow[]> {
    const { rows } = await sql<AuditEventRow>(this.manager, `SELECT ${COLUMNS} FROM audit_events WHERE case_id = $1 ORDER BY seq`, [caseId]);
    return rows;
  }

  /** Recomputes the case's chain from its first event and checks it ends at cases.last_audit_hash. */
  async verifyChain(caseId: string): Promise<ChainVerification> {
    const events = await this.listForCase(caseId);
    const { rows } = await sql<{ head: string }>(this.manager, `SELECT last_audit_hash AS head FROM cases WHERE id = $1`, [caseId]);
    return verifyAuditChain(events, rows[0]?.head);
  }
}
