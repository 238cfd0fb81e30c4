/**
 * An acknowledged commit on the embedded database is on disk: PostgreSQL runs with fsync on and
 * every COMMIT syncs the write-ahead log through a real fsync of the file's descriptor before it
 * answers (PGlite's defaults do neither). Counted on the real file system of a copied data folder.
 */
import { cpSync, fsyncSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { durablePgliteOptions, loadPglite, openDataSource } from './data-source';
import { TEMPLATE_ENV } from './testing/test-database';

function copyOfTemplate(): string {
  const template = process.env[TEMPLATE_ENV];
  if (!template) throw new Error(`${TEMPLATE_ENV} is not set: run through Jest's global setup`);
  const dir = mkdtempSync(join(tmpdir(), 'tacu-durable-'));
  cpSync(template, dir, { recursive: true });
  return dir;
}

describe('durable commits on the embedded database', () => {
  it('the app opens a data folder with fsync on, syncing the WAL with fsync()', async () => {
    const dir = copyOfTemplate();
    const ds = await openDataSource({ dataDir: dir });
    try {
      expect(ds.durable).toBe(true);
      expect(await ds.query(`SELECT current_setting('fsync') AS fsync, current_setting('wal_sync_method') AS method`)).toEqual([{ fsync: 'on', method: 'fsync' }]);
    } finally {
      await ds.destroy();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('every commit reaches fs.fsyncSync before it is acknowledged', async () => {
    const dir = copyOfTemplate();
    const lib = loadPglite();
    const synced: number[] = [];
    const pg = new lib.PGlite({ ...(lib.artifacts ?? {}), ...durablePgliteOptions(lib, dir, (fd) => (synced.push(fd), fsyncSync(fd))) } as never);
    try {
      await pg.exec('CREATE TABLE durable_probe (id serial PRIMARY KEY, note text)');
      for (let i = 0; i < 20; i++) {
        const before = synced.length;
        await pg.transaction(async (tx) => {
          await tx.query('INSERT INTO durable_probe (note) VALUES ($1)', [`commit ${i}`]);
        });
        expect({ commit: i, synced: synced.length > before }).toEqual({ commit: i, synced: true });
      }
    } finally {
      await pg.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
