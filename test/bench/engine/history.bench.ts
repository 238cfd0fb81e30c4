/**
 * What a long case costs: a transition on a case 100 review cycles old against the same
 * transition on a fresh case, with the real case machine, in the same run. `npm run bench:history`
 *
 * The assembled API on embedded PGlite (durable, as `npm start` runs it) with the demo people; a
 * fixed clock the bench moves on. One case is driven to its first review and through
 * BENCH_CYCLES review cycles (HOLD_REVIEW → RECORD_REVIEW → CONTINUE_PLAN, 14 days apart); then
 * BENCH_FRESH fresh cases are driven to their first review. Each round then runs one review cycle
 * on a fresh case and one on the old case, alternating which goes first, and times each of the
 * three transitions two ways: `engine.send` in-process (the same engine, facts and document
 * source the API uses) and the whole POST /cases/:id/events through the app (`inject`: routing,
 * token, need to know, validation, engine, the answer). The goal (issue "Stage documents" §4): a
 * transition at 100 review cycles within 1.2× a fresh case's (medians).
 *
 * Also printed: the stored snapshot's size, fresh and old.
 *
 * Env: BENCH_CYCLES (default 100), BENCH_FRESH (rounds, default 40).
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { signToken } from '@tacu/auth';
import { localDay, type Actor, type CaseEvent } from '@tacu/domain';
import type { Engine } from '@tacu/engine';
import { openDataSource, type TacuDataSource } from '@tacu/persistence';
// The benches assemble the app, as the e2e tests do.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { createApp, demoActor, DEMO_AREA, ENGINE, journeyTo, loadConfig, sampleEvent, sampleOpenCase, seedDemoPeople } from '@tacu/api';
import { DAY, FixedClock } from '@tacu/testing';

const SECRET = 'bench-secret-0123456789-abcdefghijklmnopqrstuvwxyz';
const CYCLES = Number(process.env['BENCH_CYCLES'] ?? 100);
const ROUNDS = Number(process.env['BENCH_FRESH'] ?? 40);
const LEAD = demoActor('u-lp-0001');
const COORDINATOR = demoActor('u-coord-0001');
const CYCLE_TYPES = ['HOLD_REVIEW', 'RECORD_REVIEW', 'CONTINUE_PLAN'] as const;

interface Timing {
  engine: number[];
  http: number[];
}

const quantile = (values: readonly number[], q: number): number => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * q))] ?? NaN;

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'tacu-bench-history-'));
  const dataSource: TacuDataSource = await openDataSource({ dataDir: join(dir, 'pglite') });
  const clock = new FixedClock('2026-03-02T09:00:00.000Z');
  const unreachable = '1000000000';
  const config = loadConfig({ TOKEN_SECRET: SECRET, LOG_LEVEL: 'silent', TIMER_INTERVAL_MS: '0', RATE_LIMIT_PER_USER: unreachable, RATE_LIMIT_PER_ADDRESS: unreachable, RATE_LIMIT_FAILED_AUTH: unreachable });
  const app: NestFastifyApplication = await createApp({ config, dataSource, clock, runTimerWorker: false });
  try {
    await seedDemoPeople(dataSource);
    const engine = app.get<Engine>(ENGINE);
    const tokens = new Map<string, string>();
    const tokenOf = async (actor: Actor): Promise<string> => {
      const token = tokens.get(actor.id) ?? (await signToken(actor, { secret: SECRET }));
      tokens.set(actor.id, token);
      return token;
    };
    const inject = async (method: 'POST', url: string, actor: Actor, body: unknown) => {
      const res = await app.getHttpAdapter().getInstance().inject({ method, url, headers: { authorization: `Bearer ${await tokenOf(actor)}`, 'content-type': 'application/json', 'idempotency-key': randomUUID() }, payload: JSON.stringify(body) });
      if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
      return JSON.parse(res.body) as Record<string, unknown>;
    };
    const today = () => localDay(clock.now(), 'Europe/Dublin');

    const openAtFirstReview = async (): Promise<string> => {
      const opened = await inject('POST', '/cases', LEAD, { ...sampleOpenCase(), areaId: DEMO_AREA.id, leadPractitionerId: LEAD.id });
      const id = opened['id'] as string;
      for (const step of journeyTo('review.scheduled', LEAD.id, today())) await inject('POST', `/cases/${id}/events`, step.by === 'lead' ? LEAD : COORDINATOR, step.event);
      return id;
    };
    /** The three events of a review cycle held today (the policy's weeks apply to the next review). */
    const cycleEvents = (): CaseEvent[] => {
      const { nextReviewOn: _next, ...record } = sampleEvent('RECORD_REVIEW');
      return [{ ...sampleEvent('HOLD_REVIEW'), heldOn: today() }, record as CaseEvent, sampleEvent('CONTINUE_PLAN')];
    };
    const snapshotBytes = async (id: string) => Number((await dataSource.query(`SELECT octet_length(snapshot::text) AS n FROM cases WHERE id = $1`, [id]))[0].n);

    const old = await openAtFirstReview();
    for (let cycle = 0; cycle < CYCLES; cycle++) {
      clock.advance(14 * DAY);
      for (const event of cycleEvents()) await inject('POST', `/cases/${old}/events`, LEAD, event);
    }
    const fresh: string[] = [];
    for (let i = 0; i < ROUNDS; i++) fresh.push(await openAtFirstReview());
    console.log(`snapshot: fresh ${(await snapshotBytes(fresh[0] as string)) / 1000} KB, after ${CYCLES} review cycles ${(await snapshotBytes(old)) / 1000} KB`);

    const timings = { fresh: new Map<string, Timing>(), old: new Map<string, Timing>() };
    for (const which of ['fresh', 'old'] as const) for (const type of CYCLE_TYPES) timings[which].set(type, { engine: [], http: [] });
    /** One review cycle on `id`; even rounds time engine.send, odd ones the whole request. */
    const cycle = async (id: string, which: 'fresh' | 'old', round: number) => {
      for (const event of cycleEvents()) {
        const timing = timings[which].get(event.type) as Timing;
        const started = performance.now();
        if (round % 2 === 0) {
          await engine.send({ caseId: id, event: event as unknown as Record<string, unknown> & { type: string }, actor: LEAD, idempotencyKey: randomUUID() });
          timing.engine.push(performance.now() - started);
        } else {
          await inject('POST', `/cases/${id}/events`, LEAD, event);
          timing.http.push(performance.now() - started);
        }
      }
    };
    for (let round = 0; round < ROUNDS; round++) {
      clock.advance(14 * DAY);
      const freshId = fresh[round] as string;
      if (round % 4 < 2) {
        await cycle(freshId, 'fresh', round);
        await cycle(old, 'old', round);
      } else {
        await cycle(old, 'old', round);
        await cycle(freshId, 'fresh', round);
      }
    }

    console.log(`\n${ROUNDS} rounds; ms per transition, p50 / p95; ratio = old p50 / fresh p50 (goal ≤ 1.2)`);
    console.log('event            way      fresh (1st cycle)     old (cycle > ' + CYCLES + ')      ratio');
    for (const type of CYCLE_TYPES) {
      for (const way of ['engine', 'http'] as const) {
        const f = (timings.fresh.get(type) as Timing)[way];
        const o = (timings.old.get(type) as Timing)[way];
        const cell = (v: number[]) => `${quantile(v, 0.5).toFixed(2).padStart(6)} / ${quantile(v, 0.95).toFixed(2).padStart(6)}`;
        console.log(`${type.padEnd(16)} ${way.padEnd(8)} ${cell(f).padEnd(21)} ${cell(o).padEnd(21)} ${(quantile(o, 0.5) / quantile(f, 0.5)).toFixed(2)}`);
      }
    }
    const all = (which: 'fresh' | 'old', way: 'engine' | 'http') => CYCLE_TYPES.flatMap((t) => (timings[which].get(t) as Timing)[way]);
    for (const way of ['engine', 'http'] as const) {
      console.log(`all three, ${way}: fresh p50 ${quantile(all('fresh', way), 0.5).toFixed(2)} ms, old p50 ${quantile(all('old', way), 0.5).toFixed(2)} ms, ratio ${(quantile(all('old', way), 0.5) / quantile(all('fresh', way), 0.5)).toFixed(2)}`);
    }
  } finally {
    await app.close();
    await dataSource.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
