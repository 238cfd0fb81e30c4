/**
 * 7. Escalation to statutory protection (domain.md): raised → liaisonConsulted → reported →
 * acknowledged → outcome, or the designated liaison person decides not to report. Reported the
 * same day (`concernReported`, published); a written report within 3 days of an urgent phone
 * report (`writtenReportAfterPhone`, published). Parents are told unless that would endanger the
 * child (recorded which and why). Consent never blocks it: a withdrawal while it is open is
 * recorded and the escalation goes on.
 */
import { assertEvent, assign } from 'xstate';
import { fail, parentsInformedOrReasonGiven, type Stage } from '@tacu/domain';
import { openConcern, type CaseContext } from './context';
import { allow } from './permissions';
import { defineRules, is, type StateConfigOf } from './setup';
import { defineProcessWorkflow } from './workflow-kit';
import { endDeadlines, notify, overdue, processSetup, standalone, startDeadline, type Mode } from './stage-kit';

function updateOpenConcern(context: CaseContext, patch: Partial<CaseContext['concerns'][number]>): CaseContext['concerns'] {
  const open = openConcern(context);
  return context.concerns.map((c) => (c === open ? { ...c, ...patch } : c));
}

export const escalationRules = defineRules({
  rules: {
    /** Parents are told of the report, unless that would endanger the child (recorded which and why). */
    parentsInformedOrReasonGiven: (_c, e) => parentsInformedOrReasonGiven(is(e, 'SUBMIT_REPORT') ? e : null),
    /** A phone report whose parents guard holds: a written report must follow. */
    phoneReportParentsInformedOrReasonGiven: (_c, e) =>
      is(e, 'SUBMIT_REPORT') && e.method === 'phone' ? parentsInformedOrReasonGiven(e) : fail('The report was not made by phone.'),
    /** A written (or portal) report following a phone report. */
    writtenReportParentsInformedOrReasonGiven: (_c, e) =>
      is(e, 'SUBMIT_REPORT') && e.method !== 'phone'
        ? parentsInformedOrReasonGiven(e)
        : fail('A written report must follow the phone report: submit it in writing or through the portal (SUBMIT_REPORT).'),
  },
  actions: {
    /** A concern is raised; `stage` is where the case resumes (null: already on hold or no case around). */
    recordConcern: assign(({ context, event }, params: { stage: Stage | null }) => {
      assertEvent(event, 'RAISE_CONCERN');
      const { type: _type, ...concern } = event;
      return {
        concerns: [
          ...context.concerns,
          {
            ...concern,
            raisedAt: context.now,
            raisedInStage: params.stage,
            status: 'raised' as const,
            liaison: null,
            reports: [],
            acknowledgedReference: null,
            decidedNotToReport: null,
            outcome: null,
          },
        ],
        onHold: params.stage && !context.onHold ? { stage: params.stage, since: context.now } : context.onHold,
      };
    }),
    recordLiaisonConsulted: assign(({ context, event }) => {
      assertEvent(event, 'CONSULT_LIAISON');
      return { concerns: updateOpenConcern(context, { status: 'liaisonConsulted', liaison: { liaison: event.liaison, advice: event.advice, at: context.now } }) };
    }),
    recordReport: assign(({ context, event }) => {
      assertEvent(event, 'SUBMIT_REPORT');
      const { type: _type, ...report } = event;
      const open = openConcern(context);
      return { concerns: updateOpenConcern(context, { status: 'reported', reports: [...(open?.reports ?? []), { ...report, at: context.now }] }) };
    }),
    recordDecisionNotToReport: assign(({ context, event }) => {
      assertEvent(event, 'DECIDE_NOT_TO_REPORT');
      return { concerns: updateOpenConcern(context, { status: 'closed', decidedNotToReport: { reason: event.reason, at: context.now } }) };
    }),
    recordReportAcknowledged: assign(({ context, event }) => {
      assertEvent(event, 'ACKNOWLEDGE_REPORT');
      return { concerns: updateOpenConcern(context, { status: 'acknowledged', acknowledgedReference: event.reference }) };
    }),
    recordConcernOutcome: assign(({ context, event }) => {
      assertEvent(event, 'RECORD_CONCERN_OUTCOME');
      return { concerns: updateOpenConcern(context, { status: 'closed', outcome: { outcome: event.outcome, notes: event.notes, at: context.now } }) };
    }),
  },
});

const escalationSetup = processSetup.extend(escalationRules);

const notReportedYet = { concernReported: overdue('concernReported', 'coordinator', { once: true }) };

export function escalationStage(_mode: Mode): StateConfigOf<typeof escalationSetup> {
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

export const escalationMachine = escalationSetup.createMachine(standalone('escalation', escalationStage('standalone')));

export const escalationWorkflow = defineProcessWorkflow('escalation', escalationMachine, 'escalation');
