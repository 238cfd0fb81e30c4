/**
 * 2. Strengths and needs assessment (domain.md): inProgress → completed → agreedByFamily.
 * Strengths and needs on the three sides of the child's world, desired outcomes, and separate
 * views of the child, the parents and the practitioner. Guard: the child's views are recorded
 * or the reason they could not be; the assessment names needs.
 */
import { assertEvent, assign } from 'xstate';
import { allOf, assessmentHasNeeds } from '@tacu/domain';
import { allow } from './permissions';
import { commonRules, defineRules, type StateConfigOf } from './setup';
import { defineProcessWorkflow } from './workflow-kit';
import { endDeadlines, notify, overdue, processSetup, standalone, startDeadline, type Mode } from './stage-kit';

export const strengthsAndNeedsAssessmentRules = defineRules({
  rules: {
    assessmentHasNeeds: (c) => assessmentHasNeeds(c.assessment.record),
    /** COMPLETE_ASSESSMENT: needs named and the child's voice heard. */
    assessmentReadyToComplete: (c, e) => allOf(assessmentHasNeeds(c.assessment.record), commonRules.rules.childsViewRecorded(c, e)),
  },
  actions: {
    recordAssessment: assign(({ context, event }) => {
      assertEvent(event, 'RECORD_ASSESSMENT');
      const { type: _type, ...record } = event;
      return { assessment: { ...context.assessment, record } };
    }),
    recordAssessmentCompleted: assign(({ context }) => ({ assessment: { ...context.assessment, completedAt: context.now } })),
    recordAssessmentAgreed: assign(({ context, event }) => {
      assertEvent(event, 'AGREE_ASSESSMENT');
      return { assessment: { ...context.assessment, agreedBy: event.agreedBy, agreedAt: context.now } };
    }),
    reopenAssessment: assign(({ context, event }) => {
      assertEvent(event, 'REOPEN_ASSESSMENT');
      return { assessment: { ...context.assessment, completedAt: null, reopenReasons: [...context.assessment.reopenReasons, event.reason] } };
    }),
  },
});

const strengthsAndNeedsAssessmentSetup = processSetup.extend(strengthsAndNeedsAssessmentRules);

export function strengthsAndNeedsAssessmentStage(_mode: Mode): StateConfigOf<typeof strengthsAndNeedsAssessmentSetup> {
  return {
    initial: 'inProgress',
    meta: {
      description: 'Strengths and needs assessment with the family, the child and the practitioner.',
    },
    entry: startDeadline('assessmentCompletion'),
    exit: endDeadlines('assessmentCompletion'),
    after: { assessmentCompletion: overdue('assessmentCompletion') },
    states: {
      inProgress: {
        meta: {
          description: "The lead practitioner records strengths, needs, desired outcomes and everyone's views.",
          permissions: allow('RECORD_ASSESSMENT', 'COMPLETE_ASSESSMENT'),
        },
        on: {
          RECORD_ASSESSMENT: { guard: 'consentStillStands', actions: 'recordAssessment' },
          COMPLETE_ASSESSMENT: {
            guard: 'assessmentReadyToComplete',
            target: 'completed',
            actions: ['recordAssessmentCompleted', notify('parentCarer', 'COMPLETE_ASSESSMENT')],
          },
        },
      },
      completed: {
        meta: {
          description: 'Completed and shared with the family in plain language, waiting for their agreement.',
          document: 'strengthsAndNeedsRecord',
          permissions: allow('AGREE_ASSESSMENT', 'REOPEN_ASSESSMENT'),
        },
        on: {
          AGREE_ASSESSMENT: { target: 'agreedByFamily', actions: ['recordAssessmentAgreed', notify('leadPractitioner', 'AGREE_ASSESSMENT')] },
          REOPEN_ASSESSMENT: { target: 'inProgress', actions: 'reopenAssessment' },
        },
      },
      agreedByFamily: {
        type: 'final',
        meta: { description: 'The family agrees the assessment; the support meeting can be arranged.', document: 'strengthsAndNeedsRecord' },
      },
    },
  };
}

export const strengthsAndNeedsAssessmentMachine = strengthsAndNeedsAssessmentSetup.createMachine(
  standalone('strengthsAndNeedsAssessment', strengthsAndNeedsAssessmentStage('standalone')),
);

export const strengthsAndNeedsAssessmentWorkflow = defineProcessWorkflow('strengthsAndNeedsAssessment', strengthsAndNeedsAssessmentMachine, 'assessment');
