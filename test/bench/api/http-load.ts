/**
 * The HTTP client of the API bench, in its own process (as a real client is): `connections`
 * keep-alive connections each send POST /cases/:id/events in a loop, round-robin over the given
 * cases, each with a fresh Idempotency-Key. Latencies are timed here with performance.now()
 * (sub-millisecond): autocannon records whole milliseconds, which at 2–4 ms per transition skews
 * a per-transition comparison by up to a third. Input: one JSON argument.
 *
 * It lives for all the batches of one way, so that it is warm (JIT, sockets) for each: after its
 * warm-up it prints `warm`; then each line on stdin with a number N runs N requests and prints
 * one JSON line of figures; the end of stdin ends it. The bench marks the server's CPU time
 * around exactly each batch.
 */
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
  /** Untimed requests first, which warm up the client and the server (JIT, sockets, prepared statements). */
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
  if (failed > 0) throw new Error(`${failed} warm-up requests failed`);
  process.stdout.write('warm\n');
  for await (const line of createInterface({ input: process.stdin })) {
    const amount = Number(line);
    if (!Number.isInteger(amount) || amount <= 0) break;
    failed = 0;
    const started = performance.now();
    const latencies = await run(amount);
    const seconds = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    const at = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? NaN;
    process.stdout.write(`${JSON.stringify({ ok: latencies.length - failed, failed, seconds, p50: at(50), p99: at(99) })}\n`);
  }
  agent.destroy();
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
