/**
 * 4. Action plan (domain.md): drafting → awaitingFamilySignOff → active → superseded, back to
 * drafting when the family asks for changes. Every DRAFT_PLAN is a new version; each signature
 * names the exact version; a changed plan needs a new sign-off, and a version the family asked
 * to change is redrafted before it is sent again. Who signs is the organisation's rule
 * (`policy.planSignOff`, libs/domain consent-policy.ts): by default every parent/carer with
 * parental responsibility whose consent the case rests on and the young person where of age,
 * each signing the current version; the plan becomes active at the last required signature.
 * Only someone whose consent is recorded signs, once per version. An action is owned by a
 * practitioner and their agency, or by a member of the family. In the case machine `active` ends
 * the stage and the review cycle begins; on its own the machine also shows the version being
 * superseded by a revision.
 */
import { assertEvent, assign } from 'xstate';
import {
  allOf,
  consentPolicyOf,
  everyActionHasOwnerAndDueDate,
  fail,
  notSignedAlready,
  OK,
  planChangedSinceSignOff,
  planRedraftedSinceChangesRequested,
  planSignedOffAsRequired,
  signatoryHasConsented,
  signaturesStillNeeded,
  signOffNamesCurrentPlanVersion,
  signedDocumentIsOfThisVersion,
  documentSigned,
  type RuleResult,
} from '@tacu/domain';
import { consentOf } from './consent';
import type { CaseContext } from './context';
import { allow } from './permissions';
import { commonRules, defineRules, explainedGuard, is, type AnyCaseEvent, type StateConfigOf } from './setup';
import { defineProcessWorkflow } from './workflow-kit';
import { endDeadlines, notify, overdue, processSetup, standalone, startDeadline, type Mode } from './stage-kit';

const signerOf = (e: AnyCaseEvent) => (is(e, 'SIGN_OFF_PLAN') ? e.signedBy : undefined);

/** Whether the current version is signed as the organisation's rule asks (`policy.planSignOff`). */
const signedOffAsRequired = (c: CaseContext): RuleResult =>
  planSignedOffAsRequired(consentOf(c), c.plan.signOffs, c.plan.version, consentPolicyOf(c.policy).planSignOff);

/** The signatory has not signed this version yet; the reason names who the plan still waits for. */
const notSignedYet = (c: CaseContext, e: AnyCaseEvent): RuleResult =>
  notSignedAlready(c.plan.signOffs, c.plan.version, signerOf(e), signaturesStillNeeded(consentOf(c), c.plan.signOffs, c.plan.version, consentPolicyOf(c.policy).planSignOff));

