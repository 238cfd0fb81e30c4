/**
 * The "my cases" page against GET /cases, for the same lead practitioner and the same 200 cases,
 * and the case page against the JSON of the same case (GET /cases/:id, its history and its
 * documents: what the page shows), in the same run (`npm run bench:pages`, issue 15). Goals: a
 * page within 1.5x of the JSON answers' server time, and its p95 under 50 ms.
 *
 * The assembled app on embedded PGlite (the e2e harness: its clock fixed on Monday 2 March 2026),
 * 200 cases led by one practitioner, each a submitted request for support with its registration
 * deadline running (the page counts each due day in working days). Both ways list one page of 20
 * (the page's size and the API's default) through `app.inject()`: the whole Fastify and Nest
 * pipeline with no socket, so the time is the server's: the API with its bearer token, the page
 * with its session cookie (session read, need to know, list, read records, working days,
 * Handlebars). The case page is read for a case under review (its plan signed off: 15 events in
 * its history and its documents so far), one of the 200. The ways alternate in rounds of
 * BENCH_REQUESTS/ROUNDS requests each, after a warm-up, so the machine's load falls on both alike.
 *
 * Env: BENCH_CASES (default 200), BENCH_REQUESTS (per way, default 2000), BENCH_WARM_UP (default 300).
 */
import { loadavg } from 'node:os';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { journeyTo } from '../../e2e/support/api';
import { drive, openCase, pageSession, startHarness, USERS } from '../../e2e/support/harness';

const CASES = Number(process.env.BENCH_CASES ?? 200);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 2000);
const WARM_UP = Number(process.env.BENCH_WARM_UP ?? 300);
const ROUNDS = 10;

interface Way {
  name: string;
  request: () => Promise<{ statusCode: number; body: string }>;
  times: number[];
}

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
}

async function timed(way: Way, count: number, keep: boolean): Promise<void> {
  for (let i = 0; i < count; i++) {
    const start = process.hrtime.bigint();
    const res = await way.request();
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (res.statusCode !== 200) throw new Error(`${way.name} answered ${res.statusCode}: ${res.body.slice(0, 300)}`);
    if (keep) way.times.push(ms);
  }
}

/** Times the two ways in alternating rounds and prints the table and the goals. */
async function compare(title: string, api: Way, page: Way): Promise<void> {
  for (const way of [api, page]) await timed(way, WARM_UP, false);
  const perRound = Math.ceil(REQUESTS / ROUNDS);
  const ratios: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 === 0 ? [api, page] : [page, api];
    for (const way of order) await timed(way, perRound, true);
    const lastApi = api.times.slice(-perRound);
    const lastPage = page.times.slice(-perRound);
    ratios.push(quantile(lastPage, 0.5) / quantile(lastApi, 0.5));
  }
  const row = (way: Way) => `| ${way.name} | ${way.times.length} | ${quantile(way.times, 0.5).toFixed(2)} | ${quantile(way.times, 0.95).toFixed(2)} | ${quantile(way.times, 0.99).toFixed(2)} |`;
  const ratio = quantile(page.times, 0.5) / quantile(api.times, 0.5);
  const p95 = quantile(page.times, 0.95);
  process.stdout.write(
    [
      '',
      `${title}: ${CASES} cases, server time per request in ms (app.inject, sequential); load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`,
      '',
      '| way | requests | p50 | p95 | p99 |',
      '|---|---|---|---|---|',
      row(api),
      row(page),
      '',
      `page / JSON, medians: ${ratio.toFixed(2)}x (per round: ${ratios.map((r) => r.toFixed(2)).join(', ')}; median of rounds ${quantile(ratios, 0.5).toFixed(2)}x)`,
      `goal within 1.5x: ${quantile(ratios, 0.5) <= 1.5 ? 'met' : 'NOT met'}; goal p95 under 50 ms: ${p95 < 50 ? 'met' : 'NOT met'} (${p95.toFixed(2)} ms)`,
      '',
    ].join('\n'),
  );
}

async function main(): Promise<void> {
  const h = await startHarness();
  try {
    process.stdout.write(`Seeding ${CASES} submitted requests for support led by ${USERS.lead}…\n`);
    for (let i = 0; i < CASES; i++) {
      const { id } = await openCase(h, USERS.lead, { child: { name: `Child ${String(i).padStart(3, '0')} Murphy`, dateOfBirth: '2016-05-05' } });
      await drive(h, id, journeyTo('request.submitted', USERS.lead));
    }
    const app: NestFastifyApplication = h.app;
    const token = await h.token(USERS.lead);
    const session = await pageSession(h, USERS.lead);
    const api: Way = { name: 'GET /cases (JSON)', times: [], request: () => app.inject({ method: 'GET', url: '/cases?limit=20', headers: { authorization: `Bearer ${token}` } }) };
    const page: Way = { name: 'GET /app/cases (page)', times: [], request: () => app.inject({ method: 'GET', url: '/app/cases', headers: { cookie: session.cookie } }) };

    // The same 20 cases both ways: the newest 20 of the lead's.
    const json = JSON.parse((await api.request()).body) as { items: { id: string }[] };
    const html = (await page.request()).body;
    const shown = (html.match(/data-testid="case-reference"/g) ?? []).length;
    if (json.items.length !== 20 || shown !== 20) throw new Error(`expected 20 cases both ways, got ${json.items.length} and ${shown}`);
    if (!/In \d+ working days/.test(html)) throw new Error('the page does not count the due days');

    await compare('my cases', api, page);

    // The case page: one case further on, against the three JSON answers it is made of.
    const { id } = await openCase(h, USERS.lead, { child: { name: 'Róisín Ní Bhriain', dateOfBirth: '2015-01-20' } });
    await drive(h, id, journeyTo('review.scheduled', USERS.lead));
    const bearer = { authorization: `Bearer ${token}` };
    const caseJson: Way = {
      name: `GET /cases/:id, /history, /documents (JSON)`,
      times: [],
      request: async () => {
        for (const url of [`/cases/${id}`, `/cases/${id}/history`]) {
          const res = await app.inject({ method: 'GET', url, headers: bearer });
          if (res.statusCode !== 200) return res;
        }
        return app.inject({ method: 'GET', url: `/cases/${id}/documents`, headers: bearer });
      },
    };
    const casePage: Way = { name: 'GET /app/cases/:id (page)', times: [], request: () => app.inject({ method: 'GET', url: `/app/cases/${id}`, headers: { cookie: session.cookie } }) };
    const caseHtml = (await casePage.request()).body;
    if (!caseHtml.includes('Róisín Ní Bhriain') || !caseHtml.includes('data-testid="document"')) throw new Error('the case page does not show the case and its documents');
    await compare('case page', caseJson, casePage);
  } finally {
    await h.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
