/**
 * One process per embedded data folder. PGlite runs PostgreSQL inside the process with no
 * postmaster and no shared memory between processes, so two processes on one folder each keep
 * their own buffers and overwrite each other's files: writes are lost without an error. The
 * first process writes `tacu.lock` into the folder (created exclusively: O_CREAT|O_EXCL); any
 * other process refuses to start and says which process holds it.
 *
 * A lock survives `kill -9` and a power cut, so it is taken over when its holder is gone: same
 * host, and that process id no longer runs, or runs a different process (its start time, from
 * /proc on Linux, differs: the id was reused), or the machine has restarted since (boot id).
 * A lock held on another host is never taken over: this host cannot see that process.
 *
 * No library: the well-kept ones (proper-lockfile) judge staleness by the lock's age and need a
 * timer that refreshes it, which a long pause of the process would let expire; a holder's
 * process id answers the question exactly. Node has no flock().
 */
import { closeSync, fsyncSync, linkSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

/** The lock file's name inside the data folder. */
export const LOCK_FILE = 'tacu.lock';

/** Who holds a data folder: written as JSON into the lock file. */
export interface LockHolder {
  pid: number;
  host: string;
  /** When the holder took the lock (ISO instant, UTC). */
  since: string;
  /** The holder's start time in clock ticks since boot (Linux /proc), to tell a reused pid; null elsewhere. */
  startTicks: number | null;
  /** The kernel's boot id (Linux), to tell a lock from before a restart; null elsewhere. */
  bootId: string | null;
}

/** Thrown when another live process holds the data folder. `holder` says which. */
export class DataFolderInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder,
  ) {
    super(
      `The data folder ${dataDir} is in use by process ${holder.pid} on host ${holder.host} since ${holder.since} (lock file ${join(dataDir, LOCK_FILE)}). ` +
        'An embedded database serves one process: stop that process, give this one another DATA_DIR, or run several processes on a PostgreSQL server (DATABASE_URL).' +
        (holder.host === hostname() ? '' : ` If host ${holder.host} no longer runs it, delete the lock file.`),
    );
    this.name = 'DataFolderInUseError';
  }
}

/** A held lock on a data folder. `release` removes the lock file if it is still ours (idempotent). */
export interface DataFolderLock {
  readonly path: string;
  readonly holder: LockHolder;
  release(): void;
}

function readProc(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

/** Field 22 of /proc/<pid>/stat (after the parenthesised command name, which may hold spaces). */
function startTicksOf(pid: number): number | null {
  const stat = readProc(`/proc/${pid}/stat`);
  if (stat === null) return null;
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[19]);
  return Number.isFinite(ticks) ? ticks : null;
}

function bootId(): string | null {
  return readProc('/proc/sys/kernel/random/boot_id')?.trim() ?? null;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'; // alive, but another user's
  }
}

/** True when the recorded holder certainly no longer runs (only decidable on this host). */
export function holderIsGone(holder: LockHolder): boolean {
  if (holder.host !== hostname()) return false;
  const boot = bootId();
  if (holder.bootId !== null && boot !== null && holder.bootId !== boot) return true;
  if (!isRunning(holder.pid)) return true;
  const ticks = startTicksOf(holder.pid);
  return holder.startTicks !== null && ticks !== null && ticks !== holder.startTicks;
}

function parseHolder(text: string): LockHolder | null {
  try {
    const value = JSON.parse(text) as Partial<LockHolder>;
    if (typeof value.pid !== 'number' || typeof value.host !== 'string' || typeof value.since !== 'string') return null;
    return { pid: value.pid, host: value.host, since: value.since, startTicks: value.startTicks ?? null, bootId: value.bootId ?? null };
  } catch {
    return null;
  }
}

function readHolder(path: string): LockHolder | null | 'missing' {
  try {
    return parseHolder(readFileSync(path, 'utf8'));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    throw err;
  }
}

/** Creates the lock file exclusively, written and synced before anyone can read a half of it. */
function createExclusive(path: string, holder: LockHolder): boolean {
  const temp = `${path}.${holder.pid}.${Date.now()}.tmp`;
  const fd = openSync(temp, 'wx');
  try {
    writeSync(fd, JSON.stringify(holder));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    // link(2) fails if the lock exists: an atomic "create if absent" of a complete file.
    linkSync(temp, path);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  } finally {
    unlinkQuietly(temp);
  }
}

function unlinkQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone
  }
}

/**
 * Takes the lock of a data folder (which must exist), or throws DataFolderInUseError naming the
 * live process that holds it. A lock whose holder is gone is taken over: it is first renamed
 * aside (atomic, so of two processes taking over the same stale lock only one succeeds) and
 * checked to be the stale one that was read.
 */
export function lockDataFolder(dataDir: string): DataFolderLock {
  const path = join(dataDir, LOCK_FILE);
  const holder: LockHolder = { pid: process.pid, host: hostname(), since: new Date().toISOString(), startTicks: startTicksOf(process.pid), bootId: bootId() };
  for (let attempt = 0; attempt < 5; attempt++) {
    if (createExclusive(path, holder)) return heldLock(path, holder);
    const current = readHolder(path);
    if (current === 'missing') continue; // released meanwhile: try again
    if (current === null) {
      // Unreadable: not written by this code (a lock is complete before it is visible). Refuse rather than guess.
      throw new Error(`The data folder ${dataDir} has a lock file that cannot be read (${path}). If no process uses the folder, delete the lock file.`);
    }
    if (!holderIsGone(current)) throw new DataFolderInUseError(dataDir, current);
    const aside = `${path}.stale-${process.pid}-${Date.now()}`;
    try {
      renameSync(path, aside);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') continue; // another process took it over first
      throw err;
    }
    const moved = readHolder(aside);
    if (moved !== 'missing' && moved !== null && moved.pid === current.pid && moved.since === current.since) {
      unlinkQuietly(aside); // the stale lock: the folder is free
      continue;
    }
    // We moved a lock another process took in between: put it back (unless yet another exists).
    try {
      linkSync(aside, path);
    } catch {
      // a newer lock is in place
    }
    unlinkQuietly(aside);
    throw new DataFolderInUseError(dataDir, moved !== 'missing' && moved !== null ? moved : current);
  }
  throw new Error(`Could not take the lock of the data folder ${dataDir} (${path}): it changed hands repeatedly. Try again.`);
}

function heldLock(path: string, holder: LockHolder): DataFolderLock {
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    process.removeListener('exit', release);
    const current = readHolder(path);
    if (current !== 'missing' && current !== null && current.pid === holder.pid && current.since === holder.since) unlinkQuietly(path);
  };
  // A clean exit (or an uncaught error) releases the lock; a kill leaves it, to be taken over.
  process.on('exit', release);
  return { path, holder, release };
}
