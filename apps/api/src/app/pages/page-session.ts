/**
 * Sessions of the pages (issue 15 §2): a random id in a signed, HTTP-only, SameSite=Lax cookie
 * (Secure when the service is not on a loopback address), the session itself a row of
 * `web_sessions` found by the SHA-256 of that id. A session ends at sign-out (the row is deleted:
 * a copy of the cookie stops working at once), after SESSION_IDLE_MINUTES without a request, or
 * SESSION_MAX_HOURS after sign-in. On every request the person's account is read again (at most
 * 5 seconds old, as for bearer tokens): a deactivated account, or one whose role or area changed,
 * ends the session.
 *
 * Before sign-in, a second signed cookie (`tacu_signin`, ten minutes) carries the token of the
 * sign-in page's forms and, while the identity provider is asked, the OpenID Connect state, nonce
 * and PKCE verifier. Neither cookie holds personal data.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { DataSource } from 'typeorm';
import { AuthenticationError, confirmSignedIn } from '@tacu/auth';
import type { Actor, Role } from '@tacu/domain';
import type { Clock } from '@tacu/engine';
import { WebSessionStore, type SignedInWith, type WebSessionRow } from '@tacu/persistence';
import { UserAccounts } from '../auth/user-accounts';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { CLOCK, DATA_SOURCE } from '../core/tokens';

/** Activity is written at most this often: the idle timeout is counted in minutes, not per request. */
const TOUCH_EVERY_MS = 60_000;
/** How long the sign-in cookie lasts: long enough to sign in at the identity provider. */
export const SIGN_IN_COOKIE_SECONDS = 10 * 60;

/** What a browser's OpenID Connect sign-in keeps between leaving for the provider and coming back. */
export interface OidcTransaction {
  state: string;
  nonce: string;
  codeVerifier: string;
}

/** The sign-in cookie's content. */
export interface SignInState {
  csrfToken: string;
  oidc?: OidcTransaction;
}

/** A signed-in session as a request sees it. */
export interface PageSession {
  actor: Actor;
  row: WebSessionRow;
}

