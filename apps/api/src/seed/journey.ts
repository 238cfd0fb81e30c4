/**
 * A family's way through the case machine, event by event, with who sends each event: the
 * request to closure (needsMet) with two review meetings (the first sets the day of the next) and
 * a closing meeting. The demo seed stops cases at different milestones; the e2e tests and the
 * bench drive cases along it over HTTP.
 */
import { addDays, type CaseEvent } from '@tacu/domain';
import { SAMPLE_DAY, sampleEvent } from '../app/cases/events/samples';

export type JourneyRole = 'lead' | 'coordinator';

export interface JourneyStep {
  event: CaseEvent;
  /** Who sends it: the case's lead practitioner, or the area's coordinator. */
  by: JourneyRole;
  /** The state the case is in after this step. */
  state: string;
}

/** The agency practitioner of the demo area, invited to the meeting (so they may see the case). */
export const INVITED_AGENCY_USER = 'u-agency-0001';

function invitation(): CaseEvent {
  const event = sampleEvent('INVITE_TO_MEETING');
  event.invitees = event.invitees.map((invitee) => (invitee.agency === 'Public Health Nursing' ? { ...invitee, personId: INVITED_AGENCY_USER } : invitee));
  return event;
}

const DAY_MS = 24 * 60 * 60 * 1000;

const CLOSING_MINUTES =
  'Present: Siobhán (Mam), Aoife Byrne (lead practitioner); apologies: Niamh Kelly. Seán is at school every day and playing for the under-9s; the family agreed the Meitheal has done its work.';

/** Whole days from `from` to `to` (both YYYY-MM-DD). */
function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** The event with every date moved by `days`: consent signed, meetings scheduled and held, actions due, the next review set. */
function movedBy(event: CaseEvent, days: number): CaseEvent {
  if (days === 0) return event;
  switch (event.type) {
    case 'RECORD_CONSENT':
      return { ...event, signedOn: addDays(event.signedOn, days) };
    case 'HOLD_MEETING':
    case 'HOLD_REVIEW':
    case 'HOLD_CLOSING_MEETING':
      return { ...event, heldOn: addDays(event.heldOn, days) };
    case 'RECORD_REVIEW':
      return event.nextReviewOn === undefined ? event : { ...event, nextReviewOn: addDays(event.nextReviewOn, days) };
    case 'INVITE_TO_MEETING':
      return { ...event, scheduledFor: new Date(Date.parse(event.scheduledFor) + days * DAY_MS).toISOString() };
    case 'DRAFT_PLAN':
      return { ...event, actions: event.actions.map((a) => (a.dueDate === undefined ? a : { ...a, dueDate: addDays(a.dueDate, days) })) };
    default:
      return event;
  }
}

/**
 * Request to closure with two review cycles; `leadPractitionerId` is who the coordinator registers
 * as lead. `openedOn` is the local day the case opened (default SAMPLE_DAY, the e2e clock's): the
 * samples' dates move with it, so what happened happened that day and what is planned comes later.
 */
export function fullJourney(leadPractitionerId: string, openedOn: string = SAMPLE_DAY): JourneyStep[] {
  const days = daysBetween(SAMPLE_DAY, openedOn);
  return journeySteps(leadPractitionerId).map((step) => ({ ...step, event: movedBy(step.event, days) }));
}

/** A review record that sets no next review (the review that proposes closure). */
function withoutNextReview(): CaseEvent {
  const { nextReviewOn: _nextReviewOn, ...record } = sampleEvent('RECORD_REVIEW');
  return record;
}

function journeySteps(leadPractitionerId: string): JourneyStep[] {
  return [
    { by: 'lead', event: sampleEvent('RECORD_REQUEST_DETAILS'), state: 'request.draft' },
    { by: 'lead', event: sampleEvent('REQUEST_CONSENT'), state: 'request.awaitingConsent' },
    { by: 'lead', event: sampleEvent('RECORD_CONSENT'), state: 'request.awaitingConsent' },
    { by: 'lead', event: sampleEvent('SUBMIT_REQUEST'), state: 'request.submitted' },
    { by: 'coordinator', event: { type: 'REGISTER_REQUEST', leadPractitionerId }, state: 'assessment.inProgress' },
    { by: 'lead', event: sampleEvent('RECORD_ASSESSMENT'), state: 'assessment.inProgress' },
    { by: 'lead', event: sampleEvent('COMPLETE_ASSESSMENT'), state: 'assessment.completed' },
    { by: 'lead', event: sampleEvent('AGREE_ASSESSMENT'), state: 'meeting.proposed' },
    { by: 'lead', event: invitation(), state: 'meeting.invited' },
    { by: 'lead', event: sampleEvent('HOLD_MEETING'), state: 'meeting.held' },
    { by: 'lead', event: sampleEvent('DISTRIBUTE_MINUTES'), state: 'actionPlan.drafting' },
    { by: 'lead', event: sampleEvent('DRAFT_PLAN'), state: 'actionPlan.drafting' },
    { by: 'lead', event: sampleEvent('SUBMIT_PLAN_FOR_SIGN_OFF'), state: 'actionPlan.awaitingFamilySignOff' },
    { by: 'lead', event: sampleEvent('SIGN_OFF_PLAN'), state: 'review.scheduled' },
    // First review: the plan continues; the meeting sets the next review six weeks on.
    { by: 'lead', event: sampleEvent('HOLD_REVIEW'), state: 'review.held' },
    { by: 'lead', event: sampleEvent('RECORD_REVIEW'), state: 'review.recorded' },
    { by: 'lead', event: sampleEvent('CONTINUE_PLAN'), state: 'review.scheduled' },
    // Second review: needs are met, closure is proposed (no next review set).
    { by: 'lead', event: sampleEvent('HOLD_REVIEW'), state: 'review.held' },
    { by: 'lead', event: withoutNextReview(), state: 'review.recorded' },
    { by: 'lead', event: sampleEvent('PROPOSE_CLOSURE'), state: 'closure.proposed' },
    // The closing meeting, where the Closure and Feedback record is completed.
    { by: 'lead', event: sampleEvent('HOLD_CLOSING_MEETING'), state: 'closure.meetingHeld' },
    { by: 'lead', event: { ...sampleEvent('RECORD_CLOSURE_FEEDBACK'), minutes: CLOSING_MINUTES }, state: 'closure.feedbackCollected' },
    { by: 'lead', event: sampleEvent('CLOSE_CASE'), state: 'closed' },
  ];
}

/** The steps up to and including the first that leaves the case in `state` (`openedOn` as in fullJourney). */
export function journeyTo(state: string, leadPractitionerId: string, openedOn: string = SAMPLE_DAY): JourneyStep[] {
  const steps = fullJourney(leadPractitionerId, openedOn);
  const index = steps.findIndex((s) => s.state === state);
  if (index < 0) throw new Error(`the journey never reaches ${state}`);
  return steps.slice(0, index + 1);
}
