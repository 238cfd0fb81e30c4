import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { runInThisContext } from 'node:vm';
import type { PGlite } from '@electric-sql/pglite';
import type { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { DataSource, type DataSourceOptions, type MixedList, type EntitySchema } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

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
}

/**
 * A TypeORM DataSource that knows what it runs on. On PGlite it owns the PGlite instance and
 * closes it on destroy (PGlite is one session: the pool has exactly one connection).
 */
export class TacuDataSource extends DataSource {
  readonly kind: 'server' | 'pglite';
  readonly dataDir: string | undefined;
  private pglite: PGlite | undefined;

  constructor(options: DataSourceOptions, kind: 'server' | 'pglite', pglite?: PGlite, dataDir?: string) {
    super(options);
    this.kind = kind;
    this.pglite = pglite;
    this.dataDir = dataDir;
  }

  override async destroy(): Promise<void> {
    if (this.isInitialized) await super.destroy();
    const pglite = this.pglite;
    this.pglite = undefined;
    if (pglite && !pglite.closed) await pglite.close();
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

function loadPglite(): { PGlite: typeof PGlite; createPgConfig: typeof createPgConfig; artifacts: PgliteArtifacts | undefined } {
  const nodeRequire = nodeRequireFn();
  return {
    PGlite: (nodeRequire('@electric-sql/pglite') as { PGlite: typeof PGlite }).PGlite,
    createPgConfig: (nodeRequire('@electric-sql/pglite/node-postgres') as { createPgConfig: typeof createPgConfig }).createPgConfig,
    artifacts: pgliteArtifacts(nodeRequire),
  };
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
  const pglite = new lib.PGlite(config.dataDir ?? 'memory://', (lib.artifacts ? { ...lib.artifacts } : {}) as never);
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
    config.dataDir,
  );
}

/** createDataSource + initialize (which runs pending migrations unless `migrationsRun: false`). */
export async function openDataSource(config: DataSourceConfig = {}): Promise<TacuDataSource> {
  const ds = createDataSource(config);
  try {
    await ds.initialize();
  } catch (err) {
    await ds.destroy().catch(() => undefined);
    throw err;
  }
  return ds;
}
