/**
 * A small workflow that follows every convention of `WorkflowDefinition` (context.now, meta
 * permissions and documents, named deadline delays, a targetless deadline, a reminder that is not
 * a due date, root-level RAISE_CONCERN, explainable guards, effects as named actions). Engine
 * tests run against it so they do not depend on the real machines' details.
 *
 *   draft ─SUBMIT_REQUEST[hasConsent]→ submitted ─REGISTER_REQUEST→ assessment ─COMPLETE_ASSESSMENT[childViewsRecorded]→ closed
 *                                        └─DECLINE_REQUEST→ closed
 *   any active state ─RAISE_CONCERN→ onHold ─RESOLVE_CONCERN→ closed (steppedUpToSocialWork)
 */
import { and, assign, setup, type AnyMachineSnapshot } from 'xstate';
import { DEFAULT_DEADLINE_POLICY, dueAt, noWorkingCalendar, PRACTITIONER_ROLES, type CaseStatus, type Stage, type WorkingCalendar } from '@tacu/domain';
import type { WorkflowDefinition } from '@tacu/workflows';

export interface FixtureContext {
  now: string;
  /** The organisation's working calendar, written by the engine (as `now` is). */
  calendar: WorkingCalendar;
  consentGiven: boolean;
  leadPractitionerId: string | null;
  closureReason: string | null;
  childViews: string | null;
}

export type FixtureEvent =
  | { type: 'RECORD_CONSENT' }
  | { type: 'SUBMIT_REQUEST' }
  | { type: 'REGISTER_REQUEST'; leadPractitionerId: string }
  | { type: 'DECLINE_REQUEST'; reason: string }
  | { type: 'RECORD_CHILD_VIEWS'; views: string }
  | { type: 'COMPLETE_ASSESSMENT' }
  | { type: 'RAISE_CONCERN'; category?: string }
  | { type: 'RESOLVE_CONCERN' };

export interface FixtureInput {
  now: string;
  calendar?: WorkingCalendar;
  leadPractitionerId?: string | null;
}

const deadline = (name: keyof typeof DEFAULT_DEADLINE_POLICY.deadlines) => ({ context }: { context: FixtureContext }) =>
  dueAt(DEFAULT_DEADLINE_POLICY.deadlines[name], context.now, context.calendar).getTime() - Date.parse(context.now);

export const fixtureMachine = setup({
  types: {
    context: {} as FixtureContext,
    events: {} as FixtureEvent,
    input: {} as FixtureInput,
  },
  guards: {
    hasConsent: ({ context }) => context.consentGiven,
    childViewsRecorded: ({ context }) => Boolean(context.childViews),
    hasLeadPractitioner: ({ context }) => Boolean(context.leadPractitionerId),
  },
  actions: {
    notify: (_, _params: { to: string; reason: string }) => undefined,
  },
  delays: {
    requestRegistration: deadline('requestRegistration'),
    assessmentCompletion: deadline('assessmentCompletion'),
    caseOpenCheck: deadline('caseOpenCheck'),
  },
}).createMachine({
  id: 'fixture',
  version: '1',
  context: ({ input }) => ({
    now: input.now,
    calendar: input.calendar ?? noWorkingCalendar(),
    consentGiven: false,
    leadPractitionerId: input.leadPractitionerId ?? null,
    closureReason: null,
    childViews: null,
  }),
  initial: 'draft',
  meta: { permissions: { RAISE_CONCERN: PRACTITIONER_ROLES } },
  states: {
    draft: {
      meta: {
        document: 'requestForSupport',
        permissions: { RECORD_CONSENT: ['leadPractitioner', 'parentCarer'], SUBMIT_REQUEST: ['leadPractitioner'] },
      },
      on: {
        RECORD_CONSENT: { actions: assign({ consentGiven: true }) },
        SUBMIT_REQUEST: { guard: 'hasConsent', target: 'submitted', actions: { type: 'notify', params: { to: 'coordinator', reason: 'requestSubmitted' } } },
        RAISE_CONCERN: { target: 'onHold' },
      },
    },
    submitted: {
      meta: { permissions: { REGISTER_REQUEST: ['coordinator'], DECLINE_REQUEST: ['coordinator'] } },
      after: {
        // A deadline that passes without leaving the stage: the stage stays overdue.
        requestRegistration: { actions: { type: 'notify', params: { to: 'coordinator', reason: 'requestRegistrationOverdue' } } },
      },
      on: {
        REGISTER_REQUEST: {
          target: 'assessment',
          actions: assign({ leadPractitionerId: ({ event }) => event.leadPractitionerId }),
        },
        DECLINE_REQUEST: { target: 'closed', actions: assign({ closureReason: 'other' }) },
        RAISE_CONCERN: { target: 'onHold' },
      },
    },
    assessment: {
      meta: { document: 'strengthsAndNeedsRecord', permissions: { RECORD_CHILD_VIEWS: ['leadPractitioner', 'youngPerson'], COMPLETE_ASSESSMENT: ['leadPractitioner'] } },
      after: {
        assessmentCompletion: { actions: { type: 'notify', params: { to: 'coordinator', reason: 'assessmentOverdue' } } },
        caseOpenCheck: { actions: { type: 'notify', params: { to: 'coordinator', reason: 'caseOpenCheck' } } },
      },
      on: {
        RECORD_CHILD_VIEWS: { actions: assign({ childViews: ({ event }) => event.views }) },
        COMPLETE_ASSESSMENT: {
          guard: and(['childViewsRecorded', 'hasLeadPractitioner']),
          target: 'closed',
          actions: assign({ closureReason: 'needsMet' }),
        },
        RAISE_CONCERN: { target: 'onHold' },
      },
    },
    onHold: {
      meta: { document: 'childProtectionReport', permissions: { RESOLVE_CONCERN: ['designatedLiaisonPerson'] } },
      entry: { type: 'notify', params: { to: 'designatedLiaisonPerson', reason: 'concernRaised' } },
      on: { RESOLVE_CONCERN: { target: 'closed', actions: assign({ closureReason: 'steppedUpToSocialWork' }) } },
    },
    closed: { type: 'final', meta: { document: 'closingSummary' } },
  },
});

