import type { EntityManager } from 'typeorm';
import { sql } from '../sql';

/** What was read: the case with its record, its audit trail, its line in a list of cases, the list of its documents, or one document (`documentId`). */
export type CaseReadKind = 'case' | 'history' | 'list' | 'documents' | 'document';

export interface CaseRead {
  caseId: string;
  at: Date;
  actorId: string;
  actorRole: string;
  what: CaseReadKind;
  requestId: string | null;
  /** The document read, for `what: 'document'`. */
  documentId?: string | null;
}

/** The append-only log of who read which case, when (domain.md: every read is in the audit trail). */
export class CaseReadStore {
  constructor(private readonly manager: EntityManager) {}

  async record({ caseId, ...read }: CaseRead): Promise<void> {
    await this.recordEach([caseId], read);
  }

  /** One read of each case, in one statement: the cases of a page someone listed. */
  async recordEach(caseIds: readonly string[], read: Omit<CaseRead, 'caseId'>): Promise<void> {
    if (caseIds.length === 0) return;
    await sql(
      this.manager,
      `INSERT INTO case_reads (case_id, at, actor_id, actor_role, what, request_id, document_id)
       SELECT id, $2, $3, $4, $5, $6, $7 FROM unnest($1::uuid[]) WITH ORDINALITY AS listed(id, position) ORDER BY position`,
      [caseIds, read.at, read.actorId, read.actorRole, read.what, read.requestId, read.documentId ?? null],
    );
  }

  async listForCase(caseId: string): Promise<CaseRead[]> {
    const { rows } = await sql<CaseRead>(
      this.manager,
      `SELECT case_id AS "caseId", at, actor_id AS "actorId", actor_role AS "actorRole", what, request_id AS "requestId", document_id AS "documentId"
       FROM case_reads WHERE case_id = $1 ORDER BY id`,
      [caseId],
    );
    return rows;
  }
}
