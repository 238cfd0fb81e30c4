/**
 * The case machine (domain.md "The case machine composes them"): request → assessment →
 * meeting → action plan → review cycle → closure. Each stage is the same state config as its
 * process machine, embedded as a compound state whose final states hand over (`onDone`) to the
 * next stage. In every active stage:
 * - RAISE_CONCERN puts the case on hold in `escalation`; the stage's deep history remembers
 *   exactly where it was. Step-up closes the case (`steppedUpToSocialWork`); a return to early
 *   intervention, no further action or a decision not to report resumes it where it was, if
 *   consent still stands (else it closes as `consentWithdrawn`).
 * - WITHDRAW_CONSENT closes the case as `consentWithdrawn` and tells the people involved; while
 *   an escalation is open it is only recorded and never blocks or ends the escalation.
 * - RECORD_CONSENT widens or narrows consent; ASSIGN_LEAD_PRACTITIONER changes the lead.
 * - PROPOSE_CLOSURE (from registration on) moves to closure with a reason.
 * - RECORD_CONTACT logs a contact with the family (`contact-log.ts`).
 * A case open 12 months asks the coordinator for a check (`caseOpenCheck`); 4 weeks without a
 * contact with the family (counted from the case's opening, its registration or the latest
 * contact) alert the coordinator (`noContactWithFamily`).
 * The case is written with every process's rules (`caseSetup`) and its own (`caseRules`: routing
 * guards that read what a stage decided, closing the case, ending a hold); `RULE_GUARDS` and
 * `explainGuard` cover them all.
 */
import { assign } from 'xstate';
import { consentStillStands, type ClosureReason, type Stage } from '@tacu/domain';
import { actionPlanRules, actionPlanStage } from './action-plan.machine';
import { closureRules, closureStage } from './closure.machine';
import { consentRules } from './consent';
import { contactLogRules, restartNoContactAlert } from './contact-log';
import { currentReview } from './context';
import { escalationRules, escalationStage } from './escalation.machine';
import { allow } from './permissions';
import { requestForSupportRules, requestForSupportStage } from './request-for-support.machine';
import { reviewRules, reviewStage, type ReviewDecision } from './review.machine';
import { commonRules, contextFromInput, defineRules, type MachineConfigOf, type StateConfigOf } from './setup';
import { notify, processSetup, startDeadline } from './stage-kit';
import { defineWorkflow, guardExplainer } from './workflow-kit';
import { strengthsAndNeedsAssessmentRules, strengthsAndNeedsAssessmentStage } from './strengths-and-needs-assessment.machine';
import { supportMeetingRules, supportMeetingStage } from './support-meeting.machine';

/**
 * The case's own rules: routing guards that read what a stage decided, so that its end goes to
 * the right place, and the records of closing the case or ending a hold.
 */
export const caseRules = defineRules({
  guards: {
    requestOutcomeIs: ({ context }, params: { outcome: 'registered' | 'redirected' | 'declined' }) => context.request.outcome === params.outcome,
    assessmentAgreed: ({ context }) => context.assessment.agreedAt !== null,
    minutesDistributed: ({ context }) => context.meeting.minutes !== null,
    planIsActive: ({ context }) => context.plan.status === 'active',
    reviewDecisionIs: ({ context }, params: { decision: ReviewDecision }) => currentReview(context)?.decision === params.decision,
    closureCompleted: ({ context }) => context.closure.closedAt !== null,
    concernSteppedUp: ({ context }) => {
      const last = context.concerns[context.concerns.length - 1];
      return last?.outcome?.outcome === 'steppedUp';
    },
    concernEnded: ({ context }) => {
      const last = context.concerns[context.concerns.length - 1];
      return last !== undefined && (last.outcome !== null || last.decidedNotToReport !== null);
    },
    /** Consent was given and no longer stands (a request still waiting for consent can resume). */
    consentWithdrawnMeanwhile: ({ context }) => context.consent !== null && !consentStillStands(context.consent).ok,
    resumesIn: ({ context }, params: { stage: Stage }) => context.onHold?.stage === params.stage,
  },
  actions: {
    closeAs: assign(({ context }, params: { reason: ClosureReason }) => ({
      closure: { ...context.closure, reason: params.reason, reasonText: null, closedAt: context.now },
    })),
    /** The escalation ends: every concern is closed and the case is no longer on hold. */
    endHold: assign(({ context }) => ({
      onHold: null,
      concerns: context.concerns.map((c) => (c.status === 'closed' ? c : { ...c, status: 'closed' as const })),
    })),
  },
});

