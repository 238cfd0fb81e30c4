/**
 * Who may send which event (domain.md "People and roles"). States pick their entries from this
 * one table, so a role's rights read the same in every machine. The lead practitioner may also
 * record what a family gave in person (consent, agreement, sign-off, a request for changes).
 * Every practitioner on the case is a mandated person who may report a concern to the statutory
 * service directly (Children First Act 2015, s. 14): SUBMIT_REPORT is theirs as well as the
 * designated liaison person's; the statutory service's acknowledgement and outcome stay with
 * the liaison person, who keeps the record of reports. Contacts with the family are logged by
 * the practitioners who make them: the lead and the invited agencies.
 */
import { PRACTITIONER_ROLES, type CaseEventType, type Role } from '@tacu/domain';

const LEAD: readonly Role[] = ['leadPractitioner'];

export const EVENT_PERMISSIONS: Record<CaseEventType, readonly Role[]> = {
  RECORD_REQUEST_DETAILS: ['leadPractitioner', 'parentCarer'],
  REQUEST_CONSENT: LEAD,
  RECORD_CONSENT: ['parentCarer', 'leadPractitioner'],
  SUBMIT_REQUEST: ['leadPractitioner', 'parentCarer'],
  REGISTER_REQUEST: ['coordinator'],
  REDIRECT_REQUEST: ['coordinator'],
  DECLINE_REQUEST: ['coordinator'],
  RECORD_ASSESSMENT: LEAD,
  COMPLETE_ASSESSMENT: LEAD,
  AGREE_ASSESSMENT: ['parentCarer', 'leadPractitioner'],
  REOPEN_ASSESSMENT: ['leadPractitioner', 'parentCarer'],
  INVITE_TO_MEETING: LEAD,
  HOLD_MEETING: LEAD,
  CANCEL_MEETING: LEAD,
  RESCHEDULE_MEETING: LEAD,
  DISTRIBUTE_MINUTES: LEAD,
  DRAFT_PLAN: LEAD,
  SUBMIT_PLAN_FOR_SIGN_OFF: LEAD,
  SIGN_OFF_PLAN: ['parentCarer', 'youngPerson', 'leadPractitioner'],
  REQUEST_PLAN_CHANGES: ['parentCarer', 'youngPerson', 'leadPractitioner'],
  REPORT_ACTION_PROGRESS: ['agencyPractitioner', 'leadPractitioner'],
  HOLD_REVIEW: LEAD,
  RECORD_REVIEW: LEAD,
  CONTINUE_PLAN: LEAD,
  REVISE_PLAN: LEAD,
  PROPOSE_CLOSURE: LEAD,
  RECORD_CLOSURE_FEEDBACK: LEAD,
  CLOSE_CASE: LEAD,
  RAISE_CONCERN: PRACTITIONER_ROLES,
  CONSULT_LIAISON: ['leadPractitioner', 'designatedLiaisonPerson'],
  SUBMIT_REPORT: PRACTITIONER_ROLES,
  DECIDE_NOT_TO_REPORT: ['designatedLiaisonPerson'],
  ACKNOWLEDGE_REPORT: ['designatedLiaisonPerson'],
  RECORD_CONCERN_OUTCOME: ['designatedLiaisonPerson'],
  WITHDRAW_CONSENT: ['parentCarer', 'youngPerson', 'leadPractitioner'],
  RECORD_CONTACT: ['leadPractitioner', 'agencyPractitioner'],
  // The coordinator decides whether a case goes on after one person withdrew consent.
  DECIDE_ON_WITHDRAWAL: ['coordinator'],
  ASSIGN_LEAD_PRACTITIONER: ['coordinator'],
  HOLD_CLOSING_MEETING: LEAD,
};

/** The `permissions` entry of a state's meta for the events it handles. */
export function allow(...events: CaseEventType[]): Partial<Record<CaseEventType, readonly Role[]>> {
  return Object.fromEntries(events.map((e) => [e, EVENT_PERMISSIONS[e]]));
}
