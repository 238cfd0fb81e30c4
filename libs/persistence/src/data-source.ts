import { createRequire } from 'node:module';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { runInThisContext } from 'node:vm';
import type { PGlite } from '@electric-sql/pglite';
import type { createPgConfig } from '@electric-sql/pglite/node-postgres';
import type { NodeFS } from '@electric-sql/pglite/nodefs';
import { DataSource, type DataSourceOptions, type MixedList, type EntitySchema } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';
import { lockDataFolder, type DataFolderLock } from './data-folder-lock';

export interface DataSourceConfig {
  /** PostgreSQL server URL. Without it the database is embedded PGlite, in-process. */
  url?: string;
  /** PGlite data folder (only without `url`); omitted: an in-memory database. */
  dataDir?: string;
  logging?: boolean;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  extraEntities?: ReadonlyArray<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  extraMigrations?: ReadonlyArray<Function | string>;
  /** Run pending migrations on initialize (default true). Never `synchronize`. */
  migrationsRun?: boolean;
  /** Server pool size (default 10). PGlite always uses one connection. */
  poolSize?: number;
  /**
   * PGlite with a data folder: every commit is on disk (fsync) before it is acknowledged
   * (default true; see `durablePgliteOptions`). False trades that for speed where the data is
   * disposable.
   */
  durable?: boolean;
}

/**
 * A TypeORM DataSource that knows what it runs on. On PGlite it owns the PGlite instance and
 * closes it on destroy (PGlite is one session: the pool has exactly one connection).
 */
export class TacuDataSource extends DataSource {
  readonly kind: 'server' | 'pglite';
  readonly dataDir: string | undefined;
  /** PGlite: commits reach the disk before they are acknowledged (fsync on). */
  readonly durable: boolean;
  /** PGlite: the data folder was created by this open (initdb ran). */
  readonly createdFolder: boolean;
  private pglite: PGlite | undefined;
  private lock: DataFolderLock | undefined;

  constructor(
    options: DataSourceOptions,
    kind: 'server' | 'pglite',
    pglite?: PGlite,
    embedded: { dataDir?: string; lock?: DataFolderLock; durable?: boolean; createdFolder?: boolean } = {},
  ) {
    super(options);
    this.kind = kind;
    this.pglite = pglite;
    this.dataDir = embedded.dataDir;
    this.lock = embedded.lock;
    this.durable = kind === 'server' || (embedded.durable ?? false);
    this.createdFolder = embedded.createdFolder ?? false;
  }

  override async destroy(): Promise<void> {
    try {
      if (this.isInitialized) await super.destroy();
      const pglite = this.pglite;
      this.pglite = undefined;
      if (pglite && !pglite.closed) await pglite.close();
    } finally {
      this.lock?.release();
      this.lock = undefined;
    }
  }
}

/**
 * PGlite's WebAssembly loader uses dynamic `import()`, which Jest's module sandbox refuses
 * without --experimental-vm-modules. Under Jest it is therefore loaded with Node's own require,
 * taken from the worker's real context; everywhere else this is a plain require.
 */
function nodeRequireFn(): NodeJS.Require {
  if (process.env.JEST_WORKER_ID !== undefined) {
    const outer = runInThisContext('process') as { mainModule?: { constructor: unknown } };
    const Module = outer.mainModule?.constructor as { createRequire?: (path: string) => NodeJS.Require } | undefined;
    if (Module?.createRequire) return Module.createRequire(__filename);
  }
  return createRequire(__filename);
}

interface PgliteArtifacts {
  /** A compiled WebAssembly.Module (the type lives in the DOM lib, which this project does not load). */
  pgliteWasmModule: unknown;
  fsBundle: Blob;
}

interface RealmGlobals {
  WebAssembly: { Module: new (bytes: Uint8Array) => unknown };
  Blob: typeof Blob;
  [ARTIFACTS]?: PgliteArtifacts | null;
}

