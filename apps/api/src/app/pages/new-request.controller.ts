/**
 * Starting a request for support from the pages (`GET`/`POST /app/cases/new`): a lead
 * practitioner (or a coordinator, choosing the lead) writes down the child, how the request came
 * and a parent or carer, and the case opens in the request stage through `CasesService.open`,
 * exactly as `POST /cases` does (the same checks, permission, area and audit). The form carries an
 * idempotency key made when it was shown, so a double click opens one case. What a person must
 * still fill in, or what the API refuses, comes back beside the field with the error summary.
 */
import { randomUUID } from 'node:crypto';
import { BadRequestException, Body, Controller, ForbiddenException, Get, HttpException, Inject, Post, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { DataSource } from 'typeorm';
import { hasPermission } from '@tacu/auth';
import { REQUEST_ORIGINS, type Actor } from '@tacu/domain';
import { PeopleStore } from '@tacu/persistence';
import { Public } from '../auth/auth.decorators';
import { CasesService } from '../cases/cases.service';
import { DATA_SOURCE } from '../core/tokens';
import { ValidationFailed } from '../errors/validation-failed';
import { fieldOfPath, formValue, newRequestBody, type FieldError, type NewRequestForm } from './new-request.view';
import { wordingText } from './locale';
import { Page, sessionOf, type PageContext } from './page-context';
import { PageErrorFilter } from './page-error.filter';
import { PageRenderer } from './page-renderer';
import { PageGuard } from './page.guard';

/** An idempotency key as the API takes one (1 to 255 visible ASCII characters). */
const KEY = /^[\x21-\x7e]{1,255}$/;

@ApiExcludeController()
@Public()
@UseGuards(PageGuard)
@UseFilters(PageErrorFilter)
@Controller('app/cases/new')
export class NewRequestController {
  constructor(
    private readonly cases: CasesService,
    private readonly renderer: PageRenderer,
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
  ) {}

  /** The person, when they may open a case (`cases:open`, as POST /cases); the forbidden page otherwise. */
  private opener(page: PageContext): Actor {
    const { actor } = sessionOf(page);
    if (!hasPermission(actor, 'cases:open')) throw new ForbiddenException();
    return actor;
  }

  @Get()
  async show(@Page() page: PageContext, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const actor = this.opener(page);
    return this.render(reply, page, actor, { form: {}, key: randomUUID(), errors: [], status: 200 });
  }

  @Post()
  async open(@Page() page: PageContext, @Body() sent: NewRequestForm | undefined, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const actor = this.opener(page);
    const form = sent ?? {};
    const key = formValue(form, '_key');
    if (!KEY.test(key)) throw new BadRequestException('The form lacks its key: open the form again.');
    const built = newRequestBody(form, { areaId: actor.areaId, leadPractitionerId: actor.role === 'leadPractitioner' ? actor.id : null }, page.locale);
    if (built.body === null) return this.render(reply, page, actor, { form, key, errors: built.errors, status: 400 });
    try {
      const opened = await this.cases.open(actor, built.body, { idempotencyKey: key });
      return reply.status(303).header('location', `/app/cases/${opened.id}`).send();
    } catch (error) {
      const errors = this.problemsOf(error);
      if (errors === null) throw error;
      return this.render(reply, page, actor, { form, key, errors, status: error instanceof HttpException ? error.getStatus() : 400 });
    }
  }

  /** What the API refused, each beside its field where the form has one; null for an error that is not the person's to fix. */
  private problemsOf(error: unknown): Array<FieldError | { field: null; text: string }> | null {
    if (error instanceof ValidationFailed) {
      return error.errors.flatMap((e) => e.problems.map((text) => ({ field: fieldOfPath(e.field), text })));
    }
    if (error instanceof HttpException && error.getStatus() >= 400 && error.getStatus() < 500) {
      const response = error.getResponse();
      const text = typeof response === 'string' ? response : String((response as { message?: unknown }).message ?? error.message);
      return [{ field: null, text }];
    }
    return null;
  }

  private async render(
    reply: FastifyReply,
    page: PageContext,
    actor: Actor,
    state: { form: NewRequestForm; key: string; errors: Array<FieldError | { field: string | null; text: string }>; status: number },
  ): Promise<FastifyReply> {
    const { locale } = page;
    const t = (key: string): string => wordingText(locale, `newRequest.${key}`);
    const errorOf = (field: string): string | undefined => state.errors.find((e) => e.field === field)?.text;
    const value = (name: string): string => formValue(state.form, name);
    const leads =
      actor.role === 'leadPractitioner'
        ? null
        : (await new PeopleStore(this.dataSource.manager).listUsers(actor.areaId))
            .filter((u) => u.role === 'leadPractitioner' && u.active)
            .map((u) => ({ value: u.id, label: u.displayName, checked: value('leadPractitionerId') === u.id }));
    const heading = t('title');
    return this.renderer.render(reply, page, {
      view: 'new-request',
      title: heading,
      status: state.status,
      nav: 'cases',
      data: {
        heading,
        key: state.key,
        errors: state.errors.map((e) => ({ ...(e.field ? { field: e.field === 'childDateOfBirth' ? 'childDateOfBirth-day' : e.field } : {}), text: e.text })),
        childName: { value: value('childName'), error: errorOf('childName') },
        childDateOfBirth: { day: value('childDateOfBirth.day'), month: value('childDateOfBirth.month'), year: value('childDateOfBirth.year'), error: errorOf('childDateOfBirth') },
        origins: REQUEST_ORIGINS.map((origin) => ({ value: origin, label: wordingText(locale, `newRequest.origins.${origin}`), checked: value('origin') === origin })),
        originError: errorOf('origin'),
        parentName: { value: value('parentName'), error: errorOf('parentName') },
        parentRelationship: { value: value('parentRelationship'), error: errorOf('parentRelationship') },
        parentalResponsibility: { yes: value('parentalResponsibility') === 'yes', no: value('parentalResponsibility') === 'no', error: errorOf('parentalResponsibility') },
        leads,
        leadError: errorOf('leadPractitionerId'),
      },
    });
  }
}
