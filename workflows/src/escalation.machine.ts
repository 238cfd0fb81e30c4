/**
 * 7. Escalation to statutory protection (domain.md): raised → liaisonConsulted → reported →
 * acknowledged → outcome, or the designated liaison person decides not to report. A mandated
 * person (any practitioner on the case) may also report directly from `raised`, without the
 * liaison person, alone or jointly (Children First Act 2015, s. 14(1) and (3)); the liaison
 * person is told of every report. The record says who reported: the signed-in user who sent it
 * (`context.actor`), never a name the event gives. Reported the same day (`concernReported`,
 * published); a written report within 3 days of an urgent phone report (`writtenReportAfterPhone`,
 * published), and only a written (or portal) report follows a phone report. Parents are told
 * unless that would endanger the child (recorded which and why). Consent never blocks it: a
 * withdrawal while it is open is recorded and the escalation goes on.
 */
import { and, assertEvent, assign } from 'xstate';
import { allOf, fail, OK, parentsInformedOrReasonGiven, reportersNamed, type RuleResult, type Stage } from '@tacu/domain';
import { openConcern, type CaseContext, type ReportRecord } from './context';
import { allow } from './permissions';
import { defineRules, is, type AnyCaseEvent, type StateConfigOf } from './setup';
import { defineProcessWorkflow } from './workflow-kit';
import { CONSENT_CHANGES, endDeadlines, notify, overdue, processSetup, standalone, startDeadline, type Mode } from './stage-kit';

function updateOpenConcern(context: CaseContext, patch: Partial<CaseContext['concerns'][number]>): CaseContext['concerns'] {
  const open = openConcern(context);
  return context.concerns.map((c) => (c === open ? { ...c, ...patch } : c));
}

/**
 * A report says who made it and whether the parents were told: the reporters (the sender, and
 * the other person of a joint report) and the parents' information, or why they were not told.
 */
function reportReady(context: CaseContext, event: AnyCaseEvent): RuleResult {
  if (!is(event, 'SUBMIT_REPORT')) return parentsInformedOrReasonGiven(null);
  return allOf(reportersNamed(event, context.actor?.id ?? null), parentsInformedOrReasonGiven(event));
}

export const escalationRules = defineRules({
  rules: {
    /** A report made by phone is acknowledged once the written report that must follow it is made (within 3 days of the call). */
    writtenReportMade: (c) =>
      openConcern(c)?.reports.at(-1)?.method === 'phone'
        ? fail('The report was made by phone: record the written report that must follow it (within 3 days of the call) before the acknowledgement.')
        : OK,
    /** A report (the first, or the one that ends the escalation's reporting): who made it, and the parents told or why not. */
    reportReady,
    /** The report that follows a phone report is written (on the form or through the portal), otherwise ready. */
    writtenReportReady: (c, e) =>
      is(e, 'SUBMIT_REPORT') && e.method !== 'phone'
        ? reportReady(c, e)
        : fail(
            'The report was already made by phone: what follows it is the written report, on the report form or through the portal (method "written" or "portal"), within 3 days of the call.',
          ),
  },
  guards: {
    /** Routing: an urgent report made by phone (a written report must follow within 3 days). Says nothing: `reportReady` explains. */
    reportMadeByPhone: ({ event }) => is(event, 'SUBMIT_REPORT') && event.method === 'phone',
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
      // Who reported is who sends the event (the engine's actor), never a name the event gives.
      const made: ReportRecord = { ...report, at: context.now, reporter: context.actor };
      return { concerns: updateOpenConcern(context, { status: 'reported', reports: [...(open?.reports ?? []), made] }) };
    }),
    recordDecisionNotToReport: assign(({ context, event }) => {
      assertEvent(event, 'DECIDE_NOT_TO_REPORT');
      return { concerns: updateOpenConcern(context, { status: 'closed', decidedNotToReport: { reason: event.reason, at: context.now, by: context.actor } }) };
    }),
    recordReportAcknowledged: assign(({ context, event }) => {
      assertEvent(event, 'ACKNOWLEDGE_REPORT');
      return { concerns: updateOpenConcern(context, { status: 'acknowledged', acknowledgedReference: event.reference }) };
    }),
    recordConcernOutcome: assign(({ context, event }) => {
      assertEvent(event, 'RECORD_CONCERN_OUTCOME');
      return { concerns: updateOpenConcern(context, { status: 'closed', outcome: { outcome: event.outcome, notes: event.notes, at: context.now, by: context.actor } }) };
    }),
  },
});

