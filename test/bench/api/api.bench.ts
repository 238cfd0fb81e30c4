/**
 * What HTTP adds to a transition. `npm run bench:api`
 *
 * The same transition several ways, in alternating batches so that all meet the same database
 * conditions, on embedded PGlite and (when reachable) on the PostgreSQL server:
 *   1. HTTP: a keep-alive client in its own process (one per way, warm for all its batches) →
 *      POST /cases/:id/events on the assembled API (Fastify, JWT, need-to-know check, event DTO
 *      validation, engine, problem filter, pino request logs to a file);
 *   2. bare: the same client → a plain Fastify route calling engine.send (HTTP without our stack);
 *   3. no-op: the same client → a Fastify route that does nothing (this machine's HTTP floor);
 *   4. engine.send in-process (the same engine instance the API uses);
 *   5. plain SQL: the writes of that transition by hand on a raw connection (lock, idempotency
 *      lookup, hash-chained audit row, case row update, idempotency record) with no machine.
 * The transition: RECORD_REQUEST_DETAILS on a case in request.draft (it stays there, so it can
 * be repeated), with a fresh Idempotency-Key each time, by the case's lead practitioner.
 *
 * Two measures: the cost per transition (CPU time of the system under test: this process and the
 * PostgreSQL server's processes, not the load client's; see ../cpu-cost.ts), which is what the
 * goal "HTTP adds less than 25% to the engine's cost per transition" is read against; and the
 * wall clock (throughput, latency) as the client on this same machine sees it.
 *
 * Env: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/tacu_bench_api; its public
 * schema is recreated), BENCH_TRANSITIONS (per method and row; default 2000 on PGlite, 3000 on
 * the server), BENCH_CLIENTS (the server's concurrent run, default 8), BENCH_PGLITE_CLIENTS (PGlite's
 * concurrent run, default 4: one session, but HTTP work then overlaps the engine's), BENCH_WARM_UP
 * (requests of each way before measuring, default 3000).
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { reachable, recreateBenchDatabase } from '../bench-database';
import { cpuMark, cpuSince } from '../cpu-cost';
import { BODY, EVENT, LEAD, median, startBenchApi, urlOf } from './bench-api';
import { LoadClient, type HttpBatch } from './load-client';
import fastify from 'fastify';
import type { CaseEvent } from '@tacu/domain';
import type { Engine } from '@tacu/engine';
import { auditHash, openDataSource, type TacuDataSource } from '@tacu/persistence';
// The bench reaches the app's engine, as the e2e tests do.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { ENGINE } from '@tacu/api';
const ROUNDS = 10;
/** Requests of each way before measuring: after 500, the API's first rounds still cost 1.5 ms more per request (V8 was still optimising). */
const WARM_UP = Number(process.env.BENCH_WARM_UP ?? 3000);

interface Figures {
  perSecond: number;
  p50: number;
  p99: number;
  /** CPU milliseconds per transition spent by the system under test (see ../cpu-cost.ts). */
  cpuMs: number;
  /** Of which the PostgreSQL server's processes (0 on PGlite, which runs in the process). */
  pgMs: number;
}

interface Row {
  database: string;
  clients: number;
  http: Figures;
  /** A bare Fastify route calling engine.send: what HTTP itself costs, without our stack. */
  bare: Figures;
  /** A Fastify route that does nothing: this machine's floor for one HTTP request. */
  noop: Figures;
  engine: Figures;
  sql: Figures;
  /** Cost ratios within each round, their medians: slow drifts of the machine cancel out. */
  medians: { apiVsEngine: number; bareVsEngine: number; apiVsBare: number };
}

interface Timed {
  seconds: number;
  latencies: number[];
  cpuMs: number;
  pgMs: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

function figures(runs: Timed[]): Figures {
  const latencies = runs.flatMap((r) => r.latencies).sort((a, b) => a - b);
  const seconds = runs.reduce((s, r) => s + r.seconds, 0);
  const cpuMs = runs.reduce((s, r) => s + r.cpuMs, 0);
  const pgMs = runs.reduce((s, r) => s + r.pgMs, 0);
  return { perSecond: latencies.length / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99), cpuMs: cpuMs / latencies.length, pgMs: pgMs / latencies.length };
}

/**
 * `count` transitions over `cases`, `clients` at a time, each client on its own cases; the
 * PostgreSQL server's processes count towards the cost when `withServer`.
 */