const STAGE_OF: Record<string, Stage> = { draft: 'request', submitted: 'request', assessment: 'assessment', onHold: 'escalation', closed: 'closure' };
const STATUS_OF: Record<string, CaseStatus> = { onHold: 'onHold', closed: 'closed' };

export const fixtureWorkflow: WorkflowDefinition<Omit<FixtureInput, 'now'>> = {
  id: 'fixture',
  version: 1,
  machine: fixtureMachine,
  input: (args) => ({ now: args.now, leadPractitionerId: args.leadPractitionerId ?? null, ...(args.calendar ? { calendar: args.calendar } : {}) }),
  project(snapshot: AnyMachineSnapshot) {
    const state = String(snapshot.value);
    const context = snapshot.context as FixtureContext;
    return {
      state,
      stage: STAGE_OF[state] ?? 'request',
      status: STATUS_OF[state] ?? 'active',
      leadPractitionerId: context.leadPractitionerId,
      closureReason: state === 'closed' ? context.closureReason : null,
      participants: context.leadPractitionerId ? [{ userId: context.leadPractitionerId, kind: 'lead' as const }] : [],
    };
  },
  explainGuard(guard, context) {
    const c = context as FixtureContext;
    if (guard === 'hasConsent' && !c.consentGiven) return 'Consent of the parent/carer is not recorded.';
    if (guard === 'childViewsRecorded' && !c.childViews) return "The child's views are not recorded, nor the reason they could not be.";
    if (guard === 'hasLeadPractitioner' && !c.leadPractitionerId) return 'No lead practitioner is assigned.';
    return undefined;
  },
  dueDateDelays: new Set(['requestRegistration', 'assessmentCompletion']),
};

/** Events to try in each state of the fixture (what `sampleEventsFor` does for the real machines). */
export function fixtureSampleEvents(snapshot: AnyMachineSnapshot): FixtureEvent[] {
  switch (String(snapshot.value)) {
    case 'draft':
      return [{ type: 'RECORD_CONSENT' }, { type: 'SUBMIT_REQUEST' }, { type: 'RAISE_CONCERN', category: 'welfare' }];
    case 'submitted':
      return [
        { type: 'REGISTER_REQUEST', leadPractitionerId: 'lp-1' },
        { type: 'DECLINE_REQUEST', reason: 'redirected' },
        { type: 'RAISE_CONCERN', category: 'welfare' },
        { type: 'xstate.after.requestRegistration.fixture.submitted' } as unknown as FixtureEvent,
      ];
    case 'assessment':
      return [
        { type: 'RECORD_CHILD_VIEWS', views: 'I like school' },
        { type: 'COMPLETE_ASSESSMENT' },
        { type: 'RAISE_CONCERN', category: 'welfare' },
        { type: 'xstate.after.assessmentCompletion.fixture.assessment' } as unknown as FixtureEvent,
      ];
    case 'onHold':
      return [{ type: 'RESOLVE_CONCERN' }];
    default:
      return [];
  }
}