export const actionPlanRules = defineRules({
  rules: {
    everyActionHasOwnerAndDueDate: (c) => everyActionHasOwnerAndDueDate(c.plan.actions),
    /** A sign-off names the exact version of the plan the family read. */
    signOffNamesCurrentPlanVersion: (c, e) => signOffNamesCurrentPlanVersion(is(e, 'SIGN_OFF_PLAN') ? e.planVersion : undefined, c.plan.version),
    /** The person signing is a parent/carer with parental responsibility whose consent stands, or the young person whose own consent stands. */
    signatoryHasConsented: (c, e) => signatoryHasConsented(consentOf(c), signerOf(e)),
    /** Each person signs a version once (a second signature is refused, saying who the plan still waits for). */
    notSignedAlready: notSignedYet,
    /** SIGN_OFF_PLAN: the current version, by someone whose consent is recorded, once. */
    planSignOffValid: (c, e) =>
      allOf(
        signOffNamesCurrentPlanVersion(is(e, 'SIGN_OFF_PLAN') ? e.planVersion : undefined, c.plan.version),
        signatoryHasConsented(consentOf(c), signerOf(e)),
        notSignedYet(c, e),
        signedDocumentIsOfThisVersion(c.plan.version, is(e, 'SIGN_OFF_PLAN') ? e.documentSha256 : undefined, c.plansSentForSignOff ?? []),
      ),
    /** After REQUEST_PLAN_CHANGES, the version the family asked to change is not sent again: the changes are a new version. */
    planRedraftedSinceChangesRequested: (c) => planRedraftedSinceChangesRequested(c.plan.version, c.plan.changeRequests),
    /**
     * SUBMIT_PLAN_FOR_SIGN_OFF: the plan is complete enough to show the family, changed since a
     * parent/carer signed it, and redrafted since the family asked for changes.
     */
    planReadyForSignOff: (c, e) =>
      allOf(
        everyActionHasOwnerAndDueDate(c.plan.actions),
        commonRules.rules.childsViewRecorded(c, e),
        planChangedSinceSignOff(
          c.plan.version,
          c.plan.signOffs.filter((s) => s.signedBy.as === 'parentCarer').map((s) => s.planVersion),
        ),
        planRedraftedSinceChangesRequested(c.plan.version, c.plan.changeRequests),
      ),
    /** REPORT_ACTION_PROGRESS names an action of the current plan. */
    actionIsInPlan: (c, e) =>
      is(e, 'REPORT_ACTION_PROGRESS') && c.plan.actions.some((a) => a.id === e.actionId)
        ? OK
        : fail(`There is no action "${is(e, 'REPORT_ACTION_PROGRESS') ? e.actionId : ''}" in the current action plan: report progress on one of its actions.`),
  },
  guards: {
    /** The plan becomes active once its current version is signed as the organisation's rule asks (`policy.planSignOff`). */
    planSignedOffByFamily: explainedGuard(
      ({ context }) => signedOffAsRequired(context).ok,
      (c) => {
        const result = signedOffAsRequired(c);
        return result.ok ? `Version ${c.plan.version} of the action plan is signed off as the organisation's rule asks.` : result.reason;
      },
    ),
  },
  actions: {
    /** Every draft is a new version: a sign-off of an earlier version no longer counts. */
    draftPlan: assign(({ context, event }) => {
      assertEvent(event, 'DRAFT_PLAN');
      // A new version starts with no sign-offs and no change requests: the earlier version's are in its stored document and the history.
      return { plan: { ...context.plan, version: context.plan.version + 1, status: 'drafting' as const, actions: event.actions, childViews: event.childViews, signOffs: [], changeRequests: [] } };
    }),
    startPlanDrafting: assign(({ context }) => ({ plan: { ...context.plan, status: 'drafting' as const } })),
    recordPlanSubmitted: assign(({ context }) => ({ plan: { ...context.plan, status: 'awaitingFamilySignOff' as const } })),
    recordSignOff: assign(({ context, event }) => {
      assertEvent(event, 'SIGN_OFF_PLAN');
      const document = documentSigned(event.planVersion, event.documentSha256, context.plansSentForSignOff ?? []);
      return { plan: { ...context.plan, signOffs: [...context.plan.signOffs, { planVersion: event.planVersion, signedBy: event.signedBy, method: event.method, at: context.now, document }] } };
    }),
    activatePlan: assign(({ context }) => ({ plan: { ...context.plan, status: 'active' as const } })),
    recordPlanChangeRequest: assign(({ context, event }) => {
      assertEvent(event, 'REQUEST_PLAN_CHANGES');
      return {
        plan: {
          ...context.plan,
          status: 'drafting' as const,
          changeRequests: [...context.plan.changeRequests, { planVersion: context.plan.version, changesRequested: event.changesRequested, at: context.now }],
        },
      };
    }),
    recordActionProgress: assign(({ context, event }) => {
      assertEvent(event, 'REPORT_ACTION_PROGRESS');
      return {
        plan: {
          ...context.plan,
          actions: context.plan.actions.map((a) => (a.id === event.actionId ? { ...a, status: event.status, progress: event.progress } : a)),
        },
      };
    }),
    /**
     * REVISE_PLAN: the plan goes back to drafting; the next draft is a new version. The version it
     * replaces stays as its stored action plan document, and the reason is the event's.
     */
    supersedePlan: assign(({ context, event }) => {
      assertEvent(event, 'REVISE_PLAN');
      return { plan: { ...context.plan, status: 'drafting' as const, revision: { fromVersion: context.plan.version, reason: event.reason, at: context.now } } };
    }),
  },
});

