/**
 * The guard of every page (issue 15 §2), after the global AuthGuard (pages are public to it: they
 * take no bearer token) and before any handler:
 * - reads the session (PageSessions) and the language, and leaves them on the request (`Page`);
 * - a page for signed-in people without a session is answered with the sign-in page (SignInRequired);
 * - every POST must carry the token of the session's forms, or before sign-in that of the sign-in
 *   cookie, and must not come from another site (`Origin`): otherwise 403 (FormExpired), nothing done;
 * - a signed-in person is counted by the per-user rate limit and named in the request's log line,
 *   as with a bearer token.
 */
import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { RequestWithActor } from '../auth/auth.decorators';
import { RATE_LIMITER } from '../rate-limit/rate-limit.guard';
import type { RateLimiter } from '../rate-limit/rate-limiter';
import { LANGUAGE_COOKIE, localeOf } from './locale';
import { PAGE_ACCESS, type PageAccessRule, type PageContext, type RequestWithPage } from './page-context';
import { FormExpired, SignInRequired } from './page-errors';
import { PageSessions, sameToken } from './page-session';
import { backPathOf } from './back-path';

/** The longest address the language switch brings a browser back to (the list's filters and cursor are far shorter). */
const BACK_PATH_MAX = 600;

/** A next-step form's address: a form shown again after a POST (with its errors) switches language back to the form. */
const NEXT_STEP_FORM = /^\/app\/cases\/[0-9a-f-]{36}\/next\/[A-Z_]{1,40}$/;

/**
 * Where the language switch on this page brings the browser back: the page itself (a GET of ours,
 * not too long), else its path, else my cases. A next-step form answered to a POST comes back to
 * the form (opened afresh: what was typed is not kept).
 */
function backPathFor(request: FastifyRequest): string {
  if (request.method === 'POST' && NEXT_STEP_FORM.test(request.url)) return request.url;
  if (request.method !== 'GET') return '/app/cases';
  if (request.url.length <= BACK_PATH_MAX && backPathOf(request.url) === request.url) return request.url;
  return backPathOf(request.url.split('?')[0]);
}

/**
 * A cross-site request says where it comes from; a form of ours comes from our own origin (the
 * pages' Referrer-Policy is same-origin: with no-referrer, browsers would send `Origin: null`).
 * `null` itself (a sandboxed frame, a redirect from elsewhere) is refused.
 */
function fromOtherSite(request: FastifyRequest): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return false;
  try {
    return new URL(origin).host !== request.headers.host;
  } catch {
    return true;
  }
}

@Injectable()
export class PageGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: PageSessions,
    @Inject(RATE_LIMITER) private readonly limiter: RateLimiter,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest & RequestWithPage & RequestWithActor>();
    const reply = http.getResponse<FastifyReply>();
    const rule = this.reflector.getAllAndOverride<PageAccessRule | undefined>(PAGE_ACCESS, [context.getHandler(), context.getClass()]) ?? 'signedIn';
    const resolved = await this.sessions.resolve(request, reply);
    const session = 'actor' in resolved ? resolved : null;
    const page: PageContext = {
      session,
      ended: session ? undefined : (resolved as { ended?: PageContext['ended'] }).ended,
      csrfToken: '',
      locale: localeOf(request.cookies[LANGUAGE_COOKIE], request.headers['accept-language']),
      path: backPathFor(request),
    };
    request.page = page;
    if (session) {
      request.actor = session.actor;
      await this.limiter.checkUser(request, reply);
    }
    if (rule === 'signedIn' && !session) throw new SignInRequired(page.ended);
    // Before sign-in the token is the sign-in cookie's (made now if there is none: then no form can match it).
    page.csrfToken = session ? session.row.csrfToken : this.sessions.signInState(request, reply).csrfToken;
    if (request.method === 'POST') {
      const given = (request.body as Record<string, unknown> | undefined)?.['_csrf'];
      if (!sameToken(given, page.csrfToken) || fromOtherSite(request)) throw new FormExpired();
    }
    return true;
  }
}
