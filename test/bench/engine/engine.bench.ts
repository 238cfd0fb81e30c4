/**
 * Engine throughput against a plain-SQL baseline doing the same writes, on embedded PGlite and
 * (when reachable) on the PostgreSQL server. `npm run bench:engine`
 *
 * Each transition, both ways, in one transaction: lock the case row, look up the idempotency
 * key, insert or cancel a timer row, insert an outbox row, insert a hash-chained audit row,
 * update the case row (snapshot, projection, due date from the timers, version), insert the
 * idempotency record. The engine additionally restores the snapshot, runs the pure XState
 * transition, checks permissions and guards, and computes the allowed events.
 *
 * PGlite runs two ways in alternating rounds: durable (fsync at every commit, as the app runs
 * it) and with fsync off (as PGlite runs by default): the difference is what durability costs.
 *
 * Env: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/tacu_bench; its public
 * schema is recreated), BENCH_TRANSITIONS (default 1000 on PGlite, 3000 on the server),
 * BENCH_CLIENTS (server concurrency run, default 8).
 */
import { createHash, randomUUID } from 'node:crypto';
import { closeSync, fsyncSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { reachable, recreateBenchDatabase } from '../bench-database';
import { assign, setup } from 'xstate';
import type { Stage } from '@tacu/domain';
import { createEngine } from '@tacu/engine';
import { auditHash, openDataSource, type TacuDataSource } from '@tacu/persistence';
import type { WorkflowDefinition } from '@tacu/workflows';

const WEEK = 7 * 24 * 60 * 60 * 1000;

/** idle ⇄ busy: START schedules a deadline and notifies, FINISH cancels it and notifies. */
const benchMachine = setup({
  types: { context: {} as { now: string; count: number; notes: string[] }, events: {} as { type: 'START' } | { type: 'FINISH' }, input: {} as { now: string } },
  actions: { notify: (_, _p: { to: string }) => undefined },
  delays: { reviewOverdue: 8 * WEEK },
}).createMachine({
  id: 'bench',
  context: ({ input }) => ({ now: input.now, count: 0, notes: Array.from({ length: 20 }, (_, i) => `note ${i}: some recorded words about the family's week`) }),
  initial: 'idle',
  states: {
    idle: {
      meta: { permissions: { START: ['leadPractitioner'] } },
      on: { START: { target: 'busy', actions: [assign({ count: ({ context }) => context.count + 1 }), { type: 'notify', params: { to: 'coordinator' } }] } },
    },
    busy: {
      meta: { permissions: { FINISH: ['leadPractitioner'] } },
      after: { reviewOverdue: { actions: { type: 'notify', params: { to: 'coordinator' } } } },
      on: { FINISH: { target: 'idle', actions: [assign({ count: ({ context }) => context.count + 1 }), { type: 'notify', params: { to: 'lead' } }] } },
    },
  },
});

const benchWorkflow: WorkflowDefinition = {
  id: 'bench',
  version: 1,
  machine: benchMachine,
  input: (args) => ({ now: (args as { now: string }).now }),
  project: (s) => ({ state: String(s.value), stage: 'review' as Stage, status: 'active', leadPractitionerId: 'lead-1', closureReason: null, participants: [{ userId: 'lead-1', kind: 'lead' }] }),
  explainGuard: () => undefined,
  dueDateDelays: new Set(['reviewOverdue']),
};

const lead = { id: 'lead-1', role: 'leadPractitioner' as const, areaId: 'bench' };
const clock = { now: () => new Date() };

async function openCases(ds: TacuDataSource, n: number): Promise<string[]> {
  const engine = createEngine({ dataSource: ds, workflows: [benchWorkflow], clock });
  const ids: string[] = [];
  for (let i = 0; i < n; i++) ids.push((await engine.open({ workflowId: 'bench', input: {}, attributes: { areaId: 'bench' }, actor: lead })).caseId);
  return ids;
}

/** Transitions through engine.send, `per` on each case, one concurrent loop per case; returns seconds. */
async function runEngine(ds: TacuDataSource, caseIds: string[], per: number): Promise<number> {
  const engine = createEngine({ dataSource: ds, workflows: [benchWorkflow], clock });
  const started = performance.now();
  await Promise.all(
    caseIds.map(async (caseId) => {
      const [{ state }] = await ds.query(`SELECT state FROM cases WHERE id = $1`, [caseId]);
      let busy = state === 'busy';
      for (let i = 0; i < per; i++) {
        await engine.send({ caseId, event: { type: busy ? 'FINISH' : 'START' }, actor: lead, idempotencyKey: randomUUID() });
        busy = !busy;
      }
    }),
  );
  return (performance.now() - started) / 1000;
}

interface PgLike {
  query(config: { name?: string; text: string; values?: unknown[] }): Promise<{ rows: Record<string, unknown>[]; rowCount: number | null }>;
}

const q = (client: PgLike, name: string, text: string, values: unknown[]) => client.query({ name: `bench_${name}`, text, values });

/** The same writes by hand, on a raw pg connection, with prepared statements. */
async function baselineTransition(client: PgLike, caseId: string): Promise<void> {
  const now = new Date();
  const key = randomUUID();
  await client.query({ text: 'BEGIN' });
  try {
    const { rows } = await q(client, 'lock', `SELECT id, state, version, snapshot, last_audit_hash FROM cases WHERE id = $1 FOR UPDATE`, [caseId]);
    const row = rows[0] as { state: string; version: number; snapshot: { value: string; context: { count: number; now: string } }; last_audit_hash: string };
    await q(client, 'idem_find', `SELECT request_hash, response FROM idempotency_records WHERE scope = $1 AND key = $2`, [caseId, key]);
    const starting = row.state === 'idle';
    const to = starting ? 'busy' : 'idle';
    const sendId = 'xstate.after.reviewOverdue.bench.busy';
    if (starting) {
      await q(client, 'timer_ins', `INSERT INTO timers (id, case_id, send_id, event_type, delay_name, state_id, due_at, created_at) VALUES ($1, $2, $3, $3, $4, $5, $6, $7)`, [
        randomUUID(), caseId, sendId, 'reviewOverdue', 'bench.busy', new Date(now.getTime() + 8 * WEEK), now,
      ]);
    } else {
      await q(client, 'timer_cancel', `UPDATE timers SET active = false, cancelled_at = $3 WHERE case_id = $1 AND send_id = ANY($2::text[]) AND active`, [caseId, [sendId], now]);
    }
    await q(client, 'outbox', `INSERT INTO outbox (case_id, kind, payload, created_at) VALUES ($1, $2, $3::jsonb, $4)`, [caseId, 'notify', JSON.stringify({ to: starting ? 'coordinator' : 'lead' }), now]);
    const version = row.version + 1;
    const event = { caseId, seq: version, at: now, actorId: lead.id, actorRole: lead.role, eventType: starting ? 'START' : 'FINISH', fromState: row.state, toState: to, data: {}, prevHash: row.last_audit_hash };
    const hash = auditHash(event);
    await q(client, 'audit', `INSERT INTO audit_events (case_id, seq, at, actor_id, actor_role, event_type, from_state, to_state, data, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10, $11)`, [
      caseId, version, now, event.actorId, event.actorRole, event.eventType, event.fromState, to, '{}', event.prevHash, hash,
    ]);
    const snapshot = { ...row.snapshot, value: to, context: { ...row.snapshot.context, now: now.toISOString(), count: row.snapshot.context.count + 1 } };
    await q(client, 'case_upd', `UPDATE cases SET state = $2, snapshot = $3::jsonb, version = $4, last_audit_hash = $5, updated_at = $6,
         due_at = (SELECT min(due_at) FROM timers WHERE case_id = $1 AND active AND delay_name = ANY($7::text[]))
       WHERE id = $1`, [caseId, to, JSON.stringify(snapshot), version, hash, now, ['reviewOverdue']]);
    const response = { caseId, version, state: to, stage: 'review', status: 'active', dueAt: null, allowedEvents: [starting ? 'FINISH' : 'START'], documents: [], replayed: false };
    const requestHash = createHash('sha256').update(JSON.stringify({ op: 'send', event: { type: event.eventType }, actorId: lead.id })).digest('hex');
    await q(client, 'idem_save', `INSERT INTO idempotency_records (scope, key, request_hash, response, created_at) VALUES ($1, $2, $3, $4::jsonb, $5)`, [caseId, key, requestHash, JSON.stringify(response), now]);
    await client.query({ text: 'COMMIT' });
  } catch (err) {
    await client.query({ text: 'ROLLBACK' });
    throw err;
  }
}

async function runBaseline(clients: PgLike[], caseIds: string[], per: number): Promise<number> {
  const started = performance.now();
  await Promise.all(
    caseIds.map(async (caseId, i) => {
      for (let k = 0; k < per; k++) await baselineTransition(clients[i % clients.length], caseId);
    }),
  );
  return (performance.now() - started) / 1000;
}

interface Row {
  database: string;
  clients: number;
  engine: number;
  baseline: number;
}

/**
 * Engine and baseline in alternating batches, so that both meet the same database conditions
 * (fsync latency on this disk varies a lot from second to second); after a warm-up of each.
 */
async function compare(ds: TacuDataSource, database: string, clients: PgLike[], total: number, concurrency: number): Promise<Row> {
  const engineCases = await openCases(ds, concurrency);
  const baselineCases = await openCases(ds, concurrency);
  const rounds = 10;
  const per = Math.max(1, Math.floor(total / rounds / concurrency));
  await runEngine(ds, engineCases, per); // warm-up: JIT, prepared statements
  await runBaseline(clients, baselineCases, per);
  let engineSeconds = 0;
  let baselineSeconds = 0;
  for (let round = 0; round < rounds; round++) {
    engineSeconds += await runEngine(ds, engineCases, per);
    baselineSeconds += await runBaseline(clients, baselineCases, per);
  }
  const done = rounds * per * concurrency;
  return { database, clients: concurrency, engine: done / engineSeconds, baseline: done / baselineSeconds };
}

/** A PGlite data folder opened for the bench, and its one connection lent to the baseline. */
async function openPglite(durable: boolean): Promise<{ ds: TacuDataSource; client: PgLike; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'tacu-bench-'));
  const ds = await openDataSource({ dataDir: dir, durable });
  const runner = ds.createQueryRunner();
  const connection = (await runner.connect()) as PgLike;
  // PGlite is one session: the baseline borrows the pool's only connection between runs.
  const client = { query: (c: Parameters<PgLike['query']>[0]) => connection.query(c) };
  await runner.release();
  return { ds, client, dir };
}

