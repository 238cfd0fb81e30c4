/**
 * The decisions waiting for a coordinator or a designated liaison person (issue 15 §6, §7), as
 * their lists show them: which cases wait for whom, and which of the person's decisions each
 * links to (the forms of the next-step pages, where the engine checks again whether it may be
 * sent now). Pure: the cases are given.
 *
 * - A coordinator decides on the requests for support of their area waiting to be registered
 *   (register with a lead practitioner, redirect, decline: domain.md "Request for support") and on
 *   cases stopped by a withdrawal of consent (continue or close: "Consent").
 * - A designated liaison person decides on every open concern of their area: whether to report,
 *   the written report after a phone report, the statutory service's acknowledgement and the
 *   outcome (Children First: National Guidance 2017, ch. 3).
 */
import { EVENT_PERMISSIONS } from '@tacu/workflows';
import type { CaseEventType, LocalDay, Role, WorkingCalendar } from '@tacu/domain';
import { eventTitle } from './forms/form-wording';
import { caseCard, type CaseCardView, type ListedCase } from './my-cases.view';
import { dateInWords } from './case-page.view';
import { wordingText, type PageLocale } from './locale';

/** A list of decisions: who it is for, which cases (by stage or state), and the decisions it offers. */
export interface DecisionList {
  /** The page's path under /app and its wording's key under `decisions.` in the locales. */
  name: 'requests' | 'concerns';
  /** The role whose list it is. */
  role: Extract<Role, 'coordinator' | 'designatedLiaisonPerson'>;
  /** Its sections: the cases of each, chosen by state or stage, in the order shown. */
  sections: readonly DecisionSection[];
}

export interface DecisionSection {
  /** The wording's key under `decisions.<list>.` (its heading and its "none" line). */
  key: string;
  /** The cases shown: those in one of these states, or in this stage. */
  where: { states: readonly string[] } | { stage: string };
  /** The decisions offered for a case of this section by its state; a state not named offers none (the case page does). */
  decisions: Readonly<Record<string, readonly CaseEventType[]>>;
}

/** Requests waiting to be registered; cases stopped by a withdrawal of consent. */
export const COORDINATOR_DECISIONS: DecisionList = {
  name: 'requests',
  role: 'coordinator',
  sections: [
    { key: 'waiting', where: { states: ['request.submitted'] }, decisions: { 'request.submitted': ['REGISTER_REQUEST', 'REDIRECT_REQUEST', 'DECLINE_REQUEST'] } },
    { key: 'withdrawals', where: { states: ['consentWithdrawal'] }, decisions: { consentWithdrawal: ['DECIDE_ON_WITHDRAWAL'] } },
  ],
};

/** Every open concern: the case stays in the escalation stage until its concern ends. */
export const LIAISON_DECISIONS: DecisionList = {
  name: 'concerns',
  role: 'designatedLiaisonPerson',
  sections: [
    {
      key: 'open',
      where: { stage: 'escalation' },
      decisions: {
        'escalation.raised': ['CONSULT_LIAISON', 'SUBMIT_REPORT'],
        'escalation.liaisonConsulted': ['SUBMIT_REPORT', 'DECIDE_NOT_TO_REPORT'],
        'escalation.reported.phoned': ['SUBMIT_REPORT', 'ACKNOWLEDGE_REPORT'],
        'escalation.reported.inWriting': ['ACKNOWLEDGE_REPORT'],
        'escalation.acknowledged': ['RECORD_CONCERN_OUTCOME'],
      },
    },
  ],
};

/** The list of decisions of a role, if it has one. */
export function decisionListOf(role: Role): DecisionList | null {
  return [COORDINATOR_DECISIONS, LIAISON_DECISIONS].find((list) => list.role === role) ?? null;
}

/** A case waiting for a decision, as the list shows it: its card, since when, and the decisions' links. */
export interface DecisionCardView extends CaseCardView {
  /** "Last changed Monday 2 March 2026": when the case came to wait (its last recorded change). */
  since: string;
  decisions: Array<{ text: string; lang?: PageLocale; href: string; eventType: string }>;
}

/** A listed case with when it last changed (the summary's `updatedAt`, an instant). */
export interface WaitingCase extends ListedCase {
  updatedOn: LocalDay;
}

/** The decisions of `role` offered for a case in `state` by `section` (those the role may send: workflows' EVENT_PERMISSIONS). */
export function decisionsFor(section: DecisionSection, state: string, role: Role): CaseEventType[] {
  return (section.decisions[state] ?? []).filter((type) => EVENT_PERMISSIONS[type].includes(role));
}

/** A waiting case's card with the decisions `role` may take on it. */
export function decisionCard(waiting: WaitingCase, section: DecisionSection, role: Role, today: LocalDay, calendar: WorkingCalendar, locale: PageLocale): DecisionCardView {
  return {
    ...caseCard(waiting, today, calendar, locale),
    since: wordingText(locale, 'decisions.since', { day: dateInWords(waiting.updatedOn, locale) }),
    decisions: decisionsFor(section, waiting.state, role).map((type) => {
      const title = eventTitle(locale, type);
      return { text: title.text, ...(title.lang !== locale ? { lang: title.lang } : {}), href: `/app/cases/${waiting.id}/next/${type}`, eventType: type };
    }),
  };
}

/** Soonest due first; a case without a running deadline after those with one; then the longest waiting. */
export function byUrgency(a: WaitingCase, b: WaitingCase): number {
  if (a.dueOn !== b.dueOn) {
    if (a.dueOn === null) return 1;
    if (b.dueOn === null) return -1;
    return a.dueOn < b.dueOn ? -1 : 1;
  }
  return a.updatedOn < b.updatedOn ? -1 : a.updatedOn > b.updatedOn ? 1 : 0;
}
