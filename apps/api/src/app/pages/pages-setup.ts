/**
 * What the pages add to the Fastify server (called by `configureApp`, before the routes):
 * - @fastify/cookie, signing with SESSION_SECRET (HMAC-SHA256);
 * - @fastify/view with its own Handlebars environment (`views/`, one layout, compiled once);
 * - @fastify/helmet's headers on every answer under `/app` (pages, their assets and their 404s):
 *   a strict Content-Security-Policy that allows only our own files (no inline script or style,
 *   no other origin, no framing), no referrer to other sites, HSTS when cookies are Secure. The API's JSON
 *   answers keep theirs as they are (the OpenAPI UI at /docs needs inline styles).
 */
import { join } from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyView from '@fastify/view';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply } from 'fastify';
import Handlebars from 'handlebars';
import type { AppConfig } from '../config/app-config';
import { isPageLocale, wordingHtml } from './locale';

export const PAGES_PREFIX = '/app';
export const VIEWS_DIR = join(__dirname, 'views');

/** The partials of `views/partials`: the error summary, and one per kind of a next-step form's field (forms/form-view.ts). */
export const PAGE_PARTIALS = [
  'error-summary',
  'field-hint-error',
  'field-input',
  'field-textarea',
  'field-radios',
  'field-yes-no',
  'field-select',
  'field-date',
  'field-person',
  'field-people',
  'field-group',
  'field-list',
  'field-fixed',
] as const;

/** Whether a URL (path and query) is one of the pages' (or their assets'). */
export function isPageUrl(url: string): boolean {
  return url === PAGES_PREFIX || url.startsWith(`${PAGES_PREFIX}/`) || url.startsWith(`${PAGES_PREFIX}?`);
}

/** The Handlebars environment of the pages: `{{t "key" name=value}}` (escaped wording of the page's language) and `eq`. */
export function pagesHandlebars(): typeof Handlebars {
  const env = Handlebars.create();
  env.registerHelper('t', (key: unknown, options: { hash: Record<string, unknown>; data: { root?: { locale?: unknown } } }) => {
    const locale = options.data.root?.locale;
    return new env.SafeString(wordingHtml(isPageLocale(locale) ? locale : 'en', String(key), options.hash));
  });
  env.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  return env;
}

/** The Content-Security-Policy of the pages: our own files only. */
export const PAGE_CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  baseUri: ["'none'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'"],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  objectSrc: ["'none'"],
} as const;

export async function setUpPages(app: NestFastifyApplication, config: AppConfig): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  await app.register(fastifyCookie, { secret: config.pages.session.secret });
  await app.register(fastifyHelmet, {
    global: false,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        ...PAGE_CSP_DIRECTIVES,
        // Sign-out goes on to the identity provider's logout (a form's redirect, which form-action governs).
        ...(config.pages.oidc ? { formAction: [...PAGE_CSP_DIRECTIVES.formAction, new URL(config.pages.oidc.issuer).origin] } : {}),
        ...(config.pages.session.secureCookies ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    // Our addresses carry no personal data; same-origin keeps them from other sites and lets forms say their origin.
    referrerPolicy: { policy: 'same-origin' },
    // helmet's default is SAMEORIGIN, which contradicts frame-ancestors 'none' above; browsers
    // without CSP level 2 read only this header, so it must refuse framing as the CSP does.
    frameguard: { action: 'deny' },
    crossOriginEmbedderPolicy: false,
    hsts: config.pages.session.secureCookies ? { maxAge: 31536000, includeSubDomains: false } : false,
  });
  fastify.addHook('onRequest', (request, reply: FastifyReply, done) => {
    if (isPageUrl(request.url)) {
      void reply.helmet();
    }
    done();
  });
  await app.register(fastifyView, {
    engine: { handlebars: pagesHandlebars() },
    root: VIEWS_DIR,
    layout: 'layout.hbs',
    options: { partials: Object.fromEntries(PAGE_PARTIALS.map((name) => [name, `partials/${name}.hbs`])) },
    // Compiled once and kept: the views do not change while the service runs.
    production: true,
  });
}
