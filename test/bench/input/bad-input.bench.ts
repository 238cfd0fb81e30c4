/**
 * What bad input costs the server: `node -r @swc-node/register test/bench/input/bad-input.bench.ts`.
 * The API on a fresh embedded database, listening on a free port; each kind of body is sent
 * over HTTP and timed as the client sees it (median of a few), with the answer's status and size.
 * The CPU time of this process (the server, and the client's own small share) is printed too:
 * on a busy machine it moves much less than the wall clock. Then four 80,000-key bodies at once
 * while `/health/live` is polled: its slowest answer shows whether bad bodies stall everyone else.
 * Figures go in the README (limits on input).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDataSource } from '@tacu/persistence';
import { median, startBenchApi } from '../api/bench-api';

/** An object of `n` unknown keys, `{"k0":0,"k1":0,...}` (80,000 keys fit in under 1 MB). */
function manyKeys(n: number): string {
  const parts: string[] = ['"type":"RECORD_REQUEST_DETAILS"'];
  for (let i = 0; i < n; i++) parts.push(`"k${i}":0`);
  return `{${parts.join(',')}}`;
}

/** `depth` nested objects in a field the event knows. */
function deep(depth: number): string {
  return `{"type":"RECORD_REQUEST_DETAILS","reasonForRequest":"x","preRequestChecklist":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}`;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'tacu-bench-input-'));
  const dataSource = await openDataSource({ dataDir: dir });
  const api = await startBenchApi(dataSource);
  try {
    const caseId = await api.openCase();
    const post = async (body: string): Promise<{ ms: number; cpuMs: number; status: number; bytes: number }> => {
      const started = performance.now();
      const cpu = process.cpuUsage();
      const res = await fetch(`${api.url}/cases/${caseId}/events`, { method: 'POST', headers: { authorization: `Bearer ${api.token}`, 'content-type': 'application/json' }, body });
      const text = await res.text();
      const used = process.cpuUsage(cpu);
      return { ms: performance.now() - started, cpuMs: (used.user + used.system) / 1000, status: res.status, bytes: Buffer.byteLength(text) };
    };
    const bodies: Array<[string, string]> = [
      ['valid event (baseline)', JSON.stringify({ type: 'RECORD_REQUEST_DETAILS', reasonForRequest: 'Attendance has fallen this term.' })],
      ['80,000 unknown keys', manyKeys(80_000)],
      ['10,000 levels deep', deep(10_000)],
      ['array of 200,000 numbers', JSON.stringify({ type: 'RECORD_ASSESSMENT', strengths: new Array(200_000).fill(0) })],
      ['NUL in a text field', JSON.stringify({ type: 'RECORD_REQUEST_DETAILS', reasonForRequest: 'a\u0000b' })],
      ['lone surrogate in a text field', '{"type":"RECORD_REQUEST_DETAILS","reasonForRequest":"a\\ud800b"}'],
    ];
    console.log('body | bytes sent | status | answer bytes | median ms (5 runs) | median CPU ms');
    for (const [name, body] of bodies) {
      const runs = [];
      for (let i = 0; i < 5; i++) runs.push(await post(body));
      const first = runs[0];
      console.log(`${name} | ${Buffer.byteLength(body)} | ${first?.status} | ${first?.bytes} | ${median(runs.map((r) => r.ms)).toFixed(1)} | ${median(runs.map((r) => r.cpuMs)).toFixed(1)}`);
    }

    // Four 80,000-key bodies at once, /health/live polled meanwhile.
    const body = manyKeys(80_000);
    let polling = true;
    const live: number[] = [];
    const poll = (async () => {
      while (polling) {
        const started = performance.now();
        await fetch(`${api.url}/health/live`);
        live.push(performance.now() - started);
        await new Promise((r) => setTimeout(r, 5));
      }
    })();
    const started = performance.now();
    await Promise.all([post(body), post(body), post(body), post(body)]);
    const all = performance.now() - started;
    polling = false;
    await poll;
    console.log(`four 80,000-key bodies at once: ${all.toFixed(0)} ms in all; /health/live slowest ${Math.max(...live).toFixed(1)} ms, median ${median(live).toFixed(1)} ms over ${live.length} polls`);
  } finally {
    await api.close();
    await dataSource.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