const escalationSetup = processSetup.extend(escalationRules);

const notReportedYet = { concernReported: overdue('concernReported', 'coordinator', { once: true }) };

/**
 * The first report of the concern, from `raised` (a mandated person reporting directly) or from
 * `liaisonConsulted`: by phone it waits for the written report, otherwise it is made in writing.
 * The designated liaison person is told of every report (they keep the record of reports).
 */
const firstReport = [
  {
    guard: and(['reportMadeByPhone', 'reportReady']),
    target: 'reported.phoned',
    actions: ['recordReport' as const, endDeadlines('concernReported'), notify('designatedLiaisonPerson', 'SUBMIT_REPORT')],
  },
  {
    guard: 'reportReady' as const,
    target: 'reported',
    actions: ['recordReport' as const, endDeadlines('concernReported'), notify('designatedLiaisonPerson', 'SUBMIT_REPORT')],
  },
];

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
      WITHDRAW_CONSENT: { actions: ['recordConsentWithdrawn', notify('peopleInvolved', 'WITHDRAW_CONSENT'), notify('designatedLiaisonPerson', 'WITHDRAW_CONSENT')], meta: CONSENT_CHANGES },
    },
    states: {
      raised: {
        meta: {
          description:
            'Concern raised: what was seen or said, immediate safety; the designated liaison person is consulted, or a mandated person reports directly.',
          permissions: allow('CONSULT_LIAISON', 'SUBMIT_REPORT'),
        },
        after: notReportedYet,
        on: {
          CONSULT_LIAISON: { target: 'liaisonConsulted', actions: 'recordLiaisonConsulted' },
          // A mandated person reports to the statutory service themself (Children First Act 2015, s. 14(1)).
          SUBMIT_REPORT: firstReport,
        },
      },
      liaisonConsulted: {
        meta: {
          description: 'The designated liaison person decides whether to report to the statutory service.',
          permissions: allow('SUBMIT_REPORT', 'DECIDE_NOT_TO_REPORT'),
        },
        after: notReportedYet,
        on: {
          SUBMIT_REPORT: firstReport,
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
        // After a phone report the written report is still owed: an acknowledgement of the call does not end it.
        on: { ACKNOWLEDGE_REPORT: { guard: 'writtenReportMade', target: 'acknowledged', actions: 'recordReportAcknowledged' } },
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
              // Only a written report follows a phone report: a second phone report is refused.
              SUBMIT_REPORT: { guard: 'writtenReportReady', target: 'inWriting', actions: ['recordReport', notify('designatedLiaisonPerson', 'SUBMIT_REPORT')] },
            },
          },
          // The written report that follows a phone report is written into the report document too.
          inWriting: {
            meta: { description: 'The report is made in writing (or through the portal).', document: 'childProtectionReport' },
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
      // Each decision on the concern is written into its report: the outcome, or the decision not to report.
      outcome: {
        type: 'final',
        meta: { description: 'Outcome recorded: stepped up to social work, returned to early intervention, or no further action.', document: 'childProtectionReport' },
      },
      notReported: {
        type: 'final',
        meta: { description: 'The designated liaison person decided not to report, with the reason recorded.', document: 'childProtectionReport' },
      },
    },
  };
}

export const escalationMachine = escalationSetup.createMachine(standalone('escalation', escalationStage('standalone')));

export const escalationWorkflow = defineProcessWorkflow('escalation', escalationMachine, 'escalation');
