/**
 * The case page as a practitioner reads it (issue 15 §4): where the case stands on its process
 * (the steps, the current one marked, an open concern shown), its deadlines in working days, the
 * family, the timeline in words and the documents. Pure: built from what `CasesService.get`,
 * `history` and `DocumentsService.list` answered, the clock's reading, the calendar and the names
 * of the people who acted.
 */
import { localDay, type LocalDay, type WorkingCalendar } from '@tacu/domain';
import { eventTitle, reasonInWords, type Worded } from './forms/form-wording';
import { dayInWords, wordingText, type PageLocale } from './locale';
import { dueInWords, type DueView } from './my-cases.view';

/** The process of a Meitheal case, in order (an escalation stands beside it, not in it). */
export const PROCESS_STEPS = ['request', 'assessment', 'meeting', 'actionPlan', 'review', 'closure'] as const;
export type ProcessStep = (typeof PROCESS_STEPS)[number];

const stageOfState = (state: string | null): string | null => (state === null ? null : (state.split('.')[0] ?? null));

/** A history entry as the page needs it (AuditEntryResponse). */
export interface TimelineEntry {
  at: string;
  actor: { id: string; role: string };
  eventType: string;
  fromState: string | null;
  toState: string;
  data: Record<string, unknown>;
  withheld?: boolean;
}

export interface StepView {
  label: string;
  status: 'done' | 'current' | 'upcoming' | 'notReached';
  /** "Current step" or "Done", for those who do not see the colours. */
  statusText: string;
}

/**
 * The step of the process the case is at: its stage, or, while a concern holds it (stage
 * `escalation`), the stage it was at when the concern was raised (the last entry into escalation
 * from outside it).
 */
export function processStepOf(stage: string, history: readonly TimelineEntry[]): ProcessStep | null {
  if ((PROCESS_STEPS as readonly string[]).includes(stage)) return stage as ProcessStep;
  for (let i = history.length - 1; i >= 0; i--) {
    const entry = history[i] as TimelineEntry;
    const from = stageOfState(entry.fromState);
    if (stageOfState(entry.toState) !== 'escalation' || from === null || from === 'escalation') continue;
    return (PROCESS_STEPS as readonly string[]).includes(from) ? (from as ProcessStep) : null;
  }
  return null;
}

/**
 * The steps drawn on the page: those before the current one done, the current marked. Once the
 * case is closed, the steps up to the one it closed in are done and any after it were not reached
 * (a request declined or sent elsewhere never had an assessment).
 */
export function stepsOf(current: ProcessStep | null, closed: boolean, locale: PageLocale): StepView[] {
  const at = current === null ? -1 : PROCESS_STEPS.indexOf(current);
  return PROCESS_STEPS.map((step, index) => {
    const status: StepView['status'] = closed ? (at === -1 || index <= at ? 'done' : 'notReached') : index < at ? 'done' : index === at ? 'current' : 'upcoming';
    return { label: wordingText(locale, `stage.${step}`), status, statusText: wordingText(locale, `case.step.${status}`) };
  });
}

export interface DeadlineView {
  what: string;
  day: string;
  due: DueView;
}

/** A deadline in words: what is due, its day, how far it is in working days. */
export function deadlineView(deadline: { name: string | null; dueOn: string }, today: LocalDay, calendar: WorkingCalendar, locale: PageLocale): DeadlineView {
  let what: string;
  try {
    what = wordingText(locale, `deadline.${deadline.name ?? 'unnamed'}`);
  } catch {
    what = wordingText(locale, 'deadline.unnamed');
  }
  return { what, day: dayInWords(deadline.dueOn, locale), due: dueInWords(deadline.dueOn, today, calendar, locale) };
}

export interface TimelineItemView {
  text: string;
  day: string;
  withheld: boolean;
}

const nameIn = (data: Record<string, unknown>, key: string): string | null => {
  const value = data[key];
  if (value === null || typeof value !== 'object') return null;
  const name = (value as Record<string, unknown>)['name'];
  return typeof name === 'string' && name.trim() !== '' ? name : null;
};

/**
 * One history entry in words: "Aoife Byrne recorded consent from Siobhán Murphy" and its local day
 * ("2 March 2026"). An entry withheld from the reader says only that something was recorded: no
 * one's name, no event, no data. A deadline passing is told as such.
 */
