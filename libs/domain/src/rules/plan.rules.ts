import type { PlannedAction } from '../events';
import { fail, isBlank, OK, type RuleResult } from './rule-result';

/** The plan has at least one action, and every action has an owner (person and agency) and a due date. */
export function everyActionHasOwnerAndDueDate(actions: readonly PlannedAction[] | undefined): RuleResult {
  const list = actions ?? [];
  if (list.length === 0) {
    return fail('The action plan has no actions: add at least one action, with its owner and due date (DRAFT_PLAN).');
  }
  const noOwner = list.filter((a) => !a.owner || isBlank(a.owner.name) || isBlank(a.owner.agency));
  if (noOwner.length > 0) {
    return fail(
      `${noOwner.map((a) => `"${a.what}"`).join(', ')} ${noOwner.length === 1 ? 'has' : 'have'} no owner: name the person and agency responsible for each action (DRAFT_PLAN).`,
    );
  }
  const noDue = list.filter((a) => isBlank(a.dueDate));
  if (noDue.length > 0) {
    return fail(`${noDue.map((a) => `"${a.what}"`).join(', ')} ${noDue.length === 1 ? 'has' : 'have'} no due date: give each action a due date (DRAFT_PLAN).`);
  }
  return OK;
}

/** The family's sign-off names the exact version of the plan now awaiting sign-off. */
export function signOffNamesCurrentPlanVersion(signedVersion: number | undefined, currentVersion: number): RuleResult {
  if (currentVersion < 1) {
    return fail('There is no drafted plan to sign: draft the action plan (DRAFT_PLAN) first.');
  }
  if (signedVersion !== currentVersion) {
    return fail(
      `The sign-off names version ${signedVersion ?? '(none)'} of the action plan but the current version is ${currentVersion}: show the family version ${currentVersion} and record their sign-off of that version.`,
    );
  }
  return OK;
}

/**
 * A changed plan needs a new sign-off: a version the family already signed is not sent for
 * sign-off again; the revision is drafted as a new version first.
 */
export function planChangedSinceSignOff(currentVersion: number, signedVersions: readonly number[]): RuleResult {
  if (signedVersions.includes(currentVersion)) {
    return fail(
      `Version ${currentVersion} of the action plan is already signed off: draft the changes as a new version (DRAFT_PLAN) and ask the family to sign that version.`,
    );
  }
  return OK;
}
