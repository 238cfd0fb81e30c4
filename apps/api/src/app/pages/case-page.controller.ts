/**
 * The case page (issue 15 §4), `GET /app/cases/:id`, and the case's documents through the session
 * (`/app/documents/:id`, `/app/documents/:id/pdf`). Everything shown comes from the services the
 * API answers with (CasesService `get` and `history`, DocumentsService `list` and `read`): the
 * same need to know, every read recorded. A case or a document the reader may not see answers the
 * same 404 page as one that does not exist.
 */
import { Controller, ForbiddenException, Get, Inject, NotFoundException, Param, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { DataSource } from 'typeorm';
import { hasPermission } from '@tacu/auth';
import { CASE_EVENT_TYPES, DomainError, DomainErrorCode, localDay } from '@tacu/domain';
import type { Clock } from '@tacu/engine';
import { isUuid, PeopleStore } from '@tacu/persistence';
import { Public } from '../auth/auth.decorators';
import type { CaseResponse, FamilyMemberResponse } from '../cases/cases.dto';
import { CasesService } from '../cases/cases.service';
import { CLOCK, DATA_SOURCE } from '../core/tokens';
import { caseReferenceOf } from '../documents/case-document-source';
import { DOCUMENT_CSP } from '../documents/documents.controller';
import { DocumentsService } from '../documents/documents.service';
import { deadlineView, nextStepsView, processStepOf, stepsOf, timelineItem, dateInWords } from './case-page.view';
import { eventTitle } from './forms/form-wording';
import { dayInWords, wordingText, type PageLocale } from './locale';
import { dueInWords, nextStepOf } from './my-cases.view';
import { Page, sessionOf, type PageContext } from './page-context';
import { PageCalendars } from './page-calendars';
import { PageErrorFilter } from './page-error.filter';
import { PageRenderer } from './page-renderer';
import { PageGuard } from './page.guard';

/** A case the reader may not see is, to them, a case that does not exist. */
async function orNotFound<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof DomainError && error.code === DomainErrorCode.CASE_NOT_FOUND) throw new NotFoundException();
    throw error;
  }
}

/** The banner after a next-step form was recorded (`?recorded=<event type>`: no personal data in the address). */
function recordedBanner(recorded: string | undefined, locale: PageLocale): string | null {
  if (recorded === undefined || !(CASE_EVENT_TYPES as readonly string[]).includes(recorded)) return null;
  return wordingText(locale, 'case.recorded', { step: eventTitle(locale, recorded).text });
}

/** A row of a summary list: a label and its value (plain text, escaped by the view). */
interface Row {
  key: string;
  value: string;
}

