/**
 * The language switch (issue 15 §8: the person's choice, remembered for a year in a cookie, before
 * and after sign-in) and the pages' own assets (stylesheet, scripts, icon; public, cached).
 */
import { Body, Controller, Get, Inject, NotFoundException, Param, Post, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/auth.decorators';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { ValidationFailed } from '../errors/validation-failed';
import type { PageAssets } from './assets';
import { isPageLocale, LANGUAGE_COOKIE } from './locale';
import { backPathOf } from './back-path';
import { PageAccess } from './page-context';
import { PageErrorFilter } from './page-error.filter';
import { PAGE_ASSETS } from './page-renderer';
import { PageGuard } from './page.guard';

@ApiExcludeController()
@Public()
@UseGuards(PageGuard)
@UseFilters(PageErrorFilter)
@Controller('app')
export class LanguageController {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  @Post('language')
  @PageAccess('anyone')
  choose(@Body() body: Record<string, unknown>, @Res() reply: FastifyReply): FastifyReply {
    const language = body['language'];
    if (!isPageLocale(language)) throw new ValidationFailed([{ field: 'language', problems: ['language must be en or ga'] }]);
    void reply.setCookie(LANGUAGE_COOKIE, language, { path: '/', httpOnly: true, sameSite: 'lax', secure: this.config.pages.session.secureCookies, maxAge: 365 * 24 * 60 * 60 });
    return reply.status(303).header('location', backPathOf(body['back'])).send();
  }
}

@ApiExcludeController()
@Public()
@Controller('app/assets')
export class PageAssetsController {
  constructor(@Inject(PAGE_ASSETS) private readonly assets: PageAssets) {}

  /** A file of ours by its hashed name: kept by browsers for a year (a new content is a new name). */
  @Get(':name')
  file(@Param('name') name: string, @Res() reply: FastifyReply): FastifyReply {
    const file = this.assets.files.get(name);
    if (!file) throw new NotFoundException('There is no such file.');
    return reply.header('content-type', file.contentType).header('cache-control', 'public, max-age=31536000, immutable').header('etag', file.etag).send(file.body);
  }
}
