/**
 * Errors on the pages are pages: a page for signed-in people without a session redirects to the
 * sign-in page (saying why, when a session ended: `?ended=idle`); anything else is shown as a
 * page in the person's language with its HTTP status (403 for a form without its token, 404, 400,
 * 429, and 500 with the request id to quote, the error itself logged). Never problem+json.
 */
import { Catch, HttpException, HttpStatus, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ValidationFailed } from '../errors/validation-failed';
import { LANGUAGE_COOKIE, localeOf, wordingText, type PageLocale } from './locale';
import { homeOf, type PageContext, type RequestWithPage } from './page-context';
import { FormExpired, SignInRequired } from './page-errors';
import { PageRenderer } from './page-renderer';

const MESSAGES: Record<number, { heading: string; body: string }> = {
  400: { heading: 'errors.badRequest', body: 'errors.badRequestBody' },
  403: { heading: 'errors.forbidden', body: 'errors.forbiddenBody' },
  404: { heading: 'errors.notFound', body: 'errors.notFoundBody' },
  429: { heading: 'errors.tooMany', body: 'errors.tooManyBody' },
  503: { heading: 'errors.unavailable', body: 'errors.unavailableBody' },
};

@Catch()
export class PageErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('Pages');

  constructor(private readonly renderer: PageRenderer) {}

  async catch(error: unknown, host: ArgumentsHost): Promise<void> {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest & RequestWithPage>();
    const reply = http.getResponse<FastifyReply>();
    if (error instanceof SignInRequired) {
      void reply.status(HttpStatus.SEE_OTHER).header('location', error.ended ? `/app/sign-in?ended=${error.ended}` : '/app/sign-in').send();
      return;
    }
    const locale: PageLocale = request.page?.locale ?? localeOf(request.cookies?.[LANGUAGE_COOKIE], request.headers['accept-language']);
    const context: PageContext = request.page ?? { session: null, ended: undefined, csrfToken: '', locale, path: '/app/cases' };
    let status: number = error instanceof FormExpired ? 403 : error instanceof ValidationFailed ? 400 : error instanceof HttpException ? error.getStatus() : 500;
    if (status >= 500) {
      this.logger.error({ reqId: request.id, err: { type: (error as Error)?.name, message: (error as Error)?.message, stack: (error as Error)?.stack } }, 'A page failed');
    }
    let heading: string;
    let body: string;
    if (error instanceof FormExpired) {
      heading = wordingText(locale, 'errors.formExpired');
      body = wordingText(locale, 'errors.formExpiredBody');
    } else if (MESSAGES[status]) {
      const message = MESSAGES[status] as { heading: string; body: string };
      heading = wordingText(locale, message.heading);
      body = wordingText(locale, message.body);
    } else {
      status = status >= 400 && status < 500 ? status : 500;
      heading = wordingText(locale, status === 500 ? 'errors.server' : 'errors.badRequest');
      body = status === 500 ? wordingText(locale, 'errors.serverBody', { requestId: request.id }) : wordingText(locale, 'errors.badRequestBody');
    }
    const home = context.session ? homeOf(context.session.actor) : null;
    // Never back to the page that refused them: a person whose role has no case list starts elsewhere.
    const link =
      home === '/app/cases'
        ? { href: home, text: wordingText(locale, 'errors.backToCases') }
        : home !== null
          ? { href: home, text: wordingText(locale, 'errors.backToStart') }
          : { href: '/app/sign-in', text: wordingText(locale, 'errors.backToSignIn') };
    await this.renderer.render(reply, context, { view: 'message', title: heading, status, data: { heading, paragraphs: [body], link } });
  }
}
