/**
 * The HTTP client of the API bench, in its own process (as a real client is): autocannon sends
 * `amount` POST /cases/:id/events round-robin over the given cases, each with a fresh
 * Idempotency-Key, and prints its result as one JSON line. Input: one JSON argument.
 */
import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';

interface LoadInput {
  url: string;
  token: string;
  cases: string[];
  connections: number;
  amount: number;
  body: string;
  /** Path before /<case id>/events (default /cases). */
  prefix?: string;
}

async function main(): Promise<void> {
  const input = JSON.parse(process.argv[2] ?? '{}') as LoadInput;
  let next = 0;
  const result = await autocannon({
    url: input.url,
    connections: input.connections,
    pipelining: 1,
    amount: input.amount,
    requests: [
      {
        method: 'POST',
        setupRequest: (request) => ({
          ...request,
          path: `${input.prefix ?? '/cases'}/${input.cases[next++ % input.cases.length]}/events`,
          headers: { authorization: `Bearer ${input.token}`, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
          body: input.body,
        }),
      },
    ],
  });
  process.stdout.write(
    `${JSON.stringify({
      ok: result['2xx'],
      failed: result.non2xx + result.errors,
      // autocannon's start/finish round to its 1 s sampling: time spent is the latency sum per connection.
      seconds: (result['2xx'] * result.latency.mean) / 1000 / input.connections,
      p50: result.latency.p50,
      p99: result.latency.p99,
    })}\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