async function timedLoops(cases: string[], clients: number, count: number, one: (caseId: string) => Promise<void>, withServer: boolean): Promise<Timed> {
  const latencies: number[] = [];
  const perClient = Math.floor(count / clients);
  const cpu = cpuMark(withServer);
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      const mine = cases.filter((_, i) => i % clients === c);
      for (let i = 0; i < perClient; i++) {
        const t = performance.now();
        await one(mine[i % mine.length] ?? '');
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const used = cpuSince(cpu, withServer);
  return { seconds, latencies, cpuMs: used.selfMs + used.postgresMs, pgMs: used.postgresMs };
}

interface PgLike {
  query(config: { name?: string; text: string; values?: unknown[] }): Promise<{ rows: Record<string, unknown>[] }>;
}

/** The writes of this transition by hand: what the engine does, without the machine. */
async function sqlTransition(client: PgLike, caseId: string): Promise<void> {
  const now = new Date();
  const key = randomUUID();
  await client.query({ text: 'BEGIN' });
  try {
    const { rows } = await client.query({ name: 'api_bench_lock', text: `SELECT state, version, snapshot, last_audit_hash FROM cases WHERE id = $1 FOR UPDATE`, values: [caseId] });
    const row = rows[0] as { state: string; version: number; snapshot: { context: Record<string, unknown> & { request: Record<string, unknown> } }; last_audit_hash: string };
    await client.query({ name: 'api_bench_idem_find', text: `SELECT request_hash, response FROM idempotency_records WHERE scope = $1 AND key = $2`, values: [caseId, key] });
    const version = row.version + 1;
    const { type: _type, ...data } = EVENT;
    const audit = { caseId, seq: version, at: now, actorId: LEAD.id, actorRole: LEAD.role, eventType: EVENT.type, fromState: row.state, toState: row.state, data, prevHash: row.last_audit_hash };
    const hash = auditHash(audit);
    await client.query({
      name: 'api_bench_audit',
      text: `INSERT INTO audit_events (case_id, seq, at, actor_id, actor_role, event_type, from_state, to_state, data, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10, $11)`,
      values: [caseId, version, now, LEAD.id, LEAD.role, EVENT.type, row.state, row.state, JSON.stringify(data), row.last_audit_hash, hash],
    });
    const context = row.snapshot.context;
    const snapshot = { ...row.snapshot, context: { ...context, now: now.toISOString(), request: { ...context.request, reasonForRequest: EVENT.reasonForRequest, preRequestChecklist: EVENT.preRequestChecklist } } };
    await client.query({
      name: 'api_bench_case',
      text: `UPDATE cases SET snapshot = $2::jsonb, version = $3, last_audit_hash = $4, updated_at = $5,
               due_at = (SELECT min(due_at) FROM timers WHERE case_id = $1 AND active AND delay_name = ANY($6::text[]))
             WHERE id = $1 AND version = $3 - 1`,
      values: [caseId, JSON.stringify(snapshot), version, hash, now, ['requestRegistration']],
    });
    const response = { caseId, version, state: row.state, stage: 'request', status: 'active', dueAt: null, allowedEvents: ['RECORD_REQUEST_DETAILS'], documents: [], replayed: false };
    await client.query({
      name: 'api_bench_idem_save',
      text: `INSERT INTO idempotency_records (scope, key, request_hash, response, created_at) VALUES ($1, $2, $3, $4::jsonb, $5)`,
      values: [caseId, key, hash, JSON.stringify(response), now],
    });
    await client.query({ text: 'COMMIT' });
  } catch (error) {
    await client.query({ text: 'ROLLBACK' });
    throw error;
  }
}

interface Setup {
  database: string;
  dataSource: TacuDataSource;
  /** Raw connections for the plain-SQL baseline. */
  sqlClients: PgLike[];
  /** A PostgreSQL server whose processes' CPU time is part of each way's cost. */
  serverProcesses: boolean;
  close(): Promise<void>;
}

async function compare(setup: Setup, clients: number, total: number): Promise<Row> {
  const withServer = setup.serverProcesses;
  const api = await startBenchApi(setup.dataSource);
  try {
    const { app, url, token, openCase: open } = api;
    const caseCount = clients * 4;
    const httpCases: string[] = [];
    const engineCases: string[] = [];
    const sqlCases: string[] = [];
    for (let i = 0; i < caseCount; i++) {
      httpCases.push(await open());
      engineCases.push(await open());
      sqlCases.push(await open());
    }
    const engine = app.get<Engine>(ENGINE);
    const bareServer = fastify();
    bareServer.post<{ Params: { id: string } }>('/bare/:id/events', (request) =>
      engine.send({ caseId: request.params.id, event: { ...(request.body as CaseEvent) }, actor: LEAD, idempotencyKey: String(request.headers['idempotency-key']) }),
    );
    bareServer.post('/noop/:id/events', async () => ({ ok: true }));
    await bareServer.listen({ port: 0, host: '127.0.0.1' });
    const bareUrl = urlOf(bareServer.server.address());
    const bareCases: string[] = [];
    for (let i = 0; i < caseCount; i++) bareCases.push(await open());
    const viaEngine = (caseId: string) => engine.send({ caseId, event: { ...EVENT }, actor: LEAD, idempotencyKey: randomUUID() }).then(() => undefined);
    // One transaction at a time on each connection (PGlite has only one): concurrent loops queue
    // for their connection, as the engine's transactions queue for a pooled one.
    const turns = setup.sqlClients.map(() => Promise.resolve());
    let sqlClient = 0;
    const viaSql = (caseId: string): Promise<void> => {
      const slot = sqlClient++ % setup.sqlClients.length;
      const run = (turns[slot] as Promise<void>).then(() => sqlTransition(setup.sqlClients[slot] as PgLike, caseId));
      turns[slot] = run.catch(() => undefined);
      return run;
    };
    // Each case once into request.draft's steady state, and a long warm-up of each way: the API's
    // deeper code takes a few thousand requests to be fully optimised (JIT), the engine and SQL
    // ways their prepared statements.
    for (const id of [...httpCases, ...bareCases, ...engineCases, ...sqlCases]) await viaEngine(id);
    const load = { token, clients, body: BODY, withServer };
    const viaHttp = await LoadClient.start({ ...load, url, cases: httpCases, warmUp: WARM_UP, prefix: '/cases' });
    const viaBare = await LoadClient.start({ ...load, url: bareUrl, cases: bareCases, warmUp: WARM_UP, prefix: '/bare' });
    const viaNoop = await LoadClient.start({ ...load, url: bareUrl, cases: bareCases, warmUp: Math.min(WARM_UP, 500), prefix: '/noop' });
    await timedLoops(engineCases, clients, WARM_UP, viaEngine, withServer);
    await timedLoops(sqlCases, clients, WARM_UP, viaSql, withServer);

    const per = Math.floor(total / ROUNDS);
    const http: HttpBatch[] = [];
    const bare: HttpBatch[] = [];
    const noop: HttpBatch[] = [];
    const viaEngineRuns: Timed[] = [];
    const viaSqlRuns: Timed[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      http.push(await viaHttp.batch(per));
      bare.push(await viaBare.batch(per));
      noop.push(await viaNoop.batch(per));
      viaEngineRuns.push(await timedLoops(engineCases, clients, per, viaEngine, withServer));
      viaSqlRuns.push(await timedLoops(sqlCases, clients, per, viaSql, withServer));
    }
    await Promise.all([viaHttp.close(), viaBare.close(), viaNoop.close()]);
    await bareServer.close();
    const perHttp = (r: HttpBatch | undefined) => (r ? r.cpuMs / r.ok : NaN);
    const perTimed = (r: Timed | undefined) => (r ? r.cpuMs / r.latencies.length : NaN);
    const overHttp = (runs: HttpBatch[]): Figures => ({
      perSecond: runs.reduce((s, r) => s + r.ok, 0) / runs.reduce((s, r) => s + r.seconds, 0),
      p50: median(runs.map((r) => r.p50)),
      p99: Math.max(...runs.map((r) => r.p99)),
      cpuMs: runs.reduce((s, r) => s + r.cpuMs, 0) / runs.reduce((s, r) => s + r.ok, 0),
      pgMs: runs.reduce((s, r) => s + r.pgMs, 0) / runs.reduce((s, r) => s + r.ok, 0),
    });
    return {
      database: setup.database,
      clients,
      http: overHttp(http),
      bare: overHttp(bare),
      noop: overHttp(noop),
      engine: figures(viaEngineRuns),
      sql: figures(viaSqlRuns),
      medians: {
        apiVsEngine: median(http.map((r, i) => perHttp(r) / perTimed(viaEngineRuns[i]))),
        bareVsEngine: median(bare.map((r, i) => perHttp(r) / perTimed(viaEngineRuns[i]))),
        apiVsBare: median(http.map((r, i) => perHttp(r) / perHttp(bare[i]))),
      },
    };
  } finally {
    await api.close();
  }
}

async function pglite(): Promise<{ setup: Setup; rows: () => Promise<Row[]> }> {
  const dir = mkdtempSync(join(tmpdir(), 'tacu-bench-api-'));
  const dataSource = await openDataSource({ dataDir: dir });
  const runner = dataSource.createQueryRunner();
  const client = (await runner.connect()) as PgLike;
  // PGlite is one session: the baseline borrows the pool's only connection while the API is idle.
  const borrowed: PgLike = { query: (c) => client.query(c) };
  await runner.release();
  const setup: Setup = {
    database: 'PGlite (in-process)',
    dataSource,
    sqlClients: [borrowed],
    serverProcesses: false,
    async close() {
      await dataSource.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  const total = Number(process.env.BENCH_TRANSITIONS ?? 2000);
  const clients = Number(process.env.BENCH_PGLITE_CLIENTS ?? 4);
  return { setup, rows: async () => [await compare(setup, 1, total), await compare(setup, clients, total)] };
}

async function server(url: string): Promise<{ setup: Setup; rows: () => Promise<Row[]> }> {
  await recreateBenchDatabase(url);
  const clients = Number(process.env.BENCH_CLIENTS ?? 8);
  const dataSource = await openDataSource({ url, poolSize: clients + 2 });
  const sqlClients: Client[] = [];
  for (let i = 0; i < clients; i++) {
    const c = new Client({ connectionString: url });
    await c.connect();
    sqlClients.push(c);
  }
  const setup: Setup = {
    database: 'PostgreSQL server',
    dataSource,
    sqlClients: sqlClients as unknown as PgLike[],
    serverProcesses: true,
    async close() {
      await Promise.all(sqlClients.map((c) => c.end()));
      await dataSource.destroy();
    },
  };
  const total = Number(process.env.BENCH_TRANSITIONS ?? 3000);
  return { setup, rows: async () => [await compare(setup, 1, total), await compare(setup, clients, total)] };
}

function print(rows: Row[]): void {
  const label = (r: Row) => `${r.database}, ${r.clients} client${r.clients > 1 ? 's' : ''}`.padEnd(34);
  const more = (slow: number, fast: number) => {
    const pct = Math.round((slow / fast - 1) * 100);
    return `${pct >= 0 ? '+' : ''}${pct}%`.padStart(6);
  };
  // "total (of which PostgreSQL)" on a server database.
  const cost = (f: Figures) => (f.pgMs > 0 ? `${f.cpuMs.toFixed(2)} (${f.pgMs.toFixed(2)})` : f.cpuMs.toFixed(2)).padStart(12);
  console.log('\nCost per transition: CPU ms of the system under test: the API or engine process, and (in brackets) PostgreSQL');
  console.log('                                            API |         bare |       engine |          SQL |        no-op | API vs engine | median of rounds: API vs engine | bare vs engine | API vs bare | engine vs SQL');
  for (const r of rows) {
    const m = r.medians;
    console.log(
      `${label(r)} ${cost(r.http)} | ${cost(r.bare)} | ${cost(r.engine)} | ${cost(r.sql)} | ${cost(r.noop)} |        ${more(r.http.cpuMs, r.engine.cpuMs)} |                          ${more(m.apiVsEngine, 1)} |         ${more(m.bareVsEngine, 1)} |      ${more(m.apiVsBare, 1)} |        ${more(r.engine.cpuMs, r.sql.cpuMs)}`,
    );
  }
  const cell = (f: Figures) => `${f.perSecond.toFixed(0).padStart(6)} ${f.p50.toFixed(2).padStart(6)} ${f.p99.toFixed(2).padStart(6)}`;
  console.log('\nWall clock, client and server on this machine: transitions/s, p50 ms, p99 ms');
  console.log('                                   API over HTTP        | bare Fastify→engine  | engine.send          | plain SQL            | no-op HTTP route     | API vs engine');
  for (const r of rows) {
    console.log(`${label(r)} ${cell(r.http)} | ${cell(r.bare)} | ${cell(r.engine)} | ${cell(r.sql)} | ${cell(r.noop)} |        ${more(r.engine.perSecond, r.http.perSecond)}`);
  }
  console.log('\n"API vs engine" in the cost table: what the whole HTTP path (Fastify, Nest, JWT, need-to-know check, DTO validation,');
  console.log('logs) adds to the engine\'s cost per transition (goal: under 25%). "median of rounds" takes each ratio within a round');
  console.log('(the ways alternate batch by batch) and reports its median, which slow drifts of the machine do not move. "bare": a');
  console.log('Fastify route calling engine.send, without our stack: "bare vs engine" is what HTTP itself costs, "API vs bare" our stack.');
  console.log('"no-op": a Fastify route that does nothing. The client runs in its own process and its CPU is not counted: on a');
  console.log('deployment it is another machine. The wall-clock table counts it, as it shares this machine\'s 2 cores with the server.');
}

async function main(): Promise<void> {
  const rows: Row[] = [];
  const local = await pglite();
  try {
    rows.push(...(await local.rows()));
  } finally {
    await local.setup.close();
  }
  const url = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/tacu_bench_api';
  if (await reachable(url)) {
    const remote = await server(url);
    try {
      rows.push(...(await remote.rows()));
    } finally {
      await remote.setup.close();
    }
  } else {
    console.log(`(server ${url} not reachable: skipped)`);
  }
  print(rows);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
