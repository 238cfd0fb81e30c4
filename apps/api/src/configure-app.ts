/**
 * Everything that makes the Nest app *this* API, shared by main.ts, the e2e tests and the bench:
 * the Fastify adapter (request ids), pino logs, validation (unknown fields rejected), the
 * problem+json filter, and OpenAPI at /docs.
 */
import type { IncomingMessage } from 'node:http';
import { ValidationPipe, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { Logger } from 'pino';
import { AppModule } from './app/app.module';
import type { AppOptions } from './app/core/core.module';
import { ProblemFilter } from './app/errors/problem.filter';
import { ValidationFailed, flattenValidationErrors } from './app/errors/validation-failed';
import { createLogger, logRequests, PinoNestLogger, requestIdFor } from './app/logging';
import { recordRoutes } from './app/core/route-table';

export function createAdapter(): FastifyAdapter {
  return new FastifyAdapter({
    genReqId: (req: IncomingMessage) => requestIdFor(req.headers),
    // Bodies are events and case openings: 1 MiB is far more than any of them needs.
    bodyLimit: 1024 * 1024,
    // Fastify's own logger stays off (it would make a child logger per request): logRequests
    // writes one line per request.
    logger: false,
  });
}

export function configureApp(app: NestFastifyApplication, logger: Logger): NestFastifyApplication {
  app.enableShutdownHooks();
  const fastify = app.getHttpAdapter().getInstance();
  recordRoutes(fastify);
  logRequests(fastify, logger);
  // Callback style: an async hook would cost a promise on every request.
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header('x-request-id', request.id);
    done();
  });
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      validationError: { target: false, value: false },
      exceptionFactory: (errors) => new ValidationFailed(flattenValidationErrors(errors)),
    }),
  );
  app.useGlobalFilters(new ProblemFilter());
  setUpOpenApi(app);
  return app;
}

function setUpOpenApi(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('Tacú API')
    .setDescription(
      [
        'Early-intervention family support (Meitheal-style): open a case for a child, send it events, follow its deadlines.',
        'Every request carries a bearer token (`npm run tokens` prints demo tokens). Errors are `application/problem+json`',
        '`{type, title, status, detail, code, ...}`: 400 VALIDATION_FAILED lists every invalid field in `errors`; 401; 403;',
        '404 CASE_NOT_FOUND (also for a case you may not see); 409 EVENT_NOT_ALLOWED with `allowedEvents`, or VERSION_CONFLICT',
        'with `currentVersion`; 422 GUARD_FAILED with `reasons`, or IDEMPOTENCY_KEY_REUSED.',
      ].join(' '),
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .build();
  const document = SwaggerModule.createDocument(app, config);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json' });
}

/** Builds, configures and initialises the app (without listening): for main, tests and the bench. */
export async function createApp(options: AppOptions, { abortOnError = true }: { abortOnError?: boolean } = {}): Promise<NestFastifyApplication> {
  const logger = createLogger(options.config.logLevel, options.logDestination);
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.register(options), createAdapter(), { logger: new PinoNestLogger(logger), abortOnError });
  configureApp(app, logger);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}
