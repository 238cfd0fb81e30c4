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
import { createTestDataSource, DEFAULT_SCALE, seedCasesAtScale, useScratchSchema } from '@tacu/testing';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { listSql, type CaseListFilter, type CaseSort } from '../../apps/api/src/app/cases/case-queries';

const SCHEMA = 'lists_at_scale';

let ds: TacuDataSource;

beforeAll(async () => {
  // One connection, so that the search_path set by useScratchSchema holds for every query of this file.
  ds = await createTestDataSource({ poolSize: 1 });
  await useScratchSchema(ds, SCHEMA);
  await seedCasesAtScale(ds, DEFAULT_SCALE);
}, 180_000);

afterAll(async () => {
  await ds?.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`).catch(() => undefined);
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

describe(`lists at ${DEFAULT_SCALE.cases.toLocaleString('en-IE')} cases`, () => {
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
