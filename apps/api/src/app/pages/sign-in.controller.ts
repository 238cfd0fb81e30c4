/**
 * Sign-in and sign-out (issue 15 §2): the sign-in page; the embedded demo's "sign in as" (only
 * with the embedded database on a loopback address: `pages.demoSignIn`); OpenID Connect against
 * the organisation's identity provider; sign-out, which deletes the session and, for a session
 * signed in at the provider, goes on to the provider's logout.
 */
import { Body, Controller, Get, Inject, NotFoundException, Post, Query, Req, Res, UnauthorizedException, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuthenticationError, confirmSignedIn } from '@tacu/auth';
import type { Actor } from '@tacu/domain';
import { Public } from '../auth/auth.decorators';
import { UserAccounts } from '../auth/user-accounts';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { claimsProblem } from '../input/check-input';
import { DEMO_AREA, DEMO_USERS, demoActor } from '../../seed/demo-people';
import { wordingText } from './locale';
import { OidcSignIn, OidcSignInError, SIGNED_OUT_PATH } from './oidc-sign-in';
import { homeOf, Page, PageAccess, sessionOf, type PageContext } from './page-context';
import { PageErrorFilter } from './page-error.filter';
import { PageRenderer } from './page-renderer';
import { PageSessions } from './page-session';
import { PageGuard } from './page.guard';

export const OIDC_SIGN_IN = Symbol('OIDC_SIGN_IN');

const ENDED = ['idle', 'expired', 'account'] as const;

