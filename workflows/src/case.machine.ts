/**
 * The case machine (domain.md "The case machine composes them"): request → assessment →
 * meeting → action plan → review cycle → closure. Each stage is the same state config as its
 * process machine, embedded as a compound state whose final states hand over (`onDone`) to the
 * next stage. In every active stage:
 * - RAISE_CONCERN puts the case on hold in `escalation`; the stage's deep history remembers
 *   exactly where it was. Step-up closes the case (`steppedUpToSocialWork`); a return to early
 *   intervention, no further action or a decision not to report resumes it where it was, if
 *   consent still stands (else it closes as `consentWithdrawn`).
 * - WITHDRAW_CONSENT withdraws one person's consent. The last consent withdrawn (no parent/carer's
 *   consent to take part remains), or any withdrawal under the policy `consentWithdrawal:
 *   'closeCase'`, closes the case as `consentWithdrawn` and tells the people involved. Otherwise
 *   (default `stopAndCoordinatorDecides`) processing stops: the case is on hold in
 *   `consentWithdrawal`, the coordinator is told and decides (DECIDE_ON_WITHDRAWAL) to continue
 *   where it was with the remaining consent, if it still suffices, or to close it. While an
 *   escalation is open a withdrawal is only recorded and never blocks or ends the escalation; when
 *   it ends, the same rule applies.
 * - RECORD_CONSENT gives, refuses, widens or narrows one person's consent; ASSIGN_LEAD_PRACTITIONER changes the lead.
 * - PROPOSE_CLOSURE (from registration on) moves to closure with a reason.
 * - RECORD_CONTACT logs a contact with the family (`contact-log.ts`).
 * A case open 12 months asks the coordinator for a check (`caseOpenCheck`); 4 weeks without a
 * contact with the family (counted from the case's opening, its registration or the latest
 * contact) alert the coordinator (`noContactWithFamily`).
 * The case is written with every process's rules (`caseSetup`) and its own (`caseRules`: routing
 * guards that read what a stage decided, closing the case, ending a hold); `RULE_GUARDS` and
 * `explainGuard` cover them all.
 */
