/**
 * How long one page of each role's case list takes at 200,000 cases, on the PostgreSQL server
 * (`npm run bench:lists`), against the search the lists did before who may see a case became
 * rows: a JSON path search of every case's record for the agency practitioner's invitations.
 * Each figure is the median server execution time (EXPLAIN ANALYZE) of 15 runs, after 3 warm-ups.
 *
 * Env: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/tacu_bench; its public
 * schema is recreated).
 */
import type { Actor } from '@tacu/domain';
import { caseVisibilityFilter } from '@tacu/auth';
import { openDataSource } from '@tacu/persistence';
import { DEFAULT_SCALE, seedCasesAtScale } from '@tacu/testing';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { listSql, type CaseSort } from '../../../apps/api/src/app/cases/case-queries';
import { reachable, recreateBenchDatabase } from '../bench-database';

const URL_ = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/tacu_bench';
const RUNS = 15;
const WARM_UP = 3;

const ACTORS: Array<[string, Actor]> = [
  ['coordinator', { id: 'coord-7', role: 'coordinator', areaId: 'area-7' }],
  ['lead practitioner', { id: 'lead-7-3', role: 'leadPractitioner', areaId: 'area-7' }],
  ['agency practitioner', { id: 'agency-7-2', role: 'agencyPractitioner', areaId: 'area-7' }],
  ['liaison person', { id: 'dlp-7', role: 'designatedLiaisonPerson', areaId: 'area-7' }],
];

/** The agency practitioner's list as it was: every record searched for an invitee with their id. */
const OLD_AGENCY_LIST = `SELECT c.id FROM cases c
  WHERE jsonb_path_exists(c.snapshot, 'lax $.**.invitees[*] ? (@.personId == $id)', jsonb_build_object('id', $1::text))
  ORDER BY c.opened_at DESC, c.id DESC LIMIT 21`;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

async function main(): Promise<void> {
  if (!(await reachable(URL_))) {
    process.stdout.write(`No PostgreSQL server at ${URL_}: nothing to measure.\n`);
    return;
  }
  await recreateBenchDatabase(URL_);
  const ds = await openDataSource({ url: URL_, poolSize: 1 });
  try {
    const started = Date.now();
    await seedCasesAtScale(ds, DEFAULT_SCALE);
    process.stdout.write(`Seeded ${DEFAULT_SCALE.cases.toLocaleString('en-IE')} cases in ${((Date.now() - started) / 1000).toFixed(1)} s\n\n`);
    const time = async (text: string, values: unknown[]): Promise<number> => {
      const times: number[] = [];
      for (let i = 0; i < WARM_UP + RUNS; i++) {
        const [row] = (await ds.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${text}`, values)) as { 'QUERY PLAN': { 'Execution Time': number }[] }[];
        if (i >= WARM_UP) times.push(row?.['QUERY PLAN'][0]?.['Execution Time'] ?? NaN);
      }
      return median(times);
    };
    const now = new Date('2026-06-15T00:00:00Z');
    process.stdout.write('| list (one page of 20) | newest first | soonest due |\n|---|---|---|\n');
    for (const [name, actor] of ACTORS) {
      const ms = async (sort: CaseSort) => {
        const { text, values } = listSql(caseVisibilityFilter(actor), {}, { sort, limit: 20 }, now);
        return (await time(text, values)).toFixed(2);
      };
      process.stdout.write(`| ${name} | ${await ms('openedAt')} ms | ${await ms('dueAt')} ms |\n`);
    }
    process.stdout.write(`| agency practitioner, the old JSON search | ${(await time(OLD_AGENCY_LIST, ['agency-7-2'])).toFixed(2)} ms | |\n`);
  } finally {
    await ds.destroy();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