/**
 * PGlite in a data folder, durable (fsync at every commit, as the app runs it) and not (PGlite's
 * own default), in alternating rounds of engine and baseline, so both meet the same machine.
 */
async function pglite(): Promise<Row[]> {
  const ways = [
    { name: 'PGlite, fsync on', ...(await openPglite(true)) },
    { name: 'PGlite, fsync off', ...(await openPglite(false)) },
  ];
  try {
    const rounds = 10;
    const per = Math.max(1, Math.floor(Number(process.env.BENCH_TRANSITIONS ?? 1000) / rounds));
    const runs = [];
    for (const way of ways) {
      const engineCases = await openCases(way.ds, 1);
      const baselineCases = await openCases(way.ds, 1);
      await runEngine(way.ds, engineCases, per); // warm-up: JIT, prepared statements
      await runBaseline([way.client], baselineCases, per);
      runs.push({ way, engineCases, baselineCases, engineSeconds: 0, baselineSeconds: 0 });
    }
    for (let round = 0; round < rounds; round++) {
      for (const run of runs) {
        run.engineSeconds += await runEngine(run.way.ds, run.engineCases, per);
        run.baselineSeconds += await runBaseline([run.way.client], run.baselineCases, per);
      }
    }
    return runs.map((r) => ({ database: r.way.name, clients: 1, engine: (rounds * per) / r.engineSeconds, baseline: (rounds * per) / r.baselineSeconds }));
  } finally {
    for (const way of ways) {
      await way.ds.destroy();
      rmSync(way.dir, { recursive: true, force: true });
    }
  }
}

