/**
 * The decisions waiting for a coordinator (`GET /app/requests`: the area's requests for support
 * waiting to be registered, and cases stopped by a withdrawal of consent) and for a designated
 * liaison person (`GET /app/concerns`: the area's open concerns), issue 15 §6 and §7. Each case
 * links to its page and to the forms of the decisions the person may take now (register,
 * redirect, decline; consult, report, decide not to report, acknowledgement, outcome).
 *
 * The cases come from CasesService's list, as on "my cases": the same need to know (a
 * coordinator sees their area, a liaison person their area's open concerns), each listed case
 * recorded as read. A person whose role has no such list gets the forbidden page.
 */
import { Controller, ForbiddenException, Get, Inject, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { localDay, type Actor } from '@tacu/domain';
import type { Clock } from '@tacu/engine';
import { Public } from '../auth/auth.decorators';
import { CasesService } from '../cases/cases.service';
import { CLOCK } from '../core/tokens';
import { caseReferenceOf } from '../documents/case-document-source';
import { byUrgency, decisionCard, decisionListOf, type DecisionList, type WaitingCase } from './decisions.view';
import { wordingText } from './locale';
import { Page, sessionOf, type PageContext } from './page-context';
import { PageCalendars } from './page-calendars';
import { PageErrorFilter } from './page-error.filter';
import { PageRenderer } from './page-renderer';
import { PageGuard } from './page.guard';

/**
 * The most cases a section lists. An area's queue is far shorter; past it the page says so and
 * the cases list (filtered by stage) shows them all.
 */
export const DECISIONS_SHOWN = 200;

@ApiExcludeController()
@Public()
@UseGuards(PageGuard)
@UseFilters(PageErrorFilter)
@Controller('app')
export class DecisionsController {
  constructor(
    private readonly cases: CasesService,
    private readonly renderer: PageRenderer,
    private readonly calendars: PageCalendars,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get('requests')
  requests(@Page() page: PageContext, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<FastifyReply> {
    return this.show(page, 'requests', request, reply);
  }

  @Get('concerns')
  concerns(@Page() page: PageContext, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<FastifyReply> {
    return this.show(page, 'concerns', request, reply);
  }

  private async show(page: PageContext, name: DecisionList['name'], request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
    const { actor } = sessionOf(page);
    const list = decisionListOf(actor.role);
    if (!list || list.name !== name) throw new ForbiddenException();
    const { locale } = page;
    const now = this.clock.now();
    const calendar = await this.calendars.forArea(actor.areaId);
    const today = localDay(now, calendar.timeZone);
    const sections = [];
    for (const section of list.sections) {
      const waiting = await this.waiting(actor, section.where, request.id);
      sections.push({
        heading: wordingText(locale, `decisions.${name}.${section.key}.heading`),
        none: wordingText(locale, `decisions.${name}.${section.key}.none`),
        testId: `decisions-${section.key}`,
        more: waiting.more ? wordingText(locale, 'decisions.more', { count: DECISIONS_SHOWN }) : null,
        countText: waiting.cases.length === 1 ? wordingText(locale, 'decisions.countOne') : wordingText(locale, 'decisions.count', { count: waiting.cases.length }),
        cases: waiting.cases.map((c) => decisionCard(c, section, actor.role, today, calendar, locale)),
      });
    }
    const heading = wordingText(locale, `decisions.${name}.title`);
    return this.renderer.render(reply, page, {
      view: 'decisions',
      title: heading,
      nav: name,
      data: { heading, intro: wordingText(locale, `decisions.${name}.intro`), sections },
    });
  }

  /** The open cases the actor may see in those states (or that stage), the most urgent first. */
  private async waiting(actor: Actor, where: { states: readonly string[] } | { stage: string }, requestId: string): Promise<{ cases: WaitingCase[]; more: boolean }> {
    const filters = 'stage' in where ? [{ stage: where.stage }] : where.states.map((state) => ({ state }));
    const cases: WaitingCase[] = [];
    let more = false;
    for (const filter of filters) {
      const listed = await this.cases.listWithChildren(actor, { ...filter, open: true }, { sort: 'openedAt', limit: DECISIONS_SHOWN }, requestId);
      more ||= listed.nextCursor !== null;
      for (const { summary, childName } of listed.items) {
        cases.push({
          id: summary.id,
          stage: summary.stage,
          state: summary.state,
          status: summary.status,
          dueOn: summary.dueOn,
          childName,
          reference: caseReferenceOf(summary.id),
          updatedOn: localDay(new Date(summary.updatedAt), summary.timeZone),
        });
      }
    }
    return { cases: cases.sort(byUrgency), more };
  }
}
