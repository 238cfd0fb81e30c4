/**
 * The pre-request checklists (migration PreRequestChecklists1795392700000): written once, linked
 * once to the case they led to, never edited or deleted; and the append-only log of who made,
 * read, listed or linked each. Takes the caller's EntityManager, so linking a checklist commits
 * with the case it is linked to. Need to know is the caller's (libs/auth via the API).
 */
import type { EntityManager } from 'typeorm';
import type { ChecklistCompletedWith, ChecklistOutcome, OutcomeFramework, OutcomeRating } from '@tacu/domain';
import { jsonb, sql } from '../sql';

export interface NewPreRequestChecklist {
  areaId: string;
  madeBy: string;
  madeAt: Date;
  childName: string;
  /** Each outcome of its framework once. */
  ratings: OutcomeRating[];
  /**
   * The outcome framework it was rated on (a copy of the definition); null for checklists made
   * before frameworks were configurable, rated on Ireland's five national outcomes.
   */
  framework: OutcomeFramework | null;
  completedWith: ChecklistCompletedWith;
  outcome: ChecklistOutcome;
  /** What was done instead: only (and always) when no Meitheal is needed. */
  actionTaken: string | null;
}

export interface PreRequestChecklistRow extends NewPreRequestChecklist {
  id: string;
  caseId: string | null;
  linkedBy: string | null;
  linkedAt: Date | null;
  /** Read for a user (`forUserId`): whether they lead the case it is linked to. */
  leadOfLinkedCase?: boolean;
}

/** What a checklist event records: made, read, listed (its line in a list), linked to a case. */
export type ChecklistEventKind = 'made' | 'read' | 'listed' | 'linked';

export interface ChecklistEvent {
  at: Date;
  actorId: string;
  actorRole: string;
  what: ChecklistEventKind;
  caseId?: string | null;
  requestId: string | null;
}

/** Counts of an area's checklists by what they led to. */
export interface ChecklistFigures {
  requestForSupport: number;
  noMeithealNeeded: number;
  /** Requests for support linked to the case they opened. */
  linkedToCase: number;
}

export const CHECKLIST_COLUMNS = `k.id, k.area_id AS "areaId", k.made_by AS "madeBy", k.made_at AS "madeAt", k.child_name AS "childName",
  k.ratings, k.framework, k.completed_with AS "completedWith", k.outcome, k.action_taken AS "actionTaken", k.case_id AS "caseId",
  k.linked_by AS "linkedBy", k.linked_at AS "linkedAt"`;

/** Whether `$2` leads the case the checklist `k` is linked to (case_participants, kind lead). */
export const LEADS_LINKED_CASE_SQL = (user: string) =>
  `EXISTS (SELECT 1 FROM case_participants lp WHERE lp.case_id = k.case_id AND lp.user_id = ${user} AND lp.kind = 'lead')`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class PreRequestChecklistStore {
  constructor(private readonly manager: EntityManager) {}

  async insert(checklist: NewPreRequestChecklist): Promise<PreRequestChecklistRow> {
    const { rows } = await sql<PreRequestChecklistRow>(
      this.manager,
      `INSERT INTO pre_request_checklists AS k (area_id, made_by, made_at, child_name, ratings, framework, completed_with, outcome, action_taken)
       VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb, $7, $8, $9)
       RETURNING ${CHECKLIST_COLUMNS}`,
      [
        checklist.areaId,
        checklist.madeBy,
        checklist.madeAt,
        checklist.childName,
        jsonb(checklist.ratings),
        checklist.framework === null ? null : jsonb(checklist.framework),
        checklist.completedWith,
        checklist.outcome,
        checklist.actionTaken,
      ],
    );
    const row = rows[0];
    if (!row) throw new Error('insert: no checklist returned');
    return row;
  }

  /** The checklist and whether `forUserId` leads the case it is linked to; null when there is none. */
  async find(id: string, forUserId: string): Promise<PreRequestChecklistRow | null> {
    return this.read(id, forUserId, '');
  }

  /** The same, locked until the transaction ends (to link it to a case). */
  async lock(id: string, forUserId: string): Promise<PreRequestChecklistRow | null> {
    return this.read(id, forUserId, 'FOR UPDATE OF k');
  }

  private async read(id: string, forUserId: string, locking: string): Promise<PreRequestChecklistRow | null> {
    if (!UUID.test(id)) return null;
    const { rows } = await sql<PreRequestChecklistRow>(
      this.manager,
      `SELECT ${CHECKLIST_COLUMNS}, ${LEADS_LINKED_CASE_SQL('$2')} AS "leadOfLinkedCase" FROM pre_request_checklists k WHERE k.id = $1 ${locking}`,
      [id, forUserId],
    );
    return rows[0] ?? null;
  }

  /** The checklist linked to a case, if any. */
  async idOfCase(caseId: string): Promise<string | null> {
    const { rows } = await sql<{ id: string }>(this.manager, `SELECT id FROM pre_request_checklists WHERE case_id = $1`, [caseId]);
    return rows[0]?.id ?? null;
  }

  /** Links a checklist not linked yet to the case it led to; false when it was linked already. */
  async link(id: string, caseId: string, by: string, at: Date): Promise<boolean> {
    const { rowCount } = await sql(this.manager, `UPDATE pre_request_checklists SET case_id = $2, linked_by = $3, linked_at = $4 WHERE id = $1 AND case_id IS NULL`, [id, caseId, by, at]);
    return rowCount === 1;
  }

  /** Counts of an area's checklists. */
  async figures(areaId: string): Promise<ChecklistFigures> {
    const { rows } = await sql<ChecklistFigures>(
      this.manager,
      `SELECT count(*) FILTER (WHERE outcome = 'requestForSupport')::int AS "requestForSupport",
              count(*) FILTER (WHERE outcome = 'noMeithealNeeded')::int AS "noMeithealNeeded",
              count(case_id)::int AS "linkedToCase"
       FROM pre_request_checklists WHERE area_id = $1`,
      [areaId],
    );
    return rows[0] ?? { requestForSupport: 0, noMeithealNeeded: 0, linkedToCase: 0 };
  }

  /** One event for each checklist, in one statement (a listed page is one event per line). */
  async recordEach(checklistIds: readonly string[], event: ChecklistEvent): Promise<void> {
    if (checklistIds.length === 0) return;
    await sql(
      this.manager,
      `INSERT INTO pre_request_checklist_events (checklist_id, at, actor_id, actor_role, what, case_id, request_id)
       SELECT id, $2, $3, $4, $5, $6, $7 FROM unnest($1::uuid[]) WITH ORDINALITY AS listed(id, position) ORDER BY position`,
      [checklistIds, event.at, event.actorId, event.actorRole, event.what, event.caseId ?? null, event.requestId],
    );
  }

  async listEvents(checklistId: string): Promise<Array<ChecklistEvent & { checklistId: string }>> {
    const { rows } = await sql<ChecklistEvent & { checklistId: string }>(
      this.manager,
      `SELECT checklist_id AS "checklistId", at, actor_id AS "actorId", actor_role AS "actorRole", what, case_id AS "caseId", request_id AS "requestId"
       FROM pre_request_checklist_events WHERE checklist_id = $1 ORDER BY id`,
      [checklistId],
    );
    return rows;
  }
}
