/**
 * "My cases" (issue 15 §3): the cases the signed-in practitioner may see, exactly as `GET /cases`
 * gives them (CasesService: the same need to know, each listed case recorded as read), with the
 * child, the stage, the next step and how far the due day is; filtered by stage and by what to
 * show (open, overdue, due soon, closed, all: in the query string, no personal data), and
 * searched by the child's name or the case reference. The search is sent as a form (POST) and kept
 * with the session, so a child's name never appears in a URL, a browser's history or a log.
 */
import { Body, Controller, ForbiddenException, Get, Inject, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { hasPermission } from '@tacu/auth';
import { addWorkingDays, endOfLocalDay, localDay, STAGES } from '@tacu/domain';
import type { Clock } from '@tacu/engine';
import { Public } from '../auth/auth.decorators';
import { CasesService } from '../cases/cases.service';
import type { CaseListFilter } from '../cases/case-queries';
import { CLOCK } from '../core/tokens';
import { caseReferenceOf } from '../documents/case-document-source';
import { wordingText } from './locale';
import { caseCard, casesHref, parseFilters, SHOW_CHOICES, SOON_WORKING_DAYS, type MyCasesFilters } from './my-cases.view';
import { Page, sessionOf, type PageContext } from './page-context';
import { PageCalendars } from './page-calendars';
import { PageErrorFilter } from './page-error.filter';
import { PageRenderer } from './page-renderer';
import { PageSessions } from './page-session';
import { PageGuard } from './page.guard';

/** Cases per page of the list. */
export const CASES_PER_PAGE = 20;
/** The longest search accepted: a name or a reference is far shorter. */
export const SEARCH_MAX_LENGTH = 100;

@ApiExcludeController()
@Public()
@UseGuards(PageGuard)
@UseFilters(PageErrorFilter)
@Controller('app/cases')
export class MyCasesController {
  constructor(
    private readonly cases: CasesService,
    private readonly sessions: PageSessions,
    private readonly renderer: PageRenderer,
    private readonly calendars: PageCalendars,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  list(@Page() page: PageContext, @Query() query: Record<string, unknown>, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<FastifyReply> {
    return this.show(page, parseFilters(query), request, reply);
  }

  /** Keeps the search with the session (or clears it, with `clear` or an empty search), then shows the list. */
  @Post('search')
  async search(@Page() page: PageContext, @Body() body: Record<string, unknown>, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const session = sessionOf(page);
    const text = typeof body['search'] === 'string' ? body['search'].trim() : '';
    if (text.length > SEARCH_MAX_LENGTH) {
      return this.show(page, { stage: undefined, show: 'open', after: undefined }, request, reply, { searchError: wordingText(page.locale, 'cases.searchTooLong'), searchText: text.slice(0, SEARCH_MAX_LENGTH) });
    }
    await this.sessions.setSearch(session, body['clear'] !== undefined || text === '' ? null : text);
    return reply.status(303).header('location', '/app/cases').send();
  }

  private async show(page: PageContext, filters: MyCasesFilters, request: FastifyRequest, reply: FastifyReply, problem?: { searchError: string; searchText: string }): Promise<FastifyReply> {
    const { actor, row } = sessionOf(page);
    // The same permission as GET /cases: a manager, a parent or a young person has no case list.
    if (!hasPermission(actor, 'cases:read')) throw new ForbiddenException();
    const { locale } = page;
    const now = this.clock.now();
    const calendar = await this.calendars.forArea(actor.areaId);
    const today = localDay(now, calendar.timeZone);
    const search = row.search ?? undefined;
    const filter: Pick<CaseListFilter, 'stage' | 'overdue' | 'dueBefore' | 'open' | 'status' | 'search'> = {
      ...(filters.stage ? { stage: filters.stage } : {}),
      ...(search !== undefined ? { search } : {}),
      ...(filters.show === 'open' ? { open: true } : {}),
      ...(filters.show === 'overdue' ? { overdue: true } : {}),
      ...(filters.show === 'soon' ? { open: true, dueBefore: endOfLocalDay(addWorkingDays(today, SOON_WORKING_DAYS, calendar), calendar.timeZone) } : {}),
      ...(filters.show === 'closed' ? { status: 'closed' } : {}),
    };
    // Soonest due first where every case shown has a deadline; newest first otherwise.
    const sort = filters.show === 'overdue' || filters.show === 'soon' ? 'dueAt' : 'openedAt';
    const listed = await this.cases.listWithChildren(actor, filter, { sort, limit: CASES_PER_PAGE, ...(filters.after ? { cursor: filters.after } : {}) }, request.id);
    const cards = listed.items.map(({ summary, childName }) =>
      caseCard({ id: summary.id, stage: summary.stage, state: summary.state, status: summary.status, dueOn: summary.dueOn, childName, reference: caseReferenceOf(summary.id) }, today, calendar, locale),
    );
    const mine = actor.role === 'leadPractitioner';
    const heading = wordingText(locale, mine ? 'cases.titleMine' : 'cases.titleAll');
    const showLabels: Record<(typeof SHOW_CHOICES)[number], string> = { open: 'cases.showOpen', overdue: 'cases.showOverdue', soon: 'cases.showSoon', closed: 'cases.showClosed', all: 'cases.showAll' };
    return this.renderer.render(reply, page, {
      view: 'cases',
      title: heading,
      status: problem ? 400 : 200,
      nav: 'cases',
      data: {
        heading,
        intro: wordingText(locale, mine ? 'cases.introMine' : 'cases.introAll'),
        mayOpen: hasPermission(actor, 'cases:open'),
        search: problem?.searchText ?? search ?? '',
        searchError: problem?.searchError,
        errors: problem ? [{ field: 'search', text: problem.searchError }] : [],
        stages: [{ value: '', label: wordingText(locale, 'cases.anyStage'), selected: !filters.stage }, ...STAGES.map((s) => ({ value: s, label: wordingText(locale, `stage.${s}`), selected: filters.stage === s }))],
        shows: SHOW_CHOICES.map((value) => ({ value, label: wordingText(locale, showLabels[value]), selected: filters.show === value })),
        cases: cards,
        countText: cards.length === 1 ? wordingText(locale, 'cases.countOne') : wordingText(locale, 'cases.count', { count: cards.length }),
        noneText: wordingText(locale, search !== undefined || filters.stage || filters.show !== 'open' ? 'cases.noneMatching' : 'cases.none'),
        pagination: listed.nextCursor || filters.after ? { next: listed.nextCursor ? casesHref(filters, listed.nextCursor) : null, first: filters.after ? casesHref(filters) : null } : null,
      },
    });
  }
}
