/**
 * As a new user would: `npm start` on a fresh data folder, wait for /health, take a demo token
 * from what it prints, and drive a case through POST /cases/:id/events. A second process on the
 * same folder refuses to start. Then the logs are read for personal data, and a restart on the
 * same folder keeps the data without seeding twice.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { localDay } from '@tacu/domain';
import { journeyTo, sampleOpenCase } from './support/api';

const ROOT = resolve(__dirname, '../..');

async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const server = createServer();
    server.once('error', rej);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => res(port));
    });
  });
}

interface Started {
  child: ChildProcess;
  output: () => string;
  stopped: Promise<number | null>;
}

function start(command: string, args: string[], env: Record<string, string>): Started {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
  for (const name of ['DATABASE_URL', 'TOKEN_SECRET', 'JWKS_URL', 'DEADLINE_POLICY_FILE', 'SEED_DEMO', 'NODE_OPTIONS']) delete childEnv[name];
  Object.assign(childEnv, env);
  const child = spawn(command, args, { cwd: ROOT, env: childEnv, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  const stopped = new Promise<number | null>((res) => child.once('exit', (code) => res(code)));
  return { child, output: () => out, stopped };
}

async function stop(started: Started): Promise<void> {
  if (started.child.exitCode === null && started.child.pid !== undefined) {
    process.kill(-started.child.pid, 'SIGTERM');
  }
  await started.stopped;
}

async function waitForHealth(url: string, started: Started, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (started.child.exitCode !== null) throw new Error(`the API exited (${started.child.exitCode}):\n${started.output()}`);
    try {
      const res = await fetch(`${url}/health`);
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no healthy API at ${url} within ${timeoutMs} ms:\n${started.output()}`);
}

function tokenOf(output: string, userId: string): string {
  // Printed as "  <role> <user id> (<name>, <what they do>)" and, on the next line, the token.
  const match = new RegExp(`${userId} .*\\n\\s+(\\S+)`).exec(output);
  if (!match?.[1]) throw new Error(`no token for ${userId} in:\n${output}`);
  return match[1];
}

describe('npm start, as a new user would run it', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'tacu-start-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('starts on a fresh data folder, prints URL, docs and tokens, and drives a case over HTTP', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const started = start('npm', ['start', '--silent'], { DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'info', TIMER_INTERVAL_MS: '1000' });
    try {
      await waitForHealth(url, started, 120_000);
      const printed = started.output();
      expect(printed).toContain(`Tacú API listening on ${url}`);
      expect(printed).toContain(`${url}/docs`);
      expect(printed).toContain('WARNING: TOKEN_SECRET is not set');
      // What the embedded database promises, said at start-up.
      expect(printed).toContain('this process only (a second process on this folder refuses to start)');
      expect(printed).toContain('every acknowledged change is synced to disk (fsync)');
      // The pages, with the demo's "sign in as", from the built app (its views and wording copied with it).
      expect(printed).toContain(`Pages: ${url}/app (on this demo, sign in as any demo person)`);
      const signIn = await fetch(`${url}/app/sign-in`);
      expect({ status: signIn.status, lists: (await signIn.text()).includes('Aoife Byrne') }).toEqual({ status: 200, lists: true });

      // A second process on the same folder refuses to start and names the one that holds it.
      const second = start('node', ['dist/apps/api/src/main.js'], { DATA_DIR: dataDir, PORT: String(await freePort()), LOG_LEVEL: 'warn' });
      expect(await second.stopped).toBe(1);
      expect(second.output()).toMatch(new RegExp(`Tacú API failed to start: The data folder ${dataDir} is in use by process \\d+ on host \\S+ since \\d{4}-`));
      const lead = tokenOf(printed, 'u-lp-0001');
      const coordinator = tokenOf(printed, 'u-coord-0001');
      const call = async (method: string, path: string, token: string, body?: unknown) => {
        const res = await fetch(`${url}${path}`, {
          method,
          headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
          body: body ? JSON.stringify(body) : undefined,
        });
        return { status: res.status, body: (await res.json()) as Record<string, unknown> };
      };

      // The seeded demo area has cases in several stages.
      const seeded = await call('GET', '/cases?limit=100', coordinator);
      expect(seeded.status).toBe(200);
      const states = (seeded.body['items'] as { state: string }[]).map((c) => c.state);
      expect(states).toEqual(expect.arrayContaining(['request.draft', 'assessment.inProgress', 'actionPlan.awaitingFamilySignOff', 'review.scheduled', 'escalation.raised', 'closed']));

      const opened = await call('POST', '/cases', lead, { ...sampleOpenCase(), areaId: 'dublin-south-central' });
      expect(opened.status).toBe(201);
      const id = String(opened.body['id']);
      // The case opens today (the real clock): the journey's dates move with it.
      for (const step of journeyTo('assessment.inProgress', 'u-lp-0001', localDay(new Date()))) {
        const res = await call('POST', `/cases/${id}/events`, step.by === 'lead' ? lead : coordinator, step.event);
        expect({ type: step.event.type, status: res.status, state: res.body['state'] }).toEqual({ type: step.event.type, status: 200, state: step.state });
      }
      const read = await call('GET', `/cases/${id}`, lead);
      expect(read.body).toMatchObject({ state: 'assessment.inProgress', version: 6 });

      // Logs: one JSON line per request with its id, and no names, addresses, bodies or tokens.
      await new Promise((r) => setTimeout(r, 300));
      const logs = started
        .output()
        .split('\n')
        .filter((line) => line.startsWith('{'));
      const requests = logs.filter((line) => line.includes('"request completed"'));
      expect(requests.length).toBeGreaterThan(6);
      expect(requests.some((line) => line.includes(`"url":"/cases/${id}/events"`) && /"reqId":"[0-9a-f-]{36}"/.test(line))).toBe(true);
      for (const secret of ['Seán', 'Siobhán', 'Murphy', 'Church Road', 'reasonForRequest', lead, coordinator, 'authorization']) {
        expect(logs.filter((line) => line.includes(secret))).toEqual([]);
      }
    } finally {
      await stop(started);
    }

    // A restart on the same folder keeps the data and does not seed again.
    const again = start('node', ['dist/apps/api/src/main.js'], { DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'warn' });
    try {
      await waitForHealth(url, again, 60_000);
      const res = await fetch(`${url}/cases?limit=100`, { headers: { authorization: `Bearer ${tokenOf(again.output(), 'u-coord-0001')}` } });
      const body = (await res.json()) as { items: unknown[] };
      expect(body.items).toHaveLength(8);
    } finally {
      await stop(again);
    }
  }, 240_000);
});
