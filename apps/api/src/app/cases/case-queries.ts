/**
 * The read side of cases for the API: lists with the coordinator's filters and cursor
 * pagination, a case with its deadlines and siblings, and its audit trail. Need to know is part
 * of the SQL (`caseVisibilityFilter` of libs/auth), so a list never loads what the caller may not
 * see. Writes go through the engine only.
 */
import type { EntityManager } from 'typeorm';
import type { CaseVisibilityFilter, CaseVisibilityRule } from '@tacu/auth';
import { sql, type CaseRow } from '@tacu/persistence';
import type { PageCursors } from './page-cursors';

export type CaseSort = 'openedAt' | 'dueAt';

export interface CaseListFilter {
  stage?: string;
  state?: string;
  status?: string;
  leadPractitionerId?: string;
  areaId?: string;
  familyId?: string;
  overdue?: boolean;
  dueBefore?: Date;
}

export interface CaseListPage {
  sort: CaseSort;
  limit: number;
  cursor?: string;
  /** Verifies `cursor` before it is used, and signs the next page's. */
  cursors: PageCursors;
}

/** A case row as listed: the engine's CaseRow plus the exact sort key for the cursor. */
export type ListedCaseRow = Omit<CaseRow, 'lastAuditHash'> & { sortKey: string | null };

const CASE_COLUMNS = `c.id, c.workflow_id AS "workflowId", c.workflow_version AS "workflowVersion", c.area_id AS "areaId",
  c.family_id AS "familyId", c.child_person_id AS "childPersonId", c.origin, c.previous_episode_id AS "previousEpisodeId",
  c.lead_practitioner_id AS "leadPractitionerId", c.state, c.stage, c.status, c.closure_reason AS "closureReason",
  c.due_at AS "dueAt", c.overdue, c.snapshot, c.version, c.opened_at AS "openedAt", c.updated_at AS "updatedAt",
  c.closed_at AS "closedAt"`;

/** Builds `$n` placeholders while collecting their values. */
class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

function visibilityRuleSql(rule: CaseVisibilityRule, p: Params): string {
  switch (rule.kind) {
    case 'area':
      return `c.area_id = ${p.add(rule.areaId)}`;
    case 'areaInStage':
      return `(c.area_id = ${p.add(rule.areaId)} AND c.stage = ${p.add(rule.stage)})`;
    case 'leadPractitioner':
      return `c.lead_practitioner_id = ${p.add(rule.userId)}`;
    case 'invitee':
      // Any `invitees` list anywhere in the record that names this user (see libs/auth invitedPersonIds).
      return `jsonb_path_exists(c.snapshot, 'lax $.**.invitees[*] ? (@.personId == $id)', jsonb_build_object('id', ${p.add(rule.userId)}::text))`;
  }
}

export function visibilitySql(filter: CaseVisibilityFilter, p: Params): string {
  if (filter.kind === 'none' || filter.rules.length === 0) return 'false';
  return `(${filter.rules.map((rule) => visibilityRuleSql(rule, p)).join(' OR ')})`;
}

export class CaseQueries {
  constructor(private readonly manager: EntityManager) {}

  async list(visibility: CaseVisibilityFilter, filter: CaseListFilter, page: CaseListPage, now: Date): Promise<{ rows: ListedCaseRow[]; nextCursor: string | null }> {
    const p = new Params();
    const where: string[] = [visibilitySql(visibility, p)];
    if (filter.stage !== undefined) where.push(`c.stage = ${p.add(filter.stage)}`);
    if (filter.state !== undefined) where.push(`c.state = ${p.add(filter.state)}`);
    if (filter.status !== undefined) where.push(`c.status = ${p.add(filter.status)}`);
    if (filter.leadPractitionerId !== undefined) where.push(`c.lead_practitioner_id = ${p.add(filter.leadPractitionerId)}`);
    if (filter.areaId !== undefined) where.push(`c.area_id = ${p.add(filter.areaId)}`);
    if (filter.familyId !== undefined) where.push(`c.family_id = ${p.add(filter.familyId)}::uuid`);
    if (filter.overdue !== undefined) {
      const overdue = `(c.status <> 'closed' AND c.due_at IS NOT NULL AND c.due_at <= ${p.add(now)})`;
      where.push(filter.overdue ? overdue : `NOT ${overdue}`);
    }
    if (filter.dueBefore !== undefined) where.push(`c.due_at < ${p.add(filter.dueBefore)}`);

    // (opened_at, id) newest first, or (due_at, id) soonest first over cases with a running deadline.
    const column = page.sort === 'dueAt' ? 'c.due_at' : 'c.opened_at';
    const direction = page.sort === 'dueAt' ? 'ASC' : 'DESC';
    if (page.sort === 'dueAt') where.push('c.due_at IS NOT NULL');
    if (page.cursor !== undefined) {
      const { key, id } = page.cursors.decode(page.cursor, page.sort);
      const op = page.sort === 'dueAt' ? '>' : '<';
      where.push(`(${column}, c.id) ${op} (${p.add(key)}::timestamptz, ${p.add(id)}::uuid)`);
    }
    const limit = p.add(page.limit + 1);
    const { rows } = await sql<ListedCaseRow>(
      this.manager,
      `SELECT ${CASE_COLUMNS}, to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "sortKey"
       FROM cases c WHERE ${where.join(' AND ')}
       ORDER BY ${column} ${direction}, c.id ${direction} LIMIT ${limit}`,
      p.values,
    );
    const more = rows.length > page.limit;
    const items = more ? rows.slice(0, page.limit) : rows;
    const last = items[items.length - 1];
    return { rows: items, nextCursor: more && last?.sortKey ? page.cursors.encode(page.sort, last.sortKey, last.id) : null };
  }

  /** Active deadlines of the case (stage due date, reminders, checks), soonest first. */
  async deadlines(caseId: string): Promise<Array<{ name: string | null; eventType: string; dueAt: Date; fired: boolean }>> {
    const { rows } = await sql<{ name: string | null; eventType: string; dueAt: Date; fired: boolean }>(
      this.manager,
      `SELECT delay_name AS name, event_type AS "eventType", due_at AS "dueAt", fired_at IS NOT NULL AS fired
       FROM timers WHERE case_id = $1 AND active ORDER BY due_at, id`,
      [caseId],
    );
    return rows;
  }

  /** Other cases of the same family that the caller may see (sibling cases). */
  async siblings(caseId: string, familyId: string, visibility: CaseVisibilityFilter): Promise<Array<{ id: string; childPersonId: string | null; stage: string; status: string }>> {
    const p = new Params();
    const where = [`c.family_id = ${p.add(familyId)}::uuid`, `c.id <> ${p.add(caseId)}::uuid`, visibilitySql(visibility, p)];
    const { rows } = await sql<{ id: string; childPersonId: string | null; stage: string; status: string }>(
      this.manager,
      `SELECT c.id, c.child_person_id AS "childPersonId", c.stage, c.status FROM cases c WHERE ${where.join(' AND ')} ORDER BY c.opened_at, c.id`,
      p.values,
    );
    return rows;
  }
}