@ApiExcludeController()
@Public()
@UseGuards(PageGuard)
@UseFilters(PageErrorFilter)
@Controller('app')
export class CasePageController {
  constructor(
    private readonly cases: CasesService,
    private readonly documents: DocumentsService,
    private readonly renderer: PageRenderer,
    private readonly calendars: PageCalendars,
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get('cases/:id')
  async show(@Page() page: PageContext, @Param('id') id: string, @Query('recorded') recorded: string | undefined, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const { actor } = sessionOf(page);
    if (!hasPermission(actor, 'cases:read')) throw new ForbiddenException();
    if (!isUuid(id)) throw new NotFoundException();
    const found = await orNotFound(this.cases.get(actor, id, request.id));
    const [history, documents] = [await this.cases.history(actor, id, request.id), await this.documents.list(actor, id, request.id)];
    const { locale } = page;
    const now = this.clock.now();
    const calendar = await this.calendars.forArea(found.areaId);
    const today = localDay(now, calendar.timeZone);
    const actorIds = [...new Set(history.events.filter((e) => !e.withheld).map((e) => e.actor.id))];
    const names = new Map((await new PeopleStore(this.dataSource.manager).findUsers(actorIds)).map((u) => [u.id, u.displayName]));
    const closed = found.status === 'closed';
    const onHold = found.status === 'onHold';
    const reference = caseReferenceOf(found.id);
    const child = found.familyMembers.find((m) => m.id === found.childPersonId);
    const heading = child?.name ?? reference;
    const step = processStepOf(found.stage, history.events);
    const open = closed ? [] : found.deadlines;
    const concern = onHold ? this.openConcernText(found) : null;
    return this.renderer.render(reply, page, {
      view: 'case',
      title: heading,
      nav: 'cases',
      data: {
        heading,
        reference,
        caption: wordingText(locale, 'case.caption', { reference }),
        statusTag: closed ? { text: wordingText(locale, 'cases.closed'), colour: 'grey' } : onHold ? { text: wordingText(locale, 'cases.onHold'), colour: 'purple' } : null,
        steps: stepsOf(step, closed, locale),
        next: nextStepsView(found, hasPermission(actor, 'cases:send'), locale),
        recorded: recordedBanner(recorded, locale),
        escalation: found.stage === 'escalation' ? { text: wordingText(locale, 'case.escalation'), concern } : onHold ? { text: wordingText(locale, 'case.onHoldWithdrawal'), concern: null } : null,
        stage: wordingText(locale, `stage.${found.stage}`),
        nextStep: closed ? wordingText(locale, 'cases.closed') : nextStepOf(found.state, found.stage, locale),
        stageDue: closed || found.dueOn === null ? null : { day: dayInWords(found.dueOn, locale), due: dueInWords(found.dueOn, today, calendar, locale) },
        deadlines: open.map((d) => deadlineView(d, today, calendar, locale)),
        child: child ? this.personRows(child, locale) : null,
        members: found.familyMembers.filter((m) => m.id !== found.childPersonId).map((m) => ({ name: m.name, rows: this.personRows(m, locale) })),
        timeline: history.events.map((e) => timelineItem(e, names, calendar.timeZone, locale)).reverse(),
        documents: documents.items.map((d) => ({
          title: wordingText(locale, `document.${d.kind}`),
          details: wordingText(locale, d.audience === 'family' ? 'case.documentForFamily' : 'case.documentForPractitioners', {
            version: d.version,
            language: wordingText(locale, `language.${d.locale === 'ga' ? 'ga' : 'en'}`),
            day: dateInWords(localDay(new Date(d.producedAt), calendar.timeZone), locale),
          }),
          href: `/app/documents/${d.id}`,
          pdfHref: `/app/documents/${d.id}/pdf`,
        })),
      },
    });
  }

  /** What the open concern says, for a reader the record shows it to (those who handle it); null for anyone else. */
  private openConcernText(found: CaseResponse): string | null {
    const concerns = found.record['concerns'];
    if (!Array.isArray(concerns)) return null;
    const open = [...concerns].reverse().find((c: unknown) => typeof c === 'object' && c !== null && (c as Record<string, unknown>)['status'] !== 'closed') as Record<string, unknown> | undefined;
    const observed = open?.['observed'];
    return typeof observed === 'string' && observed !== '' ? observed : null;
  }

  /** A person's details as rows; the sensitive ones only when the answer holds them (the policy allowed them). */
  private personRows(person: FamilyMemberResponse, locale: PageLocale): Row[] {
    const t = (key: string): string => wordingText(locale, `person.${key}`);
    const rows: Row[] = [];
    const add = (key: string, value: string | null | undefined): void => {
      if (value !== null && value !== undefined && value !== '') rows.push({ key: t(key), value });
    };
    add('name', person.name);
    add('relationship', person.relationship === 'child' ? t('theChild') : person.relationship);
    add('dateOfBirth', person.dateOfBirth ? dateInWords(person.dateOfBirth, locale) : null);
    if (person.hasParentalResponsibility) add('parentalResponsibility', t('yes'));
    add('school', [person.school, person.schoolClass].filter(Boolean).join(', ') || null);
    add('gp', person.gp);
    add('firstLanguage', person.firstLanguage);
    if (person.interpreterNeeded) add('interpreter', t('yes'));
    const sensitive = person.sensitive;
    if (sensitive) {
      add('address', sensitive.address);
      add('phone', sensitive.contact?.phone);
      add('email', sensitive.contact?.email);
      add('ethnicity', sensitive.ethnicity);
      add('religion', sensitive.religion);
      add('needs', sensitive.disabilityOrAdditionalNeeds);
    }
    return rows;
  }

  /** A document of a case as issued (HTML, nothing in it runs), through the session. */
  @Get('documents/:id')
  async document(@Page() page: PageContext, @Param('id') id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const { actor } = sessionOf(page);
    if (!hasPermission(actor, 'cases:read')) throw new ForbiddenException();
    const document = await this.documents.read(actor, id, request.id);
    return reply
      .header('etag', `"${document.sha256}"`)
      .header('cache-control', 'no-store')
      .header('content-security-policy', DOCUMENT_CSP)
      .type('text/html; charset=utf-8')
      .send(document.html);
  }

  /** The same document's PDF, through the session. */
  @Get('documents/:id/pdf')
  async documentPdf(@Page() page: PageContext, @Param('id') id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const { actor } = sessionOf(page);
    if (!hasPermission(actor, 'cases:read')) throw new ForbiddenException();
    const document = await this.documents.read(actor, id, request.id);
    const pdf = await this.documents.pdfOf(document);
    return reply
      .header('cache-control', 'no-store')
      .header('content-disposition', `inline; filename="${document.kind}-v${document.version}-${document.audience}-${document.locale}.pdf"`)
      .type('application/pdf')
      .send(pdf);
  }
}
