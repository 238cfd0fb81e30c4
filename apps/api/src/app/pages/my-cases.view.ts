/**
 * "My cases" as a page shows it (issue 15 §3): the filters read from the query string, and each
 * case as a practitioner reads it: the child, the reference, the stage and the next step in plain
 * words, and how far the stage's due day is in working days of the organisation's calendar ("In 3
 * working days", "Overdue by 2 working days", "Due today"), with the day itself in the person's
 * language. Pure: the clock's reading and the calendar are given.
 */
import { CalendarError, STAGES, workingDaysBetween, type LocalDay, type Stage, type WorkingCalendar } from '@tacu/domain';
import { ValidationFailed } from '../errors/validation-failed';
import { dayInWords, wordingText, type PageLocale } from './locale';

/** What the "Show" filter offers; `open` unless the person chose another. */
export const SHOW_CHOICES = ['open', 'overdue', 'soon', 'closed', 'all'] as const;
export type ShowChoice = (typeof SHOW_CHOICES)[number];

/** "Due soon": within this many working days (overdue ones too). */
export const SOON_WORKING_DAYS = 5;

export interface MyCasesFilters {
  stage: Stage | undefined;
  show: ShowChoice;
  /** The next page's cursor (signed by the server, checked when used). */
  after: string | undefined;
}

const KEY = 'show';

/**
 * The filters of the query string (`stage`, `show`, `after`). A value the page never offers is
 * refused (400 naming the field); other fields are ignored (a bookmark may carry them).
 */
export function parseFilters(query: Record<string, unknown>): MyCasesFilters {
  const problems: Array<{ field: string; problems: string[] }> = [];
  const one = (name: string): string | undefined => {
    const value = query[name];
    if (value === undefined || value === '') return undefined;
    if (typeof value !== 'string') {
      problems.push({ field: name, problems: [`${name} must be given once`] });
      return undefined;
    }
    return value;
  };
  const stage = one('stage');
  const show = one(KEY);
  const after = one('after');
  if (stage !== undefined && !(STAGES as readonly string[]).includes(stage)) problems.push({ field: 'stage', problems: [`stage must be one of ${STAGES.join(', ')}`] });
  if (show !== undefined && !(SHOW_CHOICES as readonly string[]).includes(show)) problems.push({ field: KEY, problems: [`show must be one of ${SHOW_CHOICES.join(', ')}`] });
  if (after !== undefined && after.length > 500) problems.push({ field: 'after', problems: ['after must be the link of the next page as the page gave it'] });
  if (problems.length > 0) throw new ValidationFailed(problems);
  return { stage: stage as Stage | undefined, show: (show as ShowChoice | undefined) ?? 'open', after };
}

/** The link to a page of the list with these filters (no personal data: stage, choice, cursor). */
export function casesHref(filters: Pick<MyCasesFilters, 'stage' | 'show'>, after?: string): string {
  const params = new URLSearchParams();
  if (filters.stage) params.set('stage', filters.stage);
  if (filters.show !== 'open') params.set(KEY, filters.show);
  if (after) params.set('after', after);
  const query = params.toString();
  return query ? `/app/cases?${query}` : '/app/cases';
}

export interface DueView {
  text: string;
  /** The tag colour of the design system for an overdue or near deadline; none for a later one. */
  tag: 'red' | 'orange' | null;
  /** "by Monday 22 June 2026", after a count of working days. */
  by: string | null;
}

/**
 * How far a due day is, in working days: "Due today", "In 3 working days" (by its day), "Overdue
 * by 2 working days" (since its day). A due day past only by closed days ("Overdue since Saturday
 * 6 June"), or ahead past closed days only, is told by its day. A day the calendar does not cover
 * is told by its day.
 */
export function dueInWords(dueOn: LocalDay, today: LocalDay, calendar: WorkingCalendar, locale: PageLocale): DueView {
  const day = dayInWords(dueOn, locale);
  if (dueOn === today) return { text: wordingText(locale, 'due.today'), tag: 'orange', by: null };
  let days: number;
  try {
    days = workingDaysBetween(today, dueOn, calendar);
  } catch (error) {
    if (!(error instanceof CalendarError)) throw error;
    return { text: wordingText(locale, 'due.onDay', { day }), tag: dueOn < today ? 'red' : null, by: null };
  }
  if (dueOn < today) {
    if (days === 0) return { text: wordingText(locale, 'due.overdueSince', { day }), tag: 'red', by: null };
    const overdue = -days;
    return { text: wordingText(locale, overdue === 1 ? 'due.overdue.one' : 'due.overdue.other', { days: overdue }), tag: 'red', by: wordingText(locale, 'due.by', { day }) };
  }
  if (days === 0) return { text: wordingText(locale, 'due.onDay', { day }), tag: 'orange', by: null };
  return {
    text: wordingText(locale, days === 1 ? 'due.inDays.one' : 'due.inDays.other', { days }),
    tag: days <= 2 ? 'orange' : null,
    by: wordingText(locale, 'due.by', { day }),
  };
}

/** A case as the list shows it. */
export interface CaseCardView {
  childName: string;
  /** The case page. */
  href: string;
  reference: string;
  stage: string;
  nextStep: string;
  statusTag: { text: string; colour: 'grey' | 'purple' } | null;
  due: DueView;
}

/** What a case summary gives the card: its columns as the API answers them. */
export interface ListedCase {
  id: string;
  stage: string;
  state: string;
  status: string;
  dueOn: string | null;
  childName: string | null;
  reference: string;
}

/** The next step of a state in plain words; a state without its own wording is told by its stage. */
export function nextStepOf(state: string, stage: string, locale: PageLocale): string {
  try {
    return wordingText(locale, `nextStep.${state}`);
  } catch {
    return wordingText(locale, `stage.${stage}`);
  }
}

export function caseCard(listed: ListedCase, today: LocalDay, calendar: WorkingCalendar, locale: PageLocale): CaseCardView {
  const stage = (STAGES as readonly string[]).includes(listed.stage) ? wordingText(locale, `stage.${listed.stage}`) : listed.stage;
  const closed = listed.status === 'closed';
  return {
    childName: listed.childName ?? listed.reference,
    href: `/app/cases/${listed.id}`,
    reference: listed.reference,
    stage,
    nextStep: nextStepOf(listed.state, listed.stage, locale),
    statusTag: closed ? { text: wordingText(locale, 'cases.closed'), colour: 'grey' } : listed.status === 'onHold' ? { text: wordingText(locale, 'cases.onHold'), colour: 'purple' } : null,
    due: closed || listed.dueOn === null ? { text: wordingText(locale, 'cases.noDeadline'), tag: null, by: null } : dueInWords(listed.dueOn, today, calendar, locale),
  };
}