/** Why there is no session: none was presented, or the one presented has ended (and how). */
export type NoSession = { ended: 'idle' | 'expired' | 'account' } | { ended?: undefined };

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Compares two tokens in constant time (a wrong CSRF token must not tell how much of it was right). */
export function sameToken(given: unknown, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

@Injectable()
export class PageSessions {
  readonly sessionCookie: string;
  readonly signInCookie: string;

  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly accounts: UserAccounts,
  ) {
    // __Host-: the browser keeps the cookie only if it is Secure, for this host and path /.
    const secure = config.pages.session.secureCookies;
    this.sessionCookie = secure ? '__Host-tacu_session' : 'tacu_session';
    this.signInCookie = secure ? '__Host-tacu_signin' : 'tacu_signin';
  }

  private get settings() {
    return this.config.pages.session;
  }

  private cookieOptions(maxAgeSeconds?: number) {
    return { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: this.settings.secureCookies, signed: true, ...(maxAgeSeconds !== undefined ? { maxAge: maxAgeSeconds } : {}) };
  }

  private signedCookie(request: FastifyRequest, name: string): string | undefined {
    const raw = request.cookies[name];
    if (raw === undefined) return undefined;
    const unsigned = request.unsignCookie(raw);
    return unsigned.valid && unsigned.value !== null ? unsigned.value : undefined;
  }

  /**
   * Starts a session for `actor` (whose account was just confirmed): always a new id (a session
   * presented before sign-in is ended, never reused), a new CSRF token, the sign-in cookie dropped.
   * Sessions that ended unseen (idle or past their end) are deleted here too, so the table holds
   * only live ones.
   */
  async start(request: FastifyRequest, reply: FastifyReply, actor: Actor, signedInWith: SignedInWith): Promise<void> {
    const id = newToken();
    const now = this.clock.now();
    const store = new WebSessionStore(this.dataSource.manager);
    const previous = this.signedCookie(request, this.sessionCookie);
    if (previous !== undefined) await store.delete(sha256Hex(previous));
    await store.deleteExpired(now, new Date(now.getTime() - this.settings.idleMinutes * 60_000));
    await store.insert({
      idHash: sha256Hex(id),
      userId: actor.id,
      role: actor.role,
      areaId: actor.areaId,
      name: actor.name ?? actor.id,
      signedInWith,
      csrfToken: newToken(),
      search: null,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + this.settings.maxHours * 3_600_000),
    });
    // A session cookie (no Max-Age): it goes when the browser closes; the row's times decide the rest.
    void reply.setCookie(this.sessionCookie, id, this.cookieOptions());
    void reply.clearCookie(this.signInCookie, { path: '/' });
  }

  /**
   * The session the request presents, or why there is none. An ended session's row is deleted and
   * its cookie cleared. Activity is recorded (at most once a minute).
   */
  async resolve(request: FastifyRequest, reply: FastifyReply): Promise<PageSession | NoSession> {
    const id = this.signedCookie(request, this.sessionCookie);
    if (id === undefined) return {};
    const store = new WebSessionStore(this.dataSource.manager);
    const idHash = sha256Hex(id);
    const row = await store.find(idHash);
    if (!row) {
      void reply.clearCookie(this.sessionCookie, { path: '/' });
      return { ended: 'expired' };
    }
    const now = this.clock.now();
    const ended = now.getTime() >= row.expiresAt.getTime() ? 'expired' : now.getTime() - row.lastSeenAt.getTime() > this.settings.idleMinutes * 60_000 ? 'idle' : null;
    let actor: Actor | null = null;
    if (ended === null) {
      try {
        actor = confirmSignedIn({ id: row.userId, role: row.role as Role, areaId: row.areaId, name: row.name }, await this.accounts.find(row.userId));
      } catch (error) {
        if (!(error instanceof AuthenticationError)) throw error;
      }
    }
    if (ended !== null || actor === null) {
      await store.delete(idHash);
      void reply.clearCookie(this.sessionCookie, { path: '/' });
      return { ended: ended ?? 'account' };
    }
    if (now.getTime() - row.lastSeenAt.getTime() >= TOUCH_EVERY_MS) await store.touch(idHash, now);
    return { actor, row };
  }

  /**
   * Ends the session: its row is deleted (the cookie is worth nothing after), its cookie cleared.
   * Returns how the ended session was signed in (null when the request presented none), so that
   * sign-out can end the identity provider's session too.
   */
  async end(request: FastifyRequest, reply: FastifyReply): Promise<SignedInWith | null> {
    const id = this.signedCookie(request, this.sessionCookie);
    let signedInWith: SignedInWith | null = null;
    if (id !== undefined) {
      const store = new WebSessionStore(this.dataSource.manager);
      signedInWith = (await store.find(sha256Hex(id)))?.signedInWith ?? null;
      await store.delete(sha256Hex(id));
    }
    void reply.clearCookie(this.sessionCookie, { path: '/' });
    return signedInWith;
  }

  /** Keeps the search of "my cases" with the session (null clears it). */
  async setSearch(session: PageSession, search: string | null): Promise<void> {
    await new WebSessionStore(this.dataSource.manager).setSearch(session.row.idHash, search);
  }

  /** The sign-in cookie's content, or a new one (written to the reply) when there is none. */
  signInState(request: FastifyRequest, reply: FastifyReply): SignInState {
    const existing = this.readSignInState(request);
    if (existing) return existing;
    const state: SignInState = { csrfToken: newToken() };
    this.writeSignInState(reply, state);
    return state;
  }

  readSignInState(request: FastifyRequest): SignInState | undefined {
    const value = this.signedCookie(request, this.signInCookie);
    if (value === undefined) return undefined;
    try {
      const parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as Partial<SignInState>;
      return typeof parsed.csrfToken === 'string' ? (parsed as SignInState) : undefined;
    } catch {
      return undefined;
    }
  }

  writeSignInState(reply: FastifyReply, state: SignInState): void {
    void reply.setCookie(this.signInCookie, Buffer.from(JSON.stringify(state)).toString('base64url'), this.cookieOptions(SIGN_IN_COOKIE_SECONDS));
  }
}