/** The case is written with every process's rules and its own. */
export const caseSetup = processSetup
  .extend(requestForSupportRules)
  .extend(strengthsAndNeedsAssessmentRules)
  .extend(supportMeetingRules)
  .extend(actionPlanRules)
  .extend(reviewRules)
  .extend(closureRules)
  .extend(escalationRules)
  .extend(contactLogRules)
  .extend(caseRules);

/** The config the case machine is written in: a misspelt guard, action or delay name fails `tsc`. */
export type CaseMachineConfig = MachineConfigOf<typeof caseSetup>;
/** One state node's config in the case machine (an embedded stage, or one of its states). */
export type StateConfig = StateConfigOf<typeof caseSetup>;

/**
 * Every rule by guard name, assembled from the processes' rules (`RuleResult`: the guard is
 * `.ok`, its explanation `.reason`).
 */
export const RULE_GUARDS = {
  ...commonRules.rules,
  ...consentRules.rules,
  ...requestForSupportRules.rules,
  ...strengthsAndNeedsAssessmentRules.rules,
  ...supportMeetingRules.rules,
  ...actionPlanRules.rules,
  ...reviewRules.rules,
  ...closureRules.rules,
  ...escalationRules.rules,
};

export type RuleGuardName = keyof typeof RULE_GUARDS;

/** Stages the case can be put on hold in, and resumed in. */
export const RESUMABLE_STAGES = ['request', 'assessment', 'meeting', 'actionPlan', 'review', 'closure'] as const satisfies readonly Stage[];
export type ResumableStage = (typeof RESUMABLE_STAGES)[number];

/** Stages from which closure may be proposed directly (a review proposes it from `recorded`). */
const CLOSABLE: readonly ResumableStage[] = ['assessment', 'meeting', 'actionPlan', 'review'];

/** A stage inside the case: deep history to resume in, RAISE_CONCERN, and (where it applies) PROPOSE_CLOSURE. */
function embed(stage: ResumableStage, config: StateConfig, onDone: StateConfig['onDone']): StateConfig {
  const meta = config.meta ?? {};
  return {
    ...config,
    onDone,
    meta: { ...meta, permissions: { ...(CLOSABLE.includes(stage) ? allow('PROPOSE_CLOSURE') : {}), ...meta.permissions } },
    on: {
      ...config.on,
      RAISE_CONCERN: {
        target: '#case.escalation',
        actions: [
          { type: 'recordConcern', params: { stage } },
          notify('designatedLiaisonPerson', 'RAISE_CONCERN'),
          notify('coordinator', 'RAISE_CONCERN'),
        ],
      },
      ...(CLOSABLE.includes(stage)
        ? {
            PROPOSE_CLOSURE: {
              guard: 'closureReasonExplained',
              target: '#case.closure',
              actions: ['recordClosureProposal', notify('peopleInvolved', 'PROPOSE_CLOSURE')],
            },
          }
        : {}),
    },
    states: { ...config.states, hist: { type: 'history', history: 'deep' } },
  };
}

