/**
 * 2. Strengths and needs assessment (domain.md): inProgress → completed → agreedByFamily.
 * Strengths and needs on the three sides of the child's world, desired outcomes, and separate
 * views of the child, the parents and the practitioner. Guard: the child's views are recorded
 * or the reason they could not be; the assessment names needs.
 */
import { allow } from './permissions';
import type { StateConfig } from './setup';
import { defineProcessWorkflow } from './workflow-kit';
import { endDeadlines, notify, overdue, standaloneMachine, startDeadline, type Mode } from './stage-kit';

export function strengthsAndNeedsAssessmentStage(_mode: Mode): StateConfig {
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

export const strengthsAndNeedsAssessmentMachine = standaloneMachine(
  'strengthsAndNeedsAssessment',
  strengthsAndNeedsAssessmentStage('standalone'),
);

export const strengthsAndNeedsAssessmentWorkflow = defineProcessWorkflow('strengthsAndNeedsAssessment', strengthsAndNeedsAssessmentMachine, 'assessment');