export function timelineItem(entry: TimelineEntry, names: ReadonlyMap<string, string>, timeZone: string, locale: PageLocale): TimelineItemView {
  const day = dateInWords(localDay(new Date(entry.at), timeZone), locale);
  if (entry.withheld) return { text: wordingText(locale, 'timeline.withheld'), day, withheld: true };
  if (entry.eventType.startsWith('xstate.after')) {
    return { text: wordingText(locale, 'timeline.deadlinePassed', { stage: stageWords(stageOfState(entry.fromState), locale) }), day, withheld: false };
  }
  const actor = entry.actor.role === 'system' ? wordingText(locale, 'timeline.system') : (names.get(entry.actor.id) ?? (wordingExists(`role.${entry.actor.role}`) ? wordingText(locale, `role.${entry.actor.role}`) : entry.actor.id));
  const person = nameIn(entry.data, 'givenBy') ?? nameIn(entry.data, 'signedBy') ?? nameIn(entry.data, 'withdrawnBy');
  let key = `timeline.${entry.eventType}`;
  if (person !== null && wordingExists(`${key}.person`)) key = `${key}.person`;
  if (!wordingExists(key)) key = 'timeline.other';
  return { text: wordingText(locale, key, { actor, person: person ?? '', stage: stageWords(stageOfState(entry.toState), locale) }), day, withheld: false };
}

function stageWords(stage: string | null, locale: PageLocale): string {
  if (stage === null) return '';
  try {
    return wordingText(locale, `stage.${stage}`);
  } catch {
    return stage;
  }
}

/**
 * Whether the timeline has wording for `key` (English has it, and it needs no value but the actor,
 * the person and the stage). Kept per key: the answer never changes while the service runs, and
 * finding it by a thrown error cost microseconds per entry, up to three times each. Keys are event
 * types and roles (a few dozen); the bound only guards against surprises.
 */
const timelineKeys = new Map<string, boolean>();
function wordingExists(key: string): boolean {
  let exists = timelineKeys.get(key);
  if (exists === undefined) {
    try {
      wordingText('en', key, { actor: '', person: '', stage: '' });
      exists = true;
    } catch {
      exists = false;
    }
    if (timelineKeys.size < 1000) timelineKeys.set(key, exists);
  }
  return exists;
}

const INTL_LOCALE: Record<PageLocale, string> = { en: 'en-IE', ga: 'ga' };
const dateFormats = new Map<PageLocale, Intl.DateTimeFormat>();

/** A local day as a date without its weekday: "2 March 2026", "2 Márta 2026" (a calendar date, never moved by a time zone). */
export function dateInWords(day: string, locale: PageLocale): string {
  let format = dateFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(INTL_LOCALE[locale], { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
    dateFormats.set(locale, format);
  }
  return format.format(new Date(`${day}T00:00:00Z`));
}


/** Events that may be sent at any stage (a concern, consent withdrawn, a contact, a new lead): listed apart from the process's own next steps. */
const ANY_TIME = new Set(['RAISE_CONCERN', 'WITHDRAW_CONSENT', 'RECORD_CONTACT', 'ASSIGN_LEAD_PRACTITIONER']);

export interface NextStepView {
  title: string;
  lang?: string;
  href: string;
  /** Why a rule still refuses it as the case stands, in plain words. */
  waiting: string[];
  eventType: string;
}

/**
 * "What you can do next" (issue 15 §5): the events this person may send now (`allowedEvents`),
 * each linking to its form, those a rule still refuses as the case stands (`waitingEvents`) with
 * why, in plain words; the process's steps first, then what may be done at any time. Nothing for
 * a person whose role sends no events.
 */
export function nextStepsView(found: { id: string; allowedEvents: readonly string[]; waitingEvents: ReadonlyArray<{ event: string; reasons: readonly string[] }> }, maySend: boolean, locale: PageLocale): { steps: NextStepView[]; anyTime: NextStepView[] } | null {
  if (!maySend) return null;
  const waiting = new Map(found.waitingEvents.map((w) => [w.event, w.reasons]));
  const views = found.allowedEvents.map((type): NextStepView => {
    const title: Worded = eventTitle(locale, type);
    return {
      title: title.text,
      ...(title.lang !== locale ? { lang: title.lang } : {}),
      href: `/app/cases/${found.id}/next/${type}`,
      waiting: (waiting.get(type) ?? []).map((reason) => reasonInWords(reason, locale)),
      eventType: type,
    };
  });
  return { steps: views.filter((v) => !ANY_TIME.has(v.eventType)), anyTime: views.filter((v) => ANY_TIME.has(v.eventType)) };
}