const ARTIFACTS = Symbol.for('tacu.pglite.artifacts');

/**
 * PGlite's compiled WebAssembly and file-system bundle, made once per process (kept on the real
 * global object, so Jest's per-file module registries share it): each further open skips about
 * a second of compiling and reading.
 */
function pgliteArtifacts(nodeRequire: NodeJS.Require): PgliteArtifacts | undefined {
  const realm = runInThisContext('globalThis') as RealmGlobals;
  if (realm[ARTIFACTS] === undefined) {
    try {
      const dist = dirname(nodeRequire.resolve('@electric-sql/pglite'));
      realm[ARTIFACTS] = {
        pgliteWasmModule: new realm.WebAssembly.Module(readFileSync(join(dist, 'pglite.wasm'))),
        fsBundle: new realm.Blob([readFileSync(join(dist, 'pglite.data'))]),
      };
    } catch {
      realm[ARTIFACTS] = null; // let PGlite load them itself
    }
  }
  return realm[ARTIFACTS] ?? undefined;
}

export interface PgliteLib {
  PGlite: typeof PGlite;
  NodeFS: typeof NodeFS;
  createPgConfig: typeof createPgConfig;
  artifacts: PgliteArtifacts | undefined;
}

/** PGlite's classes and compiled artifacts, loaded as `nodeRequireFn` says. */
export function loadPglite(): PgliteLib {
  const nodeRequire = nodeRequireFn();
  return {
    PGlite: (nodeRequire('@electric-sql/pglite') as { PGlite: typeof PGlite }).PGlite,
    NodeFS: (nodeRequire('@electric-sql/pglite/nodefs') as { NodeFS: typeof NodeFS }).NodeFS,
    createPgConfig: (nodeRequire('@electric-sql/pglite/node-postgres') as { createPgConfig: typeof createPgConfig }).createPgConfig,
    artifacts: pgliteArtifacts(nodeRequire),
  };
}

/** The slice of Emscripten's module PGlite hands to a file system's `preRun` hooks. */
interface EmscriptenModule {
  FS: { filesystems: { NODEFS: { stream_ops: { fsync?: (stream: { nfd?: number }) => number } } } };
}

/**
 * PGlite options that make a commit durable in a data folder, as PostgreSQL on a server is.
 * PGlite 0.5.14 starts PostgreSQL with `-F` (fsync off), and its Node file system (Emscripten's
 * NODEFS) has no `fsync`: PostgreSQL's fsync() reaches Emscripten's fd_sync, which does nothing
 * without one, and fdatasync() is a no-op there too. So:
 * - the file system's NODEFS gets an `fsync` that calls fs.fsyncSync on the real descriptor;
 * - PostgreSQL starts without `-F`, with `wal_sync_method=fsync` (its default, fdatasync, never
 *   reaches the disk under Emscripten).
 * Then the WAL is synced at every commit before COMMIT answers, and data files and folders at
 * checkpoints, through the same calls as on a server. Cost measured in the engine bench (README).
 * `sync` is how a descriptor is synced (fs.fsyncSync; tests count the calls).
 */
export function durablePgliteOptions(
  lib: Pick<PgliteLib, 'PGlite' | 'NodeFS'>,
  dataDir: string,
  sync: (fd: number) => void = fsyncSync,
): { fs: InstanceType<typeof NodeFS>; startParams: string[] } {
  const { PGlite: PGliteClass, NodeFS: NodeFSClass } = lib;
  class SyncingNodeFS extends NodeFSClass {
    override async init(pg: PGlite, opts: Parameters<NodeFS['init']>[1]) {
      const result = await super.init(pg, opts);
      const giveNodefsAnFsync = (mod: EmscriptenModule) => {
        mod.FS.filesystems.NODEFS.stream_ops.fsync = (stream) => {
          if (stream.nfd !== undefined) sync(stream.nfd);
          return 0;
        };
      };
      const preRun = (result.emscriptenOpts.preRun ?? []) as unknown[];
      return { emscriptenOpts: { ...result.emscriptenOpts, preRun: [giveNodefsAnFsync, ...preRun] as never } };
    }
  }
  const defaults = (PGliteClass as unknown as { defaultStartParams: string[] }).defaultStartParams;
  return { fs: new SyncingNodeFS(dataDir), startParams: [...defaults.filter((p) => p !== '-F'), '-c', 'wal_sync_method=fsync'] };
}