import { and, assign } from 'xstate';
import { consentPolicyOf, consentWasGiven, parentConsentStands, pendingWithdrawals, type ClosureReason, type Stage } from '@tacu/domain';
import { actionPlanRules, actionPlanStage } from './action-plan.machine';
import { closureRules, closureStage } from './closure.machine';
import { consentOf, consentRules } from './consent';
import { contactLogRules, restartNoContactAlert } from './contact-log';
import { currentReview, type CaseContext } from './context';
import { escalationRules, escalationStage } from './escalation.machine';
import { allow } from './permissions';
import { requestForSupportRules, requestForSupportStage } from './request-for-support.machine';
import { reviewRules, reviewStage, type ReviewDecision } from './review.machine';
import { commonRules, contextFromInput, defineRules, type MachineConfigOf, type StateConfigOf } from './setup';
import { CONSENT_CHANGES, notify, processSetup, startDeadline } from './stage-kit';
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
    /**
     * Consent was given and has ended while the case was on hold: no parent/carer's consent to
     * take part remains, or a withdrawal closes the case under the policy `closeCase` (a request
     * still waiting for consent can resume).
     */
    consentWithdrawnMeanwhile: ({ context }) => {
      const consent = consentOf(context);
      if (!consentWasGiven(consent)) return false;
      const closeOnWithdrawal = consentPolicyOf(context.policy).consentWithdrawal === 'closeCase' && pendingWithdrawals(consent).length > 0;
      return !parentConsentStands(consent) || closeOnWithdrawal;
    },
    /** A withdrawal waits for the coordinator's decision (policy `stopAndCoordinatorDecides`) while another parent's consent remains. */
    withdrawalAwaitsDecision: ({ context }) => {
      const consent = consentOf(context);
      return consentPolicyOf(context.policy).consentWithdrawal === 'stopAndCoordinatorDecides' && pendingWithdrawals(consent).length > 0 && parentConsentStands(consent);
    },
    resumesIn: ({ context }, params: { stage: Stage }) => context.onHold?.stage === params.stage,
    /** Processing stopped after a withdrawal in this stage (where the coordinator's decision to continue resumes it). */
    consentHeldIn: ({ context }, params: { stage: Stage }) => context.consentHold?.stage === params.stage,
  },
  actions: {
    closeAs: assign(({ context }, params: { reason: ClosureReason }) => ({
      closure: { ...context.closure, reason: params.reason, reasonText: null, closedAt: context.now },
    })),
    /** Processing stops after a withdrawal in `stage`: the case waits for the coordinator's decision. */
    holdForConsentDecision: assign(({ context }, params: { stage: Stage }) => ({ consentHold: { stage: params.stage, since: context.now } })),
    /** An escalation ends with a withdrawal still waiting for the coordinator: the case waits, to resume where the concern found it. */
    holdForConsentDecisionAfterConcern: assign(({ context }) => ({
      consentHold: context.onHold ? { stage: context.onHold.stage, since: context.now } : context.consentHold,
    })),
    /** A concern raised while processing is stopped: the escalation resumes (or returns to the decision) where the case was. */
    moveConsentHoldToConcern: assign(({ context }) => ({
      onHold: context.consentHold ? { stage: context.consentHold.stage, since: context.now } : context.onHold,
      consentHold: null,
    })),
    endConsentHold: assign(() => ({ consentHold: null })),
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
      WITHDRAW_CONSENT: [
        {
          guard: 'withdrawalClosesCase',
          target: '#case.closed',
          actions: ['recordConsentWithdrawn', { type: 'closeAs', params: { reason: 'consentWithdrawn' } }, notify('peopleInvolved', 'WITHDRAW_CONSENT')],
          meta: CONSENT_CHANGES,
        },
        {
          target: '#case.consentWithdrawal',
          meta: CONSENT_CHANGES,
          actions: ['recordConsentWithdrawn', { type: 'holdForConsentDecision', params: { stage } }, notify('coordinator', 'WITHDRAW_CONSENT'), notify('peopleInvolved', 'WITHDRAW_CONSENT')],
        },
      ],
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
    RECORD_CONSENT: { guard: 'consentCanBeRecorded', actions: ['recordConsent', notify('leadPractitioner', 'RECORD_CONSENT')], meta: CONSENT_CHANGES },
    ASSIGN_LEAD_PRACTITIONER: { actions: ['assignLeadPractitioner', notify('leadPractitioner', 'ASSIGN_LEAD_PRACTITIONER')] },
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
        {
          guard: 'withdrawalAwaitsDecision',
          target: 'consentWithdrawal',
          actions: ['holdForConsentDecisionAfterConcern', 'endHold', notify('coordinator', 'WITHDRAW_CONSENT')],
        },
        ...RESUMABLE_STAGES.map((stage) => ({
          guard: { type: 'resumesIn' as const, params: { stage } },
          target: `#case.${stage}.hist`,
          actions: ['endHold' as const, notify('leadPractitioner', 'caseResumed')],
        })),
      ],
    },
    consentWithdrawal: {
      meta: {
        description:
          'Processing has stopped: a person withdrew their consent while another consent remains. The coordinator decides to continue where the case was with the remaining consent, if it still suffices, or to close the case.',
        document: 'consentRecord',
        permissions: allow('DECIDE_ON_WITHDRAWAL'),
      },
      on: {
        DECIDE_ON_WITHDRAWAL: [
          {
            guard: 'decidesToClose',
            target: 'closed',
            actions: [{ type: 'closeAs', params: { reason: 'consentWithdrawn' } }, 'endConsentHold', notify('peopleInvolved', 'consentWithdrawn')],
            meta: CONSENT_CHANGES,
          },
          ...RESUMABLE_STAGES.map((stage) => ({
            guard: and(['remainingConsentSuffices', { type: 'consentHeldIn' as const, params: { stage } }]),
            target: `#case.${stage}.hist`,
            actions: ['recordWithdrawalDecision' as const, 'endConsentHold' as const, notify('leadPractitioner', 'caseResumed'), notify('peopleInvolved', 'DECIDE_ON_WITHDRAWAL')],
            meta: CONSENT_CHANGES,
          })),
        ],
        WITHDRAW_CONSENT: [
          {
            guard: 'withdrawalClosesCase',
            target: 'closed',
            actions: ['recordConsentWithdrawn', 'endConsentHold', { type: 'closeAs', params: { reason: 'consentWithdrawn' } }, notify('peopleInvolved', 'WITHDRAW_CONSENT')],
            meta: CONSENT_CHANGES,
          },
          { actions: ['recordConsentWithdrawn', notify('coordinator', 'WITHDRAW_CONSENT')], meta: CONSENT_CHANGES },
        ],
        // Safeguarding is never blocked: a concern raised now is handled, then the case comes back here if the decision is still due.
        RAISE_CONCERN: {
          target: 'escalation',
          actions: [
            { type: 'recordConcern', params: { stage: null } },
            'moveConsentHoldToConcern',
            notify('designatedLiaisonPerson', 'RAISE_CONCERN'),
            notify('coordinator', 'RAISE_CONCERN'),
          ],
        },
      },
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
  // While processing is stopped after a withdrawal the case is still in the stage it stopped in.
  stage: (top, snapshot) => (top === 'consentWithdrawal' ? ((snapshot.context as CaseContext).consentHold?.stage ?? 'request') : (CLOSED_TOP[top] ?? (top as Stage))),
  status: (top, snapshot) => (snapshot.status === 'done' || top in CLOSED_TOP ? 'closed' : top === 'escalation' || top === 'consentWithdrawal' ? 'onHold' : 'active'),
});

/**
 * Why a named guard fails, in words a practitioner can act on; undefined when it passes (or is
 * a routing guard that only reads what the stage decided). The case machine has every guard.
 */
export const explainGuard = guardExplainer(caseMachine);
