/**
 * A second process for the data-folder lock test: opens the embedded database in the folder
 * given as argument, prints "ready <pid>" and holds it until killed; or prints why it could not
 * and exits with 1. Run with `node -r @swc-node/register`.
 */
// A plain node process outside Jest's module map: relative imports only.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { openDataSource } from '../../libs/persistence/src/index';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: hold-data-folder <data folder>');

openDataSource({ dataDir, migrationsRun: false }).then(
  async (ds) => {
    await ds.query('SELECT 1');
    process.stdout.write(`ready ${process.pid}\n`);
    setInterval(() => undefined, 60_000);
  },
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
