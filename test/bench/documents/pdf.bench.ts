/**
 * What a PDF costs with a warm browser (`npm run bench:pdf`): time per document and per page
 * (p50, p95) for a 1-page and a 3-page stage document printed one after another, then 8
 * documents at once for each pool size, counting failures. Goal: p50 < 100 ms and
 * p95 < 250 ms per page, and no failure at 8 at once. Prints the machine's load before and
 * after, since other work on these 2 cores moves every figure.
 *
 * Env: CHROMIUM_PATH (default /usr/bin/chromium), BENCH_PDF_RUNS (sequential renders per
 * document, default 100), BENCH_PDF_ROUNDS (rounds of 8 at once per pool size, default 20).
 */
import { cpus, loadavg } from 'node:os';
import { createPdfRenderer, type PdfRenderer } from '@tacu/documents';
// The specs' sample documents and PDF reader; not part of the library's API.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { readPdf } from '../../../libs/documents/src/pdf/testing/poppler';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { pagedDocument } from '../../../libs/documents/src/pdf/testing/sample-documents';

const RUNS = Number(process.env.BENCH_PDF_RUNS ?? 100);
const ROUNDS = Number(process.env.BENCH_PDF_ROUNDS ?? 20);
const WARM_UP = 10;
const AT_ONCE = 8;
const POOL_SIZES = [1, 2, 4];
const CASE = 'MTH-2026-0042';
const ONE_PAGE = { name: '1-page', pages: 1, html: pagedDocument(1) };
const THREE_PAGES = { name: '3-page', pages: 3, html: pagedDocument(3) };
const DOCUMENTS = [ONE_PAGE, THREE_PAGES];

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

function load(): string {
  return loadavg()
    .map((n) => n.toFixed(2))
    .join(' / ');
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

/** Checks each sample document prints to the pages it is named for, so per-page figures are right. */
async function checkPageCounts(renderer: PdfRenderer): Promise<void> {
  for (const doc of DOCUMENTS) {
    const pages = Number((await readPdf(await renderer.render({ html: doc.html, caseReference: CASE }))).info['Pages']);
    if (pages !== doc.pages) throw new Error(`the ${doc.name} sample printed ${pages} pages`);
  }
}

/** One document after another, the kinds alternating in batches of 10 so a drift of the machine hits both. */
async function sequential(renderer: PdfRenderer): Promise<void> {
  const times = new Map(DOCUMENTS.map((doc) => [doc.name, [] as number[]]));
  for (const doc of DOCUMENTS) for (let i = 0; i < WARM_UP; i++) await renderer.render({ html: doc.html, caseReference: CASE });
  for (let done = 0; done < RUNS; done += 10) {
    for (const doc of DOCUMENTS) {
      for (let i = 0; i < Math.min(10, RUNS - done); i++) {
        times.get(doc.name)?.push(await timed(() => renderer.render({ html: doc.html, caseReference: CASE })));
      }
    }
  }
  process.stdout.write(`\nOne after another, warm browser (${RUNS} each):\n\n`);
  process.stdout.write('| document | per document p50 / p95 | per page p50 / p95 |\n|---|---|---|\n');
  for (const doc of DOCUMENTS) {
    const ms = times.get(doc.name) ?? [];
    const perPage = ms.map((t) => t / doc.pages);
    process.stdout.write(
      `| ${doc.name} | ${percentile(ms, 50).toFixed(1)} / ${percentile(ms, 95).toFixed(1)} ms | ` +
        `${percentile(perPage, 50).toFixed(1)} / ${percentile(perPage, 95).toFixed(1)} ms |\n`,
    );
  }
}

interface AtOnceFigures {
  latencies: number[];
  failures: number;
  pages: number;
  wallMs: number;
}

/** 8 documents sent at once (the 1-page and 3-page ones in turn); adds what happened to `figures`. */
async function roundOfEight(renderer: PdfRenderer, figures: AtOnceFigures): Promise<void> {
  const batch = Array.from({ length: AT_ONCE }, (_, i) => (i % 2 === 0 ? ONE_PAGE : THREE_PAGES));
  const started = performance.now();
  const results = await Promise.allSettled(
    batch.map(async (doc) => {
      figures.latencies.push(await timed(() => renderer.render({ html: doc.html, caseReference: CASE })));
      return doc.pages;
    }),
  );
  figures.wallMs += performance.now() - started;
  for (const result of results) {
    if (result.status === 'fulfilled') figures.pages += result.value;
    else figures.failures++;
  }
}

/**
 * Rounds of 8 at once against one renderer per pool size, all running, the sizes taking turns
 * round by round (in a rotating order), so the load of the machine falls on each alike.
 */
async function atOnce(): Promise<void> {
  const renderers = POOL_SIZES.map((pages) => ({ pages, renderer: createPdfRenderer({ pages }) }));
  try {
    for (const { renderer } of renderers) {
      await renderer.warmUp();
      await roundOfEight(renderer, { latencies: [], failures: 0, pages: 0, wallMs: 0 }); // opens every page
    }
    const figures = renderers.map((): AtOnceFigures => ({ latencies: [], failures: 0, pages: 0, wallMs: 0 }));
    for (let round = 0; round < ROUNDS; round++) {
      for (let turn = 0; turn < renderers.length; turn++) {
        const at = (round + turn) % renderers.length;
        const entry = renderers[at];
        const into = figures[at];
        if (entry && into) await roundOfEight(entry.renderer, into);
      }
    }
    process.stdout.write('| pool pages | documents | failures | latency p50 / p95 | wall time per page | pages/s |\n|---|---|---|---|---|---|\n');
    renderers.forEach(({ pages }, at) => {
      const { latencies, failures, pages: printed, wallMs } = figures[at] ?? { latencies: [], failures: 0, pages: 0, wallMs: 0 };
      const perPage = wallMs / printed;
      process.stdout.write(
        `| ${pages} | ${latencies.length} | ${failures} | ${percentile(latencies, 50).toFixed(0)} / ${percentile(latencies, 95).toFixed(0)} ms | ` +
          `${perPage.toFixed(1)} ms | ${(1000 / perPage).toFixed(0)} |\n`,
      );
    });
  } finally {
    await Promise.all(renderers.map(({ renderer }) => renderer.close()));
  }
}

async function main(): Promise<void> {
  process.stdout.write(`${cpus().length} cores; load average (1 / 5 / 15 min) before: ${load()}\n`);
  const renderer = createPdfRenderer();
  try {
    if (!(await renderer.isAvailable())) throw new Error('no Chromium: apt-get install -y chromium fonts-liberation poppler-utils');
    const cold = await timed(() => renderer.render({ html: pagedDocument(1), caseReference: CASE }));
    process.stdout.write(`First document, browser started for it: ${cold.toFixed(0)} ms\n`);
    await checkPageCounts(renderer);
    await sequential(renderer);
  } finally {
    await renderer.close();
  }
  process.stdout.write(`\n${AT_ONCE} at once (1-page and 3-page alternating), ${ROUNDS} rounds per pool size, sizes taking turns:\n\n`);
  await atOnce();
  process.stdout.write(`\nLoad average after: ${load()}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
