/**
 * A first start killed while seeding, for the demo seed test: builds the app on the data folder
 * given as argument, seeds the demo area, and kills itself with SIGKILL (as `kill -9` would)
 * after the given number of demo cases are written. Run with `node -r @swc-node/register`.
 */
import 'reflect-metadata';
// A plain node process outside Jest's module map: relative imports only.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { createApp, loadConfig, seedDemo } from '../../../apps/api/src/index';

const [dataDir, after] = process.argv.slice(2);
if (!dataDir || !after) throw new Error('usage: seed-until-killed <data folder> <cases before the kill>');

(async () => {
  const app = await createApp({ config: loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', TIMER_INTERVAL_MS: '0' }) }, { abortOnError: false });
  await seedDemo(app, {
    onProgress: (seeded) => {
      if (seeded === Number(after)) process.kill(process.pid, 'SIGKILL');
    },
  });
  process.stderr.write('the seed finished: it was meant to be killed\n');
  process.exit(2);
})().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