const actionPlanSetup = processSetup.extend(actionPlanRules);

const notSignedOffYet = { planSignOff: overdue('planSignOff', 'coordinator', { once: true }) };

export function actionPlanStage(mode: Mode): StateConfigOf<typeof actionPlanSetup> {
  return {
    initial: 'drafting',
    meta: { description: 'Action plan: who does what by when, signed off by the family.' },
    // "Signed off within 10 working days of the meeting": counted from the day it was held.
    entry: startDeadline('planSignOff', 'meeting'),
    exit: endDeadlines('planSignOff'),
    states: {
      drafting: {
        meta: {
          description: "The plan is drafted: each action answers a need, has an owner and a due date; the child's views are in it.",
          permissions: allow('DRAFT_PLAN', 'SUBMIT_PLAN_FOR_SIGN_OFF'),
        },
        entry: 'startPlanDrafting',
        after: notSignedOffYet,
        on: {
          DRAFT_PLAN: { actions: 'draftPlan' },
          SUBMIT_PLAN_FOR_SIGN_OFF: {
            guard: 'planReadyForSignOff',
            target: 'awaitingFamilySignOff',
            actions: ['recordPlanSubmitted', notify('parentCarer', 'SUBMIT_PLAN_FOR_SIGN_OFF')],
          },
        },
      },
      awaitingFamilySignOff: {
        meta: {
          description: 'The family reads this version of the plan (in plain language) and signs it off or asks for changes.',
          document: 'actionPlan',
          permissions: allow('SIGN_OFF_PLAN', 'REQUEST_PLAN_CHANGES'),
        },
        after: notSignedOffYet,
        always: { guard: 'planSignedOffByFamily', target: 'active' },
        on: {
          SIGN_OFF_PLAN: { guard: 'planSignOffValid', actions: 'recordSignOff' },
          // The plan is issued again with the changes asked for, so its latest issue never reads "awaiting sign-off".
          REQUEST_PLAN_CHANGES: {
            target: 'drafting',
            meta: { document: 'actionPlan' },
            actions: ['recordPlanChangeRequest', notify('leadPractitioner', 'REQUEST_PLAN_CHANGES')],
          },
        },
      },
      active:
        mode === 'embedded'
          ? {
              type: 'final',
              entry: ['activatePlan', notify('peopleInvolved', 'SIGN_OFF_PLAN')],
              meta: { description: 'Signed off: the plan is active and the review cycle begins.', document: 'actionPlan' },
            }
          : {
              entry: ['activatePlan', notify('peopleInvolved', 'SIGN_OFF_PLAN')],
              exit: endDeadlines('planSignOff'),
              meta: {
                description: 'Signed off: the plan is active; owners report progress on their actions.',
                document: 'actionPlan',
                permissions: allow('REPORT_ACTION_PROGRESS', 'REVISE_PLAN'),
              },
              on: {
                REPORT_ACTION_PROGRESS: { guard: 'actionIsInPlan', actions: 'recordActionProgress' },
                REVISE_PLAN: { target: 'superseded', actions: ['supersedePlan', notify('parentCarer', 'REVISE_PLAN')] },
              },
            },
      ...(mode === 'standalone'
        ? {
            superseded: {
              type: 'final' as const,
              meta: { description: 'This version was replaced by a revision; it is kept as superseded.' },
            },
          }
        : {}),
    },
  };
}

export const actionPlanMachine = actionPlanSetup.createMachine(standalone('actionPlan', actionPlanStage('standalone')));

export const actionPlanWorkflow = defineProcessWorkflow('actionPlan', actionPlanMachine, 'actionPlan');
