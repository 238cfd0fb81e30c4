/**
 * One process per embedded data folder: a second process refuses to start and names the one
 * that holds the folder; a lock left by a process killed with -9 is taken over. Real processes,
 * on a copy of the migrated PGlite template folder.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DataFolderInUseError, LOCK_FILE, lockDataFolder, type LockHolder } from './data-folder-lock';
import { TEMPLATE_ENV } from './testing/test-database';

const ROOT = resolve(__dirname, '../../..');

interface Holder {
  child: ChildProcess;
  /** Resolves with the holder's pid when it holds the folder, or rejects with what it printed when it exits. */
  ready: Promise<number>;
  exited: Promise<{ code: number | null; output: string }>;
}

function hold(dataDir: string): Holder {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'test/support/hold-data-folder.ts', dataDir], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const exited = new Promise<{ code: number | null; output: string }>((res) => child.once('exit', (code) => res({ code, output })));
  const ready = new Promise<number>((res, rej) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = /ready (\d+)/.exec(output);
      if (match) res(Number(match[1]));
    });
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    void exited.then(({ code }) => rej(new Error(`exited ${code}: ${output}`)));
  });
  ready.catch(() => undefined);
  return { child, ready, exited };
}

function lockHolder(dataDir: string): LockHolder {
  return JSON.parse(readFileSync(join(dataDir, LOCK_FILE), 'utf8')) as LockHolder;
}

describe('one process per embedded data folder', () => {
  const started: Holder[] = [];
  let dataDir: string;

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'tacu-lock-'));
  });

  /** The folder as a migrated database, for the processes that open it. */
  function migratedFolder(): void {
    const template = process.env[TEMPLATE_ENV];
    if (!template) throw new Error(`${TEMPLATE_ENV} is not set: run through Jest's global setup`);
    cpSync(template, dataDir, { recursive: true });
  }

  afterEach(async () => {
    for (const h of started.splice(0)) {
      if (h.child.exitCode === null && h.child.signalCode === null) {
        h.child.kill('SIGKILL');
        await h.exited;
      }
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('a second process refuses to start, naming the process that holds the folder (pid, host, since)', async () => {
    migratedFolder();
    const first = hold(dataDir);
    started.push(first);
    const pid = await first.ready;
    const { since } = lockHolder(dataDir);

    const second = hold(dataDir);
    started.push(second);
    const { code, output } = await second.exited;
    expect(code).toBe(1);
    expect(output).toContain(`The data folder ${dataDir} is in use by process ${pid} on host ${hostname()} since ${since}`);
    expect(lockHolder(dataDir).pid).toBe(pid); // the refused process left the lock alone
  }, 60_000);

  it('after kill -9 the next process takes the stale lock over; releasing removes it', async () => {
    migratedFolder();
    const first = hold(dataDir);
    started.push(first);
    const killedPid = await first.ready;
    first.child.kill('SIGKILL');
    await first.exited;
    expect(lockHolder(dataDir).pid).toBe(killedPid); // kill -9 leaves the lock behind

    const next = hold(dataDir);
    started.push(next);
    const pid = await next.ready;
    expect(lockHolder(dataDir)).toMatchObject({ pid, host: hostname() });
    next.child.kill('SIGKILL');
    await next.exited;

    // Within one process: take and release, then the lock file is gone.
    const lock = lockDataFolder(dataDir);
    expect(lock.holder.pid).toBe(process.pid);
    lock.release();
    expect(() => readFileSync(join(dataDir, LOCK_FILE))).toThrow(/ENOENT/);
  }, 60_000);

  it('refuses a folder this process already holds, and one held on another host', () => {
    const lock = lockDataFolder(dataDir);
    try {
      expect(() => lockDataFolder(dataDir)).toThrow(DataFolderInUseError);
    } finally {
      lock.release();
    }
    const elsewhere: LockHolder = { pid: 1, host: `${hostname()}-other`, since: '2026-11-30T08:00:00.000Z', startTicks: null, bootId: null };
    writeFileSync(join(dataDir, LOCK_FILE), JSON.stringify(elsewhere));
    expect(() => lockDataFolder(dataDir)).toThrow(`is in use by process 1 on host ${elsewhere.host} since ${elsewhere.since}`);
    expect(() => lockDataFolder(dataDir)).toThrow('If host');
  });

  it('takes over a lock whose pid now belongs to another process (reused after a restart)', () => {
    const lockOf = (changes: Partial<LockHolder>): LockHolder => ({ pid: process.pid, host: hostname(), since: '2026-11-30T08:00:00.000Z', startTicks: null, bootId: null, ...changes });
    for (const stale of [lockOf({ startTicks: 1 }), lockOf({ bootId: 'a-boot-before-the-power-cut' })]) {
      writeFileSync(join(dataDir, LOCK_FILE), JSON.stringify(stale));
      const lock = lockDataFolder(dataDir);
      expect(lockHolder(dataDir).since).not.toBe(stale.since);
      lock.release();
    }
  });
});
