/**
 * Everything that makes the Nest app *this* API, shared by main.ts, the e2e tests and the bench:
 * the Fastify adapter (request ids, body size), pino logs, the input boundary check (JSON body
 * parser and request hook), rate limits, validation (unknown fields rejected), the problem+json
 * filter, the route table, OpenAPI at /docs, and the pages' cookies, views and security headers.
 */
import type { IncomingMessage } from 'node:http';
import { ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { AppModule } from './app/app.module';
import type { AppOptions } from './app/core/core.module';
import { PROBLEM_CONTENT_TYPE } from './app/errors/problem';
import { ProblemFilter, toProblem } from './app/errors/problem.filter';
import { INPUT_LIMITS } from './app/input/input-limits';
import { checkRequestInput, useJsonBodyParser } from './app/input/input-hooks';
import { RATE_LIMITER } from './app/rate-limit/rate-limit.guard';
import type { RateLimiter } from './app/rate-limit/rate-limiter';
import { setUpOpenApi } from './app/openapi/openapi-document';
import { ValidationFailed, flattenValidationErrors } from './app/errors/validation-failed';
import { createLogger, logRequests, PinoNestLogger, requestIdFor } from './app/logging';
import { recordRoutes } from './app/core/route-table';
import { APP_CONFIG, type AppConfig } from './app/config/app-config';
import { EventFormSchemas } from './app/pages/forms/event-schemas';
import { setUpPages } from './app/pages/pages-setup';

/** `trustProxy`: take the client address from X-Forwarded-For (TRUST_PROXY, behind a reverse proxy). */
export function createAdapter({ trustProxy = false }: { trustProxy?: boolean } = {}): FastifyAdapter {
  return new FastifyAdapter({
    genReqId: (req: IncomingMessage) => requestIdFor(req.headers),
    // Bodies are events and case openings: 1 MiB is far more than any of them needs.
    bodyLimit: INPUT_LIMITS.bodyBytes,
    trustProxy,
    // A URL the router cannot decode (`/cases/%ED%A0%80`) is refused before any hook or filter
    // runs: answered as a problem like every other error.
    frameworkErrors: (error: Error, request: FastifyRequest, reply: FastifyReply) => {
      const { problem } = toProblem(error);
      if ((error as { code?: string }).code === 'FST_ERR_BAD_URL') {
        problem.detail = 'The URL path is not percent-encoded UTF-8: encode each part of it as UTF-8, then percent-encode it (encodeURIComponent).';
      }
      problem['requestId'] = request.id;
      void reply.status(problem.status).header('x-request-id', request.id).header('content-type', PROBLEM_CONTENT_TYPE).send(problem);
    },
    // Fastify's own logger stays off (it would make a child logger per request): logRequests
    // writes one line per request.
    logger: false,
  });
}

export async function configureApp(app: NestFastifyApplication, logger: Logger): Promise<NestFastifyApplication> {
  app.enableShutdownHooks();
  const fastify = app.getHttpAdapter().getInstance();
  recordRoutes(fastify);
  logRequests(fastify, logger);
  // Callback style: an async hook would cost a promise on every request.
  fastify.addHook('onRequest', (request, reply, done) => {
    // Answers carry children's data: no browser or proxy keeps a copy (the docs' files set their own).
    void reply.header('x-request-id', request.id).header('cache-control', 'no-store');
    done();
  });
  await app.get<RateLimiter>(RATE_LIMITER).install(app);
  await setUpPages(app, app.get<AppConfig>(APP_CONFIG));
  useJsonBodyParser(app);
  checkRequestInput(fastify);
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
  // The next-step forms are built from the events' schemas in this very document.
  app.get(EventFormSchemas).use(setUpOpenApi(app));
  return app;
}

/** Builds, configures and initialises the app (without listening): for main, tests and the bench. */
export async function createApp(options: AppOptions, { abortOnError = true }: { abortOnError?: boolean } = {}): Promise<NestFastifyApplication> {
  const logger = createLogger(options.config.logLevel, options.logDestination);
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.register(options), createAdapter({ trustProxy: options.config.trustProxy }), { logger: new PinoNestLogger(logger), abortOnError });
  await configureApp(app, logger);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}
