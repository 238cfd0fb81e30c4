/**
 * Case-wide rules every machine keeps at its root, whatever the stage: each person's consent
 * (RECORD_CONSENT gives, refuses, widens or narrows one person's consent, beside the others';
 * WITHDRAW_CONSENT withdraws one person's; whether what every required consent allows still
 * lets the case go on), the coordinator's decision after a withdrawal (DECIDE_ON_WITHDRAWAL),
 * and who leads the case (ASSIGN_LEAD_PRACTITIONER). The consent rules themselves are in
 * libs/domain `consent.rules.ts`; the organisation's choices (what a withdrawal does, the
 * young person's consent age) in `policy` (libs/domain `consent-policy.ts`). What a process checks
 * of consent at one step is in its own file: written consent with its scopes at submission
 * (`request-for-support.machine.ts`), agencies covered by it at the invitation
 * (`support-meeting.machine.ts`), who signs the plan (`action-plan.machine.ts`).
 */
import { assertEvent, assign } from 'xstate';
import {
  consentCanBeRecorded,
  consentPolicyOf,
  consentStillStands,
  fail,
  OK,
  parentConsentStands,
  withConsentRecorded,
  withConsentWithdrawn,
  withWithdrawalsDecided,
  type CaseConsent,
} from '@tacu/domain';
import type { CaseContext } from './context';
import { defineRules, is } from './setup';

/**
 * What the rules read of the case's consent: each person's, and whether the young person is of
 * age (`youngPersonOfAge`, written by the engine). Tolerates a context missing either (a
 * snapshot restored before its upgrade, in tests).
 */
export function consentOf(context: Pick<CaseContext, 'consents' | 'youngPersonOfAge'>): CaseConsent {
  return { people: context.consents ?? [], youngPersonOfAge: context.youngPersonOfAge ?? false };
}

export const consentRules = defineRules({
  rules: {
    /** Every required consent stands: at least one parent/carer's, none withdrawn and waiting, the young person's where of age, all to take part. */
    consentStillStands: (c) => consentStillStands(consentOf(c)),
    /** RECORD_CONSENT: no agency both shared with and not to be shared with; a refusal is not a withdrawal in disguise. */
    consentCanBeRecorded: (c, e) => consentCanBeRecorded(consentOf(c), is(e, 'RECORD_CONSENT') ? e : null),
    /** DECIDE_ON_WITHDRAWAL to continue: without the withdrawn consent, what remains still lets the case go on. */
    remainingConsentSuffices: (c, e) => {
      if (!is(e, 'DECIDE_ON_WITHDRAWAL') || e.decision !== 'continueWithRemainingConsent') {
        return fail('Continuing needs the decision continueWithRemainingConsent (DECIDE_ON_WITHDRAWAL).');
      }
      const remaining = consentStillStands({ ...consentOf(c), people: withWithdrawalsDecided(c.consents ?? [], e.reason, c.now) });
      return remaining.ok
        ? OK
        : fail(
            `The remaining consent does not let the case continue: ${remaining.reason} Close the case (DECIDE_ON_WITHDRAWAL with decision closeCase), or wait until consent is given again (RECORD_CONSENT).`,
          );
    },
  },
  guards: {
    /**
     * WITHDRAW_CONSENT closes the case at once: the organisation's policy says so
     * (`consentWithdrawal: 'closeCase'`), or no parent/carer's consent to take part remains
     * after it (the last consent). Otherwise processing stops and the coordinator decides.
     */
    withdrawalClosesCase: ({ context, event }) => {
      if (!is(event, 'WITHDRAW_CONSENT')) return false;
      if (consentPolicyOf(context.policy).consentWithdrawal === 'closeCase') return true;
      return !parentConsentStands({ ...consentOf(context), people: withConsentWithdrawn(context.consents ?? [], event, context.now) });
    },
    /** DECIDE_ON_WITHDRAWAL: the coordinator closes the case. */
    decidesToClose: ({ event }) => is(event, 'DECIDE_ON_WITHDRAWAL') && event.decision === 'closeCase',
  },
  actions: {
    /** One person's consent: theirs is replaced by the new version (kept in its history), another's is added beside. */
    recordConsent: assign(({ context, event }) => {
      assertEvent(event, 'RECORD_CONSENT');
      return { consents: withConsentRecorded(context.consents ?? [], event, context.now) };
    }),
    /** That person's consent is withdrawn (recorded even if it was never written down). */
    recordConsentWithdrawn: assign(({ context, event }) => {
      assertEvent(event, 'WITHDRAW_CONSENT');
      return { consents: withConsentWithdrawn(context.consents ?? [], event, context.now) };
    }),
    /** The coordinator continues without the withdrawn consent: it no longer counts, and stays recorded. */
    recordWithdrawalDecision: assign(({ context, event }) => {
      assertEvent(event, 'DECIDE_ON_WITHDRAWAL');
      return { consents: withWithdrawalsDecided(context.consents ?? [], event.reason, context.now) };
    }),
    assignLeadPractitioner: assign(({ event }) => {
      assertEvent(event, ['ASSIGN_LEAD_PRACTITIONER', 'REGISTER_REQUEST']);
      return { leadPractitionerId: event.leadPractitionerId };
    }),
  },
});
