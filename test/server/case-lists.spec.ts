/**
 * Every role's list walks an index, at 200,000 cases (issue 12 §1: who may see a case is data the
 * database indexes, never a search through records). The cases are written with SQL in the
 * shapes the engine writes (case rows, their participants); the test reads the plan PostgreSQL
 * chooses for the very SQL a list runs. Server only: loading 200,000 cases into PGlite takes
 * well over a minute, too long for the everyday suite.
 */
import type { Actor } from '@tacu/domain';
import { caseVisibilityFilter } from '@tacu/auth';
import type { TacuDataSource } from '@tacu/persistence';
import { createTestDataSource } from '@tacu/testing';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { listSql, type CaseListFilter, type CaseSort } from '../../apps/api/src/app/cases/case-queries';

const CASES = 200_000;
const AREAS = 40;
const LEADS_PER_AREA = 25;
const AGENCY_PER_AREA = 10;

let ds: TacuDataSource;

/** 200,000 cases over 40 areas: each with its lead, its opener and (one in five) an invited agency practitioner. */
async function seed(): Promise<void> {
  await ds.query(`INSERT INTO areas (id, name) SELECT 'area-' || a, 'Area ' || a FROM generate_series(0, ${AREAS - 1}) a`);
  await ds.query(`
    INSERT INTO users (id, area_id, role, display_name, agency)
    SELECT 'lead-' || a || '-' || l, 'area-' || a, 'leadPractitioner', 'Lead', 'School' FROM generate_series(0, ${AREAS - 1}) a, generate_series(0, ${LEADS_PER_AREA - 1}) l
    UNION ALL
    SELECT 'agency-' || a || '-' || l, 'area-' || a, 'agencyPractitioner', 'Nurse', 'Public Health Nursing' FROM generate_series(0, ${AREAS - 1}) a, generate_series(0, ${AGENCY_PER_AREA - 1}) l`);
  await ds.query(`
    INSERT INTO cases (id, workflow_id, workflow_version, area_id, lead_practitioner_id, state, stage, status, due_at, overdue, snapshot, version, last_audit_hash, opened_at, updated_at)
    SELECT gen_random_uuid(), 'case', 1, 'area-' || (g % ${AREAS}), 'lead-' || (g % ${AREAS}) || '-' || ((g / ${AREAS}) % ${LEADS_PER_AREA}),
      (ARRAY['request.submitted','assessment.inProgress','meeting.invited','actionPlan.drafting','review.scheduled','escalation.raised','closed'])[1 + g % 7],
      (ARRAY['request','assessment','meeting','actionPlan','review','escalation','closure'])[1 + g % 7],
      CASE WHEN g % 7 = 6 THEN 'closed' WHEN g % 7 = 5 THEN 'onHold' ELSE 'active' END,
      CASE WHEN g % 7 = 6 THEN NULL ELSE timestamptz '2026-06-01' + (g % 997) * interval '1 hour' END, false,
      jsonb_build_object('context', jsonb_build_object('padding', repeat('x', 400))), 1, 'hash',
      timestamptz '2026-01-01' + g * interval '1 minute', timestamptz '2026-01-01' + g * interval '1 minute'
    FROM generate_series(0, ${CASES - 1}) g`);
  await ds.query(`INSERT INTO case_participants (case_id, user_id, kind, since) SELECT id, lead_practitioner_id, 'lead', opened_at FROM cases`);
  await ds.query(`INSERT INTO case_participants (case_id, user_id, kind, since) SELECT id, lead_practitioner_id, 'opener', opened_at FROM cases`);
  await ds.query(`
    INSERT INTO case_participants (case_id, user_id, kind, since)
    SELECT id, 'agency-' || substr(area_id, 6) || '-' || ((abs(hashtext(id::text)) / 5) % ${AGENCY_PER_AREA}), 'invitee', opened_at
    FROM cases WHERE abs(hashtext(id::text)) % 5 = 0`);
  await ds.query('ANALYZE');
}

