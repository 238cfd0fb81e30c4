/**
 * The pages for practitioners (issue 15): server-rendered with Handlebars through @fastify/view,
 * the GOV.UK Design System's components (govuk-frontend, without GOV.UK's crown or typeface), under
 * `/app` so they never clash with the API's routes (`/cases` answers JSON, `/app/cases` a page).
 * They call the same services as the API: what a person sees is decided by the same policy.
 */
import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { CasesModule } from '../cases/cases.module';
import { DocumentsModule } from '../documents/documents.module';
import { CasePageController } from './case-page.controller';
import { DecisionsController } from './decisions.controller';
import { NewRequestController } from './new-request.controller';
import { buildPageAssets, type PageAssets } from './assets';
import { EventFormSchemas } from './forms/event-schemas';
import { MyCasesController } from './my-cases.controller';
import { NextStepController } from './next-step.controller';
import { OidcSignIn } from './oidc-sign-in';
import { PageCalendars } from './page-calendars';
import { PageErrorFilter } from './page-error.filter';
import { PAGE_ASSETS, PageRenderer } from './page-renderer';
import { PageSessions } from './page-session';
import { PageGuard } from './page.guard';
import { LanguageController, PageAssetsController } from './pages.controller';
import { OIDC_SIGN_IN, SignInController } from './sign-in.controller';

@Module({
  imports: [CasesModule, DocumentsModule],
  controllers: [SignInController, NewRequestController, MyCasesController, CasePageController, DecisionsController, NextStepController, LanguageController, PageAssetsController],
  providers: [
    PageSessions,
    PageRenderer,
    PageCalendars,
    PageGuard,
    PageErrorFilter,
    EventFormSchemas,
    { provide: PAGE_ASSETS, inject: [APP_CONFIG], useFactory: (config: AppConfig): PageAssets => buildPageAssets(config.pages.brandColour) },
    { provide: OIDC_SIGN_IN, inject: [APP_CONFIG], useFactory: (config: AppConfig): OidcSignIn | null => (config.pages.oidc ? new OidcSignIn(config.pages.oidc, config.pages.publicUrl) : null) },
  ],
})
export class PagesModule {}
