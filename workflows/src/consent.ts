/**
 * Case-wide rules every machine keeps at its root, whatever the stage: the family's consent
 * (RECORD_CONSENT gives, widens or narrows it; WITHDRAW_CONSENT withdraws it; whether it still
 * stands) and who leads the case (ASSIGN_LEAD_PRACTITIONER). What a process checks of consent
 * at one step is in its own file: written consent with its scopes at submission
 * (`request-for-support.machine.ts`), agencies covered by it at the invitation
 * (`support-meeting.machine.ts`).
 */
import { assertEvent, assign } from 'xstate';
import { consentStillStands, toConsentRecord } from '@tacu/domain';
import { defineRules } from './setup';

export const consentRules = defineRules({
  rules: {
    consentStillStands: (c) => consentStillStands(c.consent),
  },
  actions: {
    recordConsent: assign(({ context, event }) => {
      assertEvent(event, 'RECORD_CONSENT');
      return { consent: toConsentRecord(event), request: context.request };
    }),
    recordConsentWithdrawn: assign(({ context, event }) => {
      assertEvent(event, 'WITHDRAW_CONSENT');
      // Withdrawn before any consent was written down: the withdrawal is still recorded.
      const base = context.consent ?? {
        givenBy: { name: event.withdrawnBy.name, hasParentalResponsibility: false },
        scopes: { takePart: false, keepRecords: false, shareWithAgencies: [] },
        youngPersonConsent: { given: false },
        signedOn: '',
      };
      return { consent: { ...base, withdrawn: { by: event.withdrawnBy, reason: event.reason, at: context.now } } };
    }),
    assignLeadPractitioner: assign(({ event }) => {
      assertEvent(event, ['ASSIGN_LEAD_PRACTITIONER', 'REGISTER_REQUEST']);
      return { leadPractitionerId: event.leadPractitionerId };
    }),
  },
});