beforeAll(async () => {
  // One connection, so that the search_path below holds for every query of this file.
  ds = await createTestDataSource({ poolSize: 1 });
  // The server database is shared by the suite's files: keep these rows apart from theirs.
  await ds.query(`CREATE SCHEMA IF NOT EXISTS lists_at_scale`);
  await ds.query(`DROP SCHEMA lists_at_scale CASCADE`);
  await ds.query(`CREATE SCHEMA lists_at_scale`);
  await ds.query(`SET search_path TO lists_at_scale, public`);
  for (const table of ['areas', 'users', 'cases', 'case_participants']) {
    await ds.query(`CREATE TABLE lists_at_scale.${table} (LIKE public.${table} INCLUDING ALL)`);
  }
  await seed();
}, 180_000);

afterAll(async () => {
  await ds?.query(`DROP SCHEMA IF EXISTS lists_at_scale CASCADE`).catch(() => undefined);
  await ds?.destroy();
});

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

function nodes(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodes)];
}

async function planOf(actor: Actor, filter: CaseListFilter = {}, sort: CaseSort = 'openedAt'): Promise<PlanNode[]> {
  const { text, values } = listSql(caseVisibilityFilter(actor), filter, { sort, limit: 20 }, new Date('2026-06-15T00:00:00Z'));
  const [row] = (await ds.query(`EXPLAIN (FORMAT JSON) ${text}`, values)) as { 'QUERY PLAN': { Plan: PlanNode }[] | string }[];
  const json = row?.['QUERY PLAN'];
  const parsed = (typeof json === 'string' ? JSON.parse(json) : json) as { Plan: PlanNode }[];
  return nodes(parsed[0]?.Plan as PlanNode);
}

const scans = (plan: PlanNode[]) => plan.filter((n) => n['Node Type'].includes('Scan')).map((n) => `${n['Node Type']} on ${n['Relation Name'] ?? '?'}${n['Index Name'] ? ` using ${n['Index Name']}` : ''}`);

const ROLES: Array<[string, Actor]> = [
  ['coordinator', { id: 'coord-7', role: 'coordinator', areaId: 'area-7' }],
  ['leadPractitioner', { id: 'lead-7-3', role: 'leadPractitioner', areaId: 'area-7' }],
  ['agencyPractitioner', { id: 'agency-7-2', role: 'agencyPractitioner', areaId: 'area-7' }],
  ['designatedLiaisonPerson', { id: 'dlp-7', role: 'designatedLiaisonPerson', areaId: 'area-7' }],
];

describe(`lists at ${CASES.toLocaleString('en-IE')} cases`, () => {
  it.each(ROLES)("a %s's list, newest first or soonest due, reads cases through indexes only", async (_role, actor) => {
    for (const [filter, sort] of [
      [{}, 'openedAt'],
      [{}, 'dueAt'],
      [{ stage: 'assessment' }, 'openedAt'],
      [{ overdue: true }, 'dueAt'],
    ] as Array<[CaseListFilter, CaseSort]>) {
      const read = scans(await planOf(actor, filter, sort));
      expect({ filter, sort, seqScans: read.filter((s) => s.startsWith('Seq Scan')) }).toEqual({ filter, sort, seqScans: [] });
      expect(read.some((s) => / using /.test(s))).toBe(true);
    }
  });

  it('the list returns the right cases for each role (and not the records it does not show)', async () => {
    const lead = await ds.query(listSql(caseVisibilityFilter(ROLES[1]?.[1] as Actor), {}, { sort: 'openedAt', limit: 5 }, new Date()).text, listSql(caseVisibilityFilter(ROLES[1]?.[1] as Actor), {}, { sort: 'openedAt', limit: 5 }, new Date()).values);
    expect(lead).toHaveLength(6);
    expect(lead.every((r: Record<string, unknown>) => !('snapshot' in r) && r['leadPractitionerId'] === 'lead-7-3')).toBe(true);
    const agency = ROLES[2]?.[1] as Actor;
    const invited = await ds.query(listSql(caseVisibilityFilter(agency), {}, { sort: 'openedAt', limit: 100 }, new Date()).text, listSql(caseVisibilityFilter(agency), {}, { sort: 'openedAt', limit: 100 }, new Date()).values);
    expect(invited.length).toBeGreaterThan(0);
    expect(invited.every((r: Record<string, unknown>) => r['areaId'] === 'area-7' && r['status'] !== 'closed')).toBe(true);
  });
});
