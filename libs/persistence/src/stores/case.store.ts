import type { EntityManager } from 'typeorm';
import { jsonb, sql } from '../sql';

/** A case row as the engine reads it. */
export interface CaseRow {
  id: string;
  workflowId: string;
  workflowVersion: number;
  areaId: string;
  familyId: string | null;
  childPersonId: string | null;
  origin: string | null;
  previousEpisodeId: string | null;
  leadPractitionerId: string | null;
  state: string;
  stage: string;
  status: string;
  closureReason: string | null;
  dueAt: Date | null;
  overdue: boolean;
  snapshot: unknown;
  version: number;
  lastAuditHash: string;
  openedAt: Date;
  updatedAt: Date;
  closedAt: Date | null;
  /**
   * The kinds in which the user the row was read for takes part in the case (`case_participants`:
   * opener, lead, invitee, actionOwner); present only when read with `forUserId`.
   */
  participation?: string[];
}

export type NewCaseRow = Omit<CaseRow, 'updatedAt' | 'closedAt' | 'participation'> & { closedAt?: Date | null };

/** What a transition changes on the case row; the due date is derived from the active timers. */
export interface CaseUpdate {
  id: string;
  /** The version after this transition (the row must currently hold version - 1). */
  version: number;
  state: string;
  stage: string;
  status: string;
  leadPractitionerId: string | null;
  closureReason: string | null;
  snapshot: unknown;
  lastAuditHash: string;
  at: Date;
  /** Delay names whose active timers are the due date (WorkflowDefinition.dueDateDelays). */
  dueDateDelays: readonly string[];
}

const COLUMNS = `id, workflow_id AS "workflowId", workflow_version AS "workflowVersion", area_id AS "areaId",
  family_id AS "familyId", child_person_id AS "childPersonId", origin, previous_episode_id AS "previousEpisodeId",
  lead_practitioner_id AS "leadPractitionerId", state, stage, status, closure_reason AS "closureReason",
  due_at AS "dueAt", overdue, snapshot, version, last_audit_hash AS "lastAuditHash",
  opened_at AS "openedAt", updated_at AS "updatedAt", closed_at AS "closedAt"`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True when `id` has the shape of a uuid (anything else can never name a case). */
export function isUuid(id: unknown): id is string {
  return typeof id === 'string' && UUID.test(id);
}

/** The case rows. Takes the transaction's manager; hot-path SQL written by hand. */
export class CaseStore {
  constructor(private readonly manager: EntityManager) {}

  /**
   * Reads and locks the case row until the transaction ends; null when there is no such case.
   * With `forUserId`, the row also says how that user takes part in the case (`participation`),
   * read in the same statement, so an access decision and the change see the same case.
   */
  async lock(id: string, forUserId?: string): Promise<CaseRow | null> {
    return this.read(id, forUserId, 'FOR UPDATE OF cases');
  }

  /** Reads the case row (and, with `forUserId`, that user's `participation`); null when there is none. */
  async find(id: string, forUserId?: string): Promise<CaseRow | null> {
    return this.read(id, forUserId, '');
  }

  private async read(id: string, forUserId: string | undefined, locking: string): Promise<CaseRow | null> {
    if (!isUuid(id)) return null;
    const { rows } =
      forUserId === undefined
        ? await sql<CaseRow>(this.manager, `SELECT ${COLUMNS} FROM cases WHERE id = $1 ${locking}`, [id])
        : await sql<CaseRow>(
            this.manager,
            `SELECT ${COLUMNS}, ARRAY(SELECT p.kind FROM case_participants p WHERE p.case_id = cases.id AND p.user_id = $2 ORDER BY p.kind) AS participation
             FROM cases WHERE id = $1 ${locking}`,
            [id, forUserId],
          );
    return rows[0] ?? null;
  }

  async exists(id: string): Promise<boolean> {
    const { rowCount } = await sql(this.manager, `SELECT 1 FROM cases WHERE id = $1`, [id]);
    return rowCount > 0;
  }

  async insert(row: NewCaseRow): Promise<void> {
    await sql(
      this.manager,
      `INSERT INTO cases (id, workflow_id, workflow_version, area_id, family_id, child_person_id, origin,
         previous_episode_id, lead_practitioner_id, state, stage, status, closure_reason, due_at, overdue,
         snapshot, version, last_audit_hash, opened_at, updated_at, closed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16::jsonb, $17, $18, $19, $19, $20)`,
      [
        row.id, row.workflowId, row.workflowVersion, row.areaId, row.familyId, row.childPersonId, row.origin,
        row.previousEpisodeId, row.leadPractitionerId, row.state, row.stage, row.status, row.closureReason,
        row.dueAt, row.overdue, jsonb(row.snapshot), row.version, row.lastAuditHash, row.openedAt, row.closedAt ?? null,
      ],
    );
  }

  /**
   * Writes a transition's result. The due date is the earliest active timer among the due-date
   * delays (fired-but-active ones included: a deadline that passed without leaving the stage keeps
   * the stage overdue); `overdue` is whether that date has passed at this write.
   */
  async update(u: CaseUpdate): Promise<{ dueAt: Date | null; overdue: boolean }> {
    const { rows, rowCount } = await sql<{ dueAt: Date | null; overdue: boolean }>(
      this.manager,
      `UPDATE cases SET state = $2, stage = $3, status = $4, lead_practitioner_id = $5, closure_reason = $6,
         snapshot = $7::jsonb, version = $8, last_audit_hash = $9, updated_at = $10,
         closed_at = CASE WHEN $4 = 'closed' THEN coalesce(closed_at, $10) ELSE NULL END,
         due_at = d.due_at, overdue = coalesce(d.due_at <= $10, false)
       FROM (SELECT min(due_at) AS due_at FROM timers
             WHERE case_id = $1 AND active AND delay_name = ANY($11::text[])) d
       WHERE id = $1 AND version = $8 - 1
       RETURNING cases.due_at AS "dueAt", cases.overdue`,
      [u.id, u.state, u.stage, u.status, u.leadPractitionerId, u.closureReason, jsonb(u.snapshot), u.version, u.lastAuditHash, u.at, [...u.dueDateDelays]],
    );
    if (rowCount !== 1) throw new Error(`case ${u.id} is not at version ${u.version - 1} (lock it before updating)`);
    return rows[0];
  }

  /**
   * Moves the case to `version` for a change that is not a transition of its machine (a change
   * to its family's details): the new audit head and the time; state, snapshot and deadlines
   * stay. The row must hold version - 1 (locked by the caller).
   */
  async advance(id: string, version: number, lastAuditHash: string, at: Date): Promise<void> {
    const { rowCount } = await sql(this.manager, `UPDATE cases SET version = $2, last_audit_hash = $3, updated_at = $4 WHERE id = $1 AND version = $2 - 1`, [id, version, lastAuditHash, at]);
    if (rowCount !== 1) throw new Error(`case ${id} is not at version ${version - 1} (lock it before advancing)`);
  }
}
