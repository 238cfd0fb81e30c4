/**
 * The migrated PGlite template folder shared by every test file of a run (initdb takes ~5 s; a
 * copy takes ~0.1 s). Keyed by the migrations' source, so it is rebuilt only when they change.
 */
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// Loaded by Jest's globalSetup outside the module map: relative imports only.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { MIGRATIONS, openDataSource } from '../../libs/persistence/src/index';

export const TEMPLATE_ENV = 'TACU_TEST_PGLITE_TEMPLATE';
const READY = '.tacu-template-ready';

export function testRoot(): string {
  const root = join(tmpdir(), 'tacu-test-db');
  mkdirSync(root, { recursive: true });
  return root;
}

function migrationsKey(): string {
  const hash = createHash('sha256');
  for (const m of MIGRATIONS) hash.update(m.name).update(String(m.prototype.up)).update(String(m.prototype.down));
  return hash.digest('hex').slice(0, 16);
}

/** Returns the path of a migrated template folder, creating it once per migration set. */
export async function ensurePgliteTemplate(): Promise<string> {
  const root = testRoot();
  const dir = join(root, `template-${migrationsKey()}`);
  if (existsSync(join(dir, READY))) return dir;
  const building = `${dir}.building-${process.pid}`;
  rmSync(building, { recursive: true, force: true });
  const ds = await openDataSource({ dataDir: building });
  await ds.destroy();
  writeFileSync(join(building, READY), new Date().toISOString());
  try {
    renameSync(building, dir);
  } catch {
    // Another run built it at the same moment: keep theirs.
    rmSync(building, { recursive: true, force: true });
    if (!existsSync(join(dir, READY))) throw new Error(`PGlite template ${dir} is incomplete`);
  }
  sweepStale(root, dir);
  return dir;
}

/** Removes old templates and test copies left behind by runs that were killed. */
function sweepStale(root: string, keep: string): void {
  const cutoff = Date.now() - 6 * 60 * 60 * 1000;
  for (const name of readdirSync(root)) {
    const path = join(root, name);
    if (path === keep) continue;
    try {
      if (statSync(path).mtimeMs < cutoff) rmSync(path, { recursive: true, force: true });
    } catch {
      // in use or already gone
    }
  }
}

let copies = 0;

/** A private copy of the template for one test file. */
export function copyTemplate(template: string): string {
  const dir = join(testRoot(), `copy-${process.pid}-${Date.now().toString(36)}-${copies++}`);
  cpSync(template, dir, { recursive: true });
  rmSync(join(dir, READY), { force: true });
  return dir;
}
