/**
 * The next step as a form (issue 15 §5): `GET /app/cases/:id/next/:eventType` shows the form of
 * one event the signed-in person may send now, built from the event's one declaration (its schema
 * in the OpenAPI document: forms/); `POST` to the same address sends it through `CasesService`
 * as that person (the same need to know, roles and rules as the API: who acts is the session's
 * person, never a field of the form), then redirects to the case page (redirect after post), or
 * shows the form again with what was typed, the error summary and each error beside its field.
 *
 * Each form carries two hidden fields besides the CSRF token: the case's version when the form
 * was shown (sent as the expected version, so two people editing one case are told that someone
 * changed it instead of overwriting each other) and an idempotency key made when the form was
 * shown (a double click records once; the second answers as the first did).
 */
import { randomUUID } from 'node:crypto';
import { BadRequestException, Body, Controller, ForbiddenException, Get, Inject, NotFoundException, Param, Post, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { DataSource } from 'typeorm';
import { hasPermission } from '@tacu/auth';
import { CASE_EVENT_TYPES, DEFAULT_TIME_ZONE, DomainError, DomainErrorCode, localDay, type Actor, type CaseEventType } from '@tacu/domain';
import { DocumentStore, isUuid, OrganisationStore, PeopleStore } from '@tacu/persistence';
import { Public } from '../auth/auth.decorators';
import type { CaseResponse } from '../cases/cases.dto';
import { CasesService } from '../cases/cases.service';
import { DATA_SOURCE } from '../core/tokens';
import { caseReferenceOf, speaksIrish } from '../documents/case-document-source';
import { EventFormSchemas } from './forms/event-schemas';
import { eventFields, type FieldSpec } from './forms/field-model';
import { formToEvent, one, type FormBody } from './forms/form-body';
import { choicesOf, defaultsOf, hasSource, planDocumentChoices } from './forms/form-defaults';
import type { Choice } from './forms/form-view';
import { failureOf, type SummaryItem } from './forms/form-errors';
import { buildFormView, describe, type FormChoices } from './forms/form-view';
import { eventTitle, formWords } from './forms/form-wording';
import { dayInWords, wordingText, type PageLocale } from './locale';
import { Page, sessionOf, type PageContext } from './page-context';
import { PageErrorFilter } from './page-error.filter';
import { PageRenderer } from './page-renderer';
import { PageGuard } from './page.guard';

/** An idempotency key as the API takes one (1 to 255 visible ASCII characters). */
const KEY = /^[\x21-\x7e]{1,255}$/;

const isEventType = (value: string): value is CaseEventType => (CASE_EVENT_TYPES as readonly string[]).includes(value);

/** What a form needs of its case: the case as the person reads it, the fields and the choices. */
interface FormCase {
  actor: Actor;
  found: CaseResponse;
  type: CaseEventType;
  fields: FieldSpec[];
  choices: FormChoices;
  people: Map<string, string>;
  timeZone: string;
}

@ApiExcludeController()
@Public()
@UseGuards(PageGuard)
@UseFilters(PageErrorFilter)
@Controller('app')
export class NextStepController {
  constructor(
    private readonly cases: CasesService,
    private readonly renderer: PageRenderer,
    private readonly schemas: EventFormSchemas,
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
  ) {}

  /** The person, the case as they may read it (404 as the case page otherwise) and the event's form. */
  private async formCase(page: PageContext, id: string, eventType: string, request: FastifyRequest): Promise<FormCase> {
    const { actor } = sessionOf(page);
    if (!hasPermission(actor, 'cases:send')) throw new ForbiddenException();
    if (!isUuid(id) || !isEventType(eventType)) throw new NotFoundException();
    let found: CaseResponse;
    try {
      found = await this.cases.get(actor, id, request.id);
    } catch (error) {
      if (error instanceof DomainError && error.code === DomainErrorCode.CASE_NOT_FOUND) throw new NotFoundException();
      throw error;
    }
    const fields = eventFields(eventType, this.schemas.schemas);
    const people = new PeopleStore(this.dataSource.manager);
    const practitionerIds = [...new Set([found.leadPractitionerId, actor.id].filter((x): x is string => x !== null))];
    const users = await people.findUsers(practitionerIds);
    const practitioners = users.map((u) => ({ id: u.id, name: u.displayName, note: { text: u.agency ?? wordingText(page.locale, `role.${u.role}`), lang: page.locale } }));
    const leads = hasSource(fields, 'leadPractitioner') ? (await people.listUsers(found.areaId)).filter((u) => u.role === 'leadPractitioner' && u.active).map((u) => ({ id: u.id, name: u.displayName })) : [];
    const timeZone = (await new OrganisationStore(this.dataSource.manager).timeZonesOfAreas([found.areaId])).get(found.areaId) ?? DEFAULT_TIME_ZONE;
    const planDocuments = hasSource(fields, 'planDocument') ? await this.planDocuments(found, timeZone, page.locale) : [];
    const { choices, people: byId } = choicesOf(found, practitioners, leads, page.locale, planDocuments);
    return { actor, found, type: eventType, fields, choices, people: byId, timeZone };
  }

  /**
   * The documents of the current plan version sent to the family for sign-off, as the sign-off
   * form offers them (issue and day, for the family or practitioners, in each language), the one
   * most likely signed first: the latest for the family in the family's language (Irish when a
   * parent with parental responsibility speaks it first, as the documents are issued).
   */
  private async planDocuments(found: CaseResponse, timeZone: string, locale: PageLocale): Promise<Choice[]> {
    const planVersion = Number((found.record['plan'] as { version?: number } | undefined)?.version ?? 0);
    if (planVersion < 1) return [];
    const documents = await new DocumentStore(this.dataSource.manager).planDocumentsSentForSignOff(found.id, planVersion);
    const familyLocale = found.familyMembers.some((m) => m.hasParentalResponsibility && speaksIrish(m.firstLanguage)) ? 'ga' : 'en';
    const offered = documents.map((d) => ({ sha256: d.sha256, version: d.version, audience: d.audience, locale: d.locale, issuedOn: localDay(new Date(d.producedAt), timeZone) }));
    return planDocumentChoices(offered, familyLocale, locale, (d) =>
      wordingText(locale, 'forms.planDocument', {
        audience: wordingText(locale, d.audience === 'family' ? 'forms.planDocumentFamily' : 'forms.planDocumentProfessional'),
        language: wordingText(locale, `forms.language_${d.locale === 'ga' ? 'ga' : 'en'}`),
        version: d.version,
        day: dayInWords(d.issuedOn, locale),
      }),
    );
  }

  @Get('cases/:id/next/:eventType')
  async show(@Page() page: PageContext, @Param('id') id: string, @Param('eventType') eventType: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const form = await this.formCase(page, id, eventType, request);
    const { locale } = page;
    if (!form.found.allowedEvents.includes(form.type)) {
      const heading = wordingText(locale, 'forms.notNowTitle');
      return this.renderer.render(reply, page, {
        view: 'message',
        title: heading,
        status: 409,
        data: { heading, paragraphs: [wordingText(locale, 'forms.notNowBody', { step: eventTitle(locale, form.type).text })], link: { href: `/app/cases/${id}`, text: wordingText(locale, 'forms.backToCase') } },
      });
    }
    const body = defaultsOf(form.type, form.fields, form.found, form.choices, form.people);
    return this.renderForm(reply, page, form, { body, key: randomUUID(), version: String(form.found.version), errors: [], status: 200 });
  }

  @Post('cases/:id/next/:eventType')
  async send(@Page() page: PageContext, @Param('id') id: string, @Param('eventType') eventType: string, @Body() sent: FormBody | undefined, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const form = await this.formCase(page, id, eventType, request);
    const body = sent ?? {};
    const key = one(body, '_key');
    const version = one(body, '_version');
    if (!KEY.test(key) || !/^\d{1,9}$/.test(version)) throw new BadRequestException('The form lacks its key or the version of the case it was shown with.');
    const addRowTo = one(body, '_add');
    if (addRowTo !== '') return this.renderForm(reply, page, form, { body, key, version, errors: [], status: 200, addRowTo });
    const parsed = formToEvent(form.type, form.fields, body, { people: form.people, timeZone: form.timeZone });
    try {
      await this.cases.send(form.actor, id, parsed.event, { idempotencyKey: key, expectedVersion: Number(version) });
    } catch (error) {
      const built = buildFormView({ eventType: form.type, fields: form.fields, body, locale: page.locale, choices: form.choices });
      const failure = failureOf(error, { caseId: id, eventType: form.type, formHref: `/app/cases/${id}/next/${form.type}`, rowMaps: parsed.rowMaps, built, locale: page.locale });
      if (failure === null) {
        if (error instanceof DomainError && error.code === DomainErrorCode.CASE_NOT_FOUND) throw new NotFoundException();
        throw error;
      }
      return this.renderForm(reply, page, form, { body, key, version, errors: failure.summary, status: failure.status, built, conflict: failure.status === 409 });
    }
    return reply.status(303).header('location', `/app/cases/${id}?recorded=${form.type}`).send();
  }

  private async renderForm(
    reply: FastifyReply,
    page: PageContext,
    form: FormCase,
    state: { body: FormBody; key: string; version: string; errors: SummaryItem[]; status: number; addRowTo?: string; built?: ReturnType<typeof buildFormView>; conflict?: boolean },
  ): Promise<FastifyReply> {
    const { locale } = page;
    const built = state.built ?? buildFormView({ eventType: form.type, fields: form.fields, body: state.body, locale, choices: form.choices, ...(state.addRowTo ? { addRowTo: state.addRowTo } : {}) });
    describe(built.views);
    const title = eventTitle(locale, form.type);
    const intro = formWords(locale, `events.${form.type}.intro`);
    const reference = caseReferenceOf(form.found.id);
    const child = form.found.familyMembers.find((m) => m.id === form.found.childPersonId);
    const lang = (worded: { lang: PageLocale } | undefined): string | undefined => (worded && worded.lang !== locale ? worded.lang : undefined);
    return this.renderer.render(reply, page, {
      view: 'next-step',
      title: title.text,
      status: state.status,
      nav: 'cases',
      data: {
        heading: title.text,
        headingLang: lang(title),
        intro: intro?.text,
        introLang: lang(intro),
        caption: wordingText(locale, 'forms.caption', { child: child?.name ?? reference, reference }),
        caseHref: `/app/cases/${form.found.id}`,
        action: `/app/cases/${form.found.id}/next/${form.type}`,
        fields: built.views,
        hasFields: built.views.length > 0,
        errors: state.errors,
        conflict: state.conflict === true,
        key: state.key,
        version: state.version,
      },
    });
  }
}
