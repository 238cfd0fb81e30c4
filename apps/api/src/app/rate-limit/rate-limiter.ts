/**
 * Rate limits, counted by @fastify/rate-limit in this process's memory over a fixed window of
 * RATE_LIMIT_WINDOW_SECONDS (README "Rate limits"):
 *
 * - per client address, on every request (unknown routes too): RATE_LIMIT_PER_ADDRESS;
 * - per user, the verified token's `sub`, once the token is checked: RATE_LIMIT_PER_USER;
 * - failed authentications (401 answers) per client address: RATE_LIMIT_FAILED_AUTH. Past it,
 *   until its window ends, every authentication from the address that fails is answered 429
 *   instead of 401 (nothing says whether a guess was close), while requests with a valid token or
 *   session go on: one client guessing tokens behind an office's shared address must not lock out
 *   everyone else working there. Tokens are signed and sessions random, so guessing gains nothing.
 *
 * `/health/live` is never limited: it costs nothing to answer and an orchestrator must always
 * reach it. Limited answers carry RateLimit-Limit, RateLimit-Remaining and RateLimit-Reset (of
 * the limit nearest to running out), and a 429 also Retry-After, in seconds; a 429 is a
 * problem+json like every error. Each process counts its own requests (no shared store).
 */
import { HttpException, HttpStatus } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import fastifyRateLimit, { normalizeIP } from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '@tacu/domain';
import type { RateLimitSettings } from '../config/app-config';

/** The route that is never limited. */
export const UNLIMITED_ROUTES: readonly string[] = ['/health/live'];

export const RATE_LIMIT_HEADERS = {
  limit: 'RateLimit-Limit',
  remaining: 'RateLimit-Remaining',
  reset: 'RateLimit-Reset',
  retryAfter: 'Retry-After',
} as const;

/** Distinct client addresses and users remembered per limit (least recently seen forgotten first). */
const REMEMBERED_KEYS = 10_000;

type Check = ReturnType<FastifyInstance['createRateLimit']>;
type Counted = Extract<Awaited<ReturnType<Check>>, { isAllowed: false }>;

/** 429, answered as problem+json by the ProblemFilter; the headers are already on the reply. */
export class TooManyRequests extends HttpException {
  constructor(message: string) {
    super(message, HttpStatus.TOO_MANY_REQUESTS);
  }
}

function setHeaders(reply: FastifyReply, counted: Counted): void {
  void reply.header(RATE_LIMIT_HEADERS.limit, counted.max);
  void reply.header(RATE_LIMIT_HEADERS.remaining, counted.remaining);
  void reply.header(RATE_LIMIT_HEADERS.reset, counted.ttlInSeconds);
}

function refuse(reply: FastifyReply, counted: Counted, what: string): never {
  setHeaders(reply, counted);
  void reply.header(RATE_LIMIT_HEADERS.retryAfter, Math.max(1, counted.ttlInSeconds));
  throw new TooManyRequests(`${what}; try again in ${Math.max(1, counted.ttlInSeconds)} seconds (Retry-After).`);
}

/**
 * The 429 that replaces a failing authentication's 401 past the failed-authentication limit:
 * problem+json (as every API error) or, for a browser asking for a page, a short HTML page.
 */