async function server(url: string): Promise<Row[]> {
  await recreateBenchDatabase(url);

  const concurrency = Number(process.env.BENCH_CLIENTS ?? 8);
  const ds = await openDataSource({ url, poolSize: concurrency });
  const clients: Client[] = [];
  try {
    for (let i = 0; i < concurrency; i++) {
      const c = new Client({ connectionString: url });
      await c.connect();
      clients.push(c);
    }
    const total = Number(process.env.BENCH_TRANSITIONS ?? 3000);
    return [await compare(ds, 'PostgreSQL server', clients.slice(0, 1), total, 1), await compare(ds, 'PostgreSQL server', clients, total, concurrency)];
  } finally {
    await Promise.all(clients.map((c) => c.end()));
    await ds.destroy();
  }
}

/** Median time of one fsync after an 8 kB write on this disk (ms): the floor of what a durable commit costs. */
function fsyncMedianMs(samples = 200): number {
  const dir = mkdtempSync(join(tmpdir(), 'tacu-fsync-'));
  const fd = openSync(join(dir, 'probe'), 'w');
  const page = Buffer.alloc(8192, 1);
  const times: number[] = [];
  try {
    for (let i = 0; i < samples; i++) {
      writeSync(fd, page, 0, page.length, (i % 16) * page.length);
      const t = process.hrtime.bigint();
      fsyncSync(fd);
      times.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
  } finally {
    closeSync(fd);
    rmSync(dir, { recursive: true, force: true });
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)] ?? 0;
}

async function main(): Promise<void> {
  console.log(`fsync of an 8 kB write on this disk: median ${fsyncMedianMs().toFixed(3)} ms`);
  const rows: Row[] = [];
  rows.push(...(await pglite()));
  const url = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/tacu_bench';
  if (await reachable(url)) rows.push(...(await server(url)));
  else console.log(`(server ${url} not reachable: skipped)`);

  console.log('\ntransitions/s   engine.send   plain SQL   ratio');
  for (const r of rows) {
    console.log(`${`${r.database}, ${r.clients} client${r.clients > 1 ? 's' : ''}`.padEnd(32)} ${r.engine.toFixed(0).padStart(7)} ${r.baseline.toFixed(0).padStart(11)}   ${(r.engine / r.baseline).toFixed(2)}`);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
