/**
 * Renders a page through @fastify/view (Handlebars, `views/` beside this file) with what every
 * page's layout shows: the organisation's name and colour, the signed-in person, the language
 * switch, the token of the page's forms and the links to our assets.
 */
import { Inject, Injectable } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import type { PageAssets } from './assets';
import { PAGE_LOCALES, wordingText, type PageLocale } from './locale';
import { homeOf, type PageContext } from './page-context';
import { decisionListOf } from './decisions.view';
import { hasPermission } from '@tacu/auth';
import type { Actor } from '@tacu/domain';

export const PAGE_ASSETS = Symbol('PAGE_ASSETS');

/** The page's own part of the view model: its view, title (plain text) and data. */
export interface PageView {
  view: 'sign-in' | 'cases' | 'case' | 'message' | 'next-step' | 'decisions' | 'new-request';
  title: string;
  /** The HTTP status (200 unless said). */
  status?: number;
  /** What the page's own view shows. */
  data: Record<string, unknown>;
  /** Which navigation item is the current page. */
  nav?: 'cases' | 'requests' | 'concerns';
}

@Injectable()
export class PageRenderer {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(PAGE_ASSETS) private readonly assets: PageAssets,
  ) {}

  /** The layout's view model for `page` and the request's context. */
  layoutOf(context: PageContext, page: PageView): Record<string, unknown> {
    const { locale } = context;
    const { organisationName, brandColour } = this.config.pages;
    const session = context.session;
    return {
      ...page.data,
      locale,
      title: wordingText(locale, 'service.title', { page: page.title, service: wordingText(locale, 'service.name'), organisation: organisationName }),
      hasErrors: Array.isArray(page.data['errors']) && (page.data['errors'] as unknown[]).length > 0,
      organisationName,
      brandColour,
      assets: this.assets.urls,
      csrfToken: context.csrfToken,
      homeHref: session ? homeOf(session.actor) : '/app/sign-in',
      navCases: page.nav === 'cases',
      user: session ? this.userOf(session.actor, locale, page.nav) : null,
      backPath: context.path,
      languages: PAGE_LOCALES.map((code: PageLocale) => ({
        code,
        label: wordingText(code, `language.${code}`),
        current: code === locale,
        change: wordingText(locale, 'language.change', { language: wordingText(code, `language.${code}`) }),
      })),
    };
  }

  /** The signed-in person as the layout shows them: their name and the navigation their role has. */
  private userOf(actor: Actor, locale: PageLocale, current: PageView['nav']): Record<string, unknown> {
    const decisions = decisionListOf(actor.role);
    return {
      name: actor.name ?? actor.id,
      hasCases: hasPermission(actor, 'cases:read'),
      casesLabel: wordingText(locale, actor.role === 'leadPractitioner' ? 'nav.myCases' : 'nav.cases'),
      decisions: decisions ? { href: `/app/${decisions.name}`, text: wordingText(locale, `nav.${decisions.name}`), current: current === decisions.name } : null,
    };
  }

  async render(reply: FastifyReply, context: PageContext, page: PageView): Promise<FastifyReply> {
    return reply
      .status(page.status ?? 200)
      .header('content-language', context.locale)
      .header('vary', 'Cookie, Accept-Language')
      .view(`${page.view}.hbs`, this.layoutOf(context, page));
  }
}
