/**
 * The assembled API as both API benches run it: on a given database, listening on a free port,
 * demo people seeded, request logs written synchronously to a scratch file (as the app's own
 * stdout destination is), a lead practitioner's token, and a way to open cases over HTTP.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import pino from 'pino';
import type { DataSource } from 'typeorm';
import { signToken } from '@tacu/auth';
// The benches assemble the app, as the e2e tests do.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { createApp, demoActor, loadConfig, sampleEvent, sampleOpenCase, seedDemoPeople, DEMO_AREA } from '@tacu/api';

const SECRET = 'bench-secret-0123456789-abcdefghijklmnopqrstuvwxyz';
/** The case's lead practitioner, who sends every event of the benches. */
export const LEAD = demoActor('u-lp-0001');
/** The event of the benches: it keeps a case in request.draft, so it can be repeated. */
export const EVENT = sampleEvent('RECORD_REQUEST_DETAILS');
export const BODY = JSON.stringify(EVENT);

export interface BenchApi {
  app: NestFastifyApplication;
  url: string;
  token: string;
  /** Opens a case over HTTP (POST /cases) and returns its id. */
  openCase(): Promise<string>;
  close(): Promise<void>;
}

/** `http://127.0.0.1:<port>` of a server listening on 127.0.0.1. */
export function urlOf(address: string | AddressInfo | null): string {
  if (address === null || typeof address === 'string') throw new Error(`not a TCP address: ${address}`);
  return `http://127.0.0.1:${address.port}`;
}

export function median(values: readonly number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
}

export async function startBenchApi(dataSource: DataSource): Promise<BenchApi> {
  const logDir = mkdtempSync(join(tmpdir(), 'tacu-bench-logs-'));
  const logs = pino.destination({ dest: join(logDir, 'api.log'), sync: true });
  // Rate limits counted (their cost is part of the stack) but out of reach: the benches send
  // thousands of requests a second as one user from one address.
  const unreachable = '1000000000';
  const config = loadConfig({ TOKEN_SECRET: SECRET, LOG_LEVEL: 'info', TIMER_INTERVAL_MS: '0', RATE_LIMIT_PER_USER: unreachable, RATE_LIMIT_PER_ADDRESS: unreachable, RATE_LIMIT_FAILED_AUTH: unreachable });
  const app = await createApp({ config, dataSource, runTimerWorker: false, logDestination: logs });
  const close = async () => {
    await app.close();
    logs.end();
    rmSync(logDir, { recursive: true, force: true });
  };
  try {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const url = urlOf(app.getHttpServer().address());
    await seedDemoPeople(dataSource);
    const token = await signToken(LEAD, { secret: SECRET });
    const openCase = async (): Promise<string> => {
      const res = await fetch(`${url}/cases`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ ...sampleOpenCase(), areaId: DEMO_AREA.id }) });
      if (res.status !== 201) throw new Error(`POST /cases: ${res.status} ${await res.text()}`);
      return ((await res.json()) as { id: string }).id;
    };
    return { app, url, token, openCase, close };
  } catch (error) {
    await close();
    throw error;
  }
}
