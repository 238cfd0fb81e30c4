/**
 * What rendering a stage document costs: `npm run bench:documents`
 * (`node -r @swc-node/register test/bench/documents/render.bench.ts`).
 * For each document (every kind and audience, in English and Irish), the median and p95 time of
 * one render of its fixture, against the same template rendered with an empty view model (the
 * floor: the page, its fixed wording and helpers, without the case's data). Renders are timed one
 * by one after a warm-up, fixture and floor in alternating batches so that both see the same
 * machine. Goal: within 2x the floor and under 2 ms. Figures go in libs/documents/README.md.
 */
import { join } from 'node:path';
import { allDocumentKeys, createDocumentRenderer, FIXTURES, keyName, type DocumentKey } from '@tacu/documents';

const WARM_UP = 300;
const BATCHES = 20;
const PER_BATCH = 100;

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? NaN;
}

function main(): void {
  const started = performance.now();
  const renderer = createDocumentRenderer({ templatesDir: join(__dirname, '..', '..', '..', 'templates') });
  process.stdout.write(`Compiled and checked every template in ${(performance.now() - started).toFixed(0)} ms\n\n`);
  const render = (key: DocumentKey, viewModel: unknown) => renderer.render(key as never, viewModel as never);

  process.stdout.write('| document | median µs | p95 µs | floor median µs | floor p95 µs | median / floor | HTML KB | within 2x and 2 ms |\n|---|---|---|---|---|---|---|---|\n');
  let allMet = true;
  for (const key of allDocumentKeys()) {
    const fixture = FIXTURES[key.kind];
    const full: number[] = [];
    const floor: number[] = [];
    for (let i = 0; i < WARM_UP; i++) {
      render(key, fixture);
      render(key, {});
    }
    for (let b = 0; b < BATCHES; b++) {
      for (const [viewModel, into] of b % 2 === 0 ? ([[fixture, full], [{}, floor]] as const) : ([[{}, floor], [fixture, full]] as const)) {
        for (let i = 0; i < PER_BATCH; i++) {
          const t0 = performance.now();
          render(key, viewModel);
          into.push((performance.now() - t0) * 1000);
        }
      }
    }
    full.sort((a, b) => a - b);
    floor.sort((a, b) => a - b);
    const median = percentile(full, 50);
    const p95 = percentile(full, 95);
    const floorMedian = percentile(floor, 50);
    const met = median <= 2 * floorMedian && p95 < 2000;
    allMet &&= met;
    const kb = Buffer.byteLength(render(key, fixture)) / 1024;
    process.stdout.write(
      `| ${keyName(key)} | ${median.toFixed(0)} | ${p95.toFixed(0)} | ${floorMedian.toFixed(0)} | ${percentile(floor, 95).toFixed(0)} | ${(median / floorMedian).toFixed(2)} | ${kb.toFixed(1)} | ${met ? 'yes' : 'no'} |\n`,
    );
  }
  process.stdout.write(`\n${allMet ? 'Every document is within 2x its floor and under 2 ms.' : 'Some documents miss the goal (see the table).'}\n`);
}

main();
