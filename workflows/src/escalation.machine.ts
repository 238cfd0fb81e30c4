/**
 * 7. Escalation to statutory protection (domain.md): raised → liaisonConsulted → reported →
 * acknowledged → outcome, or the designated liaison person decides not to report. Reported the
 * same day (`concernReported`, published); a written report within 3 days of an urgent phone
 * report (`writtenReportAfterPhone`, published). Parents are told unless that would endanger the
 * child (recorded which and why). Consent never blocks it: a withdrawal while it is open is
 * recorded and the escalation goes on.
 */
import { allow } from './permissions';
import type { StateConfig } from './setup';
import { defineProcessWorkflow } from './workflow-kit';
import { endDeadlines, notify, overdue, standaloneMachine, startDeadline, type Mode } from './stage-kit';

const notReportedYet = { concernReported: overdue('concernReported', 'coordinator', { once: true }) };

export function escalationStage(_mode: Mode): StateConfig {
  return {
    initial: 'raised',
    meta: {
      description: 'A child-protection or welfare concern is open: the case is on hold while the designated liaison person decides.',
      permissions: allow('RAISE_CONCERN', 'WITHDRAW_CONSENT'),
    },
    entry: startDeadline('concernReported'),
    exit: endDeadlines('concernReported', 'writtenReportAfterPhone'),
    on: {
      RAISE_CONCERN: { actions: [{ type: 'recordConcern', params: { stage: null } }, notify('designatedLiaisonPerson', 'RAISE_CONCERN')] },
      WITHDRAW_CONSENT: { actions: ['recordConsentWithdrawn', notify('peopleInvolved', 'WITHDRAW_CONSENT'), notify('designatedLiaisonPerson', 'WITHDRAW_CONSENT')] },
    },
    states: {
      raised: {
        meta: {
          description: 'Concern raised: what was seen or said, immediate safety; the designated liaison person is consulted.',
          permissions: allow('CONSULT_LIAISON'),
        },
        after: notReportedYet,
        on: { CONSULT_LIAISON: { target: 'liaisonConsulted', actions: 'recordLiaisonConsulted' } },
      },
      liaisonConsulted: {
        meta: {
          description: 'The designated liaison person decides whether to report to the statutory service.',
          permissions: allow('SUBMIT_REPORT', 'DECIDE_NOT_TO_REPORT'),
        },
        after: notReportedYet,
        on: {
          SUBMIT_REPORT: [
            {
              guard: 'phoneReportParentsInformedOrReasonGiven',
              target: 'reported.phoned',
              actions: ['recordReport', endDeadlines('concernReported')],
            },
            {
              guard: 'parentsInformedOrReasonGiven',
              target: 'reported',
              actions: ['recordReport', endDeadlines('concernReported')],
            },
          ],
          DECIDE_NOT_TO_REPORT: { target: 'notReported', actions: ['recordDecisionNotToReport', notify('leadPractitioner', 'DECIDE_NOT_TO_REPORT')] },
        },
      },
      reported: {
        initial: 'inWriting',
        meta: {
          description: 'Reported to the statutory service; waiting for its acknowledgement and reference.',
          document: 'childProtectionReport',
          permissions: allow('ACKNOWLEDGE_REPORT'),
        },
        on: { ACKNOWLEDGE_REPORT: { target: 'acknowledged', actions: 'recordReportAcknowledged' } },
        states: {
          phoned: {
            meta: {
              description: 'An urgent report was made by phone: the written report must follow within 3 days.',
              permissions: allow('SUBMIT_REPORT'),
            },
            // "Within 3 days of an urgent phone report": counted from when the call was made.
            entry: startDeadline('writtenReportAfterPhone', 'phoneReport'),
            exit: endDeadlines('writtenReportAfterPhone'),
            after: { writtenReportAfterPhone: overdue('writtenReportAfterPhone') },
            on: {
              SUBMIT_REPORT: { guard: 'writtenReportParentsInformedOrReasonGiven', target: 'inWriting', actions: 'recordReport' },
            },
          },
          inWriting: {
            meta: { description: 'The report is made in writing (or through the portal).' },
          },
        },
      },
      acknowledged: {
        meta: {
          description: 'The statutory service acknowledged the report (reference recorded); its outcome is awaited.',
          document: 'childProtectionReport',
          permissions: allow('RECORD_CONCERN_OUTCOME'),
        },
        on: {
          RECORD_CONCERN_OUTCOME: {
            target: 'outcome',
            actions: ['recordConcernOutcome', notify('leadPractitioner', 'RECORD_CONCERN_OUTCOME'), notify('coordinator', 'RECORD_CONCERN_OUTCOME')],
          },
        },
      },
      outcome: {
        type: 'final',
        meta: { description: 'Outcome recorded: stepped up to social work, returned to early intervention, or no further action.' },
      },
      notReported: {
        type: 'final',
        meta: { description: 'The designated liaison person decided not to report, with the reason recorded.' },
      },
    },
  };
}

export const escalationMachine = standaloneMachine('escalation', escalationStage('standalone'));

export const escalationWorkflow = defineProcessWorkflow('escalation', escalationMachine, 'escalation');