export const caseMachine = caseSetup.createMachine({
  id: 'case',
  version: '1',
  context: contextFromInput,
  initial: 'request',
  meta: {
    description: 'A family support case, from the request for support to closure.',
    permissions: allow('RECORD_CONSENT', 'WITHDRAW_CONSENT', 'ASSIGN_LEAD_PRACTITIONER', 'RAISE_CONCERN', 'RECORD_CONTACT'),
  },
  entry: [startDeadline('caseOpenCheck'), startDeadline('noContactWithFamily')],
  after: {
    caseOpenCheck: { actions: notify('coordinator', 'caseOpenCheck') },
    // An alert only: the case stays where it is; the next contact starts the count again.
    noContactWithFamily: { actions: notify('coordinator', 'noContactWithFamily') },
  },
  on: {
    RECORD_CONTACT: [
      { guard: 'contactRestartsAlert', actions: ['recordContact', ...restartNoContactAlert('contact')] },
      { actions: 'recordContact' },
    ],
    RECORD_CONSENT: { actions: ['recordConsent', notify('leadPractitioner', 'RECORD_CONSENT')] },
    ASSIGN_LEAD_PRACTITIONER: { actions: ['assignLeadPractitioner', notify('leadPractitioner', 'ASSIGN_LEAD_PRACTITIONER')] },
    WITHDRAW_CONSENT: {
      target: '.closed',
      actions: ['recordConsentWithdrawn', { type: 'closeAs', params: { reason: 'consentWithdrawn' } }, notify('peopleInvolved', 'WITHDRAW_CONSENT')],
    },
  },
  states: {
    request: embed('request', requestForSupportStage('embedded'), [
      // Registered: the Meitheal starts, and so does the count of weeks without contact.
      { guard: { type: 'requestOutcomeIs', params: { outcome: 'registered' } }, target: 'assessment', actions: restartNoContactAlert('now') },
      { guard: { type: 'requestOutcomeIs', params: { outcome: 'redirected' } }, target: 'redirected' },
      { guard: { type: 'requestOutcomeIs', params: { outcome: 'declined' } }, target: 'declined' },
    ]),
    assessment: embed('assessment', strengthsAndNeedsAssessmentStage('embedded'), { guard: 'assessmentAgreed', target: 'meeting' }),
    meeting: embed('meeting', supportMeetingStage('embedded'), { guard: 'minutesDistributed', target: 'actionPlan' }),
    actionPlan: embed('actionPlan', actionPlanStage('embedded'), { guard: 'planIsActive', target: 'review' }),
    review: embed('review', reviewStage('embedded'), [
      { guard: { type: 'reviewDecisionIs', params: { decision: 'revise' } }, target: 'actionPlan' },
      { guard: { type: 'reviewDecisionIs', params: { decision: 'close' } }, target: 'closure' },
    ]),
    closure: embed('closure', closureStage('embedded'), { guard: 'closureCompleted', target: 'closed' }),
    escalation: {
      ...escalationStage('embedded'),
      onDone: [
        {
          guard: 'concernSteppedUp',
          target: 'closed',
          actions: [{ type: 'closeAs', params: { reason: 'steppedUpToSocialWork' } }, 'endHold', notify('peopleInvolved', 'steppedUpToSocialWork')],
        },
        {
          guard: 'consentWithdrawnMeanwhile',
          target: 'closed',
          actions: [{ type: 'closeAs', params: { reason: 'consentWithdrawn' } }, 'endHold', notify('peopleInvolved', 'consentWithdrawn')],
        },
        ...RESUMABLE_STAGES.map((stage) => ({
          guard: { type: 'resumesIn' as const, params: { stage } },
          target: `#case.${stage}.hist`,
          actions: ['endHold' as const, notify('leadPractitioner', 'caseResumed')],
        })),
      ],
    },
    redirected: {
      type: 'final',
      meta: { description: 'The request was redirected to another service; the case is not opened.' },
    },
    declined: {
      type: 'final',
      meta: { description: 'The request was declined with a reason; the case is not opened.' },
    },
    closed: {
      type: 'final',
      meta: { description: 'The case is closed, with its reason. Records are kept under the retention policy.', document: 'closingSummary' },
    },
  },
});

const CLOSED_TOP: Record<string, Stage> = { redirected: 'request', declined: 'request', closed: 'closure' };

export const caseWorkflow = defineWorkflow({
  id: 'case',
  version: 1,
  machine: caseMachine,
  stage: (top) => CLOSED_TOP[top] ?? (top as Stage),
  status: (top, snapshot) => (snapshot.status === 'done' || top in CLOSED_TOP ? 'closed' : top === 'escalation' ? 'onHold' : 'active'),
});

/**
 * Why a named guard fails, in words a practitioner can act on; undefined when it passes (or is
 * a routing guard that only reads what the stage decided). The case machine has every guard.
 */
export const explainGuard = guardExplainer(caseMachine);
