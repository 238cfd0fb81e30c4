/**
 * The HTTP client of the API bench, in its own process (as a real client is): `connections`
 * keep-alive connections each send POST /cases/:id/events in a loop, round-robin over the given
 * cases, each with a fresh Idempotency-Key, until `amount` requests are done; it prints one JSON
 * line. Latencies are timed here with performance.now() (sub-millisecond): autocannon records
 * whole milliseconds, which at 2–4 ms per transition skews a per-transition comparison by up to
 * a third. Input: one JSON argument. After its warm-up it prints `warm` and waits for a line on
 * stdin, so that the bench can mark the server's CPU time around exactly the timed requests.
 */
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { randomUUID } from 'node:crypto';
import { Agent, request } from 'node:http';

interface LoadInput {
  url: string;
  token: string;
  cases: string[];
  connections: number;
  amount: number;
  body: string;
  /** Path before /<case id>/events (default /cases). */
  prefix?: string;
  /** Untimed requests first: a new process's HTTP client is cold (JIT, sockets) for its first hundred or so. */
  warmUp?: number;
}

function post(agent: Agent, url: URL, path: string, headers: Record<string, string>, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ agent, host: url.hostname, port: url.port, method: 'POST', path, headers: { ...headers, 'content-length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.once('end', () => resolve(res.statusCode ?? 0));
      res.once('error', reject);
    });
    req.once('error', reject);
    req.end(body);
  });
}

async function main(): Promise<void> {
  const input = JSON.parse(process.argv[2] ?? '{}') as LoadInput;
  const url = new URL(input.url);
  const agent = new Agent({ keepAlive: true, maxSockets: input.connections });
  let next = 0;
  let failed = 0;
  /** `amount` requests over all connections; returns each one's latency (ms). */
  const run = async (amount: number): Promise<number[]> => {
    const latencies: number[] = [];
    let sent = 0;
    await Promise.all(
      Array.from({ length: input.connections }, async () => {
        while (sent < amount) {
          sent++;
          const path = `${input.prefix ?? '/cases'}/${input.cases[next++ % input.cases.length]}/events`;
          const headers = { authorization: `Bearer ${input.token}`, 'content-type': 'application/json', 'idempotency-key': randomUUID() };
          const t = performance.now();
          const status = await post(agent, url, path, headers, input.body);
          latencies.push(performance.now() - t);
          if (status < 200 || status >= 300) failed++;
        }
      }),
    );
    return latencies;
  };
  await run(input.warmUp ?? 100);
  process.stdout.write('warm\n');
  const go = createInterface({ input: process.stdin });
  await once(go, 'line');
  go.close();
  process.stdin.destroy();
  const started = performance.now();
  const latencies = await run(input.amount);
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? NaN;
  process.stdout.write(`${JSON.stringify({ ok: latencies.length - failed, failed, seconds, p50: at(50), p99: at(99) })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
