/**
 * The contact log, case-wide (domain.md "The unit of work": contacts with the family are logged):
 * RECORD_CONTACT records a visit, call or message with the family, in every active state. Its
 * entries are the case's history (who recorded it, when, and the event's data); the context keeps
 * only what the machine decides with: when the latest contact took place.
 *
 * The "no contact with the family for 4 weeks" alert (`noContactWithFamily`, domain.md "Review")
 * is a timer at the root of the case: it starts when the case opens, starts again at
 * registration and at each contact later than where it counts from (from the contact's
 * `contactedOn`), and when it fires it tells the coordinator; it changes nothing else and is not
 * a stage's due date. It is restarted the way XState arms an `after` delay (a delayed raise with
 * the delay's own id), so the engine keeps it as the same durable timer: cancelled and written
 * again in the transaction of the contact.
 */
import { assertEvent, assign, cancel, raise } from 'xstate';
import { defineRules, is, remainingMs } from './setup';
import { startDeadline } from './stage-kit';

/** The id XState gives the root's `after: { noContactWithFamily }` timer: the restart reuses it. */
export const NO_CONTACT_TIMER = 'xstate.after.noContactWithFamily.case';

/** The later of two instants (ISO, with a zone); the other when one is missing. */
function later(a: string | null | undefined, b: string): string {
  return a !== null && a !== undefined && Date.parse(a) > Date.parse(b) ? a : b;
}

export const contactLogRules = defineRules({
  guards: {
    /**
     * The contact took place after the time the alert counts from now (a contact recorded late,
     * dated before the last one or before registration, does not move it back). Counts from
     * nothing yet (a case opened before the alert existed): the contact starts it.
     */
    contactRestartsAlert: ({ context, event }) => {
      if (!is(event, 'RECORD_CONTACT')) return false;
      const countsFrom = context.deadlineStarts.noContactWithFamily;
      return countsFrom === undefined || Date.parse(event.contactedOn) > Date.parse(countsFrom);
    },
  },
  actions: {
    /** The latest contact with the family (the entry itself is the event in the history). */
    recordContact: assign(({ context, event }) => {
      assertEvent(event, 'RECORD_CONTACT');
      return { lastContactWithFamilyAt: later(context.lastContactWithFamilyAt, event.contactedOn) };
    }),
    cancelNoContactAlert: cancel(NO_CONTACT_TIMER),
    // The event is the timer's own (XState's `after` event), so the root's `after` handles it;
    // the delay is the named delay's own computation.
    armNoContactAlert: raise({ type: NO_CONTACT_TIMER } as never, { id: NO_CONTACT_TIMER, delay: ({ context }) => remainingMs(context, 'noContactWithFamily') }),
  },
});

/**
 * Starts the "no contact" alert again, counted from now (registration) or from the contact's
 * `contactedOn`: the pending timer is cancelled, the deadline's start recorded, the timer armed
 * (in this order: the delay is computed from the start just recorded).
 */
export function restartNoContactAlert(countsFrom: 'now' | 'contact') {
  return ['cancelNoContactAlert' as const, startDeadline('noContactWithFamily', countsFrom), 'armNoContactAlert' as const];
}