@ApiExcludeController()
@Public()
@UseGuards(PageGuard)
@UseFilters(PageErrorFilter)
@Controller('app')
export class SignInController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(OIDC_SIGN_IN) private readonly oidc: OidcSignIn | null,
    private readonly sessions: PageSessions,
    private readonly accounts: UserAccounts,
    private readonly renderer: PageRenderer,
  ) {}

  @Get()
  @PageAccess('anyone')
  home(@Page() page: PageContext, @Res() reply: FastifyReply): FastifyReply {
    return reply.status(303).header('location', page.session ? homeOf(page.session.actor) : '/app/sign-in').send();
  }

  @Get('sign-in')
  @PageAccess('anyone')
  async signInPage(@Page() page: PageContext, @Query('ended') ended: unknown, @Res() reply: FastifyReply): Promise<FastifyReply> {
    if (page.session) return reply.status(303).header('location', homeOf(page.session.actor)).send();
    const why = (ENDED as readonly unknown[]).includes(ended) ? (ended as (typeof ENDED)[number]) : undefined;
    const notice = why === 'idle' ? wordingText(page.locale, 'signIn.idle', { minutes: this.config.pages.session.idleMinutes }) : why ? wordingText(page.locale, 'signIn.expired') : undefined;
    return this.showSignIn(reply, page, { notice });
  }

  private showSignIn(reply: FastifyReply, page: PageContext, extra: { notice?: string; userError?: string }, status = 200): Promise<FastifyReply> {
    const { locale } = page;
    // Only the demo people who have pages: a manager's figures come with the dashboard, not as a dead end here.
    const demo = this.config.pages.demoSignIn
      ? DEMO_USERS.filter((u) => homeOf(demoActor(u.id)) !== '/app/signed-in').map((u) => ({ id: u.id, name: u.displayName, description: u.description }))
      : null;
    const errors = extra.userError ? [{ field: 'userId', text: extra.userError }] : [];
    return this.renderer.render(reply, page, { view: 'sign-in', title: wordingText(locale, 'signIn.title'), status, data: { oidc: this.oidc !== null, demo, errors, ...extra } });
  }

  /** The demo's "sign in as": a demo person of the demo area, whose account must be active. */
  @Post('sign-in/demo')
  @PageAccess('anyone')
  async signInAs(@Page() page: PageContext, @Body() body: Record<string, unknown>, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<FastifyReply> {
    // Never on a server database or a reachable address: the route answers as if it did not exist.
    if (!this.config.pages.demoSignIn) throw new NotFoundException();
    const userId = body['userId'];
    if (typeof userId !== 'string' || !DEMO_USERS.some((u) => u.id === userId)) {
      return this.showSignIn(reply, page, { userError: wordingText(page.locale, 'signIn.selectSomeone') }, 400);
    }
    try {
      await this.signIn(request, reply, { ...demoActor(userId), areaId: DEMO_AREA.id }, 'demo');
    } catch (error) {
      if (error instanceof UnauthorizedException) return this.signInFailed(reply, page, 'signIn.unknownAccount', 401);
      throw error;
    }
    return reply.status(303).header('location', homeOf(demoActor(userId))).send();
  }

  @Get('sign-in/oidc')
  @PageAccess('anyone')
  async startOidc(@Page() page: PageContext, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<FastifyReply> {
    if (!this.oidc) throw new NotFoundException();
    let started: Awaited<ReturnType<OidcSignIn['start']>>;
    try {
      started = await this.oidc.start();
    } catch (error) {
      if (error instanceof OidcSignInError) return this.signInFailed(reply, page, 'signIn.providerFailed', 503);
      throw error;
    }
    this.sessions.writeSignInState(reply, { csrfToken: this.sessions.readSignInState(request)?.csrfToken ?? page.csrfToken, oidc: started.transaction });
    return reply.status(303).header('location', started.url).send();
  }

  /** The provider sends the browser back here with `code` and `state` (never personal data). */
  @Get('sign-in/callback')
  @PageAccess('anyone')
  async finishOidc(@Page() page: PageContext, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<FastifyReply> {
    if (!this.oidc) throw new NotFoundException();
    const transaction = this.sessions.readSignInState(request)?.oidc;
    if (!transaction) return this.signInFailed(reply, page, 'signIn.providerFailed', 400);
    let actor: Actor;
    try {
      actor = await this.oidc.finish(new URL(request.url, this.config.pages.publicUrl), transaction);
    } catch (error) {
      if (error instanceof OidcSignInError) return this.signInFailed(reply, page, 'signIn.providerFailed', 401);
      throw error;
    }
    try {
      await this.signIn(request, reply, actor, 'oidc');
    } catch (error) {
      if (error instanceof UnauthorizedException) return this.signInFailed(reply, page, 'signIn.unknownAccount', 401);
      throw error;
    }
    return reply.status(303).header('location', homeOf(actor)).send();
  }

  /** A sign-in that did not work: 401 (counted by the failed-authentication limit), 400 or 503. */
  private signInFailed(reply: FastifyReply, page: PageContext, reason: string, status: number): Promise<FastifyReply> {
    const { locale } = page;
    const heading = wordingText(locale, 'signIn.failedTitle');
    return this.renderer.render(reply, page, {
      view: 'message',
      title: heading,
      status,
      data: { heading, paragraphs: [wordingText(locale, reason)], link: { href: '/app/sign-in', text: wordingText(locale, 'signIn.tryAgain') } },
    });
  }

  /** Confirms the account (known, active, of that role and area) and starts the session; 401 otherwise. */
  private async signIn(request: FastifyRequest, reply: FastifyReply, claimed: Actor, via: 'demo' | 'oidc'): Promise<void> {
    const problem = claimsProblem(claimed);
    if (problem) throw new UnauthorizedException(problem);
    let actor: Actor;
    try {
      actor = confirmSignedIn(claimed, await this.accounts.find(claimed.id));
    } catch (error) {
      if (error instanceof AuthenticationError) throw new UnauthorizedException(error.message);
      throw error;
    }
    await this.sessions.start(request, reply, actor, via);
  }

  @Post('sign-out')
  async signOut(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const signedInWith = await this.sessions.end(request, reply);
    // Signed in at the provider: signed out there too, or the next "sign in" would pass straight through on a shared tablet.
    const providerLogout = signedInWith === 'oidc' && this.oidc ? await this.oidc.endSessionUrl() : null;
    return reply.status(303).header('location', providerLogout ?? SIGNED_OUT_PATH).send();
  }

  /** Where someone whose role has no pages yet lands after signing in (`homeOf`): what Tacú's pages are for, and sign-out. */
  @Get('signed-in')
  async signedIn(@Page() page: PageContext, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const { locale } = page;
    const { actor } = sessionOf(page);
    const home = homeOf(actor);
    if (home !== '/app/signed-in') return reply.status(303).header('location', home).send();
    const heading = wordingText(locale, 'noPages.title');
    const paragraphs = [wordingText(locale, 'noPages.body', { role: wordingText(locale, `role.${actor.role}`) }), wordingText(locale, 'noPages.signOut')];
    return this.renderer.render(reply, page, { view: 'message', title: heading, data: { heading, paragraphs } });
  }

  @Get('signed-out')
  @PageAccess('anyone')
  signedOut(@Page() page: PageContext, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const { locale } = page;
    const heading = wordingText(locale, 'signedOut.title');
    const paragraphs = [wordingText(locale, 'signedOut.body'), ...(this.oidc ? [wordingText(locale, 'signedOut.provider')] : [])];
    return this.renderer.render(reply, page, { view: 'message', title: heading, data: { heading, paragraphs, link: { href: '/app/sign-in', text: wordingText(locale, 'signedOut.again') } } });
  }
}
