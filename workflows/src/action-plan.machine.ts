/**
 * 4. Action plan (domain.md): drafting → awaitingFamilySignOff → active → superseded, back to
 * drafting when the family asks for changes. Every DRAFT_PLAN is a new version; the family's
 * sign-off names the exact version; a changed plan needs a new sign-off. The plan becomes active
 * once a parent/carer has signed the current version (a young person's signature is recorded
 * beside it). In the case machine `active` ends the stage and the review cycle begins; on its own
 * the machine also shows the version being superseded by a revision.
 */
import { allow } from './permissions';
import type { StateConfig } from './setup';
import { defineProcessWorkflow } from './workflow-kit';
import { endDeadlines, notify, overdue, standaloneMachine, startDeadline, type Mode } from './stage-kit';

const notSignedOffYet = { planSignOff: overdue('planSignOff', 'coordinator', { once: true }) };

export function actionPlanStage(mode: Mode): StateConfig {
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
        always: { guard: 'planSignedOffByParentCarer', target: 'active' },
        on: {
          SIGN_OFF_PLAN: { guard: 'signOffNamesCurrentPlanVersion', actions: 'recordSignOff' },
          REQUEST_PLAN_CHANGES: {
            target: 'drafting',
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

export const actionPlanMachine = standaloneMachine('actionPlan', actionPlanStage('standalone'));

export const actionPlanWorkflow = defineProcessWorkflow('actionPlan', actionPlanMachine, 'actionPlan');
