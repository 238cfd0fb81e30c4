/**
 * The read side of cases for the API: lists with the coordinator's filters and cursor
 * pagination, a case with its deadlines and siblings, and its audit trail. Need to know is part
 * of the SQL (`caseVisibilityFilter` of libs/auth), so a list never loads what the caller may not
 * see. Writes go through the engine only.
 */
import type { EntityManager } from 'typeorm';
import type { CaseVisibilityFilter, CaseVisibilityRule } from '@tacu/auth';
import { isUuid, sql, type CaseRow } from '@tacu/persistence';
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
  /** Only cases not closed (the pages' "open cases"). */
  open?: boolean;
  /** The pages' search: the child's name (any part, accents ignored) or a case reference (`C-3F2A9C1B`, or its first characters). */
  search?: string;
}

/** A case reference as people quote it: `C-` and up to 8 hexadecimal digits, the start of the case id. */
const REFERENCE = /^c?-?([0-9a-f]{4,8})$/i;
/** Letters with a fada (and other accents met in names) read as the plain letter: "Sean" finds "Seán". */
const ACCENTED = 'áàâäãéèêëíìîïóòôöõúùûüçñ';
const PLAIN = 'aaaaaeeeeiiiiooooouuuucn';

/** `text` for a LIKE pattern: `%`, `_` and the escape character taken literally. */
function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * The search as a condition on the case `c` and its child `m`: a part of the name, or the start of
 * the case id. Both sides are compared in Unicode NFC (libs/domain names.ts): "Seán" typed with a
 * combining accent finds the name stored with a precomposed á, and a name stored before names were
 * normalised is found too.
 */
function searchSql(search: string, p: Params): string {
  const plain = [...search.trim().normalize('NFC').toLowerCase()].map((ch) => {
    const at = ACCENTED.indexOf(ch);
    return at === -1 ? ch : PLAIN[at];
  }).join('');
  const name = `translate(lower(normalize(m.name, NFC)), ${p.add(ACCENTED)}, ${p.add(PLAIN)}) LIKE ${p.add(`%${likeLiteral(plain)}%`)}`;
  const reference = REFERENCE.exec(search.trim());
  return reference ? `(${name} OR c.id::text LIKE ${p.add(`${(reference[1] as string).toLowerCase()}%`)})` : name;
}

export interface CaseListPage {
  sort: CaseSort;
  /** Read each case's child's name too (`childName`), for the pages. */
  withChildName?: boolean;
  limit: number;
  cursor?: string;
  /** Verifies `cursor` before it is used, and signs the next page's. */
  cursors: PageCursors;
}

/** A case row as listed: the columns a summary shows (never the snapshot), plus the exact sort key for the cursor. */
export type ListedCaseRow = Omit<CaseRow, 'lastAuditHash' | 'snapshot' | 'participation'> & { sortKey: string | null; childName?: string | null };

/** The columns of a case summary: a list never reads the record (snapshot) it does not return. */
const SUMMARY_COLUMNS = `c.id, c.workflow_id AS "workflowId", c.workflow_version AS "workflowVersion", c.area_id AS "areaId",
  c.family_id AS "familyId", c.child_person_id AS "childPersonId", c.origin, c.previous_episode_id AS "previousEpisodeId",
  c.lead_practitioner_id AS "leadPractitionerId", c.state, c.stage, c.status, c.closure_reason AS "closureReason",
  c.due_at AS "dueAt", c.overdue, c.version, c.opened_at AS "openedAt", c.updated_at AS "updatedAt",
  c.closed_at AS "closedAt"`;

/** Builds `$n` placeholders while collecting their values. */
class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** A rule that reads only the case row's own columns, as a condition on `c`. */
function columnRuleSql(rule: Extract<CaseVisibilityRule, { kind: 'area' | 'areaInStage' }>, p: Params, alias = 'c'): string {
  return rule.kind === 'area'
    ? `${alias}.area_id = ${p.add(rule.areaId)}`
    : `(${alias}.area_id = ${p.add(rule.areaId)} AND ${alias}.stage = ${p.add(rule.stage)})`;
}

/** The ids of the cases one rule lets the actor see, as a subquery (indexed on every path). */
function ruleCaseIdsSql(rule: CaseVisibilityRule, p: Params): string {
  if (rule.kind !== 'participant') return `SELECT v.id FROM cases v WHERE ${columnRuleSql(rule, p, 'v')}`;
  const conditions = [`v.area_id = ${p.add(rule.areaId)}`];
  if (rule.stage !== undefined) conditions.push(`v.stage = ${p.add(rule.stage)}`);
  if (rule.openOnly) conditions.push(`v.status <> 'closed'`);
  return `SELECT pt.case_id FROM case_participants pt JOIN cases v ON v.id = pt.case_id
    WHERE pt.user_id = ${p.add(rule.userId)} AND pt.kind = ${p.add(rule.participation)} AND ${conditions.join(' AND ')}`;
}

/**
 * Need to know as a condition on the cases `c` (libs/auth `caseVisibilityFilter`, the same rules
 * `caseRoleOf` reads for one case). Rules on the row's own columns (a coordinator's area) stay
 * conditions, so the list walks the (area, opened_at) index; rules through `case_participants`
 * become a set of case ids found through its (user, kind) index, never a search of records.
 */
