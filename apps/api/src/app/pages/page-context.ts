/**
 * What the pages know of a request once the PageGuard has run: the session (if signed in), the
 * token its forms carry, the language, and why a session ended (to say so on the sign-in page).
 */
import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { hasPermission } from '@tacu/auth';
import type { Actor } from '@tacu/domain';
import type { PageLocale } from './locale';
import type { NoSession, PageSession } from './page-session';

export interface PageContext {
  session: PageSession | null;
  /** Why there is no session, when one was presented. */
  ended: NoSession['ended'];
  /** The token every form of the page carries (`_csrf`). */
  csrfToken: string;
  locale: PageLocale;
  /** The page's own path and query (the language switch comes back to it); a local path only. */
  path: string;
}

export interface RequestWithPage {
  page?: PageContext;
}

export const PAGE_ACCESS = 'tacu:pageAccess';

/** Who may open a page: `signedIn` (otherwise a redirect to sign-in) or `anyone`. */
export type PageAccessRule = 'signedIn' | 'anyone';

export const PageAccess = (rule: PageAccessRule) => SetMetadata(PAGE_ACCESS, rule);

/** The page context the PageGuard left on the request. */
export const Page = createParamDecorator((_data: unknown, ctx: ExecutionContext): PageContext => {
  const page = ctx.switchToHttp().getRequest<FastifyRequest & RequestWithPage>().page;
  if (!page) throw new Error('Page used on a route without the PageGuard');
  return page;
});

/** A signed-in page's session (the guard has made sure there is one). */
export function sessionOf(page: PageContext): PageSession {
  if (!page.session) throw new Error('sessionOf used on a page open to anyone');
  return page.session;
}

/**
 * Where a signed-in person starts: a designated liaison person at the concerns waiting for them;
 * others at their cases, when their role has a case list (`cases:read`, as GET /cases); otherwise a page saying that their role has no pages yet (a
 * manager; a family's own door is the portal), never a page that refuses them.
 */
export function homeOf(actor: Actor): string {
  // A liaison person's cases are the concerns of their area: their list of decisions is their day's work.
  if (actor.role === 'designatedLiaisonPerson') return '/app/concerns';
  return hasPermission(actor, 'cases:read') ? '/app/cases' : '/app/signed-in';
}