/** fsync every file and folder under `dir` (what PostgreSQL's initdb does unless told --no-sync). */
export function syncFolder(dir: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) syncFolder(path);
    else if (entry.isFile()) syncPath(path);
  }
  syncPath(dir);
}

function syncPath(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Builds (does not initialize) the DataSource: TypeORM postgres on the server, or embedded PGlite in-process. */
export function createDataSource(config: DataSourceConfig = {}): TacuDataSource {
  const common = {
    type: 'postgres' as const,
    entities: [...ENTITIES, ...(config.extraEntities ?? [])] as MixedList<string | EntitySchema>,
    migrations: [...MIGRATIONS, ...(config.extraMigrations ?? [])] as MixedList<string>,
    migrationsRun: config.migrationsRun ?? true,
    synchronize: false,
    // Ids default to gen_random_uuid() (built in since PostgreSQL 13); TypeORM must know it to
    // compare the entities with the migrated schema.
    uuidExtension: 'pgcrypto' as const,
    logging: config.logging ?? false,
  };
  if (config.url) {
    const poolSize = config.poolSize ?? 10;
    return new TacuDataSource({ ...common, url: config.url, poolSize, extra: { max: poolSize } }, 'server');
  }
  const lib = loadPglite();
  const artifacts = lib.artifacts ? { ...lib.artifacts } : {};
  const dataDir = config.dataDir;
  if (dataDir === undefined) {
    const pglite = new lib.PGlite('memory://', artifacts as never);
    return pgliteDataSource(common, lib, pglite, {});
  }
  mkdirSync(dataDir, { recursive: true });
  // Before PGlite touches the folder: a second process must not open it at all.
  const lock = lockDataFolder(dataDir);
  try {
    const durable = config.durable ?? true;
    const createdFolder = !existsSync(join(dataDir, 'PG_VERSION'));
    const pglite = new lib.PGlite({ ...artifacts, ...(durable ? durablePgliteOptions(lib, dataDir) : { dataDir }) } as never);
    return pgliteDataSource(common, lib, pglite, { dataDir, lock, durable, createdFolder });
  } catch (err) {
    lock.release();
    throw err;
  }
}

function pgliteDataSource(
  common: Omit<DataSourceOptions, 'type'> & { type: 'postgres' },
  lib: PgliteLib,
  pglite: PGlite,
  embedded: ConstructorParameters<typeof TacuDataSource>[3],
): TacuDataSource {
  const pg = lib.createPgConfig(pglite);
  return new TacuDataSource(
    {
      ...common,
      host: 'localhost',
      username: 'postgres',
      password: 'x',
      database: 'postgres',
      poolSize: 1,
      extra: { connection: pg.connection, max: 1 },
    },
    'pglite',
    pglite,
    embedded,
  );
}

/** createDataSource + initialize (which runs pending migrations unless `migrationsRun: false`). */
export async function openDataSource(config: DataSourceConfig = {}): Promise<TacuDataSource> {
  const ds = createDataSource(config);
  try {
    await ds.initialize();
    // PGlite's initdb writes the new folder through its own file system, which never syncs:
    // sync it once, as PostgreSQL's initdb does, so a power cut after the first start loses nothing.
    if (ds.kind === 'pglite' && ds.durable && ds.createdFolder && ds.dataDir) {
      await ds.query('CHECKPOINT');
      syncFolder(ds.dataDir);
    }
  } catch (err) {
    await ds.destroy().catch(() => undefined);
    throw err;
  }
  return ds;
}