export function visibilitySql(filter: CaseVisibilityFilter, p: Params): string {
  if (filter.kind === 'none' || filter.rules.length === 0) return 'false';
  const { rules } = filter;
  if (rules.every((rule) => rule.kind !== 'participant')) {
    return `(${rules.map((rule) => columnRuleSql(rule as Extract<CaseVisibilityRule, { kind: 'area' | 'areaInStage' }>, p)).join(' OR ')})`;
  }
  return `c.id IN (${rules.map((rule) => ruleCaseIdsSql(rule, p)).join(' UNION ')})`;
}

/**
 * The SQL of one page of a list: need to know, the filters, keyset pagination on (sort key, id),
 * one row more than the page to know whether another follows. Exported so that a test can read
 * its plan.
 */
export function listSql(visibility: CaseVisibilityFilter, filter: CaseListFilter, page: Omit<CaseListPage, 'cursors'> & Partial<Pick<CaseListPage, 'cursors'>>, now: Date): { text: string; values: unknown[] } {
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
  if (filter.open) where.push(`c.status <> 'closed'`);
  const withChild = page.withChildName === true || filter.search !== undefined;
  if (filter.search !== undefined) where.push(searchSql(filter.search, p));

  // (opened_at, id) newest first, or (due_at, id) soonest first over cases with a running deadline.
  const column = page.sort === 'dueAt' ? 'c.due_at' : 'c.opened_at';
  const direction = page.sort === 'dueAt' ? 'ASC' : 'DESC';
  if (page.sort === 'dueAt') where.push('c.due_at IS NOT NULL');
  if (page.cursor !== undefined) {
    if (!page.cursors) throw new Error('listSql: a cursor needs the cursors that verify it');
    const { key, id } = page.cursors.decode(page.cursor, page.sort);
    const op = page.sort === 'dueAt' ? '>' : '<';
    where.push(`(${column}, c.id) ${op} (${p.add(key)}::timestamptz, ${p.add(id)}::uuid)`);
  }
  const limit = p.add(page.limit + 1);
  const text = `SELECT ${SUMMARY_COLUMNS}, to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "sortKey"${withChild ? ', m.name AS "childName"' : ''}
       FROM cases c${withChild ? ' LEFT JOIN family_members m ON m.id = c.child_person_id' : ''} WHERE ${where.join(' AND ')}
       ORDER BY ${column} ${direction}, c.id ${direction} LIMIT ${limit}`;
  return { text, values: p.values };
}

export class CaseQueries {
  constructor(private readonly manager: EntityManager) {}

  async list(visibility: CaseVisibilityFilter, filter: CaseListFilter, page: CaseListPage, now: Date): Promise<{ rows: ListedCaseRow[]; nextCursor: string | null }> {
    const { text, values } = listSql(visibility, filter, page, now);
    const { rows } = await sql<ListedCaseRow>(this.manager, text, values);
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

  /** True when the caller may see at least one case of this family (so may link a case to it). */
  async familyVisible(familyId: string, visibility: CaseVisibilityFilter): Promise<boolean> {
    if (!isUuid(familyId)) return false;
    const p = new Params();
    const where = [`c.family_id = ${p.add(familyId)}::uuid`, visibilitySql(visibility, p)];
    const { rowCount } = await sql(this.manager, `SELECT 1 FROM cases c WHERE ${where.join(' AND ')} LIMIT 1`, p.values);
    return rowCount > 0;
  }

  /** Those of `caseIds` the caller may see. */
  async visibleCaseIds(caseIds: readonly string[], visibility: CaseVisibilityFilter): Promise<Set<string>> {
    const ids = caseIds.filter(isUuid);
    if (ids.length === 0) return new Set();
    const p = new Params();
    const where = [`c.id = ANY(${p.add(ids)}::uuid[])`, visibilitySql(visibility, p)];
    const { rows } = await sql<{ id: string }>(this.manager, `SELECT c.id FROM cases c WHERE ${where.join(' AND ')}`, p.values);
    return new Set(rows.map((r) => r.id));
  }

  /** True when a later episode already reopens this case. */
  async wasReopened(caseId: string): Promise<boolean> {
    const { rowCount } = await sql(this.manager, `SELECT 1 FROM cases WHERE previous_episode_id = $1::uuid LIMIT 1`, [caseId]);
    return rowCount > 0;
  }

  /**
   * Other children's cases of the same family that the caller may see (sibling cases); the same
   * child's other episodes are not siblings.
   */
  /** The children of the family's cases that `userId` leads (their person ids). */
  async childrenLedBy(familyId: string, userId: string): Promise<Set<string>> {
    const { rows } = await sql<{ childPersonId: string }>(
      this.manager,
      `SELECT DISTINCT child_person_id AS "childPersonId" FROM cases WHERE family_id = $1 AND lead_practitioner_id = $2 AND child_person_id IS NOT NULL`,
      [familyId, userId],
    );
    return new Set(rows.map((r) => r.childPersonId));
  }

  async siblings(caseId: string, familyId: string, childPersonId: string | null, visibility: CaseVisibilityFilter): Promise<Array<{ id: string; childPersonId: string | null; stage: string; status: string }>> {
    const p = new Params();
    const where = [
      `c.family_id = ${p.add(familyId)}::uuid`,
      `c.id <> ${p.add(caseId)}::uuid`,
      `c.child_person_id IS DISTINCT FROM ${p.add(childPersonId)}::uuid`,
      visibilitySql(visibility, p),
    ];
    const { rows } = await sql<{ id: string; childPersonId: string | null; stage: string; status: string }>(
      this.manager,
      `SELECT c.id, c.child_person_id AS "childPersonId", c.stage, c.status FROM cases c WHERE ${where.join(' AND ')} ORDER BY c.opened_at, c.id`,
      p.values,
    );
    return rows;
  }
}
