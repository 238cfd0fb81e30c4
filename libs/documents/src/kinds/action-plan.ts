/**
 * Action Plan (domain.md process 4): who does what by when, each action answering a need or a
 * desired outcome, the child's views, and the sign-off block naming the exact plan version and
 * the hash of the document signed. A plain-language family version is made from the same view
 * model. Produced in `actionPlan.awaitingFamilySignOff` (the version the family reads and signs)
 * and `actionPlan.active` (signed off).
 */
import { dueOn } from '@tacu/domain';
import type { CaseContext } from '@tacu/workflows';
import { baseOf, leadContactOf, ownWordsOf, personOf, signOffOf } from '../builder-kit';
import type { BuildInput, CaseFacts } from '../facts';
import type { BaseViewModel, ContactView, OwnWords, PersonView, SignOffView } from '../view-model';

/** One action of the plan. */
export interface ActionView {
  /** Stable id across plan versions (`a1`). */
  id: string;
  /** The need or desired outcome it answers. */
  answers: string;
  what: string;
  /** A practitioner and their agency, or a member of the family (with their relationship). */
  owner: PersonView | null;
  /** YYYY-MM-DD, or null. */
  dueDate: string | null;
  /** `notStarted`, `inProgress`, `done`, `notDone` (ACTION_STATUSES). */
  status: string;
  progress: string | null;
}

export interface ActionPlanView extends BaseViewModel {
  /** `drafting`, `awaitingFamilySignOff` or `active`. */
  planStatus: string;
  /** The plan is being changed after the family asked for changes: nothing in this issue is to be signed. */
  beingChanged: boolean;
  actions: ActionView[];
  childViews: OwnWords;
  signOff: SignOffView;
  /** Changes the family asked for in earlier versions, oldest first. */
  changesRequested: { planVersion: number; changes: string; at: string }[];
  /** The local day (YYYY-MM-DD) the first review of the plan is due by, once the review cycle has started; else null. */
  nextReviewBy: string | null;
  /** Who the family can call about the plan: the lead practitioner. */
  whoToCall: ContactView | null;
}

/** The day the running review cycle is due by (its `reviewOverdue` deadline), or null when none runs or it cannot be counted. */
export function reviewDueDay(context: CaseContext): string | null {
  const start = context.deadlineStarts.reviewOverdue;
  const rule = context.deadlineRules.reviewOverdue;
  if (!start || !rule) return null;
  try {
    return dueOn(rule, start, context.calendar);
  } catch {
    // A day outside the calendar's window: the document says "usually every 6 to 8 weeks" instead.
    return null;
  }
}

/** The current plan's actions as documents show them: owners with their relationship or agency. */
export function actionsOf(context: CaseContext, facts: CaseFacts): ActionView[] {
  return context.plan.actions.map((a) => ({
    id: a.id,
    answers: a.answers,
    what: a.what,
    owner: a.owner ? personOf(a.owner, facts) : null,
    dueDate: a.dueDate ?? null,
    status: a.status,
    progress: a.progress ?? null,
  }));
}

/** The action plan as the context holds it when it is sent for sign-off, signed off, or sent back with the family's changes. */
export function buildActionPlan(input: BuildInput<CaseContext>): ActionPlanView {
  const { context, facts } = input;
  return {
    ...baseOf(input),
    planStatus: context.plan.status,
    beingChanged: context.plan.status === 'drafting' && context.plan.changeRequests.length > 0,
    actions: actionsOf(context, facts),
    childViews: ownWordsOf(context.plan.childViews),
    signOff: signOffOf(context),
    changesRequested: context.plan.changeRequests.map((r) => ({ planVersion: r.planVersion, changes: r.changesRequested, at: r.at })),
    nextReviewBy: context.plan.status === 'active' || context.review.cycles > 0 ? reviewDueDay(context) : null,
    whoToCall: leadContactOf(context, facts),
  };
}
