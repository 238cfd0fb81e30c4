/**
 * What our HTTP stack costs by itself. `npm run bench:api-stack`
 *
 * The API bench (api.bench.ts) compares whole transitions, where the engine's work and this
 * machine's noise dwarf the stack. Here the engine is taken out: the assembled API (Fastify, Nest,
 * token check, need-to-know decision, event DTO validation, ETag, request log to a file) answers
 * POST /cases/:id/events with a transition result computed once, while `engine.send` is replaced
 * on the app's engine instance by a function that calls the need-to-know check on the case's real
 * row and returns that result. Against it, in alternating batches from warm load clients in their
 * own processes: a Fastify route that does nothing (this machine's floor for one HTTP request).
 * The difference is what our stack costs per request, in server CPU time (../cpu-cost.ts).
 *
 * Env: BENCH_REQUESTS (per way, default 10000), BENCH_CLIENTS (connections, default 1),
 * BENCH_WARM_UP (default 3000).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fastify from 'fastify';
import type { Engine, SendCommand, TransitionResult } from '@tacu/engine';
import { CaseStore, openDataSource } from '@tacu/persistence';
// The bench reaches the app's engine, as the e2e tests do.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { ENGINE } from '@tacu/api';
import { BODY, EVENT, LEAD, median, startBenchApi, urlOf } from './bench-api';
import { LoadClient, type HttpBatch } from './load-client';

const ROUNDS = 10;
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 10000);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 1);
const WARM_UP = Number(process.env.BENCH_WARM_UP ?? 3000);

const microseconds = (batch: HttpBatch) => (batch.cpuMs * 1000) / batch.ok;

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'tacu-bench-stack-'));
  const dataSource = await openDataSource({ dataDir: dir });
  const served = await startBenchApi(dataSource);
  const noop = fastify();
  try {
    const { app, url, token } = served;
    const caseId = await served.openCase();

    const engine = app.get<Engine>(ENGINE);
    const result: TransitionResult = await engine.send({ caseId, event: { ...EVENT }, actor: LEAD });
    const row = await new CaseStore(dataSource.manager).find(caseId);
    if (!row) throw new Error('the case is gone');
    // The engine's edge: the need-to-know decision still runs on the real row, the rest is the answer.
    engine.send = (command: SendCommand) => {
      if (command.roleOnCase && !command.roleOnCase({ ...row, participation: ['lead'] })) return Promise.reject(new Error('need to know refused the bench case'));
      return Promise.resolve(result);
    };

    noop.post('/noop/:id/events', async () => ({ ok: true }));
    await noop.listen({ port: 0, host: '127.0.0.1' });
    const noopUrl = urlOf(noop.server.address());

    const load = { token, cases: [caseId], clients: CLIENTS, body: BODY, warmUp: WARM_UP, withServer: false };
    const viaApi = await LoadClient.start({ ...load, url, prefix: '/cases' });
    const viaNoop = await LoadClient.start({ ...load, url: noopUrl, prefix: '/noop' });
    const per = Math.floor(REQUESTS / ROUNDS);
    const api: HttpBatch[] = [];
    const floor: HttpBatch[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      api.push(await viaApi.batch(per));
      floor.push(await viaNoop.batch(per));
    }
    await Promise.all([viaApi.close(), viaNoop.close()]);

    const apiUs = median(api.map(microseconds));
    const floorUs = median(floor.map(microseconds));
    const stackUs = median(api.map((batch, i) => microseconds(batch) - microseconds(floor[i] as HttpBatch)));
    console.log(`\nServer CPU per request, µs (median of ${ROUNDS} rounds of ${per}, ${CLIENTS} connection${CLIENTS > 1 ? 's' : ''}):`);
    console.log(`  API, engine stubbed out        ${apiUs.toFixed(0).padStart(6)}`);
    console.log(`  no-op Fastify route            ${floorUs.toFixed(0).padStart(6)}`);
    console.log(`  our stack (API - no-op)        ${stackUs.toFixed(0).padStart(6)}`);
    console.log('\n"our stack": Nest routing, the token check, the need-to-know decision, event DTO validation, ETag and the request');
    console.log('log, over what any Fastify route costs on this machine. Compare it with engine.send in `npm run bench:api`.');
  } finally {
    await noop.close();
    await served.close();
    await dataSource.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
