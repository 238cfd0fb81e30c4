import type { Invitee } from '../events';
import { fail, OK, type RuleResult } from './rule-result';

/** The family approves every person invited to the Child and Family Support Meeting. */
export function everyInviteeApprovedByFamily(invitees: readonly Invitee[] | undefined): RuleResult {
  const list = invitees ?? [];
  if (list.length === 0) {
    return fail('Nobody is invited: add the people the family agreed to, then send the invitation (INVITE_TO_MEETING).');
  }
  const notApproved = list.filter((i) => !i.approvedByFamily).map((i) => i.name);
  if (notApproved.length > 0) {
    return fail(
      `The family has not approved ${notApproved.join(', ')}: ask the family whether they agree to ${notApproved.length === 1 ? 'this person' : 'these people'} coming, or remove them from the invitation.`,
    );
  }
  return OK;
}
