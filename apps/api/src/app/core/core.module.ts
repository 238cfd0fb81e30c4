/**
 * The infrastructure every feature uses, built once: configuration, clock, database, engine,
 * token verifier, and the in-process deadline worker. Tests hand in their own database and
 * clock through `AppOptions` (no module mocking).
 */
import { Global, Inject, Injectable, Logger, Module, type DynamicModule, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { DestinationStream } from 'pino';
import type { DataSource } from 'typeorm';
import { createTokenVerifier, type TokenVerifier } from '@tacu/auth';
import { createDocumentRenderer, createPdfRenderer, type DocumentRenderer, type PdfRenderer } from '@tacu/documents';
import { createEngine, TimerWorker, type Clock, type Engine } from '@tacu/engine';
import { openDataSource } from '@tacu/persistence';
import { WORKFLOWS, type WorkflowDefinition } from '@tacu/workflows';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { TOKEN_VERIFIER } from '../auth/auth.guard';
import { CLOCK, DATA_SOURCE, DOCUMENT_RENDERER, ENGINE, PDF_RENDERER, WORKFLOW_DEFINITIONS } from './tokens';
import { CombinedCaseFacts, FamilyRecordFacts, PlanDocumentFacts } from '../cases/case-facts';
import { CaseDocumentSource } from '../documents/case-document-source';
import { UserAccounts } from '../auth/user-accounts';
import { RATE_LIMITER } from '../rate-limit/rate-limit.guard';
import { RateLimiter } from '../rate-limit/rate-limiter';

export interface AppOptions {
  config: AppConfig;
  /** An initialised, migrated database (tests); otherwise opened from the config and closed with the app. */
  dataSource?: DataSource;
  clock?: Clock;
  /** The machines to run (default: WORKFLOWS of @tacu/workflows). */
  workflows?: readonly WorkflowDefinition[];
  /** Where logs go (default: stdout). The bench writes them to a file. */
  logDestination?: DestinationStream;
  /** Run the deadline worker in this process (default: when TIMER_INTERVAL_MS > 0). */
  runTimerWorker?: boolean;
}

export const APP_OPTIONS = Symbol('APP_OPTIONS');
const TIMER_WORKER = Symbol('TIMER_WORKER');

export const systemClock: Clock = { now: () => new Date() };

const renderers = new Map<string, DocumentRenderer>();

/**
 * The document renderer of a templates folder (and overrides), compiled once per process: the
 * templates do not change while it runs, and every app the tests start shares it.
 */
function documentRendererFor(templates: AppConfig['templates']): DocumentRenderer {
  const key = JSON.stringify(templates);
  let renderer = renderers.get(key);
  if (!renderer) {
    renderer = createDocumentRenderer({ templatesDir: templates.dir, ...(templates.overrideDir ? { overrideDir: templates.overrideDir } : {}) });
    renderers.set(key, renderer);
  }
  return renderer;
}

/** Closes what the app opened, and runs/stops the deadline worker with the app. */
@Injectable()
export class Lifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Lifecycle');

  constructor(
    @Inject(APP_OPTIONS) private readonly options: AppOptions,
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(TIMER_WORKER) private readonly worker: TimerWorker | null,
    @Inject(PDF_RENDERER) private readonly pdf: PdfRenderer,
  ) {}

  onApplicationBootstrap(): void {
    if (this.worker) {
      this.worker.start(this.options.config.timerIntervalMs || 5000);
      this.logger.log(`Deadline worker running every ${this.options.config.timerIntervalMs} ms`);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.worker) await this.worker.stop();
    await this.pdf.close();
    if (!this.options.dataSource && this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

@Global()
@Module({})
export class CoreModule {
  static forRoot(options: AppOptions): DynamicModule {
    const { config } = options;
    return {
      module: CoreModule,
      providers: [
        { provide: APP_OPTIONS, useValue: options },
        { provide: APP_CONFIG, useValue: config },
        { provide: CLOCK, useValue: options.clock ?? systemClock },
        { provide: WORKFLOW_DEFINITIONS, useValue: options.workflows ?? WORKFLOWS },
        {
          provide: DATA_SOURCE,
          useFactory: async (): Promise<DataSource> =>
            options.dataSource ?? (await openDataSource(config.databaseUrl ? { url: config.databaseUrl } : { dataDir: config.dataDir })),
        },
        // Every template is compiled and checked against its fixture here: a broken one stops the start, naming its file and line.
        { provide: DOCUMENT_RENDERER, useFactory: (): DocumentRenderer => documentRendererFor(config.templates) },
        // The browser starts at the first PDF asked for, not with the app.
        { provide: PDF_RENDERER, useFactory: (): PdfRenderer => createPdfRenderer({ executablePath: config.pdf.chromiumPath, pages: config.pdf.pages }) },
        {
          provide: ENGINE,
          inject: [DATA_SOURCE, CLOCK, WORKFLOW_DEFINITIONS, DOCUMENT_RENDERER],
          useFactory: (dataSource: DataSource, clock: Clock, workflows: readonly WorkflowDefinition[], renderer: DocumentRenderer): Engine =>
            createEngine({ dataSource, workflows, clock, deadlinePolicy: config.deadlinePolicy, caseFacts: new CombinedCaseFacts([new FamilyRecordFacts(), new PlanDocumentFacts()]), documents: new CaseDocumentSource(renderer, { organisationName: config.pages.organisationName }) }),
        },
        {
          provide: TIMER_WORKER,
          inject: [DATA_SOURCE, ENGINE, CLOCK],
          useFactory: (dataSource: DataSource, engine: Engine, clock: Clock): TimerWorker | null => {
            const run = options.runTimerWorker ?? config.timerIntervalMs > 0;
            if (!run) return null;
            const logger = new Logger('TimerWorker');
            return new TimerWorker({
              dataSource,
              engine,
              clock,
              onError: (error, timer) =>
                logger.error({ timerId: timer.id, caseId: timer.caseId, err: { type: (error as Error)?.name, message: (error as Error)?.message } }, 'A due timer failed; it stays due'),
            });
          },
        },
        {
          provide: TOKEN_VERIFIER,
          useFactory: (): TokenVerifier =>
            config.token.kind === 'jwks'
              ? createTokenVerifier({ jwksUrl: config.token.jwksUrl, issuer: config.token.issuer, audience: config.token.audience, maxLifetimeSeconds: config.token.maxLifetimeSeconds })
              : createTokenVerifier({ secret: config.token.secret, issuer: config.token.issuer, audience: config.token.audience, maxLifetimeSeconds: config.token.maxLifetimeSeconds }),
        },
        // Shared by the API's guards and the pages: one cache of accounts, one count per user.
        UserAccounts,
        { provide: RATE_LIMITER, useFactory: (): RateLimiter => new RateLimiter(config.rateLimit) },
        Lifecycle,
      ],
      exports: [APP_OPTIONS, APP_CONFIG, CLOCK, DATA_SOURCE, ENGINE, TOKEN_VERIFIER, WORKFLOW_DEFINITIONS, DOCUMENT_RENDERER, PDF_RENDERER, UserAccounts, RATE_LIMITER],
    };
  }
}