function tooManyFailures(request: FastifyRequest, reply: FastifyReply, failures: Counted, windowSeconds: number): string {
  const retryAfter = Math.max(1, failures.ttlInSeconds);
  const detail = `Too many failed authentications from your address (at most ${failures.max} in ${windowSeconds} seconds); try again in ${retryAfter} seconds (Retry-After). A valid token or session still works.`;
  setHeaders(reply, failures);
  void reply.code(429).header(RATE_LIMIT_HEADERS.retryAfter, retryAfter).removeHeader('www-authenticate');
  if ((request.headers.accept ?? '').includes('text/html')) {
    void reply.header('content-type', 'text/html; charset=utf-8');
    return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Too many attempts</title></head><body><main><h1>Too many attempts</h1><p>${detail}</p></main></body></html>`;
  }
  void reply.header('content-type', 'application/problem+json; charset=utf-8');
  return JSON.stringify({ type: 'urn:tacu:problem:too-many-requests', title: 'Too many requests', status: 429, detail, code: 'TOO_MANY_REQUESTS', requestId: request.id });
}

/** The three limits of one app; `install` before the app initialises, `checkUser` after authentication. */
export class RateLimiter {
  private perAddress: Check | undefined;
  private perUser: Check | undefined;
  private failedAuth: Check | undefined;
  /** The remaining count already on each reply, so the nearest limit is the one shown. */
  private readonly shown = new WeakMap<FastifyRequest, number>();
  /** Requests from an address past its failed-authentication limit: a failing authentication of theirs is answered 429. */
  private readonly pastFailedAuth = new WeakMap<FastifyRequest, Counted>();

  constructor(private readonly settings: RateLimitSettings) {}

  /** Registers @fastify/rate-limit (no limit of its own) and the per-address hooks. */
  async install(app: NestFastifyApplication): Promise<void> {
    await app.register(fastifyRateLimit, { global: false });
    const fastify = app.getHttpAdapter().getInstance();
    const { windowSeconds, perAddress, perUser, failedAuthPerAddress } = this.settings;
    const limit = (max: number, keyGenerator: (request: FastifyRequest) => string): Check | undefined =>
      max > 0 ? fastify.createRateLimit({ max, timeWindow: windowSeconds * 1000, keyGenerator, cache: REMEMBERED_KEYS } as Parameters<FastifyInstance['createRateLimit']>[0]) : undefined;
    const address = (request: FastifyRequest) => normalizeIP(request.ip);
    this.perAddress = limit(perAddress, (request) => `address:${address(request)}`);
    this.failedAuth = limit(failedAuthPerAddress, (request) => `failed-auth:${address(request)}`);
    this.perUser = limit(perUser, (request) => `user:${(request as FastifyRequest & { actor?: Actor }).actor?.id ?? ''}`);

    fastify.addHook('onRequest', async (request, reply) => {
      if (UNLIMITED_ROUTES.includes(request.routeOptions.url ?? '')) return;
      if (this.failedAuth) {
        const failures = await this.failedAuth(request, { increment: false });
        if (!failures.isAllowed && failures.remaining === 0) this.pastFailedAuth.set(request, failures);
      }
      if (this.perAddress) {
        const counted = await this.perAddress(request);
        if (counted.isAllowed) return;
        if (counted.isExceeded) refuse(reply, counted, `Too many requests from your address (at most ${counted.max} in ${windowSeconds} seconds)`);
        this.show(request, reply, counted);
      }
    });
    // A failing authentication from an address past its limit: 429 instead of the 401.
    fastify.addHook('onSend', async (request, reply, payload) => {
      const failures = this.pastFailedAuth.get(request);
      if (!failures || reply.statusCode !== 401) return payload;
      return tooManyFailures(request, reply, failures, windowSeconds);
    });
    // Counted once the answer is known: a 401 is a failed authentication, whatever the route.
    fastify.addHook('onResponse', (request, reply, done) => {
      if (reply.statusCode === 401 && this.failedAuth) {
        this.failedAuth(request).then(
          () => done(),
          () => done(),
        );
        return;
      }
      done();
    });
  }

  /** Counts a request of an authenticated user; throws TooManyRequests past the limit. */
  async checkUser(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    if (!this.perUser) return;
    const counted = await this.perUser(request);
    if (counted.isAllowed) return;
    if (counted.isExceeded) refuse(reply, counted, `Too many requests from you (at most ${counted.max} in ${this.settings.windowSeconds} seconds)`);
    this.show(request, reply, counted);
  }

  private show(request: FastifyRequest, reply: FastifyReply, counted: Counted): void {
    const shown = this.shown.get(request);
    if (shown !== undefined && shown <= counted.remaining) return;
    this.shown.set(request, counted.remaining);
    setHeaders(reply, counted);
  }
}
