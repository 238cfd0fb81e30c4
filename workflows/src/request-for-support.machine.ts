/**
 * 1. Request for support (domain.md): draft → awaitingConsent → submitted → registered |
 * redirected | declined. Consent is the guard: nothing is submitted without written consent,
 * scope by scope. The coordinator registers (confirming or assigning the lead practitioner),
 * redirects to another service, or declines with a reason. Families may ask themselves.
 */
import { assertEvent, assign } from 'xstate';
import { hasValidConsent, requestDetailsRecorded } from '@tacu/domain';
import { allow } from './permissions';
import { consentOf } from './consent';
import { defineRules, type StateConfigOf } from './setup';
import { defineProcessWorkflow } from './workflow-kit';
import { endDeadlines, notify, overdue, processSetup, standalone, startDeadline, type Mode } from './stage-kit';

export const requestForSupportRules = defineRules({
  rules: {
    /** Written consent, scope by scope, of every required person: parents/carers with parental responsibility who consented (at least one), and the young person's where of age (below it, theirs or why not). */
    hasValidConsent: (c) => hasValidConsent(consentOf(c)),
    requestDetailsRecorded: (c) => requestDetailsRecorded(c.request.reasonForRequest),
  },
  actions: {
    recordRequestDetails: assign(({ context, event }) => {
      assertEvent(event, 'RECORD_REQUEST_DETAILS');
      // Details without a checklist keep the one the case was opened from: its ratings stay the baseline.
      return { request: { ...context.request, reasonForRequest: event.reasonForRequest, preRequestChecklist: event.preRequestChecklist ?? context.request.preRequestChecklist } };
    }),
    recordConsentRequested: assign(({ context }) => ({ request: { ...context.request, consentRequestedAt: context.now } })),
    recordSubmission: assign(({ context }) => ({ request: { ...context.request, submittedAt: context.now } })),
    recordRegistration: assign(({ context, event }) => {
      assertEvent(event, 'REGISTER_REQUEST');
      return { leadPractitionerId: event.leadPractitionerId, request: { ...context.request, outcome: 'registered' as const } };
    }),
    recordRedirect: assign(({ context, event }) => {
      assertEvent(event, 'REDIRECT_REQUEST');
      return { request: { ...context.request, outcome: 'redirected' as const, redirectedTo: { service: event.service, reason: event.reason } } };
    }),
    recordDecline: assign(({ context, event }) => {
      assertEvent(event, 'DECLINE_REQUEST');
      return { request: { ...context.request, outcome: 'declined' as const, declineReason: event.reason } };
    }),
  },
});

const requestForSupportSetup = processSetup.extend(requestForSupportRules);

export function requestForSupportStage(_mode: Mode): StateConfigOf<typeof requestForSupportSetup> {
  return {
    initial: 'draft',
    meta: {
      description: 'Request for support: the request is written, the family consents, the coordinator decides.',
    },
    exit: endDeadlines('requestRegistration'),
    states: {
      draft: {
        meta: {
          description: 'The request is being written: why support is asked for, and the pre-request checklist.',
          document: 'requestForSupport',
          permissions: allow('RECORD_REQUEST_DETAILS', 'REQUEST_CONSENT'),
        },
        on: {
          RECORD_REQUEST_DETAILS: { actions: 'recordRequestDetails' },
          REQUEST_CONSENT: {
            guard: 'requestDetailsRecorded',
            target: 'awaitingConsent',
            actions: ['recordConsentRequested', notify('parentCarer', 'REQUEST_CONSENT')],
          },
        },
      },
      awaitingConsent: {
        meta: {
          // No consent record here: nobody has consented yet. Each consent recorded issues it (RECORD_CONSENT's meta).
          description: "Waiting for the family's written consent, scope by scope (take part, keep records, share with each named agency).",
          permissions: allow('RECORD_REQUEST_DETAILS', 'SUBMIT_REQUEST'),
        },
        on: {
          RECORD_REQUEST_DETAILS: { actions: 'recordRequestDetails' },
          SUBMIT_REQUEST: {
            guard: 'hasValidConsent',
            target: 'submitted',
            actions: ['recordSubmission', notify('coordinator', 'SUBMIT_REQUEST')],
          },
        },
      },
      submitted: {
        meta: {
          description: 'Submitted to the coordinator, who registers, redirects or declines it.',
          document: 'requestForSupport',
          permissions: allow('REGISTER_REQUEST', 'REDIRECT_REQUEST', 'DECLINE_REQUEST'),
        },
        entry: startDeadline('requestRegistration'),
        exit: endDeadlines('requestRegistration'),
        after: { requestRegistration: overdue('requestRegistration') },
        on: {
          REGISTER_REQUEST: {
            target: 'registered',
            actions: ['recordRegistration', notify('leadPractitioner', 'REGISTER_REQUEST'), notify('parentCarer', 'REGISTER_REQUEST')],
          },
          REDIRECT_REQUEST: { target: 'redirected', actions: ['recordRedirect', notify('peopleInvolved', 'REDIRECT_REQUEST')] },
          DECLINE_REQUEST: { target: 'declined', actions: ['recordDecline', notify('peopleInvolved', 'DECLINE_REQUEST')] },
        },
      },
      // The coordinator's decision (and its reason) is written into the request the family reads.
      registered: {
        type: 'final',
        meta: { description: 'Registered: a lead practitioner is confirmed and the assessment can start.', document: 'requestForSupport' },
      },
      redirected: {
        type: 'final',
        meta: { description: 'Redirected to another service better placed to help.', document: 'requestForSupport' },
      },
      declined: {
        type: 'final',
        meta: { description: 'Declined, with the reason given to the family and the requester.', document: 'requestForSupport' },
      },
    },
  };
}

export const requestForSupportMachine = requestForSupportSetup.createMachine(standalone('requestForSupport', requestForSupportStage('standalone')));

export const requestForSupportWorkflow = defineProcessWorkflow('requestForSupport', requestForSupportMachine, 'request');
